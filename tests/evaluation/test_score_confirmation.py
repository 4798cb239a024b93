"""The evaluator's score sheet (issue 13 §4): errors beside their fields with a summary at the top
that keeps every typed value and saves nothing; 「提出」 only through a confirmation page that
shows each criterion's points, weight and the weighted total (aggregation.py's arithmetic) and
says it cannot be undone; a stale or second submission refused; every role against the new URLs.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation import submission
from evaluation.models import Criterion, Round, ScoreSheet
from proposals.services import assign_department
from tests.factories.accounts import DepartmentUserFactory, MemberFactory
from tests.factories.evaluation import criteria_set
from tests.scenarios import adoption_round, case_at, declare, declare_none, round_of, score
from tests.scenarios.rounds import selection_round

pytestmark = pytest.mark.django_db

G = Criterion.Group
# A sheet worked by hand: (group, name, max points, weight) and the points given.
HAND_CRITERIA = [
    (G.CITIZENS, "市民・利用者の満足", 10, "1.5"),
    (G.FEASIBILITY, "実現可能性", 5, "2"),
    (G.PRICE, "価格", 20, "0.25"),
]
HAND_POINTS = {"市民・利用者の満足": 7, "実現可能性": 3, "価格": 13}
# 1.5 × 7 = 10.5; 2 × 3 = 6; 0.25 × 13 = 3.25 → 19.75 of 15 + 10 + 5 = 30.
HAND_WEIGHTED = {"市民・利用者の満足": "10.50", "実現可能性": "6.00", "価格": "3.25"}
HAND_TOTAL, HAND_MAX = "19.75", "30.00"


def ready(office, *, criteria=2, anonymised=True):
    """An adoption review with one evaluator who declared no conflict."""
    round = adoption_round(office=office, criteria=criteria, anonymised=anonymised)
    assignment = declare_none(round.assignments.get())
    return round, assignment, round.candidates.get()


def urls(round, candidate):
    return {
        "score": reverse("evaluation:score", args=[round.pk, candidate.pk]),
        "confirm": reverse("evaluation:confirm_sheet", args=[round.pk, candidate.pk]),
        "confirm_all": reverse("evaluation:confirm", args=[round.pk]),
        "round": reverse("evaluation:round", args=[round.pk]),
    }


def points_data(round, values, **extra):
    criteria = list(round.criteria_set.criteria.order_by("order", "pk"))
    return {f"points_{c.pk}": value for c, value in zip(criteria, values, strict=True)} | extra


def seen_of(response) -> str:
    return re.search(r'name="seen" value="([0-9a-f]+)"', response.content.decode()).group(1)


# Errors: beside the field, summarised at the top, nothing saved, everything typed kept -------


@pytest.mark.parametrize(
    "typed",
    ["１０点", "-1", "－３", "11", "99999999999999999999", "8.5", "十", "<b>5</b>"],
)
def test_evaluator_gets_a_japanese_message_beside_the_field_and_nothing_is_saved(
    client, office_user, typed
):
    round, assignment, candidate = ready(office_user)
    client.force_login(assignment.evaluator)
    first, second = round.criteria_set.criteria.order_by("order", "pk")

    response = client.post(
        urls(round, candidate)["score"],
        points_data(round, [typed, "４"], comment="総評です。", confirm="1")
        | {f"comment_{second.pk}": "良い提案。"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [f"points_{first.pk}"]
    message = str(form.errors[f"points_{first.pk}"][0])
    assert re.search(r"[\u3040-\u30ff]", message), message  # かな: Japanese
    # Beside its field, described by it, and listed in the summary at the top of main.
    assert f'id="id_points_{first.pk}_error"' in html
    field = re.search(rf'<input[^>]*name="points_{first.pk}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert f"id_points_{first.pk}_error" in field
    summary_at = html.index("data-error-summary")
    assert summary_at < html.index("<h1")
    assert f'href="#id_points_{first.pk}"' in html[summary_at:]
    assert "js/error-summary.js" in html
    # Every value typed is back on the form; nothing at all was saved.
    assert form[f"points_{first.pk}"].value() == typed
    assert form[f"points_{second.pk}"].value() == "４"
    assert form[f"comment_{second.pk}"].value() == "良い提案。"
    assert form["comment"].value() == "総評です。"
    assert not ScoreSheet.objects.exists()


def test_a_blank_score_on_review_is_refused_beside_it_and_nothing_is_saved(client, office_user):
    round, assignment, candidate = ready(office_user)
    client.force_login(assignment.evaluator)
    first, second = round.criteria_set.criteria.order_by("order", "pk")

    response = client.post(
        urls(round, candidate)["score"], points_data(round, ["7", ""], confirm="1")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [f"points_{second.pk}"]
    assert response.context["form"][f"points_{first.pk}"].value() == "7"
    assert not ScoreSheet.objects.exists()


def test_full_width_digits_are_read_as_points_on_save(client, office_user):
    round, assignment, candidate = ready(office_user)
    client.force_login(assignment.evaluator)

    response = client.post(urls(round, candidate)["score"], points_data(round, ["８", "１０"]))

    assert response.status_code == 302
    assert sorted(ScoreSheet.objects.get().scores.values_list("points", flat=True)) == [8, 10]


def test_a_page_without_errors_has_no_summary_and_no_script(client, office_user):
    round, assignment, candidate = ready(office_user)
    client.force_login(assignment.evaluator)

    html = client.get(urls(round, candidate)["score"]).content.decode()

    assert "data-error-summary" not in html and "error-summary.js" not in html


# Submitting only through the confirmation ------------------------------------------------------


def test_the_sheet_button_saves_and_shows_the_confirmation_without_submitting(client, office_user):
    round, assignment, candidate = ready(office_user)
    client.force_login(assignment.evaluator)
    url = urls(round, candidate)

    confirm = client.post(url["score"], points_data(round, ["6", "9"], confirm="1"))
    legacy = client.post(url["score"], points_data(round, ["6", "9"], submit="1"))

    assert confirm.status_code == legacy.status_code == 302
    assert confirm.url == legacy.url == url["confirm"]
    sheet = ScoreSheet.objects.get()
    assert sheet.submitted_at is None
    assert sorted(sheet.scores.values_list("points", flat=True)) == [6, 9]


def test_confirmation_shows_each_criterion_weight_and_the_hand_computed_total(client, office_user):
    case = case_at("planning", office=office_user)
    round = round_of(
        case,
        Round.Kind.ADOPTION_REVIEW,
        office=office_user,
        criteria_set=criteria_set(HAND_CRITERIA),
    )
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    client.force_login(assignment.evaluator)
    criteria = list(round.criteria_set.criteria.order_by("order", "pk"))
    data = points_data(round, [str(HAND_POINTS[c.name]) for c in criteria], confirm="1")
    data[f"comment_{criteria[0].pk}"] = "利用者の視点が明確。"
    data["comment"] = "全体として妥当な提案。"
    client.post(urls(round, candidate)["score"], data)

    response = client.get(urls(round, candidate)["confirm"])

    assert response.status_code == 200
    [entry] = [row["entry"] for row in response.context["sheets"]]
    assert {s.criterion.name: str(s.weighted) for s in entry.scores} == HAND_WEIGHTED
    assert (str(entry.total), str(entry.max_total)) == (HAND_TOTAL, HAND_MAX)
    html = response.content.decode()
    for value in (*HAND_WEIGHTED.values(), HAND_TOTAL, HAND_MAX, "× 1.5", "× 0.25"):
        assert value in html
    assert "利用者の視点が明確。" in html and "全体として妥当な提案。" in html
    assert "提出すると取り消せません" in html
    assert ScoreSheet.objects.get().submitted_at is None  # looking submits nothing


def test_the_confirmation_total_is_what_the_ranking_counts(client, office_user):
    from evaluation.aggregation import round_results

    case = case_at("planning", office=office_user)
    round = round_of(
        case,
        Round.Kind.ADOPTION_REVIEW,
        office=office_user,
        criteria_set=criteria_set(HAND_CRITERIA),
    )
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    client.force_login(assignment.evaluator)
    criteria = list(round.criteria_set.criteria.order_by("order", "pk"))
    client.post(
        urls(round, candidate)["score"],
        points_data(round, [str(HAND_POINTS[c.name]) for c in criteria], confirm="1"),
    )
    page = client.get(urls(round, candidate)["confirm"])

    client.post(urls(round, candidate)["confirm"], {"seen": seen_of(page)})

    [result] = round_results(round).candidates
    assert result.evaluator_totals[assignment.pk] == Decimal(HAND_TOTAL)


def test_evaluator_submits_from_the_confirmation_and_the_sheet_is_locked(client, office_user):
    round, assignment, candidate = ready(office_user)
    client.force_login(assignment.evaluator)
    url = urls(round, candidate)
    client.post(url["score"], points_data(round, ["6", "9"], confirm="1"))
    page = client.get(url["confirm"])

    response = client.post(url["confirm"], {"seen": seen_of(page)})

    assert response.status_code == 302 and response.url == url["round"]
    assert ScoreSheet.objects.get().submitted_at is not None
    assert client.post(url["score"], points_data(round, ["1", "1"], save="1")).status_code == 403


def test_a_sheet_changed_after_the_confirmation_was_shown_is_not_submitted(client, office_user):
    round, assignment, candidate = ready(office_user)
    client.force_login(assignment.evaluator)
    url = urls(round, candidate)
    client.post(url["score"], points_data(round, ["6", "9"], confirm="1"))
    seen = seen_of(client.get(url["confirm"]))
    client.post(url["score"], points_data(round, ["2", "9"], save="1"))  # another window

    response = client.post(url["confirm"], {"seen": seen}, follow=True)

    assert ScoreSheet.objects.get().submitted_at is None
    assert "確認画面を表示した後に評価票が変更された" in response.content.decode() or any(
        "changed since this confirmation" in str(m) for m in response.context["messages"]
    )
    # The page shown again carries the new points; confirming them now submits.
    assert seen_of(response) != seen
    client.post(url["confirm"], {"seen": seen_of(response)})
    sheet = ScoreSheet.objects.get()
    assert sheet.submitted_at is not None
    assert sorted(sheet.scores.values_list("points", flat=True)) == [2, 9]


def test_a_second_submission_is_refused_and_changes_nothing(client, office_user):
    round, assignment, candidate = ready(office_user)
    client.force_login(assignment.evaluator)
    url = urls(round, candidate)
    client.post(url["score"], points_data(round, ["6", "9"], confirm="1"))
    seen = seen_of(client.get(url["confirm"]))
    client.post(url["confirm"], {"seen": seen})
    submitted_at = ScoreSheet.objects.get().submitted_at

    again = client.post(url["confirm"], {"seen": seen})

    assert again.status_code == 302 and again.url == url["round"]
    assert ScoreSheet.objects.get().submitted_at == submitted_at


def test_the_service_refuses_a_stale_or_repeated_submission_with_its_code(office_user):
    from django.core.exceptions import ValidationError

    round, assignment, candidate = ready(office_user)
    sheet = score(assignment, candidate, 4, submit=False)
    criteria = list(round.criteria_set.criteria.all())
    seen = submission.fingerprint([sheet])
    evaluator = assignment.evaluator

    with pytest.raises(ValidationError) as stale:
        submission.submit_sheets(
            assignment=assignment, criteria=criteria, seen="0" * 32, by=evaluator
        )
    submission.submit_sheets(
        assignment=assignment, criteria=criteria, candidate=candidate, seen=seen, by=evaluator
    )
    with pytest.raises(ValidationError) as repeated:
        submission.submit_sheets(
            assignment=assignment, criteria=criteria, candidate=candidate, seen=seen, by=evaluator
        )

    assert (stale.value.code, repeated.value.code) == ("stale", "already_submitted")


def test_round_confirmation_submits_every_complete_sheet_shown_and_no_other(client, office_user):
    round = selection_round(office=office_user, applications=2, evaluators=1, criteria=2)
    assignment = round.assignments.get()
    first, second, conflicted = round.candidates.order_by("label")
    declare(assignment, conflicts=[conflicted])
    score(assignment, first, 5, submit=False)
    score(assignment, second, 7, submit=False)
    client.force_login(assignment.evaluator)
    url = reverse("evaluation:confirm", args=[round.pk])
    page = client.get(url)
    assert [row["entry"].candidate for row in page.context["sheets"]] == [first, second]

    client.post(url, {"seen": seen_of(page)})

    assert set(
        ScoreSheet.objects.filter(submitted_at__isnull=False).values_list("candidate", flat=True)
    ) == {first.pk, second.pk}


def test_an_incomplete_sheet_has_no_confirmation_and_is_sent_back_to_the_sheet(client, office_user):
    round, assignment, candidate = ready(office_user)
    client.force_login(assignment.evaluator)
    url = urls(round, candidate)
    client.post(url["score"], points_data(round, ["6", ""], save="1"))

    response = client.get(url["confirm"])

    assert response.status_code == 302 and response.url == url["score"]


# Queries: constant as candidates and criteria grow ---------------------------------------------


@pytest.mark.parametrize("size", [(1, 3), (5, 8)], ids=["1-candidate-3-criteria", "5-8"])
def test_the_confirmation_answers_in_constant_queries(
    client, office_user, size, django_assert_num_queries
):
    candidates, criteria = size
    round = selection_round(
        office=office_user, applications=candidates - 1, evaluators=1, criteria=criteria
    )
    assignment = declare_none(round.assignments.get())
    for candidate in round.candidates.all():
        score(assignment, candidate, 3, submit=False)
    client.force_login(assignment.evaluator)
    url = reverse("evaluation:confirm", args=[round.pk])
    client.get(url)  # warm the caches

    # Session, user, round (and its grant), assignment, criteria, sheets, scores, conflicts.
    with django_assert_num_queries(9):
        response = client.get(url)

    assert len(response.context["sheets"]) == candidates


# Every role against the new URLs ----------------------------------------------------------------

ROLES = (
    "anonymous",
    "business",
    "proposer",
    "department_assigned",
    "department_other",
    "office",
    "other_evaluator",
    "evaluator_elsewhere",
)


@pytest.fixture
def world(office_user, department):
    round = adoption_round(office=office_user, evaluators=2, criteria=2)
    assign_department(case=round.proposal, department=department, by=office_user)
    mine, other = (declare_none(a) for a in round.assignments.order_by("pk"))
    candidate = round.candidates.get()
    sheet = score(mine, candidate, 5, submit=False)
    elsewhere = adoption_round(office=office_user)
    users = {
        "anonymous": None,
        "business": MemberFactory(),
        "proposer": round.proposal.created_by,
        "department_assigned": DepartmentUserFactory(department=department),
        "department_other": DepartmentUserFactory(),
        "office": office_user,
        "other_evaluator": other.evaluator,
        "evaluator_elsewhere": declare_none(elsewhere.assignments.get()).evaluator,
    }
    return {"round": round, "candidate": candidate, "sheet": sheet, "mine": mine, "users": users}


@pytest.mark.parametrize("role", ROLES)
def test_nobody_but_the_sheets_evaluator_sees_or_submits_the_confirmation(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    round, candidate = world["round"], world["candidate"]
    pages = [
        reverse("evaluation:confirm_sheet", args=[round.pk, candidate.pk]),
        reverse("evaluation:confirm", args=[round.pk]),
    ]
    seen = submission.fingerprint([world["sheet"]])

    responses = [client.get(url) for url in pages]
    got = [response.status_code for response in responses]
    posted = [client.post(url, {"seen": seen}).status_code for url in pages]

    if role == "other_evaluator":
        # Only their own sheets exist for them (none ready): never someone else's.
        assert got == [302, 200] and posted == [302, 302]
        assert responses[1].context["sheets"] == []
    else:
        expected = 302 if role == "anonymous" else 404
        assert got == posted == [expected, expected]
    world["sheet"].refresh_from_db()
    assert world["sheet"].submitted_at is None


def test_the_sheets_own_evaluator_sees_the_confirmation(client, world):
    client.force_login(world["mine"].evaluator)

    response = client.get(
        reverse("evaluation:confirm_sheet", args=[world["round"].pk, world["candidate"].pk])
    )

    assert response.status_code == 200
    assert [row["entry"].sheet for row in response.context["sheets"]] == [world["sheet"]]
