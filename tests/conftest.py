import pytest

from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, OfficeUserFactory


@pytest.fixture(scope="session", autouse=True)
def _japanese_pdf_faces():
    """The Japanese faces of the city's PDFs cut once per machine (about 50 s the first time,
    mishima_kyoso/common/pdf_fonts.py), before any test that waits on a job."""
    from mishima_kyoso.common.pdf_fonts import prepare

    prepare()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never into the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing strength is Django's business; tests need speed (45 s → 4 s for load_demo)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_public_page_cache(settings):
    """Pages are rendered for real in tests (query counts); tests/test_caching.py turns it on."""
    settings.KYOSO_PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.KYOSO_LIST_CACHE_SECONDS = 0


@pytest.fixture
def run_jobs(db):
    """Run the jobs queued so far (mail included) as the job engine would; how many ran."""
    from tests.jobs import run_queued_jobs

    return run_queued_jobs


@pytest.fixture
def office_user(db):
    return OfficeUserFactory(email="office@test.example.jp")


@pytest.fixture
def department(db):
    return DepartmentFactory(name="環境政策課", code="kankyo")


@pytest.fixture
def department_user(db, department):
    return DepartmentUserFactory(department=department, email="kankyo@test.example.jp")
