"""The question a business asks on an open call (公募への質問). The form shapes the input; the
service (call_fairness.ask_call_question) judges the period and the length."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..call_fairness import QUESTION_MAX_LENGTH
from .fields import ProposalTextField


class CallQuestionForm(forms.Form):
    question = ProposalTextField(
        label=_("Your question"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The answer is published on the call's page for every business, without your name. "
            "Do not write confidential content of your own proposal here."
        ),
        error_messages={
            "required": _("Enter your question."),
            "max_length": _("Keep the question within %(limit_value)d characters."),
        },
    )
