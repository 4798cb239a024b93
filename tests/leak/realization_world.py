"""The world of the leak crawler for stages 2–4 (issue 6; tests/leak/test_realization_crawler.py),
built through the services and the workflow:

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

Confidential text carries markers (LEAK-<subject>-<kind>); the world says who may read each
subject, which roles each URL is for (200) and which URLs are forged (nobody gets 200).
"""

import datetime
import re
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.utils import timezone

from dialogue.models import MeetingRecord, MessageAttachment
from dialogue.services import post_message, record_meeting
from evaluation import services as evaluation
from evaluation.models import Round
from mishima_kyoso.common.ids import encode_id
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

S = Proposal.Status
TODAY = timezone.localdate
MARKER = re.compile(r"LEAK-([A-Z0-9]+)-([A-Z]+)")
# What an evaluator reads of a candidate they may score: its content, never who it is.
CONTENT_KINDS = {"TITLE", "OUTLINE", "KNOWHOW"}
# What only the city's side of a case reads: internal notes, reports not shared, a draft call.
CITY_KINDS = {"INTERNAL", "UNSHARED", "DRAFTCALL"}


def marker(subject: str, kind: str) -> str:
    return f"LEAK-{subject}-{kind}"


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


PRIVATE_PATH = re.compile(r"^/(proposals|staff/cases|evaluation/rounds|staff/evaluation/rounds)/")


def opaque(path: str) -> str:
    """A private URL as the portal writes it: the rows' keys as opaque tokens, a version's
    number within its case as it is; public pages unchanged."""
    if not PRIVATE_PATH.match(path):
        return path
    return re.sub(
        r"(?<!versions)/(\d+)(?=/|$)", lambda found: "/" + encode_id(int(found.group(1))), path
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
        f"/proposals/{app_1.pk}/files/{file_1.pk}/": {
            "applicant_1",
            "office",
        },
        f"/proposals/{app_b.pk}/": {"applicant_2", "office"},
        f"/proposals/{case_b.pk}/": b_side,
        f"/proposals/{case_b.pk}/agreement/": b_side,
        f"/proposals/{case_b.pk}/agreement/documents/{document.pk}/": b_side,
        f"/proposals/{case_b.pk}/monitoring/": b_side,
        f"/proposals/{case_b.pk}/meetings/": b_side,
        f"/proposals/{case_u.pk}/files/{_file_u.pk}/": {
            "unrelated",
            "office",
        },
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
    # The portal writes its private URLs with opaque tokens (common/ids.py).
    world.expected = {opaque(url): roles for url, roles in world.expected.items()}
    world.named = {name: opaque(url) for name, url in world.named.items()}
    world.forged = {opaque(url) for url in world.forged}
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
