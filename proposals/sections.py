"""The content of a case as headed sections, in the order of the guidelines: the edit page's
form, the proposer's and the city's case pages, a stored version, an evaluator's sheet."""

from django.utils.translation import gettext_lazy as _

from .models import Proposal

# The sections, in the order of the guidelines; the ids are the pages' anchors.
SECTIONS = (
    ("summary", _("Summary"), ("title", "outline", "intent", "preferred_department")),
    ("content", _("The proposal"), ("background", "body")),
    (
        "effects",
        _("Expected effects (four viewpoints)"),
        ("effect_citizens", "effect_financial", "effect_growth", "effect_region"),
    ),
    ("roles", _("Roles and schedule"), ("roles", "schedule")),
    ("cost", _("Cost"), ("cost_bearing", "cost_detail")),
    ("requests", _("Requests to the city"), ("requests_to_city",)),
    ("know-how", _("Original know-how (confidential)"), ("know_how",)),
    ("consent", _("Consent to publication"), ("consent_to_publish",)),
    ("contact", _("Contact"), ("contact_name", "contact_phone", "contact_email")),
)
# 共創指針 原則3: the proposer's know-how is marked wherever it is shown.
CONFIDENTIAL = ("know_how",)

YES_NO = {True: _("Yes"), False: _("No")}
CHOICES = {"intent": Proposal.Intent, "cost_bearing": Proposal.CostBearing}


def content_sections(content: dict, *, department=None, sections=SECTIONS) -> list[dict]:
    """The content (of the case or of a stored version) as headed sections of labelled rows.

    The proposer's choice of department shows only when `department` is given; `sections`
    may leave some out (an evaluator reads no contact details).
    """
    meta = Proposal._meta
    shown = []
    for anchor, title, names in sections:
        rows = []
        for name in names:
            if name == "preferred_department":
                if department is not None:
                    rows.append(
                        {
                            "name": name,
                            "label": meta.get_field(name).verbose_name,
                            "value": department.name,
                        }
                    )
                continue
            value = content.get(name, "")
            if name in CHOICES:
                value = CHOICES[name](value).label if value else ""
            elif isinstance(value, bool):
                value = YES_NO[value]
            rows.append({"name": name, "label": meta.get_field(name).verbose_name, "value": value})
        if rows:
            shown.append(
                {
                    "anchor": anchor,
                    "title": title,
                    "rows": rows,
                    "confidential": any(name in CONFIDENTIAL for name in names),
                }
            )
    return shown
