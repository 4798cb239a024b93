"""公募: the open call the office writes for an adopted case, and the applications to it.

Writes only (STYLE §3): keyword-only, verb first, the acting user as `by=`; checks before the
write; a refusal leaves nothing behind. Status changes stay in workflow.py.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import OpenCall, Proposal
from .permissions import is_office
from .states import CALL

S = Proposal.Status
CALL_FIELDS = (
    "title",
    "summary",
    "conditions",
    "starts_on",
    "ends_on",
    "questions_from",
    "questions_until",
    "contact",
)


def has_open_call(case: Proposal) -> bool:
    """The adoption chose an open call for this case (公平性・競争性)."""
    return case.kind != Proposal.Kind.APPLICATION and case.chose_open_call


def may_write_call(case: Proposal, user) -> bool:
    """The office writes the call of an adopted case whose adoption chose one."""
    return is_office(user) and case.status in CALL and has_open_call(case)


def _check_case(case: Proposal, by) -> Proposal:
    if not is_office(by):
        raise PermissionDenied
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if case.status not in CALL:
        raise ValidationError(
            _("An open call is written while the case is adopted or selecting its implementer."),
            code="wrong_status",
        )
    if not has_open_call(case):
        raise ValidationError(
            _("The adoption of this case did not choose an open call."), code="no_open_call"
        )
    return case


@transaction.atomic
def save_call(*, case: Proposal, by, **fields) -> OpenCall:
    """Create the call of an adopted case, or change it while it is a draft (office only)."""
    case = _check_case(case, by)
    call = OpenCall.objects.select_for_update().filter(proposal=case).first()
    if call is None:
        call = OpenCall(proposal=case, created_by=by)
    elif call.is_published:
        raise ValidationError(
            _("This open call has been published and can no longer be changed."),
            code="call_published",
        )
    for name, value in fields.items():
        if name not in CALL_FIELDS:
            raise ValueError(name)
        setattr(call, name, value)
    call.full_clean()
    call.save()
    return call


def _next_number() -> int:
    """The next public number: the highest row is locked, so two publications queue."""
    top = OpenCall.objects.select_for_update().filter(number__isnull=False).order_by("-number")
    highest = top.values_list("number", flat=True).first()
    if highest is None:  # the first call: nothing to lock; the unique number decides
        highest = OpenCall.objects.aggregate(top=Max("number"))["top"] or 0
    return highest + 1


@transaction.atomic
def publish_call(*, call: OpenCall, by) -> OpenCall:
    """Publish a draft call: the next public number (unique, never reused) and the time."""
    _check_case(call.proposal, by)
    call = OpenCall.objects.select_for_update().get(pk=call.pk)
    if call.is_published:
        raise ValidationError(
            _("This open call has already been published."), code="already_published"
        )
    if call.ends_on < timezone.localdate():
        raise ValidationError(
            _("The application period has already ended. Change the period before publishing."),
            code="period_over",
        )
    for _attempt in range(3):
        call.number = _next_number()
        try:
            with transaction.atomic():
                call.status = OpenCall.Status.PUBLISHED
                call.published_at = timezone.now()
                call.save(update_fields=["number", "status", "published_at", "updated_at"])
        except IntegrityError:  # another call took the same first number at the same moment
            continue
        return call
    raise ValidationError(
        _("The call could not be numbered. Please try again."), code="number_taken"
    )


# Applications (公募への応募) -------------------------------------------------------------------


def field_of_call(call: OpenCall):
    """The administrative field of the adopted case, so that statistics group applications."""
    original = call.proposal
    if original.field_id is not None:
        return original.field
    if original.theme_id is not None:
        return original.theme.fields.order_by("sort_order", "pk").first()
    return None
