"""Long forms save a draft as the user types (issue 13 §8): the proposal's autosave endpoint and
the dialogue's message drafts (autosave and the explicit 「下書きを保存」 without JavaScript)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogue.models import Message, MessageDraft
from proposals.models import Proposal
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.dialogue import MessageFactory
from tests.scenarios import withdraw

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def autosave_url(case):
    return reverse("proposals:autosave", args=[case.pk])


def draft_url(case):
    return reverse("dialogue:draft", args=[case.pk])


def thread_url(case):
    return reverse("dialogue:thread", args=[case.pk])


# The proposal's autosave --------------------------------------------------------------------


def test_proposer_autosaves_the_text_typed_so_far_and_the_rest_stays(client, writer, draft):
    signed_in(client, writer)
    title = draft.title

    response = client.post(autosave_url(draft), {"background": "窓口の混雑が続いている。"})

    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert response.json()["message"]
    draft.refresh_from_db()
    assert draft.background == "窓口の混雑が続いている。"
    assert draft.title == title
    assert draft.status == Proposal.Status.DRAFT
    assert not draft.versions.exists()


def test_autosave_takes_only_text_fields(client, writer, draft):
    """A choice or a box never changes by autosave (the script sends text only)."""
    signed_in(client, writer)

    client.post(
        autosave_url(draft), {"body": "本文", "intent": "proposal", "consent_to_publish": "on"}
    )

    draft.refresh_from_db()
    assert draft.body == "本文"
    assert draft.intent == Proposal.Intent.CONSULTATION
    assert draft.consent_to_publish is False


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_member", 404), ("office", 404), ("department", 404), ("anonymous", 401)],
)
def test_autosave_is_refused_to_anyone_but_the_proposer(  # nobody else sees a draft: 404
    client, draft, office_user, department_user, who, status
):
    user = {
        "other_member": MemberFactory(),
        "office": office_user,
        "department": department_user,
        "anonymous": None,
    }[who]
    if user is not None:
        signed_in(client, user)

    response = client.post(autosave_url(draft), {"body": "他人の書き込み"})

    assert response.status_code == status
    draft.refresh_from_db()
    assert draft.body == ""


def test_autosave_of_a_submitted_case_is_refused_and_nothing_changes(client, writer, case):
    signed_in(client, writer)
    before = (case.body, case.version, case.versions.count())

    response = client.post(autosave_url(case), {"body": "提出後の書き換え"})

    assert response.status_code == 409
    assert response.json()["ok"] is False
    case.refresh_from_db()
    assert (case.body, case.version, case.versions.count()) == before
    assert case.status == Proposal.Status.RECEIVED


@pytest.mark.parametrize(
    "hostile",
    ["あ" * 20_001, "制御文字\x00入り"],
    ids=["too-long", "nul-character"],
)
def test_hostile_autosave_gets_a_message_and_saves_nothing(client, writer, draft, hostile):
    signed_in(client, writer)
    title = draft.title

    response = client.post(autosave_url(draft), {"title": "変えたい件名", "body": hostile})

    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert response.json()["message"]
    draft.refresh_from_db()
    assert (draft.title, draft.body) == (title, "")


def test_autosave_refuses_a_get(client, writer, draft):
    signed_in(client, writer)

    assert client.get(autosave_url(draft)).status_code == 405


# Message drafts ------------------------------------------------------------------------------


def test_message_draft_saved_without_javascript_is_restored_and_cleared_when_sent(
    client, writer, case
):
    signed_in(client, writer)

    saved = client.post(thread_url(case), {"body": "書きかけの質問です。", "save_draft": "1"})

    assert saved.status_code == 302
    assert saved.url == thread_url(case) + "#write"
    assert not Message.objects.exists()
    page = client.get(thread_url(case))
    assert page.context["form"]["body"].value() == "書きかけの質問です。"
    assert "書きかけの質問です。" in page.content.decode()

    client.post(thread_url(case), {"body": "書き上げた質問です。"})

    assert Message.objects.get().body == "書き上げた質問です。"
    assert not MessageDraft.objects.exists()
    assert client.get(thread_url(case)).context["form"]["body"].value() in (None, "")


def test_message_draft_is_autosaved_and_only_its_writer_sees_it(client, writer, colleague, case):
    signed_in(client, writer)

    response = client.post(draft_url(case), {"body": "自動保存された下書き"})

    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert MessageDraft.objects.get().body == "自動保存された下書き"
    signed_in(client, colleague)
    page = client.get(thread_url(case))
    assert "自動保存された下書き" not in page.content.decode()


def test_an_empty_draft_deletes_the_saved_one(client, writer, case):
    signed_in(client, writer)
    client.post(draft_url(case), {"body": "消す下書き"})

    client.post(draft_url(case), {"body": "  "})

    assert not MessageDraft.objects.exists()


def test_the_city_keeps_its_choice_of_reader_in_the_draft(client, department_user, case):
    signed_in(client, department_user)

    client.post(draft_url(case), {"body": "内部向けのメモ", "visibility": "internal"})

    page = client.get(thread_url(case))
    assert page.context["form"]["visibility"].value() == "internal"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("office", 200),
        ("department_in_charge", 200),
        ("department_not_in_charge", 404),
        ("other_member", 404),
        ("anonymous", 401),
    ],
)
def test_message_draft_endpoint_by_role(client, case, office_user, department_user, who, status):
    user = {
        "office": office_user,
        "department_in_charge": department_user,
        "department_not_in_charge": DepartmentUserFactory(
            department=DepartmentFactory(code="toshi")
        ),
        "other_member": MemberFactory(),
        "anonymous": None,
    }[who]
    if user is not None:
        signed_in(client, user)

    response = client.post(draft_url(case), {"body": "下書き"})

    assert response.status_code == status
    assert MessageDraft.objects.count() == (1 if status == 200 else 0)


def test_message_draft_on_a_closed_case_is_refused(client, writer, case):
    withdraw(case, by=writer)
    signed_in(client, writer)

    response = client.post(draft_url(case), {"body": "取り下げ後の下書き"})

    assert response.status_code == 409
    assert not MessageDraft.objects.exists()


@pytest.mark.parametrize("hostile", ["あ" * 10_001, "制御文字\x00入り"], ids=["too-long", "nul"])
def test_hostile_message_draft_gets_a_message_and_saves_nothing(client, writer, case, hostile):
    signed_in(client, writer)

    response = client.post(draft_url(case), {"body": hostile})
    page = client.post(thread_url(case), {"body": hostile, "save_draft": "1"})

    assert response.status_code == 400
    assert response.json()["message"]
    assert not MessageDraft.objects.exists()
    # Without JavaScript: the page comes back with the error and the text, nothing sent.
    assert page.status_code == 200
    assert page.context["form"].errors["body"]
    assert not Message.objects.exists()


@pytest.mark.parametrize("count", [1, 20])
def test_message_draft_endpoint_needs_the_same_queries_however_long_the_thread(
    client, writer, case, count
):
    for _ in range(count):
        MessageFactory(proposal=case)
    signed_in(client, writer)
    client.post(draft_url(case), {"body": "一回目"})

    with CaptureQueriesContext(connection) as queries:
        client.post(draft_url(case), {"body": "二回目"})

    # session, user, the user's permissions (own and groups), the user's groups (whose object
    # permissions count), the case, the membership (which side), the draft (savepoint, lock,
    # update, release), the session's save.
    assert len(queries) == 13
