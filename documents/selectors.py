"""Who may download which formal document: the proposing organisation's members and the office.

A receipt or a notice is addressed to the proposer; the office issues it. Nobody else gets it
(departments, evaluators, other businesses, the public): for them it does not exist (404).
"""

from accounts import roles

from .models import IssuedDocument


def downloadable_documents(user):
    documents = IssuedDocument.objects.select_related("proposal", "transition")
    if not (user.is_authenticated and user.is_active):
        return documents.none()
    if roles.is_office(user):
        return documents
    membership = getattr(user, "membership", None)
    if membership is None:
        return documents.none()
    return documents.filter(proposal__organization_id=membership.organization_id)


def case_documents(user, case) -> list[IssuedDocument]:
    """The documents of a case this user may download, oldest first (one query)."""
    return list(downloadable_documents(user).filter(proposal=case).order_by("issued_at", "pk"))
