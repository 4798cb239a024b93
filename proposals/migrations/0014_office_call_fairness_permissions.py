"""The office (共創推進室) answers the questions on open calls and enters their selection
committees in the admin: model permissions for the office group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICE = [
    "view_callquestion",
    "change_callquestion",
    "view_callcommitteemember",
    "add_callcommitteemember",
    "change_callcommitteemember",
    "delete_callcommitteemember",
]


def _permissions(apps):
    app_config = apps.get_app_config("proposals")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="proposals", codename__in=OFFICE)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    office, _created = Group.objects.get_or_create(name="office_staff")
    office.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for office in Group.objects.filter(name="office_staff"):
        office.permissions.remove(
            *Permission.objects.filter(content_type__app_label="proposals", codename__in=OFFICE)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0013_call_questions_and_committee"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
