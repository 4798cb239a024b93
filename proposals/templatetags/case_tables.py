"""One table of cases for every list that shows them: the staff home's most urgent, the work
list, its print view and a business's /my/.

``{% case_table rows "work" caption=… caption_id=… %}``: `rows` are the view's dicts (`case`,
`stage`, on the work list and its print view `departments`, their names, and on /my/ `next`
and `next_label`); the layout names the columns. The frame, the
caption and the column headers are templates/proposals/_case_table.html; the rows are written
here, in Python, because a list renders them by the dozen: through the template engine a row
of eight cells costs a hundred variable lookups and a translation per cell. The column labels,
repeated in every cell for the phone layout (`data-label`, card-table), are translated once
per table; the statuses, kinds and links are read once per row (proposals.labels,
mishima_kyoso.common.links). The HTML is the one the four templates wrote before.
"""

from django import template
from django.urls import NoReverseMatch, reverse
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
    (the filter looks the format up for every value), and each date written once per table
    (deadlines fall on the same days)."""

    def __init__(self):
        self.formats = {name: get_format(name) for name in ("DATE_FORMAT", "DATETIME_FORMAT")}
        self.written = {}

    def __call__(self, value, format_name) -> str:
        key = (value, format_name)
        written = self.written.get(key)
        if written is None:
            value = template_localtime(value)
            if format_name == "c":  # ISO 8601, as the "c" format writes it
                written = esc(value.isoformat())
            else:
                fmt = self.formats.get(format_name, format_name)
                written = esc(dateformat.format(value, fmt))
            self.written[key] = written
        return written


class _Labels(dict):
    """The escaped labels of one table: the column names (repeated in every cell for the
    phone layout) and each status, kind and stage, translated and escaped once per table."""

    def __init__(self):
        super().__init__((key, esc(label)) for key, label in _labels().items())
        self.values = {}

    def of(self, read, value) -> str:
        """`read(value)` escaped (status_label, kind_label, a stage), once per value."""
        key = (read, value)
        label = self.values.get(key)
        if label is None:
            label = esc(read(value) if callable(read) else value)
            self.values[key] = label
        return label


class _Row:
    """The cells of one row; each method is one column of LAYOUTS."""

    def __init__(self, row, url, layout, labels, dates):
        self.row, self.case, self.url, self.layout = row, row["case"], url, layout
        self.labels, self.date = labels, dates

    def td(self, column, content, extra=""):
        return f'<td data-label="{self.labels[column]}"{extra}>{content}</td>'

    def reference(self):
        case = self.case
        if case.reference:
            return self.td("reference", f'<span class="ref">{esc(case.reference)}</span>')
        return self.td("reference", self.labels["draft"])

    def title(self):
        case, title = self.case, esc(self.case.title)
        content = f'<a href="{esc(self.url)}">{title}</a>' if self.url else title
        kind = self.labels.of(kind_label, case.kind)
        if self.layout == "work":
            content += f'<br><small class="case-kind">{kind}</small>'
        elif self.layout == "print":
            content += f"<br><small>{kind}</small>"
        return f'<th scope="row" data-label="{self.labels["title"]}">{content}</th>'

    def organization(self):
        return self.td("organization", esc(self.case.organization.name))

    def type(self):
        case = self.case
        content = self.labels.of(kind_label, case.kind)
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
        return self.td("stage", self.labels.of(None, self.row["stage"] or "—"))

    def status(self):
        case, label = self.case, self.labels.of(status_label, self.case.status)
        if self.layout == "print":
            stage = self.row["stage"]
            stage = f"<br><small>{self.labels.of(None, stage)}</small>" if stage else ""
            return self.td("status", label + stage)
        return self.td("status", f'<span class="status status-{esc(case.status)}">{label}</span>')

    def departments(self):
        names = "<br>".join(esc(name) for name in self.row["departments"])
        if not names:
            unassigned = self.labels["unassigned"]
            if self.layout != "print":
                unassigned = f'<span class="empty">{unassigned}</span>'
            names = unassigned
        return self.td("departments", names)

    def received(self):
        submitted = self.case.submitted_at
        return self.td("received", self.date(submitted, "DATE_FORMAT") if submitted else "—")

    def deadline(self):
        case, due = self.case, self.case.next_due_on
        overdue = self.labels["overdue"]
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
        action = next_action_html(row["next"], row["next_label"], self.case, row.get("next_url"))
        return self.td("next", action, f' class="next-{esc(row["next"])}"')

    def updated(self):
        updated = self.case.updated_at
        shown = self.date(updated, "DATETIME_FORMAT")
        return self.td("updated", f'<time datetime="{self.date(updated, "c")}">{shown}</time>')

    def dialogue(self):
        if self.case.has_unread:
            badge = f'<span class="badge new">{self.labels["new_messages"]}</span>'
        else:
            badge = f'<span class="visually-hidden">{self.labels["nothing_new"]}</span>'
        return self.td("dialogue", badge)

    def html(self, columns, mark_overdue) -> str:
        overdue = ' class="is-overdue"' if mark_overdue and self.case.is_overdue else ""
        cells = CELL_BREAK.join(getattr(self, column)() for column in columns)
        return f"\n      <tr{overdue}>{CELL_BREAK}{cells}\n      </tr>"


# The page each next action (next_steps.next_action) links to, and whether with the case.
NEXT_ACTION_LINKS = {
    "read_message": ("dialogue:thread", True),
    "complete": ("proposals:edit", True),
    "submit": ("proposals:submit", True),
    "theme_closed": ("proposals:create_free", False),
}


def next_action_html(code: str, label, case, url: str | None = None) -> str:
    """The one next action of a case, as /my/ and the case tracker show it: a link to where it
    is done, or its label alone (the dialogue's page may not exist in a deployment). `url`:
    the link, when the list reversed it already (_next_urls)."""
    label = esc(label)
    link = NEXT_ACTION_LINKS.get(code)
    if link is None:
        return f'<span class="next-action">{label}</span>'
    name, with_case = link
    try:
        url = url or reverse(name, args=[case.pk] if with_case else [])
    except NoReverseMatch:
        if code == "read_message":
            return label
        raise
    kind = "next-action unread" if code == "read_message" else "next-action"
    return f'<a class="{kind}" href="{esc(url)}">{label}</a>'


def _next_urls(rows) -> None:
    """Each row's next-action link (`next_url`), reversed once per kind of action for the whole
    list (mishima_kyoso.common.links.id_urls), not once per row."""
    by_view = {}
    for row in rows:
        view, with_case = NEXT_ACTION_LINKS.get(row["next"], (None, False))
        if with_case:
            by_view.setdefault(view, []).append(row)
    for view, linked in by_view.items():
        try:
            urls = id_urls(view, [row["case"].pk for row in linked])
        except NoReverseMatch:
            continue  # next_action_html says the label alone
        for row, url in zip(linked, urls, strict=True):
            row["next_url"] = url


@register.simple_tag
def next_action(code, label, case):
    """``{% next_action code label case %}``: next_action_html in a template."""
    return mark_safe(next_action_html(code, label, case))  # noqa: S308 (escaped there)


@register.inclusion_tag("proposals/_case_table.html")
def case_table(rows, layout, caption, caption_id, table_class=""):
    columns = LAYOUTS[layout]
    rows = list(rows)
    link = LINKS[layout]
    urls = id_urls(link, [row["case"].pk for row in rows]) if link else [""] * len(rows)
    if "next" in columns:
        _next_urls(rows)
    labels = _Labels()
    dates = _Dates()
    # The rows of the urgent and the work list are marked when overdue.
    mark_overdue = layout in ("urgent", "work")
    body = "".join(
        _Row(row, url, layout, labels, dates).html(columns, mark_overdue)
        for row, url in zip(rows, urls, strict=True)
    )
    return {
        "headers": [labels[column] for column in columns],
        "caption": caption,
        "caption_id": caption_id,
        "table_class": table_class,
        "body": mark_safe(body),  # noqa: S308 (every value in the rows is escaped: esc)
    }
