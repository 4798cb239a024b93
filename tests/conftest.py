import pytest

from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, OfficeUserFactory


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never into the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def office_user(db):
    return OfficeUserFactory(email="office@test.example.jp")


@pytest.fixture
def department(db):
    return DepartmentFactory(name="環境政策課", code="kankyo")


@pytest.fixture
def department_user(db, department):
    return DepartmentUserFactory(department=department, email="kankyo@test.example.jp")
