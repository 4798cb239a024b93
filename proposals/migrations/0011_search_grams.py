"""The search columns (mishima_kyoso.search, issue 14 §3): filled for the rows already there,
and their GIN index on PostgreSQL."""

from django.db import migrations, models

from mishima_kyoso.search import fill_columns, gram_index, postgresql_only


class Migration(migrations.Migration):
    dependencies = [("proposals", "0010_read_log_kinds")]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="proposal",
            name="search_grams",
            field=models.TextField(default="", editable=False),
        ),
        fill_columns("proposals", "proposal", ("reference", "title"), compact=("reference",)),
        # The staff search only the cases received (never a draft): partial indexes, so that
        # counting the matches of a frequent word reads the indexes alone.
        gram_index("proposals_proposal", where="status <> 'draft'"),
        postgresql_only(
            "CREATE INDEX IF NOT EXISTS proposal_received_org_idx "
            "ON proposals_proposal (organization_id) WHERE status <> 'draft'",
            "DROP INDEX IF EXISTS proposal_received_org_idx",
        ),
    ]
