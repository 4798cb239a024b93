"""The adoption's choice (採択, 共創指針 段階2): the public-private partnership method, how other
businesses get their chance, and the reason for a direct agreement. Every form that adopts a
case inherits these fields and their check: the city's step form, a round's decision, the
admin's step for the selected cases."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..checks import check_adoption_details
from ..effects import ADOPTION_FIELDS
from ..models import Opportunity, PPPMethod
from .fields import REASON_LIMIT, ProposalTextField

FOR_ADOPTION_ONLY = _("For adoption only.")
FAIRNESS = _("Fairness and competition: an open call unless there is a reason not to.")


class AdoptionDetailsForm(forms.Form):
    """The three fields and the workflow's own check of them (checks.check_adoption_details),
    run here so that every refusal shows at once; the workflow runs it again when the step is
    taken.

    Where adopting is one choice among others (a round's decision, the admin's steps), the form
    sets `adoption_optional`: the fields are not required and say they are for adoption only,
    and adopts() tells clean() whether the input adopts.
    """

    adoption_optional = False

    ppp_method = forms.ChoiceField(
        label=_("Public-private partnership method"),
        choices=PPPMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the public-private partnership method.")},
    )
    opportunity = forms.ChoiceField(
        label=_("How other businesses get their chance"),
        choices=Opportunity.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how other businesses get the chance to take part."),
        },
        help_text=FAIRNESS,
    )
    direct_reason = ProposalTextField(
        label=_("Reason for a direct agreement"),
        required=False,
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Needed when the city agrees directly with the proposer, without an open call."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.adoption_optional:
            for name in ADOPTION_FIELDS:
                self.fields[name].required = False
            self.fields["ppp_method"].help_text = FOR_ADOPTION_ONLY
            self.fields["opportunity"].help_text = format_lazy("{} {}", FOR_ADOPTION_ONLY, FAIRNESS)

    def adopts(self, data) -> bool:
        """Whether this input adopts the case, so that the details are checked."""
        return True

    def clean(self):
        data = super().clean()
        if "opportunity" in self.fields and self.adopts(data):
            try:
                check_adoption_details(None, data)
            except ValidationError as refusal:
                for name, errors in refusal.error_dict.items():
                    if name in self.fields and name not in self.errors:
                        self.add_error(name, errors)
        return data

    def adoption_details(self) -> dict:
        """The details of workflow.transition() for an adoption; a direct agreement's reason is
        recorded with a direct agreement only."""
        data = self.cleaned_data
        details = {
            "ppp_method": data.get("ppp_method") or "",
            "opportunity": data.get("opportunity") or "",
        }
        if data.get("opportunity") == Opportunity.DIRECT:
            details["direct_reason"] = data.get("direct_reason") or ""
        return details
