"""Hostile input on the evaluation forms: full-width digits, 旧字体, emoji, 20,000 characters,
HTML and script. Each gets a clear message in Japanese or is stored as typed and shown escaped;
nothing is saved half-way."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import CriteriaSet, Round, ScoreSheet
from proposals.models import Proposal
from tests.scenarios import adoption_round, case_at, declare_none

pytestmark = pytest.mark.django_db

LONG = "長" * 20_000
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ODD = "髙﨑の邊見🍙さん"  # 旧字体 and an emoji


def score_data(round, value, **extra):
    return {f"points_{c.pk}": value for c in round.criteria_set.criteria.all()} | extra


def test_full_width_digits_are_read_as_points(client, office_user):
    round = adoption_round(office=office_user, criteria=2)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    client.force_login(assignment.evaluator)

    response = client.post(
        reverse("evaluation:score", args=[round.pk, candidate.pk]),
        score_data(round, "３", submit="1"),
    )

    assert response.status_code == 302
    assert set(ScoreSheet.objects.get().scores.values_list("points", flat=True)) == {3}


@pytest.mark.parametrize("points", ["abc", "-1", "1.5", SCRIPT])
def test_points_that_are_not_a_whole_number_in_range_get_a_japanese_message(
    client, office_user, points
):
    round = adoption_round(office=office_user, criteria=1)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    client.force_login(assignment.evaluator)

    response = client.post(
        reverse("evaluation:score", args=[round.pk, candidate.pk]),
        score_data(round, points, submit="1"),
    )

    assert response.status_code == 200
    errors = " ".join(str(message) for message in response.context["form"].errors.values())
    assert any("\u3040" <= ch <= "\u30ff" for ch in errors), errors  # かな: a Japanese message
    assert "<script>" not in response.content.decode()
    assert not ScoreSheet.objects.filter(submitted_at__isnull=False).exists()


def test_a_20000_character_comment_is_refused_and_the_points_typed_are_kept_on_the_form(
    client, office_user
):
    round = adoption_round(office=office_user, criteria=1)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    client.force_login(assignment.evaluator)

    response = client.post(
        reverse("evaluation:score", args=[round.pk, candidate.pk]),
        score_data(round, "4", comment=LONG, submit="1"),
    )

    assert response.status_code == 200
    assert "comment" in response.context["form"].errors
    assert response.context["form"]["comment"].value() == LONG  # nothing typed is lost
    assert not ScoreSheet.objects.exists()


def test_html_emoji_and_old_characters_in_a_comment_are_stored_as_typed_and_shown_escaped(
    client, office_user
):
    round = adoption_round(office=office_user, criteria=1)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    url = reverse("evaluation:score", args=[round.pk, candidate.pk])
    client.force_login(assignment.evaluator)

    client.post(url, score_data(round, "4", comment=SCRIPT + ODD, save="1"))
    html = client.get(url).content.decode()

    assert ScoreSheet.objects.get().comment == SCRIPT + ODD
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert ODD in html


def test_a_round_title_of_20000_characters_or_a_bad_date_is_refused_with_nothing_created(
    client, office_user
):
    case = case_at(Proposal.Status.PLANNING, office=office_user)
    client.force_login(office_user)
    url = reverse("evaluation:case_rounds", args=[case.pk])
    base = {
        "kind": Round.Kind.ADOPTION_REVIEW,
        "criteria_set": CriteriaSet.objects.get(is_default=True).pk,
        "scoring_due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
    }

    too_long = client.post(url, base | {"title": LONG})
    bad_date = client.post(url, base | {"title": ODD, "scoring_due_on": "令和八年十三月"})

    assert too_long.status_code == bad_date.status_code == 200
    assert "title" in too_long.context["form"].errors
    assert "scoring_due_on" in bad_date.context["form"].errors
    assert not Round.objects.exists()


def test_a_round_title_with_script_and_emoji_is_kept_and_shown_escaped(client, office_user):
    case = case_at(Proposal.Status.PLANNING, office=office_user)
    client.force_login(office_user)

    client.post(
        reverse("evaluation:case_rounds", args=[case.pk]),
        {
            "kind": Round.Kind.ADOPTION_REVIEW,
            "title": SCRIPT[:150] + ODD,
            "criteria_set": CriteriaSet.objects.get(is_default=True).pk,
            "scoring_due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        },
    )
    round = Round.objects.get()
    html = client.get(reverse("evaluation:manage_round", args=[round.pk])).content.decode()

    assert round.title == SCRIPT[:150] + ODD
    assert "<script>alert" not in html and ODD in html
