"""The forms of the office's intermediate admin pages (assign, remove, take a workflow step).

They check the shape of the input only; whether a step is possible for a case, and what it
needs, is the workflow's and the services' to decide, case by case (STYLE §6).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department

from ..forms.adoption import AdoptionDetailsForm
from ..forms.fields import REASON_LIMIT
from ..models import Opportunity, PPPMethod, ProposalTransition
from ..workflow import STAFF_STEPS, TRANSITIONS

# The steps the office takes from the case list (those of the step form: workflow.Where.STAFF).
OFFICE_STEPS = STAFF_STEPS


def _label(step: str) -> str:
    return ProposalTransition.Steps(step).label


class AssignDepartmentsForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments to put in charge"),
        queryset=Department.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their staff will see the selected cases and receive an e-mail."),
    )


class UnassignDepartmentForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department to remove"),
        queryset=Department.objects.all(),
        help_text=_("Its staff will no longer see the selected cases."),
    )


class StepForm(AdoptionDetailsForm):
    """One workflow step for every selected case, with its reasons and adoption details.

    Nothing is required here beyond the step: the workflow refuses, per case, a step that
    lacks its reason, public reason or adoption details, and says which (so adopts() is never
    true here: the adoption details are checked case by case).
    """

    adoption_optional = True
    field_order = ("step", "reason", "public_reason")

    # Not "action": the admin's own field of that name carries the list action's name.
    step = forms.ChoiceField(label=_("Step"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason (internal)"),
        required=False,
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept on the case's record for the city. Required for most steps."),
    )
    public_reason = forms.CharField(
        label=_("Reason to be published"),
        required=False,
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        # Translators: 説明責任: a decision is published with its reasons.
        help_text=_("Required for every decision; published with it (accountability)."),
    )

    def __init__(self, *args, steps=OFFICE_STEPS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(step, _label(step)) for step in steps]
        # Drop-down lists with an empty choice, as the admin's other forms have.
        for name, choices in (("ppp_method", PPPMethod), ("opportunity", Opportunity)):
            field = self.fields[name]
            field.widget = forms.Select()
            field.choices = [("", "---------"), *choices.choices]

    def adopts(self, data) -> bool:
        return False

    def details(self) -> dict:
        """The details the chosen step records (only adoption asks for any)."""
        names = TRANSITIONS[self.cleaned_data["step"]].fields
        return {name: self.cleaned_data[name] for name in names if self.cleaned_data[name]}
