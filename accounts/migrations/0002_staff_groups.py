"""Create the staff groups (共創推進室, 担当課) with their model permissions on accounts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICE_PERMISSIONS = [
    "view_user", "add_user", "change_user",
    "view_department", "add_department", "change_department",
]
DEPARTMENT_PERMISSIONS = ["view_department"]


def ensure_permissions(apps):
    # Permissions are normally made after migrate; make them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def grant(apps, group_name, codenames, app_label):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, "office_staff", OFFICE_PERMISSIONS, "accounts")
    grant(apps, "department_staff", DEPARTMENT_PERMISSIONS, "accounts")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
