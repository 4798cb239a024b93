"""The aggregation of a round against hand-computed sheets (issue 6 §4 and §9).

Every expected number is worked out by hand in the test's docstring or comments.
"""

from decimal import Decimal

import pytest

from evaluation.aggregation import BLOCKED, COUNTED, MISSING, half_up, round_results
from evaluation.models import Round
from tests.factories.evaluation import criteria_set
from tests.scenarios import HAND_CHECKED_POINTS, hand_checked_selection

from .results_data import (
    G,
    candidate,
    conflict,
    evaluation_round,
    evaluator,
    grown_round,
    hand_checked_round,
    sheet,
)

pytestmark = pytest.mark.django_db

D = Decimal


def by_label(results):
    return {result.label: result for result in results.candidates}


# The hand-checked sheet (tests/scenarios/rounds.py: hand_checked_selection) -----------------


def test_office_gets_the_hand_checked_sheet_in_a_selection(office_user):
    """See hand_checked_selection's docstring for every number: B 64.75, A 59.25 + 5, C 50.75."""
    round = hand_checked_selection(office=office_user)
    original = round.proposal

    results = round_results(round)

    assert results.max_total == D("90.00")
    assert results.pass_mark == D("60")
    assert results.bonus == D("5")
    assert [r.label for r in results.candidates] == ["B", "A", "C"]
    first, second = results.evaluators
    a, b, c = (by_label(results)[label] for label in "ABC")
    assert a.candidate.proposal == original
    assert a.evaluator_totals == {first.pk: D("61.00"), second.pk: D("57.50")}
    assert b.evaluator_totals == {first.pk: D("64.00"), second.pk: D("65.50")}
    assert c.evaluator_totals == {first.pk: D("52.50"), second.pk: D("49.00")}
    assert [(r.mean, r.bonus, r.total) for r in (a, b, c)] == [
        (D("59.25"), D("5"), D("64.25")),
        (D("64.75"), D("0"), D("64.75")),
        (D("50.75"), D("0"), D("50.75")),
    ]
    assert [(r.rank, r.tied, r.passed) for r in (b, a, c)] == [
        (1, False, True),
        (2, False, True),
        (3, False, False),
    ]
    assert (a.counted, a.missing, a.blocked) == (2, 0, 0)
    assert a.non_price_mean == D("54.50")  # ((30+14+12) + (26+12+15)) / 2
    assert results.has_unresolved_tie is False


def test_office_sees_the_spread_of_the_hand_checked_sheet(office_user):
    """A on 提案内容の品質: 15 and 13 → min 13, max 15, mean 14.00, population σ 1.00.
    C on 価格: 19 and 20 → mean 19.50, σ 0.50. Nothing differs by more than 6 (30% of 20)."""
    results = round_results(hand_checked_round(office=office_user))

    first, second = results.evaluators
    quality = by_label(results)["A"].spreads[0]
    assert quality.criterion.name == "提案内容の品質"
    assert quality.scores == {first.pk: 15, second.pk: 13}
    assert (quality.minimum, quality.maximum, quality.mean, quality.stdev) == (
        13,
        15,
        D("14.00"),
        D("1.00"),
    )
    price = by_label(results)["C"].spreads[3]
    assert (price.mean, price.stdev) == (D("19.50"), D("0.50"))
    assert [spread.outliers for result in results.candidates for spread in result.spreads] == [
        frozenset()
    ] * 12
    assert [cell.points for cell in quality.cells] == [15, 13]


def test_original_proposer_gets_no_bonus_in_an_adoption_review(office_user):
    """The same sheet as an adoption review: A's final total is its mean, 59.25 < 60: fail."""
    round = hand_checked_round(office=office_user, kind=Round.Kind.ADOPTION_REVIEW)

    results = round_results(round)

    a = by_label(results)["A"]
    assert results.bonus == D("0")
    assert (a.mean, a.bonus, a.total, a.passed, a.rank) == (
        D("59.25"),
        D("0"),
        D("59.25"),
        False,
        2,
    )


# Missing, draft and blocked sheets ----------------------------------------------------------


@pytest.fixture
def two_criteria(db):
    """Quality: max 10, weight 3; price: max 10, weight 0.5. Max total 35; pass 20; bonus 2."""
    return criteria_set(
        [(G.QUALITY, "品質", 10, "3"), (G.PRICE, "価格", 10, "0.5")], pass_mark="20", bonus="2"
    )


def test_missing_and_draft_sheets_are_not_counted(office_user, two_criteria):
    """委員1 submitted 8, 6 → 3·8 + 0.5·6 = 27; 委員2 only saved a draft 2, 2 (→ 7, ignored);
    委員3 has no sheet. Mean = 27 / 1 = 27.00; counted 1, missing 2."""
    round = evaluation_round(office=office_user, criteria_set=two_criteria)
    b = candidate(round, "B")
    first = evaluator(round, office=office_user, minutes=1)
    second = evaluator(round, office=office_user, minutes=2)
    third = evaluator(round, office=office_user, minutes=3)
    sheet(first, b, [8, 6])
    sheet(second, b, [2, 2], submitted=False)

    result = round_results(round).candidates[0]

    assert (result.counted, result.missing, result.blocked) == (1, 2, 0)
    assert result.evaluator_totals == {first.pk: D("27.00"), second.pk: None, third.pk: None}
    assert result.evaluator_states == {first.pk: COUNTED, second.pk: MISSING, third.pk: MISSING}
    assert (result.mean, result.total, result.passed) == (D("27.00"), D("27.00"), True)
    assert result.spreads[0].scores == {first.pk: 8}


def test_conflict_blocked_evaluator_is_excluded_even_with_a_sheet(office_user, two_criteria):
    """委員1 declared a conflict with A, yet a submitted sheet 0, 0 exists (the services refuse
    it; the aggregation must not count it either). 委員2: 3·7 + 0.5·4 = 23. Mean 23; A is the
    original proposer in a selection: + 2 → 25.00. B: 委員1 3·5 + 0.5·10 = 20, 委員2 3·6 + 0.5·8
    = 22 → 21.00."""
    round = evaluation_round(office=office_user, criteria_set=two_criteria)
    a = candidate(round, "A", original=True)
    b = candidate(round, "B")
    first = evaluator(round, office=office_user, minutes=1)
    second = evaluator(round, office=office_user, minutes=2)
    conflict(first, a)
    sheet(first, a, [0, 0])
    sheet(second, a, [7, 4])
    sheet(first, b, [5, 10])
    sheet(second, b, [6, 8])

    results = by_label(round_results(round))

    assert (results["A"].counted, results["A"].missing, results["A"].blocked) == (1, 0, 1)
    assert results["A"].evaluator_states == {first.pk: BLOCKED, second.pk: COUNTED}
    assert results["A"].evaluator_totals == {first.pk: None, second.pk: D("23.00")}
    assert (results["A"].mean, results["A"].total, results["A"].rank) == (
        D("23.00"),
        D("25.00"),
        1,
    )
    assert results["A"].spreads[0].scores == {second.pk: 7}
    assert (results["B"].mean, results["B"].rank) == (D("21.00"), 2)


def test_candidate_without_a_counted_evaluator_has_no_mean_and_is_ranked_last(
    office_user, two_criteria
):
    """A has nothing submitted: no mean, no rank, no pass or fail, listed after B and C,
    even though its label comes first."""
    round = evaluation_round(office=office_user, criteria_set=two_criteria)
    a, b, c = (candidate(round, label) for label in "ABC")
    only = evaluator(round, office=office_user)
    sheet(only, a, [9, 9], submitted=False)
    sheet(only, b, [1, 1])  # 3 + 0.5 = 3.50
    sheet(only, c, [2, 2])  # 6 + 1 = 7.00

    results = round_results(round)

    assert [(r.label, r.rank, r.total) for r in results.candidates] == [
        ("C", 1, D("7.00")),
        ("B", 2, D("3.50")),
        ("A", None, None),
    ]
    unranked = results.candidates[-1]
    assert (unranked.mean, unranked.passed, unranked.tied, unranked.counted) == (
        None,
        None,
        False,
        0,
    )
    assert unranked.spreads[0].mean is None and unranked.spreads[0].stdev is None


# Pass mark, ties, rounding, outliers --------------------------------------------------------


@pytest.fixture
def quality_and_price(db):
    """Quality max 50, price max 50, both weight 1; pass mark 60; no bonus."""
    return criteria_set(
        [(G.QUALITY, "品質", 50, "1"), (G.PRICE, "価格", 50, "1")], pass_mark="60", bonus="0"
    )


def test_candidate_exactly_at_the_pass_mark_passes_and_just_below_fails(
    office_user, quality_and_price
):
    """A: 30 + 30 = 60.00 = pass mark → pass. B: 委員1 30 + 30 = 60, 委員2 30 + 29 = 59 →
    mean 59.50 < 60 → fail."""
    round = evaluation_round(office=office_user, criteria_set=quality_and_price)
    a, b = candidate(round, "A"), candidate(round, "B")
    first = evaluator(round, office=office_user, minutes=1)
    second = evaluator(round, office=office_user, minutes=2)
    for assignment in (first, second):
        sheet(assignment, a, [30, 30])
    sheet(first, b, [30, 30])
    sheet(second, b, [30, 29])

    results = by_label(round_results(round))

    assert (results["A"].total, results["A"].passed) == (D("60.00"), True)
    assert (results["B"].total, results["B"].passed) == (D("59.50"), False)


def test_equal_totals_are_ordered_by_the_non_price_criteria(office_user, quality_and_price):
    """A: quality 30, price 30 = 60; B: quality 40, price 20 = 60. Equal final totals; B's
    non-price mean 40 > A's 30 → B first, A second, no tie left."""
    round = evaluation_round(office=office_user, criteria_set=quality_and_price)
    a, b = candidate(round, "A"), candidate(round, "B")
    only = evaluator(round, office=office_user)
    sheet(only, a, [30, 30])
    sheet(only, b, [40, 20])

    results = round_results(round)

    assert [(r.label, r.total, r.non_price_mean, r.rank, r.tied) for r in results.candidates] == [
        ("B", D("60.00"), D("40.00"), 1, False),
        ("A", D("60.00"), D("30.00"), 2, False),
    ]
    assert results.has_unresolved_tie is False


def test_full_tie_shares_the_rank_and_is_flagged(office_user, quality_and_price):
    """A and B: quality 35, price 25 = 60 each, non-price 35 each → both rank 1, tied. C: 30 +
    20 = 50 → rank 3 (competition ranking: 1, 1, 3)."""
    round = evaluation_round(office=office_user, criteria_set=quality_and_price)
    a, b, c = (candidate(round, label) for label in "ABC")
    only = evaluator(round, office=office_user)
    sheet(only, a, [35, 25])
    sheet(only, b, [35, 25])
    sheet(only, c, [30, 20])

    results = round_results(round)

    assert [(r.label, r.rank, r.tied) for r in results.candidates] == [
        ("A", 1, True),
        ("B", 1, True),
        ("C", 3, False),
    ]
    assert results.has_unresolved_tie is True


def test_bonus_can_create_a_tie_broken_by_the_non_price_criteria(office_user):
    """Quality max 50 w1, price max 50 w1, bonus 5. A (original): 30 + 25 = 55, + 5 = 60;
    B: 25 + 35 = 60. Equal 60.00; non-price A 30 > B 25 → A first."""
    criteria = criteria_set(
        [(G.QUALITY, "品質", 50, "1"), (G.PRICE, "価格", 50, "1")], pass_mark="60", bonus="5"
    )
    round = evaluation_round(office=office_user, criteria_set=criteria)
    a, b = candidate(round, "A", original=True), candidate(round, "B")
    only = evaluator(round, office=office_user)
    sheet(only, a, [30, 25])
    sheet(only, b, [25, 35])

    results = round_results(round)

    assert [(r.label, r.mean, r.total, r.rank, r.passed) for r in results.candidates] == [
        ("A", D("55.00"), D("60.00"), 1, True),
        ("B", D("60.00"), D("60.00"), 2, True),
    ]


def test_figures_are_rounded_half_up_to_two_decimals(office_user):
    """One criterion, max 10, weight 0.25. 委員1 4 → 1.00, 委員2 5 → 1.25: mean 1.125 → 1.13
    (half up; half-even would give 1.12). Spread: mean 4.50, σ 0.50.
    Second candidate, three evaluators 1, 1, 2 → 0.25, 0.25, 0.50: mean 1/3 = 0.3333… → 0.33;
    points mean 4/3 → 1.33, σ √(2/9) = 0.4714… → 0.47."""
    criteria = criteria_set([(G.QUALITY, "品質", 10, "0.25")], pass_mark="1", bonus="0")
    round = evaluation_round(office=office_user, criteria_set=criteria)
    a, b = candidate(round, "A"), candidate(round, "B")
    first, second, third = (evaluator(round, office=office_user, minutes=n) for n in (1, 2, 3))
    sheet(first, a, [4])
    sheet(second, a, [5])
    sheet(first, b, [1])
    sheet(second, b, [1])
    sheet(third, b, [2])

    results = by_label(round_results(round))

    assert (results["A"].mean, results["A"].total) == (D("1.13"), D("1.13"))
    assert (results["A"].spreads[0].mean, results["A"].spreads[0].stdev) == (D("4.50"), D("0.50"))
    assert results["B"].mean == D("0.33")
    assert (results["B"].spreads[0].mean, results["B"].spreads[0].stdev) == (D("1.33"), D("0.47"))
    assert results["A"].exact_mean == pytest.approx(1.125)


def test_rounding_is_half_up_and_exact_where_a_float_would_err():
    assert half_up(D("2.675")) == D("2.68")  # 2.675 as a float is 2.67499…
    assert half_up(D("0.005")) == D("0.01")
    assert half_up(D("0.004999")) == D("0.00")
    assert half_up(D("-1.005")) == D("-1.01")
    assert half_up(None) is None


def test_score_far_from_the_others_is_flagged_as_an_outlier(office_user):
    """Criterion max 10: the limit is 30% × 10 = 3 points from the mean of the OTHER evaluators.
    Points 8, 8, 2: 委員3 2 vs (8 + 8) / 2 = 8 → 6 > 3: outlier. 委員1 8 vs (8 + 2) / 2 = 5 →
    exactly 3, not more: not flagged (委員2 alike). Spread: min 2, max 8, mean 6.00,
    σ √((4 + 4 + 16) / 3) = √8 = 2.828… → 2.83."""
    criteria = criteria_set([(G.QUALITY, "品質", 10, "1")], pass_mark="0", bonus="0")
    round = evaluation_round(office=office_user, criteria_set=criteria)
    a = candidate(round, "A")
    first, second, third = (evaluator(round, office=office_user, minutes=n) for n in (1, 2, 3))
    sheet(first, a, [8])
    sheet(second, a, [8])
    sheet(third, a, [2])

    spread = round_results(round).candidates[0].spreads[0]

    assert spread.outliers == {third.pk}
    assert [(cell.number, cell.points, cell.is_outlier) for cell in spread.cells] == [
        (1, 8, False),
        (2, 8, False),
        (3, 2, True),
    ]
    assert (spread.minimum, spread.maximum, spread.mean, spread.stdev) == (
        2,
        8,
        D("6.00"),
        D("2.83"),
    )


def test_a_lone_evaluator_is_never_an_outlier(office_user):
    """With one counted evaluator (the other blocked) there is nobody to differ from."""
    criteria = criteria_set([(G.QUALITY, "品質", 10, "1")], pass_mark="0", bonus="0")
    round = evaluation_round(office=office_user, criteria_set=criteria)
    a = candidate(round, "A")
    first, second = (evaluator(round, office=office_user, minutes=n) for n in (1, 2))
    conflict(second, a)
    sheet(first, a, [10])

    spread = round_results(round).candidates[0].spreads[0]

    assert spread.outliers == frozenset()
    assert [cell.state for cell in spread.cells] == [COUNTED, BLOCKED]
    assert spread.stdev == D("0.00")


# Queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "size",
    [
        {"candidates": 1, "evaluators": 1, "criteria": 3},
        {"candidates": 5, "evaluators": 4, "criteria": 8},
    ],
)
def test_aggregation_takes_the_same_queries_whatever_the_size(
    office_user, size, django_assert_num_queries
):
    """criteria set, criteria, candidates, assignments, conflicts, sheets, scores."""
    round = grown_round(office=office_user, **size)

    with django_assert_num_queries(7):
        results = round_results(round)

    assert len(results.candidates) == size["candidates"]
    assert len(results.candidates[0].spreads) == size["criteria"]
    assert results.candidates[0].name


def test_every_candidate_of_the_hand_checked_sheet_is_computed_from_its_points(office_user):
    """Cross-check of the helper data against the docstring's sheet (2·s1 + s2 + s3 + 0.5·s4)."""
    results = by_label(round_results(hand_checked_round(office=office_user)))

    for label, sheets in HAND_CHECKED_POINTS.items():
        expected = [half_up(D(2) * s1 + s2 + s3 + D("0.5") * s4) for s1, s2, s3, s4 in sheets]
        assert list(results[label].evaluator_totals.values()) == expected
