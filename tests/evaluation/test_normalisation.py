"""Normalised scores (issue 15 point 5): the rules of evaluation/normalisation.py checked against
sheets computed by hand, the office's setting, the results page, the export and who sees it.

Every sheet here has ONE criterion of weight 1 and 100 points, so an evaluator's weighted
total is the points they gave. Square roots are written to 6 decimals; figures are compared
rounded half up to 2 decimals, as the page shows them.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from evaluation.aggregation import round_results
from evaluation.models import Round, RoundEvent
from evaluation.normalisation import normalise, set_normalisation
from evaluation.permissions import grant_evaluator
from tests.factories.accounts import DepartmentUserFactory, MemberFactory
from tests.factories.evaluation import criteria_set

from .helpers import codes
from .results_data import G, candidate, conflict, evaluation_round, evaluator, grown_round, sheet

pytestmark = pytest.mark.django_db

Z, RESCALE, OFF = Round.Normalisation.Z_SCORE, Round.Normalisation.RESCALE, Round.Normalisation.OFF
D = Decimal


def _one_criterion_round(office, *, bonus="0", pass_mark="50", method=OFF) -> Round:  # noqa: S107
    criteria = criteria_set([(G.QUALITY, "提案内容", 100, "1")], pass_mark=pass_mark, bonus=bonus)
    round = evaluation_round(office=office, criteria_set=criteria)
    Round.objects.filter(pk=round.pk).update(score_normalisation=method)
    round.refresh_from_db()
    return round


def harsh_sheet(office, *, method=Z) -> Round:
    """3 evaluators × 4 candidates. 委員3 is harsh and declared a conflict with A (a generous
    sheet of 100 for A is saved too: a declared conflict blocks it, as in the raw ranking).

                A    B    C    D    | m(e)  s(e) = population sd
        委員1   60   70   50   40   | 55    √((25+225+25+225)/4) = √125 = 11.180340
        委員2   70   80   60   50   | 65    √125 = 11.180340
        委員3   —    40   30   20   | 30    √((100+0+100)/3) = √(200/3) = 8.164966

    Raw means: A (60+70)/2 = 65.00; B (70+80+40)/3 = 63.33; C (50+60+30)/3 = 46.67;
    D (40+50+20)/3 = 36.67 → raw order A, B, C, D: A is first only because the harsh 委員3
    did not score it.

    z = (x − m)/s: 委員1 and 委員2: A +5/11.180340 = +0.447214, B +15/11.180340 = +1.341641,
    C −0.447214, D −1.341641; 委員3: B +10/8.164966 = +1.224745, C 0, D −1.224745.
    Mean z: A 0.447214; B (1.341641×2 + 1.224745)/3 = 1.302676; C (−0.447214×2 + 0)/3 =
    −0.298142; D −1.302676.

    Common mean M over the 11 totals: (220 + 260 + 90)/11 = 570/11 = 51.818182.
    z-score spread: Σx² = 12600 + 17400 + 2900 = 32900, so the population variance is
    32900/11 − (570/11)² = (361900 − 324900)/121 = 37000/121 and S = √37000/11 = 17.486713.
    Rescaling spread (pooled within-evaluator): (4×125 + 4×125 + 3×200/3)/11 = 1200/11,
    S = √(1200/11) = 10.444659.

    A candidate's normalised mean is M + S × (its mean z):
      z-score:  A 51.818182 + 17.486713×0.447214 = 59.638478 → 59.64
                B 51.818182 + 17.486713×1.302676 = 74.597694 → 74.60
                C 51.818182 − 17.486713×0.298142 = 46.604651 → 46.60
                D 51.818182 − 17.486713×1.302676 = 29.038670 → 29.04
      rescale:  A 51.818182 + 10.444659×0.447214 = 56.489175 → 56.49
                B 51.818182 + 10.444659×1.302676 = 65.424183 → 65.42
                C 51.818182 − 10.444659×0.298142 = 48.704186 → 48.70
                D 51.818182 − 10.444659×1.302676 = 38.212180 → 38.21
    Normalised order under both: B, A, C, D.
    One evaluator total: 委員3 on B under z-score: 51.818182 + 17.486713×1.224745 = 73.234935
    → 73.23; on C: M = 51.82.
    """
    round = _one_criterion_round(office, method=method)
    a, b, c, d = (candidate(round, label, organization_name=f"株式会社{label}") for label in "ABCD")
    people = [evaluator(round, office=office, name=f"評価 {n}郎", minutes=n) for n in (1, 2, 3)]
    points = {
        0: {a: 60, b: 70, c: 50, d: 40},
        1: {a: 70, b: 80, c: 60, d: 50},
        2: {a: 100, b: 40, c: 30, d: 20},
    }
    for index, person in enumerate(people):
        for item, value in points[index].items():
            sheet(person, item, [value])
    conflict(people[2], a)
    return Round.objects.get(pk=round.pk)


def flat_sheet(office, *, method=Z, bonus="0", pass_mark="50") -> Round:  # noqa: S107
    """The standard deviation 0 cases. 委員2 gave both candidates 50; 委員3 declared a
    conflict with B, so scored A only.

                A    B    | m(e)  s(e)
        委員1   80   60   | 70    √((100+100)/2) = 10
        委員2   50   50   | 50    0  → both normalised totals = M
        委員3   90   —    | 90    0  (one total) → its normalised total = M

    M = (80 + 60 + 50 + 50 + 90)/5 = 330/5 = 66.
    z-score S: distances from 66 are 14, −6, −16, −16, 24; squares 196 + 36 + 256 + 256 + 576
    = 1320; 1320/5 = 264; S = √264 = 16.248077.
      委員1: A 66 + 16.248077×(+1) = 82.248077 → 82.25; B 66 − 16.248077 = 49.751923 → 49.75.
      A = (82.248077 + 66 + 66)/3 = 71.416026 → 71.42; B = (49.751923 + 66)/2 = 57.875962
      → 57.88.
    Rescaling S: (2×100 + 2×0 + 1×0)/5 = 40, S = √40 = 6.324555.
      委員1: A 72.324555 → 72.32, B 59.675445 → 59.68.
      A = (72.324555 + 66 + 66)/3 = 68.108185 → 68.11; B = (59.675445 + 66)/2 = 62.837722
      → 62.84.
    Raw: A (80 + 50 + 90)/3 = 73.33, B (60 + 50)/2 = 55.00.
    """
    round = _one_criterion_round(office, method=method, bonus=bonus, pass_mark=pass_mark)
    a = candidate(round, "A", original=True)
    b = candidate(round, "B")
    first, second, third = (evaluator(round, office=office, minutes=n) for n in (1, 2, 3))
    sheet(first, a, [80])
    sheet(first, b, [60])
    sheet(second, a, [50])
    sheet(second, b, [50])
    sheet(third, a, [90])
    conflict(third, b)
    return Round.objects.get(pk=round.pk)


def _table(normalised):
    return [(n.result.label, n.total, n.rank, n.result.total, n.result.rank) for n in normalised]


# The rules against the hand-computed sheets ----------------------------------------------------


def test_z_score_of_the_hand_computed_sheet(office_user):
    results = round_results(harsh_sheet(office_user, method=Z))

    normalised = normalise(results)

    assert (normalised.common_mean, normalised.common_stdev) == (D("51.82"), D("17.49"))
    assert _table(normalised.candidates) == [
        ("B", D("74.60"), 1, D("63.33"), 2),
        ("A", D("59.64"), 2, D("65.00"), 1),
        ("C", D("46.60"), 3, D("46.67"), 3),
        ("D", D("29.04"), 4, D("36.67"), 4),
    ]
    b = normalised.candidates[0]
    assert [t.total for t in b.totals] == [D("75.28"), D("75.28"), D("73.23")]
    a = normalised.candidates[1]
    assert [t.total for t in a.totals] == [D("59.64"), D("59.64"), None]  # 委員3 blocked
    assert [(s.number, s.count, s.mean, s.stdev) for s in normalised.scales] == [
        (1, 4, D("55.00"), D("11.18")),
        (2, 4, D("65.00"), D("11.18")),
        (3, 3, D("30.00"), D("8.16")),
    ]


def test_rescaling_of_the_hand_computed_sheet(office_user):
    normalised = normalise(round_results(harsh_sheet(office_user, method=RESCALE)))

    assert (normalised.common_mean, normalised.common_stdev) == (D("51.82"), D("10.44"))
    assert [(n.result.label, n.mean, n.rank) for n in normalised.candidates] == [
        ("B", D("65.42"), 1),
        ("A", D("56.49"), 2),
        ("C", D("48.70"), 3),
        ("D", D("38.21"), 4),
    ]


def test_the_order_changes_when_one_evaluator_is_harsh(office_user):
    """Raw: A first, because the harsh 委員3 scored everyone but A. Normalised: B first, as
    委員1 and 委員2 — who scored both — each put B above A."""
    results = round_results(harsh_sheet(office_user))

    normalised = normalise(results)

    assert [r.label for r in results.candidates] == ["A", "B", "C", "D"]
    assert [n.result.label for n in normalised.candidates] == ["B", "A", "C", "D"]
    assert normalised.order_changed


def test_a_generous_evaluator_scoring_everyone_changes_nothing(office_user):
    """委員1 60, 50, 40 and 委員2 (generous) 90, 80, 70 on A, B, C: both have s = √(200/3);
    z = +1.224745, 0, −1.224745 from each, so the normalised order is the raw order."""
    round = _one_criterion_round(office_user, method=Z)
    items = [candidate(round, label) for label in "ABC"]
    first, second = (evaluator(round, office=office_user, minutes=n) for n in (1, 2))
    for item, mine, theirs in zip(items, (60, 50, 40), (90, 80, 70), strict=True):
        sheet(first, item, [mine])
        sheet(second, item, [theirs])

    normalised = normalise(round_results(round))

    assert [(n.result.label, n.rank, n.result.rank) for n in normalised.candidates] == [
        ("A", 1, 1),
        ("B", 2, 2),
        ("C", 3, 3),
    ]
    assert not normalised.order_changed


@pytest.mark.parametrize(
    ("method", "first", "means", "common_stdev"),
    [
        (Z, [D("82.25"), D("49.75")], [D("71.42"), D("57.88")], D("16.25")),
        (RESCALE, [D("72.32"), D("59.68")], [D("68.11"), D("62.84")], D("6.32")),
    ],
)
def test_an_evaluator_without_spread_gets_the_common_mean(
    office_user, method, first, means, common_stdev
):
    normalised = normalise(round_results(flat_sheet(office_user, method=method)))

    a, b = normalised.candidates
    assert (normalised.common_mean, normalised.common_stdev) == (D("66.00"), common_stdev)
    assert [t.total for t in a.totals] == [first[0], D("66.00"), D("66.00")]
    assert [t.total for t in b.totals] == [first[1], D("66.00"), None]
    assert [a.mean, b.mean] == means
    assert [(s.number, s.is_flat) for s in normalised.scales] == [(1, False), (2, True), (3, True)]


def test_the_bonus_is_added_after_normalisation_and_pass_stays_raw(office_user):
    """flat_sheet with a bonus of 5 for A (the original proposer) and a pass mark of 60:
    normalised A 71.416026 + 5 = 76.42; raw A 73.33 + 5 = 78.33 passes, raw B 55.00 fails
    although its normalised total 57.88 is not what decides it."""
    results = round_results(flat_sheet(office_user, bonus="5", pass_mark="60"))

    a, b = normalise(results).candidates

    assert (a.mean, a.total, b.total) == (D("71.42"), D("76.42"), D("57.88"))
    assert (a.result.passed, b.result.passed) == (True, False)


def test_equal_normalised_totals_share_the_rank_in_raw_order(office_user):
    """One evaluator, 70 for A and B, 50 for C: m = 190/3, both A and B normalise alike."""
    round = _one_criterion_round(office_user, method=Z)
    items = [candidate(round, label) for label in "ABC"]
    person = evaluator(round, office=office_user)
    for item, value in zip(items, (70, 70, 50), strict=True):
        sheet(person, item, [value])

    normalised = normalise(round_results(round))

    assert [(n.result.label, n.rank, n.tied) for n in normalised.candidates] == [
        ("A", 1, True),
        ("B", 1, True),
        ("C", 3, False),
    ]


def test_off_gives_no_normalised_figures_and_nobody_scored_gives_no_rank(office_user):
    assert normalise(round_results(harsh_sheet(office_user, method=OFF))) is None

    round = _one_criterion_round(office_user, method=RESCALE)
    candidate(round, "A")
    evaluator(round, office=office_user)
    normalised = normalise(round_results(round))
    assert (normalised.common_mean, normalised.scales) == (None, ())
    assert [(n.total, n.rank) for n in normalised.candidates] == [(None, None)]


# The office's setting ------------------------------------------------------------------------


def test_office_sets_the_method_and_it_is_in_the_history_and_the_log(office_user):
    round = harsh_sheet(office_user, method=OFF)

    set_normalisation(round=round, method=RESCALE, by=office_user)
    set_normalisation(round=round, method=RESCALE, by=office_user)  # no change: nothing logged

    round.refresh_from_db()
    assert round.score_normalisation == RESCALE
    assert round.history.first().score_normalisation == RESCALE
    assert list(round.events.values_list("kind", flat=True)) == [
        RoundEvent.Kind.NORMALISATION_CHANGED
    ]


def test_only_the_office_sets_it_and_never_on_a_decided_round(office_user):
    round = harsh_sheet(office_user, method=OFF)
    evaluator_user = round.assignments.first().evaluator
    with pytest.raises(PermissionDenied):
        set_normalisation(round=round, method=Z, by=evaluator_user)
    with pytest.raises(ValidationError) as wrong:
        set_normalisation(round=round, method="median", by=office_user)
    Round.objects.filter(pk=round.pk).update(status=Round.Status.DECIDED)
    with pytest.raises(ValidationError) as decided:
        set_normalisation(round=round, method=Z, by=office_user)

    assert (codes(wrong.value), codes(decided.value)) == ({"wrong_method"}, {"decided"})
    round.refresh_from_db()
    assert round.score_normalisation == OFF


# The pages -----------------------------------------------------------------------------------


def test_office_turns_it_on_from_the_results_page_and_sees_both_rankings(client, office_user):
    round = harsh_sheet(office_user, method=OFF)
    client.force_login(office_user)
    url = reverse("evaluation:results", args=[round.pk])
    assert 'name="method"' in client.get(url).content.decode()

    response = client.post(
        reverse("evaluation:results_normalisation", args=[round.pk]), {"method": Z}, follow=True
    )

    assert response.redirect_chain[-1][0].startswith(url)
    rows = response.context["rows"]
    assert [(r["result"].label, r["normalised"].rank, r["result"].rank) for r in rows] == [
        ("B", 1, 2),
        ("A", 2, 1),
        ("C", 3, 3),
        ("D", 4, 4),
    ]
    page = response.content.decode()
    ranking = page[page.index('id="ranking-title"') : page.index('id="normalisation-title"')]
    assert ranking.index("74.60") < ranking.index("59.64")  # ordered by the normalised total
    for figure in ("63.33", "65.00", "74.60", "59.64", "46.60", "29.04"):
        assert figure in ranking
    assert "17.49" in page and "51.82" in page  # S and M stated beside the ranking
    assert "73.23" in page  # 委員3's normalised total for B, under the spread


def test_the_page_states_when_an_evaluator_has_no_spread(client, office_user):
    round = flat_sheet(office_user, method=RESCALE)
    client.force_login(office_user)

    page = client.get(reverse("evaluation:results", args=[round.pk])).content.decode()

    assert page.count('class="normalisation-flat"') == 2


def test_a_decided_round_shows_its_normalisation_without_the_form(client, office_user):
    round = harsh_sheet(office_user, method=Z)
    Round.objects.filter(pk=round.pk).update(status=Round.Status.DECIDED)
    client.force_login(office_user)

    page = client.get(reverse("evaluation:results", args=[round.pk])).content.decode()

    assert 'name="method"' not in page and "74.60" in page


def test_the_printable_page_carries_both_totals(client, office_user):
    round = harsh_sheet(office_user, method=Z)
    client.force_login(office_user)

    page = client.get(reverse("evaluation:results_print", args=[round.pk])).content.decode()

    assert "74.60" in page and "63.33" in page and 'name="method"' not in page


def test_the_csv_carries_raw_and_normalised_totals(client, office_user):
    round = harsh_sheet(office_user, method=Z)
    client.force_login(office_user)

    response = client.get(reverse("evaluation:results_csv", args=[round.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert len({len(row) for row in rows}) == 1
    summaries = [row for row in body if row[0] == body[-1][0]]
    assert [(row[1], row[19], row[20], row[24], row[25]) for row in summaries] == [
        ("A", "65.00", "1", "59.64", "2"),
        ("B", "63.33", "2", "74.60", "1"),
        ("C", "46.67", "3", "46.60", "3"),
        ("D", "36.67", "4", "29.04", "4"),
    ]
    third_on_b = [row for row in body if row[1] == "B" and row[4].endswith("3") and row[24]]
    assert [(row[11], row[24]) for row in third_on_b] == [("40.00", "73.23")]
    assert len(header) == 27


def test_nobody_but_the_office_sets_it_or_sees_the_figures(client, office_user, department_user):
    round = harsh_sheet(office_user, method=Z)
    people = [a.evaluator for a in round.assignments.all()]
    for person in people:
        grant_evaluator(round, person)
    url = reverse("evaluation:results_normalisation", args=[round.pk])
    others = [*people, department_user, DepartmentUserFactory(), MemberFactory()]

    for user in others:
        client.force_login(user)
        assert client.post(url, {"method": OFF}).status_code == 404
        assert client.get(reverse("evaluation:results", args=[round.pk])).status_code == 404
        client.logout()
    assert client.post(url, {"method": OFF}).status_code == 404  # anonymous

    round.refresh_from_db()
    assert round.score_normalisation == Z
    # an evaluator's own round page shows no normalised (nor any other evaluator's) figure
    client.force_login(people[2])
    page = client.get(reverse("evaluation:round", args=[round.pk])).content.decode()
    for figure in ("73.23", "74.60", "59.64", "17.49", "51.82", "63.33"):
        assert figure not in page


# Query counts --------------------------------------------------------------------------------

SIZES = [
    {"candidates": 1, "evaluators": 1, "criteria": 3},
    {"candidates": 6, "evaluators": 4, "criteria": 3},
    {"candidates": 12, "evaluators": 4, "criteria": 8},
]
# as tests/evaluation/test_results_views.py: normalisation adds no query
PAGE_QUERIES = 12


@pytest.mark.parametrize("method", [Z, RESCALE])
@pytest.mark.parametrize("size", SIZES)
def test_the_normalised_ranking_takes_constant_queries(
    client, office_user, size, method, django_assert_num_queries
):
    round = grown_round(office=office_user, **size)
    Round.objects.filter(pk=round.pk).update(score_normalisation=method)
    client.force_login(office_user)
    url = reverse("evaluation:results", args=[round.pk])
    client.get(url)  # warm the caches

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url)

    assert len(response.context["normalised"].candidates) == size["candidates"]
