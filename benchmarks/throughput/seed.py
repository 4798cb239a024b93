"""The benchmark's data: manage.py commands and the published themes, each in a subprocess with
the benchmark's environment."""

from __future__ import annotations

import json
import subprocess

from .common import MANAGE_TIMEOUT, PROJECT_ROOT, BenchmarkError

# Run in a subprocess with the benchmark's environment (DJANGO_SETTINGS_MODULE set).
SEED_SCRIPT = r"""
import datetime
import json
import random
import sys

import django

django.setup()

from django.db import transaction
from django.utils import timezone

from accounts.models import Department
from cocreation_list.models import Field, Theme, ThemeQuestion
from cocreation_list.services import publish_theme

params = json.loads(sys.argv[1])
rng = random.Random(params["seed"])
today = timezone.localdate()
now = timezone.now()

DEPARTMENTS = [
    ("政策企画課", "policy", "055-983-2616"),
    ("環境政策課", "environment", "055-983-2646"),
    ("商工観光課", "commerce-tourism", "055-983-2656"),
    ("子育て支援課", "childcare", "055-983-2660"),
    ("長寿介護課", "elderly-care", "055-983-2609"),
    ("地域協働・安全課", "community-safety", "055-983-2621"),
    ("農政課", "agriculture", "055-983-2650"),
    ("デジタル戦略課", "digital", "055-983-2605"),
]
departments = []
for order, (name, code, phone) in enumerate(DEPARTMENTS, start=1):
    department, _ = Department.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "phone": phone,
            "email": f"{code}@city.mishima.example.jp",
            "sort_order": order * 10,
        },
    )
    departments.append(department)

fields = {field.code: field for field in Field.objects.all()}
if not fields:
    sys.exit("No fields: the seeding migration did not run.")

# (issue, fields, department index)
TOPICS = [
    ("市内の空き家の増加", ["machizukuri"], 0),
    ("中心市街地の商店街の来街者の減少", ["economy", "machizukuri"], 2),
    ("観光客の市内滞在時間の短さ", ["economy"], 2),
    ("子育て世帯の地域での孤立", ["childcare", "welfare"], 3),
    ("高齢者の通院や買物の移動手段の確保", ["welfare", "machizukuri"], 4),
    ("源兵衛川をはじめとする湧水と水辺の環境保全", ["environment"], 1),
    ("災害時の要配慮者への情報伝達", ["machizukuri", "welfare"], 5),
    ("農業の担い手不足と耕作放棄地の拡大", ["economy"], 6),
    ("行政手続のオンライン化の遅れ", ["administration"], 7),
    ("働く世代の運動不足と生活習慣病の予防", ["health"], 4),
    ("公共施設の維持管理費の増加", ["administration", "machizukuri"], 0),
    ("家庭ごみの減量と資源化", ["environment"], 1),
    ("地域の担い手となる若者の市外への流出", ["education", "economy"], 5),
]
APPROACHES = [
    "新たな仕組みづくり",
    "デジタル技術を活用した実証実験",
    "民間のノウハウを生かした取組",
    "官民連携による持続可能な解決策",
]
BACKGROUND = [
    "市ではこれまで関係課が連携して対策を講じてきましたが、職員の人員や専門的な知見が限られており、"
    "十分な成果を上げるには至っていません。",
    "令和5年度に実施した市民意識調査では、回答者の約4割がこの課題について「不安を感じる」または"
    "「やや不安を感じる」と答えており、市民の関心の高さがうかがえます。",
    "国の統計でも同様の傾向が全国的に見られ、人口減少と高齢化の進行に伴い、今後さらに深刻化する"
    "ことが見込まれます。",
    "一方で、市内には意欲のある地域団体や事業者も多く、既存の資源を生かした取組の余地は大きいと"
    "考えています。",
    "地域の実情に合った持続可能な取組とするため、行政だけでなく、市民、地域団体、民間事業者が"
    "それぞれの強みを持ち寄ることが欠かせません。",
    "富士山の湧水に恵まれた本市の特色を生かし、他の自治体の参考となるような先進的な取組を"
    "目指しています。",
]
WANTED = [
    "既に提供しているサービスや製品を本市の課題に合わせて活用するものでも構いません。",
    "実証実験の期間は3か月から1年程度を想定していますが、提案に応じて柔軟に協議します。",
    "取組の効果を数値で測定し、市と共有できる提案を特に歓迎します。",
    "市民の参加を促し、取組が終わった後も地域に根付く仕組みとなることを期待しています。",
    "小さく始めて効果を検証し、段階的に対象を広げていく提案を求めます。",
]
BUSINESS_ROLE = [
    "提案内容の企画、実施及び効果検証を担っていただきます。",
    "実施に必要な機器、システム及び人員は原則として事業者に用意していただきます。",
    "取組の状況を定期的に市に報告し、課題があれば市と協議しながら改善してください。",
    "個人情報を取り扱う場合は、市の個人情報保護に関する規定に従っていただきます。",
]
CITY_OFFER = [
    "市が保有する統計データ及びオープンデータの提供",
    "公共施設や市有地の利用に関する調整",
    "広報紙「広報みしま」及び市ウェブサイト、SNSでの周知",
    "自治会、商店会その他の関係団体との調整",
    "実証実験の場所の確保と関係法令に関する相談",
]
CONDITIONS = [
    "市から事業者への委託料及び補助金の支出は予定していません。",
    "提案内容によっては、別途協定を締結したうえで実施します。",
    "",
]


def paragraph(pool, count):
    return "".join(rng.sample(pool, count))


numbers = []
with transaction.atomic():
    for index in range(params["themes"]):
        issue, field_codes, department_index = TOPICS[index % len(TOPICS)]
        approach = APPROACHES[(index // len(TOPICS)) % len(APPROACHES)]
        # 3 in 5 accepting with a deadline, 1 in 5 year-round, 1 in 5 past their deadline.
        kind = ("deadline", "deadline", "deadline", "year_round", "past")[index % 5]
        theme = Theme(
            title=f"{issue}に対応する{approach}",
            background=(
                f"本市では近年、{issue}が大きな課題となっています。"
                + paragraph(BACKGROUND, 4)
                + "こうした状況を踏まえ、民間事業者の皆様の柔軟な発想と専門的なノウハウを生かした"
                "提案を募集します。"
            ),
            wanted=(
                f"{issue}の解決に向けた{approach}に関する提案を募集します。"
                + paragraph(WANTED, 3)
            ),
            business_role=paragraph(BUSINESS_ROLE, 3),
            city_offer="\n".join(rng.sample(CITY_OFFER, 3)),
            conditions=rng.choice(CONDITIONS),
            department=departments[department_index],
            is_year_round=kind == "year_round",
            accepts_until=(
                None
                if kind == "year_round"
                else today + datetime.timedelta(days=rng.randint(14, 150))
                if kind == "deadline"
                else today - datetime.timedelta(days=rng.randint(1, 60))
            ),
        )
        theme.published_at = now - datetime.timedelta(days=params["themes"] - index, hours=index)
        theme.save()
        theme.fields.set([fields[code] for code in field_codes if code in fields] or [
            next(iter(fields.values()))
        ])
        publish_theme(theme=theme, by=None)
        numbers.append(theme.number)

    detail = Theme.objects.get(number=numbers[0])
    for question, answer in [
        (
            "提案にあたり、市内に事業所を有していることは条件になりますか。",
            "市内に事業所がない事業者からの提案も受け付けます。実施にあたっては、"
            "市内の関係団体との連携をお願いする場合があります。",
        ),
        (
            "実証実験に必要な費用について、市の負担はありますか。",
            "原則として事業者の負担でお願いしています。ただし、公共施設の使用料の減免など、"
            "市が提供できる支援については個別に協議します。",
        ),
        (
            "提案書の様式は決まっていますか。",
            "任意の様式で構いません。提案の概要、実施体制、スケジュール及び期待される効果を"
            "記載してください。",
        ),
    ]:
        ThemeQuestion.objects.create(theme=detail, question=question, answer=answer)
    ThemeQuestion.objects.create(theme=detail, question="説明会は開催されますか。")

from django.conf import settings

print(
    "BENCH-SEED "
    + json.dumps(
        {
            "numbers": numbers,
            "detail": numbers[0],
            "page_cache_seconds": getattr(settings, "KYOSO_PUBLIC_PAGE_CACHE_SECONDS", None),
            "cache_backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        }
    )
)
"""


def seed_themes(env: dict[str, str], python: str, themes: int) -> dict:
    params = json.dumps({"themes": themes, "seed": 20240401})
    result = subprocess.run(
        [python, "-c", SEED_SCRIPT, params],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=MANAGE_TIMEOUT,
    )
    if result.returncode != 0:
        raise BenchmarkError(f"seeding failed:\n{result.stdout}\n{result.stderr}")
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-SEED "):
            return json.loads(line.removeprefix("BENCH-SEED "))
    raise BenchmarkError(f"seeding printed no result:\n{result.stdout}\n{result.stderr}")


def manage(env: dict[str, str], python: str, *args: str) -> None:
    result = subprocess.run(
        [python, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=MANAGE_TIMEOUT,
    )
    if result.returncode != 0:
        raise BenchmarkError(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )
