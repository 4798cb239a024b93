"""The agreement and the monitoring as the proposer reads them (/proposals/<pk>/…).

Cases are looked up through proposals' access.visible_case(): 404 to anyone but the proposer
and the city's side of the case (an applicant never reaches the adopted case: no grant on it).
The city's side reads here too, and finds a link to its own page.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from proposals.access import visible_case
from proposals.audit import log_access
from proposals.files import private_download
from proposals.models import AccessLog, Proposal
from proposals.permissions import is_proposer, works_on
from proposals.states import has_agreement_page, has_monitoring_page

from .. import permissions, selectors
from .living import living_context
from .staff import agreement_url


def _readable_case(request, pk, may_read) -> Proposal:
    """A case of the proposer's pages: seen, and the proposer's or the city side's."""
    case = visible_case(request.user, pk)
    if not may_read(case, request.user):
        raise Http404
    return case


@login_required
@require_GET
def agreement(request, pk):
    """/proposals/<pk>/agreement/: the proposer reads the term, the table and the documents."""
    case = _readable_case(request, pk, permissions.may_read_agreement)
    if not has_agreement_page(case):
        raise Http404
    found = selectors.agreement_of(case)
    log_access(request.user, case, AccessLog.Kind.AGREEMENT)  # not the proposer's own reads
    return render(
        request,
        "partnership/agreement.html",
        {
            "proposal": case,
            "agreement": found,
            "items": list(found.items.all()) if found else [],
            "documents": list(found.documents.all()) if found else [],
            # The proposer's evaluation reads the reports shared with them, as their page.
            **living_context(
                case, found, request.user, shared_only=is_proposer(request.user, case)
            ),
            "staff_url": (
                agreement_url(case)
                if works_on(request.user, case) and not is_proposer(request.user, case)
                else None
            ),
        },
    )


@login_required
@require_GET
def agreement_document(request, pk, document_pk):
    """A document of the agreement through the permission check; every download is logged."""
    case = _readable_case(request, pk, permissions.may_read_agreement)
    found = selectors.agreement_of(case)
    if found is None:
        raise Http404
    document = get_object_or_404(found.documents.all(), pk=document_pk)
    return private_download(request, case, document, kind=AccessLog.Kind.FILE)


@login_required
@require_GET
def monitoring(request, pk):
    """/proposals/<pk>/monitoring/: the shared reports and the improvement actions."""
    case = _readable_case(request, pk, permissions.may_read_monitoring)
    if not has_monitoring_page(case):
        raise Http404
    log_access(request.user, case, AccessLog.Kind.MONITORING)  # not the proposer's own reads
    return render(
        request,
        "partnership/monitoring.html",
        {
            "proposal": case,
            # The proposer reads the reports the city shares with them; the city reads all.
            "reports": list(
                selectors.case_reports(case, shared_only=is_proposer(request.user, case))
            ),
            "actions": list(selectors.case_actions(case)),
        },
    )
