"""Users sign in with their e-mail address; staff roles are groups with model permissions."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.roles import DEPARTMENT_STAFF, OFFICE_STAFF, is_department_staff, is_office
from tests.factories.accounts import (
    PASSWORD,
    DepartmentUserFactory,
    OfficeUserFactory,
    UserFactory,
    VerifiedOfficeUserFactory,
)

pytestmark = pytest.mark.django_db

User = get_user_model()


# Signing in ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["taro@example.jp", "Taro@Example.JP", "TARO@EXAMPLE.JP"])
def test_user_signs_in_with_the_email_in_any_case(typed):
    user = User.objects.create_user("Taro@Example.jp", password=PASSWORD)

    assert authenticate(email=typed, password=PASSWORD) == user
    assert authenticate(username=typed, password=PASSWORD) == user


def test_user_is_refused_signing_in_with_a_wrong_password():
    User.objects.create_user("taro@example.jp", password=PASSWORD)

    assert authenticate(email="taro@example.jp", password="wrong-password") is None


def test_office_staff_sign_in_to_the_admin_with_the_email_in_another_case(client):
    # The admin's login goes through allauth's (throttled, two-factor aware) login page.
    VerifiedOfficeUserFactory(email="office@test.example.jp")
    login_page = client.get(reverse("admin:index"), follow=True).redirect_chain[-1][0]
    assert login_page == reverse("account_login") + "?next=%2Fadmin%2F"

    response = client.post(login_page, {"login": "Office@Test.Example.JP", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_inactive_user_is_refused_signing_in():
    user = UserFactory(email="gone@example.jp")
    user.is_active = False
    user.save()

    assert authenticate(email="gone@example.jp", password=PASSWORD) is None


# Creating users ---------------------------------------------------------------------------


def test_office_creates_a_user_whose_email_is_stored_in_lower_case():
    user = User.objects.create_user("Hanako@Example.JP", password=PASSWORD, full_name="三島 花子")

    assert user.email == "hanako@example.jp"
    assert user.is_staff is False
    assert user.is_superuser is False
    assert user.check_password(PASSWORD)
    assert str(user) == "三島 花子"


def test_office_is_refused_a_user_without_an_email():
    with pytest.raises(ValueError):
        User.objects.create_user("", password=PASSWORD)

    assert not User.objects.exists()


def test_administrator_creates_a_superuser_with_an_email_only():
    user = User.objects.create_superuser("Admin@Example.jp", password=PASSWORD)

    assert user.email == "admin@example.jp"
    assert user.is_staff is True
    assert user.is_superuser is True
    assert is_office(user) is True
    assert authenticate(email="ADMIN@example.jp", password=PASSWORD) == user


def test_database_refuses_a_second_user_with_the_same_email_in_another_case():
    User.objects.create_user("taro@example.jp", password=PASSWORD)

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Taro@Example.jp")

    assert User.objects.count() == 1


def test_office_is_refused_a_second_user_with_the_same_email_in_another_case_when_validating():
    User.objects.create_user("taro@example.jp", password=PASSWORD)
    duplicate = User(email="TARO@example.jp", password="!")

    with pytest.raises(ValidationError) as refusal:
        duplicate.full_clean()

    constraint = next(
        item for item in User._meta.constraints if item.name == "accounts_user_email_ci_unique"
    )
    assert refusal.value.message_dict[NON_FIELD_ERRORS] == [
        constraint.get_violation_error_message()
    ]


# Staff groups and roles -----------------------------------------------------------------------


def test_administrator_finds_the_staff_groups_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {OFFICE_STAFF, DEPARTMENT_STAFF}


def test_office_staff_may_manage_themes_and_accounts():
    office = OfficeUserFactory()

    for permission in (
        "cocreation_list.view_theme",
        "cocreation_list.add_theme",
        "cocreation_list.change_theme",
        "cocreation_list.delete_theme",
        "cocreation_list.change_themequestion",
        "cocreation_list.change_field",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.change_department",
    ):
        assert office.has_perm(permission), permission


def test_department_staff_may_edit_themes_but_not_delete_them():
    staff = DepartmentUserFactory()

    for permission in (
        "cocreation_list.view_theme",
        "cocreation_list.add_theme",
        "cocreation_list.change_theme",
        "cocreation_list.change_themequestion",
        "cocreation_list.add_themeattachment",
    ):
        assert staff.has_perm(permission), permission
    for permission in (
        "cocreation_list.delete_theme",
        "cocreation_list.delete_themequestion",
        "cocreation_list.change_field",
        "accounts.change_user",
        "accounts.change_department",
    ):
        assert not staff.has_perm(permission), permission


def test_office_staff_are_the_office_and_not_department_staff():
    office = OfficeUserFactory()

    assert is_office(office) is True
    assert is_department_staff(office) is False


def test_department_staff_are_department_staff_and_not_the_office(department_user):
    assert is_department_staff(department_user) is True
    assert is_office(department_user) is False


def test_department_staff_without_a_department_are_not_department_staff():
    staff = DepartmentUserFactory(department=None)

    assert is_department_staff(staff) is False


def test_business_user_and_anonymous_visitor_have_no_staff_role():
    business = UserFactory()

    for person in (business, AnonymousUser()):
        assert is_office(person) is False
        assert is_department_staff(person) is False


def test_inactive_office_staff_are_not_the_office():
    office = OfficeUserFactory()
    office.is_active = False
    office.save()

    assert is_office(User.objects.get(pk=office.pk)) is False
