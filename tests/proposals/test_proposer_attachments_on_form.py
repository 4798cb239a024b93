"""Files on the way to the submission (issue 13, point 5): the proposer adds and removes files
on the edit page and on the confirmation page, with the upload checks of the case page, and
comes back to the page they came from; `next` never leads anywhere else."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mishima_kyoso.common.ids import encode_id
from proposals.models import ProposalAttachment
from tests.factories.accounts import DepartmentUserFactory, MemberFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.factories.proposals import ProposalFactory, attach, pdf_bytes, png_bytes, upload
from tests.files import files_on_disk
from tests.proposals.helpers import case_url, edit_data, form_errors, messages_of
from tests.scenarios import submit, withdraw

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _errors_in_japanese(response, form="upload_form"):
    messages = [str(error) for errors in response.context[form].errors.values() for error in errors]
    return messages and all(JAPANESE.search(message) for message in messages)


# The edit page -------------------------------------------------------------------------------


def test_proposer_adds_a_file_on_the_edit_page_and_the_typed_text_is_saved_with_it(
    signed_in, draft
):
    data = edit_data(draft, schedule="令和8年度に試行")
    data.update(attach="1", file=upload("構想図.pdf", pdf_bytes("plan")))

    response = signed_in.post(case_url("edit", draft), data)

    assert response.status_code == 302
    assert response.url == case_url("edit", draft) + "#attachments"
    draft.refresh_from_db()
    assert draft.schedule == "令和8年度に試行"
    assert list(draft.attachments.values_list("original_name", flat=True)) == ["構想図.pdf"]
    page = signed_in.get(response.url).content.decode()
    assert "構想図.pdf" in page


def test_a_file_chosen_with_save_the_draft_is_not_dropped(signed_in, draft):
    data = edit_data(draft)
    data["file"] = upload("見積書.pdf", pdf_bytes())

    response = signed_in.post(case_url("edit", draft), data)

    assert response.status_code == 302 and response.url == draft.get_absolute_url()
    assert draft.attachments.get().original_name == "見積書.pdf"


def test_a_refused_file_on_the_edit_page_saves_neither_file_nor_text_and_keeps_the_text(
    signed_in, draft, settings
):
    data = edit_data(draft, schedule="書き換えた工程")
    data.update(attach="1", file=upload("画像.pdf", png_bytes()))

    response = signed_in.post(case_url("edit", draft), data)

    assert response.status_code == 200
    assert form_errors(response, "upload_form") == {"file": ["file_content_mismatch"]}
    assert _errors_in_japanese(response)
    page = response.content.decode()
    assert "書き換えた工程" in page  # nothing typed is lost
    assert 'class="error-summary"' in page and 'href="#id_file"' in page
    draft.refresh_from_db()
    assert draft.schedule != "書き換えた工程"
    assert not ProposalAttachment.objects.exists()
    assert files_on_disk(settings) == []


def test_add_without_choosing_a_file_is_refused_and_nothing_is_saved(signed_in, draft):
    data = edit_data(draft, schedule="保存されない工程")
    data["attach"] = "1"

    response = signed_in.post(case_url("edit", draft), data)

    assert response.status_code == 200
    assert form_errors(response, "upload_form") == {"file": ["required"]}
    draft.refresh_from_db()
    assert draft.schedule != "保存されない工程"


def test_a_file_with_text_errors_is_not_added_and_the_proposer_is_told(signed_in, draft):
    data = edit_data(draft, contact_phone="電話番号ではない")
    data.update(attach="1", file=upload("構想図.pdf", pdf_bytes()))

    response = signed_in.post(case_url("edit", draft), data)

    assert response.status_code == 200
    assert "contact_phone" in form_errors(response)
    assert list(form_errors(response, "upload_form")) == ["file"]
    assert not ProposalAttachment.objects.exists()


def test_proposer_removes_a_file_from_the_edit_page_and_comes_back_to_it(
    signed_in, draft, settings, run_jobs
):
    stored = attach(draft, name="古い資料.pdf")
    data = edit_data(draft, schedule="削除前に保存")
    data["remove_file"] = encode_id(stored.pk)

    asked = signed_in.post(case_url("edit", draft), data)
    confirmation = signed_in.get(asked.url)
    removed = signed_in.post(
        case_url("attachment_delete", draft, stored.pk), {"next": case_url("edit", draft)}
    )
    run_jobs()

    assert asked.status_code == 302
    assert asked.url.startswith(case_url("attachment_delete", draft, stored.pk) + "?next=")
    draft.refresh_from_db()
    assert draft.schedule == "削除前に保存"  # saved before leaving the page
    assert confirmation.status_code == 200
    assert f'href="{case_url("edit", draft)}#attachments"' in confirmation.content.decode()
    assert removed.url == case_url("edit", draft) + "#attachments"
    assert not ProposalAttachment.objects.exists()
    assert files_on_disk(settings) == []


def test_a_remove_button_naming_another_cases_file_is_refused(signed_in, draft):
    elsewhere = attach(ProposalFactory(title="他社の案"))
    data = edit_data(draft)
    data["remove_file"] = encode_id(elsewhere.pk)

    response = signed_in.post(case_url("edit", draft), data)

    assert response.status_code == 404
    assert ProposalAttachment.objects.filter(pk=elsewhere.pk).exists()


def test_a_submitted_case_takes_a_file_on_the_edit_page_without_an_empty_version(signed_in, draft):
    case = submit(draft)
    data = edit_data(case)
    data.update(attach="1", file=upload("補足資料.pdf", pdf_bytes()))

    response = signed_in.post(case_url("edit", case), data)

    assert response.status_code == 302
    assert case.attachments.get().original_name == "補足資料.pdf"
    assert case.versions.count() == 1
    page = signed_in.get(case_url("edit", case)).content.decode()
    assert 'name="remove_file"' not in page  # its files stay on record


def test_edit_form_saves_without_script_and_names_the_autosave_endpoint_when_it_exists(
    signed_in, draft
):
    page = signed_in.get(case_url("edit", draft)).content.decode()

    form = re.search(r'<form method="post"[^>]*class="proposal-form"[^>]*>', page).group(0)
    assert 'enctype="multipart/form-data"' in form
    assert "data-autosave-url=" in form
    try:
        expected = reverse("proposals:autosave", args=[draft.pk])
    except Exception:  # built by another part of issue 13; empty until then
        expected = ""
    assert f'data-autosave-url="{expected}"' in form
    assert re.search(r'<button class="button" type="submit">[^<]+</button>', page)


# The confirmation page -----------------------------------------------------------------------


def test_proposer_adds_a_file_on_the_confirmation_page_and_sees_it_listed(signed_in, draft):
    response = signed_in.post(
        case_url("upload", draft),
        {"file": upload("提案書.pdf", pdf_bytes()), "next": case_url("submit", draft)},
    )
    page = signed_in.get(case_url("submit", draft)).content.decode()

    assert response.url == case_url("submit", draft) + "#attachments"
    assert "提案書.pdf" in page
    assert "ファイルはまだありません" not in page
    assert f'action="{case_url("upload", draft)}"' in page
    assert case_url("attachment_delete", draft, draft.attachments.get().pk) + "?next=" in page


def test_a_refused_file_on_the_confirmation_page_is_shown_there_and_nothing_is_kept(
    signed_in, draft, settings
):
    response = signed_in.post(
        case_url("upload", draft),
        {"file": upload("画像.pdf", png_bytes()), "next": case_url("submit", draft)},
    )

    assert response.status_code == 200
    assert response.templates[0].name == "proposals/submit.html"
    assert form_errors(response, "upload_form") == {"file": ["file_content_mismatch"]}
    assert _errors_in_japanese(response)
    assert not ProposalAttachment.objects.exists()
    assert files_on_disk(settings) == []


def test_proposer_removes_a_file_on_the_confirmation_page_and_comes_back_to_it(
    signed_in, draft, run_jobs
):
    stored = attach(draft)
    back = case_url("submit", draft)

    shown = signed_in.get(case_url("attachment_delete", draft, stored.pk) + f"?next={back}")
    response = signed_in.post(case_url("attachment_delete", draft, stored.pk), {"next": back})

    assert f'value="{back}"' in shown.content.decode()
    assert response.url == back + "#attachments"
    assert not ProposalAttachment.objects.exists()


def test_a_submitted_case_has_no_confirmation_page_and_keeps_its_files(signed_in, draft):
    stored = attach(draft)
    case = submit(draft)

    page = signed_in.get(case_url("submit", case))
    removal = signed_in.post(
        case_url("attachment_delete", case, stored.pk), {"next": case_url("submit", case)}
    )

    assert page.status_code == 302 and page.url == case.get_absolute_url()
    assert removal.url == case.get_absolute_url()
    assert ProposalAttachment.objects.filter(pk=stored.pk).exists()


def test_a_withdrawn_case_refuses_new_files_from_any_page(signed_in, draft, settings):
    case = withdraw(submit(draft))

    response = signed_in.post(
        case_url("upload", case),
        {"file": upload("追加資料.pdf", pdf_bytes()), "next": case_url("submit", case)},
    )

    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert len(messages_of(response)) == 1
    assert not ProposalAttachment.objects.exists()
    assert files_on_disk(settings) == []


# `next`: a page of this case, nothing else ---------------------------------------------------


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example.jp/",
        "//evil.example.jp/proposals/",
        "/\\evil.example.jp/",
        "javascript:alert(1)",
        "/admin/",
        "/my/",
        "other-case",
        "",
    ],
)
def test_next_never_leads_off_this_case(signed_in, draft, next_url):
    if next_url == "other-case":
        next_url = case_url("submit", ProposalFactory(organization=draft.organization))

    response = signed_in.post(
        case_url("upload", draft), {"file": upload("資料.pdf", pdf_bytes()), "next": next_url}
    )

    assert response.status_code == 302
    assert response.url == case_url("detail", draft) + "#attachments"


def test_next_may_name_the_edit_page_with_a_query_or_an_anchor(signed_in, draft):
    response = signed_in.post(
        case_url("upload", draft),
        {"file": upload("資料.pdf", pdf_bytes()), "next": case_url("edit", draft) + "?x=1#top"},
    )

    assert response.url == case_url("edit", draft) + "#attachments"


# Who may add a file --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("other_member", 404),
        ("office", 404),  # a draft is its proposer's alone
        ("department", 404),
        ("evaluator", 404),
        ("anonymous", 302),
    ],
)
def test_nobody_but_the_proposer_adds_a_file_to_a_draft(client, draft, office_user, who, expected):
    users = {
        "other_member": MemberFactory(),
        "office": office_user,
        "department": DepartmentUserFactory(),
        "evaluator": EvaluatorFactory(),
        "anonymous": None,
    }
    if users[who] is not None:
        client.force_login(users[who])

    response = client.post(
        case_url("upload", draft),
        {"file": upload("資料.pdf", pdf_bytes()), "next": case_url("submit", draft)},
    )
    edit = client.post(
        case_url("edit", draft),
        {**edit_data(draft), "attach": "1", "file": upload("資料.pdf", pdf_bytes())},
    )

    assert response.status_code == expected and edit.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("account_login"))
    assert not ProposalAttachment.objects.exists()


def test_office_reading_a_submitted_case_may_not_add_a_file(client, draft, office_user):
    case = submit(draft)
    client.force_login(office_user)

    response = client.post(case_url("upload", case), {"file": upload("資料.pdf", pdf_bytes())})

    assert response.status_code == 403
    assert not ProposalAttachment.objects.exists()


# Queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["edit", "submit"])
def test_edit_and_confirmation_pages_need_the_same_queries_for_1_or_6_files(signed_in, draft, page):
    counts = []
    for _round in range(2):
        for _file in range(1 if not counts else 5):
            attach(draft)
        signed_in.get(case_url(page, draft))  # warm the caches
        with CaptureQueriesContext(connection) as queries:
            response = signed_in.get(case_url(page, draft))
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
