"""Seed the administrative fields named in the co-creation guidelines (共創指針)."""

from django.db import migrations

FIELDS = [
    ("machizukuri", "まちづくり", "都市計画、交通、公共施設、防災など"),
    ("environment", "環境", "脱炭素、ごみ減量、水と緑、生物多様性など"),
    ("health", "健康", "健康づくり、医療、スポーツなど"),
    ("welfare", "福祉", "高齢者、障がい者、地域福祉など"),
    ("childcare", "子育て", "妊娠・出産、保育、子どもの居場所など"),
    ("economy", "経済", "産業振興、観光、農業、雇用など"),
    ("education", "教育", "学校教育、生涯学習、文化など"),
    ("administration", "行財政運営", "行政のデジタル化、公共資産の活用、財源確保など"),
    ("other", "その他", "上記に当てはまらない分野"),
]


def seed(apps, schema_editor):
    Field = apps.get_model("cocreation_list", "Field")
    for order, (code, name, description) in enumerate(FIELDS, start=1):
        Field.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("cocreation_list", "0002_staff_group_permissions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
