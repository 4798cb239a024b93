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


# Stages 2 to 4 (issue 6): rounds, decisions, open calls, agreements, monitoring ---------------


def build_stages():
    """Every page type of the evaluation, outcomes and stage pages, with content, reached
    through the real services: an open selection round (one evaluator declared and scoring,
    one not yet declared), a closed round with its sheets (results, decision), a decided and
    published selection, an open call in draft and one published, an agreement being drafted,
    a case in operation with a report, an improvement action and a signed agreement."""
    import datetime

    from django.utils import timezone

    from evaluation import services as evaluation
    from partnership import monitoring, selectors
    from tests.factories.accounts import MemberFactory, VerifiedOfficeUserFactory
    from tests.factories.proposals import attach
    from tests.scenarios import (
        adopted_case,
        agreement_document,
        agreement_with_item,
        decided_selection,
        declare,
        declare_none,
        direct_agreement_case,
        draft_call,
        monitoring_report,
        operating_case,
        published,
        published_call,
        score,
        selection_round,
        submit_sheet,
    )

    today = timezone.localdate()
    office = VerifiedOfficeUserFactory()

    # An open selection: the first evaluator has declared a conflict with one candidate and
    # saved a sheet; the second has not declared yet (the conflict form).
    scoring = selection_round(office=office, applications=2, evaluators=2)
    declared, undeclared = list(scoring.assignments.order_by("pk"))
    candidates = list(scoring.candidates.order_by("label"))
    for candidate in candidates:
        attach(candidate.proposal, name="提案書.pdf")
    declare(declared, conflicts=[candidates[0]])
    score(declared, candidates[1], 7, comment="途中まで評価した。", submit=False)

    # A closed selection with every sheet submitted: results, printable results, decision.
    closed = selection_round(office=office, applications=2, evaluators=2)
    for number, assignment in enumerate(closed.assignments.order_by("pk")):
        declare_none(assignment)
        for candidate in closed.candidates.order_by("label"):
            submit_sheet(assignment, candidate, value=10 - number * 3)
    closed = evaluation.close_round(round=closed, by=office)

    # A decided selection whose result is published (the public result with its candidates),
    # its adoption left to publish (the publication page's form).
    decided, decided_case, selection_step = decided_selection(office=office)
    publication = published(decided_case, office=office, step=selection_step.step)

    # Open calls: one in draft (the call form), one published and accepting.
    draft_call_case = adopted_case(office=office)
    draft_call(office=office, case=draft_call_case)
    public_call = published_call(office=office)

    # An agreement being drafted (a direct agreement), with its role and risk table.
    drafting = direct_agreement_case(office=office)
    agreement_with_item(drafting, office=office)

    # A case in operation: a shared goal, a shared report, an improvement action, a document.
    operating = operating_case(office=office)
    report = monitoring_report(operating, by=office, assessment="周知が課題。")
    monitoring.save_improvement_action(
        case=operating,
        by=office,
        description="高齢者向けの操作説明会を開く。",
        owner_side="business",
        owner_name="運営事業者",
        due_on=today + datetime.timedelta(days=30),
        report=report,
    )
    agreement_document(selectors.agreement_of(operating), office=office)

    return {
        "office": office,
        "scoring": scoring,
        "declared_evaluator": declared.evaluator,
        "undeclared_evaluator": undeclared.evaluator,
        "scored_candidate": candidates[1],
        "conflicted_candidate": candidates[0],
        "closed": closed,
        "decided": decided,
        "decided_case": decided_case,
        "publication": publication,
        "draft_call_case": draft_call_case,
        "public_call": public_call,
        "applicant": MemberFactory(),
        "drafting": drafting,
        "operating": operating,
    }


def build_records():
    """Every page of the city's public-records duties (issue 12), with content: a disclosure
    request on an adopted case with a marked file and the proposer's opinion asked, a read
    log with entries, an idle account listed for disposal."""
    import datetime

    from django.utils import timezone

    from accounts.models import User
    from disclosure.services import record_request, request_opinion, set_marks
    from proposals.audit import log_access
    from proposals.models import AccessLog
    from retention.services import list_due
    from tests.factories.accounts import MemberFactory, VerifiedOfficeUserFactory
    from tests.factories.proposals import attach
    from tests.scenarios import adopted_case

    today = timezone.localdate()
    office = VerifiedOfficeUserFactory()
    case = adopted_case(office=office)
    case.know_how = "回路ごとの電流の波形から設備の使用量を推定する方法。"
    case.save(update_fields=["know_how"])
    withheld = attach(case, name="設置費用の内訳.pdf")
    request = record_request(
        by=office,
        received_on=today,
        requester="市民（個人）：協定に関する提案書の一式",
        cases=[case],
        decision_due_on=today + datetime.timedelta(days=14),
    )
    set_marks(
        request=request,
        case=case,
        by=office,
        sections={"know-how": "corporate", "cost": "corporate"},
        files={withheld.pk: "corporate"},
    )
    opinion = request_opinion(
        request=request, case=case, by=office, due_on=today + datetime.timedelta(days=10)
    )
    log_access(office, case, AccessLog.Kind.CONTENT, "")
    idle = MemberFactory()
    User.objects.filter(pk=idle.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=4 * 365)
    )
    list_due()
    return {
        "office": office,
        "case": case,
        "request": request,
        "opinion": opinion,
        "proposer": case.created_by,
    }
