"""The workflow's steps wait for the agreement: partnership adds its checks to AGREE and
START_OPERATION (workflow.require, from apps.py); the workflow imports nothing of it."""

import pytest
from django.core.exceptions import ValidationError

from partnership.checks import check_agreement_ready, check_agreement_signed
from partnership.models import Agreement
from proposals import workflow
from proposals.checks import check_selection_decided
from proposals.models import Proposal
from proposals.workflow import A, transition
from tests.scenarios import TODAY, adopted_case, agreement_with_item, case_at, direct_agreement_case

pytestmark = pytest.mark.django_db
S = Proposal.Status


def test_partnership_adds_its_checks_to_the_agreement_steps_once_at_start():
    assert workflow.REQUIRED[A.AGREE] == (check_agreement_ready,)
    assert workflow.REQUIRED[A.START_OPERATION] == (check_agreement_signed,)
    assert workflow.TRANSITIONS[A.AGREE].check is check_selection_decided
    assert set(workflow.REQUIRED) == {A.AGREE, A.START_OPERATION}


def _refusal(case, step, office):
    with pytest.raises(ValidationError) as refusal:
        transition(case, step, by=office)
    case.refresh_from_db()
    return refusal.value.code, case.status


def test_agree_asks_for_the_selection_then_the_signing_then_the_table(office_user):
    open_call = adopted_case(office=office_user)
    direct = direct_agreement_case(office=office_user)

    awaiting = _refusal(open_call, A.AGREE, office_user)
    unwritten = _refusal(direct, A.AGREE, office_user)
    agreement_with_item(direct, office=office_user)
    unsigned = _refusal(direct, A.AGREE, office_user)
    Agreement.objects.filter(proposal=direct).update(signed_on=TODAY(), signed_by=office_user)
    direct.agreement.items.all().delete()
    direct = Proposal.objects.get(pk=direct.pk)
    no_table = _refusal(direct, A.AGREE, office_user)

    assert awaiting == ("selection_required", S.ADOPTED)
    assert unwritten == ("agreement_required", S.ADOPTED)
    assert unsigned == ("agreement_required", S.ADOPTED)
    assert no_table == ("role_risk_table_required", S.ADOPTED)


def test_start_operation_asks_for_the_signing(office_user):
    case = case_at(S.AGREED, office=office_user)
    Agreement.objects.filter(proposal=case).update(signed_on=None)

    assert _refusal(case, A.START_OPERATION, office_user) == ("agreement_required", S.AGREED)


def test_check_agreement_ready_alone_answers_the_selection_too(office_user):
    case = adopted_case(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        check_agreement_ready(case)

    assert refusal.value.code == "selection_required"
