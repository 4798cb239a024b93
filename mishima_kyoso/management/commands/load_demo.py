"""Load demo content for Mishima City: departments, one account per role, a co-creation list,
two businesses with their members and proposals, and the cases the city has worked on: one in
every state of the workflow, with departments in charge, dialogue, internal notes, meeting
records, shared goals and deadlines met, pending and overdue.

For development and demonstrations only. It refuses to run unless DEBUG is on, because every
demo account gets the same published password. Running it again changes nothing; dates are
counted from today, so the list never goes stale (a run on a later day moves the dates along).

Organisations, invitations, proposals and every later step are made through the services and
the workflow, as businesses and staff make them on the site: nothing here sets a status, a
reference number or a deadline by hand. Only the dates of those steps are moved back to the days
the stories tell (see Backdating), so the cases read like months of work.
"""

import dataclasses
import datetime
import io
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.jp import cn as corporate_number

from accounts.models import Department, Organization, User
from accounts.roles import DEPARTMENT_STAFF, OFFICE_STAFF
from accounts.services import (
    accept_invitation,
    create_organization,
    has_organization,
    invite_member,
    organization_of,
)
from cocreation_list.models import Field, Theme, ThemeAttachment, ThemeQuestion
from cocreation_list.services import close_theme, publish_theme
from dialogue.models import MeetingRecord, Message
from dialogue.services import mark_read, post_message, record_meeting
from evaluation.models import (
    ConflictDeclaration,
    CriteriaSet,
    EvaluatorAssignment,
    Round,
    RoundEvent,
    ScoreSheet,
)
from evaluation.services import (
    assign_evaluator,
    close_round,
    create_round,
    decide_adoption,
    decide_selection,
    declare_conflicts,
    open_round,
    save_sheet,
)
from outbox.services import held
from outcomes.models import PublishedDecision
from outcomes.services import publish_decision
from proposals import deadlines
from proposals.agreements import save_agreement, save_role_risk_item, sign_agreement
from proposals.business_days import add_business_days, is_business_day
from proposals.calls import publish_call, save_call
from proposals.fiscal import fiscal_year
from proposals.models import (
    Agreement,
    Assignment,
    ImprovementAction,
    Indicator,
    MonitoringReport,
    OpenCall,
    Opportunity,
    PPPMethod,
    Proposal,
    ProposalAttachment,
    ProposalTransition,
    ProposalVersion,
    ReadMark,
    RoleRiskItem,
    SharedGoal,
)
from proposals.monitoring import save_improvement_action, save_monitoring_report
from proposals.services import (
    add_attachment,
    assign_department,
    create_application,
    create_free_proposal,
    create_theme_proposal,
    save_goal,
    update_proposal,
)
from proposals.workflow import A, transition

# Published on purpose: the command refuses to run without DEBUG.
DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105
MAIL_DOMAIN = "city.mishima.example.jp"

DRAFT, PUBLISHED, CLOSED = Theme.Status.DRAFT, Theme.Status.PUBLISHED, Theme.Status.CLOSED


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str  # office / department / evaluator / business
    is_staff: bool = False
    group: str | None = None
    department: str | None = None  # Department.code


@dataclass(frozen=True)
class DemoQuestion:
    asked_ago: int  # days before today
    question: str
    answer: str = ""  # empty: not answered yet, so not public


@dataclass(frozen=True)
class DemoAttachment:
    title: str
    file_name: str  # kept as the attachment's original_name
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class DemoTheme:
    title: str  # the stable key: a second run finds the theme by its title
    department: str  # Department.code
    fields: tuple[str, ...]  # Field.code
    status: str
    background: str
    wanted: str
    business_role: str
    city_offer: str
    conditions: str
    opens: int | None = None  # days from today
    closes: int | None = None  # days from today
    year_round: bool = False
    published_ago: int = 0  # days before today the theme went public
    questions: tuple[DemoQuestion, ...] = ()
    attachment: DemoAttachment | None = None


@dataclass(frozen=True)
class DemoOrganization:
    """A business registered by one demo account, as on the registration page."""

    founder: str  # e-mail of the demo account that registers it
    details: dict  # the fields of the registration form
    colleagues: tuple[str, ...] = ()  # demo accounts who join by accepting an invitation
    invited: tuple[str, ...] = ()  # addresses invited who have not answered yet


@dataclass(frozen=True)
class DemoFile:
    name: str  # kept as the attachment's original_name
    heading: str  # PDF: the heading; XLSX: the sheet's name
    lines: tuple = ()  # PDF: lines of text; XLSX: rows of cells (str, int or "=FORMULA")

    def content(self) -> bytes:
        if self.name.endswith(".xlsx"):
            return demo_xlsx(self.heading, self.lines)
        return demo_pdf(self.heading, self.lines)


# Who takes the steps of the stories below (demo accounts, ACCOUNTS).
OFFICE, KANKYO, KOSODATE = "office@example.jp", "kankyo@example.jp", "kosodate@example.jp"
BIZ_A, BIZ_A2, BIZ_B = "biz-a@example.jp", "biz-a2@example.jp", "biz-b@example.jp"
BIZ_C, BIZ_D = "biz-c@example.jp", "biz-d@example.jp"  # applicants to the open calls
EVALUATOR, EVALUATOR2 = "evaluator@example.jp", "evaluator2@example.jp"

# The steps of a case's story after its submission, each taken through a service or the
# workflow by the account named. `ago` is the day it happened, in business days before today
# (0: today, at the moment the demo is loaded); `hour` the time of day. A story lists its steps
# in the order they happened (load_proposals checks it).


@dataclass(frozen=True)
class Assign:
    """The office puts a department in charge of the case (担当課の割当)."""

    ago: int
    department: str  # Department.code
    by: str = OFFICE
    hour: int = 9


@dataclass(frozen=True)
class Move:
    """A step of the workflow (proposals.workflow.transition), by the office unless `by`."""

    ago: int
    action: str
    reason: str = ""
    public_reason: str = ""
    details: dict = dataclasses.field(default_factory=dict)  # adoption: PPP method, opportunity
    by: str = OFFICE
    hour: int = 16


@dataclass(frozen=True)
class Say:
    """A message of the dialogue, or (`internal`) a note of the city the proposer never sees."""

    ago: int
    by: str
    body: str
    internal: bool = False
    files: tuple[DemoFile, ...] = ()
    hour: int = 11


@dataclass(frozen=True)
class Meet:
    """A meeting record kept by the city (対話 or 連絡会), held that day; shared or internal."""

    ago: int
    by: str
    city_attendees: str
    business_attendees: str
    summary: str
    next_steps: str = ""
    kind: str = MeetingRecord.Kind.DIALOGUE
    form: str = MeetingRecord.Form.IN_PERSON
    shared: bool = True
    hour: int = 17


@dataclass(frozen=True)
class KPI:
    """An indicator of a shared goal; its target date is the end of a fiscal year."""

    name: str
    unit: str
    baseline: str
    target: str
    years: int = 0  # 0: the end of the current fiscal year, 1: of the next one


@dataclass(frozen=True)
class Goal:
    """A shared goal (目標共有) along one of the four viewpoints, with its indicators."""

    ago: int
    by: str
    viewpoint: str  # SharedGoal.Viewpoint
    description: str
    indicators: tuple[KPI, ...] = ()
    agreed: bool = True  # agreed with the proposer that day; False: still being discussed
    hour: int = 15


@dataclass(frozen=True)
class Revise:
    """The proposer revises the submitted content: a new version with its note."""

    ago: int
    changes: dict
    note: str
    hour: int = 10


@dataclass(frozen=True)
class Read:
    """Someone opens the case's dialogue: what came before is read, what comes after unread."""

    ago: int
    by: str
    hour: int = 13


@dataclass(frozen=True)
class Call:
    """The office writes and publishes the open call (公募) of an adopted case; applications
    are taken for `days` days from that day."""

    ago: int
    title: str
    summary: str
    conditions: str
    days: int
    contact: str = ""
    by: str = OFFICE
    hour: int = 10


@dataclass(frozen=True)
class Apply:
    """Another business applies to the case's open call through the intake (drafted, filled
    in, submitted); the applicant never sees the original proposal."""

    ago: int
    owner: str
    title: str
    outline: str
    content: dict
    hour: int = 15


@dataclass(frozen=True)
class Evaluate:
    """An evaluation round run to its decision: created with the default criteria set,
    evaluators assigned, opened, conflicts declared, sheets scored and submitted, closed,
    decided. `scores` gives each evaluator's points per candidate (the candidate named by the
    e-mail of the member who wrote its case), in the order of the criteria."""

    ago: int
    kind: str  # Round.Kind
    title: str
    evaluators: tuple[str, ...]
    scores: dict  # {evaluator: {candidate owner: (points, …)}}
    reason: str
    public_reason: str
    conflicts: tuple[tuple[str, str, str], ...] = ()  # (evaluator, candidate owner, note)
    selected: str = ""  # a selection: the candidate owner selected
    details: dict = dataclasses.field(default_factory=dict)  # an adoption review: PPP method…
    by: str = OFFICE
    hour: int = 15


@dataclass(frozen=True)
class Sign:
    """The agreement with its role and risk table, signed that day (協定の締結)."""

    ago: int
    title: str
    months: int  # the term, from `starts_in` days after signing
    items: tuple[tuple[str, str, str, str], ...]  # (item, city's role, business's role, bearer)
    incentives: str = ""
    starts_in: int = 1
    by: str = OFFICE
    hour: int = 16


@dataclass(frozen=True)
class Report:
    """A monitoring report of the months before that day, with the indicators' results and
    improvement actions (description, owner side, person in charge, due in days)."""

    ago: int
    by: str
    months: int
    summary: str
    assessment: str
    results: tuple[tuple[str, str, bool], ...]  # (indicator name, value, published)
    actions: tuple[tuple[str, str, str, int], ...] = ()
    hour: int = 16


@dataclass(frozen=True)
class Publish:
    """The office publishes a decision of the case (the last step with `action`)."""

    ago: int
    action: str
    disclose: bool | None = None  # the proposer's name and outline; None: their consent
    names: bool = False  # a selection: the candidates named, or shown as A, B, C
    by: str = OFFICE
    hour: int = 17


@dataclass(frozen=True)
class DemoProposal:
    """A proposal and what happened to it: created, filled in, files, submitted, then its
    story, in that order, through the services and the workflow."""

    owner: str  # e-mail of the member who creates it (and takes every step)
    title: str  # the stable key: a second run finds the proposal by its organisation and title
    outline: str
    theme: str | None = None  # Theme.title: theme-based (テーマ提示型)
    field: str | None = None  # Field.code: free (自由提案型)
    department: str | None = None  # Department.code the business has in mind (free only)
    intent: str = Proposal.Intent.PROPOSAL
    content: dict = dataclasses.field(default_factory=dict)  # the other sections
    files: tuple[DemoFile, ...] = ()
    submit: bool = False
    received_ago: int = 0  # business days before today it was received (submitted)
    story: tuple = ()  # Assign, Move, Say, Meet, Goal, Revise, Read: what happened next


def prose(text: str) -> str:
    """Join Japanese text wrapped to fit the source: wrapped lines join without a space.

    A blank line separates paragraphs; a line starting with ・ starts a list item.
    """
    paragraphs, lines = [], []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line:
            if lines:
                paragraphs.append("\n".join(lines))
            lines = []
        elif lines and not line.startswith("・"):
            lines[-1] += line
        else:
            lines.append(line)
    if lines:
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


# (code, name, phone). 共創推進室, the one intake window for every proposal, is part of 政策企画課.
DEPARTMENTS = (
    ("seisaku", "政策企画課", "055-983-2601"),
    ("digital", "デジタル推進課", "055-983-2612"),
    ("kanzai", "管財課", "055-983-2623"),
    ("kiki", "危機管理課", "055-983-2634"),
    ("kankyo", "環境政策課", "055-983-2645"),
    ("haikibutsu", "廃棄物対策課", "055-983-2656"),
    ("mizumidori", "水と緑の課", "055-983-2667"),
    ("kosodate", "子育て支援課", "055-983-2678"),
    ("kenko", "健康づくり課", "055-983-2689"),
    ("choju", "長寿介護課", "055-983-2690"),
    ("shoko", "商工観光課", "055-985-2701"),
    ("nosei", "農政課", "055-985-2712"),
    ("toshi-keikaku", "都市計画課", "055-985-2723"),
    ("gakko", "学校教育課", "055-986-2734"),
    ("rakujuen", "楽寿園", "055-981-2745"),
)

ACCOUNTS = (
    DemoAccount(
        "office@example.jp", "共創推進室 デモ職員", "office", is_staff=True, group=OFFICE_STAFF
    ),
    DemoAccount(
        "kankyo@example.jp",
        "環境政策課 デモ職員",
        "department",
        is_staff=True,
        group=DEPARTMENT_STAFF,
        department="kankyo",
    ),
    DemoAccount(
        "kosodate@example.jp",
        "子育て支援課 デモ職員",
        "department",
        is_staff=True,
        group=DEPARTMENT_STAFF,
        department="kosodate",
    ),
    # External evaluators (選定委員): plain accounts, who see only the rounds assigned to them.
    DemoAccount(EVALUATOR, "デモ選定委員", "evaluator"),
    DemoAccount(EVALUATOR2, "デモ選定委員2", "evaluator"),
    # Businesses: each registers its organisation (ORGANIZATIONS below); biz-a2 joins A by
    # accepting biz-a's invitation.
    DemoAccount("biz-a@example.jp", "デモ事業者A 担当者", "business"),
    DemoAccount("biz-a2@example.jp", "デモ事業者A 担当者2", "business"),
    DemoAccount("biz-b@example.jp", "デモ事業者B 担当者", "business"),
    DemoAccount(BIZ_C, "デモ事業者C 担当者", "business"),
    DemoAccount(BIZ_D, "デモ事業者D 担当者", "business"),
)


class Command(BaseCommand):
    @property
    def help(self):  # read when the help is printed: argparse needs a str, not a lazy string
        return _(
            "Load demo content for Mishima City (departments, demo accounts, co-creation themes, "
            "two businesses with their proposals). Development only: needs DEBUG on."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "load_demo only runs with DEBUG on: "
                    "it creates accounts with a published password."
                )
            )
        stored = []  # the files this run writes: removed again if the run fails
        try:
            # The stories' receipts and notices are recorded as held (outbox): the worker
            # beside the demo never sends them (EMAIL_URL may even point at a real server).
            with held(), transaction.atomic():
                departments = load_departments()
                accounts = load_accounts(departments)
                office = accounts["office@example.jp"][0]  # publishes and closes the themes
                load_themes(departments, by=office)
                organizations = load_organizations(accounts)
                load_proposals(departments, stored=stored)
        except BaseException:
            # The rows are rolled back; the files written meanwhile go with them.
            for storage, name in stored:
                storage.delete(name)
            raise
        if options["verbosity"] >= 1:
            self.report(departments, accounts, organizations)

    def report(self, departments, accounts, organizations):
        public = sum(1 for theme in THEMES if theme.status != DRAFT)
        self.stdout.write(
            _(
                "Demo data loaded: %(departments)d departments, %(themes)d themes "
                "(%(public)d public, %(drafts)d drafts), %(accounts)d demo accounts."
            )
            % {
                "departments": len(departments),
                "themes": len(THEMES),
                "public": public,
                "drafts": len(THEMES) - public,
                "accounts": len(accounts),
            }
        )
        for organization in organizations:
            counts = Counter(organization.proposals.values_list("status", flat=True))
            self.stdout.write(
                _("%(organization)s: %(members)d members, proposals: %(proposals)s")
                % {
                    "organization": organization.name,
                    "members": organization.memberships.count(),
                    "proposals": ", ".join(
                        f"{label} {counts[status]}"
                        for status, label in Proposal.Status.choices
                        if counts[status]
                    )
                    or "-",
                }
            )
        counts = Counter(Proposal.objects.values_list("status", flat=True))
        self.stdout.write(
            _("Cases by status: %(statuses)s")
            % {
                "statuses": ", ".join(
                    f"{label} {counts[status]}"
                    for status, label in Proposal.Status.choices
                    if counts[status]
                )
            }
        )
        overdue = Proposal.objects.filter(next_due_on__lt=timezone.localdate()).count()
        self.stdout.write(_("Cases past their next deadline: %(count)d") % {"count": overdue})
        self.stdout.write("")
        self.stdout.write(_("Demo accounts, for demonstrations only (never on a public server):"))
        width = max(len(account.email) for account in ACCOUNTS) + 2
        for account in ACCOUNTS:
            user = accounts[account.email][0]
            self.stdout.write(f"  {account.email.ljust(width)}{role_label(account, user)}")
        self.stdout.write(
            _("Password of every demo account: %(password)s") % {"password": DEMO_PASSWORD}
        )
        if any(not created for _user, created in accounts.values()):
            self.stdout.write(_("Accounts that existed before this run keep their own password."))


def role_label(account: DemoAccount, user: User) -> str:
    if account.role == "office":
        return _("Co-creation office staff")
    if account.role == "department":
        return _("Department staff: %(department)s") % {"department": user.department.name}
    if account.role == "evaluator":
        return _("Evaluator")
    organization = organization_of(user)
    if organization is not None:
        return _("Business user: %(organization)s") % {"organization": organization.name}
    return _("Business user")


def upsert(model, lookup: dict, **values):
    """Like update_or_create, but saves only when a value differs: a second run writes nothing."""
    instance = model.objects.filter(**lookup).order_by("pk").first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.save()
        return instance, True
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save()
    return instance, False


def load_departments() -> dict[str, Department]:
    departments = {}
    for order, (code, name, phone) in enumerate(DEPARTMENTS, start=1):
        departments[code] = upsert(
            Department,
            {"code": code},
            name=name,
            phone=phone,
            email=f"{code}@{MAIL_DOMAIN}",
            sort_order=order * 10,
        )[0]
    return departments


def load_accounts(departments) -> dict[str, tuple[User, bool]]:
    """The demo accounts by e-mail, with whether this run created them."""
    accounts = {}
    for account in ACCOUNTS:
        values = {
            "full_name": account.full_name,
            "is_staff": account.is_staff,
            "is_active": True,
            "department": departments[account.department] if account.department else None,
        }
        user = User.objects.filter(email__iexact=account.email).first()
        created = user is None
        if created:
            user = User.objects.create_user(account.email, DEMO_PASSWORD, **values)
        else:
            # The password is set only on creation: whoever changed it keeps theirs.
            changed = [name for name, value in values.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, values[name])
            if changed:
                user.save(update_fields=changed)
        if account.group:
            user.groups.add(Group.objects.get(name=account.group))
        verify_email(user)
        accounts[account.email] = (user, created)
    return accounts


def verify_email(user: User) -> None:
    """A verified primary address in allauth: with mandatory verification, a demo account
    signs in at once instead of waiting for a confirmation mail nobody receives."""
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is not None and address.verified and address.primary:
        return
    # One primary address per user: an earlier primary (changed by hand) steps aside.
    EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=user.email).update(
        primary=False
    )
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    else:
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])


def load_themes(departments, *, by) -> None:
    today, now = timezone.localdate(), timezone.now()
    fields = {field.code: field for field in Field.objects.all()}

    def day(offset):
        return None if offset is None else today + datetime.timedelta(days=offset)

    def at(date, hour):
        moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))
        return min(moment, now)

    for spec in THEMES:
        theme, created = upsert(
            Theme,
            {"title": spec.title},
            department=departments[spec.department],
            background=spec.background,
            wanted=spec.wanted,
            business_role=spec.business_role,
            city_offer=spec.city_offer,
            conditions=spec.conditions,
            is_year_round=spec.year_round,
            accepts_from=day(spec.opens),
            accepts_until=day(spec.closes),
        )
        theme.fields.set([fields[code] for code in spec.fields])

        # Status only moves forward (draft → published → closed), through the services, so a
        # second run does not publish again and published_at stays as it was.
        if spec.status != DRAFT and theme.status == DRAFT:
            # publish_theme keeps a published_at already set (as a reopened theme keeps its
            # date); dating it back makes the list read like one built up over months.
            theme.published_at = at(day(-spec.published_ago), 9)
            theme.save(update_fields=["published_at"])
            theme = publish_theme(theme=theme, by=by)
        if spec.status == CLOSED and theme.status == PUBLISHED:
            theme = close_theme(theme=theme, by=by)

        for item in spec.questions:
            asked_on = day(-item.asked_ago)
            ThemeQuestion.objects.get_or_create(
                theme=theme,
                question=item.question,
                defaults={
                    "answer": item.answer,
                    "asked_on": asked_on,
                    # Answered two days after the question, as the office would.
                    "answered_at": at(asked_on + datetime.timedelta(days=2), 17)
                    if item.answer
                    else None,
                },
            )

        attachment = spec.attachment
        if attachment and not theme.attachments.filter(title=attachment.title).exists():
            content = demo_pdf(attachment.heading, attachment.lines)
            # ThemeAttachment.save() keeps the Japanese file name as original_name; the
            # stored name is random.
            ThemeAttachment(
                theme=theme,
                title=attachment.title,
                file=ContentFile(content, name=attachment.file_name),
            ).save()


def demo_pdf(heading: str, lines: tuple[str, ...]) -> bytes:
    """A one-page PDF 1.4 with Japanese text, written by hand (no PDF library for a demo file).

    The Japanese font is HeiseiKakuGo-W5 with the UniJIS-UCS2-H CMap, one of the standard
    Adobe-Japan1 fonts that PDF readers supply themselves, so nothing is embedded. Text is
    UTF-16BE; keep it to the Basic Multilingual Plane and to full-width digits.
    """

    def show(text):
        return "<" + text.encode("utf-16-be").hex().upper() + "> Tj"

    notice = "※デモ用に作成した資料です。実際の統計や調査の結果ではありません。"
    operations = ["BT", "/F1 16 Tf", "56 770 Td", show(heading), "/F1 10.5 Tf"]
    for line in (*lines, "", notice):
        operations += ["0 -24 Td", show(line) if line else ""]
    operations += ["/F2 9 Tf", "0 -36 Td", "(Mishima City - demo document, not real data) Tj", "ET"]
    stream = "\n".join(op for op in operations if op).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5"
        b" /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >>"
        b" /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4"
        b" /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120"
        b" /CapHeight 700 /StemV 93 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(pdf)


def demo_xlsx(sheet: str, rows: tuple) -> bytes:
    """A one-sheet Excel workbook (Office Open XML), written with zipfile.

    The smallest package Excel and LibreOffice open: content types, the package and workbook
    relationships, the workbook, the styles and one worksheet. Text is stored inline; a
    cell starting with "=" is a formula (its value is left for the spreadsheet to compute);
    numbers use a thousands separator. Entries carry a fixed date, so the bytes depend only
    on the content.
    """
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"

    def column(index):
        name = ""
        index += 1
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        return name

    def cell(reference, value):
        if isinstance(value, int):
            return f'<c r="{reference}" s="1"><v>{value}</v></c>'
        if value.startswith("="):
            return f'<c r="{reference}" s="1"><f>{escape(value[1:])}</f></c>'
        return f'<c r="{reference}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    sheet_rows = "".join(
        f'<row r="{number}">'
        + "".join(
            cell(f"{column(index)}{number}", value)
            for index, value in enumerate(values)
            if value != ""
        )
        + "</row>"
        for number, values in enumerate(rows, start=1)
    )
    width = max(len(values) for values in rows)
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relationships}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{relationships}">'
            f'<sheets><sheet name={quoteattr(sheet)} sheetId="1" r:id="rId1"/></sheets>'
            '<calcPr fullCalcOnLoad="1"/></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relationships}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{relationships}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{main}">'
            '<fonts count="1"><font><sz val="11"/><name val="Yu Gothic"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellStyleXfs>"
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" '
            'applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}">'
            f'<cols><col min="1" max="1" width="40" customWidth="1"/>'
            f'<col min="2" max="{width}" width="16" customWidth="1"/></cols>'
            f"<sheetData>{sheet_rows}</sheetData></worksheet>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            entry = zipfile.ZipInfo(name, date_time=(2026, 4, 1, 9, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(
                entry, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml
            )
    return buffer.getvalue()


def load_organizations(accounts) -> list[Organization]:
    """Each business registers itself (its group comes with it), invites colleagues, who
    accept; a second run finds the founder's organisation and adds nothing."""
    organizations = []
    for spec in ORGANIZATIONS:
        founder = accounts[spec.founder][0]
        organization = organization_of(founder)
        if organization is None:
            organization = create_organization(by=founder, **spec.details)
        for email in spec.colleagues:
            colleague = accounts[email][0]
            if not has_organization(colleague):
                invitation = invite_member(organization=organization, by=founder, email=email)
                accept_invitation(token=invitation.token, user=colleague)
        for email in spec.invited:
            waiting = organization.invitations.filter(
                email=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
            ).exists()
            joined = organization.memberships.filter(user__email__iexact=email).exists()
            if not (waiting or joined):
                invite_member(organization=organization, by=founder, email=email)
        organizations.append(organization)
    return organizations


def load_proposals(departments, *, stored: list) -> None:
    """The businesses' proposals, each through the steps a member takes on the site, then
    what the city and the business did with it (its story), through the services and the
    workflow, each step dated back to its day (see Backdating).

    A proposal already there (same organisation, same title) is left as it is, whatever
    happened to it since: the demo never moves a case back or forward by itself.
    """
    fields = {item.code: item for item in Field.objects.all()}
    users = {
        user.email: user
        for user in User.objects.filter(
            email__in=[account.email for account in ACCOUNTS]
        ).select_related("membership__organization", "department")
    }
    # Oldest receipt first: reference numbers follow the dates of receipt.
    for spec in sorted(PROPOSALS, key=lambda item: -item.received_ago):
        owner = users[spec.owner]
        if owner.membership.organization.proposals.filter(title=spec.title).exists():
            continue
        check_story(spec)
        clock = Backdating()
        prepared_ago = spec.received_ago + 2 if spec.received_ago else 0
        case = clock.take(
            None,
            story_moment(prepared_ago, 14, 0),
            lambda spec=spec, owner=owner: prepare(spec, owner, departments, fields, stored),
        )
        if spec.submit:
            case = clock.take(
                case,
                story_moment(spec.received_ago, 9, 30),
                lambda case=case, owner=owner: transition(case, A.SUBMIT, by=owner),
            )
        extras = []  # applications to the case's open call
        for minute, step in enumerate(spec.story, start=1):
            case = clock.take(
                case,
                story_moment(step.ago, step.hour, min(minute, 59)),
                lambda case=case, step=step, owner=owner, extras=extras: play(
                    step,
                    case,
                    owner=owner,
                    users=users,
                    departments=departments,
                    stored=stored,
                    extras=extras,
                ),
            )
        clock.date_rows(case)
        for application in extras:
            clock.date_rows(application)
        # A published decision is a snapshot taken when published: its date follows the step's.
        for publication in PublishedDecision.objects.filter(proposal=case).select_related(
            "transition"
        ):
            PublishedDecision.objects.filter(pk=publication.pk).update(
                decided_at=publication.transition.created_at
            )
        for pk, (starts_on, ends_on) in CALL_PERIODS.items():
            OpenCall.objects.filter(pk=pk).update(starts_on=starts_on, ends_on=ends_on)
        CALL_PERIODS.clear()


def prepare(spec: DemoProposal, owner, departments, fields, stored: list) -> Proposal:
    """The draft as the business writes it: created, filled in, its files attached."""
    summary = {"title": spec.title, "outline": spec.outline, "intent": spec.intent}
    if spec.theme is not None:
        theme = Theme.objects.get(title=spec.theme)
        case = create_theme_proposal(theme=theme, by=owner, **summary)
    else:
        department = departments[spec.department] if spec.department else None
        case = create_free_proposal(
            field=fields[spec.field], by=owner, preferred_department=department, **summary
        )
    if spec.content:  # the sections filled in on the edit page
        case = update_proposal(proposal=case, by=owner, **spec.content)
    for demo_file in spec.files:
        attachment = add_attachment(
            proposal=case,
            by=owner,
            uploaded=SimpleUploadedFile(demo_file.name, demo_file.content()),
        )
        stored.append((attachment.file.storage, attachment.file.name))
    return case


def play(step, case: Proposal, *, owner, users, departments, stored: list, extras=None) -> None:
    """One step of a story, through the service or the workflow a person uses on the site.

    `extras` collects the other cases a step creates (applications to an open call), whose
    rows are dated back with the case's story."""
    today = timezone.localdate()
    match step:
        case Call() | Apply() | Evaluate() | Sign() | Report() | Publish():
            play_realization(step, case, users=users, extras=extras if extras is not None else [])
        case Assign():
            assign_department(
                proposal=case, department=departments[step.department], by=users[step.by]
            )
        case Move():
            transition(
                case,
                step.action,
                by=users[step.by],
                reason=step.reason,
                public_reason=step.public_reason,
                **step.details,
            )
        case Say():
            message = post_message(
                proposal=case,
                by=users[step.by],
                body=step.body,
                files=[SimpleUploadedFile(item.name, item.content()) for item in step.files],
                internal=step.internal,
            )
            stored.extend((item.file.storage, item.file.name) for item in message.attachments.all())
        case Meet():
            record_meeting(
                proposal=case,
                by=users[step.by],
                kind=step.kind,
                held_on=business_days_before(today, step.ago),
                form=step.form,
                city_attendees=step.city_attendees,
                business_attendees=step.business_attendees,
                summary=step.summary,
                next_steps=step.next_steps,
                is_shared_with_proposer=step.shared,
            )
        case Goal():
            year_end = fiscal_year(today) + 1  # a fiscal year ends on 31 March of the next year
            save_goal(
                proposal=case,
                by=users[step.by],
                viewpoint=step.viewpoint,
                description=step.description,
                agreed_on=business_days_before(today, step.ago) if step.agreed else None,
                indicators=[
                    {
                        "name": kpi.name,
                        "unit": kpi.unit,
                        "baseline": kpi.baseline,
                        "target": kpi.target,
                        "target_on": datetime.date(year_end + kpi.years, 3, 31),
                    }
                    for kpi in step.indicators
                ],
            )
        case Revise():
            update_proposal(proposal=case, by=owner, note=step.note, **step.changes)
        case Read():
            mark_read(user=users[step.by], proposal=case)
        case _:
            raise TypeError(step)


def play_realization(step, case: Proposal, *, users, extras: list) -> None:
    """Stages 3 and 4 (issue 6): the open call, applications, evaluation rounds, the
    agreement, monitoring and the publication of decisions, through their services."""
    today = timezone.localdate()
    day = business_days_before(today, step.ago)
    match step:
        case Call():
            # The period is the story's (from that day), but applications are taken now, as on
            # the site: the call accepts until today at least, and is dated back once the story
            # is told (see Backdating.date_calls).
            ends_on = day + datetime.timedelta(days=step.days)
            call = save_call(
                case=case,
                by=users[step.by],
                title=step.title,
                summary=step.summary,
                conditions=step.conditions,
                starts_on=min(day, today),
                ends_on=max(ends_on, today),
                contact=step.contact,
            )
            publish_call(call=call, by=users[step.by])
            CALL_PERIODS[call.pk] = (day, ends_on)
        case Apply():
            applicant = users[step.owner]
            application = create_application(
                call=case.call, by=applicant, title=step.title, outline=step.outline
            )
            application = update_proposal(proposal=application, by=applicant, **step.content)
            transition(application, A.APPLY, by=applicant)
            moment = story_moment(step.ago, step.hour, 0)
            if moment is not None:
                Proposal.objects.filter(pk=application.pk).update(
                    created_at=moment - datetime.timedelta(hours=3),
                    updated_at=moment,
                    submitted_at=moment,
                )
                application.versions.update(created_at=moment)
                application.transitions.update(created_at=moment)
            extras.append(application)
        case Evaluate():
            evaluate(step, case, users=users, day=day)
        case Sign():
            office = users[step.by]
            starts_on = day + datetime.timedelta(days=step.starts_in)
            save_agreement(
                case=case,
                by=office,
                title=step.title,
                starts_on=starts_on,
                ends_on=add_months(starts_on, step.months) - datetime.timedelta(days=1),
                incentives=step.incentives,
            )
            for order, (item, city_role, business_role, bearer) in enumerate(step.items, 1):
                save_role_risk_item(
                    case=case,
                    by=office,
                    item=item,
                    city_role=city_role,
                    business_role=business_role,
                    risk_bearer=bearer,
                    order=order,
                )
            sign_agreement(case=case, signed_on=day, by=office)
        case Report():
            author = users[step.by]
            indicators = {
                indicator.name: indicator
                for indicator in Indicator.objects.filter(goal__proposal=case)
            }
            report = save_monitoring_report(
                case=case,
                by=author,
                period_start=add_months(day, -step.months),
                period_end=day,
                summary=step.summary,
                assessment=step.assessment,
                is_shared=True,
                results=[
                    {"indicator": indicators[name], "value": value, "is_public": published}
                    for name, value, published in step.results
                ],
            )
            for description, side, person, due_in in step.actions:
                save_improvement_action(
                    case=case,
                    by=author,
                    report=report,
                    description=description,
                    owner_side=side,
                    owner_name=person,
                    due_on=day + datetime.timedelta(days=due_in),
                )
        case Publish():
            decision = case.transitions.filter(action=step.action).order_by("created_at").last()
            publish_decision(
                transition=decision,
                by=users[step.by],
                discloses_proposer=(
                    case.consent_to_publish if step.disclose is None else step.disclose
                ),
                shows_candidate_names=step.names,
            )
        case _:
            raise TypeError(step)


def evaluate(step: Evaluate, case: Proposal, *, users, day) -> None:
    """One round from its creation to its decision, each act by the person who takes it."""
    office = users[step.by]
    criteria_set = CriteriaSet.objects.get(is_default=True)
    criteria = list(criteria_set.criteria.order_by("order", "pk"))
    evaluation_round = create_round(
        proposal=case,
        kind=step.kind,
        title=step.title,
        criteria_set=criteria_set,
        scoring_due_on=day,
        is_anonymised=True,
        by=office,
    )
    for email in step.evaluators:
        assign_evaluator(round=evaluation_round, evaluator=users[email], by=office)
    open_round(round=evaluation_round, by=office)
    candidates = {
        candidate.proposal.created_by.email: candidate
        for candidate in evaluation_round.candidates.select_related("proposal__created_by")
    }
    conflicts = {(evaluator, owner): note for evaluator, owner, note in step.conflicts}
    for email in step.evaluators:
        evaluator = users[email]
        assignment = evaluation_round.assignments.get(evaluator=evaluator)
        declare_conflicts(
            assignment=assignment,
            declarations={
                candidate.pk: ((email, owner) in conflicts, conflicts.get((email, owner), ""))
                for owner, candidate in candidates.items()
            },
            by=evaluator,
        )
        for owner, points in step.scores[email].items():
            save_sheet(
                assignment=assignment,
                candidate=candidates[owner],
                points={
                    criterion.pk: value for criterion, value in zip(criteria, points, strict=True)
                },
                comment="",
                submit=True,
                by=evaluator,
            )
    close_round(round=evaluation_round, by=office)
    if step.kind == Round.Kind.ADOPTION_REVIEW:
        decide_adoption(
            round=evaluation_round,
            adopt=True,
            reason=step.reason,
            public_reason=step.public_reason,
            by=office,
            **step.details,
        )
    else:
        decide_selection(
            round=evaluation_round,
            selected=candidates[step.selected],
            reason=step.reason,
            public_reason=step.public_reason,
            by=office,
        )


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), on the month's last day if it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


# The periods of the open calls as their stories tell them (see play_realization: Call).
CALL_PERIODS: dict[int, tuple[datetime.date, datetime.date]] = {}


def check_story(spec: DemoProposal) -> None:
    """A story is told in order: each step on the day of the one before it, or later."""
    moments = [(spec.received_ago, 9)] + [(step.ago, step.hour) for step in spec.story]
    if any(
        (ago, -hour) > (previous_ago, -previous_hour)
        for (previous_ago, previous_hour), (ago, hour) in zip(moments, moments[1:], strict=False)
    ):
        raise ValueError(f"The story of {spec.title!r} is not in order.")


def business_days_before(day: datetime.date, count: int) -> datetime.date:
    """The business day `count` business days before `day` (`day` itself when 0)."""
    while count:
        day -= datetime.timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def story_moment(ago: int, hour: int, minute: int) -> datetime.datetime | None:
    """When a step happened; None for today: a step of today keeps the time it is taken."""
    if not ago:
        return None
    day = business_days_before(timezone.localdate(), ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# Demo realism, and nothing the application ever does. The services and the workflow stamp
# each step with timezone.now(), and there is no clock to turn back; but a demo whose cases
# were all received, discussed, adopted and completed in the same second shows no case
# received long ago, no overdue deadline, no thread that reads like weeks of work. So each
# step is taken now, exactly as on the site; right after it, the case's own time stamps that
# the step wrote are moved back to the step's day, and once the story is told, so are those
# of the rows its steps wrote (log, versions, files, assignments, messages, meetings, goals,
# read marks, history) - with QuerySet.update() of those date fields alone. The deadlines are
# counted again from the step's day by the rule the workflow uses (add_business_days and the
# same settings), and next_due_on by proposals.deadlines itself. Status, reference, reasons,
# grants and content stay exactly as the services wrote them. (Reference numbers are taken
# now: a run in the first months of a fiscal year dates its oldest cases in the year before,
# numbered in the current one.)
CASE_STAMPS = (
    "created_at",
    "updated_at",
    "submitted_at",
    "first_responded_at",
    "last_city_message_at",
    "last_proposer_message_at",
)
ROW_STAMPS = (  # (model, lookup of the case, the fields it stamps; the first one is compared)
    (Proposal.history.model, "id", ("history_date",)),
    (ProposalVersion, "proposal", ("created_at",)),
    (ProposalTransition, "proposal", ("created_at",)),
    (ProposalAttachment, "proposal", ("uploaded_at",)),
    (Assignment, "proposal", ("assigned_at",)),
    (Assignment.history.model, "proposal", ("history_date",)),
    (Message, "proposal", ("created_at",)),
    (MeetingRecord, "proposal", ("created_at", "updated_at")),
    (MeetingRecord.history.model, "proposal", ("history_date",)),
    (SharedGoal, "proposal", ("updated_at",)),
    (SharedGoal.history.model, "proposal", ("history_date",)),
    (Indicator.history.model, "goal__proposal", ("history_date",)),
    (ReadMark, "proposal", ("read_at",)),
    (OpenCall, "proposal", ("updated_at", "published_at")),
    (Round, "proposal", ("created_at", "opened_at", "closed_at", "decided_at")),
    (RoundEvent, "round__proposal", ("at",)),
    (EvaluatorAssignment, "round__proposal", ("assigned_at", "declared_at")),
    (ConflictDeclaration, "assignment__round__proposal", ("declared_at",)),
    (ScoreSheet, "candidate__round__proposal", ("updated_at", "submitted_at")),
    (Agreement, "proposal", ("updated_at",)),
    (MonitoringReport, "proposal", ("created_at", "updated_at")),
    (ImprovementAction, "proposal", ("created_at",)),
    (PublishedDecision, "proposal", ("published_at",)),
)


class Backdating:
    """Takes the steps of one case's story and dates them back (see above)."""

    def __init__(self):
        self.windows = []  # (since, until, moment): what was stamped in between goes to moment

    def take(self, case: Proposal | None, moment, step) -> Proposal:
        """Take `step()` now and, if `moment` is set, date the case's own stamps back to it.

        `case` is the case the step works on (None: the step creates it and returns it).
        Returns the case as it is after the step.
        """
        since = timezone.now()
        reply_due_before = case.reply_due_on if case is not None else None
        result = step()
        case = Proposal.objects.get(pk=(case or result).pk)
        if moment is not None:
            self.windows.append((since, timezone.now(), moment))
            self.date_case(case, since=since, moment=moment, reply_due_before=reply_due_before)
        return case

    @staticmethod
    def date_case(case: Proposal, *, since, moment, reply_due_before) -> None:
        """The case's stamps written since `since` go to `moment`; its deadlines follow."""
        changes = {
            name: moment
            for name in CASE_STAMPS
            if getattr(case, name) is not None and getattr(case, name) >= since
        }
        day = timezone.localdate(moment)
        if "submitted_at" in changes:  # received that day: the first-response deadline runs
            changes["first_response_due_on"] = add_business_days(
                day, settings.KYOSO_FIRST_RESPONSE_DAYS
            )
        if case.reply_due_on is not None and reply_due_before is None:  # a message awaits reply
            changes["reply_due_on"] = add_business_days(day, settings.KYOSO_REPLY_DAYS)
        if not changes:
            return
        for name, value in changes.items():
            setattr(case, name, value)
        deadlines.on_status_change(case)  # next_due_on: the earliest open deadline (app's rule)
        Proposal.objects.filter(pk=case.pk).update(**changes, next_due_on=case.next_due_on)

    def date_rows(self, case: Proposal) -> None:
        """The rows the steps wrote, each moved to the moment of the step that wrote it."""
        if not self.windows:
            return
        for model, lookup, stamps in ROW_STAMPS:
            rows = model.objects.filter(
                **{lookup: case.pk, f"{stamps[0]}__gte": self.windows[0][0]}
            ).values_list("pk", stamps[0])
            moved = defaultdict(list)
            for pk, stamp in rows:
                for since, until, moment in self.windows:
                    if since <= stamp <= until:
                        moved[moment].append(pk)
                        break
            for moment, pks in moved.items():
                model.objects.filter(pk__in=pks).update(**dict.fromkeys(stamps, moment))


# The demo co-creation list. Theme content is data, in Japanese, and is not translated.
THEMES = (
    # accepting proposals now
    DemoTheme(
        title="源兵衛川の水辺環境の保全と魅力向上",
        department="mizumidori",
        fields=("environment", "machizukuri"),
        status=PUBLISHED,
        opens=-21,
        closes=60,
        published_ago=21,
        background=prose(
            """
            源兵衛川は、楽寿園の小浜池を水源とし、富士山の湧水を集めて市街地を南へ流れる農業用水路
            です。高度経済成長期には地下水のくみ上げの増加などにより湧水が減り、
            生活排水やごみで汚れた時期もありましたが、1990年代から市民・NPO・事業者・行政の協働によ
            る再生が進み、水辺の散策路が整備され、ホタルや水生生物が戻る「水の都・三島」を象徴する
            場所となりました。

            一方で、近年は次の課題が見えてきています。
            ・湧水量が少ない時期に水量と水質が低下し、藻の繁茂や水温の上昇がみられること
            ・来訪者の増加に伴い、飛び石周辺の混雑やごみのポイ捨て、生き物の持ち帰りが起きているこ
            と
            ・清掃や草刈りを担ってきた地域の団体で、担い手の高齢化と人手不足が進んでいること
            ・水辺の歴史や生き物の価値が、初めて訪れる人に十分に伝わっていないこと
            """
        ),
        wanted=prose(
            """
            源兵衛川の水辺環境を守りながら、市民と来訪者にとっての魅力を高める提案を求めます。
            例えば次のようなものです。
            ・水量・水質・水温などを継続的に把握し、保全活動に生かす仕組み（センサー、
            市民参加型の調査など）
            ・清掃や保全活動に、企業、学生、来訪者が参加しやすくなる仕組み（ボランティアのマッチン
            グ、企業の社会貢献活動との連携など）
            ・混雑やマナーの課題を和らげる案内と情報発信（多言語の案内、混雑状況の発信など）
            ・保全活動の費用を生み出す仕組み（協賛、寄附、ガイドツアーの収益の一部の還元など）
            """
        ),
        business_role=prose(
            """
            提案内容の企画と実施、必要な機器やサービスの提供、保全活動に参加する人の募集と運営を担
            っていただくことを想定しています。

            地域で活動する団体や沿川の住民と対話しながら進めることを大切にしてください。
            小さな実証から始め、効果を市と一緒に検証していただける提案を歓迎します。
            """
        ),
        city_offer=prose(
            """
            ・市がこれまでに実施した水質調査と生き物調査の結果（年ごとの概要）の提供
            ・沿川で活動する団体、自治会との調整と、対話の場の設定
            ・実証に使う場所（河川の管理用地の一部など）の使用に関する調整
            ・「広報みしま」、市公式ウェブサイト、市公式SNSでの取組の紹介
            """
        ),
        conditions=prose(
            """
            ・源兵衛川は農業用水路でもあるため、水の流れや水の利用に影響を与える工事や設置物は認め
            られません。
            ・生き物の生息環境を損なわないこと、夜間の照明や音に配慮することが必要です。
            ・提案の実施に係る費用は、原則として提案者の負担とします。市の予算を伴う場合は、
            翌年度以降の予算化を検討します。
            ・特定の商品やサービスの広告を主な目的とする提案は対象外です。
            """
        ),
        questions=(
            DemoQuestion(
                asked_ago=15,
                question="水質を測るセンサーなどの機器を、川の中に設置することは可能でしょうか。",
                answer=prose(
                    """
                    水の流れや農業用水としての利用に支障がなく、生き物への影響が小さい小型の機器で
                    あれば、設置場所と方法を協議のうえ可能な場合があります。
                    設置の前に河川と水路の管理者との調整が必要ですので、提案の段階では、
                    想定する機器の大きさと固定の方法をお示しください。
                    """
                ),
            ),
            DemoQuestion(
                asked_ago=9,
                question="社員が清掃活動に参加する形の提案でも、対象になりますか。",
                answer=prose(
                    """
                    対象になります。一度きりの参加にとどまらず、継続的な関わり方や、
                    活動の成果を市民と共有する方法を含めてご提案いただけると、
                    検討を進めやすくなります。
                    """
                ),
            ),
        ),
        attachment=DemoAttachment(
            title="現状データ概要",
            file_name="現状データ概要.pdf",
            heading="源兵衛川　現状データ概要",
            lines=(
                "三島市　水と緑の課",
                "１．水量・水温の季節変化（観測地点別の月平均）",
                "２．水質調査の結果の概要（透視度、水温）",
                "３．生き物調査の結果の概要（ホタル、水生生物）",
                "４．清掃・保全活動の参加者数の推移",
            ),
        ),
    ),
    # accepting proposals now
    DemoTheme(
        title="湧水と地下水の「見える化」による保全意識の向上",
        department="kankyo",
        fields=("environment", "administration"),
        status=PUBLISHED,
        opens=-10,
        closes=45,
        published_ago=10,
        background=prose(
            """
            三島の湧水は、富士山に降った雨や雪が長い年月をかけて三島溶岩流の中を流れ、
            市街地で湧き出したものです。湧水は市民の誇りであり、観光の資源でもありますが、
            その量は季節や降水量によって大きく変わり、小浜池が満水になる年もあれば、
            水位の低い状態が続く年もあります。

            市では地下水位や湧水の状況を観測していますが、データは担当課ごとに管理され、
            表やPDFで公開している段階にとどまっています。市民や事業者から「今、
            湧水はどのくらい湧いているのか」「昔と比べてどう変わったのか」という問い合わせも多く、
            データをわかりやすく伝え、地下水を守る行動につなげることが課題です。
            """
        ),
        wanted=prose(
            """
            地下水位や湧水の状況を、市民・事業者・来訪者にわかりやすく伝え、
            地下水の保全につなげる提案を求めます。
            ・観測データを集約し、地図やグラフで見られるようにする仕組み
            ・湧水の状況を季節の話題として発信し、観光や環境学習に生かす方法
            ・地下水を利用する事業者と市民が、節水や地下水の涵養（かんよう）に取り組むきっかけづく
            り
            ・観測の自動化や、観測地点を増やすための費用の少ない方法
            """
        ),
        business_role=prose(
            """
            データの集約と可視化の仕組みの構築と運用、発信のための企画を担っていただくことを想定し
            ています。

            市が持つデータの形式や更新の頻度に合わせて、職員が無理なく続けられる仕組みをご提案くだ
            さい。
            """
        ),
        city_offer=prose(
            """
            ・市が観測している地下水位と湧水に関するデータ（過去の分を含む）の提供
            ・市のオープンデータとしての公開と、公開に必要な調整
            ・環境学習の場（市内の小中学校、環境に関する催し）での活用の調整
            ・市公式ウェブサイト、市公式SNSでの発信
            """
        ),
        conditions=prose(
            """
            ・観測機器の設置や更新に市の費用を要する場合は、次年度以降の予算の範囲で検討します。
            ・公開するデータには、個人の井戸の位置など、個人が特定される情報を含めないでください。
            ・仕組みは、市の職員が日常的に更新できるものとしてください。
            """
        ),
    ),
    # accepting proposals now
    DemoTheme(
        title="家庭ごみの減量と資源化の促進",
        department="haikibutsu",
        fields=("environment",),
        status=PUBLISHED,
        opens=-14,
        closes=90,
        published_ago=14,
        background=prose(
            """
            市の清掃センターで処理している家庭系ごみのうち、可燃ごみには生ごみや紙類、
            プラスチック製の容器包装など、分別や工夫によって減らせるものが多く含まれています。
            ごみの処理には毎年多額の費用がかかっており、施設の老朽化への対応も見据えると、
            ごみの量そのものを減らすことが欠かせません。

            一方で、「分別のルールがわかりにくい」「資源物を集積所まで運ぶのが大変」といった声もあ
            り、単身世帯、外国人住民、若い世代への周知が課題になっています。食品ロスについても、
            家庭と事業所の両方で削減の余地があります。
            """
        ),
        wanted=prose(
            """
            家庭から出るごみを減らし、資源化を進める提案を求めます。
            ・分別の方法や収集日をわかりやすく伝えるアプリ、チャットボット、多言語の案内
            ・生ごみの水切りや堆肥化、食品ロスの削減を楽しく続けられる仕組み
            ・古紙、衣類、小型家電などの回収拠点を、スーパーなど日常の動線の上に設ける取組
            ・地域の催しや学校と連携した啓発
            """
        ),
        business_role=prose(
            """
            仕組みの企画・開発・運営、回収拠点の提供と運営、啓発の実施などを想定しています。

            ごみ減量の効果を数字で示せるよう、市と一緒に指標を決めて検証していただける提案を歓迎し
            ます。
            """
        ),
        city_offer=prose(
            """
            ・ごみの量と分別に関する統計、ごみの組成調査の結果の提供
            ・収集日程と分別区分のデータ（オープンデータ）の提供
            ・自治会との連携の調整
            ・「広報みしま」、ごみ収集カレンダー、市公式SNSでの周知
            """
        ),
        conditions=prose(
            """
            ・廃棄物の収集・運搬・処分を伴う提案には、廃棄物処理法に基づく許可などが必要です。
            ・回収した資源物の売却益の扱いは、協議のうえ決めます。
            ・個人情報を取得する場合は、市の個人情報の取扱いのルールに従ってください。
            """
        ),
        questions=(
            DemoQuestion(
                asked_ago=6,
                question="アプリを開発する場合、既存のごみ分別アプリとの連携は可能ですか。",
                answer=prose(
                    """
                    市では、分別区分と収集日程をオープンデータとして公開しています。
                    既存のアプリを置き換える提案に限らず、連携や機能の追加によって利用者の利便性が
                    高まる提案も歓迎します。具体的な連携の方法は、対話の中で確認します。
                    """
                ),
            ),
        ),
    ),
    # accepting proposals now
    DemoTheme(
        title="保育所等の入所待ちの解消と、保育の空き情報の提供",
        department="kosodate",
        fields=("childcare",),
        status=PUBLISHED,
        opens=-20,
        closes=30,
        published_ago=20,
        background=prose(
            """
            本市では保育所や認定こども園の整備を進め、国の定義による待機児童は減少していますが、
            特定の施設を希望して入所を待っている児童や、年度の途中で入所先が見つからない児童は依然
            として見られます。特に0歳から2歳の低年齢児では、年度の途中の入所が難しい状況です。

            保護者からは「どの園に空きがあるのかわからない」「申請の手続きのために何度も窓口に行か
            なければならない」という声が寄せられています。保育士の確保も課題で、
            施設に空きがあっても、保育士が足りずに受け入れられない場合があります。
            """
        ),
        wanted=prose(
            """
            保育を必要とする家庭が、必要なときに保育を受けられるようにするための提案を求めます。
            ・保育所等の空き状況を、保護者がわかりやすく確認できる仕組み
            ・入所の申請や書類の提出をオンラインで完結させる仕組み
            ・保育士の確保と定着を支える取組（資格を持ちながら働いていない保育士の復職支援、
            業務の負担の軽減など）
            ・企業主導型保育や一時預かりなど、多様な保育の受け皿を生かす提案
            """
        ),
        business_role=prose(
            """
            仕組みの構築と運用、保育事業の実施、保育人材の確保に向けた取組などを想定しています。

            保育の現場の負担を増やさないことを前提に、保育施設や保護者の声を聞きながら進めていただ
            くことを期待します。
            """
        ),
        city_offer=prose(
            """
            ・保育所等の定員、入所の状況、入所待ちの状況に関する集計データ（個人が特定されない形）
            ・市内の保育施設との意見交換の場の設定
            ・保護者への周知（市の子育て応援サイト、乳幼児健診の会場など）
            ・市の施設の空きスペースの活用に関する調整
            """
        ),
        conditions=prose(
            """
            ・児童や保護者の個人情報を扱う場合は、市との契約のうえ、市の定める安全管理措置に従って
            ください。
            ・保育事業の実施には、児童福祉法に基づく認可や届出などが必要です。
            ・提案の実施に係る費用の負担は、対話の中で協議します。
            """
        ),
        questions=(
            DemoQuestion(
                asked_ago=12,
                question=prose(
                    """
                    空き状況の公開について、各園の空き人数を毎日更新することは想定されていますか。
                    """
                ),
                answer=prose(
                    """
                    現在、空き状況は毎月1回集計して公開しています。更新の頻度を上げることは望ましい
                    と考えていますが、園の事務の負担が増えない方法であることが条件です。
                    更新の方法と頻度を含めてご提案ください。
                    """
                ),
            ),
            DemoQuestion(
                asked_ago=2,
                question=prose(
                    """
                    市内の企業主導型保育施設の一覧と、地域枠の空き状況のデータは提供していただけま
                    すか。
                    """
                ),
            ),
        ),
        attachment=DemoAttachment(
            title="保育所等の利用状況の概要",
            file_name="保育所等利用状況の概要.pdf",
            heading="保育所等の利用状況の概要",
            lines=(
                "三島市　子育て支援課",
                "１．保育所・認定こども園の定員と利用児童数",
                "２．年齢別の入所待ちの状況（４月・１０月）",
                "３．年度途中の入所申込みの傾向",
                "４．保育士の確保に関する園へのアンケートの概要",
            ),
        ),
    ),
    # accepting proposals now
    DemoTheme(
        title="放課後や休日の子どもの居場所づくり",
        department="kosodate",
        fields=("childcare", "education"),
        status=PUBLISHED,
        opens=-7,
        closes=75,
        published_ago=7,
        background=prose(
            """
            共働きの世帯の増加に伴い、放課後児童クラブの利用の希望は年々増えており、
            一部の小学校区では定員に近い状況が続いています。また、放課後児童クラブを利用しない子ど
            もや中学生、学校に行きづらさを感じている子どもにとって、安心して過ごせる居場所が身近に
            少ないことも課題です。

            長期休暇中の昼食、体験の機会の差、保護者の仕事との両立など、
            子どもの居場所をめぐる課題は多様で、行政だけで対応することは難しくなっています。
            """
        ),
        wanted=prose(
            """
            子どもが放課後や休日に安心して過ごし、学び、遊べる居場所を増やす提案を求めます。
            ・企業の施設や地域の空き店舗などを活用した居場所の開設と運営
            ・学習支援、プログラミング、スポーツ、自然体験など、体験の機会の提供
            ・長期休暇中の昼食の提供や、子ども食堂との連携
            ・居場所の情報を子どもと保護者に届ける仕組み
            """
        ),
        business_role=prose(
            """
            居場所の運営、プログラムの提供、場所・人材・資金の提供などを想定しています。

            子どもの安全の確保を第一に、学校、地域、保護者と連携して、継続して運営できる提案を期待
            します。
            """
        ),
        city_offer=prose(
            """
            ・小学校区ごとの児童数、放課後児童クラブの利用状況のデータ
            ・学校、地域の団体、子ども食堂との連携の調整
            ・市の施設（公民館など）の利用に関する調整
            ・学校を通じたお知らせの配布、市公式ウェブサイトでの周知
            """
        ),
        conditions=prose(
            """
            ・子どもに関わるスタッフについて、安全管理と研修の体制を示してください。
            ・利用料を徴収する場合は、経済的に困難な家庭への配慮を含めてください。
            ・宗教活動、政治活動、営業を目的とする勧誘は行わないでください。
            """
        ),
    ),
    # accepting proposals now
    DemoTheme(
        title="箱根西麓三島野菜の販路拡大とブランドの発信",
        department="nosei",
        fields=("economy",),
        status=PUBLISHED,
        opens=-30,
        closes=100,
        published_ago=30,
        background=prose(
            """
            箱根西麓三島野菜は、箱根山の西側のなだらかな斜面に広がる畑で育てられる野菜の総称です。
            水はけのよい火山灰の土と、昼と夜の寒暖の差を生かして、三島馬鈴薯をはじめ、人参、大根、
            キャベツなど多くの品目が作られています。

            生産者の努力により品質の高いブランドとして知られるようになりましたが、
            生産者の高齢化と担い手の不足、傾斜地での作業の負担、燃料や資材の価格の上昇など、
            経営を取り巻く環境は厳しくなっています。市内の飲食店や宿泊施設での利用、
            首都圏への販売など、販路にはまだ広げる余地があり、消費者にその価値を伝える工夫も求めら
            れています。
            """
        ),
        wanted=prose(
            """
            箱根西麓三島野菜の価値を高め、生産者の所得の向上と担い手の確保につなげる提案を求めます
            。
            ・市内外の飲食店、宿泊施設、小売店への販路の開拓と、物流の効率化
            ・ECサイトや定期便など、消費者に直接届ける仕組み
            ・規格外の野菜の加工や、食品ロスを減らす商品の開発
            ・農業体験や収穫体験など、観光と組み合わせた取組
            ・スマート農業の技術による作業の負担の軽減
            """
        ),
        business_role=prose(
            """
            販路の開拓、物流、商品の開発、情報の発信、技術の提供などを想定しています。

            生産者や農業の関係団体と対等な立場で話し合い、生産者に利益が還元される仕組みとしてくだ
            さい。
            """
        ),
        city_offer=prose(
            """
            ・生産者、農業の関係団体との対話の場の設定
            ・市の農業に関する統計、市内の直売所の情報の提供
            ・市の催しでの出店やPRの調整
            ・ふるさと納税の返礼品としての活用の検討
            ・市公式ウェブサイト、市公式SNSでの発信
            """
        ),
        conditions=prose(
            """
            ・「箱根西麓三島野菜」の名称やロゴの使用は、関係団体の定めるルールに従ってください。
            ・生産者に過度な負担（取引の条件、手数料など）を求める提案は対象外です。
            ・農地での作業や体験の受入れは、生産者の同意と安全の確保を前提とします。
            """
        ),
    ),
    # accepting proposals now
    DemoTheme(
        title="三嶋大社周辺から中心市街地への回遊性の向上",
        department="shoko",
        fields=("economy", "machizukuri"),
        status=PUBLISHED,
        opens=-15,
        closes=50,
        published_ago=15,
        background=prose(
            """
            伊豆国一宮である三嶋大社には、年間を通じて多くの参拝者が訪れています。
            三島駅から三嶋大社までは、楽寿園、白滝公園、源兵衛川、桜川沿いの水辺の小径など、
            湧水を感じながら歩ける道があり、まちなかには老舗の飲食店や商店も多く残っています。

            一方で、来訪者の多くは三嶋大社の参拝だけで市を離れたり、三島駅を箱根・伊豆方面への通過
            点として利用したりしており、まちなかでの滞在時間が短いことが課題です。
            季節や曜日によって来訪者の数が大きく変わり、平日や夕方以降のにぎわいづくりも求められて
            います。
            """
        ),
        wanted=prose(
            """
            三嶋大社周辺を訪れた人が、まちなかを歩いて巡り、食事や買い物、
            宿泊につなげるための提案を求めます。
            ・水辺や歴史を生かした周遊ルート、ガイドツアー、デジタルスタンプラリー
            ・多言語での案内と、キャッシュレス決済の普及
            ・平日や夜の時間帯のにぎわいをつくる企画
            ・来訪者の動きをデータで把握し、商店街の取組に生かす仕組み
            """
        ),
        business_role=prose(
            """
            企画と運営、デジタルサービスの提供、商店街や観光の関係者との連携などを想定しています。

            地元の商店や観光の関係者と一緒に、継続できる仕組みをつくることを期待します。
            """
        ),
        city_offer=prose(
            """
            ・観光客数、観光施設の入込客数などの統計の提供
            ・商店街、観光協会との対話の場の設定
            ・市の観光案内所での案内、観光パンフレットへの掲載の検討
            ・市公式ウェブサイト、観光情報サイト、市公式SNSでの発信
            """
        ),
        conditions=prose(
            """
            ・三嶋大社の境内での活動には、市ではなく三嶋大社との調整が必要です。
            市は調整の場を設けることに協力します。
            ・道路や公園での活動には、占用や使用の許可が必要な場合があります。
            """
        ),
        questions=(
            DemoQuestion(
                asked_ago=8,
                question=prose(
                    """
                    来訪者の人の流れのデータを取得するため、まちなかにカメラやセンサーを設置するこ
                    とは可能ですか。
                    """
                ),
                answer=prose(
                    """
                    公共の場所への設置は、個人が特定されない方式であることと、
                    設置場所の管理者の許可を得ることが条件です。プライバシーへの配慮の方法（撮影の
                    範囲、データの保存期間、周知の方法）を提案に含めてください。
                    """
                ),
            ),
        ),
    ),
    # accepting proposals now
    DemoTheme(
        title="三島駅南口周辺のにぎわいと回遊の創出",
        department="toshi-keikaku",
        fields=("machizukuri", "economy"),
        status=PUBLISHED,
        opens=-5,
        closes=120,
        published_ago=5,
        background=prose(
            """
            三島駅は、東海道新幹線、東海道本線、伊豆箱根鉄道駿豆線が乗り入れる、
            静岡県東部の玄関口です。駅の南口周辺では、東街区の再開発事業をはじめとするまちづくりが
            進められており、駅前から中心市街地への人の流れを生み出すことが期待されています。

            一方で、工事の期間中は駅前の一部が使えなくなったり、歩行者の動線が変わったりするため、
            駅を利用する人がまちなかに足を向けにくくなることが心配されます。完成後を見据えて、
            今のうちから駅前と中心市街地をつなぐ取組を積み重ねることが課題です。
            """
        ),
        wanted=prose(
            """
            三島駅南口周辺の魅力を高め、駅から中心市街地への回遊を生み出す提案を求めます。
            ・工事の仮囲いや空き地などを生かした情報の発信、アート、催し
            ・駅前広場や周辺の公共空間の暫定的な活用
            ・駅から中心市街地への歩行者の案内、シェアサイクルなどの移動手段
            ・完成後の駅前空間の使い方を、市民と一緒に考える場づくり
            """
        ),
        business_role=prose(
            """
            企画と運営、空間の活用、移動サービスの提供などを想定しています。

            工事の安全と、駅を利用する人の通行を確保しながら実施できる提案としてください。
            """
        ),
        city_offer=prose(
            """
            ・駅周辺の歩行者通行量の調査結果の提供
            ・再開発の事業者や関係機関との調整の場の設定
            ・駅前広場など、市が管理する公共空間の暫定利用に関する調整
            ・市公式ウェブサイト、「広報みしま」での周知
            """
        ),
        conditions=prose(
            """
            ・再開発事業の区域内での実施には事業の施行者との協議が必要で、
            工事の工程によって実施の時期や場所が制限されることがあります。
            ・道路や駅前広場の使用には、占用の許可などが必要です。
            ・提案の実施に係る費用は、原則として提案者の負担とします。
            """
        ),
    ),
    # accepting proposals now
    DemoTheme(
        title="公共施設の予約と支払いのオンライン化",
        department="digital",
        fields=("administration",),
        status=PUBLISHED,
        opens=-10,
        closes=40,
        published_ago=12,
        background=prose(
            """
            体育館、公民館、文化施設、運動場などの公共施設は、市民のスポーツ、文化、
            学習の活動の拠点です。しかし、施設によって予約の方法が異なり、窓口での申込み、
            電話での仮予約、紙による抽選など、利用者にとっても職員にとっても手間のかかる手続きが残
            っています。

            利用料金の支払いも窓口での現金払いが中心で、利用者からは「仕事帰りには窓口が閉まってい
            る」「空き状況をすぐに確認したい」という声が寄せられています。職員の側でも、
            予約の台帳の管理や料金の集計に多くの時間を要しています。
            """
        ),
        wanted=prose(
            """
            公共施設の予約から支払いまでを、利用者がいつでもオンラインで行えるようにする提案を求め
            ます。
            ・複数の施設の空き状況の確認、予約、抽選をまとめて行える仕組み
            ・キャッシュレス決済や、使用料の減免の手続きへの対応
            ・高齢者など、デジタル機器に不慣れな人への支援
            ・予約のデータを分析し、施設の利用率の向上や運営の改善につなげる仕組み
            """
        ),
        business_role=prose(
            """
            システムの提供・構築・運用、導入の際の利用者への支援などを想定しています。

            施設ごとの今のルールに合わせるだけでなく、手続きそのものを見直す提案を歓迎します。
            """
        ),
        city_offer=prose(
            """
            ・対象となる施設の一覧、予約のルール、利用実績のデータの提供
            ・施設の管理者（指定管理者を含む）との調整
            ・試行する施設の選定と、利用者への周知
            ・「広報みしま」、市公式ウェブサイト、市公式LINEでの周知
            """
        ),
        conditions=prose(
            """
            ・地方公共団体の情報システムの標準化やガバメントクラウドの方針との整合に留意してくださ
            い。
            ・個人情報の取扱いと情報セキュリティは、市の情報セキュリティポリシーに従ってください。
            ・導入に市の費用を要する場合は、予算化と調達の手続きを経て実施します。
            """
        ),
    ),
    # accepting proposals now
    DemoTheme(
        title="歩いて楽しむ健康づくりと、働く世代の健康習慣",
        department="kenko",
        fields=("health",),
        status=PUBLISHED,
        opens=-40,
        closes=20,
        published_ago=40,
        background=prose(
            """
            本市は「スマートウエルネスみしま」を掲げ、歩くことを中心とした健康づくりに取り組んでき
            ました。市内には、源兵衛川の水辺や箱根西麓の坂道など、景色を楽しみながら歩ける場所が多
            くあります。

            しかし、健康に関心の高い人は自ら運動に取り組む一方で、働く世代や健康への関心が低い人ほ
            ど運動の習慣がなく、健康診査の受診率も伸び悩んでいます。健康づくりに参加してもらうきっ
            かけと、続けるための工夫が課題です。
            """
        ),
        wanted=prose(
            """
            市民、とりわけ働く世代が、楽しみながら歩き、健康づくりを続けられる提案を求めます。
            ・歩数や健診の受診などに応じてポイントがたまる仕組みと、地域の店舗での特典
            ・まちなかを歩きたくなるルートや催し
            ・企業の健康経営と連携した、従業員の健康づくり
            ・効果を検証するためのデータの収集と分析
            """
        ),
        business_role=prose(
            """
            アプリなどの提供、特典の提供、企画と運営、データの分析などを想定しています。

            参加した人の健康状態の変化を市と一緒に検証し、次の取組に生かしていただくことを期待しま
            す。
            """
        ),
        city_offer=prose(
            """
            ・健康に関する統計（健診の受診率など、個人が特定されない集計）の提供
            ・市のウォーキングの催し、健康講座との連携
            ・市内の事業所への周知（商工団体を通じた案内の調整）
            ・「広報みしま」、市公式ウェブサイトでの周知
            """
        ),
        conditions=prose(
            """
            ・健康に関する情報は要配慮個人情報に当たるため、取得する場合は本人の同意と厳格な管理が
            必要です。
            ・医療行為や、効果が確かめられていない健康法の勧誘に当たる内容は対象外です。
            """
        ),
    ),
    # year-round (通年)
    DemoTheme(
        title="高齢者の見守りと、買い物・通院の移動の支援",
        department="choju",
        fields=("welfare", "health"),
        status=PUBLISHED,
        year_round=True,
        published_ago=200,
        background=prose(
            """
            本市の高齢化率は年々高まっており、一人暮らしの高齢者や、高齢者だけの世帯が増えています
            。地域の民生委員や自治会による見守りが続けられていますが、その担い手も高齢化しています
            。

            また、市の南部や箱根西麓の地域ではバスの路線が限られ、運転免許を返納した高齢者が、
            買い物や通院に不便を感じています。移動の手段がなくなることで外出の機会が減り、
            心と体の機能の低下につながることも心配されています。
            """
        ),
        wanted=prose(
            """
            高齢者が住み慣れた地域で安心して暮らし続けられるよう、見守りと移動を支える提案を、
            通年で受け付けます。
            ・日常の事業活動（配達、検針、金融機関の窓口など）を生かした緩やかな見守り
            ・ICT機器などを活用した見守りで、本人や家族の負担が少ないもの
            ・買い物や通院のための移動の支援、移動販売、オンラインでの買い物の支援
            ・高齢者の外出や社会参加のきっかけづくり
            """
        ),
        business_role=prose(
            """
            見守りや移動に関するサービスの提供、事業活動の中での見守りへの協力、
            地域の団体との連携などを想定しています。

            高齢者ご本人の思いを尊重し、地域包括支援センターや民生委員など、
            地域の見守りの担い手と役割を分け合いながら進めてください。異変に気づいたときの連絡の流
            れを、市と一緒に決めていただくことを期待します。
            """
        ),
        city_offer=prose(
            """
            ・地域ごとの高齢者の人口、高齢者だけの世帯の数などの統計の提供
            ・地域包括支援センター、民生委員、社会福祉協議会との連携の調整
            ・見守りに関する協定の締結
            ・高齢者向けの市の情報誌、「広報みしま」での周知
            """
        ),
        conditions=prose(
            """
            ・見守りで得た情報の扱いについて、本人の同意と、関係機関への連絡の手順を定めてください
            。
            ・道路運送法など、移動サービスに関する法令を守ってください。
            ・高齢者に不要な商品やサービスの購入を勧めることにつながる提案は対象外です。
            """
        ),
    ),
    # year-round (通年)
    DemoTheme(
        title="「ガーデンシティみしま」花と緑のまちづくりへの参加",
        department="mizumidori",
        fields=("machizukuri", "environment"),
        status=PUBLISHED,
        year_round=True,
        published_ago=300,
        background=prose(
            """
            本市は「ガーデンシティみしま」を掲げ、市民、事業者、行政が協働して、
            まちなかに花や緑を増やす取組を進めてきました。駅前や街路、公園の花壇の多くは市民のボラ
            ンティアの皆さんが手入れをしており、来訪者からも「花と水のまち」として親しまれています
            。

            一方で、ボランティアの高齢化と減少、夏の暑さによる管理の負担の増加、
            花苗や資材の費用の確保が課題となっています。
            """
        ),
        wanted=prose(
            """
            花と緑によるまちの魅力づくりを続けるための提案を、通年で受け付けます。
            ・花壇の里親（アダプト）や協賛など、事業者が花と緑に関わる仕組み
            ・暑さや水やりの負担を減らす植栽と管理の工夫
            ・花と緑を巡る催しや、観光との連携
            ・ボランティアの募集と活動の情報を発信する仕組み
            """
        ),
        business_role=prose(
            """
            花壇の整備と管理への協力、協賛、技術やノウハウの提供、催しの企画などを想定しています。

            長く手入れを続けてきたボランティアの皆さんの活動を尊重し、一緒に作業する機会や、
            知識を次の世代に引き継ぐ工夫を含めていただくことを期待します。
            """
        ),
        city_offer=prose(
            """
            ・協働で管理する花壇の候補地の提示
            ・協賛した事業者名の表示（サインの設置）に関する調整
            ・ボランティア団体との連携の調整
            ・花苗の配布や、花と緑に関する講座など、市の既存の事業との連携
            ・市公式ウェブサイト、市公式SNSでの取組の紹介
            """
        ),
        conditions=prose(
            """
            ・花壇に設置する表示は、市の定める大きさと表示内容の基準に従ってください。
            ・外来種など、周辺の生態系に影響を与えるおそれのある植物は使用できません。
            ・花壇の管理の期間（原則として1年以上）と、管理を終えるときの扱いを定めてください。
            """
        ),
    ),
    # year-round (通年)
    DemoTheme(
        title="公共資産の有効活用と新たな財源の確保",
        department="kanzai",
        fields=("administration",),
        status=PUBLISHED,
        year_round=True,
        published_ago=250,
        background=prose(
            """
            人口減少と高齢化が進む中で、公共施設の老朽化への対応や社会保障の費用の増加により、
            市の財政は厳しさを増しています。一方で、市が持つ土地や建物の中には、
            利用の少ないものや、使われなくなった未利用地もあります。

            施設の命名権（ネーミングライツ）や広告、未利用地の貸付や売却など、
            公共資産を生かして新たな財源を生み出し、市民サービスの向上につなげることが求められてい
            ます。
            """
        ),
        wanted=prose(
            """
            市の公共資産を生かし、財源の確保や市民サービスの向上につなげる提案を、
            通年で受け付けます。
            ・施設の命名権、広告、協賛
            ・未利用地や、使われていない施設・スペースの活用
            ・公共施設の維持管理と運営の効率化
            ・公共施設を複合化・集約化する際の、民間の施設との組み合わせ
            """
        ),
        business_role=prose(
            """
            資産の活用策の企画と事業の実施、費用の負担または収益の一部の還元などを想定しています。

            市民サービスが低下しないことを前提に、市の財政への効果（収入の増加、
            経費の削減）を具体的に示していただける提案を歓迎します。
            """
        ),
        city_offer=prose(
            """
            ・公共施設の一覧、利用状況、維持管理費のデータ（公共施設等総合管理計画の関連資料）
            ・未利用地の情報の提供と、現地を確認する機会
            ・施設を所管する部署、指定管理者との調整
            ・導入した取組の、市公式ウェブサイトと「広報みしま」での紹介
            """
        ),
        conditions=prose(
            """
            ・命名権や広告は、市の広告掲載の基準に合うものに限ります。
            ・命名権の愛称は、施設の性格と利用する人にふさわしいものとしてください。
            ・財産の貸付や売却は、法令と市の規則に基づく手続き（公募が必要な場合を含む）を経て行い
            ます。
            """
        ),
        questions=(
            DemoQuestion(
                asked_ago=120,
                question="ネーミングライツは、市が対象の施設を指定するものに限られますか。",
                answer=prose(
                    """
                    市が対象の施設を指定して募集するもののほか、事業者から対象の施設と条件を提案し
                    ていただく方式も受け付けます。提案をいただいた場合も、公平性を確保するため、
                    必要に応じてほかの事業者にも参加の機会を設けます。
                    """
                ),
            ),
            DemoQuestion(
                asked_ago=40,
                question="未利用地の一覧は公開されていますか。",
                answer=prose(
                    """
                    売却や貸付の予定がある土地は、市公式ウェブサイトで公開しています。
                    それ以外の未利用地についても、提案を検討していただくための情報を、
                    共創推進室を通じて個別に提供します。
                    """
                ),
            ),
        ),
    ),
    # year-round (通年)
    DemoTheme(
        title="地域コミュニティ活動の担い手づくりと運営の負担の軽減",
        department="seisaku",
        fields=("other", "administration"),
        status=PUBLISHED,
        year_round=True,
        published_ago=180,
        background=prose(
            """
            自治会や町内会は、防災、防犯、清掃、見守り、祭りなど、地域の暮らしを支える活動を担って
            います。しかし、加入率の低下、役員の高齢化、共働きの世帯の増加により、
            役員のなり手が見つからない地域が増えています。

            回覧板や会費の集金など、紙と対面を前提にした運営は担い手の負担が大きく、
            若い世代や転入した人が参加しにくい一因にもなっています。
            """
        ),
        wanted=prose(
            """
            地域コミュニティの活動を続けやすくし、新しい担い手が参加しやすくなる提案を、
            通年で受け付けます。
            ・回覧板、連絡、会費の集金などのデジタル化
            ・地域の活動と、参加したい人や企業をつなぐ仕組み
            ・企業の従業員が地域の活動に参加する仕組み
            ・分野を問わず、地域の課題を地域で解決する取組への支援
            """
        ),
        business_role=prose(
            """
            仕組みの提供と運用の支援、地域の活動への参加、ノウハウの提供などを想定しています。

            デジタル機器に不慣れな役員や会員も取り残されないよう、紙の回覧との併用や、
            使い方の説明会などを含めた提案を期待します。
            """
        ),
        city_offer=prose(
            """
            ・自治会の連合組織との対話の場の設定
            ・モデルとなる地域の選定と、試行の調整
            ・市の地域づくりに関する補助制度の案内
            ・地域の活動の事例の、「広報みしま」と市公式ウェブサイトでの紹介
            """
        ),
        conditions=prose(
            """
            ・地域ごとに事情が異なるため、全地域への一律の導入ではなく、
            希望する地域から始める提案としてください。
            ・自治会の会員の個人情報の扱いについて、自治会と取り決めを行ってください。
            """
        ),
    ),
    # published; the call opens in two weeks
    DemoTheme(
        title="楽寿園の魅力向上と来園者サービスの充実",
        department="rakujuen",
        fields=("economy", "education"),
        status=PUBLISHED,
        opens=14,
        closes=90,
        published_ago=3,
        background=prose(
            """
            楽寿園は、明治時代に小松宮彰仁親王の別邸として造られた庭園を起源とする市立公園で、
            小浜池と湧水が織りなす景観は、国の天然記念物及び名勝に指定されています。
            園内には郷土資料館や動物とふれあえる広場、子ども向けの遊具もあり、
            三島駅から歩いてすぐの、市民と観光客の憩いの場です。

            一方で、建物や設備の老朽化が進み、来園者の年代や目的も多様になっています。
            園の歴史や湧水の価値を伝える案内が十分でないこと、雨の日や夏の暑い時期の過ごし方、
            外国からの来園者への対応などが課題です。
            """
        ),
        wanted=prose(
            """
            楽寿園の歴史と自然の価値を守りながら、来園者がより楽しく過ごせる提案を求めます。
            ・園の歴史、湧水、生き物を伝える展示やガイド、デジタルコンテンツ
            ・飲食や物販など、来園者の滞在を快適にするサービス
            ・多言語での案内、キャッシュレス決済
            ・季節の催しなど、新しい楽しみ方
            """
        ),
        business_role=prose(
            """
            サービスの提供と運営、コンテンツの制作、催しの企画と運営などを想定しています。

            楽寿園は、市民が気軽に訪れる憩いの場でもあります。観光客向けのサービスだけでなく、
            子ども連れの家族や高齢者など、日常的に訪れる市民にとっても過ごしやすくなる提案を期待し
            ます。
            """
        ),
        city_offer=prose(
            """
            ・来園者数、季節や曜日ごとの来園の傾向などの統計の提供
            ・園内の場所や建物の使用に関する調整
            ・園の歴史に関する資料の提供
            ・園内での掲示、市公式ウェブサイト、市公式SNSでの発信
            """
        ),
        conditions=prose(
            """
            ・天然記念物及び名勝に指定された区域で現状を変更するには、文化財保護法に基づく手続きが
            必要です。
            ・動物の飼育環境に影響を与えないようにしてください。
            ・募集の開始前でも、共創推進室への事前の相談を受け付けます。
            """
        ),
    ),
    # published, deadline passed: not closed by hand, the list shows it closed
    DemoTheme(
        title="防災情報の多言語での発信と、避難所運営の支援",
        department="kiki",
        fields=("machizukuri", "welfare"),
        status=PUBLISHED,
        opens=-75,
        closes=-10,
        published_ago=80,
        background=prose(
            """
            本市では、南海トラフ地震などの大規模な地震、富士山の噴火、台風や大雨による浸水など、
            さまざまな災害への備えが求められています。災害の際には、正確な情報を速やかに届けること
            、避難所を円滑に開設し運営することが欠かせません。

            市内には外国籍の住民も暮らし、観光客も多く訪れるため、日本語の情報だけでは必要な情報が
            届かないおそれがあります。また、避難所の受付や物資の管理は紙で行っており、
            避難者の状況の把握に時間がかかることが課題です。
            """
        ),
        wanted=prose(
            """
            災害の際の情報の発信と、避難所の運営を支える提案を求めます。
            ・防災情報を多言語で、わかりやすく発信する仕組み
            ・避難所の受付、避難者の把握、物資の管理をデジタルで支援する仕組み
            ・平時からの防災訓練や啓発への協力
            ・災害の際の物資、場所、人員の提供に関する協定
            """
        ),
        business_role=prose(
            """
            システムやサービスの提供、訓練への参加、災害の際の協力などを想定しています。

            災害はいつ起きるかわからないため、平時から訓練の中で使い、避難所を運営する地域の人や職
            員が使い方に慣れておけるような提案を期待します。
            """
        ),
        city_offer=prose(
            """
            ・ハザードマップ、避難所の一覧などのデータの提供
            ・市の総合防災訓練での試行の調整
            ・自主防災組織との連携の調整
            ・国際交流の関係団体との、多言語の表現に関する調整
            """
        ),
        conditions=prose(
            """
            ・停電や通信の障害が起きたときにも使えることを示してください。
            ・避難者の個人情報は、災害の対応に必要な範囲に限って扱ってください。
            ・平時の費用の負担と、災害の際の費用の扱いを明確にしてください。
            """
        ),
    ),
    # closed by the office with close_theme
    DemoTheme(
        title="三島駅と箱根西麓エリアを結ぶ二次交通の充実",
        department="shoko",
        fields=("economy", "machizukuri"),
        status=CLOSED,
        opens=-150,
        closes=-30,
        published_ago=160,
        background=prose(
            """
            箱根西麓エリアには、三島スカイウォーク、山中城跡、箱根西麓三島野菜の畑や直売所など、
            富士山や駿河湾の眺めとともに楽しめる観光の資源があります。しかし、
            三島駅からこれらの場所へ向かう公共交通は本数が限られ、自家用車を持たない来訪者にとって
            は訪れにくい状況です。

            週末や大型連休には道路の渋滞が起きることもあり、来訪者の移動手段の確保と、
            まちなかの観光地との周遊が課題となっています。
            """
        ),
        wanted=prose(
            """
            三島駅と箱根西麓エリアを結び、来訪者が車を使わずに周遊できる二次交通の提案を求めます。
            ・観光周遊バス、乗合タクシー、オンデマンド交通などの運行
            ・電動アシスト付きのシェアサイクルなど、坂道でも使いやすい移動手段
            ・交通と観光施設の入場などを組み合わせたチケット
            ・交通の案内と予約をまとめて行える仕組み
            """
        ),
        business_role=prose(
            """
            交通サービスの運行、予約や案内の仕組みの提供、観光施設との連携などを想定しています。

            観光の繁忙期と閑散期の差が大きいため、需要に合わせて運行を調整できる仕組みや、
            地域の住民の移動にも役立つ運行の工夫を含めた提案を期待します。
            """
        ),
        city_offer=prose(
            """
            ・観光客数、交通に関する調査の結果の提供
            ・交通事業者、観光施設との対話の場の設定
            ・国や県の補助制度の活用に関する調整
            ・観光情報サイト、市公式SNSでの発信
            """
        ),
        conditions=prose(
            """
            ・旅客の運送を行う場合は、道路運送法に基づく許可などが必要です。
            ・既存の路線バスとの役割の分担に配慮してください。
            ・このテーマの募集は締め切りました。いただいた提案について、現在、対話を進めています。
            """
        ),
        questions=(
            DemoQuestion(
                asked_ago=100,
                question="実証運行の期間中、市から運行費の補助を受けることはできますか。",
                answer=prose(
                    """
                    実証運行の費用は、原則として提案者の負担とします。ただし、
                    国や県の補助制度を活用できる場合は、申請に向けた調整に市も協力します。
                    """
                ),
            ),
        ),
    ),
    # closed by the office with close_theme
    DemoTheme(
        title="公共施設への太陽光発電設備と蓄電池の導入",
        department="kankyo",
        fields=("environment", "administration"),
        status=CLOSED,
        opens=-200,
        closes=-60,
        published_ago=210,
        background=prose(
            """
            2050年のカーボンニュートラルの実現に向けて、市は自らの事務や事業から出る温室効果ガスを
            減らす取組を進めています。市の公共施設で使う電力の量は大きく、
            再生可能エネルギーの導入が課題ですが、設備の導入には多額の初期費用がかかります。

            また、災害による停電の際に、避難所となる施設で電力を確保することも求められています。
            """
        ),
        wanted=prose(
            """
            市の費用の負担を抑えながら、公共施設に太陽光発電設備と蓄電池を導入する提案を求めます。
            ・初期費用のかからない第三者所有モデル（PPA）などによる導入
            ・屋根や駐車場を活用した発電設備の設置
            ・災害の際に、避難所で電力を使える仕組み
            ・導入の効果（二酸化炭素の削減量、電気料金）の見える化
            """
        ),
        business_role=prose(
            """
            設備の設計・設置・所有・維持管理、電力の供給、効果の報告などを想定しています。

            契約の期間を通じて、設備の故障や災害への対応を含めて責任を持って管理し、
            発電量と二酸化炭素の削減量を定期的に報告していただくことを期待します。
            """
        ),
        city_offer=prose(
            """
            ・対象となる公共施設の一覧、電力の使用量、屋根の図面などの提供
            ・現地を確認する機会の提供
            ・施設の管理者との調整
            ・導入した施設での取組の、市公式ウェブサイトと環境に関する催しでの周知
            """
        ),
        conditions=prose(
            """
            ・屋根の耐荷重など、建物の安全性の確認が必要です。
            ・契約の期間と、期間の満了後の設備の扱いを明確にしてください。
            ・このテーマの募集は締め切りました。採否の結果と理由は、決定の後に公表します。
            """
        ),
    ),
    # draft: never public
    DemoTheme(
        title="中学校の部活動の地域展開",
        department="gakko",
        fields=("education",),
        status=DRAFT,
        background=prose(
            """
            少子化により、中学校では部員が集まらず、一つの学校だけではチームを組めない部活動が増え
            ています。また、指導の経験がない種目を教員が担当する場合もあり、
            教員の負担の大きさも課題です。国は、休日の部活動を中心に、地域のクラブなどへ展開してい
            く方針を示しています。

            本市でも、生徒がスポーツや文化芸術の活動を続けられる環境を、
            地域と一緒につくる必要があります。
            """
        ),
        wanted=prose(
            """
            中学生がスポーツや文化芸術に親しみ続けられるよう、部活動の地域展開を支える提案を求めま
            す。
            ・休日の活動を受け入れる地域のクラブの運営
            ・指導者の確保、研修、派遣の仕組み
            ・学校や地域の施設を活用した活動の場所の確保
            ・保護者の費用の負担を抑える工夫
            """
        ),
        business_role=prose(
            """
            地域のクラブの運営、指導者の派遣、活動の場の提供などを想定しています。

            勝つことだけを目的とせず、生徒が自分に合ったペースで活動を楽しめるよう、
            学校や保護者と話し合いながら進めていただくことを期待します。
            """
        ),
        city_offer=prose(
            """
            ・各中学校の部活動の状況（部の数、部員の数）の提供
            ・学校の施設の利用に関する調整
            ・地域のスポーツ団体、文化団体との対話の場の設定
            ・学校を通じた生徒と保護者への周知
            """
        ),
        conditions=prose(
            """
            ・生徒の安全管理と、指導者の研修の体制を示してください。
            ・活動の時間と休養日は、国と県の指針に沿って定めてください。
            ・（公開前の下書きです。募集の条件は教育委員会と調整しています。）
            """
        ),
    ),
    # draft: never public
    DemoTheme(
        title="中心市街地の空き店舗を活用した創業の支援",
        department="shoko",
        fields=("economy", "machizukuri"),
        status=DRAFT,
        closes=150,
        background=prose(
            """
            中心市街地の商店街では、店主の高齢化や後継者の不在により、空き店舗が見られるようになっ
            ています。一方で、湧水と水辺の景観にひかれて、市内で店を開きたいという若い世代や移住を
            考える人からの相談も寄せられています。

            空き店舗の所有者と創業を希望する人が出会う機会が少なく、改修の費用や契約の条件が折り合
            わないことが、活用が進まない理由の一つです。
            """
        ),
        wanted=prose(
            """
            中心市街地の空き店舗を生かし、新しい店や事業が生まれる提案を求めます。
            ・空き店舗の情報の集約と、所有者と創業を希望する人のマッチング
            ・短い期間の出店（チャレンジショップ）や、複数の事業者による共同の利用
            ・改修の費用を抑える工夫や、資金の調達の支援
            """
        ),
        business_role=prose(
            """
            マッチングの仕組みの運営、物件の改修と転貸、創業の支援などを想定しています。

            所有者の事情（住まいと店舗が一体になっている、貸すことに不安があるなど）に寄り添い、
            所有者と創業する人の双方が納得できる仕組みを期待します。
            """
        ),
        city_offer=prose(
            """
            ・商店街の空き店舗の状況に関する調査の結果の提供
            ・商店街、商工会議所との対話の場の設定
            ・市の創業支援の制度の案内
            ・開業した店舗の、市公式ウェブサイトと市公式SNSでの紹介
            """
        ),
        conditions=prose(
            """
            ・建物の改修には、建築基準法などの法令に基づく確認が必要な場合があります。
            ・（公開前の下書きです。商店街との調整が終わりしだい公開します。）
            """
        ),
    ),
)


# The demo businesses. 法人番号: the check digit (the first digit) is computed from twelve
# digits chosen for the demo; registry code 9999 belongs to no legal affairs bureau, so the
# number cannot be a real company's.
DEMO_CORPORATE_NUMBER_BASE = "999901020615"
DEMO_CORPORATE_NUMBER = (
    corporate_number.calc_check_digit(DEMO_CORPORATE_NUMBER_BASE) + DEMO_CORPORATE_NUMBER_BASE
)

ORGANIZATIONS = (
    DemoOrganization(
        founder="biz-a@example.jp",
        details={
            "name": "株式会社みしまデジタルラボ",
            "name_kana": "ミシマデジタルラボ",
            "corporate_number": DEMO_CORPORATE_NUMBER,
            "postal_code": "411-0036",
            "address": "静岡県三島市一番町18-22 一番町ビル4階",
            "representative": "代表取締役 渡辺 健一",
            "contact_person": "佐藤 美咲",
            "phone": "055-900-0101",
            "email": "info@mishima-digilab.example.jp",
            "size": Organization.Size.SMALL,
            "is_local": True,
        },
        colleagues=("biz-a2@example.jp",),
        invited=("tanaka@mishima-digilab.example.jp",),
    ),
    DemoOrganization(
        founder="biz-b@example.jp",
        details={
            "name": "NPO法人せせらぎ環境ネット",
            "name_kana": "セセラギカンキョウネット",
            "corporate_number": "",
            "postal_code": "411-0857",
            "address": "静岡県三島市芝本町5-12 せせらぎ会館2階",
            "representative": "理事長 杉山 和子",
            "contact_person": "小林 翔太",
            "phone": "055-900-0202",
            "email": "office@seseragi-net.example.jp",
            "size": Organization.Size.NONPROFIT,
            "is_local": True,
        },
    ),
    # Applicants to the open calls (公募): they never see the original proposals.
    DemoOrganization(
        founder=BIZ_C,
        details={
            "name": "一般社団法人みしま里山こども学校",
            "name_kana": "ミシマサトヤマコドモガッコウ",
            "corporate_number": (
                corporate_number.calc_check_digit("999901030712") + "999901030712"
            ),
            "postal_code": "411-0011",
            "address": "静岡県三島市松本1-8",
            "representative": "代表理事 青木 陽子",
            "contact_person": "石川 大地",
            "phone": "055-900-0303",
            "email": "info@satoyama-kodomo.example.jp",
            "size": Organization.Size.NONPROFIT,
            "is_local": True,
        },
    ),
    DemoOrganization(
        founder=BIZ_D,
        details={
            "name": "株式会社駿河メディアワークス",
            "name_kana": "スルガメディアワークス",
            "corporate_number": (
                corporate_number.calc_check_digit("999901040818") + "999901040818"
            ),
            "postal_code": "420-0858",
            "address": "静岡県静岡市葵区伝馬町9-1",
            "representative": "代表取締役 村上 誠",
            "contact_person": "松田 彩",
            "phone": "054-900-0404",
            "email": "contact@suruga-media.example.jp",
            "size": Organization.Size.SMALL,
            "is_local": False,
        },
    ),
)

CONSULTATION, FULL = Proposal.Intent.CONSULTATION, Proposal.Intent.PROPOSAL
CITY_PAYS, NO_COST = Proposal.CostBearing.CITY, Proposal.CostBearing.NONE

V = SharedGoal.Viewpoint
DIALOGUE, LIAISON = MeetingRecord.Kind.DIALOGUE, MeetingRecord.Kind.LIAISON
IN_PERSON, ONLINE = MeetingRecord.Form.IN_PERSON, MeetingRecord.Form.ONLINE

# Attendees of the meetings, one per line, as the records list them (fictitious people).
OFFICE_PEOPLE = "政策企画課 共創推進室 主査 杉本 亮"
KANKYO_PEOPLE = "環境政策課 課長補佐 山本 直樹\n環境政策課 主任 中村 結衣"
KOSODATE_PEOPLE = "子育て支援課 係長 高橋 真理\n子育て支援課 主事 森 拓海"
A_PEOPLE = "株式会社みしまデジタルラボ 佐藤 美咲\n株式会社みしまデジタルラボ 田村 航"
B_PEOPLE = (
    "NPO法人せせらぎ環境ネット 事務局長 小林 翔太\nNPO法人せせらぎ環境ネット 理事長 杉山 和子"
)

# The demo proposals and what became of them. They are submitted in the order of their dates of
# receipt, oldest first, so the reference numbers follow the dates (R…-0001 is the oldest on an
# empty database). Applications to an open call are the exception: they are made while the story
# of the case that published the call is told, so they are numbered right after that case.
# Content is data, in Japanese, and is not translated.
PROPOSALS = (
    # Cases the city has worked on, oldest first: with the newest proposals below, one in every
    # state of the workflow (DESIGN §4). 環境政策課 (kankyo@) and 子育て支援課 (kosodate@) each have
    # cases of their own; other departments have cases neither of them sees.
    #
    # B → completed (環境政策課): a pilot under a partnership agreement, liaison meetings, done.
    DemoProposal(
        owner=BIZ_B,
        field="environment",
        department="kankyo",
        title="中小事業所の省エネ診断と改善の伴走支援（試行）",
        outline=prose(
            """
            市内の中小事業所10社を対象に、当法人の省エネ診断員が電気とガスの使い方を無料で診断
            し、照明や空調の運用の改善を半年かけて伴走支援する試行を提案します。診断の結果と削
            減量は、事業所の了解を得て、市の脱炭素の取組みの事例として公開します。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                市の地球温暖化対策実行計画では、事務所や店舗などの業務部門の排出削減が課題とさ
                れています。中小事業所では省エネの担当者がいない、何から手を付けてよいかわから
                ない、という声が多く、国や県の補助制度も十分に使われていません。当法人は家庭向
                けの省エネ相談会を年6回開いてきましたが、近年は事業所からの相談が増えています
                。
                """
            ),
            "body": prose(
                """
                ・三島商工会議所を通じて参加する事業所を募り、業種の偏りがないよう10社を選びま
                す。
                ・当法人の省エネ診断員（エネルギー管理士を含む3名）が各事業所を訪ね、電気とガ
                スの使用量、照明、空調、設備の運転の状況を診断します。
                ・すぐにできる運用の改善（空調の設定、デマンドの管理、照明の間引きなど）と、補
                助制度を使った設備の更新の案を報告書にまとめます。
                ・3か月後と6か月後に再び訪ね、効果を事業所と一緒に確かめます。
                ・結果は事業所の了解を得て事例集にまとめ、公開します。
                """
            ),
            "effect_citizens": prose(
                """
                参加事業所で働く人の職場の環境（空調、照明）がよくなります。事例集を通じて、ほ
                かの事業所が省エネに取り組むきっかけが増えます。
                """
            ),
            "effect_financial": prose(
                """
                参加事業所の光熱費が下がります（1社あたり年間5〜15%を想定）。診断の費用は当法
                人が民間の助成金で賄うため、市の費用の負担はありません。
                """
            ),
            "effect_growth": prose(
                """
                市は業務部門の排出の実態を、事業所の実測のデータで把握できるようになります。当
                法人にとっては、診断員を育てる機会になります。
                """
            ),
            "effect_region": prose(
                """
                事業所の脱炭素の取組みが地域の企業の価値を高め、「環境先進都市・三島」の発信に
                つながります。
                """
            ),
            "roles": prose(
                """
                当法人：参加事業所の募集の実務、診断、報告書の作成、再訪問、事例集の作成。

                市：商工会議所との調整、「広報みしま」での募集の周知、事例集の市ウェブサイトで
                の公開、国・県の補助制度の情報の提供。
                """
            ),
            "schedule": prose(
                """
                ・協定の締結後1か月目：参加事業所の募集と選定
                ・2〜3か月目：訪問による診断と報告
                ・4〜6か月目：運用の改善の伴走と再訪問
                ・7か月目：効果の取りまとめと事例集の公開
                """
            ),
            "cost_bearing": NO_COST,
            "cost_detail": prose(
                """
                診断員の人件費と計測機器の費用（約180万円）は、民間の環境助成金と当法人の自主
                財源で賄います。
                """
            ),
            "requests_to_city": prose(
                """
                商工会議所への協力の依頼、「広報みしま」での募集記事の掲載、市の補助制度の担当
                課との情報の共有。
                """
            ),
            "know_how": prose(
                """
                業種ごとにまとめた簡易な省エネ診断のチェックリストと、限られた計測から年間の削
                減量を推計する当法人の方法。
                """
            ),
            "consent_to_publish": True,
        },
        submit=True,
        received_ago=118,
        story=(
            Assign(117, "kankyo"),
            Move(116, A.START_DIALOGUE, hour=10),
            Say(
                116,
                KANKYO,
                prose(
                    """
                    ご提案ありがとうございます。環境政策課です。事業所の省エネは、実行計画でも
                    手薄になっている分野で、関心を持って拝見しました。参加事業所の募り方と、診
                    断の結果の扱いについて、一度お話を伺えますか。
                    """
                ),
            ),
            Say(
                115,
                BIZ_B,
                prose(
                    """
                    ありがとうございます。来週の火曜日か木曜日の午後でしたら、事務局長の小林と
                    理事長の杉山が伺えます。診断のチェックリストの見本もお持ちします。
                    """
                ),
            ),
            Meet(
                111,
                KANKYO,
                city_attendees=KANKYO_PEOPLE + "\n" + OFFICE_PEOPLE,
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    提案の内容と試行の規模を確認した。対象は従業員50人以下の事業所10社とし、
                    業種は小売、飲食、製造、事務所から偏りなく選ぶ。診断の結果は事業所ごとの報
                    告書とし、事例集には事業所の了解を得たものだけを載せる。市の費用の負担はな
                    い。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：募集の案内の案と、事業所の同意書の案を作成する（2週間以内）
                    ・市：商工会議所の産業振興の担当に協力を打診する
                    """
                ),
                hour=15,
            ),
            Say(
                110,
                KANKYO,
                prose(
                    """
                    商工会議所の産業振興担当に打診済み。会報での募集の周知に協力が得られる見込
                    み。予算措置は不要で、連携協定による実施が適当と考える。
                    """
                ),
                internal=True,
            ),
            Move(
                104,
                A.TO_PLANNING,
                reason=prose(
                    """
                    面談で試行の規模、役割の分担、費用の負担（市の負担なし）を確認できたため、
                    目標と指標を事業者と協議する段階に進める。
                    """
                ),
            ),
            Goal(
                102,
                KANKYO,
                V.CITIZENS,
                "参加する事業所の職場の環境を保ちながら、無理のない省エネを定着させる。",
                (KPI("運用の改善を続けている参加事業所", "社", "0", "8"),),
            ),
            Goal(
                102,
                KANKYO,
                V.FINANCIAL,
                "市の費用の負担なく、参加事業所の光熱費を下げる。",
                (
                    KPI("参加事業所の電気の使用量の削減率（前年同期比）", "%", "0", "10"),
                    KPI("試行に係る市の支出", "円", "0", "0"),
                ),
            ),
            Goal(
                102,
                KANKYO,
                V.GROWTH,
                "事業所の実測のデータをもとに、業務部門の省エネ施策を検討できるようにする。",
                (KPI("診断の結果を匿名で集計した業種別の報告", "件", "0", "4"),),
            ),
            Goal(
                102,
                KANKYO,
                V.REGION,
                "事業所の取組みを事例として発信し、市内の事業所に広げる。",
                (KPI("公開する事例", "件", "0", "6"),),
            ),
            Move(
                98,
                A.ADOPT,
                reason=prose(
                    """
                    実行計画の業務部門の施策を補う内容で、市の費用の負担がない。目標と指標に事
                    業者と合意した。
                    """
                ),
                public_reason=prose(
                    """
                    市内の中小事業所の省エネを進める実効性の高い提案であり、市の費用の負担なく
                    実施できることから採択しました。市と提案者が連携協定を結んで試行します。契
                    約を結ばず、提案者に独占的な利益も生じないため、他の事業者が参入する機会を
                    設ける手続は要しません。
                    """
                ),
                details={
                    "ppp_method": PPPMethod.PARTNERSHIP_AGREEMENT,
                    "opportunity": Opportunity.NONE_NEEDED,
                },
            ),
            Move(
                97,
                A.START_SELECTION,
                reason=prose(
                    """
                    連携協定による実施のため、実施者の選定の手続は要しない。協定書の案文を事業
                    者と調整する。
                    """
                ),
            ),
            Sign(
                93,
                "事業所の省エネの推進に関する連携協定",
                months=7,
                starts_in=0,
                items=(
                    (
                        "参加事業所の募集",
                        "市の広報紙・ウェブサイトで募集を周知する",
                        "募集の案内を作成し、申込みを受け付ける",
                        RoleRiskItem.Bearer.BUSINESS,
                    ),
                    (
                        "省エネ診断と改善の提案",
                        "—",
                        "計測・診断を行い、改善策を事業所に提案する",
                        RoleRiskItem.Bearer.BUSINESS,
                    ),
                    (
                        "事業所のデータの管理",
                        "匿名で集計した結果のみ受け取る",
                        "個人情報・事業所の情報を適切に管理する",
                        RoleRiskItem.Bearer.BUSINESS,
                    ),
                    (
                        "制度の変更（補助制度の改廃など）",
                        "速やかに事業者に知らせ、対応を協議する",
                        "協議に応じる",
                        RoleRiskItem.Bearer.CONSULT,
                    ),
                ),
                incentives="成果が良好な場合は、協議のうえ協定期間を1年延長できる。",
            ),
            Meet(
                70,
                KANKYO,
                kind=LIAISON,
                form=ONLINE,
                city_attendees=KANKYO_PEOPLE,
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    第1回連絡会。参加事業所10社が決まり、うち6社の診断を終えた。飲食店では厨
                    房の換気と空調の運転時間の見直しの余地が大きい。1社が営業の都合で再訪問の
                    日程を延ばしたいとの申出があった。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：残る4社の診断を来月中に終える
                    ・市：県の省エネ設備の補助制度の募集時期を確認して事業者に伝える
                    """
                ),
                hour=14,
            ),
            Meet(
                45,
                KANKYO,
                kind=LIAISON,
                city_attendees=KANKYO_PEOPLE,
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    第2回連絡会。10社すべての診断と1回目の再訪問を終えた。運用の改善だけで電気
                    の使用量が前年同期比で平均8%減った。2社が県の補助制度を使って照明のLED化
                    を申請した。
                    """
                ),
                next_steps="・事業者：事例集の原稿を作成し、掲載する事業所の了解を得る",
                hour=14,
            ),
            Report(
                44,
                KANKYO,
                months=2,
                summary=prose(
                    """
                    参加事業所10社すべての診断と1回目の再訪問を終えた。運用の改善（空調の設定温
                    度と運転時間、換気、照明の消し忘れ防止）を中心に提案し、全社が取り組んでい
                    る。
                    """
                ),
                assessment=prose(
                    """
                    運用の改善だけで目標の8割の削減を達成しており、順調。設備の更新は費用の面で
                    慎重な事業所が多く、県の補助制度の周知が課題。
                    """
                ),
                results=(
                    ("参加事業所の電気の使用量の削減率（前年同期比）", "8", True),
                    ("運用の改善を続けている参加事業所", "10", True),
                    ("試行に係る市の支出", "0", True),
                    ("公開する事例", "0", False),
                ),
                actions=(
                    (
                        "県の省エネ設備の補助制度の案内を、診断の報告書に添えて配る",
                        ImprovementAction.Owner.BUSINESS,
                        "NPO法人せせらぎ環境ネット 小林",
                        14,
                    ),
                    (
                        "事例集に載せる事業所の了解の取り方（文書の様式）を決める",
                        ImprovementAction.Owner.BOTH,
                        "環境政策課 中村／せせらぎ環境ネット 小林",
                        10,
                    ),
                ),
            ),
            Say(
                30,
                BIZ_B,
                prose(
                    """
                    試行の結果報告書の案をお送りします。事例集には8社が掲載に同意してください
                    ました。ご確認のうえ、修正の点があればお知らせください。
                    """
                ),
                files=(
                    DemoFile(
                        name="省エネ診断試行_結果報告書（案）.pdf",
                        heading="中小事業所の省エネ診断　試行の結果（案）",
                        lines=(
                            "１．参加事業所：１０社（小売３、飲食３、製造２、事務所２）",
                            "２．電気の使用量：前年同期比　平均１２％の削減",
                            "３．設備の更新：照明のＬＥＤ化　２社（県の補助制度を活用）",
                            "４．事例集：掲載に同意した事業所　８社",
                            "ＮＰＯ法人せせらぎ環境ネット",
                        ),
                    ),
                ),
            ),
            Read(29, KANKYO),
            Say(
                28,
                KANKYO,
                prose(
                    """
                    報告書の案を拝見しました。事例集の掲載の順を業種別にしていただければ、その
                    まま市のウェブサイトに掲載できます。修正版をお待ちしています。
                    """
                ),
            ),
            Meet(
                25,
                KANKYO,
                kind=LIAISON,
                shared=False,
                city_attendees=KANKYO_PEOPLE + "\n" + OFFICE_PEOPLE,
                business_attendees="（市の内部の打合せ）",
                summary=prose(
                    """
                    試行の評価について課内で協議した。目標の指標はおおむね達成した。来年度の本
                    格実施は、予算を伴う業務委託とするか、連携協定のまま対象を広げるかを、財政
                    課と協議のうえで決める。
                    """
                ),
                next_steps="・環境政策課：来年度の実施の方法について財政課と協議する",
                hour=16,
            ),
            Move(
                20,
                A.COMPLETE,
                reason="協定期間が満了し、結果報告書と事例集を受領した。",
                public_reason=prose(
                    """
                    参加した10社で電気の使用量が前年同期比で平均12%減り、8社の取組みを事例集
                    として公開しました。協定期間の満了をもって試行を完了します。結果は来年度の
                    事業所向けの省エネ施策の検討に生かします。
                    """
                ),
            ),
            Say(
                19,
                KANKYO,
                prose(
                    """
                    試行の完了にあたり、半年にわたるご協力に感謝します。事例集は市のウェブサイ
                    トに掲載しました。来年度の進め方は、決まり次第ご相談します。
                    """
                ),
            ),
            Publish(18, A.ADOPT, hour=12),
            Publish(18, A.COMPLETE, hour=13),
        ),
    ),
    # B → operating (子育て支援課): adopted as a service contract, open call won, running.
    DemoProposal(
        owner=BIZ_B,
        field="childcare",
        department="kosodate",
        title="湧水の水辺と里山で遊ぶ「放課後しぜん教室」",
        outline=prose(
            """
            小学生を対象に、放課後と土曜日に、源兵衛川の水辺や箱根西麓の里山で遊びながら自然に
            親しむ教室を開きます。放課後児童クラブと連携し、共働きの家庭の子どもも参加できるよう
            にします。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                市内の放課後児童クラブは利用の希望が多く、室内で過ごす時間が長くなりがちです。
                保護者の調査では「外で思い切り遊ぶ機会が少ない」という声が多く寄せられていま
                す。一方、市内には湧水の川や里山など、子どもが安全に自然に触れられる場所が身近
                にあります。
                """
            ),
            "body": prose(
                """
                ・月4回（平日の放課後3回、土曜日1回）、1回20人までの教室を開きます。
                ・放課後児童クラブから当法人の指導員が子どもを引率し、終了後はクラブに送り届け
                ます。
                ・水辺の生きもの探し、木の実や落ち葉の工作、湧水の温度の観察など、季節ごとのプ
                ログラムを用意します。
                ・指導員2人に子ども10人の体制とし、救命講習を受けた指導員を必ず配置します。
                """
            ),
            "effect_citizens": prose(
                """
                子どもが放課後に自然の中で体を動かし、友だちと協力して遊ぶ機会が増えます。共働
                きの家庭も、送迎の負担なく参加させられます。
                """
            ),
            "effect_financial": prose(
                """
                既存の放課後児童クラブの場所と職員の配置を変えずに、活動の幅を広げられます。
                """
            ),
            "effect_growth": prose(
                """
                参加した子どもの様子を記録し、放課後の居場所づくりの施策の検討に生かせます。地
                域の大学生を指導員として育てます。
                """
            ),
            "effect_region": prose(
                """
                子どもの頃から湧水の川や里山に親しむことで、「水の都・三島」の環境を守る次の世
                代が育ちます。
                """
            ),
            "roles": prose(
                """
                当法人：プログラムの企画と運営、指導員の確保と研修、子どもの引率と安全管理、保
                険への加入、毎月の活動の報告。

                市：放課後児童クラブとの調整、保護者への周知、活動の場所の使用の調整。
                """
            ),
            "schedule": prose(
                """
                ・契約の締結後1か月目：指導員の研修、保護者への説明会
                ・2か月目から：教室の開始（月4回）
                ・毎月：市との連絡会で活動の状況と安全の確認
                """
            ),
            "cost_bearing": CITY_PAYS,
            "cost_detail": prose(
                """
                指導員の人件費、保険料、教材の費用として年間約240万円。市の業務委託で実施する
                ことを想定しています。参加する家庭の負担は、1回100円の教材費のみとします。
                """
            ),
            "requests_to_city": "放課後児童クラブへの協力の依頼と、保護者への周知。",
            "know_how": prose(
                """
                子ども10人あたり指導員2人で水辺の活動を安全に行う当法人の手順書と、季節ごとの
                プログラムの教案。
                """
            ),
            "consent_to_publish": True,
        },
        submit=True,
        received_ago=105,
        story=(
            Assign(104, "kosodate"),
            Move(103, A.START_DIALOGUE, hour=10),
            Say(
                103,
                KOSODATE,
                prose(
                    """
                    ご提案ありがとうございます。子育て支援課です。放課後児童クラブからの引率と
                    、水辺での安全管理の体制について詳しく伺いたいので、面談の日程を調整させて
                    ください。
                    """
                ),
            ),
            Say(
                102,
                BIZ_B,
                "承知しました。安全管理の手順書をお持ちして伺います。候補日を三つお送りします。",
            ),
            Meet(
                98,
                KOSODATE,
                city_attendees=KOSODATE_PEOPLE + "\n" + OFFICE_PEOPLE,
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    引率の方法と安全管理の手順を確認した。雨天や増水のときは室内のプログラムに
                    切り替える基準を明文化する。放課後児童クラブ2か所で試行し、費用は市の業務
                    委託とする方向で検討する。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：増水時の中止の基準を手順書に加える
                    ・市：試行する放課後児童クラブ2か所と調整する
                    """
                ),
                hour=15,
            ),
            Move(
                92,
                A.TO_PLANNING,
                reason="安全管理の基準と試行の範囲が固まったため、目標と指標の協議に進む。",
            ),
            Goal(
                88,
                KOSODATE,
                V.CITIZENS,
                "放課後に自然の中で遊ぶ機会を、共働きの家庭の子どもにも届ける。",
                (
                    KPI("教室の延べ参加者", "人", "0", "600"),
                    KPI("保護者アンケートで「満足」と答えた割合", "%", "-", "80"),
                ),
            ),
            Goal(
                88,
                KOSODATE,
                V.FINANCIAL,
                "放課後児童クラブの職員を増やさずに活動の幅を広げる。",
                (KPI("1回あたりの委託費", "円", "-", "50,000以下"),),
            ),
            Goal(
                88,
                KOSODATE,
                V.GROWTH,
                "地域の大学生を指導員に育て、担い手を増やす。",
                (KPI("研修を終えた指導員", "人", "3", "8"),),
            ),
            Goal(
                88,
                KOSODATE,
                V.REGION,
                "水辺と里山の自然を守る意識を、子どもの頃から育てる。",
                (KPI("教室で扱う市内の自然の場所", "か所", "0", "6"),),
            ),
            Evaluate(
                80,
                Round.Kind.ADOPTION_REVIEW,
                "「放課後しぜん教室」採否審査",
                evaluators=(EVALUATOR, EVALUATOR2),
                scores={
                    EVALUATOR: {BIZ_B: (12, 7, 8, 8, 16, 12, 7, 8)},
                    EVALUATOR2: {BIZ_B: (13, 6, 7, 9, 15, 11, 8, 9)},
                },
                reason="予算措置（業務委託）の見込みが立ち、目標と指標に合意した。審査の平均は78点。",
                public_reason=prose(
                    """
                    放課後の子どもの居場所を広げる有効な提案として採択しました（採否審査の平均点
                    78点、合格基準60点）。市の業務委託で実施するため、公募型プロポーザルにより
                    実施者を選定します。提案者には、提案の独自性を評価して審査の際に加点します。
                    """
                ),
                details={
                    "ppp_method": PPPMethod.OUTSOURCING,
                    "opportunity": Opportunity.OPEN_CALL,
                },
            ),
            Move(
                79,
                A.START_SELECTION,
                reason="公募型プロポーザルの実施要領を公表した（公募期間1か月）。",
            ),
            Call(
                79,
                "放課後しぜん教室 運営業務委託 公募型プロポーザル",
                summary=prose(
                    """
                    市内の湧水の水辺と里山で、小学生が放課後や休日に自然の中で遊び学ぶ教室を運
                    営する事業者を募集します。年間48回以上の教室の企画・運営、指導員の確保と研
                    修、安全管理、参加者の募集と保護者への連絡を含みます。
                    """
                ),
                conditions=prose(
                    """
                    ・子どもを対象とした自然体験活動の運営の実績があること
                    ・指導員に救命講習を修了した者を含むこと
                    ・市税の滞納がないこと
                    ・評価は共創指針に基づく標準評価基準（100点）により行い、60点に満たない提案
                    は選定しません。本件の提案者には5点を加点します。
                    """
                ),
                days=21,
                contact="子育て支援課 055-983-2678",
                hour=17,
            ),
            Say(
                70,
                BIZ_B,
                "公募の参加申込書を提出しました。受付の確認をお願いできますでしょうか。",
            ),
            Say(
                69,
                KOSODATE,
                prose(
                    """
                    参加申込書を受け付けました。公募期間中は公平のため、実施要領の内容について
                    のご質問は、要領に定める質問の受付の方法でお願いします。
                    """
                ),
            ),
            Apply(
                68,
                BIZ_C,
                "里山の一年を遊びつくす放課後自然学校",
                prose(
                    """
                    市内の里山と水辺で、季節ごとの遊びと学びのプログラムを年間50回開きます。地
                    域の農家や森林ボランティアと連携し、子どもが里山の手入れにも関わりながら、
                    放課後と土曜日を自然の中で過ごせるようにします。
                    """
                ),
                content={
                    "background": prose(
                        """
                        市内の小学生が放課後に自然の中で思い切り遊べる場所と時間は、年々減って
                        います。当法人が昨年度に保護者200人に行ったアンケートでは、7割が「子ども
                        が外で遊ぶ機会が足りない」と答えました。一方、箱根西麓の里山は手入れの担
                        い手が減り、竹や下草が茂って子どもが入りにくくなっています。
                        """
                    ),
                    "body": prose(
                        """
                        ・年間50回（平日の放課後40回、土曜日10回）、1回20人までの教室を開きます。
                        ・春は田植えと沢遊び、夏は川の生きもの調べ、秋は木の実拾いとたき火、冬は
                        竹細工と炭焼きと、季節の遊びを軸にプログラムを組みます。
                        ・放課後児童クラブまで当法人の指導員が迎えに行き、終了後は保護者の迎えの
                        場所まで送ります。
                        ・指導員1人に子ども5人の体制とし、全員が救命講習と野外活動の安全講習を修
                        了しています。
                        """
                    ),
                    "effect_citizens": prose(
                        """
                        子どもが季節の移ろいを体で感じながら、学年の違う友だちと協力して遊ぶ機会
                        が増えます。送迎を当法人が担うため、共働きの家庭も参加させやすくなります
                        。
                        """
                    ),
                    "effect_financial": prose(
                        """
                        地域の農家や森林ボランティアが講師として協力するため、1回あたりの費用を
                        48,000円に抑えられます。活動の場所は協力者の土地を使い、施設の使用料はか
                        かりません。
                        """
                    ),
                    "effect_growth": prose(
                        """
                        地域の高校生と大学生を補助の指導員として受け入れ、3年間で10人の指導員を
                        育てます。活動の記録は、市の放課後の居場所づくりの検討に提供します。
                        """
                    ),
                    "effect_region": prose(
                        """
                        子どもと家族が里山の草刈りや竹の間伐に関わることで、手入れの担い手が増え
                        、荒れた里山の再生につながります。
                        """
                    ),
                    "roles": prose(
                        """
                        当法人：プログラムの企画と運営、指導員の確保と研修、子どもの送迎と安全管
                        理、保険への加入、毎月の活動の報告。

                        市：会場となる公園や学校の使用の調整、放課後児童クラブと保護者への周知。
                        """
                    ),
                    "schedule": prose(
                        """
                        ・4月：指導員の研修、協力者との会場の下見、保護者への説明会
                        ・5月から翌年2月まで：毎週の教室（夏休みは土曜日の回を増やす）
                        ・3月：一年の活動の報告会
                        """
                    ),
                    "cost_bearing": CITY_PAYS,
                    "cost_detail": prose(
                        """
                        1回あたり48,000円（指導員の人件費、保険料、教材と送迎の車両の費用を含む
                        ）、年間約240万円。参加する家庭の負担は、1回200円の教材費のみとします。
                        """
                    ),
                    "contact_name": "石川 大地",
                    "contact_email": "info@satoyama-kodomo.example.jp",
                },
            ),
            Apply(
                66,
                BIZ_D,
                "映像で記録する放課後しぜん探検",
                prose(
                    """
                    自然体験の様子を子ども自身がタブレットで映像に記録し、編集して発表会で共有
                    する教室を開きます。体験を振り返り、言葉と映像で人に伝える力を育てます。
                    """
                ),
                content={
                    "background": prose(
                        """
                        自然体験の教室は各地で開かれていますが、体験したことを振り返り、言葉にし
                        て人に伝える機会は多くありません。当社は県内の小学校で映像制作の出前授業
                        を5年間続けてきましたが、自分で撮った映像を見返した子どもが、気づいたこと
                        を生き生きと話し始める姿を見てきました。
                        """
                    ),
                    "body": prose(
                        """
                        ・月4回、1回15人までの自然体験の教室を開き、子どもが水辺や森の様子をタブ
                        レットで撮影します。
                        ・撮影した映像は、当社の映像作家の指導のもとで、班ごとに3分ほどの作品に編
                        集します。
                        ・9月と2月に、保護者や地域の方を招いた発表会を開き、作品を上映します。
                        ・指導員2人と映像の講師1人の体制で、安全管理と機材の扱いを指導します。
                        """
                    ),
                    "effect_citizens": prose(
                        """
                        子どもが体験を言葉と映像で伝える力を身につけます。作品を通じて、保護者や
                        地域の方も子どもの体験を分かち合えます。
                        """
                    ),
                    "effect_financial": prose(
                        """
                        タブレットと編集の機材は当社が用意するため、市が機材を購入する必要はあり
                        ません。1回あたりの費用は45,000円です。
                        """
                    ),
                    "effect_growth": prose(
                        """
                        撮影と編集を通じて、子どもが情報を整理して発信するデジタル表現の力を学べ
                        ます。指導の手順は教材にまとめ、学校の授業にも使えるようにします。
                        """
                    ),
                    "effect_region": prose(
                        """
                        発表会の作品を市の広報やウェブサイトで紹介することで、地域の自然の魅力を
                        市の内外に発信できます。
                        """
                    ),
                    "roles": prose(
                        """
                        当社：プログラムの企画と運営、映像の講師と指導員の派遣、機材の用意と管理
                        、作品の著作権と撮影の同意の管理。

                        市：会場の調整、放課後児童クラブと保護者への周知、発表会の会場の提供。
                        """
                    ),
                    "schedule": prose(
                        """
                        ・4月：機材の準備、指導員の研修、保護者への説明会と撮影の同意の取得
                        ・5月から：月4回の教室
                        ・9月と2月：発表会での作品の上映
                        """
                    ),
                    "cost_bearing": CITY_PAYS,
                    "cost_detail": prose(
                        """
                        1回あたり45,000円（タブレットと編集の機材の費用を含む）、年間約216万円。
                        参加する家庭の負担はありません。
                        """
                    ),
                    "contact_name": "松田 彩",
                    "contact_email": "contact@suruga-media.example.jp",
                },
            ),
            Evaluate(
                62,
                Round.Kind.SELECTION,
                "放課後しぜん教室 運営事業者の選定",
                evaluators=(EVALUATOR, EVALUATOR2),
                conflicts=((EVALUATOR2, BIZ_D, "過去2年以内に同社の業務を受託したことがある。"),),
                scores={
                    EVALUATOR: {
                        BIZ_B: (12, 7, 8, 8, 16, 12, 6, 9),
                        BIZ_C: (11, 7, 7, 8, 15, 12, 8, 9),
                        BIZ_D: (9, 6, 6, 5, 12, 10, 9, 3),
                    },
                    EVALUATOR2: {
                        BIZ_B: (13, 6, 7, 9, 15, 11, 7, 9),
                        BIZ_C: (12, 8, 8, 8, 14, 11, 8, 9),
                    },
                },
                selected=BIZ_B,
                reason="選定委員2名の評価の平均に提案者加点を加えた合計で最上位（82.50点）。",
                public_reason=prose(
                    """
                    応募3者を共創指針に基づく標準評価基準で評価した結果、合計点が最も高かった提
                    案者を実施事業者に選定しました。子どもの安全管理の体制と、地域の人材を指導員
                    に育てる計画が高く評価されました。
                    """
                ),
            ),
            Sign(
                60,
                "放課後しぜん教室 運営業務委託契約",
                months=12,
                starts_in=5,
                items=(
                    (
                        "教室の企画・運営",
                        "会場（公園・学校）の使用の調整",
                        "年間48回以上の教室の企画・運営",
                        RoleRiskItem.Bearer.BUSINESS,
                    ),
                    (
                        "参加者のけが・事故",
                        "事故の報告を受け、保護者への対応に協力する",
                        "安全管理、傷害保険への加入",
                        RoleRiskItem.Bearer.BUSINESS,
                    ),
                    (
                        "悪天候・増水による中止",
                        "中止の判断基準を共有する",
                        "代替のプログラムを用意する",
                        RoleRiskItem.Bearer.SHARED,
                    ),
                    (
                        "参加者の募集と周知",
                        "学校・放課後児童クラブを通じて周知する",
                        "申込みの受付と保護者への連絡",
                        RoleRiskItem.Bearer.CONSULT,
                    ),
                ),
                incentives=prose(
                    """
                    保護者アンケートの満足度が80%以上で、延べ参加者が目標に達した場合は、協議の
                    うえ契約を1年更新できる。
                    """
                ),
            ),
            Move(55, A.START_OPERATION),
            Meet(
                35,
                KOSODATE,
                kind=LIAISON,
                city_attendees=KOSODATE_PEOPLE,
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    第1回連絡会。開始から1か月で8回の教室を開き、延べ132人が参加した。けが
                    や事故はない。保護者から土曜日の回を増やしてほしいとの要望がある。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：土曜日の回を増やす場合の指導員の体制を検討する
                    ・市：契約の範囲内で回数を変更できるか確認する
                    """
                ),
                hour=14,
            ),
            Say(
                34,
                KOSODATE,
                prose(
                    """
                    土曜日の回の増加は、契約の総回数の範囲内であれば変更契約は不要（契約担当に
                    確認済み）。次回の連絡会で事業者に伝える。
                    """
                ),
                internal=True,
            ),
            Meet(
                12,
                KOSODATE,
                kind=LIAISON,
                form=ONLINE,
                city_attendees=KOSODATE_PEOPLE,
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    第2回連絡会。2か月目から土曜日の回を月2回に増やした。延べ参加者は291人。
                    増水のため1回を室内のプログラムに切り替えたが、手順どおりに対応できた。
                    """
                ),
                next_steps="・事業者：保護者アンケートを来月実施し、次回の連絡会で報告する",
                hour=14,
            ),
            Report(
                11,
                KOSODATE,
                months=2,
                summary=prose(
                    """
                    開始から2か月で教室を18回開き、延べ291人が参加した。土曜日の回を月2回に増
                    やした。増水のため1回を室内のプログラムに切り替えた。けがや事故はない。
                    """
                ),
                assessment=prose(
                    """
                    参加者数は目標を上回るペース。指導員の研修は3人が修了し、目標の8人に向けて
                    大学との連携を強める必要がある。
                    """
                ),
                results=(
                    ("教室の延べ参加者", "291", True),
                    ("研修を終えた指導員", "3", True),
                    ("1回あたりの委託費", "48,500", False),
                    ("教室で扱う市内の自然の場所", "4", True),
                ),
                actions=(
                    (
                        "大学のボランティアセンターに指導員の募集を依頼する",
                        ImprovementAction.Owner.CITY,
                        "子育て支援課 森",
                        20,
                    ),
                    (
                        "雨天・増水時の室内プログラムを3種類に増やす",
                        ImprovementAction.Owner.BUSINESS,
                        "せせらぎ環境ネット 小林",
                        30,
                    ),
                ),
            ),
            Publish(11, A.ADOPT, hour=17),
            Publish(11, A.SELECT, hour=18),
            Say(
                6,
                BIZ_B,
                prose(
                    """
                    保護者アンケートの設問の案をお送りします。放課後児童クラブでの配布にご協力
                    いただけますでしょうか。
                    """
                ),
            ),
            Read(5, KOSODATE, hour=9),
            Say(
                5,
                KOSODATE,
                "設問の案を確認しました。クラブへの配布はこちらで手配します。",
            ),
            Read(4, BIZ_B),
        ),
    ),
    # A → agreed (環境政策課): a service contract agreed directly, with its reason.
    DemoProposal(
        owner=BIZ_A,
        field="environment",
        department="kankyo",
        title="公共施設の電力使用量の見える化とデマンド監視",
        outline=prose(
            """
            市の公共施設の分電盤に後付けの計測器を取り付け、電力の使用量を30分ごとに集めて、施
            設の職員と環境政策課がウェブの画面で確かめられるようにします。使用量が契約電力に近
            づくと知らせ、ピークを抑えて電気料金を下げます。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                市の公共施設の電力の使用量は、月ごとの検針票でしか把握できておらず、どの時間帯
                に、どの設備が電気を使っているのかがわかりません。契約電力は過去1年の最大の需
                要で決まるため、夏の午後の一度のピークが、その後1年間の基本料金を押し上げてい
                ます。
                """
            ),
            "body": prose(
                """
                ・電力の使用量が多い公共施設10か所の分電盤に、停電を伴わずに取り付けられる計測
                器を設置します。
                ・30分ごとの使用量をクラウドに集め、施設ごと、回路ごとにグラフで表示します。
                ・使用量が目標の値に近づくと、施設の職員にメールで知らせ、空調の運転の調整を促
                します。
                ・毎月、施設ごとの使用量の分析と改善の提案を報告します。
                """
            ),
            "effect_citizens": prose(
                """
                施設の利用者の快適さを保ったまま、ピークの時間帯だけ空調を調整するため、利用へ
                の影響はほとんどありません。
                """
            ),
            "effect_financial": prose(
                """
                ピークの抑制による基本料金の引下げと、無駄な運転の見直しで、対象の10施設の電気
                料金を年間約600万円（約8%）削減できると見込みます。
                """
            ),
            "effect_growth": prose(
                """
                回路ごとの使用量のデータが蓄積され、設備の更新の優先順位や、太陽光発電と蓄電池
                の導入の検討の基礎資料になります。
                """
            ),
            "effect_region": prose(
                """
                市の施設の排出削減の取組みを数字で示すことで、市民や事業者の省エネの取組みを後
                押しします。
                """
            ),
            "roles": prose(
                """
                当社：計測器の設置と保守、データの収集と表示の仕組みの提供、月ごとの分析の報告
                。市：対象の施設の選定、施設の管理者との調整、報告に基づく運用の改善。
                """
            ),
            "schedule": prose(
                """
                ・契約の締結後1か月目：対象の施設の現地調査
                ・2か月目：計測器の設置と画面の設定
                ・3か月目から：監視と通知の開始、毎月の報告
                """
            ),
            "cost_bearing": CITY_PAYS,
            "cost_detail": prose(
                """
                計測器と設置の費用：10施設で約350万円。監視と報告の費用：月額1施設あたり8千円
                。電気料金の削減の見込み額の範囲に収まるよう、3年間の契約を想定しています。
                """
            ),
            "requests_to_city": "対象の施設の単線結線図と、過去2年分の電力の使用量の提供。",
            "know_how": prose(
                """
                分電盤の回路ごとの電流の波形から、空調、照明、その他の設備の使用量を推定する当
                社独自の解析の方法。
                """
            ),
            "consent_to_publish": True,
        },
        submit=True,
        received_ago=90,
        story=(
            Assign(89, "kankyo"),
            Move(88, A.START_DIALOGUE, hour=10),
            Say(
                88,
                KANKYO,
                prose(
                    """
                    ご提案ありがとうございます。環境政策課です。対象の施設の候補と、計測器の設
                    置の際に停電が要らないかどうかを確認させてください。面談の候補日をお知らせ
                    いただけますか。
                    """
                ),
            ),
            Say(
                87,
                BIZ_A,
                prose(
                    """
                    計測器は分電盤の電線に挟み込む方式で、停電は要りません。来週の月曜日から水
                    曜日でしたら、いつでも伺えます。
                    """
                ),
            ),
            Meet(
                84,
                KANKYO,
                city_attendees=KANKYO_PEOPLE + "\n管財課 主査 渡辺 聡",
                business_attendees=A_PEOPLE,
                summary=prose(
                    """
                    計測の方法と、得られるデータの内容を確認した。対象は市民体育館、生涯学習セ
                    ンター、市民文化会館など電力の使用量の多い10施設とする。施設の管理者が指定
                    管理者の施設では、データの共有の取り決めが要る。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：10施設の概算の見積りを提出する
                    ・市：指定管理者との協定でデータの扱いを確認する
                    """
                ),
                hour=15,
            ),
            Meet(
                83,
                KANKYO,
                shared=False,
                city_attendees=KANKYO_PEOPLE + "\n管財課 主査 渡辺 聡\n財政課 主任 松本 彩",
                business_attendees="（市の内部の打合せ）",
                summary=prose(
                    """
                    予算の確保の方法を協議した。削減の見込み額の範囲で債務負担行為を設定する方
                    向で財政課と調整する。回路ごとの推定の技術は他社に例がなく、随意契約の理由
                    になり得るかを契約担当に確認する。
                    """
                ),
                next_steps="・環境政策課：随意契約の可否を契約担当に照会する",
            ),
            Move(
                78,
                A.TO_PLANNING,
                reason="対象の施設と予算の確保の方向が定まったため、目標と指標の協議に進む。",
            ),
            Goal(
                75,
                KANKYO,
                V.FINANCIAL,
                "対象の10施設の電気料金を、施設の使い勝手を変えずに下げる。",
                (
                    KPI("対象施設の電気料金（年額）", "万円", "7,480", "6,880", years=1),
                    KPI("契約電力の合計", "kW", "1,920", "1,780", years=1),
                ),
            ),
            Goal(
                75,
                KANKYO,
                V.GROWTH,
                "回路ごとのデータを、設備の更新と再生可能エネルギーの導入の計画に生かす。",
                (KPI("データに基づいて見直した設備の更新計画", "施設", "0", "10", years=1),),
            ),
            Goal(
                75,
                KANKYO,
                V.REGION,
                "市の施設の排出削減を数字で示し、市民と事業者の取組みを促す。",
                (KPI("市の施設の電力由来のCO2排出量", "t-CO2", "3,150", "2,900", years=1),),
            ),
            Move(
                60,
                A.ADOPT,
                reason="削減の見込み額で費用を賄える。契約担当から随意契約の要件を満たすと回答。",
                public_reason=prose(
                    """
                    公共施設の電気料金と排出量を同時に減らせる提案として採択しました。提案者独
                    自の解析の方法に基づく内容で、同じ内容を実施できる事業者がほかにないことか
                    ら、提案者と随意契約を結びます。
                    """
                ),
                details={
                    "ppp_method": PPPMethod.OUTSOURCING,
                    "opportunity": Opportunity.DIRECT,
                    "direct_reason": prose(
                        """
                        分電盤の回路ごとの電流の波形から設備ごとの使用量を推定する方法は提案者
                        独自のもので、他の事業者では同等の業務を実施できないため（地方自治法施
                        行令第167条の2第1項第2号）。
                        """
                    ),
                },
            ),
            Move(
                58,
                A.START_SELECTION,
                reason="随意契約の手続（見積書の徴取、契約審査会への付議）を始める。",
            ),
            Say(
                40,
                BIZ_A,
                "見積書を提出しました。ご確認をお願いします。",
                files=(
                    DemoFile(
                        name="見積書_電力見える化.xlsx",
                        heading="見積",
                        lines=(
                            ("項目", "数量", "単価（円）", "金額（円）"),
                            ("計測器と設置（施設）", 10, 350000, "=B2*C2"),
                            ("監視と報告（施設・月）", 360, 8000, "=B3*C3"),
                            ("合計", "", "", "=SUM(D2:D3)"),
                        ),
                    ),
                ),
            ),
            Read(39, KANKYO),
            Sign(
                8,
                "公共施設の電力使用量の見える化とデマンド監視業務委託契約",
                months=36,
                starts_in=20,
                items=(
                    (
                        "計測器の設置",
                        "施設の管理者との日程調整、設置場所の提供",
                        "計測器の調達・設置・撤去",
                        RoleRiskItem.Bearer.BUSINESS,
                    ),
                    (
                        "電気料金の単価の変動",
                        "—",
                        "—",
                        RoleRiskItem.Bearer.CITY,
                    ),
                    (
                        "削減目標の未達",
                        "運用の改善に協力する",
                        "原因を分析し、改善策を提案する",
                        RoleRiskItem.Bearer.SHARED,
                    ),
                ),
                incentives=(
                    "電力使用量の削減率が目標を上回った年度は、削減額の1割を成果報酬として支払う。"
                ),
            ),
            Say(
                6,
                KANKYO,
                prose(
                    """
                    契約の締結、ありがとうございました。計測器の設置の日程は、各施設の休館日に
                    合わせて調整します。施設ごとの候補日の一覧をお送りください。
                    """
                ),
            ),
            Say(
                5,
                BIZ_A,
                "承知しました。今週中に候補日の一覧をお送りします。",
            ),
            Say(
                4,
                KANKYO,
                "よろしくお願いします。一覧を受け取り次第、施設の管理者に確認します。",
            ),
        ),
    ),
    # A → selecting (管財課, seen by neither kankyo@ nor kosodate@): an open call under way.
    DemoProposal(
        owner=BIZ_A,
        theme="公共資産の有効活用と新たな財源の確保",
        title="庁舎のデジタルサイネージによる行政情報の発信と広告収入の確保",
        outline=prose(
            """
            市役所本館と支所の待合の場所に、事業者の負担でデジタルサイネージを設置し、市の行政
            情報と民間の広告を表示します。広告の収入から、市に設置の場所の使用料と収入の一部を
            納めます。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                市役所の待合の場所には紙のポスターが多く貼られ、情報が伝わりにくくなっています
                。掲示の張替えにも職員の手間がかかっています。一方、市は公共資産を活用した新た
                な財源の確保を求めています。
                """
            ),
            "body": prose(
                """
                ・本館1階の市民課の待合、本館2階、北上支所、中郷支所の4か所に、縦型の大型画面
                を設置します。
                ・画面の7割の時間は市の行政情報（手続の案内、催し、防災の情報）を、3割の時間は
                市の広告掲載基準に沿った民間の広告を表示します。
                ・市の情報は、担当の職員がウェブの画面から登録し、すぐに表示できます。
                ・災害のときは、市の操作ですべての画面を防災の情報に切り替えます。
                """
            ),
            "effect_citizens": prose(
                """
                待ち時間に、手続や催しの情報を見やすい画面で知ることができます。窓口の呼出しの
                番号と連動させ、待ち状況も表示します。
                """
            ),
            "effect_financial": prose(
                """
                設置と運用の費用は当社の負担です。市には、使用料と広告収入の一部（年間約120万
                円を見込みます）が入ります。ポスターの印刷と張替えの手間も減ります。
                """
            ),
            "effect_growth": prose(
                """
                表示の回数と時間帯のデータから、どの情報がよく見られているかがわかり、広報の改
                善に生かせます。
                """
            ),
            "effect_region": "市内の事業者が、来庁者に向けて広告を出せる場が増えます。",
            "roles": prose(
                """
                当社：画面の設置と保守、広告の営業と審査の一次確認、表示の仕組みの提供。市：設
                置の場所の使用の許可、広告の内容の最終の確認、行政情報の登録。
                """
            ),
            "schedule": prose(
                """
                ・使用の許可の後1か月目：設置の場所の工事と画面の設置
                ・2か月目：行政情報の表示を開始
                ・3か月目：広告の表示を開始
                """
            ),
            "cost_bearing": Proposal.CostBearing.REVENUE,
            "cost_detail": prose(
                """
                画面と設置の費用（約400万円）と運用の費用は当社が広告の収入で賄います。市の費
                用の負担はありません。
                """
            ),
            "requests_to_city": "設置の場所の使用の許可と、市の広告掲載基準の適用の確認。",
            "know_how": "広告の枠の販売の実績に基づく、地域の事業者向けの料金の設定の方法。",
            "consent_to_publish": True,
        },
        submit=True,
        received_ago=75,
        story=(
            Assign(74, "kanzai"),
            Move(73, A.START_DIALOGUE, hour=10),
            Meet(
                70,
                OFFICE,
                city_attendees="管財課 主査 渡辺 聡\n広報課 主任 石井 香織\n" + OFFICE_PEOPLE,
                business_attendees=A_PEOPLE,
                summary=prose(
                    """
                    設置の場所と表示の内容を確認した。広告は市の広告掲載基準に従い、政治、宗教
                    、公営競技などの広告は載せない。災害時の切替えは市が操作する。市の収入は、
                    行政財産の使用料と広告収入の一部の納付とする。
                    """
                ),
                next_steps="・事業者：収支の計画を提出する\n・市：設置の場所の図面を提供する",
                hour=15,
            ),
            Move(
                66,
                A.TO_PLANNING,
                reason="設置の場所と広告の基準について合意できたため、目標の協議に進む。",
            ),
            Goal(
                63,
                OFFICE,
                V.FINANCIAL,
                "費用の負担なく、公共資産から新たな収入を得る。",
                (KPI("使用料と広告収入の納付額（年額）", "万円", "0", "120", years=1),),
            ),
            Goal(
                63,
                OFFICE,
                V.CITIZENS,
                "待合で、必要な行政情報が来庁者に届くようにする。",
                (KPI("来庁者アンケートで画面の情報が役に立ったと答えた割合", "%", "-", "60"),),
            ),
            Move(
                50,
                A.ADOPT,
                reason="財源の確保の効果があり、広告掲載基準の運用も確認できた。",
                public_reason=prose(
                    """
                    市の費用の負担なく、行政情報の発信と新たな収入の確保を両立できる提案として
                    採択しました。設置の場所を使用する事業者は、公平のため公募により選定します
                    。提案者も公募に参加できます。
                    """
                ),
                details={
                    "ppp_method": PPPMethod.PROPERTY_USE,
                    "opportunity": Opportunity.OPEN_CALL,
                },
            ),
            Move(
                45,
                A.START_SELECTION,
                reason="設置事業者の募集要項を公表した（募集期間1か月、審査は選定委員会）。",
            ),
            Call(
                45,
                "庁舎のデジタルサイネージの設置・運営事業者の募集",
                summary=prose(
                    """
                    市役所本館と支所の待合の場所に、事業者の負担でデジタルサイネージを設置・運
                    営し、市の行政情報を発信するとともに、広告の収入で費用を賄う事業者を募集し
                    ます。設置の場所は行政財産の使用許可により提供します。
                    """
                ),
                conditions=prose(
                    """
                    ・屋内広告の設置・運営の実績があること
                    ・市の広告掲載基準に従うこと
                    ・行政財産の使用料を納めること
                    ・評価は共創指針に基づく標準評価基準（100点）により行います。本件の提案者に
                    は5点を加点します。
                    """
                ),
                days=120,
                contact="管財課 055-983-2600",
                hour=17,
            ),
            Apply(
                21,
                BIZ_D,
                "待合の時間を快適にする庁舎サイネージと地域情報の発信",
                prose(
                    """
                    庁舎の待合に大型サイネージを置き、行政情報と地域の店舗の広告を発信します。
                    窓口の呼出し番号と連動させ、待ち時間の目安もひと目で分かるようにします。
                    """
                ),
                content={
                    "background": prose(
                        """
                        市役所の待合では、呼出しまでの時間の目安が分からず、窓口に問い合わせる来
                        庁者が少なくありません。壁の掲示物は数が多く、必要な手続や催しの情報が目
                        に留まりにくくなっています。
                        """
                    ),
                    "body": prose(
                        """
                        ・本館に4面、北上支所と中郷支所に1面ずつ、計6面の縦型サイネージを設置し
                        ます。
                        ・窓口の呼出しの仕組みと連動させ、呼出し番号と待ち時間の目安を表示します
                        。
                        ・表示の時間の7割を市の行政情報に、3割を地域の店舗などの広告に充てます。
                        ・災害の発生時には、市が遠隔で全画面を避難所や気象の情報に切り替えられる
                        ようにします。
                        """
                    ),
                    "effect_citizens": prose(
                        """
                        待ち時間の目安と手続の案内がひと目で分かり、来庁者が待合の時間を安心して
                        過ごせます。
                        """
                    ),
                    "effect_financial": prose(
                        """
                        設置と運営の費用は広告収入で賄い、市には行政財産の使用料を納めます。市の
                        費用の負担はありません。
                        """
                    ),
                    "effect_growth": prose(
                        """
                        行政情報は職員がウェブの画面から登録でき、掲示物の印刷と張替えの手間が減
                        ります。表示の回数の集計も毎月お届けします。
                        """
                    ),
                    "effect_region": prose(
                        """
                        市内の店舗や事業者が、来庁者に向けて手頃な料金で広告を出せる場が増えます
                        。
                        """
                    ),
                    "roles": prose(
                        """
                        当社：サイネージの設置と保守、広告の営業と審査の一次確認、表示の仕組みの
                        提供。

                        市：設置の場所の使用の許可、広告の内容の最終の確認、行政情報の登録。
                        """
                    ),
                    "schedule": prose(
                        """
                        ・契約後1か月目：設置の場所の調査と工事の計画
                        ・2か月目から3か月目：設置と試験の運用
                        ・4か月目から5年間：本格の運用
                        """
                    ),
                    "cost_bearing": NO_COST,
                    "cost_detail": prose(
                        """
                        6面の機器と設置の費用（約550万円）と運営の費用は、すべて広告収入で賄いま
                        す。
                        """
                    ),
                    "contact_name": "松田 彩",
                    "contact_email": "contact@suruga-media.example.jp",
                },
            ),
            Say(
                20,
                BIZ_A,
                "募集要項の質問の受付期限は、いつまででしょうか。",
            ),
            Say(
                19,
                OFFICE,
                prose(
                    """
                    質問の受付の期限は、募集要項の「3 質問の受付」に記載しています。公平のた
                    め、質問と回答はすべての応募者に向けて市のウェブサイトで公表します。
                    """
                ),
            ),
            Say(
                19,
                OFFICE,
                "個別の相談には応じず、質問の受付の手続に沿って対応すること（管財課と確認済み）。",
                internal=True,
                files=(
                    DemoFile(
                        name="公募期間中の問合せへの対応方針.pdf",
                        heading="公募期間中の問合せへの対応方針（内部資料）",
                        lines=(
                            "１．個別の相談、説明には応じない",
                            "２．質問は募集要項の様式で受け付け、回答は全応募者に公表する",
                            "３．提案者との過去の対話の記録は、審査の資料としない",
                            "管財課・共創推進室",
                        ),
                    ),
                ),
                hour=12,
            ),
        ),
    ),
    # A → adopted (子育て支援課 and 健康づくり課): a partnership agreement, no open call needed.
    DemoProposal(
        owner=BIZ_A,
        field="childcare",
        department="kosodate",
        title="子育て応援LINEによる健診・予防接種のお知らせ",
        outline=prose(
            """
            市公式LINEに子育ての機能を加え、子どもの生年月日を登録した保護者に、乳幼児健診と予
            防接種の時期、子育ての催しを自動で知らせます。当社が自社の費用で仕組みを提供します。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                乳幼児健診や予防接種のお知らせは、紙の通知と母子健康手帳で行われていますが、
                「時期を忘れてしまった」「通知をなくした」という声があり、受診の勧奨の電話に職
                員の時間がかかっています。
                """
            ),
            "body": prose(
                """
                ・市公式LINEのメニューに「子育て」を加え、保護者が子どもの生年月日を登録できる
                ようにします（氏名や住所は登録しません）。
                ・生年月日から、健診と予防接種の時期を計算し、2週間前と前日に知らせます。
                ・子育て支援センターの催しや、子育ての相談の窓口を、子どもの年齢に合わせて知ら
                せます。
                ・知らせる内容は、市の担当の職員が管理の画面で確認してから配信します。
                """
            ),
            "effect_citizens": prose(
                """
                保護者が健診と予防接種の時期を忘れずに済み、子どもの年齢に合った催しや相談の窓
                口を知ることができます。
                """
            ),
            "effect_financial": prose(
                """
                受診の勧奨の電話と、再通知の郵送の費用が減ります。仕組みの費用は当社の負担で、
                市の負担はありません。
                """
            ),
            "effect_growth": prose(
                """
                配信の開封の状況から、どのお知らせが届きにくいかがわかり、周知の方法の改善に生
                かせます。
                """
            ),
            "effect_region": "子育て世帯が、市の支援を身近に感じられるようになります。",
            "roles": prose(
                """
                当社：仕組みの構築と運用、保守、配信の状況の報告。市：配信する内容の作成と確認
                、保護者への周知、健診と予防接種の日程の提供。
                """
            ),
            "schedule": prose(
                """
                ・協定の締結後2か月目まで：仕組みの構築と、個人情報の取扱いの確認
                ・3か月目：配信の開始
                ・6か月目：利用の状況の検証
                """
            ),
            "cost_bearing": NO_COST,
            "cost_detail": prose(
                """
                構築と運用の費用は当社が負担します（当社の自治体向けの製品の実証として実施しま
                す）。LINEの配信の料金も当社が負担します。
                """
            ),
            "requests_to_city": "市公式LINEのメニューの追加の許可と、健診と予防接種の日程の提供。",
            "know_how": "生年月日だけから配信の時期を計算し、個人を特定しない当社の設計。",
            "consent_to_publish": True,
        },
        submit=True,
        received_ago=60,
        story=(
            Assign(59, "kosodate"),
            Assign(59, "kenko"),
            Move(58, A.START_DIALOGUE, hour=10),
            Say(
                58,
                KOSODATE,
                prose(
                    """
                    ご提案ありがとうございます。子育て支援課です。健診の担当の健康づくり課とと
                    もに担当します。登録する情報の範囲と、個人情報の取扱いについて伺いたいこと
                    があります。
                    """
                ),
            ),
            Say(
                57,
                BIZ_A,
                prose(
                    """
                    登録するのは子どもの生年月日だけで、氏名や住所はお預かりしません。個人情報
                    の取扱いの説明の資料をお持ちして、ご説明に伺います。
                    """
                ),
            ),
            Meet(
                52,
                KOSODATE,
                form=ONLINE,
                city_attendees=KOSODATE_PEOPLE + "\n健康づくり課 保健師 岡田 恵",
                business_attendees=A_PEOPLE,
                summary=prose(
                    """
                    登録の情報は生年月日のみとし、配信の内容は市が確認してから送ることを確認し
                    た。市の個人情報保護の担当の確認を経て、連携協定で実施する方向とする。
                    """
                ),
                next_steps="・市：個人情報保護の担当に取扱いの確認を依頼する",
                hour=15,
            ),
            Say(
                51,
                KOSODATE,
                "個人情報保護の担当の確認の結果、生年月日のみであれば協定で実施可能との回答。",
                internal=True,
            ),
            Move(
                45,
                A.TO_PLANNING,
                reason="個人情報の取扱いの確認が済んだため、目標と指標の協議に進む。",
            ),
            Goal(
                40,
                KOSODATE,
                V.CITIZENS,
                "健診と予防接種を、時期を逃さずに受けられるようにする。",
                (
                    KPI("登録した保護者", "人", "0", "1,500"),
                    KPI("4か月児健診の受診率", "%", "95.1", "98.0", years=1),
                ),
            ),
            Goal(
                40,
                KOSODATE,
                V.FINANCIAL,
                "受診の勧奨の電話と再通知の郵送を減らす。",
                (KPI("再通知の郵送", "通", "1,200", "600", years=1),),
            ),
            Goal(
                40,
                KOSODATE,
                V.GROWTH,
                "配信の開封の状況から、届きにくいお知らせを見つけて改める。",
                (KPI("開封の状況の分析の報告", "回", "0", "2"),),
            ),
            Goal(
                40,
                KOSODATE,
                V.REGION,
                "子育ての催しと相談の窓口を、必要な家庭に届ける。",
                (KPI("配信をきっかけにした催しへの参加", "人", "-", "300"),),
            ),
            Move(
                3,
                A.ADOPT,
                reason="健康づくり課とも合意。費用の負担なく実施できる。",
                public_reason=prose(
                    """
                    保護者が健診と予防接種の時期を逃さずに済む、効果の高い提案として採択しまし
                    た。市と提案者が連携協定を結んで実施します。市は費用を負担せず、契約も結ば
                    ないため、他の事業者の参入の機会を設ける手続は要しません。
                    """
                ),
                details={
                    "ppp_method": PPPMethod.PARTNERSHIP_AGREEMENT,
                    "opportunity": Opportunity.NONE_NEEDED,
                },
            ),
            Say(
                3,
                KOSODATE,
                "採択の結果をお知らせしました。協定書の案を来週お送りします。",
                hour=17,
            ),
        ),
    ),
    # B → not adopted (環境政策課 and 廃棄物対策課): planned, then not adopted, with the reason.
    DemoProposal(
        owner=BIZ_B,
        field="environment",
        department="kankyo",
        title="公園の落ち葉と剪定枝を堆肥にする地域の拠点づくり",
        outline=prose(
            """
            市内の公園や街路樹から出る落ち葉と剪定枝を、公園の一角に設ける拠点で堆肥にし、市民
            の家庭菜園や学校の花壇で使ってもらいます。運営は当法人と地域のボランティアが担いま
            す。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                公園や街路樹の管理で出る落ち葉と剪定枝の多くは、可燃ごみとして清掃センターで焼
                却されています。市民からは「落ち葉を堆肥に使いたい」という声もあり、資源とし
                て地域で循環させる余地があります。
                """
            ),
            "body": prose(
                """
                ・市内の公園の一角（約100平方メートル）に、落ち葉と剪定枝の堆肥化の拠点を設け
                ます。
                ・剪定枝は破砕機で細かくし、落ち葉と混ぜて半年かけて堆肥にします。
                ・できた堆肥は、登録した市民と学校に無料で配ります。
                ・月2回、ボランティアと切返しの作業を行い、臭気と温度を記録します。
                """
            ),
            "effect_citizens": "市民が、公園の落ち葉からできた堆肥を家庭菜園で使えます。",
            "effect_financial": prose(
                """
                焼却するごみの量が減り、収集と焼却の費用を抑えられます（年間約40トンの削減を想
                定）。
                """
            ),
            "effect_growth": "堆肥化の記録を、市の資源化の施策の検討に生かせます。",
            "effect_region": prose(
                """
                落ち葉を地域で循環させる取組みを通じて、市民の環境への関心が高まります。
                """
            ),
            "roles": prose(
                """
                当法人：拠点の運営、ボランティアの募集、堆肥の配布。市：拠点の場所の提供、落ち
                葉と剪定枝の搬入、破砕機の貸出し。
                """
            ),
            "schedule": prose(
                """
                ・協議の後3か月目：拠点の整備
                ・4か月目：搬入と堆肥化の開始
                ・10か月目：最初の堆肥の配布
                """
            ),
            "cost_bearing": CITY_PAYS,
            "cost_detail": prose(
                """
                拠点の整備に約150万円（市に負担をお願いしたい部分）。運営は当法人の負担。
                """
            ),
            "requests_to_city": "拠点の候補地の提供と、剪定枝の搬入の調整。",
            "consent_to_publish": True,
        },
        submit=True,
        received_ago=55,
        story=(
            Assign(54, "kankyo"),
            Assign(54, "haikibutsu"),
            Move(53, A.START_DIALOGUE, hour=10),
            Meet(
                48,
                KANKYO,
                city_attendees=KANKYO_PEOPLE + "\n廃棄物対策課 主査 鈴木 誠",
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    拠点の規模と運営の方法を確認した。候補地は、水と緑の課が管理する公園のうち
                    、住宅から離れた場所を市が探す。臭気の管理の方法を事業者が示す。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：臭気の管理の方法と記録の様式を提出する
                    ・市：候補地を3か所程度挙げる
                    """
                ),
                hour=15,
            ),
            Move(
                42,
                A.TO_PLANNING,
                reason="運営の方法が具体化したため、候補地の検討と並行して目標の協議に進む。",
            ),
            Goal(
                38,
                KANKYO,
                V.FINANCIAL,
                "公園と街路樹から出る落ち葉と剪定枝の焼却量を減らす。",
                (KPI("堆肥にした落ち葉と剪定枝", "t", "0", "40", years=1),),
            ),
            Goal(
                38,
                KANKYO,
                V.REGION,
                "落ち葉を地域で循環させる取組みに、市民が参加する。",
                (KPI("登録したボランティア", "人", "0", "30", years=1),),
                agreed=False,
            ),
            Meet(
                25,
                KANKYO,
                shared=False,
                city_attendees=KANKYO_PEOPLE
                + "\n廃棄物対策課 主査 鈴木 誠\n水と緑の課 主任 加藤 裕子",
                business_attendees="（市の内部の打合せ）",
                summary=prose(
                    """
                    候補地3か所を検討した。いずれも住宅地から100メートル以内にあり、臭気と搬
                    入の車両の通行について周辺の住民の理解を得る見通しが立たない。廃棄物の処理
                    の許可の要否も課題として残る。採択は難しいとの意見で一致した。
                    """
                ),
                next_steps="・環境政策課：事業者に検討の結果を説明する場を設ける",
            ),
            Meet(
                20,
                KANKYO,
                city_attendees=KANKYO_PEOPLE + "\n廃棄物対策課 主査 鈴木 誠",
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    候補地の検討の結果を説明した。事業者からは、住宅地から離れた市有地がほかに
                    ないかとの質問があったが、現時点では該当がない。剪定枝の資源化は、一般廃棄
                    物処理基本計画の見直しの中で改めて検討することを伝えた。
                    """
                ),
                hour=15,
            ),
            Move(
                15,
                A.NOT_ADOPT,
                reason="適地がなく、廃棄物の処理の許可の整理もつかないため。",
                public_reason=prose(
                    """
                    候補地として検討した3か所の公園は、いずれも住宅地に近く、臭気と搬入の車両
                    の通行について周辺の住民の理解を得る見通しが立たなかったため、採択を見送り
                    ました。剪定枝の資源化は、一般廃棄物処理基本計画の見直しの中で改めて検討し
                    ます。
                    """
                ),
            ),
            Say(
                15,
                KANKYO,
                prose(
                    """
                    ご提案と、候補地の検討へのご協力に感謝します。今回は採択を見送りましたが、
                    計画の見直しの際には、改めてご意見を伺いたいと考えています。
                    """
                ),
                hour=17,
            ),
            Publish(1, A.NOT_ADOPT, disclose=False, hour=9),
        ),
    ),
    # A → declined (商工観光課, seen by neither kankyo@ nor kosodate@): not taken forward.
    DemoProposal(
        owner=BIZ_A,
        field="economy",
        title="商店街の買い物ポイントと市の健康ポイントの共通化についての相談",
        outline=prose(
            """
            商店街の買い物でたまるポイントと、市の健康づくりの催しでたまるポイントを、一つのア
            プリで共通に使えるようにする仕組みについて相談させてください。
            """
        ),
        intent=CONSULTATION,
        content={
            "requests_to_city": prose(
                """
                ・市の健康ポイントの事業の仕組みと、ポイントの原資の確認
                ・商店街の連合会との意見交換の場の設定
                """
            ),
        },
        submit=True,
        received_ago=45,
        story=(
            Assign(44, "shoko"),
            Move(43, A.START_DIALOGUE, hour=10),
            Say(
                43,
                OFFICE,
                prose(
                    """
                    ご相談ありがとうございます。共創推進室です。商工観光課を担当課として、お話
                    を伺います。市の健康ポイントの事業は来年度の見直しの時期にあたるため、その
                    状況もあわせてご説明します。
                    """
                ),
            ),
            Meet(
                38,
                OFFICE,
                form=ONLINE,
                city_attendees="商工観光課 主査 佐野 健\n健康づくり課 主任 岡田 恵\n"
                + OFFICE_PEOPLE,
                business_attendees=A_PEOPLE,
                summary=prose(
                    """
                    相談の内容を伺った。市内では三島商工会議所が商店街の共通ポイントの事業を既
                    に始めており、来年度は市の健康ポイントも同会議所の仕組みに合わせる方向で検
                    討している。
                    """
                ),
                next_steps="・市：同会議所の事業の担当を事業者に紹介する",
                hour=15,
            ),
            Say(
                36,
                OFFICE,
                "商工会議所の事業との重複のため、対話を終える方向。商工観光課と合意済み。",
                internal=True,
            ),
            Move(
                33,
                A.DECLINE,
                reason="商工会議所の既存の事業と重複し、市が新たに関わる必要性が認められない。",
                public_reason=prose(
                    """
                    同様の共通ポイントの取組みを三島商工会議所が既に実施しており、市の健康ポイ
                    ントもその仕組みに合わせる方向で検討しているため、市の事業としては進めない
                    こととしました。提案者には同会議所の事業を紹介しました。
                    """
                ),
            ),
            Publish(33, A.DECLINE, disclose=False, hour=17),
        ),
    ),
    # B → planning (環境政策課 and 学校教育課): shared goals on the four viewpoints, with KPIs.
    DemoProposal(
        owner=BIZ_B,
        field="education",
        department="kankyo",
        title="小学校の湧水環境学習プログラム「湧水たんけん隊」",
        outline=prose(
            """
            市内の小学4年生を対象に、総合的な学習の時間で、湧水の川の水温や水質を測り、生きもの
            を観察する出前授業を行います。授業で集めたデータは学校を越えて共有し、市の湧水の記
            録としても活用します。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                小学4年生の社会科と総合的な学習の時間では、地域の水と暮らしを学びますが、川に
                入って測る授業を行える学校は限られています。教員からは「安全管理と専門の知識に
                不安がある」という声を聞いています。
                """
            ),
            "body": prose(
                """
                ・当法人の講師が学校を訪ね、教室での事前学習（1時間）と、川での観察と測定（2
                時間）を行います。
                ・水温、透視度、パックテストによる水質を測り、生きものを観察して記録します。
                ・各校の記録を当法人のウェブの地図に載せ、学校どうしで比べられるようにします。
                ・教員向けの研修を年1回開き、学校が自ら授業を行えるよう支援します。
                """
            ),
            "effect_citizens": prose(
                """
                子どもが身近な湧水の川に入り、測って確かめる体験を通じて、水の大切さを実感をも
                って学べます。
                """
            ),
            "effect_financial": prose(
                """
                講師の派遣の費用の一部を企業の協賛で賄い、市の負担を抑えます。教員が自ら授業を
                行えるようになれば、派遣の回数を減らせます。
                """
            ),
            "effect_growth": prose(
                """
                子どもが集めた水温と水質の記録が毎年蓄積され、市の湧水の状況を補う資料になりま
                す。
                """
            ),
            "effect_region": prose(
                """
                学校、地域の団体、企業が湧水の保全に関わるきっかけになり、保全活動の担い手が育
                ちます。
                """
            ),
            "roles": prose(
                """
                当法人：授業の企画と講師の派遣、安全管理、記録の地図の運営、教員研修。市（学校
                教育課）：学校への周知と日程の調整。市（環境政策課）：湧水の観測データの提供、
                記録の活用。
                """
            ),
            "schedule": prose(
                """
                ・協議の後2か月目：授業の教案の確定、教員への説明
                ・3か月目から：希望する学校での出前授業（1年目は5校）
                ・年度末：記録の取りまとめと教員研修
                """
            ),
            "cost_bearing": CITY_PAYS,
            "cost_detail": prose(
                """
                1校あたり講師の派遣の費用5万円のうち、3万円を企業の協賛で賄い、2万円を市に負
                担をお願いしたいと考えています（5校で10万円）。
                """
            ),
            "requests_to_city": "学校への周知と、市の湧水の観測データの提供。",
            "know_how": "子どもが短い時間で正確に測れるようにした、測定の手順と記録の用紙。",
            "consent_to_publish": True,
        },
        submit=True,
        received_ago=40,
        story=(
            Assign(39, "kankyo"),
            Assign(39, "gakko"),
            Move(38, A.START_DIALOGUE, hour=10),
            Say(
                38,
                KANKYO,
                prose(
                    """
                    ご提案ありがとうございます。環境政策課です。学校教育課とともに担当します。
                    川での授業の安全管理の方法と、学校の年間の計画に組み込める時期について、面
                    談でお話を伺えますか。
                    """
                ),
            ),
            Say(
                37,
                BIZ_B,
                prose(
                    """
                    ありがとうございます。昨年度に試行した学校での授業の記録と、安全管理の手順
                    書をお持ちします。
                    """
                ),
                files=(
                    DemoFile(
                        name="湧水たんけん隊_授業の記録.pdf",
                        heading="湧水たんけん隊　試行の授業の記録",
                        lines=(
                            "１．対象：市内の小学校１校　４年生　２クラス（５８人）",
                            "２．内容：水温・透視度・パックテストによる水質の測定、生きものの観察",
                            "３．安全管理：講師１人に児童８人、ライフジャケットの着用",
                            "４．児童の感想：「水が冷たくて驚いた」「また来たい」",
                            "ＮＰＯ法人せせらぎ環境ネット",
                        ),
                    ),
                ),
            ),
            Read(37, KANKYO, hour=16),
            Meet(
                33,
                KANKYO,
                city_attendees=KANKYO_PEOPLE + "\n学校教育課 指導主事 原田 智子",
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    試行の授業の記録と安全管理の手順を確認した。1年目は希望する5校で行い、学
                    校の年間の計画に合わせて秋に実施する。講師1人あたりの児童は8人までとする
                    。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：教案の案と、学校向けの案内の案を作成する
                    ・学校教育課：校長会で希望の有無を照会する
                    """
                ),
                hour=15,
            ),
            Meet(
                32,
                KANKYO,
                shared=False,
                city_attendees=KANKYO_PEOPLE + "\n学校教育課 指導主事 原田 智子",
                business_attendees="（市の内部の打合せ）",
                summary=prose(
                    """
                    費用の負担について協議した。市の負担（5校で10万円）は環境学習の既存の予算
                    の範囲で対応できる見込み。教員の負担を増やさないよう、事前の準備は事業者が
                    担う形とする。
                    """
                ),
            ),
            Move(
                28,
                A.TO_PLANNING,
                reason="実施の規模と安全管理の方法に合意できたため、目標と指標の協議に進む。",
            ),
            Say(
                27,
                KANKYO,
                prose(
                    """
                    目標と指標の案を、四つの視点（市民・利用者、財政、成長・発展、地域・社会）
                    ごとにまとめました。次回の面談で確認させてください。
                    """
                ),
            ),
            Goal(
                20,
                KANKYO,
                V.CITIZENS,
                "子どもが湧水の川で測り、確かめる体験を通じて、水の大切さを学ぶ。",
                (
                    KPI("出前授業を受けた児童", "人", "58", "300"),
                    KPI("授業の後に「川を守りたい」と答えた児童の割合", "%", "-", "80"),
                ),
            ),
            Goal(
                20,
                KANKYO,
                V.GROWTH,
                "子どもが集めた記録を蓄積し、市の湧水の状況の把握に生かす。",
                (
                    KPI("記録の地図に載った測定の記録", "件", "12", "100"),
                    KPI("研修を受けて自ら授業を行える教員", "人", "0", "10", years=1),
                ),
            ),
            Goal(
                20,
                KANKYO,
                V.REGION,
                "学校、地域の団体、企業が、湧水の保全に関わるきっかけをつくる。",
                (KPI("協賛する市内の企業", "社", "0", "5"),),
            ),
            Meet(
                10,
                KANKYO,
                form=ONLINE,
                city_attendees=KANKYO_PEOPLE + "\n学校教育課 指導主事 原田 智子",
                business_attendees=B_PEOPLE,
                summary=prose(
                    """
                    市民・利用者、成長・発展、地域・社会の目標と指標に合意した。財政の目標は、
                    企業の協賛の見込みが固まってから決める。校長会での照会の結果、6校が実施を
                    希望している。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：協賛の見込みを来週までに報告する
                    ・学校教育課：6校の実施の時期を調整する
                    """
                ),
                hour=15,
            ),
            Goal(
                10,
                KANKYO,
                V.FINANCIAL,
                "講師の派遣の費用の多くを企業の協賛で賄い、市の負担を抑える。",
                (KPI("1校あたりの市の負担", "円", "-", "20,000以下"),),
                agreed=False,
                hour=17,
            ),
            Say(
                5,
                BIZ_B,
                prose(
                    """
                    協賛の見込みをご報告します。市内の3社から内諾をいただき、1校あたりの市のご
                    負担は2万円に収まる見込みです。
                    """
                ),
            ),
            Say(
                4,
                KANKYO,
                "ご報告ありがとうございます。財政の目標は、この見込みで合意したいと考えます。",
            ),
            Read(3, BIZ_B),
        ),
    ),
    # A → in consultation (環境政策課): the business asked two days ago; the reply is due soon.
    DemoProposal(
        owner=BIZ_A,
        field="environment",
        department="kankyo",
        title="市民と測る暑さ指数（WBGT）の観測網と熱中症予防の情報発信についての相談",
        outline=prose(
            """
            小中学校や公園など市内20か所に小型の暑さ指数の計測器を置き、地域ごとの暑さを地図で
            知らせる仕組みを考えています。設置の場所と、市の熱中症の対策との連携について、まず
            はご相談させてください。
            """
        ),
        intent=CONSULTATION,
        content={
            "requests_to_city": prose(
                """
                ・計測器を設置できる市の施設の候補
                ・市の熱中症警戒アラートの周知の方法との連携の可否
                """
            ),
        },
        submit=True,
        received_ago=28,
        story=(
            Assign(27, "kankyo"),
            Move(26, A.START_DIALOGUE, hour=10),
            Say(
                26,
                KANKYO,
                prose(
                    """
                    ご相談ありがとうございます。環境政策課です。気候変動への適応は今年度の重点
                    の一つです。計測器の大きさ、電源、通信の方法を教えていただけますか。
                    """
                ),
            ),
            Say(
                24,
                BIZ_A,
                prose(
                    """
                    計測器は手のひらほどの大きさで、太陽電池で動き、LTEの通信でデータを送りま
                    す。電源の工事は要りません。仕様書をお送りします。
                    """
                ),
                files=(
                    DemoFile(
                        name="WBGT計測器_仕様.pdf",
                        heading="小型ＷＢＧＴ計測器　仕様の概要",
                        lines=(
                            "１．大きさ：縦１２ｃｍ　横８ｃｍ　奥行５ｃｍ",
                            "２．電源：太陽電池と内蔵の蓄電池（工事不要）",
                            "３．通信：ＬＴＥ　１０分ごとにデータを送信",
                            "株式会社みしまデジタルラボ",
                        ),
                    ),
                ),
            ),
            Read(23, KANKYO),
            Meet(
                20,
                KANKYO,
                form=ONLINE,
                city_attendees=KANKYO_PEOPLE + "\n健康づくり課 主任 岡田 恵",
                business_attendees=A_PEOPLE,
                summary=prose(
                    """
                    計測器の仕様と、設置の場所の候補を確認した。小中学校への設置は学校教育課と
                    の調整が要る。市の熱中症警戒アラートの周知と、地図の表示の連携の方法を検討
                    する。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：設置の場所ごとの概算の費用を示す
                    ・市：学校教育課に設置の可否を照会する
                    """
                ),
                hour=15,
            ),
            Say(
                19,
                KANKYO,
                prose(
                    """
                    学校教育課に照会済み。校庭への設置は可能だが、管理の責任の所在を協定で明確
                    にする必要があるとの回答。費用の負担の考え方は次回の面談までに課内で整理す
                    る。
                    """
                ),
                internal=True,
            ),
            Say(
                15,
                KANKYO,
                prose(
                    """
                    学校教育課から、校庭への設置は可能との回答がありました。管理の責任の分担に
                    ついて、協定の案でお示しいただけますか。
                    """
                ),
            ),
            Read(14, BIZ_A),
            Say(
                2,
                BIZ_A,
                prose(
                    """
                    協定の案をお送りします。計測器の管理は当社、設置の場所の提供は市、という分
                    担で整理しました。あわせて、来年度の予算の要求の時期に間に合わせるには、い
                    つ頃までに費用の案を固めればよいか教えてください。
                    """
                ),
            ),
        ),
    ),
    # A → in consultation (子育て支援課): the business's message has waited past its deadline.
    DemoProposal(
        owner=BIZ_A2,
        field="childcare",
        department="kosodate",
        title="公立保育所の登降園の記録と連絡帳のデジタル化についての相談",
        outline=prose(
            """
            公立保育所の登降園の記録と、保護者との連絡帳をタブレットとスマートフォンでやり取り
            できるようにする仕組みについて、導入の進め方をご相談させてください。
            """
        ),
        intent=CONSULTATION,
        content={
            "requests_to_city": prose(
                """
                ・公立保育所の登降園の記録の方法と、連絡帳の運用の現状
                ・保育所の職員の方から意見を伺う場の設定
                """
            ),
        },
        submit=True,
        received_ago=24,
        story=(
            Assign(23, "kosodate"),
            Move(22, A.START_DIALOGUE, hour=10),
            Say(
                22,
                KOSODATE,
                prose(
                    """
                    ご相談ありがとうございます。子育て支援課です。公立保育所の所長会で、現場の
                    意見を伺う時間を設けることができます。その前に、導入の実績と費用の目安をお
                    聞かせください。
                    """
                ),
            ),
            Say(
                20,
                BIZ_A2,
                prose(
                    """
                    県内の私立保育所12園で導入の実績があります。費用は1園あたり月額1万円程度
                    です。所長会でのご説明の機会をいただけますと幸いです。
                    """
                ),
            ),
            Meet(
                16,
                KOSODATE,
                city_attendees=KOSODATE_PEOPLE + "\n公立保育所 所長会 代表 野口 由美",
                business_attendees="株式会社みしまデジタルラボ 田村 航",
                summary=prose(
                    """
                    所長会で仕組みの説明を受けた。登降園の記録の手間が減る点は評価された一方で
                    、タブレットの台数と、保護者がスマートフォンを持たない場合の対応が課題とし
                    て挙がった。
                    """
                ),
                next_steps=prose(
                    """
                    ・事業者：5園での試行の見積りと、紙の連絡帳との併用の方法を示す
                    ・市：試行の候補の園を検討する
                    """
                ),
                hour=15,
            ),
            Say(
                14,
                KOSODATE,
                "所長会でのご説明、ありがとうございました。見積りをお待ちしています。",
            ),
            Say(
                9,
                BIZ_A2,
                prose(
                    """
                    5園での試行の見積りと、紙の連絡帳と併用する場合の運用の案をお送りします。
                    ご検討のほど、よろしくお願いします。
                    """
                ),
                files=(
                    DemoFile(
                        name="試行の見積り_5園.xlsx",
                        heading="試行の見積り",
                        lines=(
                            ("項目", "数量", "単価（円）", "金額（円）"),
                            ("タブレット（園）", 5, 60000, "=B2*C2"),
                            ("利用料（園・月）", 30, 10000, "=B3*C3"),
                            ("合計", "", "", "=SUM(D2:D3)"),
                        ),
                    ),
                ),
            ),
            Say(
                7,
                KOSODATE,
                prose(
                    """
                    見積りは所長会（来週）で確認してから回答する。返信の期限に注意。試行の予算
                    は今年度の残りでは難しく、来年度の当初予算での要求を検討。
                    """
                ),
                internal=True,
            ),
        ),
    ),
    # A → in consultation (商工観光課, seen by neither kankyo@ nor kosodate@).
    DemoProposal(
        owner=BIZ_A,
        field="economy",
        department="shoko",
        title="観光客向けの多言語の音声によるまち歩き案内についての相談",
        outline=prose(
            """
            三嶋大社、白滝公園、源兵衛川などの見どころで、スマートフォンから多言語の音声の案内
            を聞ける仕組みを考えています。案内の原稿の監修と、案内板への二次元コードの掲示につ
            いてご相談させてください。
            """
        ),
        intent=CONSULTATION,
        content={
            "requests_to_city": "案内の原稿の監修と、市の案内板への二次元コードの掲示の可否。",
        },
        submit=True,
        received_ago=20,
        story=(
            Assign(19, "shoko"),
            Move(18, A.START_DIALOGUE, hour=10),
            Say(
                18,
                OFFICE,
                prose(
                    """
                    ご相談ありがとうございます。共創推進室です。商工観光課を担当課として対話を
                    始めます。観光協会の多言語の案内の取組みとの関係も含めて、お話を伺います。
                    """
                ),
            ),
            Say(
                17,
                BIZ_A,
                "ありがとうございます。英語、中国語、韓国語の音声の見本をお持ちします。",
            ),
            Meet(
                12,
                OFFICE,
                city_attendees="商工観光課 主査 佐野 健\n" + OFFICE_PEOPLE,
                business_attendees=A_PEOPLE,
                summary=prose(
                    """
                    音声の案内の見本を確認した。観光協会のパンフレットの多言語の原稿を使えるか
                    、協会に確認する。案内板への掲示は、景観の基準に沿った小さな表示とする。
                    """
                ),
                next_steps="・市：観光協会に原稿の利用の可否を照会する",
                hour=15,
            ),
            Say(
                11,
                OFFICE,
                prose(
                    """
                    観光協会に原稿の利用について照会しました。回答があり次第お知らせします。
                    """
                ),
            ),
        ),
    ),
    # B → received long ago (子育て支援課): no first response yet, so its deadline is overdue.
    DemoProposal(
        owner=BIZ_B,
        field="childcare",
        department="kosodate",
        title="子育て支援センターに絵本と子ども服のリユースの棚を置くことについての相談",
        outline=prose(
            """
            子育て支援センターの一角に、読み終えた絵本や着られなくなった子ども服を持ち寄り、自
            由に持ち帰れる棚を置くことを考えています。棚の管理は当法人のボランティアが行います
            。置き場所と運用のルールについてご相談させてください。
            """
        ),
        intent=CONSULTATION,
        content={
            "requests_to_city": "子育て支援センターでの置き場所の確保と、指定管理者との調整。",
        },
        submit=True,
        received_ago=18,
        story=(
            Assign(16, "kosodate"),
            Say(
                15,
                KOSODATE,
                prose(
                    """
                    センターの指定管理者に棚の置き場所を確認中。回答は確認が取れてから。（内部
                    のメモは事業者への回答にならないので、初回の連絡は別に送ること。）
                    """
                ),
                internal=True,
            ),
        ),
    ),
    # The newest: received in the last days, or still drafts.
    # A: a full theme-based proposal, with a PDF and a spreadsheet, submitted.
    DemoProposal(
        owner="biz-a@example.jp",
        theme="公共施設の予約と支払いのオンライン化",
        title="みしま施設ネット予約：公共施設の予約と支払いをひとつの窓口に",
        outline=prose(
            """
            体育館、公民館、文化施設、運動場の空き状況の確認、予約、抽選、
            使用料のキャッシュレス決済までを、スマートフォンとパソコンから24時間行える共通の予約
            サービスを提案します。まず利用の多い3施設で半年間試行し、利用者と職員の手間がどれだけ
            減ったかを市と一緒に確かめてから、対象の施設を広げます。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                市内の公共施設は、施設ごとに予約の方法が異なり、窓口での申込み、電話での仮予約
                、紙による抽選が併存しています。当社が市内のスポーツ団体と文化団体の代表者12名に
                聞き取りをしたところ、「空き状況を確かめるために複数の施設に電話をかけている」
                「抽選のために平日の昼に窓口へ行かなければならない」という声が多く聞かれました。

                職員の側でも、予約台帳への転記、抽選の集計、現金の収納と日計表の作成に時間がか
                かっており、施設によっては繁忙期に一日の業務の大半を予約の対応に充てていると伺っ
                ています。
                """
            ),
            "body": prose(
                """
                当社が開発・運用するクラウド型の予約サービスを、三島市の施設と予約のルールに合わ
                せて設定し、提供します。
                ・市内の公共施設の空き状況を、一つの画面で、施設・日時・用途から検索できます。
                ・予約、抽選の申込み、当選後の本予約、キャンセルをオンラインで完結できます。抽選
                は公開した手順で自動で行い、結果を記録に残します。
                ・使用料は、クレジットカード、コード決済、コンビニ払いに対応します。減免の対象と
                なる団体は、事前に登録した内容に基づいて自動で減免を適用します。
                ・窓口と電話での受付も残し、職員が同じ画面で代わりに入力できるようにします。
                ・デジタル機器に不慣れな方が取り残されないよう、公民館で「予約の仕方教室」を開き
                ます。
                ・予約と利用のデータを集計し、時間帯ごとの稼働率を毎月報告します。
                """
            ),
            "effect_citizens": prose(
                """
                仕事帰りや休日でも、空き状況の確認から支払いまでを自宅で済ませられます。抽選のた
                めに窓口へ出向く必要がなくなり、当社の試算では、団体の代表者1人あたり年間およそ
                10時間の移動と待ち時間が減ります。
                """
            ),
            "effect_financial": prose(
                """
                予約台帳の管理、抽選の集計、現金の収納に係る職員の作業時間を、試行する3施設で年
                間約1,200時間削減できると見込んでいます。現金の取扱いが減ることで、釣銭の準備や
                収納事務の負担とリスクも下がります。
                """
            ),
            "effect_growth": prose(
                """
                施設ごとの稼働率や利用者の傾向がデータで把握できるようになり、料金や開館時間の見
                直し、施設の再編の検討に生かせます。当社にとっても自治体での導入実績となり、県東
                部の他の自治体への展開につながります。
                """
            ),
            "effect_region": prose(
                """
                空いている時間帯が見えるようになることで、これまで施設を使っていなかった市民や新
                しい団体の利用が増え、地域のスポーツや文化の活動が広がると期待しています。市内の
                事業者が運用を担うため、障害の際にも速やかに現地で対応できます。
                """
            ),
            "roles": prose(
                """
                当社：予約サービスの設定、施設情報の登録、利用者への案内、窓口の職員向けの研修、
                運用と保守、毎月の利用状況の報告。

                市：対象の施設の選定、予約と減免のルールの提供、施設の管理者（指定管理者を含む）
                との調整、利用者への周知。

                リスクの分担：サービスの障害とデータの保全は当社が責任を負います。予約のルールの
                変更は市が決定します。
                """
            ),
            "schedule": prose(
                """
                ・令和8年10月〜11月：試行する施設の予約ルールの整理と設定
                ・令和8年12月：職員の研修、利用者への周知
                ・令和9年1月〜6月：3施設での試行（窓口での受付と並行）
                ・令和9年7月：効果の検証と、対象施設の拡大についての市との協議
                ・令和9年10月以降：対象施設を順次拡大
                """
            ),
            "cost_bearing": CITY_PAYS,
            "cost_detail": prose(
                """
                試行の期間（6か月）の利用料は当社が負担し、市の費用はかかりません。本格運用の後
                は、施設数に応じた月額の利用料（1施設あたり月額1万5千円を想定）をお願いする予定
                です。決済手数料は利用者に上乗せせず、決済額の3.24%を収納額から差し引く方式とし
                ます。内訳は添付の「概算費用内訳.xlsx」をご覧ください。
                """
            ),
            "requests_to_city": prose(
                """
                ・試行する3施設（例：市民体育館、生涯学習センター、市民文化会館）の予約ルールと
                過去2年分の利用実績の提供
                ・指定管理者との打合せの場の設定
                ・「広報みしま」と市公式LINEでの試行の周知
                ・使用料の収納の方法（公金の収納事務の委託）についての会計部門との調整
                """
            ),
            "know_how": prose(
                """
                抽選の公平性を保ちながら、当選した枠が使われずに空く「無断キャンセル」を減らすた
                め、当社独自の「繰上げ当選の自動通知」と「利用実績に応じた抽選の重み付け」の仕組
                みを用います。重み付けの計算方法と、これまでの導入先で無断キャンセルを4割減らし
                た運用の手順は、当社のノウハウとして非公開でお願いします。
                """
            ),
            "consent_to_publish": True,
        },
        files=(
            DemoFile(
                name="提案書_みしま施設ネット予約.pdf",
                heading="みしま施設ネット予約　提案概要",
                lines=(
                    "１．提案の概要",
                    "　公共施設の空き状況の確認、予約、抽選、キャッシュレス決済を一つの窓口に",
                    "２．試行の対象（案）",
                    "　市民体育館、生涯学習センター、市民文化会館",
                    "３．スケジュール（案）",
                    "　令和９年１月から６月まで試行し、７月に効果を検証",
                    "４．期待する効果",
                    "　職員の作業時間：年間約１，２００時間の削減（試行する３施設）",
                    "　利用者：窓口に行かずに２４時間予約と支払いが可能",
                    "株式会社みしまデジタルラボ",
                ),
            ),
            DemoFile(
                name="概算費用内訳.xlsx",
                heading="概算費用",
                lines=(
                    ("項目", "区分", "金額（円）", "負担"),
                    ("初期設定（3施設の施設情報と予約ルール）", "初期", 450000, "当社"),
                    ("職員研修・予約の仕方教室（4回）", "初期", 120000, "当社"),
                    ("試行期間の利用料（3施設×6か月）", "試行", 270000, "当社"),
                    ("試行までの合計", "", "=SUM(C2:C4)", ""),
                    ("本格運用の利用料（1施設・月額）", "運用", 15000, "市"),
                    ("決済手数料（決済額の3.24%）", "運用", "収納額から控除", "市"),
                ),
            ),
        ),
        submit=True,
        received_ago=3,
    ),
    # A: a draft on another accepting theme, partly filled in by the colleague.
    DemoProposal(
        owner="biz-a2@example.jp",
        theme="湧水と地下水の「見える化」による保全意識の向上",
        title="低価格センサーとオープンデータで湧水の「いま」を伝えるダッシュボード",
        outline=prose(
            """
            市が観測している地下水位と湧水のデータに、市民の協力で設置する低価格の水位センサー
            のデータを加え、地図とグラフで「いま」と「昔」を比べて見られるウェブサイトを提案し
            ます。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                湧水の状況は、小浜池や白滝公園を訪れる市民や観光客の関心が高い一方で、観測デー
                タは表やPDFで公開されており、「今日は湧いているのか」がすぐにはわかりません。
                """
            ),
            "body": prose(
                """
                （作成中）市の観測データを自動で取り込み、地点ごとの水位を地図に表示します。セ
                ンサーの候補と設置場所は、次回の社内検討で詰めます。
                """
            ),
        },
    ),
    # A: a first consultation in a free field, submitted by the colleague.
    DemoProposal(
        owner="biz-a2@example.jp",
        field="administration",
        department="digital",
        title="市役所の窓口の待ち状況をウェブで知らせる仕組みについての相談",
        outline=prose(
            """
            転入・転出の多い3月から4月にかけて、市役所の窓口で長い待ち時間が生じていると伺い
            ました。発券機のデータを使って、いま何人待っているか、おおよその待ち時間をスマート
            フォンで確かめられる仕組みを考えています。既存の発券機の仕様や、試行できる時期につ
            いて、まずはご相談させてください。
            """
        ),
        intent=CONSULTATION,
        content={
            "requests_to_city": prose(
                """
                ・窓口で使っている発券機の機種と、待ち人数のデータを取り出せるかどうかの確認
                ・繁忙期の窓口の混雑状況（時間帯ごとの来庁者数）の概要
                """
            ),
        },
        submit=True,
        received_ago=1,
    ),
    # A: submitted, in dialogue with 子育て支援課, then withdrawn with its reason.
    DemoProposal(
        owner="biz-a@example.jp",
        theme="保育所等の入所待ちの解消と、保育の空き情報の提供",
        title="保育所等の空き情報を毎週届ける保護者向けサービス",
        outline=prose(
            """
            保育所等の空き状況を、施設ごと・年齢ごとに毎週更新して地図で公開し、入所を希望する
            保護者が希望に合う施設を見つけやすくするサービスを提案します。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                保育所等の空き状況は月に一度、市のウェブサイトで一覧表として公開されています。
                保護者からは「最新の空きがわからない」「通勤の経路に合う施設を探しにくい」という
                声があり、窓口や電話での問い合わせが年度末に集中しています。
                """
            ),
            "body": prose(
                """
                施設からの報告をもとに、空き状況を毎週更新して地図に表示します。保護者は、年齢、
                希望する地域、通勤の経路を登録しておくと、条件に合う空きが出たときに通知を受け取
                れます。施設の側の入力は、スマートフォンから1分で終わるようにします。
                """
            ),
            "effect_citizens": prose(
                """
                保護者が自宅から最新の空き状況を確かめられ、問い合わせの手間が減ります。
                """
            ),
            "effect_financial": "年度末の窓口と電話での問い合わせの対応時間を減らせます。",
            "effect_growth": "空きの出方のデータが蓄積され、保育の定員の計画に生かせます。",
            "effect_region": "働きながら子育てをする世帯が、市内で暮らし続けやすくなります。",
            "roles": prose(
                """
                当社：サービスの構築と運用、施設の職員向けの入力の説明会、保護者からの問い合わせ
                への対応。市：施設への協力の依頼、公開する空き状況の確認、入所の申込みの手続きの
                案内。
                """
            ),
            "schedule": prose(
                """
                ・令和8年10月〜12月：市内の保育所等10施設で試行
                ・令和9年1月：試行の結果の検証と、全施設への拡大の協議
                ・令和9年4月：4月入所の申込みの時期に合わせて本格運用
                """
            ),
            "cost_bearing": NO_COST,
            "cost_detail": "試行期間は当社の負担とし、本格運用は施設の広告枠の収入で賄います。",
        },
        submit=True,
        received_ago=5,
        story=(
            Assign(5, "kosodate", hour=14),
            Move(4, A.START_DIALOGUE, hour=10),
            Say(
                4,
                KOSODATE,
                prose(
                    """
                    ご提案ありがとうございます。子育て支援課です。空き状況の更新の頻度と、施設の
                    側の入力の負担について、保育所の所長会でご説明いただく機会を設けたいと考えて
                    います。来週以降で、ご都合のよい日をお知らせください。
                    """
                ),
            ),
            Read(3, BIZ_A),
            Move(
                1,
                A.WITHDRAW,
                by=BIZ_A,
                reason=prose(
                    """
                    同じテーマについて、市内で保育所を運営する社会福祉法人と共同で提案することになりま
                    した。内容を一本化して改めて提出するため、この提案は取り下げます。
                    """
                ),
            ),
        ),
    ),
    # A: submitted, then revised: version 2 with a note.
    DemoProposal(
        owner="biz-a@example.jp",
        theme="三嶋大社周辺から中心市街地への回遊性の向上",
        title="デジタルスタンプラリーと人流データによるまちなか回遊の促進",
        outline=prose(
            """
            三嶋大社、白滝公園、源兵衛川、商店街の店舗などを巡るスマートフォンのスタンプラリー
            を実施し、参加者の回遊の経路と滞在時間を匿名のデータとして集計して、商店街と市の施
            策に生かす提案です。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                三嶋大社の参拝者の多くが、参拝の後はまちなかを歩かずに三島駅へ戻るか、車で市外
                へ向かっています。商店街の側でも、どの店に、どの時間帯に、どこから来た人が立ち寄
                っているのかがわからず、催しや営業時間の工夫の効果を確かめられずにいます。
                """
            ),
            "body": prose(
                """
                ・三嶋大社から白滝公園、源兵衛川、本町・大社町の商店街を結ぶ3つのコースを設定し
                、スマートフォンでスタンプを集めるラリーを実施します（アプリのインストールは不要
                です）。
                ・スタンプは各地点に置いた二次元コードを読み取って集め、集めた数に応じて参加店舗
                で使える特典と交換します。
                ・参加者の同意を得て、回遊の経路と滞在時間を匿名で集計し、商店街と市に報告します
                。
                """
            ),
            "effect_citizens": prose(
                """
                参拝者や観光客が、湧水の水辺や老舗の店など、まちなかの魅力に出会う機会が増えます
                。市民にとっても、身近な場所を歩いて巡るきっかけになります。
                """
            ),
            "effect_financial": prose(
                """
                参加店舗での消費が増えることを見込みます。市の費用は、特典の一部と周知に限られま
                す。
                """
            ),
            "effect_growth": prose(
                """
                回遊のデータを商店街と市が共有し、催しの時期や店舗の営業時間の工夫を、データに基
                づいて検討できるようになります。
                """
            ),
            "effect_region": prose(
                """
                参拝だけで帰っていた来訪者の滞在時間が延び、平日や夕方のにぎわいにつながります。
                """
            ),
            "roles": prose(
                """
                当社：ラリーの仕組みの構築と運用、データの集計と報告。商店街：特典の提供、店頭で
                の案内。市：周知と、公共の場所への二次元コードの設置の調整。
                """
            ),
            "schedule": prose(
                """
                ・令和8年6月：コースと参加店舗の決定
                ・令和8年7月〜9月：ラリーの実施
                ・令和8年10月：結果の報告と、次年度の進め方の協議
                """
            ),
            "cost_bearing": CITY_PAYS,
            "cost_detail": prose(
                """
                仕組みの構築と運用：80万円（当社が負担）。特典と周知の費用：60万円（市に負担をお
                願いしたい部分）。
                """
            ),
            "requests_to_city": prose(
                """
                公共の場所（白滝公園など）への二次元コードの掲示の許可と、「広報みしま」での周知
                。
                """
            ),
            "know_how": prose(
                """
                位置情報を使わずに二次元コードの読み取りの時刻だけから回遊の経路を推定する当社独
                自の集計の方法と、その精度の検証の結果。
                """
            ),
            "consent_to_publish": True,
        },
        submit=True,
        received_ago=4,
        story=(
            Revise(
                1,
                changes={
                    "schedule": prose(
                        """
                        ・令和8年6月〜7月：コースと参加店舗の決定（商店街の意見交換会で説明）
                        ・令和8年8月15日〜17日の三嶋大祭りに合わせて開始し、11月まで実施
                        ・令和8年12月：結果の報告と、次年度の進め方の協議
                        """
                    ),
                    "cost_detail": prose(
                        """
                        仕組みの構築と運用：80万円（当社が負担）。特典：40万円（参加店舗の協賛で賄います
                        ）。周知の費用：20万円（市に負担をお願いしたい部分）。
                        """
                    ),
                },
                note=prose(
                    """
                    商店街との意見交換を踏まえ、三嶋大祭りに合わせて実施時期を見直し、特典の費用を参加
                    店舗の協賛で賄う形に改めました。
                    """
                ),
            ),
        ),
    ),
    # B: a full free proposal in 環境 with a PDF, submitted.
    DemoProposal(
        owner="biz-b@example.jp",
        field="environment",
        department="mizumidori",
        title="市民参加による湧水河川の生きもの調査と外来種対策",
        outline=prose(
            """
            源兵衛川、桜川、御殿川などの湧水河川で、市民や小中学生と一緒に生きもの調査を年4回
            行い、結果を地図にまとめて公開します。あわせて、在来の生きものを脅かす外来種の駆除
            を、地域の団体や企業のボランティアと計画的に進めます。
            """
        ),
        intent=FULL,
        content={
            "background": prose(
                """
                市内の湧水河川には、ミシマバイカモやホタル、カワセミなど、きれいな水辺に暮らす生
                きものが戻ってきました。一方で、近年はアメリカザリガニやオオカナダモなどの外来種
                が増え、在来の水草や小さな生きものへの影響が心配されています。

                当法人はこれまで、源兵衛川で年2回の清掃と観察会を続けてきましたが、調査の記録は
                団体ごとに紙で保管されており、川全体の変化をとらえることができていません。
                """
            ),
            "body": prose(
                """
                ・湧水河川の10地点で、季節ごと（年4回）に生きもの調査を行います。調査には、市民
                、小中学生、企業のボランティアが参加できます。
                ・調査の方法を統一し、結果を地図にまとめて当法人のウェブサイトで公開します。
                ・外来種の分布がわかった地点から、水草の刈り取りとザリガニの捕獲を計画的に行いま
                す。
                ・調査と駆除の結果を毎年報告書にまとめ、市の環境施策の基礎資料として提供します。
                """
            ),
            "effect_citizens": prose(
                """
                市民や子どもたちが、身近な川の生きものに触れ、湧水の環境を守る活動に参加する機会
                が増えます。
                """
            ),
            "effect_financial": prose(
                """
                市が委託で行っている調査の一部を、市民参加の調査で補えます。駆除を計画的に進める
                ことで、水草の繁茂による水路の維持管理の費用の抑制も見込めます。
                """
            ),
            "effect_growth": prose(
                """
                調査の記録が毎年積み重なり、湧水の量や水温の変化と生きものの関係を分析できるよう
                になります。参加した学生や企業が、次の担い手に育ちます。
                """
            ),
            "effect_region": prose(
                """
                「水の都・三島」を象徴する水辺の生態系を守り、地域の団体、学校、企業がつながる協
                働の場になります。
                """
            ),
            "roles": prose(
                """
                当法人：調査の企画と運営、参加者の募集と安全管理、データの取りまとめと公開、外来
                種の駆除の計画と実施。市：調査地点の河川管理者との調整、学校への周知、調査の結果
                の環境施策への活用。
                """
            ),
            "schedule": prose(
                """
                ・令和8年7月：調査地点と方法の決定、参加者の募集
                ・令和8年8月から：季節ごとの調査（8月、11月、2月、5月）
                ・令和9年6月：1年目の報告書の提出
                """
            ),
            "cost_bearing": NO_COST,
            "cost_detail": prose(
                """
                調査の用具と保険の費用（年間約35万円）は、企業の協賛金と民間の助成金で賄います。
                市の費用はかかりません。
                """
            ),
            "requests_to_city": prose(
                """
                ・河川と水路の管理者との、調査と駆除の作業についての調整
                ・市内の小中学校への参加の呼びかけ
                ・市が過去に行った生きもの調査の結果の提供
                """
            ),
            "know_how": prose(
                """
                外来の水草を、在来のミシマバイカモを傷めずに選んで刈り取る当法人の作業の手順と、
                ボランティアの初心者でも見分けられるようにした識別の手引き。
                """
            ),
            "consent_to_publish": True,
        },
        files=(
            DemoFile(
                name="活動実績と調査計画.pdf",
                heading="湧水河川の生きもの調査　活動実績と調査計画",
                lines=(
                    "１．これまでの活動",
                    "　源兵衛川の清掃と観察会（年２回、延べ参加者　約３２０人）",
                    "２．調査の計画",
                    "　調査地点：源兵衛川、桜川、御殿川の１０地点",
                    "　調査の時期：８月、１１月、２月、５月",
                    "３．外来種対策",
                    "　オオカナダモの刈り取り、アメリカザリガニの捕獲",
                    "ＮＰＯ法人せせらぎ環境ネット",
                ),
            ),
        ),
        submit=True,
        received_ago=2,
    ),
    # B: a draft consultation on an accepting theme.
    DemoProposal(
        owner="biz-b@example.jp",
        theme="家庭ごみの減量と資源化の促進",
        title="地域のリユース拠点「もったいない市」の常設化",
        outline=prose(
            """
            当法人が年2回開いてきた不用品の交換会「もったいない市」を、公共施設の一角で月に2回
            開く常設の拠点にし、まだ使える家具、子ども用品、食器などを次の使い手につなぎます。
            """
        ),
        intent=CONSULTATION,
        content={
            "background": prose(
                """
                交換会には毎回200人ほどが訪れ、子ども用品を中心に多くの品物が次の使い手に渡って
                います。一方で、年2回では、引っ越しや子どもの成長に合わせて品物を出したい人の需
                要に応えきれていません。
                """
            ),
        },
    ),
)
