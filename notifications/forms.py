from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FIXED, Delivery, Kind


class PreferencesForm(forms.Form):
    """A radio group per kind of event that the user may choose (fixed kinds are shown apart)."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            if kind in FIXED:
                continue
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[kind.value],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how you want to be told about this.")},
            )

    def changed_choices(self) -> dict[str, str]:
        """Only what the user changed: a kind left as shown keeps following the office."""
        return {name: self.cleaned_data[name] for name in self.changed_data}
