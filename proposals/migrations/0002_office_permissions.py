"""Office staff (共創推進室) see every proposal: model-level permissions, no object grants."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICE = {
    "proposals": [
        "view_all_proposals",
        "view_proposal",
        "view_proposalattachment",
        "view_proposalversion",
        "view_proposaltransition",
    ],
    "accounts": ["view_organization", "view_membership", "view_invitation"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office, _created = Group.objects.get_or_create(name="office_staff")
    for app_label, codenames in OFFICE.items():
        office.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0001_initial"),
        ("accounts", "0003_organizations"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
