"""The default criteria set of the guidelines (the four viewpoints, quality, feasibility, price
and locality: 価格のみによらない選定), and the office's permissions on evaluation."""

from decimal import Decimal

from django.contrib.auth.management import create_permissions
from django.db import migrations

DEFAULT_SET = "共創指針に基づく標準評価基準"
CRITERIA = [
    # group, name, description, max points
    ("citizens", "市民・利用者の視点", "市民サービスの向上、利用者の利便性・満足度への効果", 15),
    ("financial", "財務の視点", "市の財政負担の軽減、費用対効果、収益の還元", 10),
    ("growth", "成長・発展の視点", "事業の持続可能性、職員・組織の成長、将来の発展性", 10),
    ("region", "地域・社会の視点", "地域課題の解決、地域社会・経済への波及効果", 10),
    ("quality", "提案内容の品質", "課題の理解、提案の独自性・具体性、サービスの質", 20),
    ("feasibility", "実現可能性", "実施体制、スケジュール、リスクへの備え、実績", 15),
    ("price", "価格", "提案価格の妥当性（価格のみで評価しない）", 10),
    ("locality", "地域性", "市内事業者の参画、地域人材・資源の活用、地域貢献", 10),
]
SCALE = "満点: 特に優れている / 7割: 優れている / 5割: 標準的 / 3割: やや劣る / 0: 不十分"

OFFICE = [
    "view_criteriaset", "add_criteriaset", "change_criteriaset", "delete_criteriaset",
    "view_criterion", "add_criterion", "change_criterion", "delete_criterion",
    "view_round", "view_candidate", "view_evaluatorassignment", "view_conflictdeclaration",
    "view_scoresheet", "view_score", "view_roundevent",
]
PROPOSALS_OFFICE = [
    "view_opencall", "view_agreement", "view_roleriskitem", "view_agreementdocument",
    "view_monitoringreport", "view_indicatorresult", "view_improvementaction",
]


def seed(apps, schema_editor):
    CriteriaSet = apps.get_model("evaluation", "CriteriaSet")
    Criterion = apps.get_model("evaluation", "Criterion")
    criteria_set, _created = CriteriaSet.objects.update_or_create(
        name=DEFAULT_SET,
        defaults={
            "description": (
                "共創指針の四つの視点（市民・利用者、財務、成長・発展、地域・社会）に、"
                "品質・実現可能性・価格・地域性を加えた100点満点の標準基準です。"
            ),
            "pass_mark": Decimal("60"),
            "proposer_bonus": Decimal("5"),
            "is_default": True,
        },
    )
    for order, (group, name, description, points) in enumerate(CRITERIA, start=1):
        Criterion.objects.update_or_create(
            criteria_set=criteria_set,
            name=name,
            defaults={
                "group": group,
                "description": description,
                "scale": SCALE,
                "max_points": points,
                "weight": Decimal("1"),
                "order": order,
            },
        )


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office, _created = Group.objects.get_or_create(name="office_staff")
    office.permissions.add(
        *Permission.objects.filter(content_type__app_label="evaluation", codename__in=OFFICE),
        *Permission.objects.filter(
            content_type__app_label="proposals", codename__in=PROPOSALS_OFFICE
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("proposals", "0005_realization_and_monitoring"),
        ("accounts", "0006_user_is_evaluator"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
