"""The office's read log of a case: /staff/cases/<pk>/read-log/ and its CSV export.

Office only: for anyone else, signed in or not, the pages do not exist (404), as the staff pages
answer. Reading the log is not itself logged: it shows who read, not what the case says.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.decorators import office_required
from mishima_kyoso.common.spreadsheets import csv_response, safe_filename_part

from ..access import staff_case
from ..audit import case_read_log, read_log_header, read_log_rows

ENTRIES_PER_PAGE = 100


@office_required
@require_GET
def read_log(request, pk):
    """Who of the city's side read this case's confidential content, newest first."""
    case = staff_case(request.user, pk)
    page = Paginator(case_read_log(case), ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "proposals/staff/read_log.html",
        {"proposal": case, "page_obj": page, "entries": list(page.object_list)},
    )


@office_required
@require_GET
def read_log_csv(request, pk):
    """The whole log as CSV for Excel (BOM, CR LF), named after the case's reference."""
    case = staff_case(request.user, pk)
    today = timezone.localdate().strftime("%Y%m%d")
    reference = safe_filename_part(case.reference or str(case.pk))
    response = csv_response(
        read_log_header(),
        read_log_rows(case_read_log(case).iterator()),
        filename=f"read-log-{reference}-{today}.csv",
        local_filename=f"{_('Read log')}_{reference}_{today}.csv",
    )
    response["Cache-Control"] = "no-store"
    return response
