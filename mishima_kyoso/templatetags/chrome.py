"""``{% site_chrome "_site_header.html" %}``: the head links, the header and the footer of every
page (templates/base.html), rendered once per process for each thing they depend on.

Through the template engine the three cost more than many pages' own content (some thirty
translations, ten static files, twenty links and the role checks of the menus, on every
request, for HTML that is the same for every visitor of one role). They depend only on:

- the language;
- the city's profile (municipality.selectors.city: its values, so an edit in the admin shows
  on the next page in every process);
- who is reading, as far as the menus tell: signed in or not, and the AccountMenu's roles;
- the unread count of the notification link.

That key chooses a rendering kept in this process. What is the visitor's own is filled in
after, on every request: the CSRF token of the sign-out form, the page's address in the
language switch (``chrome_next``), and the mark of the menu link to the page itself: a menu
link (``<li><a href="…">``) whose address is the page's path says so (``aria-current="page"``).
A visitor who is not signed in never has a CSRF token made by the header (there is no form
for them), so the anonymous page cache keeps working.
"""

from urllib.parse import quote

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Placeholders written by the kept rendering and filled in per request; NUL never appears in
# a page (escape keeps it, so it stays recognisable).
_CSRF = "\x00csrf\x00"
_NEXT = "\x00next\x00"
# Renderings kept per process: a few per language and role; forgotten when too many (a
# profile edited many times, unread counts of many values) or when a test changes settings.
_KEPT: dict[tuple, str] = {}
_KEPT_UP_TO = 512


@receiver(setting_changed)
def _forget(**kwargs):
    _KEPT.clear()


def _reader(context) -> tuple:
    """What the menus show of the reader: nothing read for a visitor who is not signed in."""
    user = context.get("user")
    if not (user and user.is_authenticated):
        return (False,)
    menu, notifications = context.get("account_menu"), context.get("notification_menu")
    roles = (menu.is_staff, menu.is_business, menu.is_evaluator, menu.is_office) if menu else ()
    return (True, roles, notifications.unread if notifications else None)


@register.simple_tag(takes_context=True)
def site_chrome(context, template_name: str) -> str:
    portal = context.get("portal")
    key = (
        template_name,
        get_language(),
        tuple(vars(portal).values()) if portal is not None else (),
        _reader(context),
    )
    html = _KEPT.get(key)
    if html is None:
        with context.push(csrf_token=_CSRF, chrome_next=_NEXT):
            html = get_template(template_name).template.render(context)
        if len(_KEPT) >= _KEPT_UP_TO:
            _KEPT.clear()
        _KEPT[key] = html
    return mark_safe(_own(html, context))  # noqa: S308 (a template's output; the filled-in values are escaped)


def _own(html: str, context) -> str:
    """The kept rendering with what is this visitor's own."""
    request = context.get("request")
    if request is not None:
        path = escape(request.path)
        link = f'<li><a href="{path}">'
        if link in html:
            html = html.replace(link, f'<li><a href="{path}" aria-current="page">')
    if _NEXT in html:
        full_path = request.get_full_path() if request is not None else ""
        html = html.replace(_NEXT, escape(quote(full_path, safe="/")))
    if _CSRF in html:
        html = html.replace(_CSRF, escape(str(context.get("csrf_token", ""))))
    return html
