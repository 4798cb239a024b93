"""A leak crawler across roles (DESIGN §5, issue 4 §6 and §8).

Each role signs in and follows every same-site link it is shown, from its usual start pages,
collecting the URLs that answer 200. Then every URL any role collected is replayed as every
other role, and anonymously. Two rules hold throughout:

- a URL that belongs to an organisation's case (its page, files, versions, steps, its admin
  pages, its organisation in the admin) answers a role outside the case with a refusal
  (404 on the portal, the login page for anonymous visitors, the admin's refusals in the
  admin), never with 200;
- no response ever carries the confidential text of an organisation the role may not see:
  the marker strings planted in titles, outlines, know-how, file names and the names of
  the organisations.

Office staff see everything (not a leak); department staff see only cases assigned to their
department, and the one here has none; a user without an organisation, an evaluator-like
plain user and an anonymous visitor see nothing.
"""

import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from accounts.models import Invitation
from citizens.services import publish, submit_suggestion
from mishima_kyoso.common.ids import decode_id, encode_id
from proposals.models import Proposal, ProposalAttachment
from proposals.services import assign_department, update_proposal
from tests.factories.accounts import (
    DepartmentFactory,
    DepartmentUserFactory,
    InvitationFactory,
    OrganizationFactory,
    VerifiedMemberFactory,
    VerifiedOfficeUserFactory,
    VerifiedUserFactory,
)
from tests.factories.cocreation_list import ThemeFactory
from tests.factories.proposals import ProposalFactory, attach
from tests.factories.soundings import (
    DialogueRecordFactory,
    RegistrationFactory,
    SoundingFactory,
)
from tests.scenarios import submit, withdraw

pytestmark = pytest.mark.django_db

ORGANIZATIONS = ("ALPHA", "BETA")
# A citizen's unmoderated suggestion and contact: the office's to read, nobody else's.
CITIZEN = "CITIZEN"
SECRET_KEYS = (*ORGANIZATIONS, CITIZEN)
CAP = 300  # URLs a role crawls at most
QUERIES_PER_PATH = 2  # filter and ordering links: a few variants of a list are enough
SKIP_PREFIXES = ("/accounts/logout/", "/admin/logout/", "/language/", "/static/", "/media/")
# Crawled first: where a case or an organisation shows up.
PRIORITY = re.compile(r"^/(my/|proposals/|organization/|admin/(proposals|accounts)/)")
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")

CASE_URL = re.compile(r"^/proposals/([A-Za-z0-9_-]{22})/")  # opaque ids (common/ids.py)
ADMIN_CASE_URL = re.compile(r"^/admin/proposals/proposal/(\d+)/")
ADMIN_ORGANIZATION_URL = re.compile(r"^/admin/accounts/organization/(\d+)/")
ADMIN_INVITATION_URL = re.compile(r"^/admin/accounts/invitation/(\d+)/")
INVITATION_URL = re.compile(r"^/organization/invitations/([^/]+)/")
ADMIN_SHORTCUT_URL = re.compile(r"^/admin/r/(\d+)/(\d+)/")
NOISE = {"_changelist_filters", "_popup", "_to_field"}


def marker(organization: str, kind: str, detail: str = "") -> str:
    """A distinctive string planted in confidential text: LEAK-ALPHA-TITLE-…"""
    return f"LEAK-{organization}-{kind}" + (f"-{detail}" if detail else "")


# The world ----------------------------------------------------------------------------------


@dataclass
class World:
    roles: dict  # role name → user (None: anonymous)
    entitled: dict  # role name → set of organisations it may see
    organization_pk: dict = field(default_factory=dict)  # organisation key → pk
    cases: dict = field(default_factory=dict)  # proposal pk → organisation key
    invitations: dict = field(default_factory=dict)  # token → organisation key


def build_world() -> World:
    office = VerifiedOfficeUserFactory(email="office@leak.example.jp")
    department = DepartmentFactory(name="環境政策課", code="kankyo")
    department_user = DepartmentUserFactory(department=department, email="kankyo@leak.example.jp")
    EmailAddress.objects.create(
        user=department_user, email=department_user.email, verified=True, primary=True
    )
    # The themes belong to the department user's own department: still no case of theirs.
    theme = ThemeFactory(title="公共施設予約のオンライン化", department=department)
    elsewhere = DepartmentFactory(name="デジタル推進課", code="digital")

    roles = {
        "office": office,
        "department": department_user,
        "no_organization": VerifiedUserFactory(email="loner@leak.example.jp"),
        "evaluator": VerifiedUserFactory(email="evaluator@leak.example.jp"),
        "anonymous": None,
    }
    entitled = {
        "office": set(SECRET_KEYS),
        "department": set(),
        "no_organization": set(),
        "evaluator": set(),
        "anonymous": set(),
    }
    world = World(roles=roles, entitled=entitled)

    for key in ORGANIZATIONS:
        organization = OrganizationFactory(name=f"株式会社{marker(key, 'ORG')}")
        member = VerifiedMemberFactory(
            email=f"{key.lower()}@leak.example.jp", organization=organization
        )
        VerifiedMemberFactory(email=f"{key.lower()}2@leak.example.jp", organization=organization)
        invitation = InvitationFactory(
            organization=organization, email=f"{key.lower()}-new@leak.example.jp", invited_by=member
        )
        roles[key.lower()] = member
        entitled[key.lower()] = {key}
        world.organization_pk[key] = organization.pk
        world.invitations[invitation.token] = key

        def case(name, know_how, key=key, organization=organization, member=member, **kwargs):
            return ProposalFactory(
                organization=organization,
                created_by=member,
                theme=theme,
                title=f"公共施設の予約 {marker(key, 'TITLE', name)}",
                outline=f"概要 {marker(key, 'OUTLINE', name)}",
                know_how=marker(key, "KNOWHOW", know_how),
                **kwargs,
            )

        submitted = case("submitted", "submitted", complete=True)
        attach(submitted, name=f"{marker(key, 'FILE', 'submitted')}.pdf")
        submit(submitted)

        draft = case("draft", "draft")
        attach(draft, name=f"{marker(key, 'FILE', 'draft')}.pdf")

        revised = submit(case("revised", "v1", complete=True))
        update_proposal(
            case=revised,
            by=member,
            note="対話を踏まえて更新",
            title=f"公共施設の予約 {marker(key, 'TITLE', 'revised-v2')}",
            know_how=marker(key, "KNOWHOW", "v2"),
        )

        withdrawn = submit(case("withdrawn", "withdrawn", complete=True))
        withdraw(withdrawn)

        for proposal in (submitted, draft, revised, withdrawn):
            world.cases[proposal.pk] = key

    # A published sounding both organisations registered for (sounding participants): their
    # contacts, written answers and the dialogue records are theirs and the office's alone.
    sounding = SoundingFactory(title="駅前広場の利活用に関するサウンディング")
    for key in ORGANIZATIONS:
        registration = RegistrationFactory(
            sounding=sounding,
            organization_id=world.organization_pk[key],
            registered_by=roles[key.lower()],
            contact_name=marker(key, "SOUNDINGCONTACT"),
            written_answers=marker(key, "SOUNDINGANSWER"),
        )
        DialogueRecordFactory(
            registration=registration, notes=marker(key, "DIALOGUE"), recorded_by=office
        )
    # Citizens: a suggestion waiting for moderation, and a published one whose author's
    # contact stays private.
    submit_suggestion(
        title=marker(CITIZEN, "PENDING"), body="未確認の提案", name=marker(CITIZEN, "NAME")
    )
    published = submit_suggestion(
        title="公園のトイレの改善",
        body="夜も使えるように",
        email="citizen@leak.example.jp",
        name=marker(CITIZEN, "AUTHOR"),
    )
    publish(published, by=office, reply="検討します。")

    # BETA's case is assigned to another department: a grant that must not reach kankyo.
    beta_case = Proposal.objects.get(title__contains=marker("BETA", "TITLE", "submitted"))
    assign_department(case=beta_case, department=elsewhere, by=office)
    return world


# The crawler --------------------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "href" and value:
                self.hrefs.append(value)


def same_site(base: str, href: str) -> str | None:
    """The path and query of a same-site link worth following; None for anything else."""
    parts = urlsplit(urljoin(f"http://testserver{base}", href.strip()))
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    if parts.path.startswith(SKIP_PREFIXES):
        return None
    # The admin carries the list's filters along to every page it links: the same page.
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in NOISE]
    )
    return parts.path + (f"?{query}" if query else "")


@dataclass
class Answer:
    status: int
    location: str  # the path a redirect goes to
    text: str  # the body as text, with the download's file name


def fetch(client: Client, url: str) -> Answer:
    response = client.get(url)
    # A download is read to its end, which closes it as a WSGI server would (a second close()
    # here would fire request_finished and close the test's database connection).
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", errors="replace")
    text += " " + unquote(response.get("Content-Disposition", ""))
    return Answer(response.status_code, urlsplit(response.get("Location", "")).path, text)


def crawl(
    client: Client, starts, *, cap=CAP, first=PRIORITY, follow=lambda url: True
) -> dict[str, Answer]:
    """Breadth first from the start pages, the URLs matching `first` (cases and organisations)
    first, only those `follow` accepts; GET only."""
    priority, normal = deque(), deque()
    queued, answers = set(), {}
    variants = Counter()

    def enqueue(url):
        if url is None or url in queued or not follow(url):
            return
        path, _, query = url.partition("?")
        if query:
            if variants[path] >= QUERIES_PER_PATH:
                return
            variants[path] += 1
        queued.add(url)
        (priority if first.match(url) else normal).append(url)

    for url in starts:
        enqueue(url)
    while (priority or normal) and len(answers) < cap:
        url = (priority or normal).popleft()
        answer = answers[url] = fetch(client, url)
        if answer.status == 200 and "<html" in answer.text[:500].lower():
            links = Links()
            links.feed(answer.text)
            for href in links.hrefs:
                enqueue(same_site(url, href))
        elif answer.status in (301, 302, 303, 307, 308) and answer.location:
            enqueue(same_site(url, answer.location))
    return answers


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _key(text: str) -> int:
    """A row's key in a URL: a number in the admin, an opaque token on the portal."""
    return int(text) if text.isdigit() else decode_id(text)


def owner_of(world: World, url: str) -> str | None:
    """The organisation a URL belongs to, if it is a case's or an organisation's."""
    path = url.partition("?")[0]
    for pattern in (CASE_URL, ADMIN_CASE_URL):
        found = pattern.match(path)
        if found:
            return world.cases.get(_key(found.group(1)))
    found = ADMIN_ORGANIZATION_URL.match(path)
    if found:
        by_pk = {pk: key for key, pk in world.organization_pk.items()}
        return by_pk.get(int(found.group(1)))
    found = ADMIN_INVITATION_URL.match(path)
    if found:
        invitation = Invitation.objects.filter(pk=int(found.group(1))).first()
        return world.invitations.get(invitation.token) if invitation else None
    found = INVITATION_URL.match(path)
    if found:
        return world.invitations.get(found.group(1))
    found = ADMIN_SHORTCUT_URL.match(path)  # the admin's "view on site"
    if found:
        model = ContentType.objects.get_for_id(int(found.group(1))).model_class()
        if model is Proposal:
            return world.cases.get(int(found.group(2)))
        if model is ProposalAttachment:
            attachment = ProposalAttachment.objects.filter(pk=int(found.group(2))).first()
            return world.cases.get(attachment.proposal_id) if attachment else None
    return None


def refused(role: str, url: str, answer: Answer) -> bool:
    """How a role outside a case is turned away: never with a 200."""
    if ADMIN_SHORTCUT_URL.match(url):
        # The admin's "view on site" jump, inside the admin's sign-in, serves public objects
        # only: for a case it is 404 to staff, so it does not even tell that a case number
        # exists; everyone else is sent to the admin's login, whatever the number.
        return answer.status == 404 or (answer.status == 302 and answer.location in LOGIN_PATHS)
    if url.startswith("/admin/"):
        # Django's admin: visitors and non-staff are sent to its login; staff without the
        # model permission get 403; staff with it, asking for an object outside their
        # queryset, go back to the admin index ("… doesn't exist", as for a missing one);
        # department staff are sent to their staff home (the admin is the office's).
        return answer.status in (403, 404) or (
            answer.status == 302 and answer.location in (*LOGIN_PATHS, "/admin/", "/staff/")
        )
    if role == "anonymous":
        return answer.status == 302 and answer.location in LOGIN_PATHS
    return answer.status == 404


def leaked_markers(world: World, role: str, text: str) -> list[str]:
    unseen = [key for key in SECRET_KEYS if key not in world.entitled[role]]
    if not unseen:
        return []
    pattern = "|".join(rf"LEAK-{key}-[A-Z]+(?:-[\w-]+)?" for key in unseen)
    return sorted(set(re.findall(pattern, text)))


def check(world: World, answers: dict) -> tuple[list[str], Counter]:
    """The problems found in {role: {url: answer}}, and how many refusals were checked."""
    problems, refusals = [], Counter()
    for role, by_url in answers.items():
        for url, answer in by_url.items():
            if answer.status >= 500:
                problems.append(f"{role} {url}: server error {answer.status}")
            leaks = leaked_markers(world, role, answer.text)
            if leaks:
                problems.append(f"{role} {url} ({answer.status}) shows {', '.join(leaks)}")
            owner = owner_of(world, url)
            if owner is None or owner in world.entitled[role]:
                continue
            refusals[role] += 1
            if not refused(role, url, answer):
                problems.append(f"{role} {url} of {owner}: {answer.status} {answer.location}")
    return problems, refusals


# The tests ----------------------------------------------------------------------------------

PUBLIC_STARTS = ["/themes/", "/soundings/", "/voice/suggestions/"]
STARTS = {
    "alpha": ["/my/", "/organization/", "/my/soundings/", *PUBLIC_STARTS],
    "beta": ["/my/", "/organization/", "/my/soundings/", *PUBLIC_STARTS],
    "office": ["/staff/", "/my/", "/organization/", "/admin/", *PUBLIC_STARTS],
    "department": ["/staff/", "/my/", "/organization/", "/admin/", *PUBLIC_STARTS],
    "no_organization": ["/my/", "/organization/", "/my/soundings/", *PUBLIC_STARTS],
    "evaluator": ["/my/", "/organization/", *PUBLIC_STARTS],
    "anonymous": ["/", "/free-proposals/", *PUBLIC_STARTS],
}


def test_no_role_reaches_another_organisations_case_or_reads_its_confidential_text(capsys):
    started = time.monotonic()
    world = build_world()
    clients = {role: client_for(user) for role, user in world.roles.items()}

    crawled = {role: crawl(clients[role], STARTS[role]) for role in world.roles}
    collected = {
        role: {url for url, answer in answers.items() if answer.status == 200}
        for role, answers in crawled.items()
    }
    every_url = set().union(*collected.values())
    # The admin's "view on site" links answer with a redirect, so no crawl collects them:
    # probe them too.
    proposal_type = ContentType.objects.get_for_model(Proposal).pk
    probes = {f"/admin/r/{proposal_type}/{pk}/" for pk in world.cases}
    # Replay: every URL any role collected, as every role that has not fetched it yet.
    answers = {role: dict(crawled[role]) for role in world.roles}
    for role in world.roles:
        for url in sorted((every_url | probes) - answers[role].keys()):
            answers[role][url] = fetch(clients[role], url)

    problems, refusals = check(world, answers)

    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            "\nleak crawler: "
            + ", ".join(
                f"{role} {len(collected[role])} URLs collected of {len(crawled[role])} crawled, "
                f"{refusals[role]} refusals checked"
                for role in world.roles
            )
            + f"; {len(every_url)} URLs replayed as every role; {elapsed:.1f} s"
        )
    assert not problems, "\n".join(problems)
    # The crawl reached what it had to: every case of both organisations with its file, its
    # second version and its admin pages; each member, and the office, read the markers.
    for key in ORGANIZATIONS:
        urls = {url for url in every_url if owner_of(world, url) == key}
        found = {_key(CASE_URL.match(url).group(1)) for url in urls if CASE_URL.match(url)}
        assert found == {pk for pk, owner in world.cases.items() if owner == key}, key
        for pattern in (r"^/proposals/[\w-]+/files/[\w-]+/$", r"^/proposals/[\w-]+/versions/2/$"):
            assert any(re.match(pattern, url) for url in urls), (key, pattern)
        assert any(ADMIN_CASE_URL.match(url) for url in urls), key
        assert any(ADMIN_ORGANIZATION_URL.match(url) for url in urls), key
        own = " ".join(answer.text for answer in crawled[key.lower()].values())
        for kind in ("TITLE", "OUTLINE", "KNOWHOW", "FILE", "ORG"):
            assert marker(key, kind) in own, (key, kind)
        for kind in ("SOUNDINGCONTACT", "SOUNDINGANSWER", "DIALOGUE"):  # a participant's own
            assert marker(key, kind) in own, (key, kind)
    office = " ".join(answer.text for answer in crawled["office"].values())
    assert all(marker(key, "KNOWHOW") in office for key in ORGANIZATIONS)
    assert all(marker(key, "DIALOGUE") in office for key in ORGANIZATIONS)
    assert marker(CITIZEN, "PENDING") in office and marker(CITIZEN, "NAME") in office
    assert not refusals["office"]
    assert all(refusals[role] >= 20 for role in world.roles if role != "office"), refusals


def test_the_checker_does_report_a_leak(monkeypatch):
    """The harness works: with a broken selector, another organisation's case is served."""
    world = build_world()
    monkeypatch.setattr(
        "proposals.access.visible_proposals",
        lambda user: Proposal.objects.select_related("organization", "theme", "field"),
    )
    alpha = client_for(world.roles["alpha"])
    betas = [pk for pk, owner in world.cases.items() if owner == "BETA"]

    urls = [f"/proposals/{encode_id(pk)}/" for pk in betas]
    answers = {"alpha": {url: fetch(alpha, url) for url in urls}}
    problems, refusals = check(world, answers)

    assert refusals["alpha"] == len(betas)
    assert any("shows LEAK-BETA-KNOWHOW" in problem for problem in problems), problems
    assert any(problem.endswith("of BETA: 200 ") for problem in problems), problems
