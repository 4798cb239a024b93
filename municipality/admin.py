"""The city's profile in the administration: one row, changed by the office (its group holds
the permissions), never deleted, never a second one."""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from proposals.admin.history import ReadOnlyHistoryAdmin

from .models import CityProfile, validate_logo
from .selectors import has_profile


class HttpsURLField(forms.URLField):
    """An address typed without a scheme is read as https:// (Django 6's default)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class CityProfileForm(forms.ModelForm):
    class Meta:
        model = CityProfile
        field_classes = {"publication_policy_url": HttpsURLField}
        fields = (
            "city_name_ja",
            "city_name_en",
            "logo",
            "office_name_ja",
            "office_name_en",
            "office_short_name_ja",
            "office_short_name_en",
            "address_ja",
            "address_en",
            "hours_ja",
            "hours_en",
            "phone",
            "email",
            "reference_prefix",
            "publication_policy_url",
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            validate_logo(logo)
        return logo


@admin.register(CityProfile)
class CityProfileAdmin(ReadOnlyHistoryAdmin):
    form = CityProfileForm
    fieldsets = (
        (_("City"), {"fields": ("city_name_ja", "city_name_en", "logo")}),
        (
            _("Office and contact"),
            {
                "fields": (
                    "office_name_ja",
                    "office_name_en",
                    "office_short_name_ja",
                    "office_short_name_en",
                    "address_ja",
                    "address_en",
                    "hours_ja",
                    "hours_en",
                    "phone",
                    "email",
                )
            },
        ),
        (_("Cases and publication"), {"fields": ("reference_prefix", "publication_policy_url")}),
    )

    def has_add_permission(self, request):
        return not has_profile() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """One row: the list is its change form (or the add form before it exists)."""
        row = CityProfile.objects.order_by("pk").first()
        if row is None:
            if self.has_add_permission(request):
                return redirect(reverse("admin:municipality_cityprofile_add"))
            return super().changelist_view(request, extra_context)
        if not self.has_view_or_change_permission(request, row):
            return super().changelist_view(request, extra_context)  # refuses as the admin does
        return redirect(reverse("admin:municipality_cityprofile_change", args=[row.pk]))

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if "_continue" not in request.POST and "_addanother" not in request.POST:
            # Back to the admin's index rather than a list of one row.
            return redirect(reverse("admin:index"))
        return response
