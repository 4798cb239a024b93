"""Which pages a case has now (its agreement, its monitoring), for the case navigation: by its
status, without a query."""

from django import template

from proposals.states import has_agreement_page, has_monitoring_page

register = template.Library()


@register.filter
def has_agreement(case) -> bool:
    return has_agreement_page(case)


@register.filter
def has_monitoring(case) -> bool:
    return has_monitoring_page(case)
