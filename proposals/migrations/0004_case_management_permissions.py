"""The office manages cases: assignments, shared goals and indicators; reads the access log."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICE = [
    "view_assignment", "add_assignment", "change_assignment", "delete_assignment",
    "view_sharedgoal", "add_sharedgoal", "change_sharedgoal", "delete_sharedgoal",
    "view_indicator", "add_indicator", "change_indicator", "delete_indicator",
    "view_accesslog", "view_reminderlog", "view_historicalproposal",
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
        *Permission.objects.filter(content_type__app_label="proposals", codename__in=OFFICE)
    )


class Migration(migrations.Migration):
    dependencies = [("proposals", "0003_case_management")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
