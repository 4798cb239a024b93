"""What the demo data holds, as the tests of the demo expect it, and how they run it."""

from io import StringIO

from django.core.management import call_command

from proposals.models import Proposal, ProposalTransition

PASSWORD = "demo-pass-2026"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNTS = [
    "office@example.jp",
    "kankyo@example.jp",
    "kosodate@example.jp",
    "evaluator@example.jp",
    "evaluator2@example.jp",
    "biz-a@example.jp",
    "biz-a2@example.jp",
    "biz-b@example.jp",
    "biz-c@example.jp",
    "biz-d@example.jp",
]
EVALUATORS = ["evaluator@example.jp", "evaluator2@example.jp"]
BUSINESSES = [email for email in ACCOUNTS if email.startswith("biz-")]
ORGANIZATION_A = "株式会社みしまデジタルラボ"
ORGANIZATION_B = "NPO法人せせらぎ環境ネット"
# The applicants to the open calls (公募), who never see the original proposals.
ORGANIZATION_C = "一般社団法人みしま里山こども学校"
ORGANIZATION_D = "株式会社駿河メディアワークス"
S, A = Proposal.Status, ProposalTransition.Steps

# In the order of Proposal.Status. No case rests in "selected": the selected original proposal
# went on to its agreement (see test_every_state_of_the_workflow_has_a_case).
EVERY_STATE = {
    S.DRAFT: 2,
    S.RECEIVED: 6,  # one a near-duplicate of an earlier case (similar-case hints)
    S.CONSULTING: 3,
    S.DECLINED: 1,
    S.PLANNING: 1,
    S.ADOPTED: 1,
    S.NOT_ADOPTED: 1,
    S.SELECTING: 2,  # the signage case and biz-d's application to its open call
    S.NOT_SELECTED: 2,  # biz-c's and biz-d's applications to the 放課後しぜん教室 call
    S.AGREED: 1,
    S.OPERATING: 1,
    S.COMPLETED: 1,
    S.WITHDRAWN: 1,
}
SUBMITTED = sum(EVERY_STATE.values()) - EVERY_STATE[S.DRAFT]  # 21, with the 3 applications
APPLICATIONS = {
    # title: (applicant, status, the title of the case whose open call it answers)
    "里山の一年を遊びつくす放課後自然学校": (
        ORGANIZATION_C,
        S.NOT_SELECTED,
        "湧水の水辺と里山で遊ぶ「放課後しぜん教室」",
    ),
    "映像で記録する放課後しぜん探検": (
        ORGANIZATION_D,
        S.NOT_SELECTED,
        "湧水の水辺と里山で遊ぶ「放課後しぜん教室」",
    ),
    "待合の時間を快適にする庁舎サイネージと地域情報の発信": (
        ORGANIZATION_D,
        S.SELECTING,
        "庁舎のデジタルサイネージによる行政情報の発信と広告収入の確保",
    ),
}


def load_demo(*args) -> str:
    """Run the command as `make run` does; what it printed."""
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def submitted():
    """The cases received, oldest reference first."""
    return Proposal.objects.exclude(status=S.DRAFT).order_by("serial")
