"""The content types of the models taken over from proposals move with them (app_label
proposals → partnership, same rows, same ids): the permissions that point at them — the office
group's view permissions among them — and the admin's log entries stay attached.

On a new database the office gets its view permissions here too (evaluation's 0002 may run
before or after this app's migrations and grant them under proposals or not at all).
Idempotent; the reverse moves the content types back.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = (
    "agreement",
    "roleriskitem",
    "agreementdocument",
    "monitoringreport",
    "indicatorresult",
    "improvementaction",
    "historicalagreement",
    "historicalroleriskitem",
    "historicalmonitoringreport",
    "historicalindicatorresult",
    "historicalimprovementaction",
)
OFFICE = (
    "view_agreement",
    "view_roleriskitem",
    "view_agreementdocument",
    "view_monitoringreport",
    "view_indicatorresult",
    "view_improvementaction",
)


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        moving = ContentType.objects.filter(app_label=source, model=model).first()
        if moving is None:
            continue
        # A row created under the new label in the meantime (by create_permissions on a
        # fresh database) has nothing attached worth more than the moving row's history.
        ContentType.objects.filter(app_label=target, model=model).delete()
        moving.app_label = target
        moving.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move(apps, "proposals", "partnership")
    app_config = apps.get_app_config("partnership")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office, _created = Group.objects.get_or_create(name="office_staff")
    office.permissions.add(
        *Permission.objects.filter(content_type__app_label="partnership", codename__in=OFFICE)
    )


def backwards(apps, schema_editor):
    _move(apps, "partnership", "proposals")


class Migration(migrations.Migration):

    dependencies = [
        ("partnership", "0002_table_names"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
