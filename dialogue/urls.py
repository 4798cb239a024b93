from django.urls import path

from . import views

app_name = "dialogue"

urlpatterns = [
    path("proposals/<int:pk>/dialogue/", views.thread, name="thread"),
    path(
        "proposals/<int:pk>/dialogue/files/<int:file_pk>/",
        views.message_file,
        name="message_file",
    ),
    path("proposals/<int:pk>/meetings/", views.meetings, name="meetings"),
    path("proposals/<int:pk>/meetings/<int:meeting_pk>/", views.meeting, name="meeting"),
    path(
        "proposals/<int:pk>/meetings/<int:meeting_pk>/edit/",
        views.meeting_edit,
        name="meeting_edit",
    ),
]
