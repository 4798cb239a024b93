"""The person's name (氏名): asked at sign-up, normalised, refused in Japanese when hostile, shown
to colleagues; accounts without one set it on the organisation page or when joining; and the
organisation's type is called 種別."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from accounts.models import Membership, Organization
from tests.factories.accounts import (
    InvitationFactory,
    OrganizationFactory,
    VerifiedMemberFactory,
    VerifiedUserFactory,
)
from tests.factories.terms import signup_data

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "kyoso-Mishima-2026-new"
DETAIL = reverse("accounts:organization_detail")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def sign_up(client, **data):
    return client.post(
        reverse("account_signup"),
        signup_data(email="hanako@example.jp", password1=PASSWORD, password2=PASSWORD, **data),
    )


def test_visitor_signs_up_with_a_full_width_name_stored_normalised(client):
    response = sign_up(client, full_name="  三島\u3000\u3000花子  ")

    assert response.status_code == 302
    user = User.objects.get()
    assert user.full_name == "三島 花子"
    assert str(user) == user.get_full_name() == "三島 花子"


def test_sign_up_form_asks_the_name_after_the_e_mail(client):
    form = client.get(reverse("account_signup")).context["form"]

    assert list(form.fields)[:3] == ["email", "full_name", "password1"]
    assert form.fields["full_name"].required


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "required"),
        ("\u3000 \u3000", "required"),
        ("\u200b\u200b", "required"),
        ("三島\t花子", "control_characters"),
        ("三島\u202e花子", "control_characters"),
        ("あ" * 200, "max_length"),
    ],
)
def test_visitor_is_refused_a_hostile_name_in_japanese_and_no_account_is_made(client, name, code):
    with translation.override("ja"):
        response = sign_up(client, full_name=name)

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["full_name"]
    assert [error.code for error in errors] == [code]
    assert not User.objects.exists()


def test_colleagues_see_the_name_in_the_members_list(client):
    organization = OrganizationFactory()
    member = VerifiedMemberFactory(full_name="三島 花子", organization=organization)
    VerifiedMemberFactory(full_name="沼津 次郎", organization=organization)
    client.force_login(member)

    html = client.get(DETAIL).content.decode()

    members = html[html.index('id="members"') : html.index('id="invitations"')]
    assert "三島 花子" in members and "沼津 次郎" in members
    assert ">—<" not in members


def test_member_without_a_name_is_asked_for_it_and_sets_it_on_the_organisation_page(client):
    member = VerifiedMemberFactory(full_name="")
    client.force_login(member)

    page = client.get(DETAIL)
    assert "name-missing" in page.content.decode()
    assert not page.context["name_form"].is_bound

    response = client.post(DETAIL, {"person-full_name": "ｍｉｓｈｉｍａ 花子"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.full_name == "mishima 花子"


def test_member_is_refused_an_empty_name_and_it_stays_unset(client):
    member = VerifiedMemberFactory(full_name="")
    client.force_login(member)

    with translation.override("ja"):
        response = client.post(DETAIL, {"person-full_name": "\u3000"})

    assert response.status_code == 200
    assert response.context["name_form"].errors.as_data()["full_name"][0].code == "required"
    member.refresh_from_db()
    assert member.full_name == ""


def test_user_without_a_name_is_shown_by_the_e_mail_address():
    user = VerifiedUserFactory(full_name="", email="noname@example.jp")

    assert str(user) == user.get_full_name() == "noname@example.jp"


def test_colleague_without_a_name_gives_it_when_joining(client):
    organization = OrganizationFactory()
    invitation = InvitationFactory(organization=organization, email="c@example.jp")
    colleague = VerifiedUserFactory(email="c@example.jp", full_name="")
    client.force_login(colleague)
    url = reverse("accounts:invitation_accept", args=[invitation.token])

    assert "full_name" in client.get(url).context["form"].fields
    refused = client.post(url, {"full_name": " "})
    assert refused.status_code == 200
    assert not Membership.objects.exists()

    response = client.post(url, {"full_name": "三島 三郎"})

    assert response["Location"] == DETAIL
    colleague.refresh_from_db()
    assert colleague.full_name == "三島 三郎"
    assert Membership.objects.get(user=colleague).organization == organization


def test_colleague_with_a_name_joins_without_being_asked(client):
    invitation = InvitationFactory(email="d@example.jp")
    colleague = VerifiedUserFactory(email="d@example.jp", full_name="三島 四郎")
    client.force_login(colleague)
    url = reverse("accounts:invitation_accept", args=[invitation.token])

    assert "full_name" not in client.get(url).context["form"].fields
    assert client.post(url)["Location"] == DETAIL


def test_organisation_form_calls_the_kind_of_organisation_its_type():
    with translation.override("ja"):
        label = str(Organization._meta.get_field("size").verbose_name)

    assert label == "種別"
