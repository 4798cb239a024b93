"""The office moderates the citizens' voice in the admin: it reads and changes (publishes,
declines, replies to) suggestions and feedback, and reads their history."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_issuesuggestion",
    "change_issuesuggestion",
    "view_historicalissuesuggestion",
    "view_servicefeedback",
    "change_servicefeedback",
    "view_historicalservicefeedback",
]


def _office_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="citizens", codename__in=CODENAMES)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    office, _created = Group.objects.get_or_create(name="office_staff")
    office.permissions.add(*_office_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    office = Group.objects.filter(name="office_staff").first()
    if office is not None:
        office.permissions.remove(*_office_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("citizens", "0001_initial"), ("accounts", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, revoke)]
