"""The answers of the autosave endpoints (static/js/autosave.js reads them).

Every answer is JSON with a message in the reader's language, which the script shows as it is
in its status region: {"ok": true, "message": "下書きを保存しました (10:42)"} or
{"ok": false, "message": "…"} with the status of the refusal.
"""

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _


def saved(at=None) -> JsonResponse:
    at = timezone.localtime(at or timezone.now())
    return JsonResponse(
        {"ok": True, "message": _("Draft saved (%(time)s)") % {"time": at.strftime("%H:%M")}}
    )


def refused(message: str, *, status: int = 400) -> JsonResponse:
    return JsonResponse({"ok": False, "message": str(message)}, status=status)


def signed_out() -> JsonResponse:
    """No redirect to the sign-in page: a script cannot follow it, and the text stays in the
    page, to be sent (and kept through the sign-in) by the form itself."""
    return refused(
        _(
            "The draft could not be saved: your sign-in has ended. Your text is still on this "
            "page; when you send it, you will be asked to sign in and it will be kept."
        ),
        status=401,
    )


def form_refusal(form) -> JsonResponse:
    """The form's errors as one message: field label and error, nothing saved."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            parts.append(f"{label}: {error}" if label else str(error))
    return refused(_("The draft has not been saved. %(errors)s") % {"errors": " ".join(parts)})
