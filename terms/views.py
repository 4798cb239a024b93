"""The public pages of the terms: the version in force, and any earlier one by its number."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import services
from .models import Kind, TermsVersion


def _kind(kind: str) -> str:
    if kind not in Kind.values:
        raise Http404
    return kind


def document(request, kind):
    """/terms/<kind>/: the version in force today."""
    current = services.current_versions((_kind(kind),))
    if not current:
        raise Http404
    return _render(request, current[0])


def version(request, kind, number):
    """/terms/<kind>/<number>/: a version as it was accepted (an earlier one, or the next one
    once its date is announced)."""
    shown = get_object_or_404(TermsVersion, kind=_kind(kind), version=number)
    return _render(request, shown)


def _render(request, shown):
    versions = TermsVersion.objects.filter(kind=shown.kind).only(
        "kind", "version", "title", "effective_on"
    )
    return render(
        request,
        "terms/document.html",
        {
            "document": shown,
            "versions": versions,
            "is_current": shown in services.current_versions((shown.kind,)),
            "today": timezone.localdate(),
        },
    )
