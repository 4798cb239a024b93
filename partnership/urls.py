"""The agreement's and the monitoring's pages. The paths are those they had under proposals
(links and bookmarks keep working); the names are in the `partnership` namespace."""

from django.urls import path

from .views import living, proposer, staff

app_name = "partnership"

urlpatterns = [
    # The agreement (協定): the city's pages, then the proposer's.
    path("staff/cases/<id:pk>/agreement/", staff.staff_agreement, name="staff_agreement"),
    path(
        "staff/cases/<id:pk>/agreement/items/new/",
        staff.agreement_item_edit,
        name="agreement_item_create",
    ),
    path(
        "staff/cases/<id:pk>/agreement/items/<id:item_pk>/",
        staff.agreement_item_edit,
        name="agreement_item_edit",
    ),
    path(
        "staff/cases/<id:pk>/agreement/items/<id:item_pk>/delete/",
        staff.agreement_item_delete,
        name="agreement_item_delete",
    ),
    path(
        "staff/cases/<id:pk>/agreement/documents/",
        staff.agreement_document_upload,
        name="agreement_document_upload",
    ),
    path("staff/cases/<id:pk>/agreement/sign/", staff.agreement_sign, name="agreement_sign"),
    # The living agreement: changes signed by both sides, incentive rules.
    path(
        "staff/cases/<id:pk>/agreement/changes/new/",
        living.change_create,
        name="agreement_change_create",
    ),
    path(
        "staff/cases/<id:pk>/agreement/changes/<id:change_pk>/sign/",
        living.change_sign,
        name="agreement_change_sign",
    ),
    path(
        "staff/cases/<id:pk>/agreement/changes/<id:change_pk>/withdraw/",
        living.change_withdraw,
        name="agreement_change_withdraw",
    ),
    path(
        "staff/cases/<id:pk>/agreement/incentives/new/",
        living.incentive_create,
        name="incentive_rule_create",
    ),
    path(
        "staff/cases/<id:pk>/agreement/incentives/<id:rule_pk>/delete/",
        living.incentive_delete,
        name="incentive_rule_delete",
    ),
    path(
        "proposals/<id:pk>/agreement/changes/<id:change_pk>/sign/",
        living.business_change_sign,
        name="agreement_change_business_sign",
    ),
    path("proposals/<id:pk>/agreement/", proposer.agreement, name="agreement"),
    path(
        "proposals/<id:pk>/agreement/documents/<id:document_pk>/",
        proposer.agreement_document,
        name="agreement_document",
    ),
    # Monitoring (モニタリング): the city's pages, then the proposer's.
    path("staff/cases/<id:pk>/monitoring/", staff.staff_monitoring, name="staff_monitoring"),
    path(
        "staff/cases/<id:pk>/monitoring/reports/new/",
        staff.monitoring_report_edit,
        name="monitoring_report_create",
    ),
    path(
        "staff/cases/<id:pk>/monitoring/reports/<id:report_pk>/",
        staff.monitoring_report_edit,
        name="monitoring_report_edit",
    ),
    path(
        "staff/cases/<id:pk>/monitoring/reports/<id:report_pk>/delete/",
        staff.monitoring_report_delete,
        name="monitoring_report_delete",
    ),
    path(
        "staff/cases/<id:pk>/monitoring/actions/new/",
        staff.improvement_action_edit,
        name="improvement_action_create",
    ),
    path(
        "staff/cases/<id:pk>/monitoring/actions/<id:action_pk>/",
        staff.improvement_action_edit,
        name="improvement_action_edit",
    ),
    path(
        "staff/cases/<id:pk>/monitoring/actions/<id:action_pk>/done/",
        staff.improvement_action_done,
        name="improvement_action_done",
    ),
    path(
        "staff/cases/<id:pk>/monitoring/actions/<id:action_pk>/delete/",
        staff.improvement_action_delete,
        name="improvement_action_delete",
    ),
    path("proposals/<id:pk>/monitoring/", proposer.monitoring, name="monitoring"),
]
