"""Stages 3 and 4 (issue 6) in the demo: open calls with applications, evaluation rounds,
agreements, monitoring and the public record."""

import html
import json
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import is_office
from dialogue.models import MeetingRecord, Message
from evaluation.aggregation import round_results
from evaluation.models import (
    ConflictDeclaration,
    Round,
    RoundUserObjectPermission,
    ScoreSheet,
)
from outcomes.models import PublishedDecision
from partnership.models import (
    Agreement,
    ImprovementAction,
    IndicatorResult,
    MonitoringReport,
    RoleRiskItem,
)
from proposals.fiscal import fiscal_year
from proposals.models import (
    OpenCall,
    Opportunity,
    Proposal,
    ProposalTransition,
)

from .shared import (
    APPLICATIONS,
    EVALUATORS,
    ORGANIZATION_A,
    ORGANIZATION_B,
    ORGANIZATION_C,
    ORGANIZATION_D,
    SUBMITTED,
    A,
    S,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

AFTERSCHOOL = "湧水の水辺と里山で遊ぶ「放課後しぜん教室」"
ENERGY_AUDIT = "中小事業所の省エネ診断と改善の伴走支援（試行）"
POWER = "公共施設の電力使用量の見える化とデマンド監視"
ADOPTION_REVIEW = "「放課後しぜん教室」採否審査"
SELECTION = "放課後しぜん教室 運営事業者の選定"
CALL_TITLES = (
    "放課後しぜん教室 運営業務委託 公募型プロポーザル",
    "庁舎のデジタルサイネージの設置・運営事業者の募集",
)
# The evaluators' points, criterion by criterion, as load_demo gives them, summed by hand (the
# default criteria set: 8 criteria, weight 1 each, 100 points; pass mark 60; bonus 5).
#   biz-b (the original proposal): 12+7+8+8+16+12+6+9 = 78 and 13+6+7+9+15+11+7+9 = 77,
#     mean 77.50, + 5 (提案者加点) = 82.50
#   biz-c: 11+7+7+8+15+12+8+9 = 77 and 12+8+8+8+14+11+8+9 = 78, mean 77.50
#   biz-d: 9+6+6+5+12+10+9+3 = 60; evaluator2 declared a conflict: 60.00 from one sheet
# Their labels A, B, C are drawn at random when the round opens (evaluation.services.open_round).
SELECTION_RESULTS = [
    # (organisation, evaluator totals, mean, bonus, total, rank)
    (ORGANIZATION_B, ["78.00", "77.00"], "77.50", "5.00", "82.50", 1),
    (ORGANIZATION_C, ["77.00", "78.00"], "77.50", "0.00", "77.50", 2),
    (ORGANIZATION_D, ["60.00", None], "60.00", "0.00", "60.00", 3),
]
PUBLIC_PAGES = ["/results/", "/statistics/", "/calls/", "/calls/1/", "/calls/2/"]


def selection_round():
    return Round.objects.get(kind=Round.Kind.SELECTION)


def selection_labels() -> dict[str, str]:
    """The organisation of each candidate of the selection → its label."""
    return dict(selection_round().candidates.values_list("proposal__organization__name", "label"))


def confidential_fragments():
    """Sentences of what the demo keeps confidential: the content of every case beyond its
    title and outline, the internal reasons, the dialogue and meetings, the reports, the
    evaluators' notes and the rounds' internal reasons. Sentences (and list items, and lines) of
    16 characters or more: shorter ones may be common phrases of public text too."""
    texts = []
    for case in Proposal.objects.exclude(status=S.DRAFT):
        texts += [
            case.background,
            case.body,
            case.effect_citizens,
            case.effect_financial,
            case.effect_growth,
            case.effect_region,
            case.roles,
            case.schedule,
            case.cost_detail,
            case.requests_to_city,
            case.know_how,
            case.contact_email,
        ]
    texts += ProposalTransition.objects.values_list("reason", flat=True)
    texts += Message.objects.values_list("body", flat=True)
    texts += MeetingRecord.objects.values_list("summary", flat=True)
    texts += MonitoringReport.objects.values_list("summary", flat=True)
    texts += MonitoringReport.objects.values_list("assessment", flat=True)
    texts += ImprovementAction.objects.values_list("description", flat=True)
    texts += Round.objects.values_list("decision_reason", flat=True)
    texts += ConflictDeclaration.objects.values_list("note", flat=True)
    return {
        part.strip().lstrip("・")
        for text in texts
        for part in re.split(r"[。\n]", text or "")
        if len(part.strip().lstrip("・")) >= 16
    }


def anonymous_page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


# Rounds -----------------------------------------------------------------------------


def test_the_adoption_review_passed_and_adopted_the_case():
    review = Round.objects.get(kind=Round.Kind.ADOPTION_REVIEW)

    assert review.title == ADOPTION_REVIEW
    assert review.proposal.title == AFTERSCHOOL
    assert (review.status, review.is_adopted) == (Round.Status.DECIDED, True)
    assert review.decision_reason.strip() and review.public_reason.strip()
    assert [c.proposal for c in review.candidates.all()] == [review.proposal]
    assert sorted(review.assignments.values_list("evaluator__email", flat=True)) == sorted(
        EVALUATORS
    )
    results = round_results(review)
    (only,) = results.candidates
    assert [total.total for total in only.totals] == [Decimal("78.00"), Decimal("78.00")]
    assert (only.mean, only.bonus, only.total) == (
        Decimal("78.00"),
        Decimal("0.00"),  # no proposer bonus in an adoption review
        Decimal("78.00"),
    )
    assert only.passed and only.total >= results.pass_mark == Decimal("60.00")
    # The decision moved the case on: adopted with the round's reasons, then an open call.
    adoption = review.proposal.transitions.get(step=A.ADOPT)
    assert adoption.public_reason == review.public_reason
    assert adoption.details["opportunity"] == Opportunity.OPEN_CALL
    assert review.decided_at == adoption.created_at


def test_the_selection_round_has_three_candidates_two_evaluators_and_one_conflict():
    selection = selection_round()
    candidates = selection.candidates.select_related("proposal__organization")

    assert selection.title == SELECTION
    assert selection.proposal.title == AFTERSCHOOL
    assert selection.status == Round.Status.DECIDED
    assert selection.is_anonymised
    assert sorted(c.label for c in candidates) == ["A", "B", "C"]
    assert {c.proposal.organization.name: c.is_original_proposer for c in candidates} == {
        ORGANIZATION_B: True,
        ORGANIZATION_C: False,
        ORGANIZATION_D: False,
    }
    assert {c.proposal.title for c in candidates if not c.is_original_proposer} == {
        title for title, (_, _, call) in APPLICATIONS.items() if call == AFTERSCHOOL
    }
    assignments = selection.assignments.select_related("evaluator")
    assert sorted(a.evaluator.email for a in assignments) == sorted(EVALUATORS)
    assert all(a.declared_at is not None for a in assignments)  # declared before scoring
    # Each evaluator declared on every candidate; one conflict, with its note.
    declarations = ConflictDeclaration.objects.filter(assignment__round=selection)
    assert declarations.count() == 6
    conflict = declarations.get(has_conflict=True)
    assert conflict.assignment.evaluator.email == "evaluator2@example.jp"
    assert conflict.candidate.proposal.organization.name == ORGANIZATION_D
    assert conflict.note.strip()
    # Submitted sheets from both evaluators on every candidate but the blocked pair.
    sheets = ScoreSheet.objects.filter(assignment__round=selection)
    assert sorted(
        (sheet.assignment.evaluator.email, sheet.candidate.proposal.organization.name)
        for sheet in sheets.select_related(
            "assignment__evaluator", "candidate__proposal__organization"
        )
    ) == sorted(
        [
            ("evaluator@example.jp", ORGANIZATION_B),
            ("evaluator@example.jp", ORGANIZATION_C),
            ("evaluator@example.jp", ORGANIZATION_D),
            ("evaluator2@example.jp", ORGANIZATION_B),
            ("evaluator2@example.jp", ORGANIZATION_C),
        ]
    )
    assert not sheets.filter(submitted_at=None).exists()
    criteria = selection.criteria_set.criteria.count()
    for sheet in sheets:
        assert sheet.scores.count() == criteria
        for score in sheet.scores.select_related("criterion"):
            assert 0 <= score.points <= score.criterion.max_points
    assert selection.scoring_due_on <= timezone.localdate(selection.closed_at)


def test_the_selection_ranks_the_original_proposal_first_at_82_50():
    selection = selection_round()

    results = round_results(selection)

    assert results.is_selection and not results.is_provisional
    assert results.bonus == Decimal("5.00")
    assert [
        (
            row.name,
            [None if t.total is None else str(t.total) for t in row.totals],
            str(row.mean),
            str(row.bonus),
            str(row.total),
            row.rank,
        )
        for row in results.candidates
    ] == SELECTION_RESULTS
    assert [row.passed for row in results.candidates] == [True, True, True]
    assert [(row.counted, row.blocked, row.missing) for row in results.candidates] == [
        (2, 0, 0),
        (2, 0, 0),
        (1, 1, 0),
    ]
    assert not results.has_unresolved_tie
    # The decision followed the ranking: the original proposal selected, the others not.
    winner = results.candidates[0].candidate
    assert selection.selected == winner
    assert winner.proposal.transitions.filter(step=A.SELECT).exists()
    for row in results.candidates[1:]:
        case = row.candidate.proposal
        assert case.status == S.NOT_SELECTED
        step = case.transitions.get(step=A.NOT_SELECT)
        assert step.reason.strip() and step.public_reason.strip()


def test_each_evaluator_has_the_two_rounds_and_nothing_else():
    for email in EVALUATORS:
        evaluator = User.objects.get(email=email)
        rounds = Round.objects.filter(assignments__evaluator=evaluator)
        assert sorted(rounds.values_list("title", flat=True)) == sorted(
            [ADOPTION_REVIEW, SELECTION]
        )
        granted = RoundUserObjectPermission.objects.filter(user=evaluator)
        assert set(granted.values_list("content_object_id", flat=True)) == set(
            rounds.values_list("pk", flat=True)
        )
    assert Round.objects.count() == 2


def test_three_agreements_with_their_role_and_risk_tables():
    agreements = {
        agreement.proposal.title: agreement
        for agreement in Agreement.objects.select_related("proposal", "signed_by")
    }
    today = timezone.localdate()

    assert set(agreements) == {ENERGY_AUDIT, AFTERSCHOOL, POWER}
    for title, agreement in agreements.items():
        items = list(agreement.items.order_by("order"))
        assert len(items) >= 3, title
        assert [item.order for item in items] == list(range(1, len(items) + 1))
        for item in items:
            item.full_clean()
            assert item.item and item.risk_bearer in RoleRiskItem.Bearer.values
        assert agreement.title.strip() and agreement.incentives.strip()
        assert agreement.signed_on <= today
        assert agreement.signed_on <= agreement.starts_on < agreement.ends_on
        assert is_office(agreement.signed_by)
        signed = agreement.proposal.transitions.get(step=A.AGREE)
        assert timezone.localdate(signed.created_at) == agreement.signed_on
    assert {
        bearer
        for agreement in agreements.values()
        for bearer in agreement.items.values_list("risk_bearer", flat=True)
    } == set(RoleRiskItem.Bearer.values)
    # Signing starts the operation once the term has begun; the power case starts later.
    power = agreements[POWER]
    assert power.proposal.status == S.AGREED and power.starts_on > today
    assert not power.proposal.transitions.filter(step=A.START_OPERATION).exists()
    for title in (ENERGY_AUDIT, AFTERSCHOOL):
        assert agreements[title].starts_on <= today
        assert agreements[title].proposal.transitions.filter(step=A.START_OPERATION).exists()
    assert agreements[AFTERSCHOOL].proposal.status == S.OPERATING
    assert agreements[ENERGY_AUDIT].proposal.status == S.COMPLETED


def test_monitoring_reports_have_indicator_results_and_improvement_actions():
    reports = MonitoringReport.objects.select_related("proposal", "created_by")

    assert {report.proposal.title for report in reports} == {ENERGY_AUDIT, AFTERSCHOOL}
    for report in reports:
        assert report.period_start < report.period_end <= timezone.localdate()
        assert report.summary.strip() and report.assessment.strip()
        assert report.is_shared
        assert report.created_by.department is not None  # kept by the department
        results = list(report.results.select_related("indicator__goal"))
        assert len(results) == 4, report.proposal.title
        for result in results:
            assert result.indicator.goal.proposal == report.proposal
            assert result.value.strip()
        # Some results published, one kept internal.
        assert {result.is_public for result in results} == {True, False}
        actions = list(report.actions.all())
        assert len(actions) == 2
        for action in actions:
            assert action.proposal == report.proposal
            assert action.description.strip() and action.owner_name.strip()
            assert action.due_on > report.period_end
    assert ImprovementAction.objects.count() == 4
    assert {action.owner_side for action in ImprovementAction.objects.all()} == set(
        ImprovementAction.Owner.values
    )


def test_the_rows_of_stages_3_and_4_are_dated_back_within_their_stories():
    now = timezone.now()
    stamps = []
    for selection in Round.objects.select_related("proposal"):
        received = selection.proposal.submitted_at
        stamps += [
            (received, stamp)
            for stamp in (
                selection.created_at,
                selection.opened_at,
                selection.closed_at,
                selection.decided_at,
                *selection.events.values_list("at", flat=True),
                *selection.assignments.values_list("declared_at", flat=True),
            )
        ]
        assert (
            selection.created_at
            <= selection.opened_at
            <= selection.closed_at
            <= selection.decided_at
        )
    for sheet in ScoreSheet.objects.select_related("candidate__proposal"):
        stamps.append((sheet.candidate.proposal.submitted_at, sheet.submitted_at))
    for call in OpenCall.objects.select_related("proposal"):
        stamps.append((call.proposal.submitted_at, call.published_at))
        assert timezone.localdate(call.published_at) == call.starts_on  # published that day
    for report in MonitoringReport.objects.select_related("proposal"):
        stamps.append((report.proposal.submitted_at, report.created_at))
    for publication in PublishedDecision.objects.select_related("proposal", "transition"):
        stamps.append((publication.proposal.submitted_at, publication.published_at))
        assert publication.decided_at == publication.transition.created_at
        assert publication.decided_at <= publication.published_at

    assert len(stamps) > 30
    assert all(received <= stamp <= now for received, stamp in stamps), stamps


# The public record -------------------------------------------------------------------


def test_six_decisions_are_published_as_snapshots():
    publications = PublishedDecision.objects.select_related("transition", "proposal")

    assert Counter(publications.values_list("decision", flat=True)) == {
        A.ADOPT: 2,
        A.SELECT: 1,
        A.COMPLETE: 1,
        A.NOT_ADOPT: 1,
        A.DECLINE: 1,
    }
    for publication in publications:
        assert publication.transition.proposal == publication.proposal
        assert publication.decision == publication.transition.step
        assert publication.public_reason == publication.transition.public_reason
        assert is_office(publication.published_by)
        if not publication.discloses_proposer:
            assert publication.proposer_name == publication.outline == ""
        # The publication policy: only with the proposer's consent.
        assert publication.proposal.consent_to_publish or not publication.discloses_proposer
    # Declined and not adopted: the proposer stays unnamed, under the office's neutral title
    # (the publication policy); the others under the case's own title.
    for step in (A.NOT_ADOPT, A.DECLINE):
        unsuccessful = publications.get(decision=step)
        assert not unsuccessful.discloses_proposer
        assert unsuccessful.title != unsuccessful.proposal.title
    for publication in publications.exclude(decision__in=(A.NOT_ADOPT, A.DECLINE)):
        assert publication.title == publication.proposal.title
    # The selection, with its round and the candidates as A, B, C.
    selected = publications.get(decision=A.SELECT)
    assert selected.round == selection_round()
    assert selected.selected_party == ORGANIZATION_B
    assert not selected.shows_candidate_names
    labels = selection_labels()
    assert selected.candidates == [
        {
            "label": labels[name],
            "name": "",
            "total": total,
            "rank": rank,
            "passed": True,
            "selected": rank == 1,
        }
        for name, _totals, _mean, _bonus, total, rank in SELECTION_RESULTS
    ]
    # The applications' own decisions are published with the round, not one by one.
    assert not publications.filter(proposal__kind=Proposal.Kind.APPLICATION).exists()


def test_public_results_list_the_published_decisions(client, fresh_cache):
    response = client.get(reverse("outcomes:results"))

    assert response.status_code == 200
    # One entry per case (6 decisions on 4 cases), showing the case's latest decision.
    latest = {}
    for publication in PublishedDecision.objects.order_by("decided_at", "pk"):
        latest[publication.proposal_id] = publication
    assert PublishedDecision.objects.count() == 6
    assert response.context["result_count"] == len(latest) == 4
    page = html.unescape(response.content.decode())
    for publication in latest.values():
        assert publication.title in page
        assert publication.public_reason.split("\n")[0] in page


def test_public_result_of_the_selection_shows_the_totals_as_a_b_c(client, fresh_cache):
    publication = PublishedDecision.objects.get(decision=A.SELECT)

    page = anonymous_page(client, publication.get_absolute_url())

    assert publication.title in page
    assert ORGANIZATION_B in page  # the selected party, and a disclosed proposer
    labels = selection_labels()
    for name, _totals, _mean, _bonus, total, _rank in SELECTION_RESULTS:
        assert re.search(rf">\s*{labels[name]}\s*<", page), name
        assert total in page
    # In ranking order, each label with its total.
    rows = re.findall(r">\s*([ABC])\s*<.*?(\d+\.\d\d)", page, flags=re.S)
    assert rows == [(labels[name], total) for name, *_rest, total, _rank in SELECTION_RESULTS]
    # The indicators' results the city published, and not the one it kept internal.
    for result in IndicatorResult.objects.filter(report__proposal=publication.proposal):
        if result.is_public:
            assert result.indicator.name in page
        else:
            assert result.indicator.name not in page
    assert "48,500" not in page


def test_public_result_of_a_declined_case_names_no_proposer(client, fresh_cache):
    for step in (A.DECLINE, A.NOT_ADOPT):
        publication = PublishedDecision.objects.select_related("proposal__organization").get(
            decision=step
        )

        page = anonymous_page(client, publication.get_absolute_url())

        assert publication.title in page and publication.public_reason in page
        assert publication.proposal.organization.name not in page
        assert publication.proposal.outline not in page


def test_the_declined_non_consenting_case_s_own_title_is_nowhere_public(client, fresh_cache):
    """R8-0010 (declined, no consent to publish) appears under the office's neutral title."""
    case = Proposal.objects.get(reference="R8-0010")
    assert case.status == S.DECLINED and not case.consent_to_publish
    pages = [*PUBLIC_PAGES, "/results.csv", "/results.json", "/themes/feed.atom"]
    pages += [publication.get_absolute_url() for publication in PublishedDecision.objects.all()]

    for url in pages:
        page = client.get(url)
        text = (b"".join(page) if page.streaming else page.content).decode("utf-8-sig")
        assert case.title not in text, url


def test_public_statistics_count_the_demo_cases(client, fresh_cache):
    year = fiscal_year(timezone.localdate())

    response = client.get(reverse("outcomes:statistics"), {"year": year})

    assert response.status_code == 200
    stats = response.context["stats"]
    # Every case is numbered in the fiscal year of the run (see load_demo's Backdating).
    assert stats.received_total == SUBMITTED
    assert [row.value for row in stats.by_kind] == [4, 14, 3]  # theme, free, applications
    decisions = Counter(
        record.step
        for record in ProposalTransition.objects.all()
        if fiscal_year(timezone.localdate(record.created_at)) == year
    )
    counted = [A.DECLINE, A.ADOPT, A.NOT_ADOPT, A.SELECT, A.NOT_SELECT, A.COMPLETE]
    assert [row.value for row in stats.decisions] == [decisions[a] for a in counted]
    page = response.content.decode()
    assert "<svg" in page and "<table" in page


def test_public_calls_list_the_two_open_calls(client, fresh_cache):
    response = client.get(reverse("outcomes:calls"))

    assert response.status_code == 200
    accepting = [row["call"].title for row in response.context["accepting"]]
    closed = [row["call"].title for row in response.context["closed"]]
    assert (closed, accepting) == ([CALL_TITLES[0]], [CALL_TITLES[1]])
    page = html.unescape(response.content.decode())
    for title in CALL_TITLES:
        assert title in page
    for number, title in enumerate(CALL_TITLES, start=1):
        assert title in anonymous_page(client, reverse("outcomes:call", args=[number]))


def test_public_pages_show_nothing_confidential_of_the_demo_cases(client, fresh_cache):
    fragments = confidential_fragments()
    assert len(fragments) > 300
    # Some sentences the public must never read, to be sure they are checked.
    for sentence in (
        "子ども10人あたり指導員2人で水辺の活動を安全に行う当法人の手順書と、季節ごとの"
        "プログラムの教案",  # know-how of the selected case
        "放課後児童クラブから当法人の指導員が子どもを引率し、終了後はクラブに送り届けます",
        "選定委員2名の評価の平均に提案者加点を加えた合計で最上位（82.50点）",
        "過去2年以内に同社の業務を受託したことがある",
    ):
        assert sentence in fragments
    # Named nowhere publicly: the applicants, their applications, and A (no decision of
    # A's published with its name).
    names = [ORGANIZATION_A, ORGANIZATION_C, ORGANIZATION_D, *APPLICATIONS]
    urls = [
        *PUBLIC_PAGES,
        *(publication.get_absolute_url() for publication in PublishedDecision.objects.all()),
    ]

    for url in urls:
        page = anonymous_page(client, url)
        leaked = [text for text in [*fragments, *names] if text in page]
        assert not leaked, (url, leaked)
    for url in (reverse("outcomes:results_csv"), reverse("outcomes:results_json")):
        response = client.get(url)
        assert response.status_code == 200
        data = b"".join(response) if response.streaming else response.content
        text = data.decode("utf-8-sig")
        if url.endswith(".json"):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        assert ORGANIZATION_B in text  # real content: the disclosed proposer
        leaked = [part for part in [*fragments, *names] if part in text]
        assert not leaked, (url, leaked)
