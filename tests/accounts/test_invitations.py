"""Invitations: a member invites a colleague by e-mail; the colleague signs in (or signs up)
with that address and joins; closed invitations and other addresses are refused."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership
from accounts.services import INVITATIONS_PER_DAY, accept_invitation, invite_member
from outbox.models import Mail
from tests.factories.accounts import (
    PASSWORD,
    InvitationFactory,
    OrganizationFactory,
    UserFactory,
    VerifiedMemberFactory,
    VerifiedUserFactory,
)
from tests.factories.terms import signup_data

pytestmark = pytest.mark.django_db

INVITE = reverse("accounts:invite")
DETAIL = reverse("accounts:organization_detail")
NEW_PASSWORD = "kyoso-Mishima-2026-new"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organization():
    return OrganizationFactory(
        name="株式会社三島グリーン",
        corporate_number="5835678256246",
        address="静岡県三島市北田町4-47",
        phone="055-983-2616",
    )


@pytest.fixture
def member(organization):
    return VerifiedMemberFactory(
        email="member@example.jp", full_name="三島 花子", organization=organization
    )


def accept_url(invitation) -> str:
    return reverse("accounts:invitation_accept", args=[invitation.token])


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password, **extra})


# Inviting ------------------------------------------------------------------------------------


def test_member_invites_a_colleague_who_gets_a_mail_with_the_link_only(
    client, member, mailoutbox, run_jobs
):
    client.force_login(member)

    response = client.post(INVITE, {"invite-email": "Colleague@Example.JP"})
    run_jobs()

    assert response.status_code == 302
    assert response["Location"] == DETAIL + "#invitations"
    invitation = Invitation.objects.get()
    assert invitation.email == "colleague@example.jp"
    assert invitation.invited_by == member
    assert invitation.is_open
    assert [message.to for message in mailoutbox] == [["colleague@example.jp"]]
    body = mailoutbox[0].body
    # From the configured address (KYOSO_BASE_URL), not the request's host.
    assert link_in(mailoutbox[0]) == settings.KYOSO_BASE_URL + accept_url(invitation)
    assert re.findall(r"https?://\S+", body) == [link_in(mailoutbox[0])]
    # Nothing of the organisation beyond its name: no number, address, phone or members.
    for confidential in ("5835678256246", "北田町", "055-983-2616", "member@example.jp"):
        assert confidential not in body


def test_member_sees_the_new_invitation_as_pending(client, member, run_jobs):
    client.force_login(member)
    client.post(INVITE, {"invite-email": "colleague@example.jp"})
    run_jobs()

    page = client.get(DETAIL).content.decode()

    assert "colleague@example.jp" in page


def test_invitation_mail_is_queued_with_the_invitation_and_leaves_through_the_job_engine(
    member, mailoutbox, run_jobs
):
    invite_member(organization=member.membership.organization, by=member, email="c@example.jp")

    [queued] = Mail.objects.all()
    assert (queued.to, queued.status, mailoutbox) == (["c@example.jp"], Mail.Status.QUEUED, [])

    run_jobs()

    queued.refresh_from_db()
    assert [message.to for message in mailoutbox] == [["c@example.jp"]]
    assert queued.status == Mail.Status.SENT


def test_member_types_a_full_width_address_and_it_is_normalised(
    client, member, mailoutbox, run_jobs
):
    client.force_login(member)

    client.post(INVITE, {"invite-email": "ｃｏｌｌｅａｇｕｅ＠ｅｘａｍｐｌｅ．ｊｐ"})
    run_jobs()

    assert Invitation.objects.get().email == "colleague@example.jp"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("", "required"), ("not-an-address", "invalid"), ("Member@Example.jp", "already_member")],
)
def test_member_is_refused_an_invitation_with_a_clear_error_and_nothing_is_sent(
    client, member, mailoutbox, run_jobs, typed, code
):
    client.force_login(member)

    response = client.post(INVITE, {"invite-email": typed})
    run_jobs()

    assert response.status_code == 200
    errors = response.context["invite_form"].errors.as_data()
    assert {error.code for error in errors["email"]} == {code}
    assert 'id="id_invite-email_error"' in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_inviting_the_same_address_again_replaces_the_open_invitation(member, run_jobs):
    organization = member.membership.organization
    first = invite_member(organization=organization, by=member, email="c@example.jp")
    second = invite_member(organization=organization, by=member, email="C@example.jp")
    run_jobs()

    first.refresh_from_db()
    assert not first.is_open
    assert second.is_open


def test_member_is_refused_more_invitations_than_the_daily_limit(client, member, mailoutbox):
    organization = member.membership.organization
    InvitationFactory.create_batch(INVITATIONS_PER_DAY, organization=organization)
    client.force_login(member)

    response = client.post(INVITE, {"invite-email": "one-more@example.jp"})

    errors = response.context["invite_form"].errors.as_data()
    assert {error.code for error in errors["email"]} == {"too_many_invitations"}
    assert Invitation.objects.count() == INVITATIONS_PER_DAY
    assert mailoutbox == []


def test_someone_outside_the_organisation_cannot_invite(organization):
    outsider = UserFactory()

    with pytest.raises(ValidationError) as refusal:
        invite_member(organization=organization, by=outsider, email="c@example.jp")

    assert refusal.value.code == "not_member"
    assert not Invitation.objects.exists()


def test_opening_the_invite_address_shows_the_organisation_page(client, member):
    client.force_login(member)

    assert client.get(INVITE)["Location"] == DETAIL


# Accepting ----------------------------------------------------------------------------------


def test_colleague_with_an_account_signs_in_through_the_link_and_joins(client, organization):
    invitation = InvitationFactory(organization=organization, email="colleague@example.jp")
    colleague = VerifiedUserFactory(email="colleague@example.jp")

    response = client.get(accept_url(invitation))
    assert response.status_code == 200
    assert "株式会社三島グリーン" not in response.content.decode()  # not before signing in
    response = sign_in(client, "Colleague@Example.jp", next=accept_url(invitation))
    assert response["Location"] == accept_url(invitation)
    page = client.get(accept_url(invitation))
    assert page.context["invitation"] == invitation
    assert "株式会社三島グリーン" in page.content.decode()

    response = client.post(accept_url(invitation))

    assert response["Location"] == DETAIL
    assert Membership.objects.get(user=colleague).organization == organization
    assert list(colleague.groups.all()) == [organization.group]
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.get(DETAIL).context["organization"] == organization


def test_colleague_without_an_account_signs_up_verifies_and_joins(
    client, organization, mailoutbox, run_jobs
):
    invitation = InvitationFactory(organization=organization, email="new@example.jp")
    page = client.get(accept_url(invitation)).content.decode()
    signup = reverse("account_signup") + "?next=" + accept_url(invitation)
    assert f'href="{signup}"' in page

    client.post(
        signup,
        signup_data(
            email="new@example.jp",
            password1=NEW_PASSWORD,
            password2=NEW_PASSWORD,
            next=accept_url(invitation),
        ),
    )
    run_jobs()
    response = client.post(link_in(mailoutbox[0]))
    assert response["Location"] == accept_url(invitation)

    response = client.post(accept_url(invitation))

    assert response["Location"] == DETAIL
    assert Membership.objects.get(user__email="new@example.jp").organization == organization


@pytest.mark.parametrize(
    "state",
    [
        {"expired": True},
        {"accepted": True},
        {"expires_at": timezone.now() + datetime.timedelta(minutes=-1)},
    ],
    ids=["expired", "used", "just expired"],
)
def test_colleague_is_refused_a_closed_invitation(client, organization, state):
    invitation = InvitationFactory(organization=organization, email="c@example.jp", **state)
    colleague = VerifiedUserFactory(email="c@example.jp")
    client.force_login(colleague)

    shown = client.get(accept_url(invitation))
    response = client.post(accept_url(invitation))

    assert shown.context["refusal"].code == "invitation_closed"
    assert response.context["refusal"].code == "invitation_closed"
    assert 'class="notice-error" role="alert"' in response.content.decode()
    assert not Membership.objects.filter(user=colleague).exists()


def test_unknown_invitation_link_is_refused_as_closed(client):
    client.force_login(VerifiedUserFactory())

    response = client.post(reverse("accounts:invitation_accept", args=["no-such-token"]))

    assert response.context["refusal"].code == "invitation_closed"
    assert not Membership.objects.exists()


def test_someone_with_another_address_is_refused_and_learns_nothing(client, organization):
    invitation = InvitationFactory(organization=organization, email="colleague@example.jp")
    stranger = VerifiedUserFactory(email="stranger@example.jp")
    client.force_login(stranger)

    shown = client.get(accept_url(invitation))
    response = client.post(accept_url(invitation))

    assert shown.context["refusal"].code == "invitation_other_email"
    assert response.context["refusal"].code == "invitation_other_email"
    assert "株式会社三島グリーン" not in response.content.decode()
    assert not Membership.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.is_open


def test_member_of_another_organisation_is_refused(client, organization):
    invitation = InvitationFactory(organization=organization, email="busy@example.jp")
    busy = VerifiedMemberFactory(email="busy@example.jp")
    client.force_login(busy)

    response = client.post(accept_url(invitation))

    assert response.context["refusal"].code == "already_member"
    assert Membership.objects.get(user=busy).organization != organization
    invitation.refresh_from_db()
    assert invitation.is_open


def test_an_invitation_is_used_once(organization):
    invitation = InvitationFactory(organization=organization, email="c@example.jp")
    colleague = VerifiedUserFactory(email="c@example.jp")
    accept_invitation(token=invitation.token, user=colleague)
    Membership.objects.filter(user=colleague).delete()

    with pytest.raises(ValidationError) as refusal:
        accept_invitation(token=invitation.token, user=colleague)

    assert refusal.value.code == "invitation_closed"
    assert not Membership.objects.filter(user=colleague).exists()


def test_accepting_needs_a_post_with_a_csrf_token(organization):
    from django.test import Client

    invitation = InvitationFactory(organization=organization, email="c@example.jp")
    colleague = VerifiedUserFactory(email="c@example.jp")
    client = Client(enforce_csrf_checks=True)
    client.force_login(colleague)

    response = client.post(accept_url(invitation))

    assert response.status_code == 403
    assert not Membership.objects.filter(user=colleague).exists()


def test_staff_are_refused_joining_an_organisation_by_invitation(client, organization):
    staff = VerifiedUserFactory(email="kankyo@city.example.jp", is_staff=True)
    invitation = InvitationFactory(organization=organization, email="kankyo@city.example.jp")
    client.force_login(staff)

    response = client.post(accept_url(invitation))

    assert response.context["refusal"].code == "staff_account"
    assert not Membership.objects.filter(user=staff).exists()
    assert not staff.groups.filter(pk=organization.group_id).exists()
