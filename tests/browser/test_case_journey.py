"""The city's journey with a case (issue 5 §9): the office assigns a department in the admin and
starts the dialogue; the department writes to the proposer, who replies; a meeting record is
shared; the office moves the case to planning, is refused an adoption without its public reason,
then adopts it with the PPP method and an open call.

Every signed-in person has a context of their own (office, department, proposer), signed in
through the login page. The contexts bypass the site's CSP so that axe-core can be injected
(test_csp.py checks the policy itself); axe checks the staff pages, the dialogue of both sides
and the meeting records on the way.
"""

import re

import factory
import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone, translation
from playwright.sync_api import expect

from dialogue.models import MeetingRecord, Message
from mishima_kyoso.common.ids import encode_id
from municipality.selectors import office_inboxes
from proposals.models import Opportunity, PPPMethod, Proposal, ProposalTransition
from tests.factories.accounts import (
    PASSWORD,
    DepartmentFactory,
    DepartmentUserFactory,
    VerifiedMemberFactory,
    VerifiedOfficeUserFactory,
    _verified_email,
)
from tests.factories.proposals import ProposalFactory
from tests.jobs import run_queued_jobs, send_setup_mail
from tests.scenarios import submit

from .conftest import OPAQUE, new_context
from .test_proposal_journey import assert_no_axe_violation, submit_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

S, A = Proposal.Status, ProposalTransition.Steps

TITLE = "市民プールの混雑状況を配信するサービス"
KNOW_HOW = "来場者数を予測する当社独自の学習手順（非公開）"
CITY_MESSAGE = "担当の環境政策課です。来週、試行の範囲について打合せをお願いできますか。"
INTERNAL_NOTE = "【内部メモ】予算要求の時期と合わせて検討する。提案者には伝えない。"
REPLY = "ご連絡ありがとうございます。火曜日の午後であれば伺えます。"
MEETING_SUMMARY = "試行の対象施設と期間について意見交換し、市民プール1か所で始めることにした。"
PLANNING_REASON = "担当課と協議し、試行の計画を立てる段階に進める。"
ADOPT_REASON = "令和8年度の予算措置の見込みがある。"
PUBLIC_REASON = "市民の利便性の向上と施設の運営の効率化が見込まれるため採択する。"
# Texts that must never leave the portal in an e-mail.
NEVER_MAILED = (
    KNOW_HOW,
    CITY_MESSAGE,
    INTERNAL_NOTE,
    REPLY,
    MEETING_SUMMARY,
    PLANNING_REASON,
    ADOPT_REASON,
)


class VerifiedDepartmentUserFactory(DepartmentUserFactory):
    verified_email = factory.PostGeneration(_verified_email)


def sign_in(browser, live_server, user, next_path):
    """A new context for `user`, signed in through the login page, on `next_path`."""
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    form = page.locator("main form")
    form.locator("#id_login").fill(user.email)
    form.locator("#id_password").fill(PASSWORD)
    submit_form(page, form)
    expect(page).to_have_url(re.compile(rf"{re.escape(next_path)}$"))
    return context, page


def follow(page, link):
    with page.expect_navigation():
        link.click()


def told(page, text):
    """The page's message after a change (base.html: a role=status region)."""
    expect(page.locator("main [role=status]")).to_contain_text(text)


# The office ---------------------------------------------------------------------------------


def assign_in_admin(page, case, department):
    """The admin's case list → select the case → "assign departments" → choose → apply."""
    page.goto(page.url.split("/admin/")[0] + "/admin/proposals/proposal/")
    row = page.locator("#result_list tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    row.locator(f"input[name=_selected_action][value='{case.pk}']").check()
    page.locator("select[name=action]").select_option("assign_departments")
    follow(page, page.locator("button[name=index]"))

    expect(page.locator("#selected-cases tbody")).to_contain_text(case.reference)
    page.locator(f"input[name=departments][value='{department.pk}']").check()
    follow(page, page.locator(".submit-row input[type=submit]"))
    expect(page).to_have_url(re.compile(r"/admin/proposals/proposal/$"))
    expect(page.locator(".messagelist")).to_contain_text(case.reference)
    expect(page.locator("#result_list tbody tr", has_text=TITLE)).to_contain_text(department.name)


def open_step(page, label):
    """The staff case page's link to a step → its form."""
    steps = page.locator("section.case-steps")
    follow(page, steps.get_by_role("link", name=label, exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text(label)
    return page.locator("main form.proposal-form")


def take_step(page, case, label, status_label, **fields):
    form = open_step(page, label)
    for name, value in fields.items():
        form.locator(f"#id_{name}").fill(value)
    submit_form(page, form)
    expect(page).to_have_url(re.compile(rf"/staff/cases/{encode_id(case.pk)}/$"))
    told(page, label)
    expect(page.locator("main .case-meta .status").first).to_have_text(status_label)


def refused_then_adopted(page, case, words):
    """採択 without its public reason: refused beside the field, nothing changed; then adopted."""
    form = open_step(page, words["adopt"])
    form.locator("#id_reason").fill(ADOPT_REASON)
    form.locator(f"input[name=ppp_method][value={PPPMethod.PARTNERSHIP_AGREEMENT}]").check()
    form.locator(f"input[name=opportunity][value={Opportunity.OPEN_CALL}]").check()
    submit_form(page, form)
    expect(page).to_have_url(re.compile(rf"/staff/cases/{encode_id(case.pk)}/steps/adopt/$"))
    field = page.locator("main form .field", has=page.locator("#id_public_reason"))
    expect(field.locator(".errorlist")).to_have_text(words["public_reason_required"])
    expect(page.locator("#id_public_reason")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".error-summary")).to_be_visible()
    # What was chosen is kept; the case has not moved.
    expect(form.locator("#id_reason")).to_have_value(ADOPT_REASON)
    case.refresh_from_db()
    assert case.status == S.PLANNING
    assert not case.transitions.filter(step=A.ADOPT).exists()
    assert_no_axe_violation(page)  # the step form with an error

    form = page.locator("main form.proposal-form")
    form.locator("#id_public_reason").fill(PUBLIC_REASON)
    submit_form(page, form)
    expect(page).to_have_url(re.compile(rf"/staff/cases/{encode_id(case.pk)}/$"))
    told(page, words["adopt"])
    expect(page.locator("main .case-meta .status").first).to_have_text(words["adopted"])
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text(PUBLIC_REASON)
    expect(timeline).to_contain_text(words["partnership_agreement"])
    expect(timeline).to_contain_text(words["open_call"])


def labels():
    """The page's words, in Japanese (the contexts' locale)."""
    with translation.override("ja"):
        return {
            "start_dialogue": str(A.START_DIALOGUE.label),
            "to_planning": str(A.TO_PLANNING.label),
            "adopt": str(A.ADOPT.label),
            "consulting": str(S.CONSULTING.label),
            "planning": str(S.PLANNING.label),
            "adopted": str(S.ADOPTED.label),
            "partnership_agreement": str(PPPMethod.PARTNERSHIP_AGREEMENT.label),
            "open_call": str(Opportunity.OPEN_CALL.label),
            "public_reason_required": translation.gettext("Enter the reason to be published."),
            "message_sent": translation.gettext("Your message has been sent."),
            "note_saved": translation.gettext("Your internal note has been saved."),
            "meeting_saved": translation.gettext("The meeting record has been saved."),
        }


# The dialogue --------------------------------------------------------------------------------


def write(page, body, confirmation, visibility=None):
    """The thread's form: a message (or, for the city, a note), then back on the thread."""
    form = page.locator("main form.message-form")
    if visibility is not None:
        form.locator(f"input[name=visibility][value={visibility}]").check()
    form.locator("#id_body").fill(body)
    submit_form(page, form)
    expect(page).to_have_url(re.compile(r"/dialogue/#message-\d+$"))
    told(page, confirmation)
    expect(page.locator("ol.thread")).to_contain_text(body)


def record_shared_meeting(page, case, words):
    form = page.locator("main form.meeting-form")
    form.locator(f"input[name=kind][value={MeetingRecord.Kind.DIALOGUE}]").check()
    form.locator("#id_held_on").fill(timezone.localdate().isoformat())
    form.locator(f"input[name=form][value={MeetingRecord.Form.ONLINE}]").check()
    form.locator("#id_city_attendees").fill("環境政策課 三島 次郎")
    form.locator("#id_business_attendees").fill("三島 花子")
    form.locator("#id_summary").fill(MEETING_SUMMARY)
    form.locator("#id_next_steps").fill("事業者が試行計画の案を作る。")
    form.locator("#id_is_shared_with_proposer").check()
    submit_form(page, form)
    # The browser keeps the form's #record across the redirect.
    expect(page).to_have_url(
        re.compile(rf"/proposals/{encode_id(case.pk)}/meetings/{OPAQUE}/(#record)?$")
    )
    told(page, words["meeting_saved"])
    expect(page.locator("main")).to_contain_text(MEETING_SUMMARY)


# The journey ---------------------------------------------------------------------------------


def test_office_department_and_proposer_take_a_case_from_receipt_to_adoption(browser, live_server):
    cache.clear()  # allauth's rate limits live in the cache
    member = VerifiedMemberFactory(email="hanako@pool.example.jp", full_name="三島 花子")
    case = submit(
        ProposalFactory(
            complete=True,
            organization=member.membership.organization,
            created_by=member,
            title=TITLE,
            know_how=KNOW_HOW,
        )
    )
    office = VerifiedOfficeUserFactory(email="office@city.mishima.example.jp")
    department = DepartmentFactory(name="環境政策課", code="kankyo")
    staff = VerifiedDepartmentUserFactory(
        email="kankyo@city.mishima.example.jp", department=department
    )
    send_setup_mail()  # the receipt of the submission is issue 4's
    words = labels()
    contexts = []
    try:
        # 1. The office assigns the department in the admin and starts the dialogue.
        context, office_page = sign_in(browser, live_server, office, "/admin/")
        contexts.append(context)
        assign_in_admin(office_page, case, department)
        office_page.goto(f"{live_server.url}/staff/cases/{encode_id(case.pk)}/")
        expect(office_page.locator("#in-charge")).to_contain_text(department.name)
        assert_no_axe_violation(office_page)  # the case page
        take_step(office_page, case, words["start_dialogue"], words["consulting"])

        # 2. The department finds the case in its list and writes to the proposer.
        context, staff_page = sign_in(browser, live_server, staff, "/staff/cases/")
        contexts.append(context)
        row = staff_page.locator("table.staff-cases tbody tr", has_text=TITLE)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(case.reference)
        assert_no_axe_violation(staff_page)  # the work list
        follow(staff_page, row.locator(f"a[href='/staff/cases/{encode_id(case.pk)}/']"))
        follow(
            staff_page,
            staff_page.locator(f"nav.case-nav a[href='/proposals/{encode_id(case.pk)}/dialogue/']"),
        )
        write(staff_page, CITY_MESSAGE, words["message_sent"], visibility="message")
        write(staff_page, INTERNAL_NOTE, words["note_saved"], visibility="internal")
        assert_no_axe_violation(staff_page)  # the staff's thread, with a note

        # 3. The proposer reads the city's message from their case and replies.
        context, proposer_page = sign_in(browser, live_server, member, "/my/")
        contexts.append(context)
        follow(proposer_page, proposer_page.locator("table.case-table a", has_text=TITLE))
        expect(proposer_page).to_have_url(re.compile(rf"/proposals/{encode_id(case.pk)}/$"))
        dialogue = proposer_page.locator(
            f"main a[href='/proposals/{encode_id(case.pk)}/dialogue/']"
        )
        expect(dialogue.first, "the proposer's case page links to its dialogue").to_be_visible()
        follow(proposer_page, dialogue.first)
        expect(proposer_page.locator("ol.thread")).to_contain_text(CITY_MESSAGE)
        expect(proposer_page.locator("main")).not_to_contain_text(INTERNAL_NOTE)
        write(proposer_page, REPLY, words["message_sent"])
        expect(proposer_page.locator("main")).not_to_contain_text(INTERNAL_NOTE)
        assert_no_axe_violation(proposer_page)  # the proposer's thread

        # 4. The department records a meeting shared with the proposer, who finds it.
        meetings = f"nav.case-nav a[href='/proposals/{encode_id(case.pk)}/meetings/']"
        follow(staff_page, staff_page.locator(meetings))
        record_shared_meeting(staff_page, case, words)
        follow(staff_page, staff_page.locator(meetings))
        expect(staff_page.locator("table.meeting-table tbody tr")).to_have_count(1)
        assert_no_axe_violation(staff_page)  # the staff's meeting records
        follow(proposer_page, proposer_page.locator(meetings))
        meeting_row = proposer_page.locator("table.meeting-table tbody tr")
        expect(meeting_row).to_have_count(1)
        assert_no_axe_violation(proposer_page)  # the proposer's meeting records
        follow(proposer_page, meeting_row.locator("a"))
        expect(proposer_page.locator("main")).to_contain_text(MEETING_SUMMARY)

        # 5. The office moves the case to planning, then adopts it (refused once).
        office_page.goto(f"{live_server.url}/staff/cases/{encode_id(case.pk)}/")
        take_step(
            office_page, case, words["to_planning"], words["planning"], reason=PLANNING_REASON
        )
        refused_then_adopted(office_page, case, words)
    finally:
        for context in contexts:
            context.close()

    # 6. On record: the status, the steps with their actors, the mails.
    case.refresh_from_db()
    assert case.status == S.ADOPTED
    steps = list(case.transitions.order_by("created_at", "pk"))
    assert [(record.step, record.actor) for record in steps] == [
        (A.SUBMIT, member),
        (A.START_DIALOGUE, office),
        (A.TO_PLANNING, office),
        (A.ADOPT, office),
    ]
    adoption = steps[-1]
    assert (adoption.source, adoption.target) == (S.PLANNING, S.ADOPTED)
    assert (adoption.reason, adoption.public_reason) == (ADOPT_REASON, PUBLIC_REASON)
    assert adoption.details == {
        "ppp_method": PPPMethod.PARTNERSHIP_AGREEMENT,
        "opportunity": Opportunity.OPEN_CALL,
    }
    assert steps[2].reason == PLANNING_REASON
    assert list(
        Message.objects.filter(proposal=case).order_by("pk").values_list("body", "is_internal")
    ) == [(CITY_MESSAGE, False), (INTERNAL_NOTE, True), (REPLY, False)]
    assert MeetingRecord.objects.get(proposal=case).is_shared_with_proposer

    office_inbox = set(office_inboxes())
    proposer = {member.email, case.contact_email}
    thread = rf"/proposals/{encode_id(case.pk)}/dialogue/#message-\d+$"
    expected = [
        # (what, to whom, the link in the body)
        ("assignment", {staff.email}, rf"/staff/cases/{encode_id(case.pk)}/$"),
        ("status: consulting", proposer, rf"/proposals/{encode_id(case.pk)}/$"),
        ("the city's message", proposer, thread),
        ("the internal note, to the city", office_inbox, thread),
        ("the proposer's reply", office_inbox | {staff.email}, thread),
        ("meeting shared", proposer, rf"/proposals/{encode_id(case.pk)}/meetings/{OPAQUE}/$"),
        ("status: planning", proposer, rf"/proposals/{encode_id(case.pk)}/$"),
        ("status: adopted", proposer, rf"/proposals/{encode_id(case.pk)}/$"),
    ]
    run_queued_jobs()  # what the job engine sends
    sent = [(message.subject, message.body, set(message.to)) for message in mail.outbox]
    summary = [(subject, sorted(to)) for subject, _body, to in sent]
    assert len(sent) == len(expected), summary
    for (what, recipients, link), (subject, body, to) in zip(expected, sent, strict=True):
        assert to == recipients, (what, summary)
        assert re.search(link, body, re.MULTILINE), (what, body)
        assert case.reference in subject, (what, subject)
        # A link and the case's number; never what was written, noted or decided.
        for text in NEVER_MAILED:
            assert text not in subject and text not in body, (what, text)
        if what.startswith("status: "):
            assert words[what.removeprefix("status: ")] in body, (what, body)
