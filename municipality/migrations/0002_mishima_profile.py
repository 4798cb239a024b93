"""The first customer's profile (三島市), from the settings the portal read before the profile
existed (KYOSO_SITE, whose phone and e-mail a deployment may set in its environment), and the
office's permission to change it. A profile already present is left as the office set it."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.core.cache import cache
from django.db import migrations
from django.utils import translation

# municipality.selectors.CACHE_KEY: a copy cached before this row existed is dropped.
CACHE_KEY = "kyoso:municipality:city:v1"
CODENAMES = ["view_cityprofile", "change_cityprofile", "view_historicalcityprofile"]

# Where a setting is absent (or untranslated), these values of Mishima City apply.
MISHIMA = {
    "city_name": ("三島市", "Mishima City"),
    "office_name": ("政策企画課 共創推進室", "Co-creation Promotion Office, Policy Planning Division"),
    "office_short_name": ("共創推進室", "Co-creation Promotion Office"),
    "office_address": ("〒411-8666 静岡県三島市北田町4番47号", "4-47 Kitata-cho, Mishima, Shizuoka 411-8666"),
    "office_hours": (
        "平日 8時30分〜17時15分（祝日・12月29日〜1月3日を除く）",
        "Weekdays 8:30–17:15 (closed on national holidays and 29 Dec–3 Jan)",
    ),
    "office_phone": ("055-983-2616", "055-983-2616"),
    "office_email": ("kyoso@city.mishima.example.jp", "kyoso@city.mishima.example.jp"),
}


def _value(key: str, language: str) -> str:
    japanese, english = MISHIMA[key]
    default = japanese if language == "ja" else english
    site = getattr(settings, "KYOSO_SITE", None) or {}
    if key not in site:
        return default
    with translation.override(language):
        value = str(site[key]).strip()
    if language == "ja" and value == english:  # Mishima's English words: not in the catalogue
        return japanese
    return value or default


def seed(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office, _created = Group.objects.get_or_create(name="office_staff")
    office.permissions.add(
        *Permission.objects.filter(content_type__app_label="municipality", codename__in=CODENAMES)
    )
    CityProfile = apps.get_model("municipality", "CityProfile")
    if not CityProfile.objects.exists():
        CityProfile.objects.create(
            city_name_ja=_value("city_name", "ja"),
            city_name_en=_value("city_name", "en"),
            office_name_ja=_value("office_name", "ja"),
            office_name_en=_value("office_name", "en"),
            office_short_name_ja=MISHIMA["office_short_name"][0],
            office_short_name_en=MISHIMA["office_short_name"][1],
            address_ja=_value("office_address", "ja"),
            address_en=_value("office_address", "en"),
            hours_ja=_value("office_hours", "ja"),
            hours_en=_value("office_hours", "en"),
            phone=_value("office_phone", "ja"),
            email=_value("office_email", "ja"),
        )
    cache.delete(CACHE_KEY)


def unseed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for office in Group.objects.filter(name="office_staff"):
        office.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="municipality", codename__in=CODENAMES
            )
        )
    apps.get_model("municipality", "CityProfile").objects.all().delete()
    cache.delete(CACHE_KEY)


class Migration(migrations.Migration):
    dependencies = [
        ("municipality", "0001_city_profile"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
