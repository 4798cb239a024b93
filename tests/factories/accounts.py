import secrets

import factory
from django.contrib.auth.models import Group

from accounts.models import Department, Organization, User
from accounts.roles import DEPARTMENT_STAFF, OFFICE_STAFF
from accounts.services import add_member

PASSWORD = "test-pass-2026"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"テスト課{n}")
    code = factory.Sequence(lambda n: f"dept{n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A plain user (a business, an evaluator); the staff roles are the subclasses below."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.jp")
    full_name = factory.Sequence(lambda n: f"三島 太郎{n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        if create and names:
            user.groups.add(*Group.objects.filter(name__in=names))


class OfficeUserFactory(UserFactory):
    """共創推進室."""

    is_staff = True
    groups = factory.PostGeneration(
        lambda user, create, names, **kw: (
            create and user.groups.add(Group.objects.get(name=OFFICE_STAFF))
        )
    )


class DepartmentUserFactory(UserFactory):
    """担当課."""

    is_staff = True
    department = factory.SubFactory(DepartmentFactory)
    groups = factory.PostGeneration(
        lambda user, create, names, **kw: (
            create and user.groups.add(Group.objects.get(name=DEPARTMENT_STAFF))
        )
    )


class OrganizationFactory(factory.django.DjangoModelFactory):
    """A registered business; `members` adds users to it as the app does."""

    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"株式会社みしまテック{n}")
    name_kana = "カブシキガイシャミシマテック"
    corporate_number = ""
    postal_code = "411-0000"
    address = "静岡県三島市一番町1-1"
    representative = "代表 太郎"
    contact_person = "担当 花子"
    phone = "055-000-0000"
    email = factory.Sequence(lambda n: f"info{n}@biz.example.jp")
    size = Organization.Size.SMALL
    is_local = True
    group = factory.LazyFunction(
        lambda: Group.objects.create(name=f"organization:{secrets.token_hex(8)}")
    )

    @factory.post_generation
    def members(organization, create, users, **kwargs):
        if create:
            for user in users or ():
                add_member(organization=organization, user=user)


class MemberFactory(UserFactory):
    """A business user who belongs to an organisation (a new one unless given)."""

    @factory.post_generation
    def organization(user, create, organization, **kwargs):
        if create:
            add_member(organization=organization or OrganizationFactory(), user=user)


# Signing in through allauth needs a verified e-mail address (mandatory verification). -----
# (Appended section: its imports live here so that the lines above stay untouched.)

import datetime  # noqa: E402

from allauth.account.models import EmailAddress  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Invitation  # noqa: E402


def _verified_email(user, create, value, **kwargs):
    if create and value is not False:
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )


class VerifiedUserFactory(UserFactory):
    """A business user who confirmed their e-mail address, so can sign in through allauth."""

    verified_email = factory.PostGeneration(_verified_email)


class VerifiedMemberFactory(MemberFactory):
    verified_email = factory.PostGeneration(_verified_email)


class VerifiedOfficeUserFactory(OfficeUserFactory):
    verified_email = factory.PostGeneration(_verified_email)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation (`expired=True` or `accepted=True` for closed ones)."""

    class Meta:
        model = Invitation

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"colleague{n}@example.jp")
    invited_by = None
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    class Params:
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
        )
        accepted = factory.Trait(accepted_at=factory.LazyFunction(timezone.now))
