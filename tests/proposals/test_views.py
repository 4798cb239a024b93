"""The proposer pages: every page as the proposer, who else sees what, bad input, mails, files."""

import datetime
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from proposals.models import VERSIONED_FIELDS, Proposal, ProposalAttachment, ReferenceCounter
from tests.factories.accounts import (
    DepartmentFactory,
    DepartmentUserFactory,
    MemberFactory,
    OfficeUserFactory,
    UserFactory,
)
from tests.factories.cocreation_list import ThemeFactory, field
from tests.factories.proposals import ProposalFactory, attach, pdf_bytes, png_bytes, upload
from tests.jobs import send_setup_mail
from tests.scenarios import submit, withdraw

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")
DASHBOARD_URL = reverse("proposals:dashboard")
FREE_URL = reverse("proposals:create_free")


@pytest.fixture
def proposer(db):
    return MemberFactory(email="proposer@biz.example.jp")


@pytest.fixture
def draft(proposer):
    return ProposalFactory(
        organization=proposer.membership.organization, created_by=proposer, complete=True
    )


@pytest.fixture
def signed_in(client, proposer):
    client.force_login(proposer)
    return client


def _url(name, case, *args):
    return reverse(f"proposals:{name}", args=[case.pk, *args])


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _errors(response, form="form"):
    """{field: [codes]} of the form the page was rendered with."""
    return {
        name: [error.code for error in errors]
        for name, errors in response.context[form].errors.as_data().items()
    }


def _edit_data(case, **changes):
    """What the edit page posts back unchanged, with some changes."""
    data = {
        name: ("on" if value else "") if isinstance(value, bool) else (value or "")
        for name, value in case.content().items()
    }
    if not data["consent_to_publish"]:
        del data["consent_to_publish"]
    data.update(changes)
    return data


def _files_on_disk(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


# Who may open which page: the permission matrix --------------------------------------------

PAGES = [
    "detail",
    "edit",
    "submit",
    "withdraw",
    "delete",
    "version",
    "attachment",
    "attachment_delete",
    "upload",
]


def _page_url(name, case, attachment):
    if name == "version":
        return _url("version", case, 1)
    if name in ("attachment", "attachment_delete"):
        return _url(name, case, attachment.pk)
    return _url(name, case)


def _submitted_case_with_a_file():
    case = ProposalFactory(complete=True)
    attachment = attach(case, name="提案概要.pdf")
    return submit(case), attachment


# Office staff read a case and its files; they do not act for the business (403).
# Anyone without a grant does not learn that the case exists (404).
EXPECTED = {
    "proposer": dict.fromkeys(PAGES, 200),
    "colleague": dict.fromkeys(PAGES, 200),
    "other_member": dict.fromkeys(PAGES, 404),
    "department_user": dict.fromkeys(PAGES, 404),
    "office": {
        **dict.fromkeys(PAGES, 403),
        "detail": 200,
        "version": 200,
        "attachment": 200,
    },
}
# The case is submitted: submitting again, deleting it or removing its file is no longer
# possible, so its proposers are sent back to the case with a message (302); the upload URL
# takes only POST, and a GET goes back to the case's files.
for role in ("proposer", "colleague"):
    EXPECTED[role].update(submit=302, delete=302, attachment_delete=302, upload=302)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_gets_what_the_permission_matrix_says_for_each_page(client, role, page):
    case, attachment = _submitted_case_with_a_file()
    users = {
        "proposer": case.created_by,
        "colleague": MemberFactory(organization=case.organization),
        "other_member": MemberFactory(),
        "department_user": DepartmentUserFactory(department=DepartmentFactory(code="toshi")),
        "office": OfficeUserFactory(),
    }
    client.force_login(users[role])

    response = client.get(_page_url(page, case, attachment))

    assert response.status_code == EXPECTED[role][page]
    if response.status_code == 302:
        assert response.url.startswith(case.get_absolute_url())


DRAFT_EXPECTED = {
    **dict.fromkeys(PAGES, 200),
    "withdraw": 302,  # a draft is deleted, not withdrawn
    "version": 404,  # versions start with the submission
    "upload": 302,
}


@pytest.mark.parametrize("page", PAGES)
def test_proposer_opens_each_page_of_a_draft(client, page):
    case = ProposalFactory(complete=True)
    attachment = attach(case)
    client.force_login(case.created_by)

    response = client.get(_page_url(page, case, attachment))

    assert response.status_code == DRAFT_EXPECTED[page]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitor_is_sent_to_login_for_each_page(client, page):
    case, attachment = _submitted_case_with_a_file()
    url = _page_url(page, case, attachment)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={quote(url)}"


@pytest.mark.parametrize("url", [DASHBOARD_URL, FREE_URL])
def test_anonymous_visitor_is_sent_to_login_for_the_dashboard_and_a_new_proposal(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={quote(url)}"


def test_other_organisations_member_gets_404_for_a_file_even_through_their_own_case(client):
    mine = ProposalFactory()
    theirs = ProposalFactory()
    secret = attach(theirs, name="他社の資料.pdf")
    client.force_login(mine.created_by)

    response = client.get(_url("attachment", mine, secret.pk))

    assert response.status_code == 404


# Dashboard -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [DASHBOARD_URL, FREE_URL, reverse("proposals:create_theme", args=[1])]
)
def test_user_without_organisation_is_sent_to_register_it_with_a_message(client, url):
    client.force_login(UserFactory())

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == reverse("accounts:organization_create")
    assert len(_messages(response)) == 1


def test_office_staff_opening_the_dashboard_are_sent_to_the_admin(client, office_user):
    client.force_login(office_user)

    response = client.get(DASHBOARD_URL)

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_proposer_sees_the_organisations_cases_newest_activity_first_with_next_steps(
    signed_in, proposer
):
    organization = proposer.membership.organization
    mine = {"organization": organization, "created_by": proposer}
    incomplete = ProposalFactory(**mine, intent=Proposal.Intent.PROPOSAL, title="未記入の案")
    ready = ProposalFactory(**mine, complete=True, title="提出できる案")
    on_closed_theme = ProposalFactory(**mine, theme=ThemeFactory(closed=True), title="締切後の案")
    received = submit(ProposalFactory(**mine, title="受付済みの案"))
    withdrawn = withdraw(submit(ProposalFactory(**mine, title="取下げ済みの案")))
    colleague_case = ProposalFactory(
        organization=organization, created_by=MemberFactory(organization=organization)
    )
    other = ProposalFactory(title="他社の秘密の案")
    ready.title = "提出できる案（更新）"
    ready.save()  # the newest activity

    response = signed_in.get(DASHBOARD_URL)

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["case"] for row in rows] == [
        ready,
        colleague_case,
        withdrawn,
        received,
        on_closed_theme,
        incomplete,
    ]
    assert {row["case"].pk: row["next"] for row in rows} == {
        ready.pk: "submit",
        colleague_case.pk: "submit",
        withdrawn.pk: "none",
        received.pk: "wait",
        on_closed_theme.pk: "theme_closed",
        incomplete.pk: "complete",
    }
    page = response.content.decode()
    assert other.title not in page
    assert received.reference in page
    assert reverse("proposals:submit", args=[ready.pk]) in page
    assert reverse("proposals:edit", args=[incomplete.pk]) in page
    assert f'href="{reverse("cocreation_list:theme_list")}?state=accepting"' in page
    assert f'href="{FREE_URL}"' in page


@pytest.mark.parametrize("count", [1, 20])
def test_dashboard_needs_the_same_number_of_queries_for_1_or_20_cases(
    client, count, django_assert_num_queries
):
    member = MemberFactory()
    organization = member.membership.organization
    cases = ProposalFactory.create_batch(count, organization=organization, created_by=member)
    submit(cases[0])
    withdraw(submit(ProposalFactory(organization=organization, created_by=member, free=True)))
    ProposalFactory(title="他社の案")
    client.force_login(member)
    client.get(DASHBOARD_URL)  # warm the content-type cache

    # session, user, membership, the user's permissions (own and groups), the cases,
    # the organisation's name
    with django_assert_num_queries(8):
        response = client.get(DASHBOARD_URL)

    assert len(response.context["rows"]) == count + 1


# New proposals -------------------------------------------------------------------------------


def test_proposer_starts_on_an_accepting_theme_with_the_contact_prefilled(signed_in, proposer):
    theme = ThemeFactory()
    url = reverse("proposals:create_theme", args=[theme.number])
    organization = proposer.membership.organization

    page = signed_in.get(url)
    response = signed_in.post(
        url,
        {
            "title": "公共施設予約のオンライン化",
            "outline": "空き状況をオンラインで確認・予約できるようにします。",
            "intent": "consultation",
            "contact_name": "担当 花子",
            "contact_phone": "055-000-0000",
            "contact_email": organization.email,
        },
    )

    assert page.status_code == 200
    assert page.context["form"].initial["contact_email"] == organization.email
    assert page.context["form"].initial["contact_name"] == organization.contact_person
    case = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == _url("edit", case)
    assert (case.kind, case.theme, case.organization, case.created_by) == (
        Proposal.Kind.THEME,
        theme,
        organization,
        proposer,
    )
    assert case.is_draft


@pytest.mark.parametrize(
    "theme_kwargs",
    [
        {"closed": True},
        {"accepts_until": timezone.localdate() - datetime.timedelta(days=1)},
        {"accepts_from": timezone.localdate() + datetime.timedelta(days=3)},
    ],
    ids=["closed", "past_deadline", "not_yet_open"],
)
def test_proposer_is_refused_on_a_theme_not_accepting_and_nothing_is_saved(signed_in, theme_kwargs):
    theme = ThemeFactory(**theme_kwargs)
    url = reverse("proposals:create_theme", args=[theme.number])

    shown = signed_in.get(url)
    posted = signed_in.post(
        url,
        {
            "title": "案",
            "outline": "概要",
            "intent": "consultation",
            "contact_name": "担当",
            "contact_email": "a@b.example.jp",
        },
    )

    for response in (shown, posted):
        assert response.status_code == 200
        assert [t.name for t in response.templates][0] == "proposals/theme_not_accepting.html"
        assert reverse("proposals:create_free") in response.content.decode()
    assert not Proposal.objects.exists()


def test_proposer_gets_404_for_a_draft_or_unknown_theme(signed_in):
    draft_theme = ThemeFactory(draft=True)

    assert (
        signed_in.get(reverse("proposals:create_theme", args=[draft_theme.number])).status_code
        == 404
    )
    assert signed_in.get(reverse("proposals:create_theme", args=[99999])).status_code == 404


def test_theme_that_closes_while_the_form_is_open_refuses_the_draft(signed_in):
    theme = ThemeFactory()
    url = reverse("proposals:create_theme", args=[theme.number])
    signed_in.get(url)
    theme.status = theme.Status.CLOSED
    theme.closed_at = timezone.now()
    theme.save()

    response = signed_in.post(
        url,
        {
            "title": "案",
            "outline": "概要",
            "intent": "consultation",
            "contact_name": "担当",
            "contact_email": "a@b.example.jp",
        },
    )

    assert [t.name for t in response.templates][0] == "proposals/theme_not_accepting.html"
    assert not Proposal.objects.exists()


def test_proposer_starts_a_free_proposal_in_a_field_with_a_department_in_mind(signed_in):
    department = DepartmentFactory(name="子育て支援課", code="kosodate")

    shown = signed_in.get(FREE_URL, {"field": "environment"})
    response = signed_in.post(
        FREE_URL,
        {
            "field": field("environment").pk,
            "preferred_department": department.pk,
            "title": "ごみ収集の見える化",
            "outline": "収集車の位置を公開します。",
            "intent": "proposal",
            "contact_name": "担当 花子",
            "contact_email": "contact@biz.example.jp",
        },
    )

    assert shown.context["form"].initial["field"] == field("environment")
    case = Proposal.objects.get()
    assert response.url == _url("edit", case)
    assert (case.kind, case.field, case.preferred_department, case.intent) == (
        Proposal.Kind.FREE,
        field("environment"),
        department,
        Proposal.Intent.PROPOSAL,
    )


def test_proposer_gets_an_error_by_each_missing_field_and_nothing_is_saved(signed_in):
    response = signed_in.post(FREE_URL, {"title": "  ", "intent": "proposal"})

    assert response.status_code == 200
    assert _errors(response) == {
        "field": ["required"],
        "title": ["required"],
        "outline": ["required"],
        "contact_name": ["required"],
        "contact_email": ["required"],
    }
    page = response.content.decode()
    assert 'id="id_title_error"' in page
    assert re.search(
        r'<input[^>]*name="title"[^>]*aria-describedby="id_title_helptext id_title_error"', page
    )
    assert not Proposal.objects.exists()


def test_proposer_gets_an_error_for_a_20000_character_outline_and_nothing_is_saved(signed_in):
    response = signed_in.post(
        FREE_URL,
        {
            "field": field().pk,
            "title": "長すぎる概要",
            "outline": "あ" * 20000,
            "intent": "consultation",
            "contact_name": "担当",
            "contact_email": "a@b.example.jp",
        },
    )

    assert _errors(response) == {"outline": ["max_length"]}
    assert not Proposal.objects.exists()


# Editing -------------------------------------------------------------------------------------


def test_proposer_sees_every_section_with_its_limit_on_the_edit_page(signed_in, draft):
    response = signed_in.get(_url("edit", draft))

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
        _url("edit", draft),
        _edit_data(
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

    response = signed_in.post(_url("edit", draft), _edit_data(draft, outline=outline))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert len(draft.outline) == 2000 - 1  # the last line break is stripped


def test_proposer_gets_an_error_for_a_wrong_phone_or_too_long_text_and_nothing_changes(
    signed_in, draft
):
    before = draft.content()

    response = signed_in.post(
        _url("edit", draft), _edit_data(draft, contact_phone="12345", body="あ" * 20001)
    )

    assert response.status_code == 200
    assert _errors(response) == {"contact_phone": ["phone"], "body": ["max_length"]}
    draft.refresh_from_db()
    assert draft.content() == before


def test_html_and_script_are_kept_as_text_and_shown_escaped(signed_in, draft):
    signed_in.post(
        _url("edit", draft),
        _edit_data(draft, title="<script>alert('x')</script>", body="<b>太字</b> & 🌸😀"),
    )

    response = signed_in.get(_url("detail", draft))

    page = response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "<script>alert('x')</script>"
    assert draft.body == "<b>太字</b> & 🌸😀"
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;太字&lt;/b&gt; &amp; 🌸😀" in page


def test_save_and_check_goes_to_the_confirmation_page(signed_in, draft):
    response = signed_in.post(_url("edit", draft), _edit_data(draft, to_submit="1"))

    assert response.url == _url("submit", draft)


def test_proposer_revises_a_submitted_case_as_a_new_version_and_the_old_one_is_kept(
    signed_in, draft
):
    case = submit(draft)
    old_schedule = case.schedule

    shown = signed_in.get(_url("edit", case))
    response = signed_in.post(
        _url("edit", case),
        _edit_data(case, schedule="令和9年度から本格運用。", note="工程を見直しました。"),
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
    old_page = signed_in.get(_url("version", case, 1))
    assert old_page.status_code == 200
    assert old_schedule in old_page.content.decode()
    new_page = signed_in.get(_url("version", case, 2))
    assert [str(label) for label in new_page.context["changed"]] == [
        str(Proposal._meta.get_field("schedule").verbose_name)
    ]
    assert signed_in.get(_url("version", case, 3)).status_code == 404


def test_saving_an_unchanged_revision_is_refused_and_no_version_is_added(signed_in, draft):
    case = submit(draft)

    response = signed_in.post(_url("edit", case), _edit_data(case))

    assert _errors(response) == {"__all__": ["unchanged"]}
    assert case.versions.count() == 1


def test_a_revision_cannot_empty_a_section_a_full_proposal_needs(signed_in, draft):
    case = submit(draft)

    response = signed_in.post(_url("edit", case), _edit_data(case, body=""))

    assert _errors(response) == {"body": ["required"]}
    case.refresh_from_db()
    assert case.body and case.versions.count() == 1


def test_withdrawn_case_cannot_be_edited(signed_in, draft):
    case = withdraw(submit(draft))

    response = signed_in.post(_url("edit", case), _edit_data(case, title="変更"))

    assert response.status_code == 302 and response.url == case.get_absolute_url()
    case.refresh_from_db()
    assert case.title != "変更"
    assert len(_messages(response)) == 1


# The proposal page ---------------------------------------------------------------------------


def test_proposer_sees_content_confidential_know_how_files_timeline_and_steps(signed_in, draft):
    attach(draft, name="構想図.png", content=png_bytes())
    case = submit(draft)
    signed_in.post(_url("edit", case), _edit_data(case, schedule="前倒し", note="工程更新"))

    response = signed_in.get(_url("detail", case))

    page = response.content.decode()
    assert response.status_code == 200
    for text in (case.title, case.outline, case.body, case.know_how, case.reference, "構想図.png"):
        assert text in page
    know_how = re.search(
        r'<section class="proposal-section confidential"[^>]*>.*?</section>', page, re.S
    ).group(0)
    assert case.know_how in know_how and 'class="badge confidential"' in know_how
    assert [event["kind"] for event in response.context["timeline"]] == [
        "created",
        "upload",
        "version",
        "transition",
        "version",
    ]
    assert [step["code"] for step in response.context["steps"]] == ["withdraw"]
    assert response.context["may_edit"] and not response.context["may_delete"]
    assert _url("attachment", case, case.attachments.get().pk) in page


def test_office_reads_the_case_and_gets_no_step_or_edit_link(client, office_user, draft):
    case = submit(draft)
    client.force_login(office_user)

    response = client.get(_url("detail", case))

    assert response.status_code == 200
    assert response.context["steps"] == []
    assert not response.context["may_edit"] and response.context["upload_form"] is None
    assert _url("edit", case) not in response.content.decode()


@pytest.mark.parametrize("files", [1, 6])
def test_proposal_page_needs_the_same_number_of_queries_for_1_or_6_files(
    client, files, django_assert_num_queries
):
    case = ProposalFactory(complete=True)
    for number in range(files):
        attach(case, name=f"資料{number}.pdf")
    case = submit(case)
    client.force_login(case.created_by)
    client.get(_url("detail", case))

    # session, user, the case, membership, permissions (2), versions, steps, files, goals
    with django_assert_num_queries(11):
        response = client.get(_url("detail", case))

    assert len(response.context["attachments"]) == files


# Submission ----------------------------------------------------------------------------------


def test_confirmation_page_shows_the_whole_content_and_a_submit_button(signed_in, draft):
    response = signed_in.get(_url("submit", draft))

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

    response = signed_in.get(_url("submit", case))

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
    assert f'href="{_url("edit", case)}#id_effect_citizens"' in page
    assert "<button" not in page.split('class="confirm-form"')[1].split("</form>")[0]


def test_proposer_submits_and_the_receipt_and_the_office_notice_carry_no_content(
    signed_in, draft, proposer, mailoutbox, settings, run_jobs
):
    settings.KYOSO_OFFICE_NOTIFY_EMAILS = ["kyoso@city.example.jp"]
    colleague = MemberFactory(organization=draft.organization, email="colleague@biz.example.jp")

    response = signed_in.post(_url("submit", draft), {"seen_status": "draft"})
    run_jobs()

    draft.refresh_from_db()
    assert response.status_code == 302 and response.url == draft.get_absolute_url()
    assert draft.status == Proposal.Status.RECEIVED
    assert draft.reference and draft.reference in _messages(response)[0]
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
    signed_in.post(_url("submit", draft), {"seen_status": "draft"})
    second = signed_in.post(_url("submit", draft), {"seen_status": "draft"})
    run_jobs()

    draft.refresh_from_db()
    assert second.status_code == 302 and second.url == draft.get_absolute_url()
    assert len(_messages(second)) == 2  # the success of the first, the refusal of the second
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

    response = signed_in.post(_url("submit", draft), {"seen_status": "draft"})

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

    response = signed_in.post(_url("submit", case), {"seen_status": "draft"})

    assert response.status_code == 200
    assert set(response.context["problems"]["codes"]) == {"required"}
    assert "body" in [item["name"] for item in response.context["problems"]["missing"]]
    case.refresh_from_db()
    assert case.is_draft


def test_post_without_csrf_token_is_refused_and_nothing_is_saved(proposer, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(proposer)
    before = draft.content()

    edited = client.post(_url("edit", draft), _edit_data(draft, title="CSRFで変更"))
    submitted = client.post(_url("submit", draft), {"seen_status": "draft"})
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
    uploaded = client.post(_url("upload", draft), {"file": upload("a.pdf", pdf_bytes())})

    assert [r.status_code for r in (edited, submitted, created, uploaded)] == [403] * 4
    draft.refresh_from_db()
    assert draft.content() == before and draft.is_draft
    assert Proposal.objects.count() == 1 and not ProposalAttachment.objects.exists()


# Withdrawal and deletion ---------------------------------------------------------------------


def test_proposer_withdraws_with_a_reason_and_it_is_recorded(
    signed_in, draft, mailoutbox, run_jobs
):
    case = submit(draft)
    send_setup_mail()  # the receipts

    shown = signed_in.get(_url("withdraw", case))
    response = signed_in.post(
        _url("withdraw", case),
        {"reason": "事業方針の変更のため。", "confirm": "on", "seen_status": "received"},
    )
    run_jobs()

    assert shown.status_code == 200
    assert response.url == case.get_absolute_url()
    case.refresh_from_db()
    assert case.status == Proposal.Status.WITHDRAWN
    step = case.transitions.get(step="withdraw")
    assert (step.reason, step.actor) == ("事業方針の変更のため。", case.created_by)
    assert "事業方針の変更のため。" in signed_in.get(_url("detail", case)).content.decode()
    assert len(mailoutbox) == 1 and "事業方針" not in mailoutbox[0].body


def test_withdrawal_without_reason_or_confirmation_is_refused_and_nothing_changes(signed_in, draft):
    case = submit(draft)

    response = signed_in.post(_url("withdraw", case), {"reason": "   ", "seen_status": "received"})

    assert _errors(response) == {"reason": ["required"], "confirm": ["required"]}
    case.refresh_from_db()
    assert case.status == Proposal.Status.RECEIVED and case.transitions.count() == 1


def test_draft_cannot_be_withdrawn_and_the_proposer_is_told(signed_in, draft):
    response = signed_in.post(
        _url("withdraw", draft), {"reason": "理由", "confirm": "on", "seen_status": "draft"}
    )

    assert response.url == draft.get_absolute_url() and len(_messages(response)) == 1
    draft.refresh_from_db()
    assert draft.is_draft


def test_proposer_deletes_a_draft_with_its_files_after_confirmation(
    signed_in, draft, settings, run_jobs
):
    attach(draft)

    shown = signed_in.get(_url("delete", draft))
    response = signed_in.post(_url("delete", draft))
    run_jobs()

    assert shown.status_code == 200 and "提案概要.pdf" in shown.content.decode()
    assert response.url == DASHBOARD_URL
    assert not Proposal.objects.exists() and not ProposalAttachment.objects.exists()
    assert _files_on_disk(settings) == []


def test_submitted_case_cannot_be_deleted(signed_in, draft):
    case = submit(draft)

    response = signed_in.post(_url("delete", case))

    assert response.url == case.get_absolute_url()
    assert Proposal.objects.filter(pk=case.pk).exists()


# Files ---------------------------------------------------------------------------------------


def test_proposer_uploads_a_file_and_downloads_it_with_its_japanese_name(signed_in, draft):
    content = pdf_bytes("kyoso")

    response = signed_in.post(_url("upload", draft), {"file": upload("提案書 第1版.pdf", content)})
    stored = draft.attachments.get()
    download = signed_in.get(_url("attachment", draft, stored.pk))

    assert response.url == _url("detail", draft) + "#attachments"
    assert (stored.original_name, stored.content_type, stored.size) == (
        "提案書 第1版.pdf",
        "application/pdf",
        len(content),
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("提案書 第1版.pdf")
    )
    assert "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content) == content


def test_office_downloads_a_file_of_a_case(client, office_user, draft):
    stored = attach(draft, name="見積書.pdf")
    client.force_login(office_user)

    response = client.get(_url("attachment", draft, stored.pk))

    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("見積書.pdf")
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_refused_upload_shows_the_error_beside_the_field_and_keeps_nothing(
    signed_in, draft, settings
):
    response = signed_in.post(_url("upload", draft), {"file": upload("画像.pdf", png_bytes())})

    assert response.status_code == 200
    assert _errors(response, "upload_form") == {"file": ["file_content_mismatch"]}
    page = response.content.decode()
    file_input = re.search(r'<input[^>]*name="file"[^>]*>', page).group(0)
    assert 'aria-describedby="id_file_helptext id_file_error"' in file_input
    assert 'aria-invalid="true"' in file_input
    assert '<ul class="errorlist" id="id_file_error">' in page
    assert not ProposalAttachment.objects.exists()
    assert _files_on_disk(settings) == []


def test_proposer_removes_a_file_of_a_draft_after_confirmation(
    signed_in, draft, settings, run_jobs
):
    stored = attach(draft)

    shown = signed_in.get(_url("attachment_delete", draft, stored.pk))
    response = signed_in.post(_url("attachment_delete", draft, stored.pk))
    run_jobs()

    assert shown.status_code == 200
    assert response.url == _url("detail", draft) + "#attachments"
    assert not ProposalAttachment.objects.exists()
    assert _files_on_disk(settings) == []


def test_files_of_a_submitted_case_stay_on_record(signed_in, draft, settings):
    stored = attach(draft)
    case = submit(draft)

    response = signed_in.post(_url("attachment_delete", case, stored.pk))

    assert response.url == case.get_absolute_url()
    assert ProposalAttachment.objects.filter(pk=stored.pk).exists()
    assert len(_files_on_disk(settings)) == 1


# Entry points on the public pages ------------------------------------------------------------


def test_theme_page_links_to_a_new_proposal_on_the_theme(client):
    theme = ThemeFactory()

    page = client.get(theme.get_absolute_url()).content.decode()

    assert f'href="{reverse("proposals:create_theme", args=[theme.number])}"' in page


def test_free_proposal_page_links_to_a_new_free_proposal(client):
    page = client.get(reverse("free_proposal")).content.decode()

    assert f'href="{FREE_URL}"' in page
