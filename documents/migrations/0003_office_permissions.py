"""The office sets the document series and reads the documents issued (admin)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICE = {"documents": ["view_documentseries", "change_documentseries", "view_issueddocument"]}


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    for app_label, codenames in OFFICE.items():
        yield from Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    office, _created = Group.objects.get_or_create(name="office_staff")
    office.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    office = Group.objects.filter(name="office_staff").first()
    if office is not None:
        office.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_first_series"), ("accounts", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, revoke)]
