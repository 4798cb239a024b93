"""The dialogue pages need the same number of queries for 1 or 50 messages or records."""

import pytest

from tests.factories.dialogue import MeetingRecordFactory, MessageAttachmentFactory, MessageFactory

from .conftest import dialogue_url

pytestmark = pytest.mark.django_db


def _fill_thread(case, department_user, count):
    for n in range(count):
        if n % 3 == 0:
            message = MessageFactory(proposal=case)
        elif n % 3 == 1:
            message = MessageFactory(proposal=case, side="city", author=department_user)
        else:
            message = MessageFactory(proposal=case, internal=True)
        MessageAttachmentFactory(message=message)


# session, user, the user's permissions (own and groups), the case, the membership (which side),
# the read mark (savepoint, select for update, update, release), the messages with their authors
# and departments, their files, the writer's message draft; department staff add their groups and
# the case's assignments, and their read-log entry (proposals.audit).
@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize(("viewer", "queries"), [("proposer", 14), ("department_user", 16)])
def test_thread_needs_the_same_number_of_queries_for_1_or_50_messages(
    client, case, proposer, department_user, count, viewer, queries, django_assert_num_queries
):
    _fill_thread(case, department_user, count)
    user = {"proposer": proposer, "department_user": department_user}[viewer]
    client.force_login(user)
    # Warm the caches; a first reading creates the ReadMark.
    client.get(dialogue_url("thread", case))

    with django_assert_num_queries(queries):
        response = client.get(dialogue_url("thread", case))

    assert response.status_code == 200


# session, user, the user's permissions (own and groups), the case, the membership, the records
# with who recorded them; department staff add their groups and the case's assignments, and
# their read-log entry (proposals.audit).
@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize(("viewer", "queries"), [("proposer", 8), ("department_user", 10)])
def test_meetings_list_needs_the_same_number_of_queries_for_1_or_50_records(
    client, case, proposer, department_user, count, viewer, queries, django_assert_num_queries
):
    MeetingRecordFactory.create_batch(count, proposal=case, shared=True)
    MeetingRecordFactory.create_batch(count, proposal=case, created_by=department_user)
    user = {"proposer": proposer, "department_user": department_user}[viewer]
    client.force_login(user)
    client.get(dialogue_url("meetings", case))

    with django_assert_num_queries(queries):
        response = client.get(dialogue_url("meetings", case))

    expected = count if viewer == "proposer" else 2 * count
    assert len(response.context["records"]) == expected
