"""The office manages soundings, their slots and dialogue records, and reads the
registrations, in the admin. No other group gets any permission here (原則3)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICE = [
    *(f"{verb}_{model}" for verb in ("add", "change", "delete", "view") for model in (
        "sounding",
        "soundingslot",
        "dialoguerecord",
    )),
    "view_registration",
    "change_registration",  # to add dialogue records on the registration's page
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office, _created = Group.objects.get_or_create(name="office_staff")
    office.permissions.add(
        *Permission.objects.filter(content_type__app_label="soundings", codename__in=OFFICE)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office = Group.objects.filter(name="office_staff").first()
    if office is not None:
        office.permissions.remove(
            *Permission.objects.filter(content_type__app_label="soundings", codename__in=OFFICE)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("soundings", "0001_initial"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
