"""The business's registration form (参加申込)."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Registration, SoundingSlot


class SlotChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, slot):
        return str(slot)


class RegistrationForm(forms.ModelForm):
    preferred_slots = SlotChoiceField(
        label=_("Preferred slots"),
        queryset=SoundingSlot.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one slot that suits you.")},
        help_text=_("Choose every slot that suits you; the office confirms one."),
    )

    class Meta:
        model = Registration
        fields = (
            "contact_name",
            "contact_email",
            "contact_phone",
            "preferred_slots",
            "written_answers",
            "agrees_to_be_named",
        )
        error_messages = {
            "contact_name": {"required": _("Enter the name of the contact person.")},
            "contact_email": {
                "required": _("Enter the contact e-mail address."),
                "invalid": _("Enter a valid e-mail address, for example name@example.jp."),
            },
        }

    def __init__(self, *args, sounding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_slots"].queryset = sounding.slots.order_by("starts_at", "pk")
        self.fields["written_answers"].widget.attrs["rows"] = 8

    def clean_contact_phone(self):
        return unicodedata.normalize("NFKC", self.cleaned_data["contact_phone"]).strip()

    def clean_contact_email(self):
        return unicodedata.normalize("NFKC", self.cleaned_data["contact_email"]).strip()
