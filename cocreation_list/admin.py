"""The office's (and departments') admin for the co-creation list."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.roles import is_department_staff, is_office
from mishima_kyoso import search
from mishima_kyoso.common.admin_lists import LabelledListEditableAdmin

from . import services
from .models import (
    Field,
    Theme,
    ThemeAttachment,
    ThemeGoal,
    ThemeIndicator,
    ThemeQuestion,
    Viewpoint,
)
from .selectors import themes_editable_by


@admin.register(Field)
class FieldAdmin(LabelledListEditableAdmin):
    list_display = ("name", "code", "sort_order")
    list_editable = ("sort_order",)
    search_fields = ("name", "code")


class AcceptingNowFilter(admin.SimpleListFilter):
    title = _("accepting now")
    parameter_name = "accepting"

    def lookups(self, request, model_admin):
        return (("yes", _("Yes")), ("no", _("No")))

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.accepting(today)
        if self.value() == "no":
            return queryset.exclude(pk__in=Theme.objects.accepting(today).values("pk"))
        return queryset


class ThemeQuestionInline(admin.StackedInline):
    model = ThemeQuestion
    extra = 0
    fields = ("asked_on", "question", "answer", "answered_at")
    readonly_fields = ("answered_at",)


class ThemeAttachmentInline(admin.StackedInline):
    model = ThemeAttachment
    extra = 0
    fields = ("title", "file", "sort_order")


class ThemeGoalFormSet(BaseInlineFormSet):
    """The theme's goals; tells the indicators' formset of the same form which viewpoints will
    have a goal once saved (ThemeAdmin.get_formset_kwargs hands both the same `siblings`)."""

    def __init__(self, *args, siblings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if siblings is not None:
            siblings["goals"] = self

    def viewpoints(self) -> set[str]:
        self.errors  # noqa: B018 (cleans every form once)
        return {
            form.cleaned_data["viewpoint"]
            for form in self.forms
            if form.cleaned_data.get("viewpoint")
            and not (self.can_delete and self._should_delete_form(form))
        }


class ThemeIndicatorFormSet(BaseInlineFormSet):
    """An indicator measures the theme's goal on its viewpoint: that goal exists once saved."""

    def __init__(self, *args, siblings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.siblings = siblings if siblings is not None else {}

    def _viewpoints_with_goal(self) -> set[str]:
        goals = self.siblings.get("goals")
        if goals is not None and goals.is_bound:
            return goals.viewpoints()
        if self.instance.pk is None:
            return set()
        return set(self.instance.goals.values_list("viewpoint", flat=True))

    def clean(self):
        super().clean()
        with_goal = self._viewpoints_with_goal()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            viewpoint = form.cleaned_data.get("viewpoint")
            if viewpoint and viewpoint not in with_goal:
                form.add_error(
                    "viewpoint",
                    ValidationError(
                        _(
                            "This theme has no goal on this viewpoint. Add the goal under "
                            "the theme's goals, or choose another viewpoint."
                        ),
                        code="no_goal",
                    ),
                )


class ThemeGoalInline(admin.StackedInline):
    """The goals on the four viewpoints (共創指針 原則2), one per viewpoint; public with the
    theme, and where a proposal on it starts."""

    model = ThemeGoal
    formset = ThemeGoalFormSet
    fields = ("viewpoint", "description")
    max_num = len(Viewpoint)

    def get_extra(self, request, obj=None, **kwargs):
        # A blank form for each viewpoint still without a goal: no JavaScript needed to add.
        return len(Viewpoint) - (obj.goals.count() if obj is not None and obj.pk else 0)


class ThemeIndicatorInline(admin.StackedInline):
    model = ThemeIndicator
    formset = ThemeIndicatorFormSet
    fields = ("viewpoint", "name", "unit", "baseline", "target", "target_on")
    extra = 1


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "title",
        "status",
        "department",
        "is_year_round",
        "accepts_until",
        "published_at",
    )
    list_display_links = ("number", "title")
    list_filter = ("status", "fields", "department", AcceptingNowFilter)
    show_full_result_count = False  # no second COUNT of every theme under a filtered list
    list_select_related = ("department",)
    search_fields = ("title", "background", "wanted", "=number")  # shows the box: see below
    readonly_fields = ("number", "status", "published_at", "closed_at")
    # Check boxes, not the two-list JavaScript widget: usable without JavaScript and by screen
    # readers (the widget has unlabelled parts and low-contrast help).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    inlines = (ThemeGoalInline, ThemeIndicatorInline, ThemeAttachmentInline, ThemeQuestionInline)
    actions = ("publish_selected", "close_selected")
    fieldsets = (
        (None, {"fields": ("number", "status", "title", "department", "fields")}),
        (
            _("Content"),
            {"fields": ("background", "wanted", "business_role", "city_offer", "conditions")},
        ),
        (_("Call period"), {"fields": ("is_year_round", "accepts_from", "accepts_until")}),
        (_("Contact"), {"fields": ("contact",)}),
        (_("Publication"), {"fields": ("published_at", "closed_at")}),
    )

    def get_search_results(self, request, queryset, search_term):
        """The public list's rule (mishima_kyoso.search) over every text of the theme, through
        its index on PostgreSQL; a number alone is also the theme's number."""
        for term in search.terms(search_term):
            condition = search.condition(term)
            if term.isdigit() and len(term) < 10:
                condition |= Q(number=int(term))
            queryset = queryset.filter(condition)
        return queryset, False

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if issubclass(inline.formset, (ThemeGoalFormSet, ThemeIndicatorFormSet)):
            # One dict per request: the indicators are checked against the goals as submitted.
            kwargs["siblings"] = request.__dict__.setdefault("_kyoso_theme_goal_formsets", {})
        return kwargs

    # Department staff edit only their own department's themes.
    def get_queryset(self, request):
        return themes_editable_by(request.user, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department" and not is_office(request.user):
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(
                pk=request.user.department_id
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not is_office(request.user):
            if not is_department_staff(request.user):
                raise PermissionDenied
            obj.department_id = request.user.department_id
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # A public theme's number and URL stay its own: close it instead of deleting it.
        if obj is not None and obj.is_public:
            return False
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        """Publishing and closing are the office's decisions; departments prepare drafts."""
        return is_office(request.user)

    def _run(self, request, queryset, service, done_message):
        done = 0
        for theme in queryset:
            try:
                service(theme=theme, by=request.user)
            except ValidationError as refusal:
                for text in refusal.messages:
                    self.message_user(
                        request, f"{theme.number} {theme.title}: {text}", messages.ERROR
                    )
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected themes"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._run(
            request,
            queryset,
            services.publish_theme,
            lambda n: ngettext(
                "%(count)d theme was published.", "%(count)d themes were published.", n
            ),
        )

    @admin.action(description=_("Close the selected themes"), permissions=["publish"])
    def close_selected(self, request, queryset):
        self._run(
            request,
            queryset,
            services.close_theme,
            lambda n: ngettext("%(count)d theme was closed.", "%(count)d themes were closed.", n),
        )
