# Placeholder while the proposer pages are written (issue 4); every view answers 404.
from django.http import Http404


def _pending(*args, **kwargs):
    raise Http404


dashboard = create_free = create_theme = detail = edit = submit = withdraw = delete = _pending
upload = attachment = attachment_delete = version = _pending
