"""The city's work list (/staff/cases/): search, filter, sort, and the same list as a CSV file
and as a page to print.

Every list starts from selectors.staff_work_list(user): the office's every submitted case, a
department's assigned ones. The filter only narrows that, so a department's staff search,
export and print only what they may see. For anyone else the pages do not exist (404, as the
other staff pages answer).
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.decorators import staff_required
from mishima_kyoso.common.pagination import ListPaginator

from ..exports import cases_csv
from ..forms.worklist import ExportForm, WorkListFilter
from ..permissions import is_office
from ..selectors import department_names, listed, staff_work_list
from ..states import stage_label

CASES_PER_PAGE = 50


def _filtered(request) -> WorkListFilter:
    user = request.user
    return WorkListFilter(request.GET, queryset=staff_work_list(user), office=is_office(user))


def _carried(request) -> list[tuple[str, str]]:
    """The list's conditions in the URL, for the export form's hidden fields."""
    return [
        (name, value)
        for name, values in request.GET.lists()
        if name not in ("page", "columns")
        for value in values
    ]


def _list_page(request, cases, export_form, *, page_number=None, status=200):
    paginator = ListPaginator(_listed(cases), CASES_PER_PAGE)
    page = paginator.get_page(page_number)
    return render(
        request,
        "proposals/staff/work_list.html",
        {
            "filter": cases,
            "rows": _rows(page),
            "page_obj": page,
            "result_count": paginator.count,
            "export_form": export_form,
            "carried": _carried(request),
            "department": None if is_office(request.user) else request.user.department,
        },
        status=status,
    )


def _listed(cases: WorkListFilter):
    """The filtered cases as the list shows them: no long texts, the departments' names
    read in _rows (not the departments themselves)."""
    return listed(cases.qs).prefetch_related(None)


def _rows(cases) -> list[dict]:
    cases = list(cases)
    names = department_names(cases)
    return [
        {"case": case, "stage": stage_label(case.status), "departments": names[case.pk]}
        for case in cases
    ]


@staff_required
@require_GET
def work_list(request):
    """The cases in charge, nearest deadline first, filtered and sorted in the URL."""
    return _list_page(
        request, _filtered(request), ExportForm(), page_number=request.GET.get("page")
    )


@staff_required
@require_GET
def work_list_export(request):
    """The filtered list as a CSV file with the ticked columns; without a column ticked, the
    list page again, saying so."""
    cases = _filtered(request)
    export = ExportForm(request.GET)
    if export.is_valid() and not cases.form.errors:
        return cases_csv(cases.qs, export.cleaned_data["columns"])
    return _list_page(request, cases, export, status=400)


@staff_required
@require_GET
def work_list_print(request):
    """The whole filtered list (no pages) on a plain page to print."""
    cases = _filtered(request)
    rows = _rows(_listed(cases))
    return render(
        request,
        "proposals/staff/work_list_print.html",
        {
            "filter": cases,
            "conditions": cases.conditions(),
            "rows": rows,
            "result_count": len(rows),
            "printed_at": timezone.localtime(),
            "department": None if is_office(request.user) else request.user.department,
        },
    )
