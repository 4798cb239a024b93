"""The adoption's choice is asked and checked alike wherever a case is adopted
(proposals.forms.adoption.AdoptionDetailsForm): the city's step form, a round's decision, the
admin's step for the selected cases."""

from evaluation.forms import AdoptionDecisionForm
from proposals.admin.forms import StepForm
from proposals.forms.staff import TransitionForm
from proposals.models import Opportunity, PPPMethod
from proposals.workflow import A

REASONS = {"reason": "予算措置の見込み", "public_reason": "利便性の向上が見込まれるため。"}


def _codes(form) -> dict:
    return {
        name: [error.code for error in errors] for name, errors in form.errors.as_data().items()
    }


def test_the_step_form_refuses_a_direct_agreement_without_its_reason_by_the_workflow_check():
    form = TransitionForm(
        {
            **REASONS,
            "seen_status": "planning",
            "ppp_method": PPPMethod.OUTSOURCING,
            "opportunity": Opportunity.DIRECT,
        },
        step=A.ADOPT,
    )

    assert not form.is_valid()
    assert _codes(form) == {"direct_reason": ["direct_reason_required"]}


def test_a_step_that_records_no_adoption_asks_for_none_of_its_details():
    form = TransitionForm({**REASONS, "seen_status": "consulting"}, step=A.TO_PLANNING)

    assert form.is_valid()
    assert not {"ppp_method", "opportunity", "direct_reason"} & set(form.fields)
    assert form.transition_kwargs() == {
        "seen_status": "consulting",
        "reason": REASONS["reason"],
        "public_reason": "",
    }


def test_a_decision_to_adopt_is_checked_and_one_not_to_adopt_needs_no_details():
    adopting = AdoptionDecisionForm({**REASONS, "adopt": "adopt"})
    declining = AdoptionDecisionForm({**REASONS, "adopt": "not_adopt"})

    assert not adopting.is_valid()
    assert _codes(adopting) == {
        "ppp_method": ["ppp_method_required"],
        "opportunity": ["opportunity_required"],
    }
    assert declining.is_valid()
    assert declining.decide_kwargs() == {"adopt": False, **REASONS}


def test_a_decision_records_a_direct_agreement_reason_with_a_direct_agreement_only():
    form = AdoptionDecisionForm(
        {
            **REASONS,
            "adopt": "adopt",
            "ppp_method": PPPMethod.OUTSOURCING,
            "opportunity": Opportunity.OPEN_CALL,
            "direct_reason": "使われない理由",
        }
    )

    assert form.is_valid()
    assert form.decide_kwargs() == {
        "adopt": True,
        **REASONS,
        "ppp_method": PPPMethod.OUTSOURCING,
        "opportunity": Opportunity.OPEN_CALL,
    }


def test_the_admin_leaves_the_adoption_details_to_the_workflow_case_by_case():
    form = StepForm({"step": A.ADOPT, **REASONS})

    assert form.is_valid()  # each case is refused by the workflow, and reported
    assert form.details() == {}
    assert not any(form.fields[name].required for name in ("ppp_method", "opportunity"))
