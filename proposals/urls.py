from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("my/", views.dashboard, name="dashboard"),
    path("proposals/new/free/", views.create_free, name="create_free"),
    path("proposals/new/theme/<int:number>/", views.create_theme, name="create_theme"),
    path("proposals/<int:pk>/", views.detail, name="detail"),
    path("proposals/<int:pk>/edit/", views.edit, name="edit"),
    path("proposals/<int:pk>/submit/", views.submit, name="submit"),
    path("proposals/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("proposals/<int:pk>/delete/", views.delete, name="delete"),
    path("proposals/<int:pk>/files/", views.upload, name="upload"),
    path("proposals/<int:pk>/files/<int:file_pk>/", views.attachment, name="attachment"),
    path(
        "proposals/<int:pk>/files/<int:file_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("proposals/<int:pk>/versions/<int:number>/", views.version, name="version"),
]
