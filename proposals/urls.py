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

# The city's side of a case (office and departments in charge): staff_views.py.
from . import staff_views  # noqa: E402

urlpatterns += [
    path("staff/cases/", staff_views.work_list, name="staff_cases"),
    path("staff/cases/<int:pk>/", staff_views.case, name="staff_case"),
    path(
        "staff/cases/<int:pk>/actions/<str:action>/", staff_views.take_action, name="staff_action"
    ),
    path("staff/cases/<int:pk>/goals/new/", staff_views.goal_edit, name="goal_create"),
    path("staff/cases/<int:pk>/goals/<int:goal_pk>/", staff_views.goal_edit, name="goal_edit"),
    path(
        "staff/cases/<int:pk>/goals/<int:goal_pk>/delete/",
        staff_views.goal_delete,
        name="goal_delete",
    ),
]

# Stage 3 before the selection (issue 6): the open call and the applications to it.
from . import stage_views  # noqa: E402

urlpatterns += [
    path("calls/<int:number>/apply/", stage_views.create_application, name="create_application"),
    path("staff/cases/<int:pk>/call/", stage_views.call_edit, name="call_edit"),
    path("staff/cases/<int:pk>/call/publish/", stage_views.call_publish, name="call_publish"),
]
