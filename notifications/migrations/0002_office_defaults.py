"""A default per kind of event (mailed at once, as before), and the office's right to change them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

KINDS = (
    "case_update",
    "assignment",
    "message",
    "meeting",
    "evaluation",
    "deadline",
    "invitation",
)
OFFICE = ["view_kinddefault", "change_kinddefault"]


def seed(apps, schema_editor):
    KindDefault = apps.get_model("notifications", "KindDefault")
    for kind in KINDS:
        KindDefault.objects.get_or_create(kind=kind, defaults={"delivery": "immediate"})
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office, _created = Group.objects.get_or_create(name="office_staff")
    office.permissions.add(
        *Permission.objects.filter(content_type__app_label="notifications", codename__in=OFFICE)
    )


def unseed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office = Group.objects.filter(name="office_staff").first()
    if office is not None:
        office.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="notifications", codename__in=OFFICE
            )
        )
    apps.get_model("notifications", "KindDefault").objects.filter(kind__in=KINDS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
