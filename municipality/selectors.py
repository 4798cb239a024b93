"""The city's profile as every page, mail and document reads it: `city()`, one cache read.

The row is cached whole in the shared cache (Redis in production), so a page costs no query
for it; a save or deletion of the row drops the copy (CityProfile.save), at once and again
after the commit, so every process sees the change on its next request.
"""

from dataclasses import asdict, dataclass, fields

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy

CACHE_KEY = "kyoso:municipality:city:v1"
CACHE_SECONDS = 24 * 60 * 60


def _english() -> bool:
    return (translation.get_language() or "").startswith("en")


@dataclass(frozen=True)
class City:
    """The city and its office, each text in the reader's language (English falls back to
    Japanese where it is empty). Attribute names are the ones templates use (`portal.…`)."""

    city_name_ja: str = ""
    city_name_en: str = ""
    office_name_ja: str = ""
    office_name_en: str = ""
    office_short_name_ja: str = ""
    office_short_name_en: str = ""
    address_ja: str = ""
    address_en: str = ""
    hours_ja: str = ""
    hours_en: str = ""
    phone: str = ""
    email: str = ""
    logo: str = ""  # the file's name in the public store
    reference_prefix: str = ""
    publication_policy_url: str = ""
    updated_at: str = ""  # ISO time of the last save: the logo's URL changes with it

    def _text(self, name: str) -> str:
        japanese = getattr(self, f"{name}_ja")
        return (getattr(self, f"{name}_en") or japanese) if _english() else japanese

    @property
    def city_name(self) -> str:
        """「三島市」 / "Mishima City"."""
        return self._text("city_name")

    @property
    def office_name(self) -> str:
        """The office in full, as in an address: 「政策企画課 共創推進室」."""
        return self._text("office_name")

    @property
    def office_short_name(self) -> str:
        """The office as sentences name it: 「共創推進室」 / "Co-creation Promotion Office"."""
        return self._text("office_short_name")

    @property
    def office_address(self) -> str:
        return self._text("address")

    @property
    def office_hours(self) -> str:
        return self._text("hours")

    @property
    def office_phone(self) -> str:
        return self.phone

    @property
    def office_email(self) -> str:
        return self.email

    @property
    def logo_url(self) -> str:
        if not self.logo:
            return ""
        return reverse("municipality:logo", args=[self.logo_version])

    @property
    def logo_version(self) -> str:
        """Part of the logo's URL, so that a browser's year-long copy ends with a new logo."""
        return "".join(ch for ch in self.updated_at if ch.isdigit())[:14] or "0"

    def words(self) -> dict[str, str]:
        """The placeholders a translated sentence may use: %(city)s, %(office)s."""
        return {"city": self.city_name, "office": self.office_short_name}


_FIELDS = [field.name for field in fields(City)]


def _from_row(row) -> City:
    values = {name: getattr(row, name) for name in _FIELDS if name not in ("logo", "updated_at")}
    return City(
        **values,
        logo=row.logo.name if row.logo else "",
        updated_at=row.updated_at.isoformat() if row.updated_at else "",
    )


def city() -> City:
    """The city running the portal: cached; an empty profile if the row is missing (a test
    database flushed after the migration), so a page still renders."""
    values = cache.get(CACHE_KEY)
    if values is None:
        from .models import CityProfile

        row = CityProfile.objects.order_by("pk").first()
        values = asdict(_from_row(row)) if row else {}
        cache.set(CACHE_KEY, values, CACHE_SECONDS)
    return City(**{name: value for name, value in values.items() if name in _FIELDS})


def has_profile() -> bool:
    """Whether the row exists, from the cached copy (the admin asks on every page)."""
    city()
    return bool(cache.get(CACHE_KEY)) or city_profile_row() is not None


def city_profile_row():
    """The row itself, for the admin and the logo view (not cached)."""
    from .models import CityProfile

    return CityProfile.objects.order_by("pk").first()


def forget_city() -> None:
    """Drop the cached copy now and once more after the commit (a request reading between
    the two would otherwise keep the old values for a day)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _read_later(name: str):
    return lazy(lambda: getattr(city(), name), str)()


def words() -> dict:
    """%(city)s and %(office)s for a translated sentence or a mail: read when the sentence is
    formatted, so in the language it is written in (a mail's recipient's, a document's)."""
    return {"city": _read_later("city_name"), "office": _read_later("office_short_name")}


def naming_the_city(message):
    """A lazy sentence with %(city)s or %(office)s, formatted when shown: for the help texts
    and constants built at import, before any language or profile is known."""
    return lazy(lambda: str(message) % words(), str)()


def office_inboxes() -> list[str]:
    """Where the office is told about new cases (一元的な受付): KYOSO_OFFICE_NOTIFY_EMAILS, or
    the office's e-mail in the profile."""
    configured = list(settings.KYOSO_OFFICE_NOTIFY_EMAILS)
    if configured:
        return configured
    email = city().email
    return [email] if email else []
