"""Organisations, their members and invitations: the rules, the writes and the few reads
of the organisation page.

Every write checks before it writes and writes in one transaction, so a refusal leaves
nothing behind; mails are queued in the same transaction (outbox) and carry links only.
"""

import datetime
import secrets
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from municipality.selectors import words
from outbox.services import queue_mail

from .models import Invitation, Membership, Organization

INVITATION_DAYS = 7
# A member may invite colleagues, not mail the world: at most this many invitations a day
# per organisation.
INVITATIONS_PER_DAY = 30

# What a member may change on the organisation page (the group is the system's).
ORGANIZATION_FIELDS = (
    "name",
    "name_kana",
    "corporate_number",
    "postal_code",
    "address",
    "representative",
    "contact_person",
    "phone",
    "email",
    "size",
    "is_local",
)


def _already_member_error():
    return ValidationError(
        _("You already belong to an organisation. A person can belong to one organisation only."),
        code="already_member",
    )


def _check_may_join(user) -> None:
    """Staff (office, departments) never join a business: they would see its proposals
    through its group, outside the grants of their role (DESIGN §5)."""
    if user.is_staff:
        raise ValidationError(
            _(
                "Staff accounts cannot belong to an organisation. "
                "Use a separate account for a business."
            ),
            code="staff_account",
        )
    if has_organization(user):
        raise _already_member_error()


def _corporate_number_taken_error():
    constraint = next(
        item
        for item in Organization._meta.constraints
        if item.name == "organization_corporate_number_unique"
    )
    # Keyed by the field, so that forms show it beside the corporate number.
    return ValidationError(
        {
            "corporate_number": ValidationError(
                constraint.get_violation_error_message(), code=constraint.violation_error_code
            )
        }
    )


def _check_fields(fields) -> None:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"Not an organisation field a member may set: {sorted(unknown)}")


def _check_corporate_number_free(organization: Organization) -> None:
    number = organization.corporate_number
    if (
        number
        and Organization.objects.filter(corporate_number=number)
        .exclude(pk=organization.pk)
        .exists()
    ):
        raise _corporate_number_taken_error()


def _save_organization(organization: Organization) -> None:
    _check_corporate_number_free(organization)
    organization.full_clean()
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as clash:
        # Two registrations of one corporate number at the same moment: the database decides.
        raise _corporate_number_taken_error() from clash


def is_member(user, organization) -> bool:
    return bool(
        user.is_authenticated
        and Membership.objects.filter(user=user, organization=organization).exists()
    )


def has_organization(user) -> bool:
    return bool(user.is_authenticated and Membership.objects.filter(user=user).exists())


# Reads of the organisation page. They always start from the signed-in person, never from
# an id in the request: a person sees their own organisation and no other.


def organization_of(user) -> Organization | None:
    if not user.is_authenticated:
        return None
    membership = Membership.objects.select_related("organization").filter(user=user).first()
    return membership.organization if membership else None


def members_of(organization: Organization) -> list[Membership]:
    return list(organization.memberships.select_related("user").order_by("joined_at", "pk"))


def open_invitations_of(organization: Organization) -> list[Invitation]:
    return list(
        organization.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


@transaction.atomic
def create_organization(*, by, **fields) -> Organization:
    """Register an organisation; its creator becomes its first member."""
    _check_fields(fields)
    _check_may_join(by)
    group = Group.objects.create(name=f"organization:{secrets.token_hex(8)}")
    organization = Organization(group=group, **fields)
    _save_organization(organization)
    add_member(organization=organization, user=by)
    return organization


@transaction.atomic
def update_organization(*, organization: Organization, by, **fields) -> Organization:
    _check_fields(fields)
    if not is_member(by, organization):
        raise ValidationError(_("Only members can change the organisation."), code="not_member")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    for name, value in fields.items():
        setattr(organization, name, value)
    _save_organization(organization)
    return organization


@transaction.atomic
def add_member(*, organization: Organization, user) -> Membership:
    """Make the user a member; the organisation's group holds the grants on its proposals."""
    _check_may_join(user)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organization=organization)
    except IntegrityError as clash:
        # Membership.user is one-to-one: a person belongs to one organisation at most.
        raise _already_member_error() from clash
    user.groups.add(organization.group)
    return membership


def _absolute(path: str, request=None) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return urljoin(settings.KYOSO_BASE_URL, path)


@transaction.atomic
def invite_member(*, organization: Organization, by, email: str, request=None) -> Invitation:
    """Send a colleague a link to join.

    The mail names who invites and the organisation, and links to the portal; nothing of
    the organisation's proposals. Inviting the same address again replaces the earlier,
    still open invitation, so one link at a time works.
    """
    if not is_member(by, organization):
        raise ValidationError(_("Only members can invite colleagues."), code="not_member")
    email = email.strip().lower()
    if organization.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            _("This person is already a member of the organisation."), code="already_member"
        )
    # Lock the organisation: two invitations at once count one after the other.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    now = timezone.now()
    sent_today = organization.invitations.filter(
        created_at__gte=now - datetime.timedelta(days=1)
    ).count()
    if sent_today >= INVITATIONS_PER_DAY:
        raise ValidationError(
            _(
                "Your organisation has sent %(count)d invitations in the last 24 hours. "
                "Try again tomorrow."
            )
            % {"count": sent_today},
            code="too_many_invitations",
        )
    organization.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        invited_by=by,
        expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )
    link = _absolute(reverse("accounts:invitation_accept", args=[invitation.token]), request)
    subject = _("Invitation to the Kyoso portal of %(city)s") % words()
    body = _(
        "%(inviter)s invites you to join %(organization)s on the Kyoso portal of %(city)s.\n\n"
        "Open this link within %(days)d days and sign in, or create an account, "
        "with this e-mail address:\n%(link)s\n\n"
        "If you did not expect this e-mail, you can ignore it."
    ) % {
        "inviter": by.get_full_name(),
        "organization": organization.name,
        **words(),
        "days": INVITATION_DAYS,
        "link": link,
    }
    # Sent by a job once this commits; an invitee who already has an account also finds it
    # among their notifications.
    queue_mail(subject=subject, body=body, to=[email], kind="invitation", link=link)
    return invitation


def check_invitation(*, token: str, user, lock: bool = False) -> Invitation:
    """The invitation behind this link, if this user may accept it now; else a refusal."""
    invitations = Invitation.objects.select_related("organization", "invited_by")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token=token).first()
    if invitation is None or not invitation.is_open:
        raise ValidationError(
            _("This invitation has expired or has already been used. Ask for a new one."),
            code="invitation_closed",
        )
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to another e-mail address. Sign in with that address."),
            code="invitation_other_email",
        )
    _check_may_join(user)
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user) -> Membership:
    invitation = check_invitation(token=token, user=user, lock=True)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return add_member(organization=invitation.organization, user=user)


# Closing an account (退会) and anonymising one kept past its retention period ----------------


@transaction.atomic
def anonymise_user(user) -> None:
    """Remove what identifies the person and close the account: no sign-in, no membership, no
    e-mail addresses or authenticators. The cases their organisation submitted stay with the
    organisation, under the retention rule (retention app), attributed to the closed account."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user.email = f"closed-{user.pk}@closed.invalid"
    user.full_name = user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()


def close_account(*, user, password: str) -> None:
    """The person closes their own business account, confirming with their password."""
    if user.is_staff or user.is_superuser:
        raise ValidationError(
            _("A city staff account is closed by the %(office)s, not here.") % words(),
            code="staff_account",
        )
    if not user.check_password(password or ""):
        raise ValidationError(
            {"password": _("The password is not correct.")}, code="wrong_password"
        )
    anonymise_user(user)
