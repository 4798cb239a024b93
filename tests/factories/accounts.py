import factory
from django.contrib.auth.models import Group

from accounts.models import Department, User
from accounts.roles import DEPARTMENT_STAFF, OFFICE_STAFF

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
