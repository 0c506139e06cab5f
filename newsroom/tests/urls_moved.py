"""The project's URLs under /moved/, to check remembered addresses follow a change
of URLconf."""

from django.urls import include, path

urlpatterns = [path("moved/", include("newsroom.urls"))]
