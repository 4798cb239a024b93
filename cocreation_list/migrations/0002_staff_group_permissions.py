"""Give the staff groups their model permissions on the co-creation list.

The office manages everything; department staff add and edit themes (the admin
then limits them to their own department's) and answer questions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["theme", "themeattachment", "themequestion", "field"]
OFFICE = [f"{verb}_{model}" for model in MODELS for verb in ("view", "add", "change", "delete")]
DEPARTMENT = [
    "view_theme", "add_theme", "change_theme",
    "view_themeattachment", "add_themeattachment", "change_themeattachment",
    "delete_themeattachment",
    "view_themequestion", "add_themequestion", "change_themequestion",
    "view_field",
]


def grant_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("office_staff", OFFICE), ("department_staff", DEPARTMENT)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="cocreation_list", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cocreation_list", "0001_initial"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
