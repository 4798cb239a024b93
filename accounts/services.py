"""Writes on accounts: organisations, their members and invitations."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Invitation, Membership, Organization

INVITATION_DAYS = 7


@transaction.atomic
def create_organization(*, by, **fields) -> Organization:
    """Register an organisation; its creator becomes its first member."""
    if hasattr(by, "membership"):
        raise ValidationError(
            _("You already belong to an organisation."), code="already_member"
        )
    group = Group.objects.create(name=f"organization:{secrets.token_hex(8)}")
    organization = Organization(group=group, **fields)
    organization.full_clean()
    organization.save()
    add_member(organization=organization, user=by)
    return organization


@transaction.atomic
def update_organization(*, organization: Organization, by, **fields) -> Organization:
    if not is_member(by, organization):
        raise ValidationError(_("Only members can change the organisation."), code="not_member")
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.full_clean()
    organization.save()
    return organization


def is_member(user, organization) -> bool:
    return bool(
        user.is_authenticated
        and Membership.objects.filter(user=user, organization=organization).exists()
    )


def add_member(*, organization: Organization, user) -> Membership:
    membership = Membership.objects.create(user=user, organization=organization)
    # The organisation's group holds the object permissions on its proposals.
    user.groups.add(organization.group)
    return membership


@transaction.atomic
def invite_member(*, organization: Organization, by, email: str, request=None) -> Invitation:
    """Send a colleague a link to join; the mail says who invites, nothing confidential."""
    if not is_member(by, organization):
        raise ValidationError(_("Only members can invite colleagues."), code="not_member")
    email = email.strip().lower()
    if organization.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            _("This person is already a member of the organisation."), code="already_member"
        )
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        invited_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    path = reverse("accounts:invitation_accept", args=[invitation.token])
    link = request.build_absolute_uri(path) if request is not None else path
    subject = _("Invitation to the Kyoso portal of %(city)s") % {
        "city": settings.KYOSO_SITE["city_name"]
    }
    body = _(
        "%(inviter)s invites you to join %(organization)s on the Kyoso portal.\n\n"
        "Open this link within %(days)d days to accept:\n%(link)s\n\n"
        "If you did not expect this e-mail, you can ignore it."
    ) % {
        "inviter": by.get_full_name(),
        "organization": organization.name,
        "days": INVITATION_DAYS,
        "link": link,
    }
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [email], fail_silently=False), robust=True
    )
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user) -> Membership:
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
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
    if hasattr(user, "membership"):
        raise ValidationError(
            _("You already belong to an organisation."), code="already_member"
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return add_member(organization=invitation.organization, user=user)
