"""The living agreement (issue 15 item 4): changes signed by both sides make the current terms;
incentive rules on the shared-goal indicators are evaluated from the monitoring reports and
shown to both sides, never to anyone else."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from partnership import changes, incentives, selectors
from partnership.models import AgreementChange, IncentiveRule
from proposals.models import Proposal
from proposals.workflow import A, transition
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.factories.proposals import pdf_bytes, upload
from tests.scenarios import TODAY, monitoring_report, operating_case

pytestmark = pytest.mark.django_db
S = Proposal.Status
K = AgreementChange.Kind
DAY = datetime.timedelta(days=1)


def _agreement(case):
    return selectors.agreement_of(case)


def _record(case, office, kind=K.EXTENSION, *, effective_in=30, ends_in=400, **fields):
    return changes.record_agreement_change(
        case=case,
        by=office,
        kind=kind,
        effective_on=TODAY() + effective_in * DAY,
        ends_on=TODAY() + ends_in * DAY if ends_in is not None else None,
        reason=fields.pop("reason", "台風で中止した回の振替のため。"),
        **fields,
    )


def _sign_both(change, office, proposer):
    changes.sign_change_for_city(
        change=change, by=office, uploaded=upload("変更契約書.pdf", pdf_bytes("change"))
    )
    return changes.sign_change_for_business(change=change, by=proposer)


def _rule(case, office, *, comparison="gte", threshold="80", effect_kind="extension", **kw):
    return incentives.add_incentive_rule(
        case=case,
        by=office,
        indicator=selectors.case_indicators(case).get(),
        comparison=comparison,
        threshold=threshold,
        effect_kind=effect_kind,
        effect_value=kw.pop("effect_value", 12),
        effect_text=kw.pop("effect_text", "契約を1年延長する。"),
    )


# Current terms ---------------------------------------------------------------------------------


def test_an_extension_applies_only_once_both_sides_have_signed_it(office_user):
    case = operating_case(office=office_user)
    agreement = _agreement(case)
    original_end = agreement.ends_on
    change = _record(case, office_user, ends_in=500)

    recorded = changes.current_terms(agreement)
    changes.sign_change_for_city(
        change=change, by=office_user, uploaded=upload("変更契約書.pdf", pdf_bytes())
    )
    city_only = changes.current_terms(agreement)
    changes.sign_change_for_business(change=change, by=case.created_by)
    both = changes.current_terms(agreement)

    assert recorded.ends_on == city_only.ends_on == original_end
    assert [pending.pk for pending in city_only.pending] == [change.pk]
    assert both.ends_on == TODAY() + 500 * DAY
    assert [applied.pk for applied in both.applied] == [change.pk]
    change.refresh_from_db()
    assert change.document.agreement == agreement
    assert (change.city_signed_by, change.business_signed_by) == (office_user, case.created_by)
    agreement.refresh_from_db()
    assert agreement.ends_on == original_end  # the original stays as signed


def test_signed_changes_apply_in_the_order_they_take_effect_not_the_order_recorded(office_user):
    case = operating_case(office=office_user)
    proposer = case.created_by
    later = _record(case, office_user, effective_in=200, ends_in=700)
    earlier = _record(case, office_user, effective_in=50, ends_in=600)  # before `later`
    amended_later = _record(
        case, office_user, K.AMENDMENT, effective_in=120, ends_in=None, terms="第5条 改定後"
    )
    amended_earlier = _record(
        case, office_user, K.AMENDMENT, effective_in=60, ends_in=None, terms="第3条 改定後"
    )
    for change in (later, amended_later, amended_earlier, earlier):
        _sign_both(change, office_user, proposer)

    terms = changes.current_terms(_agreement(case))

    assert [change.pk for change in terms.applied] == [
        earlier.pk,
        amended_earlier.pk,
        amended_later.pk,
        later.pk,
    ]
    assert [change.terms for change in terms.amended] == ["第3条 改定後", "第5条 改定後"]
    assert terms.ends_on == TODAY() + 700 * DAY


def test_an_unsigned_change_changes_nothing_and_may_be_withdrawn(office_user):
    case = operating_case(office=office_user)
    agreement = _agreement(case)
    change = _record(case, office_user, K.AMENDMENT, ends_in=None, terms="第2条 改定後")

    terms = changes.current_terms(agreement)
    changes.withdraw_agreement_change(change=change, by=office_user)

    assert terms.amended == () and terms.ends_on == agreement.ends_on
    assert not AgreementChange.objects.exists()


def test_a_signed_change_cannot_be_withdrawn(office_user):
    case = operating_case(office=office_user)
    change = _record(case, office_user)
    changes.sign_change_for_business(change=change, by=case.created_by)

    with pytest.raises(ValidationError) as refusal:
        changes.withdraw_agreement_change(change=change, by=office_user)

    assert refusal.value.code == "signed"


def test_an_extension_ending_before_the_current_end_is_refused_in_japanese(office_user):
    case = operating_case(office=office_user)
    agreement = _agreement(case)

    with translation.override("ja"), pytest.raises(ValidationError) as refusal:
        _record(case, office_user, ends_in=100)  # the term runs to day 365

    error = refusal.value.error_dict["ends_on"][0]
    assert error.code == "ends_on_not_later"
    with translation.override("ja"):
        assert "現在の終了日" in error.message
    assert not AgreementChange.objects.filter(agreement=agreement).exists()


def test_an_extension_is_judged_against_the_signed_end_before_it(office_user):
    case = operating_case(office=office_user)
    _sign_both(_record(case, office_user, ends_in=600), office_user, case.created_by)

    with pytest.raises(ValidationError) as refusal:
        _record(case, office_user, effective_in=40, ends_in=500)

    assert refusal.value.error_dict["ends_on"][0].code == "ends_on_not_later"


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"kind": K.AMENDMENT, "ends_in": None, "terms": ""}, "terms_required"),
        ({"kind": K.RENEWAL, "ends_in": None}, "ends_on_required"),
        ({"reason": " "}, "reason_required"),
        ({"effective_in": -400}, "effective_before_start"),
    ],
)
def test_an_incomplete_change_is_refused_by_its_field(office_user, fields, code):
    case = operating_case(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        _record(case, office_user, **fields)

    assert [error.code for errors in refusal.value.error_dict.values() for error in errors] == [
        code
    ]


def test_city_signing_needs_the_signed_document_and_leaves_nothing_when_refused(office_user):
    case = operating_case(office=office_user)
    change = _record(case, office_user)

    with pytest.raises(ValidationError) as missing:
        changes.sign_change_for_city(change=change, by=office_user, uploaded=None)
    with pytest.raises(ValidationError) as disguised:
        changes.sign_change_for_city(
            change=change, by=office_user, uploaded=upload("変更.pdf", b"MZ not a pdf")
        )

    assert missing.value.error_dict["file"][0].code == "document_required"
    assert disguised.value.code == "file_content_mismatch"
    change.refresh_from_db()
    assert change.city_signed_at is None and not _agreement(case).documents.exists()


def test_only_the_office_records_and_only_the_proposer_signs_for_the_business(
    office_user, department, department_user
):
    case = operating_case(office=office_user, departments=[department])
    change = _record(case, office_user)

    with pytest.raises(PermissionDenied):
        _record(case, department_user)
    with pytest.raises(PermissionDenied):
        changes.sign_change_for_business(change=change, by=MemberFactory())
    with pytest.raises(PermissionDenied):
        changes.sign_change_for_business(change=change, by=office_user)


# Incentive rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "comparison, threshold, value, outcome",
    [
        ("gte", "80", "82.5", "met"),
        ("gte", "80", "79", "not_met"),
        ("lte", "50000", "48,500", "met"),
        ("lte", "50000", "５０，００１", "not_met"),
        ("gte", "80", "集計中", "no_data"),
    ],
)
def test_a_rule_reads_the_latest_monitoring_result(
    office_user, comparison, threshold, value, outcome
):
    case = operating_case(office=office_user)
    _rule(case, office_user, comparison=comparison, threshold=threshold)
    monitoring_report(  # an older period, another value: the latest period decides
        case,
        by=office_user,
        value="0" if outcome == "met" else "99999999",
        period_start=TODAY() - 200 * DAY,
        period_end=TODAY() - 150 * DAY,
    )
    monitoring_report(case, by=office_user, value=value)

    [evaluation] = incentives.evaluate_incentives(_agreement(case), shared_only=False)

    assert evaluation.outcome == outcome


def test_a_rule_without_any_result_has_no_data(office_user):
    case = operating_case(office=office_user)
    _rule(case, office_user)

    [evaluation] = incentives.evaluate_incentives(_agreement(case), shared_only=False)

    assert (evaluation.outcome, evaluation.result) == ("no_data", None)


def test_the_proposer_evaluation_reads_only_the_reports_shared_with_them(office_user):
    case = operating_case(office=office_user)
    _rule(case, office_user)
    monitoring_report(case, by=office_user, value="90", is_shared=False)

    [city] = incentives.evaluate_incentives(_agreement(case), shared_only=False)
    [business] = incentives.evaluate_incentives(_agreement(case), shared_only=True)

    assert (city.outcome, business.outcome) == ("met", "no_data")


@pytest.mark.parametrize(
    "effect_kind, effect_value, effect_text, field, code",
    [
        ("fee", None, "", "effect_value", "fee_percent_required"),
        ("fee", 0, "", "effect_value", "fee_percent_required"),
        ("extension", "1.5", "", "effect_value", "extension_months_required"),
        ("other", None, " ", "effect_text", "effect_text_required"),
    ],
)
def test_an_incomplete_rule_is_refused_by_its_field(
    office_user, effect_kind, effect_value, effect_text, field, code
):
    case = operating_case(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        _rule(
            case,
            office_user,
            effect_kind=effect_kind,
            effect_value=None if effect_value is None else Decimal(str(effect_value)),
            effect_text=effect_text,
        )

    assert refusal.value.error_dict[field][0].code == code
    assert not IncentiveRule.objects.exists()


def test_a_rule_on_another_case_s_indicator_is_refused(office_user):
    case = operating_case(office=office_user)
    other = operating_case(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        incentives.add_incentive_rule(
            case=case,
            by=office_user,
            indicator=selectors.case_indicators(other).get(),
            comparison="gte",
            threshold="1",
            effect_kind="fee",
            effect_value=5,
        )

    assert refusal.value.error_dict["indicator"][0].code == "indicator_not_of_case"


# Pages: both sides see it, nobody else ------------------------------------------------------


def _living_case(office_user, department):
    case = operating_case(office=office_user, departments=[department])
    change = _record(case, office_user, ends_in=500, reason="振替の理由（非公開）")
    _sign_both(change, office_user, case.created_by)
    _rule(case, office_user, effect_text="成果報酬の条件（協定）")
    monitoring_report(case, by=office_user, value="85")
    return case, change


def _roles(case, office_user, department_user):
    return {
        "anonymous": None,
        "business": MemberFactory(),
        "evaluator": EvaluatorFactory(),
        "proposer": case.created_by,
        "unassigned": DepartmentUserFactory(department=DepartmentFactory(code="other")),
        "assigned": department_user,
        "office": office_user,
    }


@pytest.mark.parametrize(
    "who, staff_page, proposer_page, record, business_sign",
    [
        ("anonymous", 302, 302, 302, 302),
        ("business", 404, 404, 404, 404),
        ("evaluator", 404, 404, 404, 404),
        ("proposer", 404, 200, 404, 200),
        ("unassigned", 404, 404, 404, 404),
        ("assigned", 200, 200, 403, 403),
        ("office", 200, 200, 200, 403),
    ],
)
def test_living_agreement_pages_for_every_role(
    client,
    office_user,
    department,
    department_user,
    who,
    staff_page,
    proposer_page,
    record,
    business_sign,
):
    case, _signed = _living_case(office_user, department)
    pending = _record(case, office_user, ends_in=600)
    user = _roles(case, office_user, department_user)[who]
    if user is not None:
        client.force_login(user)

    staff = client.get(reverse("partnership:staff_agreement", args=[case.pk]))
    proposer = client.get(reverse("partnership:agreement", args=[case.pk]))
    create = client.get(reverse("partnership:agreement_change_create", args=[case.pk]))
    sign = client.get(
        reverse("partnership:agreement_change_business_sign", args=[case.pk, pending.pk])
    )

    assert (staff.status_code, proposer.status_code) == (staff_page, proposer_page)
    assert (create.status_code, sign.status_code) == (record, business_sign)
    for page in (staff, proposer):
        text = page.content.decode()
        if page.status_code == 200:
            assert "振替の理由（非公開）" in text and "成果報酬の条件（協定）" in text
            assert page.context["terms"].ends_on == TODAY() + 500 * DAY
            assert [item.outcome for item in page.context["evaluations"]] == ["met"]
        else:
            assert "振替の理由（非公開）" not in text and "成果報酬の条件（協定）" not in text


def test_the_business_signs_on_its_page_and_the_change_applies(client, office_user, department):
    case, _signed = _living_case(office_user, department)
    change = _record(case, office_user, ends_in=700)
    changes.sign_change_for_city(
        change=change, by=office_user, uploaded=upload("変更.pdf", pdf_bytes())
    )
    client.force_login(case.created_by)
    url = reverse("partnership:agreement_change_business_sign", args=[case.pk, change.pk])

    refused = client.post(url, {})
    signed = client.post(url, {"confirm": "on"})

    assert refused.status_code == 200 and refused.context["form"].errors["confirm"]
    assert signed.status_code == 302
    page = client.get(reverse("partnership:agreement", args=[case.pk]))
    assert page.context["terms"].ends_on == TODAY() + 700 * DAY


def test_the_office_records_a_change_on_its_page_with_errors_by_the_field(client, office_user):
    case = operating_case(office=office_user)
    client.force_login(office_user)
    url = reverse("partnership:agreement_change_create", args=[case.pk])
    too_early = (TODAY() + 10 * DAY).isoformat()

    with translation.override("ja"):
        refused = client.post(
            url,
            {
                "kind": "extension",
                "effective_on": TODAY().isoformat(),
                "ends_on": too_early,
                "reason": "理由",
            },
            HTTP_ACCEPT_LANGUAGE="ja",
        )
    saved = client.post(
        url,
        {
            "kind": "extension",
            "effective_on": TODAY().strftime("%Y年%m月%d日"),
            "ends_on": (TODAY() + 800 * DAY).isoformat(),
            "reason": "成果が良好なため。",
        },
    )

    assert refused.status_code == 200
    assert [error.code for error in refused.context["form"].errors.as_data()["ends_on"]] == [
        "ends_on_not_later"
    ]
    assert saved.status_code == 302
    assert AgreementChange.objects.get().ends_on == TODAY() + 800 * DAY


def test_the_office_adds_a_rule_on_its_page_and_refuses_a_foreign_indicator(client, office_user):
    case = operating_case(office=office_user)
    other = operating_case(office=office_user)
    client.force_login(office_user)
    url = reverse("partnership:incentive_rule_create", args=[case.pk])
    fields = {
        "comparison": "gte",
        "threshold": "８０",
        "effect_kind": "fee",
        "effect_value": "5",
        "effect_text": "",
    }

    foreign = client.post(url, {**fields, "indicator": selectors.case_indicators(other).get().pk})
    added = client.post(url, {**fields, "indicator": selectors.case_indicators(case).get().pk})

    assert foreign.status_code == 200 and foreign.context["form"].errors["indicator"]
    assert added.status_code == 302
    assert IncentiveRule.objects.get().threshold == Decimal("80")


def test_a_completed_case_keeps_its_changes_readable_but_takes_no_more(
    client, office_user, department
):
    case, _signed = _living_case(office_user, department)
    transition(case, A.COMPLETE, by=office_user, reason="満了", public_reason="満了しました。")
    client.force_login(office_user)

    page = client.get(reverse("partnership:staff_agreement", args=[case.pk]))
    create = client.get(reverse("partnership:agreement_change_create", args=[case.pk]))

    assert page.status_code == 200 and len(page.context["changes"]) == 1
    assert create.status_code == 403


@pytest.mark.parametrize("count", [1, 8])
def test_agreement_pages_stay_constant_in_queries_as_changes_and_rules_grow(
    client, office_user, department, count, django_assert_num_queries
):
    case = operating_case(office=office_user, departments=[department])
    indicator = selectors.case_indicators(case).get()
    for number in range(count):
        change = _record(case, office_user, ends_in=400 + number * 10)
        _sign_both(change, office_user, case.created_by)
        _record(case, office_user, K.AMENDMENT, ends_in=None, terms=f"第{number}条")
        incentives.add_incentive_rule(
            case=case,
            by=office_user,
            indicator=indicator,
            comparison="gte",
            threshold=number,
            effect_kind="fee",
            effect_value=5,
        )
        monitoring_report(case, by=office_user, value=str(number))
    staff_url = reverse("partnership:staff_agreement", args=[case.pk])
    proposer_url = reverse("partnership:agreement", args=[case.pk])
    client.force_login(office_user)
    client.get(staff_url)

    with django_assert_num_queries(15):  # with the read log, the changes, rules and results
        staff = client.get(staff_url)
    client.force_login(case.created_by)
    client.get(proposer_url)
    with django_assert_num_queries(13):
        proposer = client.get(proposer_url)

    assert len(staff.context["changes"]) == len(proposer.context["changes"]) == 2 * count
    assert len(proposer.context["evaluations"]) == count


def test_a_case_with_signed_changes_and_rules_can_still_be_disposed_of(office_user, department):
    case, change = _living_case(office_user, department)

    Proposal.objects.filter(pk=case.pk).delete()  # retention's disposal deletes the case

    assert not AgreementChange.objects.exists() and not IncentiveRule.objects.exists()
