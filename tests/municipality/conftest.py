"""A second, fictional city (架空市) in place of Mishima: the profile the migration seeded is
changed as the office would change it, and its cached copy is dropped before and after."""

import pytest

from municipality.models import CityProfile
from municipality.selectors import forget_city
from terms.models import TermsVersion

# What must not be seen anywhere once another city runs the portal.
MISHIMA_TRACES = ("三島", "Mishima", "mishima", "共創推進室", "Co-creation Promotion Office")

KAKUU = {
    "city_name_ja": "架空市",
    "city_name_en": "Kakuu City",
    "office_name_ja": "企画部 協働推進課",
    "office_name_en": "Collaboration Promotion Division, Planning Department",
    "office_short_name_ja": "協働推進課",
    "office_short_name_en": "Collaboration Promotion Division",
    "address_ja": "〒100-0000 架空県架空市本町1番1号",
    "address_en": "1-1 Honcho, Kakuu, Kakuu Prefecture 100-0000",
    "hours_ja": "平日 9時〜17時",
    "hours_en": "Weekdays 9:00–17:00",
    "phone": "0120-000-000",
    "email": "kyodo@city.kakuu.example.jp",
}


@pytest.fixture
def fresh_city(db):
    forget_city()
    yield
    forget_city()  # the test's rows are rolled back: its cached profile must go too


def _in_kakuu(text: str) -> str:
    return text.replace("三島", "架空").replace("共創推進室", "協働推進課")


@pytest.fixture
def kakuu(fresh_city):
    """The portal as Kakuu City runs it: the seeded profile edited, and its own terms published
    as new versions (the terms are the city's documents, data like the profile)."""
    profile = CityProfile.objects.get()
    for name, value in KAKUU.items():
        setattr(profile, name, value)
    profile.save()
    for kind in TermsVersion.objects.values_list("kind", flat=True).distinct():
        latest = TermsVersion.objects.filter(kind=kind).order_by("-version").first()
        TermsVersion.objects.create(
            kind=kind,
            version=latest.version + 1,
            title=_in_kakuu(latest.title),
            body=_in_kakuu(latest.body),
        )
    return profile


def assert_no_trace_of_mishima(text: str, where: str) -> None:
    found = [
        text[max(0, text.index(trace) - 80) : text.index(trace) + 40]
        for trace in MISHIMA_TRACES
        if trace in text
    ]
    assert not found, f"{where}: {found}"
