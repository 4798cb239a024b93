"""Fair open calls (公募の公平性, 共創指針 原則3): writes of the questions on a call and of its
selection committee.

- A question is asked by a signed-in business, within the call's question period only.
- The office answers; an answer is public for everyone at once, the questioner never named.
- The office enters the selection committee (name, role, affiliation: no personal contact); the
  public pages show it once the selection result is published (outcomes).

Writes only (STYLE §3): keyword-only, verb first, the acting user as `by=`; checks before the
write; a refusal leaves nothing behind.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CallCommitteeMember, CallQuestion, OpenCall
from .permissions import is_office

QUESTION_MAX_LENGTH = 2000
COMMITTEE_FIELDS = ("name", "role", "affiliation", "sort_order")


def questioner_organization(user):
    """The organisation a signed-in business user asks for; None for anyone else."""
    if not (user.is_authenticated and user.is_active):
        return None
    membership = getattr(user, "membership", None)
    return membership.organization if membership is not None else None


@transaction.atomic
def ask_call_question(*, call: OpenCall, by, question: str) -> CallQuestion:
    """A business asks a question on a published call, within its question period."""
    organization = questioner_organization(by)
    if organization is None:
        raise PermissionDenied
    call = OpenCall.objects.select_for_update().get(pk=call.pk)
    if not call.is_accepting_questions(timezone.localdate()):
        raise ValidationError(
            _("This open call is not taking questions now."), code="questions_closed"
        )
    text = (question or "").strip()
    if not text:
        raise ValidationError({"question": _("Enter your question.")}, code="required")
    if len(text) > QUESTION_MAX_LENGTH:
        raise ValidationError(
            {
                "question": _("Keep the question within %(limit)s characters.")
                % {"limit": QUESTION_MAX_LENGTH}
            },
            code="max_length",
        )
    return CallQuestion.objects.create(
        call=call, organization=organization, asked_by=by, question=text
    )


@transaction.atomic
def answer_call_question(*, question: CallQuestion, by, answer: str) -> CallQuestion:
    """The office answers (or corrects its answer); an empty answer takes it off the public
    page again. The same answer for everyone: never sent to the questioner alone."""
    if not is_office(by):
        raise PermissionDenied
    question = CallQuestion.objects.select_for_update().get(pk=question.pk)
    question.answer = (answer or "").strip()
    question.answered_by = by if question.answer else None
    question.save()
    return question


@transaction.atomic
def save_committee_member(
    *, call: OpenCall, by, member: CallCommitteeMember | None = None, **fields
) -> CallCommitteeMember:
    """The office adds a member of the call's selection committee, or changes one."""
    if not is_office(by):
        raise PermissionDenied
    member = member or CallCommitteeMember()
    member.call = call
    for name, value in fields.items():
        if name not in COMMITTEE_FIELDS:
            raise ValueError(name)
        setattr(member, name, value.strip() if isinstance(value, str) else value)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def remove_committee_member(*, member: CallCommitteeMember, by) -> None:
    if not is_office(by):
        raise PermissionDenied
    member.delete()
