from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.session_list, name="sessions"),
]
