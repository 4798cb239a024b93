from django.urls import path

from .views import (
    applications,
    autosave,
    call_questions,
    calls,
    home,
    proposer,
    readlog,
    staff,
    worklist,
)

app_name = "proposals"

urlpatterns = [
    # The proposer's pages.
    path("my/", proposer.dashboard, name="dashboard"),
    path("proposals/new/free/", proposer.create_free, name="create_free"),
    path("proposals/new/theme/<int:number>/", proposer.create_theme, name="create_theme"),
    path("proposals/<id:pk>/", proposer.detail, name="detail"),
    path("proposals/<id:pk>/edit/", proposer.edit, name="edit"),
    path("proposals/<id:pk>/autosave/", autosave.autosave_proposal, name="autosave"),
    path("proposals/<id:pk>/submit/", proposer.submit, name="submit"),
    path("proposals/<id:pk>/withdraw/", proposer.withdraw, name="withdraw"),
    path("proposals/<id:pk>/delete/", proposer.delete, name="delete"),
    path("proposals/<id:pk>/files/", proposer.upload, name="upload"),
    path("proposals/<id:pk>/files/<id:file_pk>/", proposer.attachment, name="attachment"),
    path(
        "proposals/<id:pk>/files/<id:file_pk>/delete/",
        proposer.attachment_delete,
        name="attachment_delete",
    ),
    path("proposals/<id:pk>/versions/<int:number>/", proposer.version, name="version"),
    # Applying to a published open call.
    path("calls/<int:number>/apply/", applications.create_application, name="create_application"),
    # A question on a published open call, answered publicly for everyone (原則3).
    path("calls/<int:number>/questions/", call_questions.ask, name="call_question"),
    # The city's side of a case (office and departments in charge).
    path("staff/", home.staff_home, name="staff_home"),
    path("staff/cases/", worklist.work_list, name="staff_cases"),
    path("staff/cases/export.csv", worklist.work_list_export, name="staff_cases_export"),
    path("staff/cases/print/", worklist.work_list_print, name="staff_cases_print"),
    path("staff/cases/<id:pk>/", staff.case, name="staff_case"),
    path("staff/cases/<id:pk>/departments/assign/", staff.assign, name="staff_assign"),
    path("staff/cases/<id:pk>/departments/unassign/", staff.unassign, name="staff_unassign"),
    path("staff/cases/<id:pk>/steps/<str:step>/", staff.take_step, name="staff_step"),
    path("staff/cases/<id:pk>/read-log/", readlog.read_log, name="staff_read_log"),
    path("staff/cases/<id:pk>/read-log.csv", readlog.read_log_csv, name="staff_read_log_csv"),
    path("staff/cases/<id:pk>/goals/new/", staff.goal_edit, name="goal_create"),
    path("staff/cases/<id:pk>/goals/<id:goal_pk>/", staff.goal_edit, name="goal_edit"),
    path(
        "staff/cases/<id:pk>/goals/<id:goal_pk>/delete/",
        staff.goal_delete,
        name="goal_delete",
    ),
    # The office's open call.
    path("staff/cases/<id:pk>/call/", calls.call_edit, name="call_edit"),
    path("staff/cases/<id:pk>/call/publish/", calls.call_publish, name="call_publish"),
]
