import os

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mishima_kyoso.storage import PUBLIC, storage_alias

LOGO_EXTENSIONS = ("png", "jpg", "jpeg", "webp")
LOGO_MAX_BYTES = 1024 * 1024
# Letters only, up to three: "KAK-R8-0012" still fits the case's 12 characters with a
# five-digit serial (proposals.fiscal.reference_number).
REFERENCE_PREFIX_MAX = 3


def public_storage():
    """The logo is public: the public store, apart from the proposals' private one."""
    return storage_alias(PUBLIC)


def logo_path(instance, filename):
    extension = os.path.splitext(filename)[1].lower()
    return f"city/logo-{os.urandom(8).hex()}{extension}"


def validate_logo(upload) -> None:
    """A small raster image that Pillow can read (no SVG: it may carry scripts). Checked on
    upload (admin.CityProfileForm), not on every later save of the row."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is too large. Upload an image of 1 MB or less."), code="logo_too_large"
        )
    from PIL import Image, UnidentifiedImageError

    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            kind = (image.format or "").lower()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The logo could not be read as an image. Upload a PNG, JPEG or WebP file."),
            code="logo_not_an_image",
        ) from error
    finally:
        upload.seek(position)
    if kind not in ("png", "jpeg", "webp"):
        raise ValidationError(
            _("The logo could not be read as an image. Upload a PNG, JPEG or WebP file."),
            code="logo_not_an_image",
        )


class CityProfile(models.Model):
    """自治体の情報: the city running the portal and its intake office (一元的な受付).

    One row, edited by the office in the admin; read everywhere through municipality.city()
    (cached, dropped on save). Seeded with the first customer's values by the migration.
    Each text the visitor reads has a Japanese and an English form; an empty English form
    shows the Japanese one.
    """

    city_name_ja = models.CharField(_("city name (Japanese)"), max_length=100)
    city_name_en = models.CharField(_("city name (English)"), max_length=100, blank=True)
    office_name_ja = models.CharField(
        _("office name (Japanese)"),
        max_length=100,
        help_text=_("In full, as in an address: for example 企画部 公民連携課."),
    )
    office_name_en = models.CharField(_("office name (English)"), max_length=150, blank=True)
    office_short_name_ja = models.CharField(
        _("office name in sentences (Japanese)"),
        max_length=100,
        help_text=_("As the portal's sentences name it: for example 公民連携課."),
    )
    office_short_name_en = models.CharField(
        _("office name in sentences (English)"),
        max_length=100,
        blank=True,
        help_text=_("Without an article: for example Public-Private Partnership Division."),
    )
    address_ja = models.CharField(_("address (Japanese)"), max_length=200)
    address_en = models.CharField(_("address (English)"), max_length=200, blank=True)
    hours_ja = models.CharField(_("opening hours (Japanese)"), max_length=200, blank=True)
    hours_en = models.CharField(_("opening hours (English)"), max_length=200, blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=20,
        validators=[
            RegexValidator(
                r"^[0-9][0-9-]{8,18}[0-9]$",
                _("Enter the phone number in half-width digits and hyphens, e.g. 03-1234-5678."),
                code="phone",
            )
        ],
    )
    email = models.EmailField(_("e-mail"))
    logo = models.FileField(
        _("logo"),
        max_length=200,
        blank=True,
        storage=public_storage,
        upload_to=logo_path,
        validators=[FileExtensionValidator(LOGO_EXTENSIONS)],
        help_text=_("Optional. PNG, JPEG or WebP, 1 MB at most; shown beside the city's name."),
    )
    reference_prefix = models.CharField(
        _("reference number prefix"),
        max_length=REFERENCE_PREFIX_MAX,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Z]{0,3}$",
                _("Enter up to three half-width capital letters, or leave it empty."),
                code="reference_prefix",
            )
        ],
        help_text=_(
            "Optional, up to three capital letters put before new reference numbers "
            "(KAK: KAK-R8-0012). Empty: R8-0012. Numbers already given do not change."
        ),
    )
    publication_policy_url = models.URLField(
        _("publication policy on the city's website"),
        blank=True,
        help_text=_(
            "Optional. The city's own page on what it publishes. What the portal publishes is "
            "set in the publication policy of the published outcomes."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city profile")
        verbose_name_plural = _("city profile")

    def __str__(self):
        return self.city_name_ja

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .selectors import forget_city

        forget_city()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        from .selectors import forget_city

        forget_city()
        return result
