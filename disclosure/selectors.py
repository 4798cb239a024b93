"""Reads of disclosure requests: the office's list and pages; a proposer's opinion requests.

Requests are the office's own business (the requester's identity included): only the office
reads them. A proposer reads the opinion requests of their own organisation's cases."""

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import is_office
from proposals.models import Proposal
from proposals.selectors import visible_proposals

from .models import DisclosureRequest, Event, Mark, ThirdPartyOpinion


def office_requests(user) -> QuerySet[DisclosureRequest]:
    """The office's list, newest receipt first, with how many cases each concerns."""
    if not is_office(user):
        return DisclosureRequest.objects.none()
    return DisclosureRequest.objects.annotate(case_count=Count("cases", distinct=True))


def office_request(user, pk) -> DisclosureRequest:
    """A request with its cases, marks, opinions and log, for its page (or 404)."""
    requests = DisclosureRequest.objects.all()
    if not is_office(user):
        requests = requests.none()
    return get_object_or_404(
        requests.prefetch_related(
            Prefetch("cases", queryset=Proposal.objects.select_related("organization")),
            Prefetch("marks", queryset=Mark.objects.select_related("attachment")),
            Prefetch("opinions", queryset=ThirdPartyOpinion.objects.select_related("case")),
            Prefetch("events", queryset=Event.objects.select_related("actor", "case")),
        ),
        pk=pk,
    )


def request_case(request: DisclosureRequest, pk) -> Proposal:
    """One case of the request (or 404), with its files."""
    return get_object_or_404(
        request.cases.select_related("organization", "preferred_department").prefetch_related(
            "attachments"
        ),
        pk=pk,
    )


def proposers_opinion(user, pk) -> ThirdPartyOpinion:
    """An opinion request on a case of the user's own organisation (or 404)."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    cases = visible_proposals(user)
    if membership is None:
        cases = cases.none()
    else:
        cases = cases.filter(organization_id=membership.organization_id)
    return get_object_or_404(
        ThirdPartyOpinion.objects.select_related("case", "request").filter(case__in=cases), pk=pk
    )
