"""The citizens' forms: what a person types, and the anti-spam fields (antispam.py) every form
carries. Rules reading other rows (the service still in operation) are the services'."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreation_list.models import Field

from . import antispam
from .models import ServiceFeedback

HONEYPOT = "website"


def _folded(value: str) -> str:
    """Full-width letters and digits as the rest of the portal stores them (NFKC), trimmed."""
    return unicodedata.normalize("NFKC", value or "").strip()


class AntiSpamForm(forms.Form):
    """A honeypot and a signed timestamp; the view adds the throttling per address."""

    # Hidden from everyone by the stylesheet (.trap-field) and from assistive technology by
    # the wrapper's aria-hidden; a label says what to do for anyone who still sees it.
    website = forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    issued = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["issued"] = antispam.issue_token()

    def clean(self):
        cleaned = super().clean()
        antispam.check_honeypot(self.data.get(HONEYPOT, ""))
        antispam.check_token(self.data.get("issued", ""))
        return cleaned

    def renew_token(self):
        """After a refusal, the form shown again carries a fresh token."""
        self.data = self.data.copy()
        self.data["issued"] = antispam.issue_token()

    @property
    def visible_fields_only(self):
        return [field for field in self if field.name not in (HONEYPOT, "issued")]


class SuggestionForm(AntiSpamForm):
    title = forms.CharField(
        label=_("Issue"),
        max_length=100,
        help_text=_("In one line: what should be better in the city? (up to 100 characters)"),
        error_messages={"required": _("Enter the issue in one line.")},
    )
    body = forms.CharField(
        label=_("Details"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happens now, who has trouble with it, and what you would like to see."),
        error_messages={"required": _("Enter the details of the issue.")},
    )
    field = forms.ModelChoiceField(
        label=_("Field"),
        queryset=Field.objects.all(),
        required=False,
        empty_label=_("Not sure"),
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=100,
        required=False,
        help_text=_("Only for a reply from the office. It is never published."),
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        max_length=254,
        required=False,
        help_text=_("Only for a reply from the office. It is never published."),
        error_messages={"invalid": _("Enter a valid e-mail address, e.g. name@example.jp.")},
    )
    field_order = ["title", "body", "field", "name", "email", HONEYPOT, "issued"]

    def clean_title(self):
        return _folded(self.cleaned_data["title"])

    def clean_body(self):
        return self.cleaned_data["body"].strip()

    def clean_name(self):
        return _folded(self.cleaned_data["name"])


class FeedbackForm(AntiSpamForm):
    respondent = forms.ChoiceField(
        label=_("Your viewpoint"),
        choices=ServiceFeedback.Respondent.choices,
        initial=ServiceFeedback.Respondent.USER,
        widget=forms.RadioSelect,
    )
    rating = forms.TypedChoiceField(
        label=_("Satisfaction (optional)"),
        choices=[("", _("No answer"))] + [(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("From 1 (not satisfied) to 5 (very satisfied)."),
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Your opinion"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What works well and what could be better. Do not write names, addresses or other "
            "personal information."
        ),
        error_messages={"required": _("Enter your opinion of the service.")},
    )
    field_order = ["respondent", "rating", "body", HONEYPOT, "issued"]

    def clean_body(self):
        return self.cleaned_data["body"].strip()
