"""The office's admin for soundings: the sounding with its slots, the registrations with the
records of each dialogue, and the summary. Office only: department staff and evaluators see
none of it (the registrations and records are private to each business and the office)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.roles import is_office

from . import services
from .models import DialogueRecord, Registration, Sounding, SoundingSlot


class OfficeOnly:
    """Office staff only (their group holds the model permissions: migration 0002)."""

    def has_module_permission(self, request):
        return is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return is_office(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_office(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_office(request.user) and super().has_delete_permission(request, obj)


class SoundingSlotInline(OfficeOnly, admin.StackedInline):
    model = SoundingSlot
    extra = 1
    fields = ("starts_at", "ends_at", "capacity")
    # One labelled date-and-time control per field (the admin's split widget leaves its time
    # box without a label: axe-core's "label" rule).
    formfield_overrides = {
        models.DateTimeField: {
            "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        }
    }


@admin.register(Sounding)
class SoundingAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = (
        "number",
        "title",
        "status",
        "registration_deadline",
        "dialogue_from",
        "dialogue_until",
        "published_at",
    )
    list_display_links = ("number", "title")
    list_filter = ("status",)
    search_fields = ("title", "description", "=number")
    readonly_fields = ("number", "status", "published_at", "summary_published_at")
    raw_id_fields = ("theme", "open_call")
    inlines = (SoundingSlotInline,)
    actions = ("publish_selected", "close_selected", "publish_summary_selected")
    fieldsets = (
        (None, {"fields": ("number", "status", "title", "description", "questions")}),
        (_("Schedule"), {"fields": ("registration_deadline", "dialogue_from", "dialogue_until")}),
        (_("Contact"), {"fields": ("contact",)}),
        (_("Results"), {"fields": ("summary", "theme", "open_call")}),
        (_("Publication"), {"fields": ("published_at", "summary_published_at")}),
    )

    def has_delete_permission(self, request, obj=None):
        # A public sounding's number and page stay: close it instead of deleting it.
        if obj is not None and obj.is_public:
            return False
        return super().has_delete_permission(request, obj)

    def _run(self, request, queryset, service, done_message):
        done = 0
        for sounding in queryset:
            try:
                service(sounding=sounding, by=request.user)
            except ValidationError as refusal:
                for text in refusal.messages:
                    self.message_user(
                        request, f"{sounding.number} {sounding.title}: {text}", messages.ERROR
                    )
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected soundings"))
    def publish_selected(self, request, queryset):
        self._run(
            request,
            queryset,
            services.publish_sounding,
            lambda n: ngettext(
                "%(count)d sounding was published.", "%(count)d soundings were published.", n
            ),
        )

    @admin.action(description=_("Close registration of the selected soundings"))
    def close_selected(self, request, queryset):
        self._run(
            request,
            queryset,
            services.close_sounding,
            lambda n: ngettext(
                "%(count)d sounding was closed.", "%(count)d soundings were closed.", n
            ),
        )

    @admin.action(description=_("Publish the results of the selected soundings"))
    def publish_summary_selected(self, request, queryset):
        self._run(
            request,
            queryset,
            services.publish_summary,
            lambda n: ngettext(
                "The results of %(count)d sounding were published.",
                "The results of %(count)d soundings were published.",
                n,
            ),
        )


class DialogueRecordInline(OfficeOnly, admin.StackedInline):
    model = DialogueRecord
    extra = 1
    fields = ("held_on", "notes", "recorded_by")
    readonly_fields = ("recorded_by",)


@admin.register(Registration)
class RegistrationAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = (
        "sounding",
        "organization",
        "contact_name",
        "agrees_to_be_named",
        "created_at",
    )
    list_filter = ("sounding", "agrees_to_be_named")
    list_select_related = ("sounding", "organization")
    search_fields = ("organization__name", "contact_name", "contact_email")
    # What the business wrote stays as it wrote it; the office adds the records.
    readonly_fields = (
        "sounding",
        "organization",
        "registered_by",
        "contact_name",
        "contact_email",
        "contact_phone",
        "preferred_slots",
        "written_answers",
        "agrees_to_be_named",
        "created_at",
    )
    fields = readonly_fields
    inlines = (DialogueRecordInline,)
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}

    def has_add_permission(self, request):
        return False  # businesses register on the portal

    def save_formset(self, request, form, formset, change):
        for record in formset.save(commit=False):
            if record.pk is None:
                record.recorded_by = request.user
            record.save()
        for gone in formset.deleted_objects:
            gone.delete()
