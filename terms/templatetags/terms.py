"""The terms accepted with a case, on the city's case page."""

from django import template

from ..selectors import case_acceptances

register = template.Library()


@register.inclusion_tag("terms/_case_acceptances.html")
def accepted_terms(case):
    """The staff case page shows it; that page is the city's only (access.staff_case)."""
    return {"acceptances": case_acceptances(case)}
