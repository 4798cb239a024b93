"""One table of cases for every list that shows them: the staff home's most urgent, the work
list, its print view and a business's /my/.

``{% case_table rows "work" caption=… caption_id=… %}``: `rows` are the view's dicts (`case`,
`stage`, and on /my/ `next` and `next_label`); the layout names the columns. The frame, the
caption and the column headers are templates/proposals/_case_table.html; the rows are written
here, in Python, because a list renders them by the dozen: through the template engine a row
of eight cells costs a hundred variable lookups and a translation per cell. The column labels,
repeated in every cell for the phone layout (`data-label`, card-table), are translated once
per table; the statuses, kinds and links are read once per row (proposals.labels,
mishima_kyoso.common.links). The HTML is the one the four templates wrote before.
"""

from django import template
from django.template.loader import get_template
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, pgettext

from mishima_kyoso.common.links import id_urls

from ..labels import kind_label, status_label

register = template.Library()

# The columns of each layout, in the table's order.
LAYOUTS = {
    "urgent": ("reference", "title", "organization", "status", "deadline"),
    "work": (
        "reference",
        "title",
        "organization",
        "stage",
        "status",
        "departments",
        "deadline",
        "dialogue",
    ),
    "print": (
        "reference",
        "title",
        "organization",
        "status",
        "departments",
        "received",
        "deadline",
    ),
    "mine": ("reference", "title", "type", "stage", "status", "next", "updated"),
}
# The page each layout's title links to (None: plain text, for print).
LINKS = {
    "urgent": "proposals:staff_case",
    "work": "proposals:staff_case",
    "print": None,
    "mine": "proposals:detail",
}
CELL_BREAK = "\n        "


def _labels() -> dict:
    return {
        "reference": gettext("Reference number"),
        "title": gettext("Title"),
        "organization": gettext("Organisation"),
        "type": gettext("Type"),
        "stage": gettext("Stage"),
        "status": gettext("Status"),
        "departments": gettext("Departments in charge"),
        "received": gettext("Received on"),
        "deadline": gettext("Next deadline"),
        "next": gettext("Next step"),
        "updated": gettext("Last updated"),
        "dialogue": gettext("Dialogue"),
        "draft": pgettext("no reference number yet", "Draft"),
        "unassigned": gettext("Not assigned yet"),
        "overdue": gettext("Overdue"),
        "new_messages": gettext("New messages"),
        "nothing_new": gettext("Nothing new"),
    }


class _Dates:
    """`{{ value|date:format }}` with the formats of the active language read once per table
    (the filter looks the format up for every value)."""

    def __init__(self):
        self.formats = {name: get_format(name) for name in ("DATE_FORMAT", "DATETIME_FORMAT")}

    def __call__(self, value, format_name) -> str:
        fmt = self.formats.get(format_name, format_name)
        return esc(dateformat.format(template_localtime(value), fmt))


class _Row:
    """The cells of one row; each method is one column of LAYOUTS."""

    def __init__(self, row, url, layout, labels, next_action, dates):
        self.row, self.case, self.url, self.layout = row, row["case"], url, layout
        self.labels, self.next_action, self.date = labels, next_action, dates

    def td(self, column, content, extra=""):
        return f'<td data-label="{esc(self.labels[column])}"{extra}>{content}</td>'

    def reference(self):
        case = self.case
        if case.reference:
            return self.td("reference", f'<span class="ref">{esc(case.reference)}</span>')
        return self.td("reference", esc(self.labels["draft"]))

    def title(self):
        case, title = self.case, esc(self.case.title)
        content = f'<a href="{esc(self.url)}">{title}</a>' if self.url else title
        if self.layout == "work":
            content += f'<br><small class="case-kind">{esc(kind_label(case.kind))}</small>'
        elif self.layout == "print":
            content += f"<br><small>{esc(kind_label(case.kind))}</small>"
        return f'<th scope="row" data-label="{esc(self.labels["title"])}">{content}</th>'

    def organization(self):
        return self.td("organization", esc(self.case.organization.name))

    def type(self):
        case = self.case
        content = esc(kind_label(case.kind))
        if case.theme:
            number = gettext("Theme No. %(number)s") % {"number": esc(case.theme.number)}
            content += f"<br><small>{number}</small>"
        elif case.open_call:
            call = case.open_call
            number = gettext("Open call No. %(number)s") % {"number": esc(call.number)}
            content += f"<br><small>{number} {esc(call.title)}</small>"
        elif case.field:
            content += f"<br><small>{esc(case.field.name)}</small>"
        return self.td("type", content)

    def stage(self):
        return self.td("stage", esc(self.row["stage"] or "—"))

    def status(self):
        case, label = self.case, esc(status_label(self.case.status))
        if self.layout == "print":
            stage = self.row["stage"]
            return self.td("status", label + (f"<br><small>{esc(stage)}</small>" if stage else ""))
        return self.td("status", f'<span class="status status-{esc(case.status)}">{label}</span>')

    def departments(self):
        names = "<br>".join(esc(department.name) for department in self.case.departments.all())
        if not names:
            unassigned = esc(self.labels["unassigned"])
            if self.layout != "print":
                unassigned = f'<span class="empty">{unassigned}</span>'
            names = unassigned
        return self.td("departments", names)

    def received(self):
        submitted = self.case.submitted_at
        return self.td("received", self.date(submitted, "DATE_FORMAT") if submitted else "—")

    def deadline(self):
        case, due = self.case, self.case.next_due_on
        overdue = esc(self.labels["overdue"])
        if not due:
            content = "—"
        elif self.layout == "print":
            content = self.date(due, "DATE_FORMAT")
            if case.is_overdue:
                content += f' <strong class="overdue">{overdue}</strong>'
        else:
            content = (
                f'<time datetime="{self.date(due, "Y-m-d")}">{self.date(due, "DATE_FORMAT")}</time>'
            )
            if case.is_overdue:
                content += f'<br><strong class="overdue">{overdue}</strong>'
        return self.td("deadline", content)

    def next(self):
        row = self.row
        action = self.next_action.render(
            {"code": row["next"], "label": row["next_label"], "case": self.case}
        )
        return self.td("next", action, f' class="next-{esc(row["next"])}"')

    def updated(self):
        updated = self.case.updated_at
        shown = self.date(updated, "DATETIME_FORMAT")
        return self.td("updated", f'<time datetime="{self.date(updated, "c")}">{shown}</time>')

    def dialogue(self):
        if self.case.has_unread:
            badge = f'<span class="badge new">{esc(self.labels["new_messages"])}</span>'
        else:
            badge = f'<span class="visually-hidden">{esc(self.labels["nothing_new"])}</span>'
        return self.td("dialogue", badge)

    def html(self, columns, mark_overdue) -> str:
        overdue = ' class="is-overdue"' if mark_overdue and self.case.is_overdue else ""
        cells = CELL_BREAK.join(getattr(self, column)() for column in columns)
        return f"\n      <tr{overdue}>{CELL_BREAK}{cells}\n      </tr>"


@register.inclusion_tag("proposals/_case_table.html")
def case_table(rows, layout, caption, caption_id, table_class=""):
    columns = LAYOUTS[layout]
    rows = list(rows)
    link = LINKS[layout]
    urls = id_urls(link, [row["case"].pk for row in rows]) if link else [""] * len(rows)
    labels = _labels()
    dates = _Dates()
    next_action = get_template("proposals/_next_action.html") if "next" in columns else None
    # The rows of the urgent and the work list are marked when overdue.
    mark_overdue = layout in ("urgent", "work")
    body = "".join(
        _Row(row, url, layout, labels, next_action, dates).html(columns, mark_overdue)
        for row, url in zip(rows, urls, strict=True)
    )
    return {
        "headers": [labels[column] for column in columns],
        "caption": caption,
        "caption_id": caption_id,
        "table_class": table_class,
        "body": mark_safe(body),  # noqa: S308 (every value in the rows is escaped: esc)
    }
