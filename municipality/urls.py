from django.urls import path

from . import views

app_name = "municipality"

urlpatterns = [
    path("city/logo/<str:version>/", views.logo, name="logo"),
]
