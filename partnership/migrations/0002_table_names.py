"""The tables taken over from proposals get partnership's names (proposals_agreement →
partnership_agreement, …): a rename, rows, keys and sequences untouched; reversible."""

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


class Migration(migrations.Migration):

    dependencies = [
        ("partnership", "0001_from_proposals"),
    ]

    # table=None: the default name, partnership_<model>, as the models declare no db_table.
    operations = [migrations.AlterModelTable(name=name, table=None) for name in MODELS]
