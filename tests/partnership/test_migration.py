"""The move of the agreement and monitoring tables from proposals to partnership (issue 11)
keeps every row, its history and the content types that permissions point at, both ways:
rows written by the models as they were before the move are found through the new models
after it, and the other way round after `migrate partnership zero` + `migrate proposals 0006`.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.roles import OFFICE_STAFF
from partnership.models import (
    Agreement,
    AgreementDocument,
    ImprovementAction,
    IndicatorResult,
    MonitoringReport,
    RoleRiskItem,
)
from proposals.models import Indicator, SharedGoal
from tests.factories.accounts import OfficeUserFactory
from tests.scenarios import submitted_case

# Migrations change the schema: outside the test's transaction, and the seeded rows (groups,
# permissions, content types) restored afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("proposals", "0006_adoption_on_the_case")]  # and partnership at zero
MOVED = (
    "agreement",
    "roleriskitem",
    "agreementdocument",
    "monitoringreport",
    "indicatorresult",
    "improvementaction",
    "historicalagreement",
    "historicalroleriskitem",
    "historicalmonitoringreport",
    "historicalindicatorresult",
    "historicalimprovementaction",
)
TODAY = datetime.date(2026, 11, 30)


def _migrate(targets):
    """Migrate to `targets` on a fresh loader; the apps of the state reached."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    ContentType.objects.clear_cache()
    return executor.loader.project_state([target for target in targets if target[1]]).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _content_types(app_label) -> dict[str, int]:
    return dict(
        ContentType.objects.filter(app_label=app_label, model__in=MOVED).values_list("model", "pk")
    )


def _office_view_permissions() -> set[tuple[str, str]]:
    office = Group.objects.get(name=OFFICE_STAFF)
    return set(
        office.permissions.filter(content_type__model__in=MOVED).values_list(
            "content_type__app_label", "codename"
        )
    )


def _write_as_before(apps, *, case_pk, indicator_pk, user_pk) -> dict[str, int]:
    """One row of every table (and of their history tables) through proposals' models."""
    model = lambda name: apps.get_model("proposals", name)  # noqa: E731
    now = timezone.now()
    agreement = model("Agreement").objects.create(
        proposal_id=case_pk,
        title="移行前の協定",
        starts_on=TODAY,
        incentives="利用率目標達成で1年延長。",
        signed_on=TODAY,
        signed_by_id=user_pk,
        created_by_id=user_pk,
    )
    item = model("RoleRiskItem").objects.create(
        agreement=agreement, item="システム障害", risk_bearer="business", order=10
    )
    document = model("AgreementDocument").objects.create(
        agreement=agreement,
        file="agreements/2026/11/0123456789abcdef0123456789abcdef.pdf",
        original_name="協定書.pdf",
        size=1234,
        content_type="application/pdf",
        uploaded_by_id=user_pk,
    )
    report = model("MonitoringReport").objects.create(
        proposal_id=case_pk,
        period_start=TODAY - datetime.timedelta(days=90),
        period_end=TODAY,
        summary="予約システムを運用した。",
        created_by_id=user_pk,
    )
    result = model("IndicatorResult").objects.create(
        report=report, indicator_id=indicator_pk, value="62", is_public=True
    )
    action = model("ImprovementAction").objects.create(
        proposal_id=case_pk,
        report=report,
        description="周知の強化",
        owner_side="both",
        owner_name="双方",
        due_on=TODAY,
        created_by_id=user_pk,
    )
    history = {"history_date": now, "history_type": "+", "history_user_id": user_pk}
    model("HistoricalAgreement").objects.create(
        id=agreement.pk,
        proposal_id=case_pk,
        title=agreement.title,
        starts_on=TODAY,
        incentives=agreement.incentives,
        created_by_id=user_pk,
        **history,
    )
    model("HistoricalRoleRiskItem").objects.create(
        id=item.pk, agreement_id=agreement.pk, item=item.item, risk_bearer="business", **history
    )
    model("HistoricalMonitoringReport").objects.create(
        id=report.pk,
        proposal_id=case_pk,
        period_start=report.period_start,
        period_end=TODAY,
        summary=report.summary,
        created_at=now,
        created_by_id=user_pk,
        **history,
    )
    model("HistoricalIndicatorResult").objects.create(
        id=result.pk, report_id=report.pk, indicator_id=indicator_pk, value="62", **history
    )
    model("HistoricalImprovementAction").objects.create(
        id=action.pk,
        proposal_id=case_pk,
        report_id=report.pk,
        description=action.description,
        owner_side="both",
        owner_name="双方",
        due_on=TODAY,
        created_at=now,
        created_by_id=user_pk,
        **history,
    )
    return {
        "agreement": agreement.pk,
        "item": item.pk,
        "document": document.pk,
        "report": report.pk,
        "result": result.pk,
        "action": action.pk,
    }


def test_the_rows_written_before_the_move_are_found_after_it_and_back_again():
    office = OfficeUserFactory()
    case = submitted_case()
    goal = SharedGoal.objects.create(
        proposal=case, viewpoint="citizens", description="予約の利便性向上", updated_by=office
    )
    indicator = Indicator.objects.create(goal=goal, name="オンライン予約率", target="80")
    latest = _latest()
    try:
        old = _migrate(BEFORE + [("partnership", None)])
        assert not {"partnership"} & {model._meta.app_label for model in old.get_models()}
        old_types = _content_types("proposals")
        old_permissions = _office_view_permissions()
        keys = _write_as_before(old, case_pk=case.pk, indicator_pk=indicator.pk, user_pk=office.pk)

        _migrate(latest)

        agreement = Agreement.objects.get(pk=keys["agreement"])
        assert (agreement.proposal_id, agreement.title, agreement.signed_by_id) == (
            case.pk,
            "移行前の協定",
            office.pk,
        )
        assert case.agreement == agreement  # the reverse accessor on the case, as before
        assert list(agreement.items.values_list("pk", "item")) == [(keys["item"], "システム障害")]
        document = AgreementDocument.objects.get(pk=keys["document"])
        assert (document.agreement_id, document.original_name, document.file.name) == (
            agreement.pk,
            "協定書.pdf",
            "agreements/2026/11/0123456789abcdef0123456789abcdef.pdf",
        )
        report = MonitoringReport.objects.get(pk=keys["report"], proposal=case)
        result = IndicatorResult.objects.get(pk=keys["result"])
        assert (result.report_id, result.indicator_id, result.value) == (
            report.pk,
            indicator.pk,
            "62",
        )
        action = ImprovementAction.objects.get(pk=keys["action"])
        assert (action.report_id, action.description) == (report.pk, "周知の強化")
        assert [record.title for record in agreement.history.all()] == ["移行前の協定"]
        for model, key in (
            (RoleRiskItem, "item"),
            (MonitoringReport, "report"),
            (IndicatorResult, "result"),
            (ImprovementAction, "action"),
        ):
            assert model.history.filter(id=keys[key]).count() == 1, model
        # The content types moved as they were (same rows), the permissions with them.
        assert _content_types("partnership") == old_types
        assert len(old_types) == len(MOVED)
        assert _content_types("proposals") == {}
        assert {codename for _label, codename in _office_view_permissions()} == {
            codename for _label, codename in old_permissions
        }
        assert {label for label, _codename in _office_view_permissions()} == {"partnership"}
        assert office.has_perm("partnership.view_agreement")

        back = _migrate(BEFORE + [("partnership", None)])

        model = lambda name: back.get_model("proposals", name)  # noqa: E731
        assert model("Agreement").objects.get(pk=keys["agreement"]).title == "移行前の協定"
        assert model("RoleRiskItem").objects.get(pk=keys["item"]).agreement_id == agreement.pk
        assert model("AgreementDocument").objects.filter(pk=keys["document"]).exists()
        assert model("IndicatorResult").objects.get(pk=keys["result"]).report_id == report.pk
        assert model("ImprovementAction").objects.get(pk=keys["action"]).proposal_id == case.pk
        assert model("HistoricalAgreement").objects.filter(id=keys["agreement"]).count() == 1
        assert _content_types("proposals") == old_types
        assert _office_view_permissions() == old_permissions
    finally:
        _migrate(latest)
