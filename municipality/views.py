import mimetypes

from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from .selectors import city, city_profile_row

LOGO_MAX_AGE = 365 * 24 * 60 * 60


@require_safe
def logo(request, version):
    """The city's logo from the public store; its URL changes with every save of the
    profile, so a browser may keep it for a year."""
    if not city().logo:
        raise Http404
    row = city_profile_row()
    if row is None or not row.logo:
        raise Http404
    try:
        handle = row.logo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = mimetypes.guess_type(row.logo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={LOGO_MAX_AGE}, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response
