"""The search columns (mishima_kyoso.search, issue 14 §3): filled for the rows already there,
and their GIN index on PostgreSQL."""

from django.db import migrations, models

from mishima_kyoso.search import fill_columns, gram_index


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_organization_type_label")]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="organization",
            name="search_grams",
            field=models.TextField(default="", editable=False),
        ),
        fill_columns("accounts", "organization", ("name", "name_kana")),
        gram_index("accounts_organization"),
    ]
