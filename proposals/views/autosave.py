"""POST /proposals/<pk>/autosave/: the edit form's text saved as the proposer types (JSON).

static/js/autosave.js posts the text fields of the edit form (data-autosave-url). Only a
draft of the user's own organisation, only the text fields that came (partial input: the
others keep what is saved), through the edit form's validation and services.update_proposal,
the same as the page's 「保存」; a refusal saves nothing. It never submits, and never makes a
version: a submitted case changes only from the edit page's own button.
"""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mishima_kyoso.common import autosave

from .. import services
from ..access import proposers_case
from ..checks import may_edit
from ..forms.proposal import ProposalForm
from ..models import Proposal


class NotADraft(Exception):
    """Submitted meanwhile (by a colleague in another tab): autosave stops."""


def _not_a_draft():
    return autosave.refused(
        _(
            "Only a draft is saved as you type. This proposal has been submitted: save your "
            "changes with the button on the page, which keeps them as a new version."
        ),
        status=409,
    )


def _text_fields(form, posted) -> list[str]:
    """The form's text fields (not choices, files or boxes) that this POST carries."""
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and name in posted
    ]


@require_POST
def autosave_proposal(request, pk):
    if not request.user.is_authenticated:
        return autosave.signed_out()
    case = proposers_case(request.user, pk)  # unseen: 404; seen, not the proposer's: 403
    if not case.is_draft or not may_edit(case, request.user):
        return _not_a_draft()
    form = ProposalForm(request.POST, instance=copy.copy(case), revising=False)
    kept = _text_fields(form, request.POST)
    for name in list(form.fields):
        if name not in kept:
            del form.fields[name]
    if not kept:
        return autosave.refused(_("The draft has not been saved: the form sent no text."))
    if not form.is_valid():
        return autosave.form_refusal(form)
    try:
        with transaction.atomic():
            # Still a draft under the lock update_proposal takes again: a case submitted
            # meanwhile would otherwise get a new version from a keystroke.
            if not get_object_or_404(Proposal.objects.select_for_update(), pk=case.pk).is_draft:
                raise NotADraft
            saved = services.update_proposal(case=case, by=request.user, **form.content())
    except NotADraft:
        return _not_a_draft()
    except ValidationError as refusal:
        return autosave.refused(
            _("The draft has not been saved. %(errors)s") % {"errors": " ".join(refusal.messages)}
        )
    return autosave.saved(saved.updated_at)
