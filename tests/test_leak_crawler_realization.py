"""The leak crawler for stages 2–4 (issue 6): open calls, applications, evaluation rounds,
decisions and their publication, agreements and monitoring (DESIGN §5, 共創指針 原則3).

The world, built through the services and the workflow:

- case A of the proposer, adopted with an open call, published; two other businesses applied;
  a selection round among the three is open, anonymised, with two evaluators (the first has
  declared no conflict and scored, the second declared a conflict with one application);
- case B of another proposer, adopted with an open call, one application; its selection round
  (one evaluator, "the other evaluator") is decided for the proposer and the decision published;
  the agreement is signed, with a private document; the case is in operation, with a monitoring
  report shared with the proposer, one kept by the city, an improvement action and a liaison
  meeting;
- a case of an unrelated business, adopted, its open call still a draft; the department in
  charge of A and B, and another one.

Each role signs in and follows every same-site link it is shown, then every URL any role
collected is replayed as every role, with a few forged URLs (an object under another's parent).
Four rules hold:

- a URL of a family that belongs to someone (a case's proposer pages, a case's staff pages,
  the office's pages, a round's evaluator pages, the issue-6 admin) answers every other role
  with 403, 404 or (anonymous) the login page — never 200; and the roles it is for get 200;
- no answer carries a marker (LEAK-<subject>-<kind>) the role may not read: an applicant never
  reads the original proposal, the original proposer never an application, an evaluator only
  the title, outline and content of the candidates they may score, never a name;
- anonymised evaluator pages carry no candidate organisation, member, contact, reference number
  or file name;
- the mail sent meanwhile carries no marker, and names a case only to those who may open it.
"""

import datetime
import re
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from dialogue.models import MeetingRecord, MessageAttachment
from dialogue.services import post_message, record_meeting
from evaluation import services as evaluation
from evaluation.models import Round
from outcomes.services import publish_decision
from partnership import agreements, monitoring, selectors
from partnership.models import ImprovementAction
from proposals.models import Proposal, SharedGoal
from proposals.services import assign_department, save_goal
from proposals.workflow import A
from tests.factories.accounts import (
    DepartmentFactory,
    DepartmentUserFactory,
    OrganizationFactory,
    VerifiedMemberFactory,
    VerifiedOfficeUserFactory,
    VerifiedUserFactory,
)
from tests.factories.proposals import attach, pdf_bytes, upload
from tests.scenarios import (
    advance,
    application,
    declare,
    draft_call,
    round_of,
    score,
    start_selection,
    submitted_case,
)
from tests.test_leak_crawler import LOGIN_PATHS, Answer, client_for, crawl, fetch

pytestmark = pytest.mark.django_db

S = Proposal.Status
TODAY = timezone.localdate
CAP = 220  # URLs a role crawls at most
MARKER = re.compile(r"LEAK-([A-Z0-9]+)-([A-Z]+)")
# What an evaluator reads of a candidate they may score: its content, never who it is.
CONTENT_KINDS = {"TITLE", "OUTLINE", "KNOWHOW"}
# What only the city's side of a case reads: internal notes, reports not shared, a draft call.
CITY_KINDS = {"INTERNAL", "UNSHARED", "DRAFTCALL"}

CASE_URL = re.compile(r"^/proposals/(\d+)/")
STAFF_CASE_URL = re.compile(r"^/staff/cases/(\d+)/")
# The office's pages of a case (round management, publication, the call, the agreement's
# drafting); the departments in charge read the case, the agreement and monitoring only.
OFFICE_CASE_URL = re.compile(
    r"^/staff/cases/\d+/(evaluation|publication|call|agreement/(items|documents|sign))/"
)
OFFICE_URL = re.compile(r"^/staff/evaluation/")
EVALUATOR_URL = re.compile(r"^/evaluation/rounds/(\d+)/")
# The admin of the issue-6 records: the office's reading tool only.
ISSUE6_ADMIN = re.compile(
    r"^/admin/(evaluation|outcomes|proposals/opencall|partnership/(agreement|monitoringreport|"
    r"improvementaction))/"
)
FIRST = re.compile(r"^/(proposals|staff|evaluation|calls|results)/")
ADMIN_STARTS = [
    "/admin/evaluation/round/",
    "/admin/evaluation/criteriaset/",
    "/admin/outcomes/publisheddecision/",
    "/admin/proposals/opencall/",
    "/admin/partnership/agreement/",
    "/admin/partnership/monitoringreport/",
    "/admin/partnership/improvementaction/",
]


# Covered by the other crawler (tests/test_leak_crawler.py), and nothing of issue 6 on them.
ELSEWHERE = ("/themes", "/accounts/", "/free-proposals/", "/accessibility/", "/privacy/")


def follow(url: str) -> bool:
    """The portal but for the pages the other crawler covers; of the admin, the issue-6
    records only."""
    if url.startswith("/admin/"):
        return bool(ISSUE6_ADMIN.match(url))
    return not url.startswith(ELSEWHERE)


def marker(subject: str, kind: str) -> str:
    return f"LEAK-{subject}-{kind}"


# The world ----------------------------------------------------------------------------------


@dataclass
class World:
    roles: dict  # role → user (None: anonymous)
    readers: dict = field(default_factory=dict)  # subject → roles reading all of it
    content_readers: dict = field(default_factory=dict)  # subject → roles reading CONTENT_KINDS
    city: dict = field(default_factory=dict)  # subject → roles reading CITY_KINDS
    public: set = field(default_factory=set)  # markers the city published
    case_roles: dict = field(default_factory=dict)  # case pk → roles of /proposals/<pk>/
    staff_roles: dict = field(default_factory=dict)  # case pk → roles of /staff/cases/<pk>/
    round_roles: dict = field(default_factory=dict)  # round pk → its evaluators
    expected: dict = field(default_factory=dict)  # URL → the roles that get 200
    forged: set = field(default_factory=set)  # URLs mixing objects: nobody gets 200
    anonymous_strings: list = field(default_factory=list)  # never on an evaluator page
    references: dict = field(default_factory=dict)  # a case's reference → its case roles
    named: dict = field(default_factory=dict)  # a few URLs by name, for the harness's own test

    def may_read(self, role: str, subject: str, kind: str) -> bool:
        if marker(subject, kind) in self.public or role == "office":
            return True
        if kind in CITY_KINDS:
            return role in self.city.get(subject, ())
        if role in self.readers.get(subject, ()):
            return True
        return kind in CONTENT_KINDS and role in self.content_readers.get(subject, ())


def _verified(user):
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def _business(world, role, subject):
    organization = OrganizationFactory(name=f"株式会社{marker(subject, 'ORG')}")
    member = VerifiedMemberFactory(
        email=f"{role}@leak6.example.jp",
        full_name=f"社員 {marker(subject, 'MEMBER')}",
        organization=organization,
    )
    world.roles[role] = member
    world.readers[subject] = {role}
    world.anonymous_strings += [organization.name, member.full_name]
    return member


def _content(subject):
    return {
        "title": f"公共施設の予約 {marker(subject, 'TITLE')}",
        "outline": f"概要 {marker(subject, 'OUTLINE')}",
        "know_how": f"ノウハウ {marker(subject, 'KNOWHOW')}",
        "contact_name": f"連絡 {marker(subject, 'CONTACT')}",
    }


def _proposal(world, subject, *, member, office, departments=(), readers=()):
    """A submitted case of the member's organisation with markers in its content and a file."""
    case = submitted_case(
        organization=member.membership.organization,
        created_by=member,
        **_content(subject),
    )
    stored = attach(case, name=f"{marker(subject, 'FILE')}.pdf")
    for department in departments:
        assign_department(case=case, department=department, by=office)
    _register(world, case, subject, readers)
    return case, stored


def _application(world, subject, call, *, member, readers=()):
    """An application to the call through the intake, with markers in its content and file."""
    content = _content(subject)
    case = application(
        call,
        member=member,
        files=[f"{marker(subject, 'FILE')}.pdf"],
        contact_email=f"{subject.lower()}@apply.example.jp",
        **content,
    )
    _register(world, case, subject, readers)
    return case, case.attachments.get()


def _register(world, case, subject, readers):
    readers = {"office", *readers}  # the office sees every case
    world.readers[subject] = readers
    world.city[subject] = {role for role in readers if role in ("office", "department")}
    world.case_roles[case.pk] = set(readers)
    world.staff_roles[case.pk] = {role for role in readers if role in ("office", "department")}


def _round(case, office, *evaluators):
    """The office's anonymised selection round on the case, opened; its mail kept for the
    mail check at the end (not sent and forgotten as in other tests)."""
    return round_of(
        case,
        Round.Kind.SELECTION,
        office=office,
        evaluators=list(evaluators),
        title="事業者選定",
        forget_mail=False,
    )


def build_world() -> World:
    office = VerifiedOfficeUserFactory(email="office@leak6.example.jp")
    department = DepartmentFactory(name="環境政策課", code="kankyo6")
    elsewhere = DepartmentFactory(name="デジタル推進課", code="digital6")
    world = World(
        roles={
            "anonymous": None,
            "office": office,
            "department": _verified(
                DepartmentUserFactory(department=department, email="kankyo@leak6.example.jp")
            ),
            "other_department": _verified(
                DepartmentUserFactory(department=elsewhere, email="digital@leak6.example.jp")
            ),
        }
    )
    for role in ("evaluator_1", "evaluator_2", "other_evaluator"):
        world.roles[role] = VerifiedUserFactory(
            email=f"{role}@leak6.example.jp", full_name=f"委員 {role}"
        )
    proposer = _business(world, "proposer", "PROP")
    applicant_1 = _business(world, "applicant_1", "APPA")
    applicant_2 = _business(world, "applicant_2", "APPB")
    other_proposer = _business(world, "other_proposer", "DONE")
    unrelated = _business(world, "unrelated", "UNREL")
    world.readers["PROP"].add("department")  # its case's staff pages name it
    world.readers["DONE"].add("department")
    city = ("office", "department")

    # Case A: the open call, two applications, the open anonymised round. ----------------------
    case_a, file_a = _proposal(
        world,
        "A0",
        member=proposer,
        office=office,
        departments=[department],
        readers=("proposer", *city),
    )
    case_a, call_a = start_selection(advance(case_a, S.ADOPTED, by=office), office=office)
    app_1, file_1 = _application(world, "A1", call_a, member=applicant_1, readers=("applicant_1",))
    app_2, file_2 = _application(world, "A2", call_a, member=applicant_2, readers=("applicant_2",))
    message = post_message(
        case=case_a,
        by=proposer,
        body=f"質問です {marker('A0', 'DIALOGUE')}",
        files=[upload(f"{marker('A0', 'MESSAGEFILE')}.pdf", pdf_bytes())],
    )
    post_message(case=case_a, by=office, body=marker("A0", "INTERNAL"), internal=True)
    message_file = MessageAttachment.objects.get(message=message)

    round_a = _round(case_a, office, world.roles["evaluator_1"], world.roles["evaluator_2"])
    first, second = round_a.assignments.order_by("pk")
    candidates_a = {c.proposal_id: c for c in round_a.candidates.all()}
    declare(first)
    declare(second, conflicts=[candidates_a[app_2.pk]], note="元取引先のため。")
    sheet_a = score(first, candidates_a[app_1.pk], 7, comment=marker("EVA", "COMMENT"))
    score(first, candidates_a[case_a.pk], 7, comment=marker("EVA", "COMMENT"), submit=False)
    score(second, candidates_a[app_1.pk], 7, comment=marker("EVB", "COMMENT"), submit=False)
    world.readers["EVA"] = {"evaluator_1"}
    world.readers["EVB"] = {"evaluator_2"}
    for subject in ("A0", "A1"):
        world.content_readers[subject] = {"evaluator_1", "evaluator_2"}
    world.content_readers["A2"] = {"evaluator_1"}  # the second declared a conflict with it
    world.round_roles[round_a.pk] = {"evaluator_1", "evaluator_2"}

    # Case B: decided, published, agreed, in operation. -----------------------------------------
    case_b, file_b = _proposal(
        world,
        "B0",
        member=other_proposer,
        office=office,
        departments=[department],
        readers=("other_proposer", *city),
    )
    case_b, _call_b = start_selection(advance(case_b, S.ADOPTED, by=office), office=office)
    app_b, _file_app_b = _application(
        world, "B2", _call_b, member=applicant_2, readers=("applicant_2",)
    )
    round_b = _round(case_b, office, world.roles["other_evaluator"])
    assignment_b = declare(round_b.assignments.get())
    for candidate in round_b.candidates.all():
        score(assignment_b, candidate, 7, comment=marker("EVO", "COMMENT"))
    world.readers["EVO"] = {"other_evaluator"}
    world.content_readers["B0"] = world.content_readers["B2"] = {"other_evaluator"}
    world.round_roles[round_b.pk] = {"other_evaluator"}
    evaluation.close_round(round=round_b, by=office)
    candidates_b = {c.proposal_id: c for c in round_b.candidates.all()}
    evaluation.decide_selection(
        round=round_b,
        selected=candidates_b[case_b.pk],
        reason=f"内部の理由 {marker('B0', 'INTERNAL')}",
        public_reason="総合評価の結果、最も優れた提案を選定した。",
        by=office,
    )
    publication = publish_decision(
        transition=case_b.transitions.get(step=A.SELECT), by=office, discloses_proposer=False
    )
    # What the city publishes: the case's title and the selected party.
    world.public |= {marker("B0", "TITLE"), marker("DONE", "ORG")}

    case_b.refresh_from_db()
    agreements.save_agreement(
        case=case_b,
        by=office,
        title=f"協定 {marker('B0', 'AGREEMENT')}",
        starts_on=TODAY(),
        ends_on=TODAY() + datetime.timedelta(days=365),
        incentives="",
    )
    item = agreements.save_role_risk_item(
        case=case_b,
        by=office,
        item=f"システム障害 {marker('B0', 'RISK')}",
        city_role="利用者への周知",
        business_role="復旧対応",
        risk_bearer="business",
        order=10,
    )
    agreement = selectors.agreement_of(case_b)
    document = agreements.add_agreement_document(
        agreement=agreement,
        by=office,
        uploaded=upload(f"{marker('B0', 'DOCUMENT')}.pdf", pdf_bytes()),
    )
    case_b = agreements.sign_agreement(case=case_b, signed_on=TODAY(), by=office)
    assert case_b.status == S.OPERATING
    goal = save_goal(
        case=case_b,
        by=office,
        viewpoint=SharedGoal.Viewpoint.CITIZENS,
        description=f"目標 {marker('B0', 'GOAL')}",
        indicators=[
            {"name": "オンライン予約件数", "unit": "件", "baseline": "0", "target": "1000"}
        ],
    )
    indicator = goal.indicators.get()
    period = {"period_start": TODAY() - datetime.timedelta(days=30), "period_end": TODAY()}
    report = monitoring.save_monitoring_report(
        case=case_b,
        by=office,
        summary=f"報告 {marker('B0', 'REPORT')}",
        assessment="",
        is_shared=True,
        results=[
            {
                "indicator": indicator,
                "value": "1200",
                "note": marker("B0", "NOTE"),
                "is_public": True,
            }
        ],
        **period,
    )
    unshared = monitoring.save_monitoring_report(
        case=case_b,
        by=office,
        summary=f"市の内部 {marker('B0', 'UNSHARED')}",
        assessment="",
        is_shared=False,
        **period,
    )
    action = monitoring.save_improvement_action(
        case=case_b,
        by=office,
        description=f"改善 {marker('B0', 'ACTION')}",
        owner_side=ImprovementAction.Owner.BUSINESS,
        owner_name="運営担当",
        due_on=TODAY() + datetime.timedelta(days=30),
        report=report,
    )
    record_meeting(
        case=case_b,
        by=office,
        kind=MeetingRecord.Kind.LIAISON,
        held_on=TODAY(),
        form=MeetingRecord.Form.ONLINE,
        city_attendees="共創推進室",
        business_attendees="運営担当",
        summary=f"連絡会 {marker('B0', 'MEETING')}",
        next_steps="",
        is_shared_with_proposer=True,
    )

    # An unrelated business with a case of its own, adopted; its open call is still a draft. ---
    case_u, _file_u = _proposal(
        world, "U0", member=unrelated, office=office, readers=("unrelated", "office")
    )
    case_u = advance(case_u, S.ADOPTED, by=office)
    draft_call(office=office, case=case_u, title=marker("U0", "DRAFTCALL"))

    # What each role must reach (200) among the URLs of each family. --------------------------
    everyone = set(world.roles)
    a_side = {"proposer", *city}
    b_side = {"other_proposer", *city}
    cand = {c.proposal_id: c.pk for c in (*candidates_a.values(), *candidates_b.values())}
    world.expected = {
        f"/proposals/{case_a.pk}/": a_side,
        f"/proposals/{case_a.pk}/files/{file_a.pk}/": a_side,
        f"/proposals/{case_a.pk}/agreement/": a_side,
        f"/proposals/{case_a.pk}/dialogue/": a_side,
        f"/proposals/{case_a.pk}/dialogue/files/{message_file.pk}/": a_side,
        f"/proposals/{app_1.pk}/": {"applicant_1", "office"},
        f"/proposals/{app_1.pk}/files/{file_1.pk}/": {"applicant_1", "office"},
        f"/proposals/{app_b.pk}/": {"applicant_2", "office"},
        f"/proposals/{case_b.pk}/": b_side,
        f"/proposals/{case_b.pk}/agreement/": b_side,
        f"/proposals/{case_b.pk}/agreement/documents/{document.pk}/": b_side,
        f"/proposals/{case_b.pk}/monitoring/": b_side,
        f"/proposals/{case_b.pk}/meetings/": b_side,
        f"/proposals/{case_u.pk}/files/{_file_u.pk}/": {"unrelated", "office"},
        f"/staff/cases/{case_a.pk}/": set(city),
        f"/staff/cases/{app_1.pk}/": {"office"},
        f"/staff/cases/{case_a.pk}/evaluation/": {"office"},
        f"/staff/cases/{case_a.pk}/call/": {"office"},
        f"/staff/cases/{case_b.pk}/publication/": {"office"},
        f"/staff/cases/{case_b.pk}/agreement/": set(city),
        f"/staff/cases/{case_b.pk}/monitoring/": set(city),
        f"/staff/cases/{case_b.pk}/monitoring/reports/{unshared.pk}/": set(city),
        f"/staff/cases/{case_b.pk}/monitoring/actions/{action.pk}/": set(city),
        f"/staff/evaluation/rounds/{round_a.pk}/": {"office"},
        f"/staff/evaluation/rounds/{round_b.pk}/results/": {"office"},
        f"/staff/evaluation/rounds/{round_b.pk}/results.csv": {"office"},
        f"/staff/evaluation/rounds/{round_b.pk}/results/print/": {"office"},
        f"/evaluation/rounds/{round_a.pk}/": {"evaluator_1", "evaluator_2"},
        f"/evaluation/rounds/{round_a.pk}/candidates/{cand[app_1.pk]}/": {
            "evaluator_1",
            "evaluator_2",
        },
        f"/evaluation/rounds/{round_a.pk}/candidates/{cand[app_2.pk]}/": {"evaluator_1"},
        f"/evaluation/rounds/{round_a.pk}/candidates/{cand[app_1.pk]}/files/{file_1.pk}/": {
            "evaluator_1",
            "evaluator_2",
        },
        f"/evaluation/rounds/{round_a.pk}/candidates/{cand[case_a.pk]}/files/{file_a.pk}/": {
            "evaluator_1",
            "evaluator_2",
        },
        f"/evaluation/rounds/{round_b.pk}/": {"other_evaluator"},
        f"/evaluation/rounds/{round_b.pk}/candidates/{cand[case_b.pk]}/": {"other_evaluator"},
        f"/admin/evaluation/round/{round_a.pk}/change/": {"office"},
        f"/admin/partnership/agreement/{agreement.pk}/change/": {"office"},
        f"/results/{publication.pk}/": everyone,
        f"/calls/{call_a.number}/": everyone,
        "/results/": everyone,
        "/calls/": everyone,
        "/statistics/": everyone,
    }
    world.named = {
        "round_a": f"/evaluation/rounds/{round_a.pk}/",
        "score_a1": f"/evaluation/rounds/{round_a.pk}/candidates/{cand[app_1.pk]}/",
        "document_b": f"/proposals/{case_b.pk}/agreement/documents/{document.pk}/",
    }
    # The right object under the wrong parent: every view scopes its object by the URL's.
    world.forged = {
        f"/evaluation/rounds/{round_a.pk}/candidates/{cand[case_b.pk]}/",
        f"/evaluation/rounds/{round_b.pk}/candidates/{cand[case_a.pk]}/",
        f"/evaluation/rounds/{round_a.pk}/candidates/{cand[app_1.pk]}/files/{file_a.pk}/",
        f"/evaluation/rounds/{round_a.pk}/candidates/{cand[app_1.pk]}/files/{file_b.pk}/",
        f"/evaluation/rounds/{round_a.pk}/candidates/{cand[app_2.pk]}/files/{file_2.pk}/x/",
        f"/proposals/{app_1.pk}/files/{file_a.pk}/",
        f"/proposals/{case_a.pk}/agreement/documents/{document.pk}/",
        f"/proposals/{app_b.pk}/agreement/documents/{document.pk}/",
        f"/proposals/{app_b.pk}/monitoring/",
        f"/proposals/{case_a.pk}/dialogue/files/{message_file.pk + 1000}/",
        f"/staff/cases/{app_b.pk}/agreement/",
        f"/staff/cases/{case_a.pk}/monitoring/reports/{report.pk}/",
        f"/staff/cases/{case_a.pk}/monitoring/actions/{action.pk}/",
        f"/staff/cases/{case_a.pk}/agreement/items/{item.pk}/",
        f"/staff/evaluation/rounds/{round_b.pk}/sheets/{sheet_a.pk}/reopen/",
    }
    # Who the candidates are: never on an evaluator page of an anonymised round.
    for case in (case_a, app_1, app_2, case_b, app_b):
        case.refresh_from_db()
        world.anonymous_strings += [case.reference, case.contact_name]
    for case in Proposal.objects.all():
        world.references[case.reference] = world.case_roles[case.pk]
    for stored in (file_a, file_1, file_2, file_b):
        world.anonymous_strings.append(stored.original_name)
    world.anonymous_strings = sorted(set(filter(None, world.anonymous_strings)))
    return world


# The rules ----------------------------------------------------------------------------------


def allowed_roles(world: World, url: str) -> set | None:
    """The roles a URL is for, if it belongs to someone; None for a public or personal page."""
    path = url.partition("?")[0]
    if found := CASE_URL.match(path):
        return world.case_roles[int(found.group(1))]
    if found := STAFF_CASE_URL.match(path):
        if OFFICE_CASE_URL.match(path):
            return {"office"}
        return world.staff_roles[int(found.group(1))]
    if OFFICE_URL.match(path):
        return {"office"}
    if found := EVALUATOR_URL.match(path):
        return world.round_roles.get(int(found.group(1)), set())
    if ISSUE6_ADMIN.match(path):
        return {"office"}
    return None


def refused(role: str, url: str, answer: Answer) -> bool:
    """Turned away: 403 or 404 (the admin: its login, or its index for a missing object);
    an anonymous visitor may be sent to the login page."""
    if answer.status in (403, 404):
        return True
    if url.startswith("/admin/"):
        return answer.status == 302 and answer.location in (*LOGIN_PATHS, "/admin/")
    return role == "anonymous" and answer.status == 302 and answer.location in LOGIN_PATHS


def check(world: World, answers: dict) -> tuple[list[str], Counter]:
    problems, refusals = [], Counter()
    for role, by_url in answers.items():
        for url, answer in by_url.items():
            if answer.status >= 500:
                problems.append(f"{role} {url}: server error {answer.status}")
            unreadable = sorted(
                {
                    f"LEAK-{subject}-{kind}"
                    for subject, kind in MARKER.findall(answer.text)
                    if not world.may_read(role, subject, kind)
                }
            )
            if unreadable:
                problems.append(f"{role} {url} ({answer.status}) shows {', '.join(unreadable)}")
            if url.startswith("/evaluation/"):  # the conflict page (403) too
                named = [text for text in world.anonymous_strings if text in answer.text]
                if named:
                    problems.append(f"{role} {url}: anonymised page names {', '.join(named)}")
            if url in world.forged:
                refusals[role] += 1
                if answer.status == 200 or answer.status >= 500:
                    problems.append(f"{role} {url} (forged): {answer.status}")
                continue
            allowed = allowed_roles(world, url)
            if allowed is None or role in allowed:
                continue
            refusals[role] += 1
            if not refused(role, url, answer):
                problems.append(
                    f"{role} {url} (for {sorted(allowed)}): {answer.status} {answer.location}"
                )
    for url, roles in world.expected.items():
        for role in roles:
            answer = answers[role][url]
            if answer.status != 200:
                problems.append(
                    f"{role} {url}: expected 200, got {answer.status} {answer.location}"
                )
    return problems, refusals


# The test -----------------------------------------------------------------------------------

BUSINESS_STARTS = ["/my/", "/organization/", "/calls/", "/results/"]
STAFF_STARTS = ["/staff/cases/", "/my/", "/calls/", "/results/"]
EVALUATOR_STARTS = ["/evaluation/", "/my/", "/calls/", "/results/"]
STARTS = {
    "anonymous": ["/", "/calls/", "/results/", "/statistics/"],
    "office": [*STAFF_STARTS, *ADMIN_STARTS],
    "department": [*STAFF_STARTS, *ADMIN_STARTS],
    "other_department": [*STAFF_STARTS, *ADMIN_STARTS],
    "evaluator_1": EVALUATOR_STARTS,
    "evaluator_2": EVALUATOR_STARTS,
    "other_evaluator": EVALUATOR_STARTS,
}


def mail_problems(world: World, outbox) -> list[str]:
    """Mail carries a link, never confidential content (no marker), and names a case (by its
    reference) only to those who may open it; an evaluator's mail names no candidate."""
    role_of = {user.email: role for role, user in world.roles.items() if user is not None}
    problems = []
    for message in outbox:
        text = "\n".join(
            [
                message.subject,
                message.body,
                *(str(alt[0]) for alt in getattr(message, "alternatives", ())),
            ]
        )
        markers = sorted({f"LEAK-{subject}-{kind}" for subject, kind in MARKER.findall(text)})
        if markers:
            problems.append(f"mail {message.subject!r} to {message.to} carries {markers}")
        for address in message.to:
            role = role_of.get(address)
            if role is None:
                continue
            for reference, roles in world.references.items():
                if reference in text and role not in roles:
                    problems.append(f"mail {message.subject!r} to {role} names {reference}")
            if "evaluator" in role:
                named = [name for name in world.anonymous_strings if name in text]
                if named:
                    problems.append(f"mail {message.subject!r} to {role} names {named}")
    return problems


def test_no_role_reaches_another_roles_call_application_round_agreement_or_monitoring(
    capsys, run_jobs
):
    started = time.monotonic()
    world = build_world()
    run_jobs()  # the mail goes out through the job engine
    built = time.monotonic() - started
    assert len(mail.outbox) >= 20
    assert not mail_problems(world, mail.outbox), mail_problems(world, mail.outbox)
    clients = {role: client_for(user) for role, user in world.roles.items()}

    crawled = {
        role: crawl(
            clients[role], STARTS.get(role, BUSINESS_STARTS), cap=CAP, first=FIRST, follow=follow
        )
        for role in world.roles
    }
    collected = {
        role: {url for url, answer in answers.items() if answer.status == 200}
        for role, answers in crawled.items()
    }
    every_url = set().union(*collected.values())
    answers = {role: dict(crawled[role]) for role in world.roles}
    for role in world.roles:
        for url in sorted(
            (every_url | world.expected.keys() | world.forged) - answers[role].keys()
        ):
            answers[role][url] = fetch(clients[role], url)

    problems, refusals = check(world, answers)

    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            "\nleak crawler (issue 6): "
            + ", ".join(
                f"{role} {len(collected[role])}/{len(crawled[role])}, {refusals[role]} refusals"
                for role in world.roles
            )
            + f"; {len(every_url)} URLs replayed as every role; world {built:.1f} s, "
            f"{elapsed:.1f} s in all"
        )
    assert not problems, "\n".join(problems)
    # The crawl found the pages by their links, as each role is shown them.
    missing = {
        url
        for url in world.expected
        if url not in every_url and not url.endswith((".csv", "/print/"))
    }
    assert not missing, sorted(missing)
    # Each role read what is theirs: the markers reached the pages they are for.
    own = {role: " ".join(answer.text for answer in answers[role].values()) for role in world.roles}
    for role, subject, kind in (
        ("proposer", "A0", "DIALOGUE"),
        ("proposer", "A0", "FILE"),
        ("applicant_1", "A1", "KNOWHOW"),
        ("applicant_2", "B2", "FILE"),
        ("other_proposer", "B0", "DOCUMENT"),
        ("other_proposer", "B0", "REPORT"),
        ("other_proposer", "B0", "MEETING"),
        ("department", "B0", "UNSHARED"),
        ("department", "A0", "INTERNAL"),
        ("office", "U0", "DRAFTCALL"),
        ("evaluator_1", "A2", "KNOWHOW"),
        ("evaluator_1", "EVA", "COMMENT"),
        ("other_evaluator", "B0", "KNOWHOW"),
        ("office", "EVO", "COMMENT"),
        ("anonymous", "DONE", "ORG"),
    ):
        assert marker(subject, kind) in own[role], (role, subject, kind)
    assert all(refusals[role] >= 10 for role in world.roles if role != "office"), refusals


def test_the_checker_does_report_a_leak(monkeypatch):
    """The harness works: with names shown in an anonymised round and the proposer pages'
    selector broken, the evaluator reads names and an applicant another's agreement document."""
    world = build_world()
    monkeypatch.setattr(
        "evaluation.views.evaluator.candidate_name",
        lambda candidate, round: f"{candidate.label} {candidate.proposal.organization.name}",
    )
    monkeypatch.setattr(
        "proposals.access.visible_proposals",
        lambda user: Proposal.objects.select_related("organization"),
    )
    monkeypatch.setattr("partnership.permissions.may_read_agreement", lambda case, user: True)
    evaluator = client_for(world.roles["evaluator_1"])
    applicant = client_for(world.roles["applicant_1"])
    answers = {
        "evaluator_1": {world.named["round_a"]: fetch(evaluator, world.named["round_a"])},
        "applicant_1": {world.named["document_b"]: fetch(applicant, world.named["document_b"])},
    }
    world.expected = {}

    problems, refusals = check(world, answers)

    assert refusals["applicant_1"] == 1
    assert any("anonymised page names" in p and "株式会社LEAK-PROP-ORG" in p for p in problems)
    assert any(p.startswith("evaluator_1") and "shows LEAK-" in p for p in problems), problems
    assert any("applicant_1" in p and "shows LEAK-B0-DOCUMENT" in p for p in problems), problems
    assert any(p.startswith(f"applicant_1 {world.named['document_b']} (for") for p in problems)
