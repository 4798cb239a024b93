"""Two members of staff acting on one case at once cannot both win (DESIGN §4, issue 5 §1).

The workflow locks the case's row (SELECT … FOR UPDATE) and compares the status the page was
rendered with: the second step is refused as stale, changes nothing and is told so.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from proposals.models import Proposal, ProposalTransition
from proposals.workflow import A, transition
from tests.factories.accounts import OfficeUserFactory
from tests.scenarios import VALID, case_at, step_form

S = Proposal.Status


def _staff_step(case, step):
    return reverse("proposals:staff_step", args=[case.pk, step])


# Two threads on PostgreSQL --------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "Concurrent steps need PostgreSQL's row locks (SELECT … FOR UPDATE); SQLite locks the "
        "whole file, so two threads cannot race there. CI runs this with "
        "DATABASE_URL=postgres://…"
    ),
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    "steps",
    [(A.TO_PLANNING, A.TO_PLANNING), (A.ADOPT, A.NOT_ADOPT)],
    ids=["both_to_planning", "adopt_vs_not_adopt"],
)
def test_two_staff_taking_a_step_at_once_one_wins_and_the_other_is_told(steps):
    first, second = OfficeUserFactory(), OfficeUserFactory()
    source = S.CONSULTING if steps[0] == A.TO_PLANNING else S.PLANNING
    case = case_at(source, office=first)
    logged_before = case.transitions.count()
    start = threading.Barrier(2)
    outcomes = {}

    def act(user, step):
        try:
            start.wait(timeout=30)
            transition(case, step, by=user, seen_status=source, **VALID[step])
        except ValidationError as refusal:
            outcomes[step, user.pk] = refusal.code
        except Exception as error:  # reported by the assertion below
            outcomes[step, user.pk] = repr(error)
        else:
            outcomes[step, user.pk] = "taken"
        finally:
            connections.close_all()  # each thread closes its own connection

    threads = [
        threading.Thread(target=act, args=(user, step))
        for user, step in zip((first, second), steps, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    results = sorted(outcomes.values())
    assert len(results) == 2 and results.count("taken") == 1
    assert results[0] in ("stale", "wrong_status")
    case.refresh_from_db()
    new_steps = list(case.transitions.order_by("pk")[logged_before:])
    assert len(new_steps) == 1
    winner = new_steps[0]
    assert outcomes[winner.step, winner.actor_id] == "taken"
    assert case.status == winner.target


# One after the other, through the step form (every database) ---------------------------------


@pytest.mark.django_db
def test_a_step_on_a_case_moved_meanwhile_is_refused_as_stale_with_a_link_to_reload(
    client, office_user
):
    """Declining is possible from both received and consulting: the status seen decides."""
    case = case_at(S.RECEIVED, office=office_user)
    client.force_login(office_user)
    form_page = client.get(_staff_step(case, A.DECLINE))
    seen = form_page.context["form"]["seen_status"].value()
    transition(case, A.START_DIALOGUE, by=OfficeUserFactory())  # a colleague, meanwhile
    logged = case.transitions.count()

    response = client.post(_staff_step(case, A.DECLINE), step_form(A.DECLINE, seen))

    assert response.status_code == 200
    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == [
        "stale"
    ]
    page = response.content.decode()
    assert f'href="{reverse("proposals:staff_case", args=[case.pk])}"' in page
    assert '<button class="button" type="submit">' not in page  # reload first, then act
    case.refresh_from_db()
    assert case.status == S.CONSULTING
    assert case.transitions.count() == logged


@pytest.mark.django_db
def test_the_second_of_adopt_and_not_adopt_is_told_the_case_has_moved(client, office_user):
    case = case_at(S.PLANNING, office=office_user)
    colleague = OfficeUserFactory()
    client.force_login(office_user)
    client.get(_staff_step(case, A.ADOPT))  # both pages rendered in planning
    client.post(_staff_step(case, A.NOT_ADOPT), step_form(A.NOT_ADOPT, S.PLANNING))
    client.force_login(colleague)

    response = client.post(_staff_step(case, A.ADOPT), step_form(A.ADOPT, S.PLANNING))

    assert response.status_code == 200
    assert response.context["stale"] is True
    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == [
        "stale"
    ]
    case.refresh_from_db()
    assert case.status == S.NOT_ADOPTED
    assert list(
        ProposalTransition.objects.filter(
            proposal=case, step__in=[A.ADOPT, A.NOT_ADOPT]
        ).values_list("step", "actor")
    ) == [(A.NOT_ADOPT, office_user.pk)]


@pytest.mark.django_db
def test_a_double_click_takes_the_step_once(client, office_user):
    case = case_at(S.CONSULTING, office=office_user)
    client.force_login(office_user)
    data = step_form(A.TO_PLANNING, S.CONSULTING)

    first = client.post(_staff_step(case, A.TO_PLANNING), data)
    second = client.post(_staff_step(case, A.TO_PLANNING), data)

    assert first.status_code == 302
    assert second.status_code == 200 and second.context["stale"] is True
    assert case.transitions.filter(step=A.TO_PLANNING).count() == 1


@pytest.mark.django_db
def test_a_forged_seen_status_does_not_turn_a_forbidden_step_into_a_stale_one(
    client, office_user, department, department_user
):
    """Department staff never take the office's steps, whatever status they claim to have seen."""
    case = case_at(S.ADOPTED, office=office_user, departments=[department])
    client.force_login(department_user)

    response = client.post(_staff_step(case, A.ADOPT), step_form(A.ADOPT, S.PLANNING))

    assert response.status_code == 403
