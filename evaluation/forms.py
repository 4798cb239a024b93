"""Forms of the evaluation pages: they shape the input; the services judge it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.validators import nfkc
from proposals.forms.adoption import AdoptionDetailsForm
from proposals.forms.fields import (
    REASON_LIMIT,
    DateInput,
    ProposalTextField,
    public_reason_field,
    reason_field,
)

from .models import ConflictDeclaration, CriteriaSet, Round, Score, ScoreSheet
from .services import comment_field, points_field

YES_NO = (("yes", _("Yes")), ("no", _("No")))


class RoundForm(forms.ModelForm):
    """A new round of a case (the office); the candidates follow from the case."""

    class Meta:
        model = Round
        fields = ("kind", "title", "criteria_set", "scoring_due_on", "is_anonymised")
        widgets = {
            "kind": forms.RadioSelect,
            "scoring_due_on": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sets = CriteriaSet.objects.order_by("-is_default", "name", "pk")
        self.fields["criteria_set"].queryset = sets
        self.fields["criteria_set"].empty_label = None
        default = next((s for s in sets if s.is_default), None)
        if default is not None and not self.is_bound:
            self.initial.setdefault("criteria_set", default.pk)
        self.fields["kind"].choices = Round.Kind.choices  # no empty choice for a radio


class EvaluatorForm(forms.Form):
    """An evaluator by the e-mail address of an existing account (staff or external)."""

    email = forms.EmailField(
        label=_("E-mail address of the evaluator's account"),
        help_text=_("The person needs an account on the portal; ask them to create one first."),
    )

    def clean_email(self):
        email = nfkc(self.cleaned_data["email"]).strip()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _(
                    "No active account has this e-mail address. Check it, or ask the person to "
                    "create an account first."
                ),
                code="unknown_account",
            )
        self.user = user
        return email


class ConflictForm(forms.Form):
    """利害関係の申告: for each candidate, a conflict or not, and an optional note."""

    def __init__(self, *args, candidates, named=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        note_limit = ConflictDeclaration._meta.get_field("note").max_length
        for candidate in self.candidates:
            name = candidate.proposal.organization.name if named else ""
            display = f"{candidate.label} {name}".strip()
            self.fields[f"conflict_{candidate.pk}"] = forms.ChoiceField(
                label=_("Do you have a conflict of interest with candidate %(candidate)s?")
                % {"candidate": display},
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer yes or no.")},
            )
            self.fields[f"note_{candidate.pk}"] = ProposalTextField(
                label=_("Note on candidate %(candidate)s (optional)") % {"candidate": display},
                required=False,
                max_length=note_limit,
                help_text=_("For a conflict: what it is (e.g. a business relationship)."),
            )

    def pairs(self):
        return [
            (self[f"conflict_{candidate.pk}"], self[f"note_{candidate.pk}"])
            for candidate in self.candidates
        ]

    def declarations(self) -> dict:
        data = self.cleaned_data
        return {
            candidate.pk: (
                data[f"conflict_{candidate.pk}"] == "yes",
                data.get(f"note_{candidate.pk}") or "",
            )
            for candidate in self.candidates
        }


class PointsField(forms.IntegerField):
    """Points as typed: full-width digits and minus read as ASCII (NFKC, 全角 「８」 is 8);
    anything else that is not a whole number (「１０点」, 「8.5」) is refused with a message."""

    def to_python(self, value):
        if isinstance(value, str):
            value = nfkc(value).strip()
        return super().to_python(value)


class ScoreForm(forms.Form):
    """評価票: points per criterion (0..max), a comment per criterion, an overall comment."""

    comment = ProposalTextField(
        label=_("Overall comment (optional)"),
        required=False,
        max_length=ScoreSheet._meta.get_field("comment").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, criteria, sheet=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        comment_limit = Score._meta.get_field("comment").max_length
        scores = {score.criterion_id: score for score in sheet.scores.all()} if sheet else {}
        fields = {}
        for criterion in self.criteria:
            score = scores.get(criterion.pk)
            limit = {"max": criterion.max_points}
            fields[points_field(criterion)] = PointsField(
                label=_("%(name)s (0 to %(max)s points)")
                % {"name": criterion.name, "max": criterion.max_points},
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                initial=score.points if score else None,
                help_text=criterion.scale,
                # Text, not type=number: a browser would drop 「８」 or 「１０点」 silently
                # and post a blank; the server reads what was typed and says what is wrong.
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}
                ),
                error_messages={
                    "invalid": _(
                        "Enter a whole number from 0 to %(max)s, in digits only (no unit or "
                        "other characters)."
                    )
                    % limit,
                    "min_value": _(
                        "Points cannot be negative. Enter a whole number from 0 to %(max)s."
                    )
                    % limit,
                    "max_value": _(
                        "This criterion has at most %(max)s points. Enter a whole number from 0 "
                        "to %(max)s."
                    )
                    % limit,
                },
            )
            fields[comment_field(criterion)] = ProposalTextField(
                label=_("Comment on %(name)s (optional)") % {"name": criterion.name},
                required=False,
                max_length=comment_limit,
                initial=score.comment if score else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # The criteria first, the overall comment last.
        overall = self.fields.pop("comment")
        self.fields.update(fields)
        self.fields["comment"] = overall
        if sheet is not None:
            self.fields["comment"].initial = sheet.comment

    def rows(self):
        return [
            {
                "criterion": criterion,
                "points": self[points_field(criterion)],
                "comment": self[comment_field(criterion)],
            }
            for criterion in self.criteria
        ]

    def save_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "points": {c.pk: data.get(points_field(c)) for c in self.criteria},
            "comments": {c.pk: data.get(comment_field(c)) or "" for c in self.criteria},
            "comment": data.get("comment") or "",
        }


class ReopenForm(forms.Form):
    reason = ProposalTextField(
        label=_("Reason for reopening (recorded in the round's log)"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the reason for reopening the sheet.")},
    )


class _DecisionForm(forms.Form):
    reason = reason_field(help_text=_("Kept in the city's record. The candidates do not see it."))
    public_reason = public_reason_field(
        help_text=_(
            "Published with the decision (accountability) and shown to the proposers. Do not "
            "include any proposer's confidential know-how."
        ),
    )


class SelectionDecisionForm(_DecisionForm):
    """選定: the candidate chosen, with the reasons."""

    selected = forms.ModelChoiceField(
        label=_("Selected candidate"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the selected candidate.")},
    )

    field_order = ("selected", "reason", "public_reason")

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["selected"]
        field.queryset = round.candidates.select_related("proposal__organization").order_by("label")
        field.label_from_instance = lambda candidate: (
            f"{candidate.label}: {candidate.proposal.organization.name}"
        )


class AdoptionDecisionForm(AdoptionDetailsForm, _DecisionForm):
    """採否: adopt or not, and for an adoption the PPP method and the chance of others
    (AdoptionDetailsForm: the fields and their check, when the decision adopts)."""

    adoption_optional = True

    adopt = forms.ChoiceField(
        label=_("Decision"),
        choices=(("adopt", _("Adopt")), ("not_adopt", _("Do not adopt"))),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to adopt.")},
    )

    field_order = ("adopt", "ppp_method", "opportunity", "direct_reason", "reason", "public_reason")

    def adopts(self, data) -> bool:
        return data.get("adopt") == "adopt"

    def decide_kwargs(self) -> dict:
        data = self.cleaned_data
        adopt = self.adopts(data)
        kwargs = {
            "adopt": adopt,
            "reason": data["reason"],
            "public_reason": data["public_reason"],
        }
        if adopt:
            kwargs.update(self.adoption_details())
        return kwargs


class NormalisationForm(forms.Form):
    """正規化: how the results page normalises the evaluators' totals (the office)."""

    method = forms.ChoiceField(
        label=_("Normalisation of the evaluators' totals"),
        choices=Round.Normalisation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the totals are normalised.")},
    )
