"""The staff home (/staff/): where the office and department staff land after signing in.

Their queue, counted: new cases, overdue ones, those waiting for the city and for the business,
and the cases by department (the office: every department; department staff: their own); each
count links into the work list filtered the same way (queues.py holds both sides of that
promise). Then the cases whose response is due soonest. A fixed number of queries, whatever
the number of cases.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.decorators import staff_required

from ..permissions import is_office
from ..queues import department_queue, staff_queue, urgent_cases
from ..selectors import staff_work_list
from ..states import stage_label

QUEUE_LINKS = (
    # (queue key, label, what it means, the work list's conditions)
    (
        "new",
        _("New"),
        _("Received and not yet taken up."),
        {"status": "received", "sort": "received_oldest"},
    ),
    (
        "overdue",
        _("Overdue"),
        _("A response deadline of the city has passed."),
        {"overdue": "on"},
    ),
    (
        "city",
        _("Waiting for the city"),
        _("The city owes a first response or a reply."),
        {"turn": "city"},
    ),
    (
        "business",
        _("Waiting for the business"),
        _("The city wrote last; the next word is the proposer's."),
        {"turn": "business"},
    ),
)


def _list_url(**conditions) -> str:
    return reverse("proposals:staff_cases") + ("?" + urlencode(conditions) if conditions else "")


@staff_required
@require_GET
def staff_home(request):
    user = request.user
    office = is_office(user)
    counts = staff_queue(user)
    queues = [
        {"key": key, "label": label, "help": help_text, "count": counts[key], "url": _list_url(**q)}
        for key, label, help_text, q in QUEUE_LINKS
    ]
    departments = [
        {
            "department": department,
            "count": department.open_cases,
            "url": _list_url(department=department.code, open="on")
            if office
            else _list_url(open="on"),
        }
        for department in department_queue(user)
    ]
    urgent = [
        {"case": case, "stage": stage_label(case.status)}
        for case in urgent_cases(staff_work_list(user))
    ]
    return render(
        request,
        "proposals/staff/home.html",
        {
            "queues": queues,
            "departments": departments,
            "open_count": counts["open"],
            "open_url": _list_url(open="on"),
            "unassigned": (
                {"count": counts["unassigned"], "url": _list_url(department="none", open="on")}
                if office
                else None
            ),
            "urgent": urgent,
            "all_url": _list_url(),
            "department": None if office else user.department,
            "is_office": office,
        },
    )
