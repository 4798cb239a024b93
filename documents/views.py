"""Downloading a formal document: only through the permission check, never from a public page."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from proposals.files import private_download
from proposals.models import AccessLog

from .selectors import downloadable_documents


def download(request, public_id):
    """/documents/<id>/: the PDF for the proposer's members and the office; 404 for anyone
    else, and while the job has not rendered it yet."""
    document = get_object_or_404(downloadable_documents(request.user), public_id=public_id)
    if not document.file:
        raise Http404
    return private_download(request, document.proposal, document, kind=AccessLog.Kind.FILE)
