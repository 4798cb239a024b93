"""Forms of the dialogue: they shape the input; services judge it (files, status, sides)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proposals.forms.fields import DateInput, JapaneseDateField, ProposalTextField

from .models import MESSAGE_MAX_LENGTH, MeetingRecord
from .services import MAX_FILES_PER_MESSAGE, MEETING_FIELDS


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type="file" multiple>; the list may be empty."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class MessageForm(forms.Form):
    """A message; the city's side also chooses who reads it (no default: a conscious choice)."""

    MESSAGE, INTERNAL = "message", "internal"
    field_order = ["visibility", "body", "files"]  # as the page shows them, and the error list

    body = ProposalTextField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    files = MultipleFileField(label=_("Files (optional)"), required=False)
    visibility = forms.ChoiceField(
        label=_("Who reads this"),
        choices=[
            (MESSAGE, _("A message to the proposer (they are told by e-mail)")),
            (INTERNAL, _("An internal note for the city's staff (not shown to the proposer)")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, city: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not city:
            del self.fields["visibility"]
        self.fields["files"].help_text = _(
            "Up to %(count)s files: PDF, Word, Excel, PowerPoint or an image (PNG, JPEG, GIF), "
            "each up to %(file)s. The type is checked from the content."
        ) % {"count": MAX_FILES_PER_MESSAGE, "file": filesizeformat(settings.KYOSO_MAX_FILE_BYTES)}

    @property
    def is_internal(self) -> bool:
        return self.cleaned_data.get("visibility") == self.INTERNAL


class MessageDraftForm(forms.Form):
    """A draft of a message: any part of it, even nothing (files are never part of a draft)."""

    body = ProposalTextField(label=_("Message"), max_length=MESSAGE_MAX_LENGTH, required=False)
    visibility = forms.ChoiceField(
        label=_("Who reads this"),
        choices=MessageForm.base_fields["visibility"].choices,
        required=False,
    )

    def __init__(self, *args, city: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not city:
            del self.fields["visibility"]


class MeetingRecordForm(forms.ModelForm):
    class Meta:
        model = MeetingRecord
        fields = MEETING_FIELDS
        field_classes = {
            "held_on": JapaneseDateField,
            **dict.fromkeys(
                ("city_attendees", "business_attendees", "summary", "next_steps"),
                ProposalTextField,
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "form": forms.RadioSelect,
            "held_on": DateInput,
            "city_attendees": forms.Textarea(attrs={"rows": 3}),
            "business_attendees": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 10}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["is_shared_with_proposer"].label = _("Share this record with the proposer")
        for name in ("kind", "form"):
            # Radio buttons without the empty "---------" choice.
            self.fields[name].choices = MeetingRecord._meta.get_field(name).choices
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["held_on"].help_text = _("For example 2026-04-15.")
