"""The office edits the city's publication policy in the admin; the policy starts with the
defaults (declined and not adopted cases published under a neutral title)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_publicationpolicy",
    "change_publicationpolicy",
    "view_historicalpublicationpolicy",
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
        *Permission.objects.filter(content_type__app_label="outcomes", codename__in=CODENAMES)
    )
    Policy = apps.get_model("outcomes", "PublicationPolicy")
    if not Policy.objects.exists():  # the id from its sequence, as any row's
        Policy.objects.create()


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for office in Group.objects.filter(name="office_staff"):
        office.permissions.remove(
            *Permission.objects.filter(content_type__app_label="outcomes", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0004_publication_policy")]

    operations = [migrations.RunPython(grant, revoke)]
