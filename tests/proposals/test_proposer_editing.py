"""Editing a proposal: a draft saved in place, a submitted case revised as a new version;
input normalised, limits and refusals, text shown escaped."""

import re

import pytest

from proposals.models import Proposal
from tests.proposals.helpers import case_url, edit_data, form_errors, messages_of
from tests.scenarios import submit, withdraw

pytestmark = pytest.mark.django_db


def test_proposer_sees_every_section_with_its_limit_on_the_edit_page(signed_in, draft):
    response = signed_in.get(case_url("edit", draft))

    page = response.content.decode()
    assert response.status_code == 200
    for anchor in (
        "summary",
        "content",
        "effects",
        "roles",
        "cost",
        "requests",
        "know-how",
        "consent",
        "contact",
    ):
        assert f'id="{anchor}"' in page
    assert re.search(r'<textarea[^>]*name="body"[^>]*maxlength="20000"', page)
    assert re.search(r'<textarea[^>]*name="outline"[^>]*maxlength="2000"', page)
    assert "preferred_department" not in response.context["form"].fields  # theme-based
    assert "note" not in response.context["form"].fields  # a draft has no versions yet


def test_proposer_saves_a_draft_in_place_with_normalised_phone_and_email(signed_in, draft):
    response = signed_in.post(
        case_url("edit", draft),
        edit_data(
            draft,
            contact_phone="０５５－９８３－２６１６",
            contact_email="ＫＹＯＳＯ＠biz.example.jp",
            outline="一行目\r\n二行目",
            schedule="",
        ),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.contact_phone == "055-983-2616"
    assert draft.contact_email == "KYOSO@biz.example.jp"
    assert draft.outline == "一行目\n二行目"
    assert draft.schedule == ""
    assert (draft.version, draft.versions.count()) == (0, 0)


def test_line_breaks_count_as_one_character_as_in_the_browser(signed_in, draft):
    outline = ("あ" * 9 + "\r\n") * 200  # 2,000 characters as the browser counts them

    response = signed_in.post(case_url("edit", draft), edit_data(draft, outline=outline))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert len(draft.outline) == 2000 - 1  # the last line break is stripped


def test_proposer_gets_an_error_for_a_wrong_phone_or_too_long_text_and_nothing_changes(
    signed_in, draft
):
    before = draft.content()

    response = signed_in.post(
        case_url("edit", draft), edit_data(draft, contact_phone="12345", body="あ" * 20001)
    )

    assert response.status_code == 200
    assert form_errors(response) == {"contact_phone": ["phone"], "body": ["max_length"]}
    draft.refresh_from_db()
    assert draft.content() == before


def test_html_and_script_are_kept_as_text_and_shown_escaped(signed_in, draft):
    signed_in.post(
        case_url("edit", draft),
        edit_data(draft, title="<script>alert('x')</script>", body="<b>太字</b> & 🌸😀"),
    )

    response = signed_in.get(case_url("detail", draft))

    page = response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "<script>alert('x')</script>"
    assert draft.body == "<b>太字</b> & 🌸😀"
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;太字&lt;/b&gt; &amp; 🌸😀" in page


def test_save_and_check_goes_to_the_confirmation_page(signed_in, draft):
    response = signed_in.post(case_url("edit", draft), edit_data(draft, to_submit="1"))

    assert response.url == case_url("submit", draft)


# Revisions of a submitted case ---------------------------------------------------------------


def test_proposer_revises_a_submitted_case_as_a_new_version_and_the_old_one_is_kept(
    signed_in, draft
):
    case = submit(draft)
    old_schedule = case.schedule

    shown = signed_in.get(case_url("edit", case))
    response = signed_in.post(
        case_url("edit", case),
        edit_data(case, schedule="令和9年度から本格運用。", note="工程を見直しました。"),
    )

    assert "note" in shown.context["form"].fields
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.version == 2
    first, second = case.versions.order_by("number")
    assert first.content["schedule"] == old_schedule
    assert (second.content["schedule"], second.note) == (
        "令和9年度から本格運用。",
        "工程を見直しました。",
    )
    old_page = signed_in.get(case_url("version", case, 1))
    assert old_page.status_code == 200
    assert old_schedule in old_page.content.decode()
    new_page = signed_in.get(case_url("version", case, 2))
    assert [str(label) for label in new_page.context["changed"]] == [
        str(Proposal._meta.get_field("schedule").verbose_name)
    ]
    assert signed_in.get(case_url("version", case, 3)).status_code == 404


def test_saving_an_unchanged_revision_is_refused_and_no_version_is_added(signed_in, draft):
    case = submit(draft)

    response = signed_in.post(case_url("edit", case), edit_data(case))

    assert form_errors(response) == {"__all__": ["unchanged"]}
    assert case.versions.count() == 1


def test_a_revision_cannot_empty_a_section_a_full_proposal_needs(signed_in, draft):
    case = submit(draft)

    response = signed_in.post(case_url("edit", case), edit_data(case, body=""))

    assert form_errors(response) == {"body": ["required"]}
    case.refresh_from_db()
    assert case.body and case.versions.count() == 1


def test_withdrawn_case_cannot_be_edited(signed_in, draft):
    case = withdraw(submit(draft))

    response = signed_in.post(case_url("edit", case), edit_data(case, title="変更"))

    assert response.status_code == 302 and response.url == case.get_absolute_url()
    case.refresh_from_db()
    assert case.title != "変更"
    assert len(messages_of(response)) == 1
