"""The office reads every case's dialogue and meeting records in the admin (view only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICE = [
    "view_message",
    "view_messageattachment",
    "view_meetingrecord",
    "view_historicalmeetingrecord",
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
        *Permission.objects.filter(content_type__app_label="dialogue", codename__in=OFFICE)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0001_initial"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
