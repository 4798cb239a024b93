"""Give every existing department its group and put its staff in it."""

import secrets

from django.db import migrations


def create_groups(apps, schema_editor):
    Department = apps.get_model("accounts", "Department")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("accounts", "User")
    for department in Department.objects.filter(group__isnull=True):
        department.group = Group.objects.create(name=f"department:{secrets.token_hex(8)}")
        department.save(update_fields=["group"])
    for user in User.objects.filter(department__isnull=False).select_related("department"):
        user.groups.add(user.department.group)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_department_groups")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
