"""The office triages a new case without the admin (issue 13 §2, §10): signs in, opens the case
from the work list, puts a department in charge, starts the dialogue and reads the history,
all on the staff case page; not one request goes to /admin/. axe-core checks the case page and
the admin's case list and case page (themed like the portal) at 1280 and 390 px.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from mishima_kyoso.common.ids import encode_id
from proposals.models import DepartmentAssignment, Proposal, ProposalTransition
from tests.factories.accounts import PASSWORD, DepartmentFactory, VerifiedOfficeUserFactory
from tests.factories.proposals import ProposalFactory
from tests.jobs import send_setup_mail
from tests.scenarios import submit

from .conftest import new_context
from .test_accessibility import assert_page_has_no_axe_violation, sign_in_by_cookie
from .test_proposal_journey import submit_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

S, A = Proposal.Status, ProposalTransition.Steps
TITLE = "公園の利用予約をオンラインにする提案"
WIDTHS = (1280, 390)


def _words():
    with translation.override("ja"):
        return {
            "start_dialogue": str(A.START_DIALOGUE.label),
            "consulting": str(S.CONSULTING.label),
        }


def test_office_triages_a_new_case_on_the_case_page_without_ever_opening_the_admin(
    browser, live_server
):
    office = VerifiedOfficeUserFactory()
    department = DepartmentFactory(name="みどり公園課", code="midori")
    DepartmentFactory(name="市民課", code="shimin")
    case = submit(ProposalFactory(complete=True, title=TITLE))
    send_setup_mail()
    words = _words()
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    # Signs in and lands on the work list.
    page.goto(f"{live_server.url}/accounts/login/?next=/staff/cases/")
    form = page.locator("main form")
    form.locator("#id_login").fill(office.email)
    form.locator("#id_password").fill(PASSWORD)
    submit_form(page, form)
    expect(page).to_have_url(re.compile(r"/staff/cases/$"))

    # Opens the new case from the list.
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    case_path = f"/staff/cases/{encode_id(case.pk)}/"
    expect(page).to_have_url(re.compile(rf"{case_path}$"))

    # Puts a department in charge, right there.
    assign = page.locator("form.assign-form")
    assign.locator("#id_department").select_option(str(department.pk))
    submit_form(page, assign)
    expect(page).to_have_url(re.compile(rf"{case_path}#in-charge$"))
    expect(page.locator("main [role=status]")).to_contain_text(department.name)
    expect(page.locator("ul.department-list")).to_contain_text(department.name)
    assert DepartmentAssignment.objects.filter(proposal=case, department=department).exists()

    # Starts the dialogue from the case page's steps.
    steps = page.locator("section.case-steps")
    with page.expect_navigation():
        steps.get_by_role("link", name=words["start_dialogue"], exact=True).click()
    submit_form(page, page.locator("main form.proposal-form"))
    expect(page).to_have_url(re.compile(rf"{case_path}$"))
    expect(page.locator("main .case-meta .status").first).to_have_text(words["consulting"])

    # Reads the history: the assignment and the step, with who did them.
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text(department.name)
    expect(timeline).to_contain_text(words["start_dialogue"])
    case.refresh_from_db()
    assert case.status == S.CONSULTING

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_has_no_axe_violation(page)

    admin = [url for url in requested if "/admin/" in url]
    assert admin == [], admin
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_admin_case_list_and_case_page_in_the_portals_look_have_no_axe_violation(
    axe_page, live_server, width
):
    office = VerifiedOfficeUserFactory()
    case = submit(ProposalFactory(complete=True, title=TITLE))
    axe_page.set_viewport_size({"width": width, "height": 900})
    sign_in_by_cookie(axe_page, live_server, office)

    axe_page.goto(f"{live_server.url}/admin/proposals/proposal/")
    expect(axe_page.locator("#site-name")).to_be_visible()
    expect(axe_page.locator("#header .language-switch a[lang=en]")).to_be_visible()
    expect(axe_page.locator("#result_list")).to_contain_text(TITLE)
    if width == 1280:
        # The title column is wide: the title does not wrap into a narrow strip.
        title_cell = axe_page.locator("#result_list td.field-title_and_kind").first
        assert title_cell.bounding_box()["width"] > 200
        assert axe_page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert_page_has_no_axe_violation(axe_page)

    axe_page.goto(f"{live_server.url}/admin/proposals/proposal/{case.pk}/change/")
    expect(axe_page.locator("#content h1")).to_be_visible()
    assert_page_has_no_axe_violation(axe_page)
