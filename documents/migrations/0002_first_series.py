"""The city's document series: receipts (三共創受第…号) and decision notices (三共創第…号).
The office changes the prefixes in the admin (data, not code)."""

from django.db import migrations

SERIES = (
    ("receipt", "受付票", "三共創受第", "号"),
    ("decision", "採否通知書", "三共創第", "号"),
)


def seed(apps, schema_editor):
    DocumentSeries = apps.get_model("documents", "DocumentSeries")
    for kind, name, prefix, suffix in SERIES:
        DocumentSeries.objects.get_or_create(
            kind=kind, defaults={"name": name, "prefix": prefix, "suffix": suffix}
        )


def unseed(apps, schema_editor):
    DocumentSeries = apps.get_model("documents", "DocumentSeries")
    IssuedDocument = apps.get_model("documents", "IssuedDocument")
    used = IssuedDocument.objects.values_list("series_id", flat=True)  # kept: PROTECTed
    DocumentSeries.objects.filter(kind__in=[kind for kind, *_rest in SERIES]).exclude(
        pk__in=used
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_issued_documents")]

    operations = [migrations.RunPython(seed, unseed)]
