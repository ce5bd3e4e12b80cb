from django.urls import path

from requests import views

app_name = "applications"

urlpatterns = [
    path("start/", views.start, name="start"),
]
