"""The search columns (mishima_kyoso.search, issue 14 §3): filled for the rows already there,
and their GIN index on PostgreSQL."""

from django.db import migrations, models

from mishima_kyoso.search import fill_columns, gram_index


class Migration(migrations.Migration):
    dependencies = [("cocreation_list", "0004_themeattachment_public_storage")]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="search_grams",
            field=models.TextField(default="", editable=False),
        ),
        fill_columns(
            "cocreation_list",
            "theme",
            ("title", "background", "wanted", "business_role", "city_offer", "conditions"),
        ),
        gram_index("cocreation_list_theme"),
    ]
