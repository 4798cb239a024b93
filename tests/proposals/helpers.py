"""Helpers of the proposals page tests: a case's URLs, what an answer says (its messages, its
form's error codes), what a form posts back, the files left on disk; the people around a case
in progress and what a step changed; the admin's triage list and its actions.

The fixtures (a proposer and their draft, a case in planning) are in conftest.py beside this.
"""

from django.contrib.messages import get_messages
from django.urls import reverse

from proposals.models import Proposal
from tests.factories.accounts import (
    DepartmentFactory,
    DepartmentUserFactory,
    MemberFactory,
    OfficeUserFactory,
)
from tests.jobs import send_setup_mail
from tests.scenarios import case_at, submitted_case

S = Proposal.Status

LOGIN_URL = reverse("account_login")
DASHBOARD_URL = reverse("proposals:dashboard")
FREE_URL = reverse("proposals:create_free")


def case_url(name, case, *args):
    """A page of a case: proposals:<name> with the case and any further arguments."""
    return reverse(f"proposals:{name}", args=[case.pk, *args])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_errors(response, form="form"):
    """{field: [codes]} of the form the page was rendered with."""
    return {
        name: [error.code for error in errors]
        for name, errors in response.context[form].errors.as_data().items()
    }


def edit_data(case, **changes):
    """What the edit page posts back unchanged, with some changes."""
    data = {
        name: ("on" if value else "") if isinstance(value, bool) else (value or "")
        for name, value in case.content().items()
    }
    if not data["consent_to_publish"]:
        del data["consent_to_publish"]
    data.update(changes)
    return data


# The city's staff pages: who is around a case, what a step changed ---------------------------

ROLES = (
    "office",
    "assigned_department",
    "unassigned_department",
    "proposer_member",
    "other_member",
    "anonymous",
)


def people(case, department):
    """One user of each of ROLES (None: anonymous), `department` being the one in charge."""
    return {
        "office": OfficeUserFactory(),
        "assigned_department": DepartmentUserFactory(department=department),
        "unassigned_department": DepartmentUserFactory(department=DepartmentFactory(code="toshi")),
        "proposer_member": MemberFactory(organization=case.organization),
        "other_member": MemberFactory(),
        "anonymous": None,
    }


def sign_in(client, user):
    if user is not None:
        client.force_login(user)


def login_redirect(response):
    return response.status_code == 302 and response.url.startswith(LOGIN_URL)


def snapshot(case):
    case.refresh_from_db()
    return {
        "status": case.status,
        "updated_at": case.updated_at,
        "steps": list(case.transitions.values_list("step", flat=True)),
    }


# Triage in the admin: the office's list and its actions --------------------------------------

LIST = "admin:proposals_proposal_changelist"


def received(**kwargs):
    """A case at `received`, its setup mail (receipt, assignment) sent: the tests read theirs."""
    return _settled(submitted_case(**kwargs))


def consulting(office_user, **kwargs):
    return _settled(case_at(S.CONSULTING, office=office_user, **kwargs))


def planning(office_user, **kwargs):
    return _settled(case_at(S.PLANNING, office=office_user, **kwargs))


def _settled(case):
    send_setup_mail()
    return case


def row_of(html, reference):
    """The list's row of a case, found by its reference number."""
    return next(row for row in html.split("<tr>") if f">{reference}</a>" in row)


def listed(response):
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def refusal_codes(response):
    """The codes of the messages of this answer: "" for a success, the refusals' codes else."""
    return [message.extra_tags for message in get_messages(response.wsgi_request)]


def act(client, action, cases, **data):
    """Choose an action for cases on the list (what the list's form posts)."""
    return client.post(
        reverse(LIST),
        {"action": action, "_selected_action": [case.pk for case in cases], "index": 0, **data},
    )


def apply(client, action, cases, **data):
    """Confirm an intermediate page (what its form posts), the status each case showed."""
    seen = {f"seen_status_{case.pk}": case.status for case in cases}
    client.cookies.pop("messages", None)  # only this answer's messages
    return client.post(
        reverse(LIST),
        {
            "action": action,
            "_selected_action": [case.pk for case in cases],
            "apply": "yes",
            **seen,
            **data,
        },
    )
