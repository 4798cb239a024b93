"""Forms of the proposer's pages: starting a proposal or an application, every section of it,
submitting, withdrawing, adding a file. They shape the input; services and the workflow judge it.
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from cocreation_list.models import Field
from municipality.selectors import naming_the_city
from terms.forms import accepted_ids, add_acceptance_field

from ..checks import terms_context
from ..models import TEXT_SECTIONS, Proposal, ProposalVersion
from ..sections import SECTIONS
from .fields import NormalizedEmailField, PhoneField, ProposalTextField

TEXT_FIELDS = dict.fromkeys(TEXT_SECTIONS, ProposalTextField)
FIELD_CLASSES = {
    **TEXT_FIELDS,
    "contact_phone": PhoneField,
    "contact_email": NormalizedEmailField,
}

HELP_TEXTS = {
    "title": _("A short name for your idea, for example “Online booking of public facilities”."),
    "outline": _(
        "A short summary that may be published with your consent. Do not write your "
        "original know-how here."
    ),
    "intent": _(
        "A consultation needs only the title, outline and contact; the content grows in "
        "dialogue with the city. A full proposal fills in every section."
    ),
    "background": _("The issue as you see it: who is affected, and what happens now."),
    "body": _("What you propose to do, how, and with which service or technology."),
    "effect_citizens": _("What changes for citizens and users of the service."),
    "effect_financial": _("Costs saved or revenue gained, for the city and for you."),
    "effect_growth": _("How the service, the city's staff or your business can grow."),
    "effect_region": _("What it brings to the region and to society."),
    "roles": _("What your business does, what you ask the city to do, and who bears which risk."),
    "schedule": _("The steps and when, for example a trial year before full operation."),
    "cost_bearing": _(
        "Whether the city pays, nothing is asked of the city, or the service pays for itself."
    ),
    "cost_detail": _("The main costs and how you estimated them."),
    "requests_to_city": _("Data, facilities, publicity, permits or anything else you need."),
    "know_how": _(
        "The parts that are your own ideas, technology or know-how. Only the city staff in "
        "charge read them, and they are never published."
    ),
    "consent_to_publish": _(
        "Once the city decides on your proposal, it may publish your organisation's name "
        "and the outline. Confidential sections are never published."
    ),
    "contact_name": _("The person the city contacts about this proposal."),
    "contact_phone": _("Full-width digits are fine, for example ０５５－９８３－２６１６."),
    "contact_email": _("The receipt and the city's notices go here and to your members."),
    "preferred_department": naming_the_city(
        _("Optional. The %(office)s assigns the department in charge.")
    ),
}


class ProposalFormBase(forms.ModelForm):
    """Field classes, help texts and radio buttons shared by both proposal forms."""

    class Meta:
        model = Proposal
        fields = ()
        field_classes = FIELD_CLASSES
        widgets = {
            "intent": forms.RadioSelect,
            "cost_bearing": forms.RadioSelect,
            "title": forms.TextInput,
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "outline": forms.Textarea(attrs={"rows": 5}),
            "background": forms.Textarea(attrs={"rows": 8}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "know_how": forms.Textarea(attrs={"rows": 8}),
            **{
                name: forms.Textarea(attrs={"rows": 5})
                for name in (
                    "effect_citizens",
                    "effect_financial",
                    "effect_growth",
                    "effect_region",
                    "roles",
                    "schedule",
                    "cost_detail",
                    "requests_to_city",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in HELP_TEXTS:
                field.help_text = HELP_TEXTS[name]
        if "cost_bearing" in self.fields:
            # A radio group without the “---------” choice; leaving it unset is allowed in a draft.
            self.fields["cost_bearing"].choices = Proposal.CostBearing.choices
        if "intent" in self.fields:
            self.fields["intent"].choices = Proposal.Intent.choices


class StartForm(ProposalFormBase):
    """The first step asks little: title, outline, what you submit, contact."""

    class Meta(ProposalFormBase.Meta):
        fields = ("title", "outline", "intent", "contact_name", "contact_phone", "contact_email")


class FreeStartForm(StartForm):
    """自由提案型: the field, and the department the business has in mind if any."""

    class Meta(StartForm.Meta):
        fields = ("field", "preferred_department", *StartForm.Meta.fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].required = True
        self.fields["field"].queryset = Field.objects.order_by("sort_order", "name")
        self.fields["field"].empty_label = _("Choose a field")
        self.fields["preferred_department"].queryset = Department.objects.order_by(
            "sort_order", "name"
        )
        self.fields["preferred_department"].empty_label = _("No preference")


class ApplicationStartForm(StartForm):
    """An application to an open call is always a full proposal: no choice of what is submitted."""

    class Meta(StartForm.Meta):
        fields = ("title", "outline", "contact_name", "contact_phone", "contact_email")


# The edit page shows every section, in the order of the guidelines (sections.SECTIONS).
EDIT_FIELDS = tuple(name for _anchor, _title, names in SECTIONS for name in names)


class ProposalForm(ProposalFormBase):
    """Every section of a proposal; after submission, saving makes a new version."""

    note = ProposalTextField(
        label=_("What changed (optional)"),
        required=False,
        max_length=ProposalVersion._meta.get_field("note").max_length,
        help_text=_("A line for the city, for example “Updated the schedule after the meeting”."),
    )

    class Meta(ProposalFormBase.Meta):
        fields = EDIT_FIELDS

    def __init__(self, *args, revising=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind != Proposal.Kind.FREE:
            # A theme-based proposal goes to the theme's department.
            del self.fields["preferred_department"]
        else:
            self.fields["preferred_department"].queryset = Department.objects.order_by(
                "sort_order", "name"
            )
            self.fields["preferred_department"].empty_label = _("No preference")
        if self.instance.kind == Proposal.Kind.APPLICATION:
            # An application to an open call is always a full proposal.
            del self.fields["intent"]
        if not revising:
            del self.fields["note"]

    def sections(self):
        """(anchor, heading, bound fields) for the template, in the order of SECTIONS."""
        return [
            (anchor, title, [self[name] for name in names if name in self.fields])
            for anchor, title, names in SECTIONS
        ]

    def content(self) -> dict:
        """The cleaned content for services.update_proposal (the note goes apart)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "note"}


class SubmitForm(forms.Form):
    """The confirmation page's button; the status seen there guards against a double submit.
    With it the proposer accepts the current terms and gives the pledge (terms app)."""

    seen_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        add_acceptance_field(self, terms_context(case))

    def accepted(self) -> list[int]:
        """The ids of the versions accepted, for the SUBMIT or APPLY step."""
        return accepted_ids(self)


class WithdrawForm(forms.Form):
    reason = ProposalTextField(
        label=_("Reason for withdrawing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=naming_the_city(_("The %(office)s reads it; it is kept in the case's record.")),
    )
    confirm = forms.BooleanField(
        label=_("I understand that a withdrawn proposal cannot be resumed."),
    )
    seen_status = forms.CharField(widget=forms.HiddenInput)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        max_length=255,
        widget=forms.FileInput,
        error_messages={
            "required": _("Choose a file to add."),
            "empty": _("The file is empty. Choose the file again."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint or an image (PNG, JPEG, GIF); up to %(file)s a file "
            "and %(total)s for the whole proposal. The type is checked from the content."
        ) % {
            "file": filesizeformat(settings.KYOSO_MAX_FILE_BYTES),
            "total": filesizeformat(settings.KYOSO_MAX_PROPOSAL_BYTES),
        }
