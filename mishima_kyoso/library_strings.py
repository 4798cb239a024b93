"""Strings of the libraries (Django, django-allauth) the portal words in its own catalogue.

Why this module: a msgid of a library translated again in locale/ja wins over the library's own
catalogue (LOCALE_PATHS come first), which is how the portal replaces stiff stock Japanese such as
「このフィールドは必須です。」. But ``make messages`` runs makemessages with --no-obsolete, which
drops every msgid not found in the project's own sources: the strings below are marked here with
gettext_noop so that they stay in the catalogue. Nothing imports them for their value.

And the wording of a required choice: Django says "This field is required." of every field,
which reads wrong on radio buttons, select boxes and check boxes. ``use_portal_wording()``
(called once at start, mishima_kyoso.apps) gives those field classes a message of their own;
a form's own error_messages still win.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

LIBRARY_MSGIDS = (
    # Django (forms.Field): said of a text box left empty → 「入力してください。」
    gettext_noop("This field is required."),
)

REQUIRED_CHOICE = _("Choose one of the options.")
REQUIRED_TICK = _("Tick this box to continue.")
REQUIRED_FILE = _("Choose a file.")


def use_portal_wording() -> None:
    """The "required" message of the choice, check box and file fields (their subclasses
    inherit it: ModelChoiceField, TypedChoiceField, MultipleChoiceField…)."""
    for field_class, message in (
        (forms.ChoiceField, REQUIRED_CHOICE),
        (forms.BooleanField, REQUIRED_TICK),
        (forms.FileField, REQUIRED_FILE),
    ):
        field_class.default_error_messages = {
            **field_class.default_error_messages,
            "required": message,
        }
