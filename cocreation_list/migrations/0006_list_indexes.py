# Issue 14: the public list's default order (newest first) from a partial index of the public
# themes.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cocreation_list", "0005_search_grams"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="theme",
            index=models.Index(
                condition=models.Q(status__in=["published", "closed"]),
                fields=["-published_at", "-number"],
                name="theme_public_newest_idx",
            ),
        ),
    ]
