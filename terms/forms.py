"""The boxes a proposer ticks: one per document the occasion asks for, each carrying the id of
the version shown, so a version published meanwhile is noticed (services.check_accepted)."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Acceptance, Kind

FIELD = "accepted_terms"

LABELS = {
    Kind.PROPOSAL_TERMS: _("I accept the proposal terms (version %(version)s)."),
    Kind.PRIVACY: _(
        "I agree to the handling of personal information in the privacy notice "
        "(version %(version)s)."
    ),
    Kind.PLEDGE: _("I make the eligibility pledge (version %(version)s) for my organisation."),
}


class AcceptanceField(forms.MultipleChoiceField):
    """Every box must be ticked; a version that is no longer current is refused clearly."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, versions, **kwargs):
        self.versions = versions
        super().__init__(
            label=_("Terms and pledge"),
            choices=[
                (str(version.pk), LABELS[version.kind] % {"version": version.version})
                for version in versions
            ],
            error_messages={
                "required": _(
                    "Tick every box to accept the proposal terms and the privacy notice and to "
                    "give the eligibility pledge."
                ),
                "invalid_choice": _(
                    "The terms have been updated since the page was opened. Read the current "
                    "version and tick the boxes again."
                ),
            },
            **kwargs,
        )
        self.help_text = _links(versions)

    def validate(self, value):
        super().validate(value)
        if set(value) != {str(version.pk) for version in self.versions}:
            raise forms.ValidationError(self.error_messages["required"], code="required")


def _links(versions):
    """Where to read each document before ticking (a new tab is not forced)."""
    return format_html(
        "{} {}",
        gettext("Read them before ticking the boxes:"),
        format_html_join(
            "、",
            '<a href="{}">{}</a>',
            (
                (reverse("terms:document", args=[version.kind]), version.title)
                for version in versions
            ),
        ),
    )


def add_acceptance_field(form: forms.Form, context: str) -> None:
    """Add the boxes of this occasion to a form (none when no version is published)."""
    versions = services.required_versions(context)
    if versions:
        form.fields[FIELD] = AcceptanceField(versions)


def accepted_ids(form: forms.Form) -> list[int]:
    return [int(pk) for pk in form.cleaned_data.get(FIELD, ())]


class SignupForm(forms.Form):
    """allauth's sign-up form is built on this one (ACCOUNT_SIGNUP_FORM_CLASS): the proposal
    terms and the privacy notice, accepted with the account (the boxes after the password)."""

    field_order = ["email", "password1", "password2", FIELD]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_acceptance_field(self, Acceptance.Context.SIGNUP)

    def signup(self, request, user):
        if FIELD in self.fields:
            services.accept(by=user, context=Acceptance.Context.SIGNUP, accepted=accepted_ids(self))
