# Placeholder while the organisation pages are written (issue 4); every view answers 404.
from django.http import Http404


def _pending(*args, **kwargs):
    raise Http404


organization_create = organization_detail = organization_edit = invite = _pending
invitation_accept = _pending
