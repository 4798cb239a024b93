from django.urls import path

from . import views

app_name = "dialogue"

urlpatterns = [
    path("proposals/<id:pk>/dialogue/", views.thread, name="thread"),
    path("proposals/<id:pk>/dialogue/draft/", views.draft, name="draft"),
    path(
        "proposals/<id:pk>/dialogue/files/<id:file_pk>/",
        views.message_file,
        name="message_file",
    ),
    path("proposals/<id:pk>/meetings/", views.meetings, name="meetings"),
    path("proposals/<id:pk>/meetings/<id:meeting_pk>/", views.meeting, name="meeting"),
    path(
        "proposals/<id:pk>/meetings/<id:meeting_pk>/edit/",
        views.meeting_edit,
        name="meeting_edit",
    ),
]
