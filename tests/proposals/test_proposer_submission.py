"""Submitting a proposal: the confirmation page, the receipt and the office's notice (no
content in either), and every refusal that leaves the draft as it was."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from proposals.models import VERSIONED_FIELDS, Proposal, ProposalAttachment, ReferenceCounter
from tests.factories.accounts import MemberFactory
from tests.factories.cocreation_list import field
from tests.factories.proposals import ProposalFactory, pdf_bytes, upload
from tests.factories.terms import submit_data
from tests.proposals.helpers import FREE_URL, case_url, edit_data, messages_of

pytestmark = pytest.mark.django_db


def test_confirmation_page_shows_the_whole_content_and_a_submit_button(signed_in, draft):
    response = signed_in.get(case_url("submit", draft))

    page = response.content.decode()
    assert response.status_code == 200
    for text in (draft.title, draft.outline, draft.body, draft.effect_region, draft.know_how):
        assert text in page
    assert response.context["problems"]["missing"] == []
    assert 'name="seen_status" value="draft"' in page
    assert not Proposal.objects.get().transitions.exists()


def test_confirmation_page_lists_what_is_missing_with_links_to_the_sections(signed_in, proposer):
    case = ProposalFactory(
        organization=proposer.membership.organization,
        created_by=proposer,
        intent=Proposal.Intent.PROPOSAL,
        background="背景",
        body="本文",
    )

    response = signed_in.get(case_url("submit", case))

    missing = [item["name"] for item in response.context["problems"]["missing"]]
    assert missing == [
        "effect_citizens",
        "effect_financial",
        "effect_growth",
        "effect_region",
        "roles",
        "schedule",
        "cost_bearing",
    ]
    page = response.content.decode()
    assert f'href="{case_url("edit", case)}#id_effect_citizens"' in page
    assert "<button" not in page.split('class="confirm-form"')[1].split("</form>")[0]


def test_proposer_submits_and_the_receipt_and_the_office_notice_carry_no_content(
    signed_in, draft, proposer, mailoutbox, settings, run_jobs
):
    settings.KYOSO_OFFICE_NOTIFY_EMAILS = ["kyoso@city.example.jp"]
    colleague = MemberFactory(organization=draft.organization, email="colleague@biz.example.jp")

    response = signed_in.post(case_url("submit", draft), submit_data())
    run_jobs()

    draft.refresh_from_db()
    assert response.status_code == 302 and response.url == draft.get_absolute_url()
    assert draft.status == Proposal.Status.RECEIVED
    assert draft.reference and draft.reference in messages_of(response)[0]
    receipt, notice = mailoutbox
    assert sorted(receipt.to) == sorted([proposer.email, colleague.email, draft.contact_email])
    assert notice.to == ["kyoso@city.example.jp"]
    for mail in (receipt, notice):
        assert draft.reference in mail.subject
        assert draft.get_absolute_url() in receipt.body
        text = mail.subject + mail.body
        written = [
            getattr(draft, name)
            for name in VERSIONED_FIELDS
            if name not in ("intent", "cost_bearing", "consent_to_publish", "contact_email")
        ]
        assert [value for value in written if value and value in text] == []
        assert draft.outline not in text and draft.know_how not in text


def test_double_submission_is_refused_with_a_message_and_nothing_changes(
    signed_in, draft, mailoutbox, run_jobs
):
    signed_in.post(case_url("submit", draft), submit_data())
    second = signed_in.post(case_url("submit", draft), submit_data())
    run_jobs()

    draft.refresh_from_db()
    assert second.status_code == 302 and second.url == draft.get_absolute_url()
    assert len(messages_of(second)) == 2  # the success of the first, the refusal of the second
    assert draft.transitions.count() == 1
    assert draft.versions.count() == 1
    assert ReferenceCounter.objects.get().last_serial == 1
    assert len(mailoutbox) == 2


def test_submission_on_a_theme_closed_meanwhile_is_refused_and_nothing_changes(
    signed_in, draft, mailoutbox
):
    theme = draft.theme
    theme.accepts_until = timezone.localdate() - datetime.timedelta(days=1)
    theme.save()

    response = signed_in.post(case_url("submit", draft), submit_data())

    assert response.status_code == 200
    assert response.context["problems"]["codes"] == ["theme_closed"]
    draft.refresh_from_db()
    assert draft.is_draft and draft.reference is None
    assert not draft.transitions.exists() and not ReferenceCounter.objects.exists()
    assert mailoutbox == []


def test_submission_of_an_incomplete_proposal_is_refused_by_section(signed_in, proposer):
    case = ProposalFactory(
        organization=proposer.membership.organization,
        created_by=proposer,
        intent=Proposal.Intent.PROPOSAL,
    )

    response = signed_in.post(case_url("submit", case), submit_data())

    assert response.status_code == 200
    assert set(response.context["problems"]["codes"]) == {"required"}
    assert "body" in [item["name"] for item in response.context["problems"]["missing"]]
    case.refresh_from_db()
    assert case.is_draft


def test_post_without_csrf_token_is_refused_and_nothing_is_saved(proposer, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(proposer)
    before = draft.content()

    edited = client.post(case_url("edit", draft), edit_data(draft, title="CSRFで変更"))
    submitted = client.post(case_url("submit", draft), submit_data())
    created = client.post(
        FREE_URL,
        {
            "field": field().pk,
            "title": "案",
            "outline": "概要",
            "intent": "consultation",
            "contact_name": "担当",
            "contact_email": "a@b.example.jp",
        },
    )
    uploaded = client.post(case_url("upload", draft), {"file": upload("a.pdf", pdf_bytes())})

    assert [r.status_code for r in (edited, submitted, created, uploaded)] == [403] * 4
    draft.refresh_from_db()
    assert draft.content() == before and draft.is_draft
    assert Proposal.objects.count() == 1 and not ProposalAttachment.objects.exists()
