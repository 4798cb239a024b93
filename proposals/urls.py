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

# Stages 3 and 4 (issue 6): the open call, applications, the agreement, monitoring.
from . import stage_views  # noqa: E402

urlpatterns += [
    path("calls/<int:number>/apply/", stage_views.create_application, name="create_application"),
    path("staff/cases/<int:pk>/call/", stage_views.call_edit, name="call_edit"),
    path("staff/cases/<int:pk>/call/publish/", stage_views.call_publish, name="call_publish"),
    path("staff/cases/<int:pk>/agreement/", stage_views.staff_agreement, name="staff_agreement"),
    path(
        "staff/cases/<int:pk>/agreement/items/new/",
        stage_views.agreement_item_edit,
        name="agreement_item_create",
    ),
    path(
        "staff/cases/<int:pk>/agreement/items/<int:item_pk>/",
        stage_views.agreement_item_edit,
        name="agreement_item_edit",
    ),
    path(
        "staff/cases/<int:pk>/agreement/items/<int:item_pk>/delete/",
        stage_views.agreement_item_delete,
        name="agreement_item_delete",
    ),
    path(
        "staff/cases/<int:pk>/agreement/documents/",
        stage_views.agreement_document_upload,
        name="agreement_document_upload",
    ),
    path("staff/cases/<int:pk>/agreement/sign/", stage_views.agreement_sign, name="agreement_sign"),
    path("proposals/<int:pk>/agreement/", stage_views.agreement, name="agreement"),
    path(
        "proposals/<int:pk>/agreement/documents/<int:document_pk>/",
        stage_views.agreement_document,
        name="agreement_document",
    ),
    path("staff/cases/<int:pk>/monitoring/", stage_views.staff_monitoring, name="staff_monitoring"),
    path(
        "staff/cases/<int:pk>/monitoring/reports/new/",
        stage_views.monitoring_report_edit,
        name="monitoring_report_create",
    ),
    path(
        "staff/cases/<int:pk>/monitoring/reports/<int:report_pk>/",
        stage_views.monitoring_report_edit,
        name="monitoring_report_edit",
    ),
    path(
        "staff/cases/<int:pk>/monitoring/reports/<int:report_pk>/delete/",
        stage_views.monitoring_report_delete,
        name="monitoring_report_delete",
    ),
    path(
        "staff/cases/<int:pk>/monitoring/actions/new/",
        stage_views.improvement_action_edit,
        name="improvement_action_create",
    ),
    path(
        "staff/cases/<int:pk>/monitoring/actions/<int:action_pk>/",
        stage_views.improvement_action_edit,
        name="improvement_action_edit",
    ),
    path(
        "staff/cases/<int:pk>/monitoring/actions/<int:action_pk>/done/",
        stage_views.improvement_action_done,
        name="improvement_action_done",
    ),
    path(
        "staff/cases/<int:pk>/monitoring/actions/<int:action_pk>/delete/",
        stage_views.improvement_action_delete,
        name="improvement_action_delete",
    ),
    path("proposals/<int:pk>/monitoring/", stage_views.monitoring_page, name="monitoring"),
]
