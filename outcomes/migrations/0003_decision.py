"""A published decision names what it copies its decision (issue 11): PublishedDecision.action
→ decision, in its history too; the same columns renamed, the codes unchanged. The open data
already called it `decision` and still does. Reversible."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0002_office_permissions"),
    ]

    operations = [
        migrations.RenameField(
            model_name="historicalpublisheddecision", old_name="action", new_name="decision"
        ),
        migrations.RenameField(
            model_name="publisheddecision", old_name="action", new_name="decision"
        ),
    ]
