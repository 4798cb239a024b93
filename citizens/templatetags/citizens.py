"""The citizens' voice on pages of lower apps, which include these partials without importing
this app (as documents and terms do): the feedback link on a published decision's public page,
and the feedback beside the monitoring reports on the city's monitoring page."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("citizens/_feedback_link.html")
def service_feedback_link(publication):
    """A link to the feedback form while the case's service is in operation; nothing otherwise.
    (The public page's cache follows the workflow's steps, so the link comes and goes with it.)"""
    return {
        "publication": publication,
        "is_running": selectors.running_service(publication) is not None,
    }


@register.inclusion_tag("citizens/_case_feedback.html", takes_context=True)
def service_feedback(context, case):
    """The feedback on the case's service this user may read (selectors.visible_feedback)."""
    return {"feedback": selectors.case_feedback(context["request"].user, case)}
