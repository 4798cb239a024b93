"""The case list as a CSV file (案件一覧の書き出し): its columns, its rows and its file name.

The staff work list's export and the admin's export action both write through here, from a
queryset their own selector gave them (a department's staff export only their cases). Cells
are made safe for spreadsheets in mishima_kyoso.common.spreadsheets.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mishima_kyoso.common.spreadsheets import csv_response

from .states import stage_label


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):  # a datetime: the day it was in Tokyo
        value = timezone.localdate(value)
    return value.isoformat()


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable


COLUMNS: dict[str, Column] = {
    "reference": Column(_("Reference number"), lambda case: case.reference or ""),
    "title": Column(_("Title"), lambda case: case.title),
    "organization": Column(_("Organisation"), lambda case: case.organization.name),
    "kind": Column(_("Type"), lambda case: case.get_kind_display()),
    "stage": Column(_("Stage"), lambda case: stage_label(case.status)),
    "status": Column(_("Status"), lambda case: case.get_status_display()),
    "departments": Column(
        _("Departments in charge"),
        lambda case: "、".join(department.name for department in case.departments.all()),
    ),
    "received": Column(_("Received on"), lambda case: _date(case.submitted_at)),
    "deadline": Column(_("Next deadline"), lambda case: _date(case.next_due_on)),
    "overdue": Column(
        _("Overdue"),
        lambda case: (
            gettext("Yes") if case.next_due_on and case.next_due_on < timezone.localdate() else ""
        ),
    ),
}
DEFAULT_COLUMNS = ("reference", "title", "organization", "status", "departments", "deadline")


def case_rows(cases: Iterable, columns: Iterable[str]) -> Iterable[list]:
    """The cells of each case, in the order of the columns (unknown keys are skipped)."""
    keys = [key for key in columns if key in COLUMNS]
    for case in cases:
        yield [COLUMNS[key].value(case) for key in keys]


def cases_csv(cases: Iterable, columns: Iterable[str], *, name: str = ""):
    """The download: UTF-8 with BOM, formula cells neutralised, a Japanese file name."""
    keys = [key for key in columns if key in COLUMNS]
    today = formats.date_format(timezone.localdate(), "Ymd")
    local = name or gettext("case list")
    return csv_response(
        [str(COLUMNS[key].label) for key in keys],
        case_rows(cases, keys),
        filename=f"cases-{today}.csv",
        local_filename=f"{local}_{today}.csv",
    )
