"""Fields and widgets for text typed in Japanese: line breaks, full-width digits, dates typed
or picked. Every app's forms use them (proposals, dialogue, evaluation, partnership)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.validators import nfkc, normalize_phone, validate_phone

# The longest reason (internal or public) a step's or a decision's form accepts.
REASON_LIMIT = 5000


class ProposalTextField(forms.CharField):
    """Stripped text with one kind of line break.

    Browsers count a line break as one character against `maxlength` but send it as CR LF;
    counted here as one too, a text that fitted in the browser fits on the server.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class PhoneField(forms.CharField):
    """Full-width digits and dashes (０５５－９８３－２６１６) become 055-983-2616."""

    default_validators = [validate_phone]

    def to_python(self, value):
        return normalize_phone(super().to_python(value))

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "autocomplete": "tel", "inputmode": "tel"}


class NormalizedEmailField(forms.EmailField):
    """Full-width letters and ＠ typed with a Japanese input method are accepted."""

    def to_python(self, value):
        return nfkc(super().to_python(value))

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "autocomplete": "email"}


class DateInput(forms.DateInput):
    """The browser's date picker; typed dates are accepted too (JapaneseDateField)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class JapaneseDateField(forms.DateField):
    """A date as a date picker sends it, or typed: ２０２７／３／３１, 2027年3月31日."""

    input_formats = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]

    def to_python(self, value):
        return super().to_python(nfkc(value) if isinstance(value, str) else value)


def textareas(*names, rows=5) -> dict:
    """Textarea widgets of `rows` lines for these fields (a ModelForm's Meta.widgets)."""
    return {name: forms.Textarea(attrs={"rows": rows}) for name in names}


def reason_field(*, help_text) -> ProposalTextField:
    """The internal reason of a step or a decision, kept on the city's record (the workflow
    refuses a step without it with the same message)."""
    return ProposalTextField(
        label=_("Reason (internal record)"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the reason for this step.")},
        help_text=help_text,
    )


def public_reason_field(*, help_text) -> ProposalTextField:
    """The reason published with a decision (説明責任), shown to whoever it concerns."""
    return ProposalTextField(
        label=_("Reason to be published"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the reason to be published.")},
        help_text=help_text,
    )
