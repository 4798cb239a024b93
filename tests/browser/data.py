"""Data the browser tests share: public themes in two fields, Q&A, a file, a closed and a draft."""

from django.core.files.base import ContentFile

from cocreation_list.models import ThemeAttachment
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import ThemeFactory, ThemeQuestionFactory, field

ENVIRONMENT_TITLES = [
    "ごみ減量につながる分別アプリ",
    "公共施設の省エネルギー化",
    "水と緑の保全活動の担い手づくり",
]
CHILDCARE_TITLES = [
    "保育所の空き状況の見える化",
    "子どもの居場所づくり",
]
QUESTION = "提案は複数の事業者の共同でも可能ですか。"
ANSWER = "可能です。代表となる事業者を決めてください。"


def build_site():
    """Three accepting themes in 環境, two in 子育て; one with Q&A and documents."""
    environment = DepartmentFactory(name="環境政策課", code="kankyo")
    childcare = DepartmentFactory(name="子育て支援課", code="kosodate")
    themes = {}
    for title in ENVIRONMENT_TITLES:
        themes[title] = ThemeFactory(
            title=title, department=environment, fields=[field("environment")]
        )
    for title in CHILDCARE_TITLES:
        themes[title] = ThemeFactory(title=title, department=childcare, fields=[field("childcare")])

    featured = themes[ENVIRONMENT_TITLES[0]]
    ThemeQuestionFactory(theme=featured, question=QUESTION, answer=ANSWER)
    ThemeQuestionFactory(theme=featured, question="未回答の質問です。", answer="")
    ThemeAttachment.objects.create(
        theme=featured,
        title="募集要項",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="youkou.pdf"),
    )
    ThemeAttachment.objects.create(
        theme=featured,
        title="施設の利用状況（令和6年度）",
        file=ContentFile(b"PK\x03\x04", name="riyou.xlsx"),
    )
    closed = ThemeFactory(
        title="旧庁舎跡地の活用", department=environment, fields=[field("machizukuri")], closed=True
    )
    draft = ThemeFactory(title="下書きのテーマ", department=environment, draft=True)
    return {"themes": themes, "featured": featured, "closed": closed, "draft": draft}
