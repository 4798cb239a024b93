"""Writes on proposals other than status changes (those are in workflow.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization
from jobs.queue import enqueue
from mishima_kyoso.common.files import removed_on_failure, written_file
from mishima_kyoso.storage import PRIVATE
from municipality.selectors import words

from . import notifications
from .calls import field_of_call
from .checks import check_complete, check_may_apply, is_editable
from .files import check_proposal_total, validate_upload
from .jobs import delete_stored_file
from .models import (
    VERSIONED_FIELDS,
    DepartmentAssignment,
    Indicator,
    OpenCall,
    Proposal,
    ProposalAttachment,
    ProposalVersion,
    SharedGoal,
)
from .permissions import (
    grant_department,
    grant_organization,
    is_office,
    is_proposer,
    revoke_department,
    works_on,
)
from .states import CLOSED as CLOSED_STATUSES

EDITABLE_FIELDS = tuple(name for name in VERSIONED_FIELDS if name != "intent") + (
    "intent",
    "preferred_department",
)


def _refuse_closed(case: Proposal) -> None:
    if not is_editable(case):
        raise ValidationError(
            _(
                "This proposal can no longer be changed. If something needs correcting, "
                "contact the %(office)s."
            )
            % words(),
            code="not_editable",
        )


def _organization_of(user):
    membership = getattr(user, "membership", None)
    if membership is None:
        raise ValidationError(
            _("Register your organisation before proposing."), code="no_organization"
        )
    return membership.organization


def contact_defaults(user) -> dict:
    """The contact a new proposal starts with: the organisation's, else the user's."""
    return _contact_defaults(user, _organization_of(user))


def _contact_defaults(user, organization) -> dict:
    return {
        "contact_name": organization.contact_person or user.get_full_name(),
        "contact_phone": organization.phone,
        "contact_email": organization.email or user.email,
    }


@transaction.atomic
def create_theme_proposal(*, theme, by, **content) -> Proposal:
    """A draft on a theme of the co-creation list; only while the theme accepts proposals."""
    if not theme.is_accepting(on=timezone.localdate()):
        raise ValidationError(_("This theme is not accepting proposals now."), code="theme_closed")
    organization = _organization_of(by)
    return _create(
        kind=Proposal.Kind.THEME, theme=theme, organization=organization, by=by, content=content
    )


@transaction.atomic
def create_free_proposal(*, field, by, **content) -> Proposal:
    """A draft in any administrative field (自由提案型)."""
    organization = _organization_of(by)
    return _create(
        kind=Proposal.Kind.FREE, field=field, organization=organization, by=by, content=content
    )


@transaction.atomic
def create_application(*, call, by, **content) -> Proposal:
    """A draft application to a published open call (公募への応募), through the same intake.

    Always a full proposal; its field is the adopted case's, so that statistics group it. The
    applicant gets a grant on the application only, never on the adopted case (原則3).
    """
    organization = _organization_of(by)
    call = OpenCall.objects.select_related("proposal__theme", "proposal__field").get(pk=call.pk)
    # Under the organisation's lock: two members starting at once make one application.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    check_may_apply(call=call, organization=organization)
    return _create(
        kind=Proposal.Kind.APPLICATION,
        open_call=call,
        field=field_of_call(call),
        organization=organization,
        by=by,
        content={**content, "intent": Proposal.Intent.PROPOSAL},
    )


def _create(*, kind, organization, by, content, theme=None, field=None, open_call=None) -> Proposal:
    values = {**_contact_defaults(by, organization), **content}
    case = Proposal(
        kind=kind,
        theme=theme,
        field=field,
        open_call=open_call,
        organization=organization,
        created_by=by,
        **values,
    )
    case.full_clean()
    case.save()
    grant_organization(case)
    return case


@transaction.atomic
def update_proposal(*, case: Proposal, by, note: str = "", **content) -> Proposal:
    """Edit a draft in place; after submission, keep the old content and add a new version."""
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if not is_proposer(by, case):
        raise PermissionDenied
    _refuse_closed(case)
    for name, value in content.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(name)
        setattr(case, name, value)
    case.full_clean()
    if case.is_draft:
        case.save()
        return case
    # A revision of a submitted case stays as complete as what was submitted.
    check_complete(case)
    if case.content() == case.versions.order_by("-number").first().content:
        raise ValidationError(_("Nothing has changed."), code="unchanged")
    case.version += 1
    case.save()
    ProposalVersion.objects.create(
        proposal=case, number=case.version, content=case.content(), note=note, created_by=by
    )
    return case


@transaction.atomic
def delete_draft(*, case: Proposal, by) -> None:
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if not is_proposer(by, case):
        raise PermissionDenied
    if not case.is_draft:
        raise ValidationError(
            _("Only a draft can be deleted; a submitted proposal can be withdrawn."),
            code="not_draft",
        )
    names = [item.file.name for item in case.attachments.all()]
    case.delete()
    # The files go by jobs queued in this transaction: a rollback keeps rows and files.
    for name in names:
        enqueue(delete_stored_file, PRIVATE, name)


def add_attachment(*, case: Proposal, by, uploaded) -> ProposalAttachment:
    """Check the file, then store it and its row together: a failure leaves neither behind."""
    if not is_proposer(by, case):
        raise PermissionDenied
    _refuse_closed(case)
    _extension, content_type = validate_upload(uploaded, already_stored=_stored_bytes(case))
    attachment = written_file(
        ProposalAttachment, uploaded, content_type=content_type, by=by, proposal=case
    )
    with removed_on_failure([attachment]), transaction.atomic():
        # Under the case's lock: two uploads at once cannot pass the total together, and a
        # case withdrawn meanwhile takes no file.
        case = Proposal.objects.select_for_update().get(pk=case.pk)
        _refuse_closed(case)
        check_proposal_total(uploaded, already_stored=_stored_bytes(case))
        attachment.proposal = case
        attachment.save()
        Proposal.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    return attachment


def _stored_bytes(case: Proposal) -> int:
    return case.attachments.aggregate(total=Sum("size"))["total"] or 0


@transaction.atomic
def remove_attachment(*, attachment: ProposalAttachment, by) -> None:
    """A draft's file may be removed; a submitted proposal's files stay on record."""
    case = Proposal.objects.select_for_update().get(pk=attachment.proposal_id)
    if not is_proposer(by, case):
        raise PermissionDenied
    if not case.is_draft:
        raise ValidationError(
            _("Files of a submitted proposal stay on record; add a corrected file instead."),
            code="not_draft",
        )
    name = attachment.file.name
    attachment.delete()
    Proposal.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    enqueue(delete_stored_file, PRIVATE, name)


@transaction.atomic
def assign_department(*, case: Proposal, department, by) -> DepartmentAssignment:
    """担当課の割当: the department's staff now see and work on the case (office only)."""
    if not is_office(by):
        raise PermissionDenied
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if case.status in CLOSED_STATUSES:
        raise ValidationError(_("This case is closed."), code="closed")
    if case.is_draft:  # the proposer's private work until submitted (共創指針 原則3)
        raise ValidationError(_("This proposal has not been submitted yet."), code="draft")
    assignment, created = DepartmentAssignment.objects.get_or_create(
        proposal=case, department=department, defaults={"assigned_by": by}
    )
    if not created:
        raise ValidationError(
            _("%(department)s is already in charge of this case.") % {"department": department},
            code="already_assigned",
        )
    grant_department(case, department)
    notifications.notify_assignment(case.pk, department.pk)
    return assignment


@transaction.atomic
def unassign_department(*, case: Proposal, department, by) -> None:
    if not is_office(by):
        raise PermissionDenied
    deleted, _rows = DepartmentAssignment.objects.filter(
        proposal=case, department=department
    ).delete()
    if not deleted:
        raise ValidationError(
            _("%(department)s is not in charge of this case.") % {"department": department},
            code="not_assigned",
        )
    revoke_department(case, department)


def _may_plan(user, case) -> Proposal:
    """The case, locked: goals change on an open case only, never while a step closes it."""
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if not works_on(user, case):
        raise PermissionDenied
    if case.status in CLOSED_STATUSES:
        raise ValidationError(_("This case is closed."), code="closed")
    if case.is_draft:  # goals are shared in the dialogue, which starts with the submission
        raise ValidationError(_("This proposal has not been submitted yet."), code="draft")
    return case


@transaction.atomic
def save_goal(*, case: Proposal, by, goal: SharedGoal | None = None, indicators=(), **fields):
    """Add or change a shared goal and replace its indicators, all or nothing."""
    case = _may_plan(by, case)
    goal = goal or SharedGoal(proposal=case)
    if goal.proposal_id != case.pk:
        raise PermissionDenied
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.updated_by = by
    goal.full_clean()
    goal.save()
    goal.indicators.all().delete()
    for values in indicators:
        indicator = Indicator(goal=goal, **values)
        indicator.full_clean()
        indicator.save()
    return goal


@transaction.atomic
def delete_goal(*, goal: SharedGoal, by) -> None:
    _may_plan(by, goal.proposal)
    goal.delete()
