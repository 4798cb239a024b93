"""第三者意見照会: the proposer is asked through the case's dialogue, with the deadline, and
answers on their side; the answer is recorded on the request and in the dialogue."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from dialogue.models import Side
from dialogue.selectors import thread_messages
from disclosure.models import DisclosureRequest, Event, ThirdPartyOpinion
from disclosure.services import answer_opinion, decide, request_opinion, set_marks

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_on():
    return timezone.localdate() + datetime.timedelta(days=10)


def test_the_opinion_request_appears_in_the_proposers_dialogue_with_its_deadline(
    client, disclosure, case, office_user, due_on
):
    opinion = request_opinion(request=disclosure, case=case, by=office_user, due_on=due_on)

    [message] = thread_messages(case, side=Side.PROPOSER)
    assert message == opinion.message
    assert message.side == Side.CITY
    assert date_format(due_on, "DATE_FORMAT") in message.body
    assert reverse("disclosure:opinion", args=[opinion.pk]) in message.body
    client.force_login(case.created_by)
    page = client.get(reverse("dialogue:thread", args=[case.pk])).content.decode()
    assert reverse("disclosure:opinion", args=[opinion.pk]) in page
    disclosure.refresh_from_db()
    assert disclosure.status == DisclosureRequest.Status.OPINION_REQUESTED


def test_the_proposers_objection_is_recorded_on_the_request_and_said_in_the_dialogue(
    client, disclosure, case, office_user, due_on
):
    opinion = request_opinion(request=disclosure, case=case, by=office_user, due_on=due_on)
    client.force_login(case.created_by)

    response = client.post(
        reverse("disclosure:opinion", args=[opinion.pk]),
        {"answer": "object", "reasons": "原価内訳は競合他社に知られると不利益を受けるため。"},
    )

    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.answer == ThirdPartyOpinion.Answer.OBJECT
    assert opinion.reasons == "原価内訳は競合他社に知られると不利益を受けるため。"
    assert opinion.answered_by == case.created_by
    last = list(thread_messages(case, side=Side.CITY))[-1]
    assert last.side == Side.PROPOSER
    assert "原価内訳は競合他社に知られると不利益を受けるため。" in last.body


def test_an_objection_without_reasons_is_refused_and_nothing_is_recorded(
    disclosure, case, office_user, due_on
):
    opinion = request_opinion(request=disclosure, case=case, by=office_user, due_on=due_on)

    with pytest.raises(ValidationError) as refusal:
        answer_opinion(opinion=opinion, by=case.created_by, answer="object", reasons=" ")

    assert refusal.value.error_dict["reasons"][0].code == "reasons_required"
    opinion.refresh_from_db()
    assert opinion.answer == ""
    assert len(thread_messages(case, side=Side.CITY)) == 1


def test_an_opinion_deadline_today_or_earlier_is_refused(disclosure, case, office_user):
    with pytest.raises(ValidationError):
        request_opinion(request=disclosure, case=case, by=office_user, due_on=timezone.localdate())

    assert not ThirdPartyOpinion.objects.exists()
    assert not thread_messages(case, side=Side.PROPOSER).exists()


def test_every_step_of_a_request_is_in_its_history_and_a_decision_freezes_the_marks(
    disclosure, case, office_user, due_on
):
    opinion = request_opinion(request=disclosure, case=case, by=office_user, due_on=due_on)
    answer_opinion(opinion=opinion, by=case.created_by, answer="agree")
    set_marks(request=disclosure, case=case, by=office_user, sections={}, files={})
    decide(request=disclosure, by=office_user, decision="partial", decided_on=timezone.localdate())

    with pytest.raises(ValidationError) as refusal:
        set_marks(request=disclosure, case=case, by=office_user, sections={}, files={})

    assert refusal.value.code == "request_decided"
    assert list(Event.objects.filter(request=disclosure).values_list("action", flat=True)) == [
        "receive",
        "request_opinion",
        "answer_opinion",
        "mark",
        "decide",
    ]
    assert disclosure.history.count() >= 3  # simple-history: created, opinion asked, decided
