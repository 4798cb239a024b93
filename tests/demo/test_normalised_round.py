"""The demo's normalised round (issue 15 items 5 and 10): the after-school classes' selection
round has per-evaluator z-score normalisation on, and the office's results page shows the raw
and the normalised totals side by side."""

import pytest
from django.urls import reverse

from accounts.models import User
from evaluation.aggregation import round_results
from evaluation.models import Round
from evaluation.normalisation import normalise

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

TITLE = "放課後しぜん教室 運営事業者の選定"


def test_the_demo_selection_round_is_normalised_by_z_score():
    round = Round.objects.get(title=TITLE)

    normalised = normalise(round_results(round))

    assert round.score_normalisation == Round.Normalisation.Z_SCORE
    assert normalised is not None and normalised.is_z_score
    assert len(normalised.candidates) == 3
    assert normalised.common_mean is not None and normalised.common_stdev > 0


def test_the_office_reads_raw_and_normalised_totals_on_the_results_page(client):
    round = Round.objects.get(title=TITLE)
    client.force_login(User.objects.get(email="office@example.jp"))

    page = client.get(reverse("evaluation:results", args=[round.pk])).content.decode()

    assert "Z" in page and "正規化" in page
