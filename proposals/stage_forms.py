"""Forms of the open call and the applications to it (stage 3); the agreement's and the
monitoring's are partnership's (partnership/forms.py).

They shape the input (NFKC, line breaks, dates typed in Japanese); the services judge it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import ProposalTextField, StartForm
from .models import OpenCall
from .staff_forms import DateInput, JapaneseDateField


def _textareas(*names, rows=5):
    return {name: forms.Textarea(attrs={"rows": rows}) for name in names}


# Open call (公募) ----------------------------------------------------------------------------


class OpenCallForm(forms.ModelForm):
    class Meta:
        model = OpenCall
        fields = ("title", "summary", "conditions", "starts_on", "ends_on", "contact")
        field_classes = {
            "title": ProposalTextField,
            "summary": ProposalTextField,
            "conditions": ProposalTextField,
            "contact": ProposalTextField,
            "starts_on": JapaneseDateField,
            "ends_on": JapaneseDateField,
        }
        widgets = {
            "title": forms.TextInput,
            "contact": forms.TextInput,
            "starts_on": DateInput,
            "ends_on": DateInput,
            **_textareas("summary", "conditions", rows=8),
        }


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked that everything on this page may be published."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class ApplicationStartForm(StartForm):
    """An application is always a full proposal: no choice of what is submitted."""

    class Meta(StartForm.Meta):
        fields = ("title", "outline", "contact_name", "contact_phone", "contact_email")
