"""Forms of the open call (公募) the office writes and publishes; an application starts with
forms/proposal.py's ApplicationStartForm. The agreement's and the monitoring's forms are
partnership's (partnership/forms.py).

They shape the input (NFKC, line breaks, dates typed in Japanese); the services judge it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import OpenCall
from .fields import DateInput, JapaneseDateField, ProposalTextField, textareas


class OpenCallForm(forms.ModelForm):
    class Meta:
        model = OpenCall
        fields = (
            "title",
            "summary",
            "conditions",
            "starts_on",
            "ends_on",
            "questions_from",
            "questions_until",
            "contact",
        )
        field_classes = {
            "title": ProposalTextField,
            "summary": ProposalTextField,
            "conditions": ProposalTextField,
            "contact": ProposalTextField,
            "starts_on": JapaneseDateField,
            "ends_on": JapaneseDateField,
            "questions_from": JapaneseDateField,
            "questions_until": JapaneseDateField,
        }
        widgets = {
            "title": forms.TextInput,
            "contact": forms.TextInput,
            "starts_on": DateInput,
            "ends_on": DateInput,
            "questions_from": DateInput,
            "questions_until": DateInput,
            **textareas("summary", "conditions", rows=8),
        }


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked that everything on this page may be published."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
