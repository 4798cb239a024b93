"""Nothing typed is lost (issue 13 §8): a form's text kept through a sign-in or a CSRF failure.

When a form is posted after the session ended, the page's view sends the visitor to sign in
and would drop what they wrote. KeptFormMiddleware keeps the posted text fields instead (never
files, passwords or the CSRF token; size-limited) in the session, with the path they were
posted to. Django's login() keeps an anonymous session's data (it cycles the key), so after
signing in the next GET of that path shows the text back in a form that posts to the original
URL with a fresh CSRF token: 「この内容で送信する」 or 「破棄する」. No view changes.

A CSRF failure (the page was open too long, or the user signed in again in another tab) shows
the same fields on the 403_csrf page (csrf_failure, settings.CSRF_FAILURE_VIEW).

Kept text goes back only to the person who wrote it: the portal remembers in a cookie (an HMAC
of the user's id, nothing readable) who last signed in on this browser. Text kept for someone
else is discarded when another person signs in; text of an unknown writer (every cookie gone)
goes to the first person who signs in within MAX_AGE. Signing out flushes the session, and the
kept text with it.
"""

import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

SESSION_KEY = "kyoso_kept_forms"
WRITER_COOKIE = "kyoso_writer"
# Limits: a proposal's every section fits (about 80,000 characters); a flood does not.
MAX_FIELD_CHARS = 20_000
MAX_TOTAL_CHARS = 100_000
MAX_FIELDS = 200
MAX_ENTRIES = 3  # forms of several tabs
MAX_AGE = 24 * 3600  # seconds
# Never kept: the CSRF token, passwords, one-time codes, anything secret.
NEVER_KEPT = re.compile(r"csrf|pass|secret|token|otp|^code$", re.IGNORECASE)

# The forms whose labels the kept-text page shows (by URL name); others show the field names.
# mishima_kyoso wires the apps together, so it may name their forms.
FORM_LABELS = {
    "proposals:edit": "proposals.forms.proposal.ProposalForm",
    "dialogue:thread": "dialogue.forms.MessageForm",
}

KEPT, TOO_LONG = "kept", "too_long"


def writer_mark(user) -> str:
    """Who wrote a kept text, without naming them: an HMAC of the user's id."""
    return salted_hmac("mishima_kyoso.kept_forms.writer", str(user.pk)).hexdigest()[:32]


def _excluded(path: str) -> bool:
    """Sign-in, sign-up and the rest of allauth's pages never give text back (a password form
    with its e-mail kept would stand in the way of signing in)."""
    accounts = resolve_url(settings.LOGIN_URL).rstrip("/").rsplit("/", 1)[0] + "/"
    return path.startswith(accounts)


def kept_fields(request) -> list[list[str]] | None:
    """The posted text fields worth keeping, as [name, value] pairs; None if over the limits.

    Files are never kept (their field names are, to ask for them again)."""
    fields, total = [], 0
    for name, values in request.POST.lists():
        if NEVER_KEPT.search(name):
            continue
        for value in values:
            if len(value) > MAX_FIELD_CHARS:
                return None
            total += len(value)
            fields.append([name, value])
    if total > MAX_TOTAL_CHARS or len(fields) > MAX_FIELDS:
        return None
    return fields


def _entries(request) -> list[dict]:
    now = time.time()
    entries = request.session.get(SESSION_KEY) or []
    fresh = [entry for entry in entries if now - entry.get("at", 0) < MAX_AGE]
    if len(fresh) != len(entries):
        _store(request, fresh)
    return fresh


def _store(request, entries: list[dict]) -> None:
    if entries:
        request.session[SESSION_KEY] = entries[-MAX_ENTRIES:]
    else:
        request.session.pop(SESSION_KEY, None)


def keep(request, *, writer: str) -> tuple[str | None, dict | None]:
    """Keep the POST's text fields for its path: (KEPT, entry), (TOO_LONG, None) or (None, None)
    when there is nothing to keep."""
    path = request.path
    if _excluded(path):
        return None, None
    fields = kept_fields(request)
    if fields is None:
        return TOO_LONG, None
    if not any(value.strip() for _name, value in fields):
        return None, None
    try:
        url_name = resolve(path).view_name
    except Resolver404:
        return None, None
    entry = {
        "path": path,
        "query": request.META.get("QUERY_STRING", ""),
        "url_name": url_name,
        "fields": fields,
        "files": sorted(set(request.FILES)),
        "writer": writer,
        "at": time.time(),
    }
    _store(request, [e for e in _entries(request) if e["path"] != path] + [entry])
    return KEPT, entry


def entry_for(request, path: str) -> dict | None:
    """The text kept on this path for the signed-in user, if any."""
    if SESSION_KEY not in request.session:
        return None
    mark = writer_mark(request.user)
    for entry in _entries(request):
        if entry["path"] == path and constant_time_compare(entry["writer"], mark):
            return entry
    return None


def discard(request, path: str) -> None:
    if SESSION_KEY in request.session:
        _store(request, [e for e in _entries(request) if e["path"] != path])


def _settle_writers(request) -> None:
    """Someone is signed in: text another person wrote is discarded, text of an unknown writer
    becomes theirs."""
    entries = request.session.get(SESSION_KEY)
    if not entries:
        return
    mark = writer_mark(request.user)
    settled = []
    for entry in entries:
        if not entry.get("writer"):
            entry = {**entry, "writer": mark}
        if constant_time_compare(entry["writer"], mark):
            settled.append(entry)
    if settled != entries:
        _store(request, settled)


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303, 307, 308):
        return False
    return urlsplit(response.get("Location", "")).path == resolve_url(settings.LOGIN_URL)


def _writer_from_cookie(request) -> str:
    mark = request.COOKIES.get(WRITER_COOKIE, "")
    return mark if re.fullmatch(r"[0-9a-f]{32}", mark) else ""


class KeptFormMiddleware:
    """Keeps a form's text when its POST is sent to sign in; gives it back after the sign-in.

    Placed after the session, authentication and messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        if signed_in:
            _settle_writers(request)
            if request.method == "GET":
                entry = entry_for(request, request.path)
                if entry is not None:
                    return kept_page(request, entry)
        response = self.get_response(request)
        if request.method == "POST":
            if not signed_in and _is_login_redirect(response):
                self._keep_for_sign_in(request)
            elif signed_in and response.status_code < 400:
                discard(request, request.path)  # the text reached its page
        if request.user.is_authenticated:
            mark = writer_mark(request.user)
            if request.COOKIES.get(WRITER_COOKIE) != mark:
                response.set_cookie(
                    WRITER_COOKIE,
                    mark,
                    max_age=settings.SESSION_COOKIE_AGE,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response

    @staticmethod
    def _keep_for_sign_in(request) -> None:
        outcome, entry = keep(request, writer=_writer_from_cookie(request))
        if outcome == KEPT:
            messages.info(
                request,
                _(
                    "Your sign-in had ended, so what you sent has not been saved yet. Your text "
                    "is kept: after you sign in, it is shown again, ready to send."
                ),
            )
            if entry["files"]:
                messages.info(request, _("Files are not kept: attach them again after signing in."))
        elif outcome == TOO_LONG:
            messages.warning(
                request,
                _(
                    "Your sign-in had ended and what you sent was too long to keep. After you "
                    "sign in, open the page again and enter it once more."
                ),
            )


# The page that gives the text back -----------------------------------------------------------


def _form_fields(url_name: str) -> dict:
    dotted = FORM_LABELS.get(url_name)
    return import_string(dotted).base_fields if dotted else {}


def _shown_choice(field, value: str) -> str:
    """The label of a chosen option (a radio button, a select), for reading."""
    from django import forms

    if isinstance(field, forms.ModelChoiceField):
        try:
            return str(field.to_python(value) or "")
        except forms.ValidationError:
            return value
    return str(dict(field.choices).get(value, value))


def kept_items(entry: dict) -> list[dict]:
    """The kept fields as the page shows them: text to correct, choices to read, the rest
    carried along unchanged (hidden)."""
    from django import forms

    known = _form_fields(entry.get("url_name", ""))
    items = []
    for index, (name, value) in enumerate(entry["fields"]):
        field = known.get(name)
        item = {"name": name, "value": value, "id": f"kept-{index}", "label": name}
        if field is None:
            item["kind"] = "hidden" if known else "textarea"
        else:
            item["label"] = field.label or name
            if isinstance(field, forms.BooleanField):
                item.update(kind="choice", shown=_("Yes"))
            elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                item.update(kind="choice", shown=_shown_choice(field, value))
            elif isinstance(field.widget, forms.Textarea):
                item["kind"] = "textarea"
            else:
                item["kind"] = "input"
        items.append(item)
    files = [
        {"name": name, "label": getattr(known.get(name), "label", None) or name}
        for name in entry.get("files", [])
    ]
    return items, files


def kept_context(entry: dict) -> dict:
    items, files = kept_items(entry)
    action = entry["path"] + (f"?{entry['query']}" if entry.get("query") else "")
    return {"kept_items": items, "kept_files": files, "kept_action": action, "kept": entry}


def kept_page(request, entry: dict):
    """The text kept for this path, in a form that posts to it with a fresh CSRF token."""
    return render(request, "kept_form.html", kept_context(entry))


@login_required
@require_POST
def discard_view(request):
    """「破棄する」: the kept text is dropped and the page opens as it is today."""
    path = request.POST.get("path", "")
    if not (path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None)):
        path = reverse("home")
    discard(request, path)
    messages.info(request, _("The kept text has been discarded."))
    return HttpResponseRedirect(path)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: explain in Japanese, and give the posted text back in a form
    with a fresh token that posts to the original URL."""
    entry = None
    too_long = False
    if request.method == "POST":
        user = getattr(request, "user", None)
        writer = (
            writer_mark(user) if user is not None and user.is_authenticated else ""
        ) or _writer_from_cookie(request)
        outcome, entry = keep(request, writer=writer)
        too_long = outcome == TOO_LONG
    context = kept_context(entry) if entry else {}
    context["too_long"] = too_long
    return render(request, "403_csrf.html", context, status=403)
