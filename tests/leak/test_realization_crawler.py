"""The leak crawler for stages 2–4 (issue 6): open calls, applications, evaluation rounds,
decisions and their publication, agreements and monitoring (DESIGN §5, 共創指針 原則3).

The world (tests/leak/realization_world.py): two cases through an open call, applications,
selection rounds, a decision published, an agreement signed and monitoring; an unrelated
business with a draft call.

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

import re
import time
from collections import Counter

import pytest
from django.core import mail

from mishima_kyoso.common.ids import decode_id
from proposals.models import Proposal
from tests.leak.realization_world import MARKER, World, build_world, marker
from tests.test_leak_crawler import LOGIN_PATHS, Answer, client_for, crawl, fetch

pytestmark = pytest.mark.django_db

CAP = 220  # URLs a role crawls at most

CASE_URL = re.compile(r"^/proposals/([A-Za-z0-9_-]{22})/")  # opaque ids (common/ids.py)
STAFF_CASE_URL = re.compile(r"^/staff/cases/([A-Za-z0-9_-]{22})/")
# The office's pages of a case (round management, publication, the call, the agreement's
# drafting); the departments in charge read the case, the agreement and monitoring only.
OFFICE_CASE_URL = re.compile(
    r"^/staff/cases/[\w-]+/(evaluation|publication|call|agreement/(items|documents|sign))/"
)
OFFICE_URL = re.compile(r"^/staff/evaluation/")
EVALUATOR_URL = re.compile(r"^/evaluation/rounds/([A-Za-z0-9_-]{22})/")
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


# The rules ------------------------------------------------------------------------------------


def allowed_roles(world: World, url: str) -> set | None:
    """The roles a URL is for, if it belongs to someone; None for a public or personal page."""
    path = url.partition("?")[0]
    if found := CASE_URL.match(path):
        return world.case_roles[decode_id(found.group(1))]
    if found := STAFF_CASE_URL.match(path):
        if OFFICE_CASE_URL.match(path):
            return {"office"}
        return world.staff_roles[decode_id(found.group(1))]
    if OFFICE_URL.match(path):
        return {"office"}
    if found := EVALUATOR_URL.match(path):
        return world.round_roles.get(decode_id(found.group(1)), set())
    if ISSUE6_ADMIN.match(path):
        return {"office"}
    return None


def refused(role: str, url: str, answer: Answer) -> bool:
    """Turned away: 403 or 404 (the admin: its login, or its index for a missing object);
    an anonymous visitor may be sent to the login page."""
    if answer.status in (403, 404):
        return True
    if url.startswith("/admin/"):
        return answer.status == 302 and answer.location in (*LOGIN_PATHS, "/admin/", "/staff/")
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


# The test -------------------------------------------------------------------------------------


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
