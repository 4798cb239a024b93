import pytest

from accounts.roles import is_department_staff, is_office
from cocreation_list.models import Theme
from tests.factories.cocreation_list import ThemeFactory


@pytest.mark.django_db
def test_factories_build_roles_and_themes(office_user, department_user):
    assert is_office(office_user) and not is_office(department_user)
    assert is_department_staff(department_user) and not is_department_staff(office_user)
    ThemeFactory(draft=True)
    ThemeFactory()
    assert Theme.objects.public().count() == 1
