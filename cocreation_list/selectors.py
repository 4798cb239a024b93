"""Reads that encode who sees which theme; every public page starts here."""

from collections import defaultdict

from django.db.models import Prefetch

from .models import Field, Theme, ThemeGoal, ThemeIndicator, ThemeQuestion

# What theme_goals() reads: prefetched with the themes, a page's goals cost two queries whatever
# their number.
GOALS = ("goals", "indicators")


def public_themes():
    """Published and closed themes, with what the list shows; drafts never appear."""
    return (
        Theme.objects.public()
        .select_related("department")
        .prefetch_related(Prefetch("fields", queryset=Field.objects.order_by("sort_order", "name")))
    )


def public_theme_detail():
    """public_themes() plus what one theme's page shows: answered questions, files, goals."""
    return public_themes().prefetch_related(
        Prefetch(
            "questions",
            queryset=ThemeQuestion.objects.answered(),
            to_attr="answered_questions",
        ),
        "attachments",
        *GOALS,
    )


def theme_goals(theme) -> list[tuple[ThemeGoal, list[ThemeIndicator]]]:
    """The theme's goals in the order of the four viewpoints, each with the indicators of its
    viewpoint: what the theme's page, the API and a new case's first goals (proposals) read.
    An indicator on a viewpoint without a goal is left out (the admin refuses one)."""
    measured = defaultdict(list)
    for indicator in theme.indicators.all():
        measured[indicator.viewpoint].append(indicator)
    return [(goal, measured[goal.viewpoint]) for goal in theme.goals.all()]


def themes_editable_by(user, queryset=None):
    """Themes a staff member may edit in the admin: all for the office, own department's else."""
    from accounts.roles import is_department_staff, is_office

    queryset = Theme.objects.all() if queryset is None else queryset
    if is_office(user):
        return queryset
    if is_department_staff(user):
        return queryset.filter(department_id=user.department_id)
    return queryset.none()
