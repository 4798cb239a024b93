"""The shape of the demo data files (mishima_kyoso/demo/data), checked before anything is
written: one spec per kind of file and one per story step, each a dict of its keys and their
types (the vocabulary is in checking.py). A key the schema does not name, a key missing, a
value of the wrong type, an unknown step or choice is a DemoDataError naming the file and the
key; references to other files (accounts, departments, themes, fields) are checked once every
file is read (datafiles.py).
"""

from accounts.models import Organization
from cocreation_list.models import Theme, Viewpoint
from dialogue.models import MeetingRecord
from disclosure.models import Ground, ThirdPartyOpinion
from disclosure.services import SECTION_ANCHORS
from evaluation.models import Round
from partnership.models import AgreementChange, ImprovementAction, IncentiveRule, RoleRiskItem
from proposals.models import (
    SUMMARY_SECTIONS,
    TEXT_SECTIONS,
    Opportunity,
    PPPMethod,
    Proposal,
    ProposalTransition,
    SharedGoal,
)

from .checking import Checked, Choice, Fields, ListOf, Optional, Range, Ref, Steps

# Shared pieces -------------------------------------------------------------------------------

AGO = Range(0, 10_000)  # business days before today (0: today)
DAYS = Range(-10_000, 10_000)  # calendar days from today
HOUR = Range(0, 23)
# A case's content as the story gives it (its title and outline are given apart).
CONTENT_TEXT = (
    *(name for name in TEXT_SECTIONS if name not in SUMMARY_SECTIONS),
    "contact_email",
)
CONTENT = Fields(
    dict.fromkeys(CONTENT_TEXT, str)
    | {"cost_bearing": Choice.of(Proposal.CostBearing), "consent_to_publish": bool}
)
ADOPTION = Fields(
    {
        "ppp_method": Choice.of(PPPMethod),
        "opportunity": Choice.of(Opportunity),
        "direct_reason": str,
    }
)


def _check_document(where, values: dict) -> None:
    if values["name"].lower().endswith(".xlsx"):
        if not (values["sheet"] and values["rows"]) or values["heading"] or values["lines"]:
            raise where.error("a workbook (.xlsx) has a `sheet` and its `rows`, nothing else")
    elif not values["heading"] or values["sheet"] or values["rows"]:
        raise where.error("a PDF has a `heading` and its `lines`, nothing else")


# A sample file: a PDF (heading and lines of text) or an .xlsx workbook (sheet and rows of
# cells: text, numbers, "=FORMULA"), written by mishima_kyoso.common.sample_documents.
DOCUMENT = Checked(
    {
        "name": str,
        "heading": Optional(str, ""),
        "lines": Optional(ListOf(str), []),
        "sheet": Optional(str, ""),
        "rows": Optional(ListOf(ListOf((str, int))), []),
    },
    _check_document,
)
BY = Optional(Ref("account"), None)  # who takes the step; None: the office account

# The files ----------------------------------------------------------------------------------

DEPARTMENTS_FILE = {
    "departments": ListOf({"code": str, "name": str, "phone": str, "email": str}),
}
ACCOUNTS_FILE = {
    "password": str,
    "accounts": ListOf(
        {
            "email": str,
            "full_name": str,
            "role": Choice(("office", "department", "evaluator", "business")),
            "department": Optional(Ref("department"), None),  # department staff only
            # An account nobody has used for that many days (created so, never signed in
            # since): the retention rule lists it for disposal (retention/).
            "idle_days": Optional(Range(0, 10_000), 0),
        }
    ),
}
ORGANISATIONS_FILE = {
    "organisations": ListOf(
        {
            "founder": Ref("account:business"),  # registers it, as on the registration page
            "colleagues": Optional(ListOf(Ref("account:business")), []),  # join by invitation
            "invited": Optional(ListOf(str), []),  # invited, not answered yet
            "name": str,
            "name_kana": str,
            "corporate_number": Optional(str, ""),
            "postal_code": str,
            "address": str,
            "representative": str,
            "contact_person": str,
            "phone": str,
            "email": str,
            "size": Choice.of(Organization.Size),
            "is_local": bool,
        }
    ),
}
THEME_FILE = {
    "title": str,  # the stable key: a second run finds the theme by its title
    "department": Ref("department"),
    "fields": ListOf(Ref("field")),
    "status": Choice.of(Theme.Status),
    "opens": Optional(DAYS, None),  # days from today
    "closes": Optional(DAYS, None),
    "year_round": Optional(bool, False),
    "published_ago": Optional(Range(0, 10_000), 0),  # days before today it went public
    "background": str,
    "wanted": str,
    "business_role": str,
    "city_offer": str,
    "conditions": str,
    "questions": Optional(
        ListOf({"asked_ago": Range(0, 10_000), "question": str, "answer": Optional(str, "")}), []
    ),
    "attachment": Optional(
        {"title": str, "file_name": str, "heading": str, "lines": ListOf(str)}, None
    ),
    # The goals on the four viewpoints (one each at most); indicators due at a fiscal year's end
    "goals": Optional(
        ListOf(
            {
                "viewpoint": Choice.of(Viewpoint),
                "description": str,
                "indicators": Optional(
                    ListOf(
                        {
                            "name": str,
                            "unit": Optional(str, ""),
                            "baseline": Optional(str, ""),
                            "target": str,
                            "years": Optional(Range(0, 10), 0),  # 0: this fiscal year
                        }
                    ),
                    [],
                ),
            }
        ),
        [],
    ),
}

# The steps of a story, after its submission, in the order they happened. `ago` is the day,
# in business days before today; `hour` the time of day.
STEPS = {
    "assign": {"department": Ref("department"), "by": BY, "hour": Optional(HOUR, 9)},
    "move": {  # a step of the workflow
        "workflow_step": Choice.of(ProposalTransition.Steps),
        "reason": Optional(str, ""),
        "public_reason": Optional(str, ""),
        "details": Optional(ADOPTION, {}),
        "by": BY,
        "hour": Optional(HOUR, 16),
    },
    "say": {  # a message of the dialogue, or an internal note
        "by": Ref("account"),
        "body": str,
        "internal": Optional(bool, False),
        "files": Optional(ListOf(DOCUMENT), []),
        "hour": Optional(HOUR, 11),
    },
    "meet": {  # a meeting record, held that day
        "by": Ref("account"),
        "city_attendees": str,
        "business_attendees": str,
        "summary": str,
        "next_steps": Optional(str, ""),
        "kind": Optional(Choice.of(MeetingRecord.Kind), MeetingRecord.Kind.DIALOGUE.value),
        "form": Optional(Choice.of(MeetingRecord.Form), MeetingRecord.Form.IN_PERSON.value),
        "shared": Optional(bool, True),
        "hour": Optional(HOUR, 17),
    },
    "goal": {  # a shared goal along one viewpoint; indicators due at a fiscal year's end
        "by": Ref("account"),
        "viewpoint": Choice.of(SharedGoal.Viewpoint),
        "description": str,
        "indicators": Optional(
            ListOf(
                {
                    "name": str,
                    "unit": str,
                    "baseline": str,
                    "target": str,
                    "years": Optional(Range(0, 10), 0),  # 0: this fiscal year, 1: the next
                }
            ),
            [],
        ),
        "agreed": Optional(bool, True),
        "hour": Optional(HOUR, 15),
    },
    "revise": {"changes": CONTENT, "note": str, "hour": Optional(HOUR, 10)},
    "read": {"by": Ref("account"), "hour": Optional(HOUR, 13)},
    "call": {  # the open call (公募) of the adopted case, accepting for `days` days
        "title": str,
        "summary": str,
        "conditions": str,
        "days": Range(1, 366),
        "contact": Optional(str, ""),
        "questions": Optional(Range(0, 366), 0),  # days questions are taken from day one; 0: none
        "by": BY,
        "hour": Optional(HOUR, 10),
    },
    "question": {  # a business asks on the case's open call; the office answers for everyone
        "by": Ref("member"),
        "question": str,
        "answer": str,
        "answer_ago": AGO,  # the day the office answered
        "hour": Optional(HOUR, 11),
    },
    "committee": {  # the office enters the call's selection committee (public with the result)
        "members": ListOf({"name": str, "role": str, "affiliation": Optional(str, "")}),
        "by": BY,
        "hour": Optional(HOUR, 10),
    },
    "apply": {  # another business applies to the case's open call
        "owner": Ref("member"),
        "title": str,
        "outline": str,
        "content": CONTENT,
        "hour": Optional(HOUR, 15),
    },
    "evaluate": {  # a round from its creation to its decision; candidates by their owner
        "kind": Choice.of(Round.Kind),
        "title": str,
        "evaluators": ListOf(Ref("account:evaluator")),
        "scores": ListOf(
            {
                "evaluator": Ref("account:evaluator"),
                "candidate": Ref("member"),
                "points": ListOf(Range(0, 1000)),  # in the order of the default criteria
            }
        ),
        "conflicts": Optional(
            ListOf(
                {
                    "evaluator": Ref("account:evaluator"),
                    "candidate": Ref("member"),
                    "note": str,
                }
            ),
            [],
        ),
        "reason": str,
        "public_reason": str,
        "selected": Optional(Ref("member"), ""),  # a selection: who is selected
        "details": Optional(ADOPTION, {}),  # an adoption review: the adoption's choice
        # The office's per-evaluator normalisation of the totals, turned on after scoring.
        "normalisation": Optional(Choice.of(Round.Normalisation), Round.Normalisation.OFF),
        "by": BY,
        "hour": Optional(HOUR, 15),
    },
    "sign": {  # the agreement with its role and risk table, signed that day
        "title": str,
        "months": Range(1, 240),
        "starts_in": Optional(Range(0, 366), 1),
        "incentives": Optional(str, ""),
        "items": ListOf(
            {
                "item": str,
                "city_role": str,
                "business_role": str,
                "bearer": Choice.of(RoleRiskItem.Bearer),
            }
        ),
        "by": BY,
        "hour": Optional(HOUR, 16),
    },
    "incentive": {  # an incentive rule of the agreement on one of the case's indicators
        "indicator": str,  # by its name
        "comparison": Choice.of(IncentiveRule.Comparison),
        "threshold": str,
        "effect": Choice.of(IncentiveRule.Effect),
        "amount": Optional(str, ""),  # percent for a fee adjustment, months for an extension
        "text": Optional(str, ""),
        "by": BY,
        "hour": Optional(HOUR, 17),
    },
    "change": {  # a change of the signed agreement (変更・更新・延長), recorded that day
        "kind": Choice.of(AgreementChange.Kind),
        "effective_in": Optional(Range(0, 366), 0),  # days after that day
        "extend_months": Optional(Range(0, 120), 0),  # the new end: months after the current
        "terms": Optional(str, ""),
        "reason": str,
        "document": DOCUMENT,  # the signed change, attached with the city's signing
        "signed": Optional(bool, True),  # signed by both sides that day; false: recorded only
        "by": BY,
        "hour": Optional(HOUR, 15),
    },
    "report": {  # a monitoring report of the `months` before that day
        "by": Ref("account"),
        "months": Range(1, 120),
        "summary": str,
        "assessment": str,
        "results": ListOf({"indicator": str, "value": str, "public": bool}),
        "actions": Optional(
            ListOf(
                {
                    "description": str,
                    "owner": Choice.of(ImprovementAction.Owner),
                    "person": str,
                    "due_in": Range(0, 3660),  # days after the report
                }
            ),
            [],
        ),
        "hour": Optional(HOUR, 16),
    },
    "publish": {  # the office publishes the case's last decision of that kind
        "decision": Choice.of(ProposalTransition.Steps),
        "disclose": Optional(bool, None),  # the proposer's name and outline; None: their consent
        "names": Optional(bool, False),  # a selection: candidates named, or shown as A, B, C
        "title": Optional(str, ""),  # the office's neutral public title; "": the case's own
        "by": BY,
        "hour": Optional(HOUR, 17),
    },
    "disclosure": {  # a request for disclosure (情報公開請求) of the case, recorded that day
        "requester": str,  # who asked for what, as the office records it
        "decision_in": Range(1, 60),  # calendar days to the decision (開示決定等の期限)
        # The parts the office withholds beside the proposer's know-how: sections by anchor,
        # the case's files by name; each with its ground under the ordinance.
        "sections": Optional(
            ListOf({"section": Choice(SECTION_ANCHORS), "ground": Choice.of(Ground)}), []
        ),
        "files": Optional(ListOf({"name": str, "ground": Choice.of(Ground)}), []),
        "opinion_in": Range(1, 60),  # calendar days the proposer has to give an opinion
        "by": BY,
        "hour": Optional(HOUR, 10),
    },
    "opinion": {  # the proposer answers the last opinion request (第三者意見照会)
        "answer": Choice.of(ThirdPartyOpinion.Answer),
        "reasons": Optional(str, ""),
        "hour": Optional(HOUR, 11),
    },
}

STORY_FILE = {
    "owner": Ref("member"),  # creates the case and takes the proposer's steps
    "title": str,  # the stable key, with the owner's organisation
    "theme": Optional(Ref("theme"), None),  # theme-based (テーマ提示型) …
    "field": Optional(Ref("field"), None),  # … or free (自由提案型)
    "department": Optional(Ref("department"), None),  # the one the business has in mind
    "intent": Choice.of(Proposal.Intent),
    "submit": bool,
    "received_ago": Optional(AGO, 0),
    "outline": str,
    "content": Optional(CONTENT, {}),
    "files": Optional(ListOf(DOCUMENT), []),
    "steps": Optional(ListOf(Steps(STEPS, {"ago": AGO})), []),
}
