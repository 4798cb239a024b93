"""The organisation pages (事業者情報): create, view, edit; normalised input, clear refusals,
nothing half-saved, one organisation per person, only one's own organisation."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Membership, Organization
from accounts.services import create_organization, update_organization
from tests.factories.accounts import (
    InvitationFactory,
    OrganizationFactory,
    UserFactory,
    VerifiedMemberFactory,
    VerifiedOfficeUserFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("accounts:organization_create")
DETAIL = reverse("accounts:organization_detail")
EDIT = reverse("accounts:organization_edit")
VALID_NUMBER = "5835678256246"  # 13 digits, check digit right
WRONG_CHECK_DIGIT = "1835678256246"

VALID = {
    "name": "株式会社みしまテック",
    "name_kana": "カブシキガイシャミシマテック",
    "corporate_number": VALID_NUMBER,
    "postal_code": "411-8666",
    "address": "静岡県三島市北田町4-47",
    "representative": "三島 一郎",
    "contact_person": "三島 花子",
    "phone": "055-983-2616",
    "email": "info@mishima-tech.example.jp",
    "size": "small",
    "is_local": "on",
}


def error_codes(response, field) -> set[str]:
    return {error.code for error in response.context["form"].errors.as_data().get(field, [])}


def assert_nothing_saved():
    assert not Organization.objects.exists()
    assert not Membership.objects.exists()
    assert not Group.objects.filter(name__startswith="organization:").exists()


@pytest.fixture
def business(client):
    """A signed-in business user with a verified e-mail address and no organisation yet."""
    user = VerifiedUserFactory(email="taro@example.jp")
    client.force_login(user)
    return user


@pytest.fixture
def member(client):
    user = VerifiedMemberFactory(
        email="member@example.jp",
        organization=OrganizationFactory(
            name="株式会社三島グリーン", name_kana="カブシキガイシャミシマグリーン"
        ),
    )
    client.force_login(user)
    return user


# Registering ---------------------------------------------------------------------------------


def test_business_user_registers_the_organisation_and_becomes_its_first_member(client, business):
    response = client.post(CREATE, VALID)

    assert response.status_code == 302
    assert response["Location"] == DETAIL
    organization = Organization.objects.get()
    assert organization.name == "株式会社みしまテック"
    assert organization.corporate_number == VALID_NUMBER
    assert organization.is_local is True
    assert business.membership.organization == organization
    # The organisation's group will hold the object permissions on its proposals.
    assert list(business.groups.all()) == [organization.group]


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("corporate_number", "５８３５６７８２５６２４６", VALID_NUMBER),
        ("corporate_number", "5835-6782-56246", VALID_NUMBER),
        ("corporate_number", "５８３５－６７８２－５６２４６", VALID_NUMBER),
        ("corporate_number", " 5835 6782 56246 ", VALID_NUMBER),
        ("corporate_number", "", ""),
        ("postal_code", "4118666", "411-8666"),
        ("postal_code", "４１１－８６６６", "411-8666"),
        ("postal_code", "〒411-8666", "411-8666"),
        ("name_kana", "かぶしきがいしゃ　みしまてっく", "カブシキガイシャ ミシマテック"),
        ("name_kana", "ｶﾌﾞｼｷｶﾞｲｼｬﾐｼﾏﾃｯｸ", "カブシキガイシャミシマテック"),
        ("phone", "０５５－９８３－２６１６", "055-983-2616"),
        ("phone", "055(983)2616", "0559832616"),
        ("email", "ｉｎｆｏ＠Ｍｉｓｈｉｍａ．ｅｘａｍｐｌｅ．ｊｐ", "info@mishima.example.jp"),
        ("name", "  ㈱ＭＩＳＨＩＭＡ　テック  ", "(株)MISHIMA テック"),
        ("address", "三島市北田町４－４７", "三島市北田町4-47"),
    ],
)
def test_full_and_half_width_input_is_normalised_before_validation(
    client, business, field, typed, stored
):
    response = client.post(CREATE, {**VALID, field: typed})

    assert response.status_code == 302, response.context["form"].errors
    assert getattr(Organization.objects.get(), field) == stored


@pytest.mark.parametrize(
    ("field", "typed", "code"),
    [
        ("corporate_number", WRONG_CHECK_DIGIT, "corporate_number_check_digit"),
        ("corporate_number", "１８３５６７８２５６２４６", "corporate_number_check_digit"),
        ("corporate_number", "12345", "corporate_number_length"),
        ("corporate_number", "58356782562467", "corporate_number_length"),
        ("corporate_number", "ABCDEFGHIJKLM", "corporate_number_length"),
        ("postal_code", "41186", "postal_code"),
        ("name_kana", "三島テック", "kana"),
        ("phone", "12345", "phone"),
        ("phone", "090-1234-5678-9", "phone"),
        ("email", "not-an-address", "invalid"),
        ("size", "huge", "invalid_choice"),
        ("name", "", "required"),
        ("name_kana", "", "required"),
        ("postal_code", "", "required"),
        ("address", "", "required"),
        ("representative", "", "required"),
        ("contact_person", "", "required"),
        ("phone", "", "required"),
        ("email", "", "required"),
        ("size", "", "required"),
    ],
)
def test_business_user_is_refused_a_wrong_value_by_its_field_and_nothing_is_saved(
    client, business, field, typed, code
):
    response = client.post(CREATE, {**VALID, field: typed})

    assert response.status_code == 200
    assert error_codes(response, field) == {code}
    assert set(response.context["form"].errors) == {field}
    assert_nothing_saved()


def test_every_error_is_written_beside_its_input_and_tied_to_it(client, business):
    response = client.post(CREATE, {})

    page = response.content.decode()
    for field in ("name", "name_kana", "postal_code", "address", "phone", "email"):
        assert f'id="id_{field}_error"' in page
        assert f'aria-describedby="id_{field}_error"' in page or (
            f'aria-describedby="id_{field}_helptext id_{field}_error"' in page
        )
    # Radios are grouped: the fieldset carries the description.
    assert '<fieldset aria-describedby="id_size_helptext id_size_error">' in page
    assert 'class="error-summary" role="alert"' in page
    assert_nothing_saved()


def test_the_form_marks_required_fields_and_gives_autocomplete_hints(client, business):
    page = client.get(CREATE).content.decode()

    assert 'autocomplete="organization"' in page
    assert 'autocomplete="postal-code"' in page
    assert 'autocomplete="tel"' in page
    assert 'inputmode="numeric"' in page
    assert page.count('class="required"') == 9  # all but the corporate number and the flag


def test_business_user_is_refused_a_corporate_number_registered_by_another_organisation(
    client, business
):
    OrganizationFactory(corporate_number=VALID_NUMBER)

    response = client.post(CREATE, {**VALID, "corporate_number": "5835-6782-56246"})

    assert response.status_code == 200
    assert error_codes(response, "corporate_number") == {"corporate_number_taken"}
    assert not response.context["form"].non_field_errors()
    assert Organization.objects.count() == 1
    assert not Membership.objects.exists()


def test_the_service_refuses_a_taken_corporate_number_by_its_field_too(business):
    OrganizationFactory(corporate_number=VALID_NUMBER)

    with pytest.raises(ValidationError) as refusal:
        create_organization(by=business, **{**VALID, "is_local": True})

    assert [error.code for error in refusal.value.error_dict["corporate_number"]] == [
        "corporate_number_taken"
    ]
    assert Organization.objects.count() == 1
    assert Group.objects.filter(name__startswith="organization:").count() == 1


def test_two_organisations_without_a_corporate_number_may_register(client, business):
    OrganizationFactory(corporate_number="")

    response = client.post(CREATE, {**VALID, "corporate_number": ""})

    assert response.status_code == 302
    assert Organization.objects.filter(corporate_number="").count() == 2


def test_the_service_saves_nothing_when_a_field_is_wrong(business):
    with pytest.raises(ValidationError) as refusal:
        create_organization(by=business, **{**dict(VALID, is_local=True), "postal_code": "1"})

    assert set(refusal.value.message_dict) == {"postal_code"}
    assert_nothing_saved()


# Hostile input -------------------------------------------------------------------------------


def test_a_very_long_name_gets_a_clear_refusal_and_nothing_is_saved(client, business):
    response = client.post(CREATE, {**VALID, "name": "長" * 20_000})

    assert response.status_code == 200
    assert error_codes(response, "name") == {"max_length"}
    assert_nothing_saved()


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("三島\u202eクテ", "control_characters"),  # right-to-left override disguises a name
        ("三島\tテック", "control_characters"),
        ("三島\x07テック", "control_characters"),
        ("三島\x00テック", "null_characters_not_allowed"),
    ],
    ids=["bidi override", "tab", "bell", "nul"],
)
def test_invisible_control_characters_are_refused(client, business, typed, code):
    response = client.post(CREATE, {**VALID, "name": typed})

    assert error_codes(response, "name") == {code}
    assert_nothing_saved()


def test_markup_is_stored_as_typed_and_shown_escaped(client, business):
    hostile = '<script>alert("x")</script><b onclick="steal()">株式会社</b>'

    client.post(CREATE, {**VALID, "name": hostile, "representative": "<img src=x onerror=1>"})
    page = client.get(DETAIL).content.decode()

    assert Organization.objects.get().name == hostile
    assert "<script>alert" not in page and "<b onclick" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=1&gt;" in page


def test_emoji_and_old_kanji_are_kept_as_typed(client, business):
    name = "髙島屋﨑國澤商店🍵👨‍👩‍👧"

    response = client.post(CREATE, {**VALID, "name": name, "representative": "髙橋 﨑"})

    assert response.status_code == 302
    organization = Organization.objects.get()
    assert organization.name == name
    assert organization.representative == "髙橋 﨑"
    assert name in client.get(DETAIL).content.decode()


# One organisation per person ----------------------------------------------------------------


def test_member_is_sent_to_the_own_organisation_instead_of_registering_another(client, member):
    response = client.get(CREATE)

    assert response.status_code == 302
    assert response["Location"] == DETAIL


def test_member_is_refused_a_second_organisation_and_nothing_is_saved(client, member):
    response = client.post(CREATE, {**VALID, "corporate_number": ""})

    assert response.status_code == 302
    assert Organization.objects.count() == 1
    assert Membership.objects.get(user=member).organization.name == "株式会社三島グリーン"


def test_the_service_refuses_a_second_organisation_for_a_member(member):
    with pytest.raises(ValidationError) as refusal:
        create_organization(by=member, **{**VALID, "is_local": True})

    assert refusal.value.code == "already_member"
    assert Organization.objects.count() == 1
    assert Group.objects.filter(name__startswith="organization:").count() == 1


# Viewing and editing one's own organisation ---------------------------------------------


def test_member_sees_the_details_members_and_pending_invitations(client, member):
    organization = member.membership.organization
    colleague = VerifiedMemberFactory(full_name="三島 次郎", organization=organization)
    pending = InvitationFactory(organization=organization, email="new@example.jp")
    InvitationFactory(organization=organization, email="late@example.jp", expired=True)
    InvitationFactory(organization=organization, email="done@example.jp", accepted=True)

    response = client.get(DETAIL)

    assert response.status_code == 200
    assert response.context["organization"] == organization
    assert [m.user for m in response.context["members"]] == [member, colleague]
    assert response.context["invitations"] == [pending]
    page = response.content.decode()
    assert "株式会社三島グリーン" in page and "三島 次郎" in page and "new@example.jp" in page
    assert "late@example.jp" not in page and "done@example.jp" not in page
    assert f'action="{reverse("accounts:invite")}"' in page


def test_member_sees_only_the_own_organisation(client, member):
    other = OrganizationFactory(name="株式会社よその会社", corporate_number=VALID_NUMBER)
    VerifiedMemberFactory(email="other@example.jp", organization=other)
    InvitationFactory(organization=other, email="secret-hire@example.jp")

    for url in (DETAIL, EDIT):
        page = client.get(url).content.decode()
        assert "株式会社よその会社" not in page
        assert "other@example.jp" not in page and "secret-hire@example.jp" not in page
        assert VALID_NUMBER not in page


@pytest.mark.parametrize("url", [EDIT, reverse("accounts:invite")])
def test_user_without_an_organisation_gets_404_on_the_organisation_pages(client, business, url):
    OrganizationFactory()

    assert client.get(url).status_code == 404
    assert client.post(url, VALID).status_code == 404


def test_user_without_an_organisation_is_sent_to_the_registration(client, business):
    response = client.get(DETAIL)

    assert response["Location"] == CREATE


@pytest.mark.parametrize("url", [CREATE, DETAIL, EDIT, reverse("accounts:invite")])
def test_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_user_with_an_unverified_email_is_asked_to_verify_it_first(client, mailoutbox, run_jobs):
    user = UserFactory(email="new@example.jp")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)

    response = client.get(CREATE)

    assert response.status_code == 200
    assert "account/verified_email_required.html" in [t.name for t in response.templates]
    assert "form" not in response.context
    run_jobs()
    assert [message.to for message in mailoutbox] == [["new@example.jp"]]


def test_member_edits_the_details_with_full_width_input(client, member):
    response = client.post(
        EDIT,
        {
            **VALID,
            "name": "株式会社三島グリーンエナジー",
            "name_kana": "かぶしきがいしゃみしまぐりーんえなじー",
            "corporate_number": "５８３５６７８２５６２４６",
            "postal_code": "４１１８６６６",
            "is_local": "",
        },
    )

    assert response["Location"] == DETAIL
    organization = Organization.objects.get()
    assert organization.name == "株式会社三島グリーンエナジー"
    assert organization.name_kana == "カブシキガイシャミシマグリーンエナジー"
    assert organization.corporate_number == VALID_NUMBER
    assert organization.postal_code == "411-8666"
    assert organization.is_local is False


def test_member_is_refused_an_edit_with_one_wrong_field_and_nothing_changes(client, member):
    before = Organization.objects.values().get()

    response = client.post(
        EDIT, {**VALID, "name": "新しい名前", "corporate_number": WRONG_CHECK_DIGIT}
    )

    assert response.status_code == 200
    assert error_codes(response, "corporate_number") == {"corporate_number_check_digit"}
    assert Organization.objects.values().get() == before
    # The page still names the organisation as saved, not as mistyped.
    assert "新しい名前" not in response.content.decode().split("<main", 1)[1].split("<form", 1)[0]


def test_member_is_refused_the_corporate_number_of_another_organisation(client, member):
    OrganizationFactory(corporate_number=VALID_NUMBER)

    response = client.post(EDIT, VALID)

    assert error_codes(response, "corporate_number") == {"corporate_number_taken"}
    assert member.membership.organization.corporate_number == ""


def test_member_keeps_the_own_corporate_number_when_editing_other_fields(client, member):
    Organization.objects.update(corporate_number=VALID_NUMBER)

    response = client.post(EDIT, {**VALID, "phone": "055-975-0000"})

    assert response.status_code == 302
    assert Organization.objects.get().phone == "055-975-0000"


def test_the_service_refuses_a_change_by_someone_outside_the_organisation(member):
    outsider = UserFactory()

    with pytest.raises(ValidationError) as refusal:
        update_organization(
            organization=member.membership.organization, by=outsider, name="乗っ取り"
        )

    assert refusal.value.code == "not_member"
    assert Organization.objects.get().name == "株式会社三島グリーン"


# Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
def test_organisation_page_needs_the_same_queries_for_1_or_20_members_and_invitations(
    client, count, django_assert_num_queries
):
    organization = OrganizationFactory()
    members = VerifiedMemberFactory.create_batch(count, organization=organization)
    InvitationFactory.create_batch(count, organization=organization, invited_by=members[0])
    client.force_login(members[0])
    client.get(DETAIL)  # warm the caches

    # session, user, verified e-mail, membership with its organisation, members, invitations
    with django_assert_num_queries(6):
        response = client.get(DETAIL)

    assert len(response.context["members"]) == count
    assert len(response.context["invitations"]) == count


# Admin: the office looks organisations up, read-only -----------------------------------------


def test_office_staff_look_up_organisations_members_and_invitations_in_the_admin(client):
    organization = OrganizationFactory(name="株式会社三島グリーン")
    VerifiedMemberFactory(email="member@example.jp", organization=organization)
    invitation = InvitationFactory(organization=organization, email="new@example.jp")
    client.force_login(VerifiedOfficeUserFactory())

    listing = client.get(reverse("admin:accounts_organization_changelist"))
    page = client.get(reverse("admin:accounts_organization_change", args=[organization.pk]))
    invitations = client.get(reverse("admin:accounts_invitation_changelist"))
    invitation_page = client.get(reverse("admin:accounts_invitation_change", args=[invitation.pk]))

    assert listing.status_code == page.status_code == invitations.status_code == 200
    assert "株式会社三島グリーン" in listing.content.decode()
    assert "member@example.jp" in page.content.decode()
    assert "new@example.jp" in invitations.content.decode()
    assert invitation.token not in invitation_page.content.decode()
    assert client.get(reverse("admin:accounts_organization_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:accounts_organization_change", args=[organization.pk]),
            {**VALID, "name": "改ざん"},
        ).status_code
        == 403
    )
    assert Organization.objects.get().name == "株式会社三島グリーン"


# Staff never belong to a business ------------------------------------------------------------


def test_staff_are_refused_registering_an_organisation(client):
    office = VerifiedOfficeUserFactory()
    client.force_login(office)

    assert client.get(DETAIL)["Location"] == reverse("admin:index")
    assert client.post(CREATE, VALID).status_code == 404
    with pytest.raises(ValidationError) as refusal:
        create_organization(by=office, **{**VALID, "is_local": True})
    assert refusal.value.code == "staff_account"
    assert_nothing_saved()
