"""proposals.Assignment (a department in charge of a case, 担当課) is named DepartmentAssignment,
beside evaluation.EvaluatorAssignment (issue 11).

The model, its history model and their tables are renamed (proposals_assignment →
proposals_departmentassignment, proposals_historicalassignment →
proposals_historicaldepartmentassignment): rows, keys and sequences untouched. Django renames
the content types with the models; the permissions that point at them keep their rows and
groups (the office's among them) and take the new models' codenames. Reversible.
"""

from django.conf import settings
from django.db import migrations

RENAMED = (
    ("assignment", "departmentassignment"),
    ("historicalassignment", "historicaldepartmentassignment"),
)
VERBS = ("add", "change", "delete", "view")


def _rename_permissions(apps, old_to_new):
    Permission = apps.get_model("auth", "Permission")
    for old, new in old_to_new:
        for verb in VERBS:
            permission = Permission.objects.filter(
                content_type__app_label="proposals", codename=f"{verb}_{old}"
            ).first()
            if permission is None:
                continue
            taken = Permission.objects.filter(
                content_type_id=permission.content_type_id, codename=f"{verb}_{new}"
            ).first()
            if taken is not None:  # created meanwhile: it takes over the old one's holders
                taken.group_set.add(*permission.group_set.all())
                taken.user_set.add(*permission.user_set.all())
                permission.delete()
                continue
            permission.codename = f"{verb}_{new}"
            permission.save(update_fields=["codename"])


def forwards(apps, schema_editor):
    _rename_permissions(apps, RENAMED)


def backwards(apps, schema_editor):
    _rename_permissions(apps, [(new, old) for old, new in RENAMED])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_user_is_evaluator"),
        ("proposals", "0007_agreement_and_monitoring_to_partnership"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Assignment", new_name="DepartmentAssignment"),
        migrations.RenameModel(
            old_name="HistoricalAssignment", new_name="HistoricalDepartmentAssignment"
        ),
        migrations.RunPython(forwards, backwards),
    ]
