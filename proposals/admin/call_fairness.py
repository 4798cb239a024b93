"""Fair open calls in the admin (共創指針 原則3), the office's only: it answers the questions on
the calls (public for everyone once answered) and enters each call's selection committee
(public with the selection result). Writes go through proposals.call_fairness."""

from django import forms
from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_office

from .. import call_fairness
from ..models import CallCommitteeMember, CallQuestion, OpenCall


class OfficeOnlyMixin:
    """The office only; department staff and businesses never enter."""

    def has_module_permission(self, request):
        return is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return is_office(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_office(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_office(request.user) and super().has_delete_permission(request, obj)


class AnsweredFilter(admin.SimpleListFilter):
    title = _("answered")
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return (("no", _("Not answered yet")), ("yes", _("Answered (public)")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(answered_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(answered_at__isnull=True)
        return queryset


class CallQuestionForm(forms.ModelForm):
    class Meta:
        model = CallQuestion
        fields = ("answer",)
        widgets = {"answer": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "answer": _(
                "Published on the call's page for every business as soon as it is saved, without "
                "the questioner's name. Leave empty to keep the question off the public page."
            )
        }


@admin.register(CallQuestion)
class CallQuestionAdmin(OfficeOnlyMixin, admin.ModelAdmin):
    form = CallQuestionForm
    list_display = ("short_question", "call", "asked_on", "is_answered", "organization")
    list_filter = (AnsweredFilter, "call")
    list_select_related = ("call", "organization")
    search_fields = ("question", "answer", "call__title")
    fields = ("call", "organization", "asked_by", "asked_on", "question", "answer", "answered_at")
    readonly_fields = ("call", "organization", "asked_by", "asked_on", "question", "answered_at")
    ordering = ("answered_at", "-asked_on", "-pk")  # the unanswered first

    @admin.display(description=_("question"))
    def short_question(self, obj):
        return Truncator(obj.question).chars(60)

    @admin.display(description=_("answered"), boolean=True)
    def is_answered(self, obj):
        return obj.is_answered

    def has_add_permission(self, request):
        return False  # businesses ask on the portal, within the question period

    def has_delete_permission(self, request, obj=None):
        return False  # kept on the record; an unanswered question is never public anyway

    def save_model(self, request, obj, form, change):
        call_fairness.answer_call_question(
            question=obj, by=request.user, answer=form.cleaned_data["answer"]
        )


class CommitteeMemberForm(forms.ModelForm):
    class Meta:
        model = CallCommitteeMember
        fields = ("call", "name", "role", "affiliation", "sort_order")


@admin.register(CallCommitteeMember)
class CallCommitteeMemberAdmin(OfficeOnlyMixin, admin.ModelAdmin):
    form = CommitteeMemberForm
    list_display = ("name", "role", "affiliation", "call", "sort_order")
    list_filter = ("call",)
    list_select_related = ("call",)
    search_fields = ("name", "affiliation", "call__title")
    ordering = ("call", "sort_order", "pk")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "call":
            kwargs["queryset"] = OpenCall.objects.order_by("-pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = call_fairness.save_committee_member(
            call=data["call"],
            by=request.user,
            member=obj if change else None,
            **{name: data[name] for name in call_fairness.COMMITTEE_FIELDS},
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        call_fairness.remove_committee_member(member=obj, by=request.user)
