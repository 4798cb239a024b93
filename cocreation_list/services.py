"""Writes on the co-creation list: publishing and closing themes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Theme


@transaction.atomic
def publish_theme(*, theme: Theme, by) -> Theme:
    """Put a draft (or a closed theme, reopened) on the public list."""
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    if theme.status == Theme.Status.PUBLISHED:
        raise ValidationError(_("This theme is already published."), code="already_published")
    if not theme.fields.exists():
        raise ValidationError(
            _("Choose at least one field before publishing."), code="field_required"
        )
    if not theme.is_year_round and theme.accepts_until is None:
        raise ValidationError(
            _("Enter the end of the call period, or mark the theme as year-round."),
            code="period_required",
        )
    theme.status = Theme.Status.PUBLISHED
    theme.published_at = theme.published_at or timezone.now()
    theme.closed_at = None
    theme.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    return theme


@transaction.atomic
def close_theme(*, theme: Theme, by) -> Theme:
    """Stop accepting proposals on a theme; it stays on the public list as closed."""
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    if theme.status != Theme.Status.PUBLISHED:
        raise ValidationError(_("Only a published theme can be closed."), code="not_published")
    theme.status = Theme.Status.CLOSED
    theme.closed_at = timezone.now()
    theme.save(update_fields=["status", "closed_at", "updated_at"])
    return theme
