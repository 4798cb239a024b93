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
    """A plain user; `office=True` or `department_staff=True` for the staff roles."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.jp")
    full_name = factory.Sequence(lambda n: f"三島 太郎{n}")
    password = factory.django.Password(PASSWORD)

    class Params:
        office = factory.Trait(is_staff=True, groups=[OFFICE_STAFF])
        department_staff = factory.Trait(
            is_staff=True, department=factory.SubFactory(DepartmentFactory), groups=[DEPARTMENT_STAFF]
        )

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        if create and names:
            user.groups.add(*Group.objects.filter(name__in=names))
