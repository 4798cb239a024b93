"""The planned cases written: the cases with what their save() and services would have set,
their first versions, the workflow's log, the departments in charge, the object permissions
(guardian) the services would have granted, the messages, and the published decisions."""

import datetime

from django.contrib.auth.models import Permission

from dialogue.models import Message
from outcomes.models import PublishedDecision
from proposals.models import (
    VERSIONED_FIELDS,
    DepartmentAssignment,
    Opportunity,
    PPPMethod,
    Proposal,
    ProposalGroupObjectPermission,
    ProposalTransition,
    ProposalVersion,
)
from proposals.permissions import is_office

from . import words
from .writer import insert

A = ProposalTransition.Steps
CASE_COLUMNS = (
    "id", "kind", "theme", "field", "organization", "created_by", "intent",
    *(name for name in VERSIONED_FIELDS if name not in ("consent_to_publish", "intent")),
    "consent_to_publish", "status", "reference", "fiscal_year", "serial", "version",
    "submitted_at", "first_response_due_on", "first_responded_at", "reply_due_on",
    "next_due_on", "ppp_method", "opportunity", "direct_reason", "last_city_message_at",
    "last_proposer_message_at", "created_at", "updated_at",
)  # fmt: skip
DIRECT_REASON = "提案者の独自のノウハウによる事業であり、他の事業者では実施できないため。"
ADOPTED = (
    Proposal.Status.ADOPTED,
    Proposal.Status.AGREED,
    Proposal.Status.OPERATING,
    Proposal.Status.COMPLETED,
)


def content(case) -> dict:
    """The versioned content of a case (VERSIONED_FIELDS), written from its words; made once
    per case (its row and its first version share it)."""
    if case.content is None:
        case.content = _content(case)
    return case.content


def _content(case) -> dict:
    text, org = case.text, case.org
    topic, place, method = text["topic"], text["place"], text["method"]
    return {
        "title": text["title"],
        "outline": f"{method}仕組みで、{place}の{topic}に取り組みます。",
        "background": words.BACKGROUNDS[case.id % len(words.BACKGROUNDS)].format(
            topic=topic, place=place
        ),
        "body": f"{place}を対象に、{method}{topic}の事業を市と共に進めます。",
        "effect_citizens": f"市民が{topic}のサービスを利用しやすくなります。",
        "effect_financial": "市の費用負担を抑えながら事業を続けられます。",
        "effect_growth": "",
        "effect_region": f"{place}の地域のつながりが強まります。",
        "roles": "事業者が運営を担い、市は周知と場の提供を行います。",
        "schedule": "準備3か月、実証6か月、検証3か月。",
        "cost_bearing": ("none", "city", "revenue")[case.id % 3],
        "cost_detail": "",
        "requests_to_city": "関係部署との調整をお願いします。",
        "know_how": f"{topic}に関する当社独自の運営ノウハウ。",
        "contact_name": org["person"],
        "contact_phone": org["phone"],
        "contact_email": org["email"],
        "consent_to_publish": case.consent,
        "intent": Proposal.Intent.PROPOSAL,
    }


def adoption(case) -> tuple[str, str, str]:
    """What the adoption chose: the PPP method and a direct agreement (no open call)."""
    if case.status not in ADOPTED:
        return "", "", ""
    method = PPPMethod.values[case.id % len(PPPMethod.values)]
    return method, Opportunity.DIRECT, DIRECT_REASON


def write_cases(run, cases) -> None:
    office = run.office.pk

    def rows():
        for case in cases:
            values = content(case)
            city = [at for side, internal, at in case.messages if side == "city" and not internal]
            proposer = [at for side, _internal, at in case.messages if side == "proposer"]
            yield (
                case.id, case.kind, case.theme, case.field, case.org["id"], case.org["user_id"],
                values["intent"], *(values[name] for name in CASE_COLUMNS[7:7 + 17]),
                case.consent, case.status, case.reference, case.year, case.serial,
                1 if case.submitted else 0, case.submitted, case.first_response_due,
                case.first_responded, case.reply_due, case.next_due, *adoption(case),
                max(city, default=None), max(proposer, default=None), case.created, case.updated,
            )  # fmt: skip

    run.count("cases", insert(Proposal, CASE_COLUMNS, rows()))
    received = [case for case in cases if case.submitted]
    version_ids = run.ids.take(ProposalVersion, len(received))
    insert(
        ProposalVersion,
        ["id", "proposal", "number", "content", "note", "created_by", "created_at"],
        (
            (version_id, case.id, 1, content(case), "", case.org["user_id"], case.submitted)
            for version_id, case in zip(version_ids, received, strict=True)
        ),
    )
    write_assignments(run, cases, office)


def write_assignments(run, cases, office: int) -> None:
    """The departments in charge, and the grants: the organisation's group sees and edits its
    cases, a department's group sees the cases assigned to it (proposals.permissions)."""
    permissions = dict(
        Permission.objects.filter(
            content_type__app_label="proposals",
            codename__in=("view_proposal", "change_proposal"),
        ).values_list("codename", "pk")
    )
    view, change = permissions["view_proposal"], permissions["change_proposal"]
    groups = run.department_groups
    assignments, grants = [], []
    for case in cases:
        grants.append((view, case.org["group_id"], case.id))
        grants.append((change, case.org["group_id"], case.id))
        at = case.steps[1][3] if len(case.steps) > 1 else case.updated
        for department in case.departments:
            assignments.append((case.id, department, office, at))
            grants.append((view, groups[department], case.id))
    ids = run.ids.take(DepartmentAssignment, len(assignments))
    insert(
        DepartmentAssignment,
        ["id", "proposal", "department", "assigned_by", "assigned_at"],
        ((pk, *row) for pk, row in zip(ids, assignments, strict=True)),
    )
    ids = run.ids.take(ProposalGroupObjectPermission, len(grants))
    insert(
        ProposalGroupObjectPermission,
        ["id", "permission", "group", "content_object"],
        ((pk, *row) for pk, row in zip(ids, grants, strict=True)),
    )
    run.count("department assignments", len(assignments))


def step_record(case, step, rule, office: int) -> tuple[int, str, str, dict]:
    """Who took a step, its reasons and what it recorded."""
    actor = office if rule.who is is_office else case.org["user_id"]
    reasons = words.REASONS.get(step, ("",))
    reason = reasons[case.id % len(reasons)] if rule.reason else ""
    public = reason if rule.public_reason else ""
    details = {}
    if step == A.ADOPT:
        method, opportunity, direct = adoption(case)
        details = {"ppp_method": method, "opportunity": opportunity, "direct_reason": direct}
    return actor, reason, public, details


def write_transitions(run, cases) -> dict[int, tuple]:
    """The workflow's log; the decision that closed each case, by case, for the outcomes."""
    office = run.office.pk
    total = sum(len(case.steps) for case in cases)
    ids = iter(run.ids.take(ProposalTransition, total))
    closing = {}

    def rows():
        for case in cases:
            for step, source, target, at, rule in case.steps:
                actor, reason, public, details = step_record(case, step, rule, office)
                pk = next(ids)
                if step in (A.DECLINE, A.NOT_ADOPT, A.COMPLETE):
                    closing[case.id] = (pk, step, at, public)
                yield pk, case.id, step, source, target, actor, reason, public, details, at

    insert(
        ProposalTransition,
        ["id", "proposal", "step", "source", "target", "actor", "reason", "public_reason",
         "details", "created_at"],
        rows(),
    )  # fmt: skip
    run.count("transitions", total)
    return closing


def write_messages(run, cases) -> None:
    office = run.office.pk
    texts = {"proposer": words.MESSAGES_PROPOSER, "city": words.MESSAGES_CITY}
    rows = []
    for case in cases:
        for n, (side, internal, at) in enumerate(case.messages):
            author = office if side == "city" else case.org["user_id"]
            body = texts[side][(case.id + n) % len(texts[side])]
            rows.append((case.id, author, side, body, internal, at))
    ids = run.ids.take(Message, len(rows))
    insert(
        Message,
        ["id", "proposal", "author", "side", "body", "is_internal", "created_at"],
        ((pk, *row) for pk, row in zip(ids, rows, strict=True)),
    )
    run.count("messages", len(rows))


def write_decisions(run, cases, closing: dict, count: int) -> None:
    """`count` published decisions (or as many as there are) on cases that were declined, not
    adopted or completed, as outcomes.services would publish them under the default policy."""
    by_id = {case.id: case for case in cases}
    chosen = run.rng.sample(sorted(closing), k=min(count, len(closing)))
    fields = {field.pk: field.name for field in run.fields}
    themes = {theme["id"]: theme["field_name"] for theme in run.themes}
    rows = []
    for case_id in sorted(chosen, key=lambda pk: closing[pk][2]):
        case = by_id[case_id]
        transition, step, at, public = closing[case_id]
        field = fields.get(case.field) or themes.get(case.theme, "")
        own_title = step == A.COMPLETE
        title = case.text["title"] if own_title else f"{field}分野の提案（{case.reference}）"
        method, opportunity, _reason = adoption(case)
        published = min(run.now, at + datetime.timedelta(days=run.rng.randint(1, 14)))
        rows.append(
            (case_id, transition, step, at, public, method, opportunity, title, case.consent,
             case.org["name"] if case.consent else "",
             content(case)["outline"] if case.consent else "", "", False, [], published,
             run.office.pk, True)
        )  # fmt: skip
    ids = run.ids.take(PublishedDecision, len(rows))
    insert(
        PublishedDecision,
        ["id", "proposal", "transition", "decision", "decided_at", "public_reason",
         "ppp_method", "opportunity", "title", "discloses_proposer", "proposer_name", "outline",
         "selected_party", "shows_candidate_names", "candidates", "published_at",
         "published_by", "is_latest"],
        ((pk, *row) for pk, row in zip(ids, rows, strict=True)),
    )  # fmt: skip
    run.count("published decisions", len(rows))
