"""Forms of the agreement and monitoring pages (stages 3 and 4).

They shape the input (NFKC, line breaks, dates typed in Japanese); the services judge it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.validators import nfkc
from mishima_kyoso.common.forms import add_refusal
from proposals.forms.fields import DateInput, JapaneseDateField, ProposalTextField, textareas

from .models import (
    Agreement,
    AgreementChange,
    ImprovementAction,
    IncentiveRule,
    IndicatorResult,
    MonitoringReport,
    RoleRiskItem,
)


class NormalizedTextField(ProposalTextField):
    """Short values typed with a Japanese input method: full-width digits become ASCII."""

    def to_python(self, value):
        value = super().to_python(value)
        return nfkc(value) if value else value


# Agreement (協定) -----------------------------------------------------------------------------


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ("title", "starts_on", "ends_on", "incentives")
        field_classes = {
            "title": ProposalTextField,
            "incentives": ProposalTextField,
            "starts_on": JapaneseDateField,
            "ends_on": JapaneseDateField,
        }
        widgets = {
            "title": forms.TextInput,
            "starts_on": DateInput,
            "ends_on": DateInput,
            **textareas("incentives"),
        }


class RoleRiskItemForm(forms.ModelForm):
    class Meta:
        model = RoleRiskItem
        fields = ("item", "city_role", "business_role", "risk_bearer", "risk_note", "order")
        field_classes = {
            "item": ProposalTextField,
            "city_role": ProposalTextField,
            "business_role": ProposalTextField,
            "risk_note": ProposalTextField,
        }
        widgets = {
            "item": forms.TextInput,
            "risk_note": forms.TextInput,
            "risk_bearer": forms.RadioSelect,
            **textareas("city_role", "business_role", rows=3),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risk_bearer"].choices = RoleRiskItem.Bearer.choices
        self.fields["order"].help_text = _("Rows are shown from the smallest number.")

    def clean_order(self):
        return self.cleaned_data.get("order") or 0


class SignForm(forms.Form):
    signed_on = JapaneseDateField(
        label=_("Signing date"),
        widget=DateInput,
        help_text=_("For example 2026-07-01. Signing moves the case to operation."),
        error_messages={"required": _("Enter the signing date.")},
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm that the agreement has been signed. After this, the agreement and its "
            "table can no longer be changed."
        ),
        error_messages={"required": _("Tick the box to confirm.")},
    )


# Monitoring (モニタリング) --------------------------------------------------------------------


class MonitoringReportForm(forms.ModelForm):
    class Meta:
        model = MonitoringReport
        fields = ("period_start", "period_end", "summary", "assessment", "is_shared")
        field_classes = {
            "summary": ProposalTextField,
            "assessment": ProposalTextField,
            "period_start": JapaneseDateField,
            "period_end": JapaneseDateField,
        }
        widgets = {
            "period_start": DateInput,
            "period_end": DateInput,
            **textareas("summary", "assessment", rows=6),
        }


class IndicatorResultForm(forms.Form):
    """The result of one indicator in a report; an empty value is no result."""

    value = NormalizedTextField(
        label=_("Result"),
        required=False,
        max_length=IndicatorResult._meta.get_field("value").max_length,
    )
    note = ProposalTextField(
        label=_("Note"),
        required=False,
        max_length=IndicatorResult._meta.get_field("note").max_length,
    )
    is_public = forms.BooleanField(label=_("Publish this result"), required=False)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, prefix=f"indicator-{indicator.pk}", **kwargs)
        self.indicator = indicator

    def clean(self):
        data = super().clean()
        if not data.get("value") and (data.get("note") or data.get("is_public")):
            self.add_error("value", _("Enter the result, or leave the whole row empty."))
        return data


class ReportEditor:
    """A report form and one result row per indicator, checked and saved together."""

    def __init__(self, data=None, *, indicators, report=None):
        existing = (
            {result.indicator_id: result for result in report.results.all()} if report else {}
        )
        self.form = MonitoringReportForm(data, instance=report)
        self.rows = [
            IndicatorResultForm(
                data,
                indicator=indicator,
                initial=(
                    {
                        name: getattr(existing[indicator.pk], name)
                        for name in ("value", "note", "is_public")
                    }
                    if indicator.pk in existing
                    else None
                ),
            )
            for indicator in indicators
        ]

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), *(row.is_valid() for row in self.rows)])

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors) or any(row.errors for row in self.rows)

    def report_kwargs(self) -> dict:
        fields = {name: self.form.cleaned_data[name] for name in MonitoringReportForm.Meta.fields}
        results = [
            {"indicator": row.indicator, **row.cleaned_data}
            for row in self.rows
            if row.cleaned_data.get("value")
        ]
        return {**fields, "results": results}

    def add_refusal(self, refusal) -> None:
        """A refusal of the service: by the report's field where it names one."""
        add_refusal(self.form, refusal)


class ImprovementActionForm(forms.ModelForm):
    class Meta:
        model = ImprovementAction
        fields = ("description", "owner_side", "owner_name", "due_on")
        field_classes = {
            "description": ProposalTextField,
            "owner_name": ProposalTextField,
            "due_on": JapaneseDateField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "owner_name": forms.TextInput,
            "owner_side": forms.RadioSelect,
            "due_on": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_side"].choices = ImprovementAction.Owner.choices


class ActionDoneForm(forms.Form):
    done_on = JapaneseDateField(
        label=_("Done on"),
        widget=DateInput,
        error_messages={"required": _("Enter the date it was done.")},
    )


# The living agreement: changes and incentive rules -------------------------------------------


class AgreementChangeForm(forms.ModelForm):
    class Meta:
        model = AgreementChange
        fields = ("kind", "effective_on", "ends_on", "terms", "reason")
        field_classes = {
            "terms": ProposalTextField,
            "reason": ProposalTextField,
            "effective_on": JapaneseDateField,
            "ends_on": JapaneseDateField,
        }
        widgets = {
            "kind": forms.RadioSelect,
            "effective_on": DateInput,
            "ends_on": DateInput,
            **textareas("terms", "reason", rows=4),
        }
        error_messages = {
            "kind": {"required": _("Choose the kind of change.")},
            "effective_on": {"required": _("Enter the date the change takes effect.")},
            "reason": {"required": _("Enter the reason for the change.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AgreementChange.Kind.choices


class ChangeSigningForm(forms.Form):
    """The city's signing of a change: the signed document and a confirmation."""

    file = forms.FileField(
        label=_("Signed document"),
        max_length=255,
        widget=forms.FileInput,
        help_text=_("The change as both sides signed it (PDF or image)."),
        error_messages={
            "required": _("Attach the signed document."),
            "empty": _("The file is empty. Choose the file again."),
        },
    )
    confirm = forms.BooleanField(
        label=_("I confirm that the city has signed this change."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class BusinessSigningForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("We agree to this change and sign it for our organisation."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class NormalizedDecimalField(forms.DecimalField):
    """A number typed with a Japanese input method (全角, thousands separators)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = nfkc(value).replace(",", "").strip()
        return super().to_python(value)


class IncentiveRuleForm(forms.ModelForm):
    class Meta:
        model = IncentiveRule
        fields = (
            "indicator",
            "comparison",
            "threshold",
            "effect_kind",
            "effect_value",
            "effect_text",
        )
        field_classes = {
            "threshold": NormalizedDecimalField,
            "effect_value": NormalizedDecimalField,
            "effect_text": ProposalTextField,
        }
        widgets = {
            "comparison": forms.RadioSelect,
            "effect_kind": forms.RadioSelect,
            "threshold": forms.TextInput(attrs={"inputmode": "decimal"}),
            "effect_value": forms.TextInput(attrs={"inputmode": "decimal"}),
            "effect_text": forms.TextInput,
        }
        error_messages = {
            "indicator": {
                "required": _("Choose an indicator of this case's shared goals."),
                "invalid_choice": _("Choose an indicator of this case's shared goals."),
            },
            "comparison": {"required": _("Choose the condition.")},
            "threshold": {
                "required": _("Enter the threshold as a number."),
                "invalid": _("Enter the threshold as a number."),
            },
            "effect_kind": {"required": _("Choose the effect.")},
            "effect_value": {"invalid": _("Enter the amount of the effect as a number.")},
        }

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].label_from_instance = lambda indicator: (
            f"{indicator.name}（{_('target')}: {indicator.target}{indicator.unit}）"
        )
        self.fields["comparison"].choices = IncentiveRule.Comparison.choices
        self.fields["effect_kind"].choices = IncentiveRule.Effect.choices
