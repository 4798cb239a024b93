"""Reads that encode who sees which theme; every public page starts here."""

from django.db.models import Prefetch

from .models import Field, Theme, ThemeQuestion


def public_themes():
    """Published and closed themes, with what the list shows; drafts never appear."""
    return (
        Theme.objects.public()
        .select_related("department")
        .prefetch_related(Prefetch("fields", queryset=Field.objects.order_by("sort_order", "name")))
    )


def public_theme_detail():
    """public_themes() plus what one theme's page shows: answered questions and files."""
    return public_themes().prefetch_related(
        Prefetch(
            "questions",
            queryset=ThemeQuestion.objects.filter(answered_at__isnull=False),
            to_attr="answered_questions",
        ),
        "attachments",
    )


def themes_editable_by(user, queryset=None):
    """Themes a staff member may edit in the admin: all for the office, own department's else."""
    from accounts.roles import is_department_staff, is_office

    queryset = Theme.objects.all() if queryset is None else queryset
    if is_office(user):
        return queryset
    if is_department_staff(user):
        return queryset.filter(department_id=user.department_id)
    return queryset.none()
