# Issue 14: /results/ newest first from an index; a case's decisions in order.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0005_publication_policy_office"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="publisheddecision",
            index=models.Index(fields=["-decided_at", "-id"], name="decision_decided_idx"),
        ),
        migrations.AddIndex(
            model_name="publisheddecision",
            index=models.Index(
                fields=["proposal", "decided_at", "id"], name="decision_case_decided_idx"
            ),
        ),
    ]
