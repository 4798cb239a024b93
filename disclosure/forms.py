"""The office's forms of a disclosure request, and the proposer's answer to an opinion request."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from municipality.selectors import naming_the_city
from proposals.sections import SECTIONS

from .models import DisclosureRequest, Ground, ThirdPartyOpinion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
GROUND_CHOICES = [("", _("Disclosed")), *Ground.choices]


class RequestForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    requester = forms.CharField(
        label=_("Requester and what is asked"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=naming_the_city(
            _("Who asks and what they ask for, as the %(office)s records it.")
        ),
    )
    references = forms.CharField(
        label=_("Reference numbers of the cases"),
        max_length=1000,
        help_text=_("Separate them with commas or spaces, e.g. R8-0012, R8-0013."),
    )
    decision_due_on = forms.DateField(label=_("Decision due on"), widget=DATE)

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases_queryset = cases

    def clean_references(self):
        wanted = [part for part in re.split(r"[\s,、，]+", self.cleaned_data["references"]) if part]
        found = {case.reference: case for case in self.cases_queryset.filter(reference__in=wanted)}
        missing = [reference for reference in wanted if reference not in found]
        if missing:
            raise forms.ValidationError(
                _("No case with the reference number %(references)s."),
                code="unknown_reference",
                params={"references": ", ".join(missing)},
            )
        self.cleaned_data["cases"] = list(found.values())
        return wanted


class MarksForm(forms.Form):
    """One ground (or disclosed) per section and per file of a case."""

    def __init__(self, *args, case, attachments, marks, **kwargs):
        super().__init__(*args, **kwargs)
        current = {(mark.section, mark.attachment_id): mark.ground for mark in marks}
        self.section_fields, self.file_fields = [], []
        for anchor, title, _names in SECTIONS:
            name = f"section_{anchor}"
            self.fields[name] = forms.ChoiceField(
                label=title,
                choices=GROUND_CHOICES,
                required=False,
                initial=current.get((anchor, None), ""),
            )
            self.section_fields.append((anchor, name))
        for number, attachment in enumerate(attachments, start=1):
            name = f"file_{attachment.pk}"
            self.fields[name] = forms.ChoiceField(
                label=_("File %(number)s: %(name)s")
                % {"number": number, "name": attachment.original_name},
                choices=GROUND_CHOICES,
                required=False,
                initial=current.get(("", attachment.pk), ""),
            )
            self.file_fields.append((attachment.pk, name))

    def marks(self) -> tuple[dict, dict]:
        data = self.cleaned_data
        sections = {anchor: data[name] for anchor, name in self.section_fields if data[name]}
        files = {pk: data[name] for pk, name in self.file_fields if data[name]}
        return sections, files


class OpinionRequestForm(forms.Form):
    due_on = forms.DateField(label=_("Answer due on"), widget=DATE)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DisclosureRequest.Decision.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=ThirdPartyOpinion.Answer.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("If you object, say which parts and why their disclosure would harm you."),
    )
