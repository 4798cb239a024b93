"""Reads of the citizens' voice, one place for who sees what.

- The public reads published items only, and never the columns of a citizen's contact data
  (they are not even loaded: `only()`).
- The office reads everything; department staff read the feedback on the services of the cases
  their department is in charge of; everyone else (businesses, evaluators) reads nothing that
  is not public.
"""

from django.db.models import Exists, OuterRef, QuerySet

from accounts import roles
from partnership.models import Agreement
from proposals.models import DepartmentAssignment, Proposal

from .models import IssueSuggestion, Moderation, ServiceFeedback

PUBLIC_SUGGESTION_COLUMNS = ("title", "body", "reply", "created_at", "moderated_at", "field__name")
PUBLIC_FEEDBACK_COLUMNS = ("agreement_id", "respondent", "rating", "body", "created_at")


def published_suggestions() -> QuerySet[IssueSuggestion]:
    """The suggestions the office published, newest first, without their contact data."""
    return (
        IssueSuggestion.objects.filter(status=Moderation.PUBLISHED)
        .select_related("field")
        .only(*PUBLIC_SUGGESTION_COLUMNS)
        .order_by("-created_at", "-pk")
    )


def published_feedback(agreement) -> QuerySet[ServiceFeedback]:
    return (
        ServiceFeedback.objects.filter(agreement_id=agreement.pk, status=Moderation.PUBLISHED)
        .only(*PUBLIC_FEEDBACK_COLUMNS)
        .order_by("-created_at", "-pk")
    )


def running_service(publication) -> Agreement | None:
    """The service in operation behind a published decision (its public page, /results/<pk>/):
    the case's signed agreement while the case is in operation; None otherwise. Only its key
    is read: the agreement itself is not public."""
    return (
        Agreement.objects.filter(
            proposal_id=publication.proposal_id,
            proposal__status=Proposal.Status.OPERATING,
            signed_on__isnull=False,
        )
        .only("pk", "proposal_id")
        .first()
    )


def visible_feedback(user) -> QuerySet[ServiceFeedback]:
    """Every feedback this user may read, moderated or not (the city's side only)."""
    feedback = ServiceFeedback.objects.select_related("agreement", "moderated_by")
    if roles.is_office(user):
        return feedback
    if roles.is_department_staff(user):
        in_charge = DepartmentAssignment.objects.filter(
            proposal_id=OuterRef("agreement__proposal_id"), department_id=user.department_id
        )
        return feedback.filter(Exists(in_charge))
    return feedback.none()


def case_feedback(user, case) -> list[ServiceFeedback]:
    """The feedback on a case's service, for the city's side beside its monitoring reports."""
    return list(visible_feedback(user).filter(agreement__proposal_id=case.pk))
