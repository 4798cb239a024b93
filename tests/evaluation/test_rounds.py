"""The round's states (evaluation/rounds.py): what each status allows, the steps between them,
the services' refusals, and the controls the office's and the evaluator's pages show."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluation import rounds, services
from evaluation.models import Round
from tests.factories.evaluation import EvaluatorFactory
from tests.scenarios import adoption_round, declare_none, full_points, submit_sheet

R = Round.Status
STATUSES = (R.DRAFT, R.OPEN, R.CLOSED, R.DECIDED)

# What each status allows: one row per rule of rounds.py, one column per status.
#                              being prepared  scoring  scoring closed  decided
ALLOWS = {
    "may_open": (True, False, False, False),
    "may_refresh_candidates": (True, False, False, False),
    "may_change_evaluators": (True, True, False, False),
    "may_score": (False, True, False, False),
    "may_reopen_sheet": (False, True, False, False),
    "may_close": (False, True, False, False),
    "may_decide": (False, False, True, False),
    "has_opened": (False, True, True, True),
    "results_are_provisional": (True, True, False, False),
    "is_decided": (False, False, False, True),
}


def expected(rule, status) -> bool:
    return ALLOWS[rule][STATUSES.index(status)]


def cases_of(rule_filter=None):
    return [
        pytest.param(rule, status, id=f"{rule}-{status}")
        for rule in ALLOWS
        for status in STATUSES
        if rule_filter is None or rule_filter(rule, status)
    ]


# The rules, without a database ----------------------------------------------------------------


def test_the_table_covers_every_rule_and_every_status():
    assert set(ALLOWS) == set(rounds.PREDICATES)
    assert set(STATUSES) == set(R.values)


@pytest.mark.parametrize(("rule", "status"), cases_of())
def test_each_rule_allows_exactly_the_statuses_of_the_table(rule, status):
    round = Round(status=status)

    assert rounds.PREDICATES[rule](round) is expected(rule, status)
    assert getattr(rounds.RoundState.of(round), rule) is expected(rule, status)


def test_the_steps_run_from_being_prepared_to_decided_one_after_the_other():
    chain = [(step.sources, step.target) for step in rounds.STEPS.values()]

    assert chain == [((R.DRAFT,), R.OPEN), ((R.OPEN,), R.CLOSED), ((R.CLOSED,), R.DECIDED)]


@pytest.mark.parametrize("step", list(rounds.STEPS))
@pytest.mark.parametrize("status", STATUSES)
def test_a_step_moves_only_a_round_in_its_source_status_and_records_when(step, status):
    move = rounds.STEPS[step]
    round = Round(status=status)

    if status in move.sources:
        fields = rounds.advance(round, step)
        assert round.status == move.target
        assert fields == ["status", move.stamp] and getattr(round, move.stamp) is not None
    else:
        with pytest.raises(ValueError):
            rounds.advance(round, step)
        assert round.status == status and getattr(round, move.stamp) is None


# Rounds in each status, as the office and the evaluators bring them there ----------------------

PUBLIC_REASON = "市の既存事業と重複するため、採用しない。"


def round_in(status, *, office):
    """An adoption review in `status` with three evaluators: once scoring opened, the first
    submitted the sheet, the second declared no conflict and saved nothing, the third has not
    declared yet."""
    round = adoption_round(office=office, evaluators=3, opened=status != R.DRAFT)
    if status != R.DRAFT:
        first, second, _third = round.assignments.order_by("pk")
        submit_sheet(declare_none(first), round.candidates.get())
        declare_none(second)
    if status in (R.CLOSED, R.DECIDED):
        services.close_round(round=round, by=office)
    if status == R.DECIDED:
        services.decide_adoption(
            round=round,
            adopt=False,
            reason="既存事業と重複する。",
            public_reason=PUBLIC_REASON,
            by=office,
        )
    round.refresh_from_db()
    assert round.status == status
    return round


def evaluators(round):
    """The evaluator who submitted, the one who declared, the one who has not declared."""
    return list(round.assignments.order_by("pk"))


# The services refuse what the status does not allow, with their codes ---------------------------


def _open(round, office):
    services.open_round(round=round, by=office)


def _refresh(round, office):
    services.refresh_candidates(round=round, by=office)


def _assign(round, office):
    services.assign_evaluator(round=round, evaluator=EvaluatorFactory(), by=office)


def _score(round, office):
    declared = evaluators(round)[1]
    services.save_sheet(
        assignment=declared,
        candidate=round.candidates.get(),
        points=full_points(round),
        by=declared.evaluator,
    )


def _reopen(round, office):
    sheet = evaluators(round)[0].sheets.get()
    services.reopen_sheet(sheet=sheet, reason="委員からの訂正依頼", by=office)


def _close(round, office):
    services.close_round(round=round, by=office)


def _decide(round, office):
    services.decide_adoption(
        round=round, adopt=False, reason="理由", public_reason="公開する理由", by=office
    )


# rule → (the service that checks it, its refusal code)
SERVICES = {
    "may_open": (_open, "not_draft"),
    "may_refresh_candidates": (_refresh, "not_draft"),
    "may_change_evaluators": (_assign, "round_closed"),
    "may_score": (_score, "round_not_open"),
    "may_reopen_sheet": (_reopen, "round_not_open"),
    "may_close": (_close, "round_not_open"),
    "may_decide": (_decide, "round_not_closed"),
}


def refused(rule, status) -> bool:
    """A service checks the rule and the status does not allow it (a round being prepared has
    no sheet to reopen)."""
    if rule == "may_reopen_sheet" and status == R.DRAFT:
        return False
    return rule in SERVICES and not expected(rule, status)


@pytest.mark.django_db
@pytest.mark.parametrize(("rule", "status"), cases_of(refused))
def test_a_service_refuses_what_the_status_does_not_allow_and_nothing_changes(
    office_user, rule, status
):
    round = round_in(status, office=office_user)
    service, code = SERVICES[rule]

    with pytest.raises(ValidationError) as refusal:
        service(round, office_user)

    assert refusal.value.code == code
    round.refresh_from_db()
    assert round.status == status


# The office's round page shows the controls the status allows -----------------------------------


def office_controls(round) -> dict[str, list[str]]:
    """Per rule, what of the page shows it: the URLs of its buttons and forms, or its text."""
    submitted, _declared, undeclared = evaluators(round)
    sheet = submitted.sheets.first()
    return {
        "may_open": [reverse("evaluation:open_round", args=[round.pk])],
        "may_refresh_candidates": [reverse("evaluation:refresh_candidates", args=[round.pk])],
        "may_change_evaluators": [
            reverse("evaluation:add_evaluator", args=[round.pk]),
            reverse("evaluation:remove_evaluator", args=[round.pk, undeclared.pk]),
        ],
        "may_reopen_sheet": (
            [reverse("evaluation:reopen_sheet", args=[round.pk, sheet.pk])] if sheet else []
        ),
        "may_close": [reverse("evaluation:close_round", args=[round.pk])],
        "may_decide": [reverse("evaluation:decide", args=[round.pk])],
        "has_opened": [reverse("evaluation:results", args=[round.pk])],
        "is_decided": [PUBLIC_REASON],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("status", STATUSES)
def test_the_office_page_shows_exactly_the_controls_the_status_allows(client, office_user, status):
    round = round_in(status, office=office_user)
    client.force_login(office_user)

    html = client.get(reverse("evaluation:manage_round", args=[round.pk])).content.decode()

    for rule, markers in office_controls(round).items():
        for marker in markers:
            assert (marker in html) is expected(rule, status), (rule, marker)


@pytest.mark.django_db
@pytest.mark.parametrize("status", STATUSES)
def test_the_decision_page_opens_only_when_the_round_may_be_decided(client, office_user, status):
    round = round_in(status, office=office_user)
    client.force_login(office_user)

    response = client.get(reverse("evaluation:decide", args=[round.pk]))

    if expected("may_decide", status):
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"] == reverse("evaluation:manage_round", args=[round.pk])


# The evaluator's pages show the declaration and the score sheet only while scoring is open ------


@pytest.mark.django_db
@pytest.mark.parametrize("status", STATUSES)
def test_the_evaluator_sees_the_round_once_opened_and_may_declare_only_while_scoring(
    client, office_user, status
):
    round = round_in(status, office=office_user)
    undeclared = evaluators(round)[2]
    client.force_login(undeclared.evaluator)

    response = client.get(reverse("evaluation:round", args=[round.pk]))

    if not expected("has_opened", status):
        assert response.status_code == 404
        return
    declare_url = reverse("evaluation:declare", args=[round.pk])
    assert (declare_url in response.content.decode()) is expected("may_score", status)
    assert (response.context["conflict_form"] is not None) is expected("may_score", status)


@pytest.mark.django_db
@pytest.mark.parametrize("status", STATUSES)
def test_the_evaluator_may_fill_in_the_score_sheet_only_while_scoring(client, office_user, status):
    round = round_in(status, office=office_user)
    declared = evaluators(round)[1]
    client.force_login(declared.evaluator)
    url = reverse("evaluation:score", args=[round.pk, round.candidates.get().pk])

    page = client.get(url)

    if not expected("has_opened", status):
        assert page.status_code == 404
        return
    assert ('name="confirm"' in page.content.decode()) is expected("may_score", status)
    assert (page.context["form"] is not None) is expected("may_score", status)
    posted = client.post(url, {"save": "1"})
    assert (posted.status_code == 403) is not expected("may_score", status)
