"""Forms of the city's pages of a case: a step of the workflow, the shared goals (the work
list's filter: worklist.py). They shape the input; the workflow and services judge it."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from mishima_kyoso.common.forms import add_refusal

from ..effects import ADOPTION_FIELDS
from ..models import SharedGoal
from ..workflow import TRANSITIONS
from .adoption import AdoptionDetailsForm
from .fields import (
    DateInput,
    JapaneseDateField,
    ProposalTextField,
    public_reason_field,
    reason_field,
)

# A step of the workflow ----------------------------------------------------------------------


class TransitionForm(AdoptionDetailsForm):
    """One step of a case: its reasons and details, and the status the page was rendered with.

    The required marks follow the step (workflow.TRANSITIONS); the workflow checks them again,
    with the same messages, and decides whatever depends on the case. An adoption's details and
    their check are AdoptionDetailsForm's.
    """

    field_order = ("reason", "public_reason", *ADOPTION_FIELDS, "seen_status")

    reason = reason_field(
        help_text=_(
            "Kept in the case's record for the city's staff. The proposer does not see it."
        ),
    )
    public_reason = public_reason_field(
        help_text=_(
            "Published with the decision (accountability) and shown to the proposer. Do not "
            "include the proposer's confidential know-how."
        ),
    )
    seen_status = forms.CharField(widget=forms.HiddenInput, max_length=12)

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        rule = TRANSITIONS[step]
        if not rule.reason:
            reason = self.fields["reason"]
            reason.required = False
            reason.label = _("Note (optional, internal record)")
        if not rule.public_reason:
            del self.fields["public_reason"]
        for name in ADOPTION_FIELDS:
            if name not in rule.fields:  # the details this step records (workflow.TRANSITIONS)
                del self.fields[name]

    def transition_kwargs(self) -> dict:
        """The keyword arguments of workflow.transition() for this step."""
        data = self.cleaned_data
        kwargs = {
            "seen_status": data["seen_status"],
            "reason": data.get("reason") or "",
            "public_reason": data.get("public_reason") or "",
        }
        if "opportunity" in self.fields:
            kwargs.update(self.adoption_details())
        return kwargs


# Shared goals (目標共有) ---------------------------------------------------------------------

INDICATOR_ROWS = 5


class GoalForm(forms.ModelForm):
    """A goal along one of the four viewpoints, agreed with the proposer or still discussed."""

    class Meta:
        model = SharedGoal
        fields = ("viewpoint", "description", "agreed_on")
        field_classes = {"description": ProposalTextField, "agreed_on": JapaneseDateField}
        widgets = {
            "viewpoint": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "agreed_on": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons without the empty "---------" choice.
        self.fields["viewpoint"].choices = SharedGoal.Viewpoint.choices
        self.fields["description"].help_text = _(
            "What the city and the proposer aim for together, in a sentence or two."
        )
        self.fields["agreed_on"].help_text = _(
            "The day the proposer agreed to this goal, for example 2026-06-30. Leave it empty "
            "while the goal is still being discussed: the proposer sees it as under discussion."
        )


class IndicatorForm(forms.Form):
    """One indicator (KPI) row; a row left empty is no indicator."""

    name = ProposalTextField(label=_("Indicator"), required=False, max_length=200)
    unit = ProposalTextField(label=_("Unit"), required=False, max_length=30)
    baseline = ProposalTextField(label=_("Baseline"), required=False, max_length=50)
    target = ProposalTextField(label=_("Target value"), required=False, max_length=50)
    target_on = JapaneseDateField(
        label=_("Target date"), required=False, widget=DateInput, help_text=_("Optional.")
    )

    def __init__(self, *args, number: int, **kwargs):
        super().__init__(*args, prefix=f"indicator-{number}", **kwargs)
        self.number = number

    @property
    def is_empty(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in self.fields)

    def clean(self):
        data = super().clean()
        if any(data.get(name) for name in self.fields):
            if not data.get("name"):
                self.add_error("name", _("Enter the name of the indicator."))
            if not data.get("target"):
                self.add_error("target", _("Enter the target value."))
        return data


class GoalEditor:
    """A goal form and its indicator rows, checked and saved together (no formset, no script)."""

    def __init__(self, data=None, *, goal: SharedGoal | None = None):
        existing = list(goal.indicators.all()) if goal is not None else []
        # The form works on a copy, so the page keeps the saved goal while errors show.
        self.form = GoalForm(data, instance=copy.copy(goal) if goal is not None else None)
        # Never fewer rows than the goal has indicators: saving replaces them all.
        self.rows = [
            IndicatorForm(
                data,
                number=number,
                initial=_indicator_initial(existing[number]) if number < len(existing) else None,
            )
            for number in range(max(INDICATOR_ROWS, len(existing)))
        ]

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), *(row.is_valid() for row in self.rows)]
        return all(results)

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors) or any(row.errors for row in self.rows)

    def goal_kwargs(self) -> dict:
        """The keyword arguments of services.save_goal(), indicators in the rows' order."""
        fields = {name: self.form.cleaned_data[name] for name in GoalForm.Meta.fields}
        indicators = [
            {name: row.cleaned_data[name] for name in IndicatorForm.base_fields}
            for row in self.rows
            if not row.is_empty
        ]
        return {**fields, "indicators": indicators}

    def add_refusal(self, refusal) -> None:
        """A refusal of the service: by the goal's field where it names one."""
        add_refusal(self.form, refusal)


def _indicator_initial(indicator) -> dict:
    return {name: getattr(indicator, name) for name in IndicatorForm.base_fields}
