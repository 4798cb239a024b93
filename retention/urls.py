from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("staff/retention/", views.candidates, name="candidates"),
    path("staff/retention/<id:pk>/approve/", views.approve, name="approve"),
    path("my/export/", views.export_page, name="export"),
    path("my/export/download/", views.export_download, name="export_download"),
    path("my/close/", views.close, name="close"),
]
