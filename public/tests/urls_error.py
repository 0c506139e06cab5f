"""A URLconf with a view that fails, to check the 500 page is served."""

from django.urls import include, path


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom), path("", include("newsroom.urls"))]
