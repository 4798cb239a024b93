from django.urls import path

from . import views

app_name = "terms"

urlpatterns = [
    path("terms/<slug:kind>/", views.document, name="document"),
    path("terms/<slug:kind>/<int:number>/", views.version, name="version"),
]
