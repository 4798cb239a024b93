"""History (django-simple-history) in the admin: read only for every model
(ReadOnlyHistoryAdmin), and a case's history as the office reads it: every field that changed,
status and deadlines included, with labels and local times."""

import datetime

from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Proposal

# Kept by the database or shown elsewhere: not worth a line in the history.
# The search columns (mishima_kyoso.search) are derived and not kept in the history at all.
HISTORY_NOISE = {"id", "created_at", "updated_at", "serial", "search_text", "search_grams"}


def _shown(field, record) -> str:
    """A field's value in a historical record, as the office reads it (labels, local time)."""
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        try:
            return str(getattr(record, field.name))
        except ObjectDoesNotExist:  # deleted since
            return str(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.localtime(value))
    if isinstance(value, datetime.date):
        return formats.localize(value)
    return Truncator(str(value)).chars(80)


def history_changes(new, old) -> list[dict]:
    """What changed between two historical records of a case, status and deadlines included
    (simple_history's own diff leaves out the fields the proposer does not edit)."""
    return [
        {
            "field": capfirst(field.verbose_name),
            "old": _shown(field, old),
            "new": _shown(field, new),
        }
        for field in Proposal._meta.fields
        if field.name not in HISTORY_NOISE
        and getattr(new, field.attname) != getattr(old, field.attname)
    ]


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """simple_history's admin with the history read, never written back, for every model.

    Its form of a past version saves a POST on view permission alone (whatever
    has_change_permission says), which would let a reader overwrite a published call or a
    signed agreement: here that form answers GET only, for an object this admin's list
    holds (get_queryset), and offers no "revert".
    """

    def revert_disabled(self, request, obj=None):
        return True

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)
