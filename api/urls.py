from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("v1/items/", views.items, name="items"),
    path("v1/items/<int:pk>/", views.item, name="item"),
    path("v1/schema/", views.schema, name="schema"),
]
