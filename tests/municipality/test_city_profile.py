"""The city's profile: the office edits its one row in the admin and nobody else can; every
page reads it from the cache; the logo is checked and served; new reference numbers carry the
city's prefix; the demo keeps Mishima's values."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from municipality.admin import CityProfileForm
from municipality.models import CityProfile
from municipality.selectors import city, forget_city
from proposals.fiscal import fiscal_year, reiwa
from proposals.models import Proposal
from proposals.search import search_cases
from tests.factories.accounts import DepartmentUserFactory, MemberFactory, OfficeUserFactory
from tests.scenarios import submitted_case

from .conftest import KAKUU

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_city")]


def change_url(profile):
    return reverse("admin:municipality_cityprofile_change", args=[profile.pk])


def form_data(profile, **changes) -> dict:
    data = {name: getattr(profile, name) for name in CityProfileForm.Meta.fields if name != "logo"}
    return {**data, **changes}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 2), (0, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors.as_data()


@pytest.fixture
def profile():
    return CityProfile.objects.get()


@pytest.fixture
def office():
    return OfficeUserFactory(full_name="架空 職員")


def test_demo_city_is_mishima_as_the_migration_seeded_it(profile):
    with translation.override("ja"):
        assert (city().city_name, city().office_name, city().office_short_name) == (
            "三島市",
            "政策企画課 共創推進室",
            "共創推進室",
        )
    with translation.override("en"):
        assert (city().city_name, city().office_short_name) == (
            "Mishima City",
            "Co-creation Promotion Office",
        )
    assert (profile.phone, profile.email) == ("055-983-2616", "kyoso@city.mishima.example.jp")


def test_office_changes_the_profile_in_the_admin_and_the_next_page_shows_it(
    client, office, profile
):
    client.force_login(office)
    client.get(reverse("home"))  # the old profile is in the cache now

    response = client.post(change_url(profile), form_data(profile, **KAKUU))

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.city_name_ja == "架空市"
    page = client.get(reverse("home")).content.decode()
    assert "架空市" in page and "三島市" not in page
    assert profile.history.get().city_name_ja == "架空市"  # the change is kept in history


def test_english_texts_left_empty_show_the_japanese_ones(profile):
    profile.city_name_en = ""
    profile.save()

    with translation.override("en"):
        assert city().city_name == "三島市"


@pytest.mark.parametrize("who", ["department", "business"])
def test_only_the_office_may_open_or_change_the_profile(client, profile, who):
    user = {
        "department": lambda: DepartmentUserFactory(full_name="架空 課員"),
        "business": lambda: MemberFactory(full_name="架空 花子"),
    }[who]()
    client.force_login(user)

    opened = client.get(change_url(profile))
    changed = client.post(change_url(profile), form_data(profile, city_name_ja="乗っ取り市"))

    assert opened.status_code == changed.status_code == 302  # sent away from the admin
    assert "/admin/" not in opened["Location"] or "login" in opened["Location"]
    profile.refresh_from_db()
    assert profile.city_name_ja == "三島市"


def test_staff_without_the_office_role_cannot_change_the_profile(client, profile):
    clerk = OfficeUserFactory(full_name="架空 職員")
    clerk.groups.clear()
    client.force_login(clerk)

    response = client.post(change_url(profile), form_data(profile, city_name_ja="乗っ取り市"))

    assert response.status_code in (302, 403)
    profile.refresh_from_db()
    assert profile.city_name_ja == "三島市"


def test_the_profile_list_opens_the_one_row_and_offers_no_second_nor_deletion(
    client, office, profile
):
    client.force_login(office)

    listing = client.get(reverse("admin:municipality_cityprofile_changelist"))
    adding = client.get(reverse("admin:municipality_cityprofile_add"))
    deleting = client.post(
        reverse("admin:municipality_cityprofile_delete", args=[profile.pk]), {"post": "yes"}
    )

    assert listing.status_code == 302 and listing["Location"] == change_url(profile)
    assert adding.status_code == 403
    assert deleting.status_code == 403
    assert CityProfile.objects.count() == 1


def test_office_uploads_a_logo_that_every_page_shows_and_the_portal_serves(client, office, profile):
    client.force_login(office)
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")

    response = client.post(change_url(profile), {**form_data(profile), "logo": logo})

    assert response.status_code == 302
    logo_url = city().logo_url
    assert logo_url and f'src="{logo_url}"' in client.get(reverse("home")).content.decode()
    served = client.get(logo_url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("logo.png", b"<svg onload='alert(1)'></svg>", "logo_not_an_image"),
        ("logo.svg", b"<svg></svg>", "logo_not_an_image"),
        ("logo.svg", png_bytes(), "invalid_extension"),
        ("logo.png", b"\x89PNG" + b"0" * (1024 * 1024), "logo_too_large"),
    ],
)
def test_a_logo_that_is_not_a_small_image_is_refused(client, office, profile, name, content, code):
    client.force_login(office)

    response = client.post(
        change_url(profile), {**form_data(profile), "logo": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert [error.code for error in form_errors(response)["logo"]] == [code]
    profile.refresh_from_db()
    assert not profile.logo


@pytest.mark.parametrize("prefix", ["kak", "KAKU", "K-1", "架"])
def test_a_reference_prefix_other_than_up_to_three_capitals_is_refused(
    client, office, profile, prefix
):
    client.force_login(office)

    response = client.post(change_url(profile), form_data(profile, reference_prefix=prefix))

    assert response.status_code == 200
    assert "reference_prefix" in form_errors(response)
    profile.refresh_from_db()
    assert profile.reference_prefix == ""


def test_no_logo_url_is_served_without_a_logo(client):
    assert city().logo_url == ""
    assert client.get(reverse("municipality:logo", args=["0"])).status_code == 404


def test_reference_numbers_stay_as_before_without_a_prefix():
    case = submitted_case()

    assert case.reference == f"R{reiwa(fiscal_year(timezone.localdate()))}-0001"


def test_new_reference_numbers_carry_the_city_prefix_and_are_found_by_it(profile):
    profile.reference_prefix = "KAK"
    profile.save()

    case = submitted_case()

    era = reiwa(fiscal_year(timezone.localdate()))
    assert case.reference == f"KAK-R{era}-0001"
    for typed in (f"KAK-R{era}-0001", f"kak-r{era}-1", f"R{era}-0001"):
        assert list(search_cases(Proposal.objects.all(), typed)) == [case], typed


def test_pages_read_the_profile_from_the_cache_not_the_database(client):
    client.get(reverse("home"))  # warms the cache

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home"))

    assert page.status_code == 200
    assert not [query for query in queries if "municipality_cityprofile" in query["sql"]]


def test_pages_still_render_if_the_profile_row_is_missing(client):
    CityProfile.objects.all().delete()
    forget_city()

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert city().city_name == ""
