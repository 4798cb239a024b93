"""The formal documents of a case, on the proposer's and the office's case pages (a partial the
lower app's templates include without the app importing this one)."""

from django import template

from ..selectors import case_documents

register = template.Library()


@register.inclusion_tag("documents/_case_documents.html", takes_context=True)
def issued_documents(context, case):
    """Only what this user may download (selectors.downloadable_documents): nothing for a
    department or an evaluator, so the section is left out for them."""
    return {"documents": case_documents(context["request"].user, case)}
