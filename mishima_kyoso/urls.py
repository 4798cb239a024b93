from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.decorators import departments_kept_out_of_the_admin
from municipality.selectors import city

from . import kept_forms, views
from .common.ids import OpaqueIdConverter

# Private pages name their rows by opaque tokens, not sequential numbers (common/ids.py).
register_converter(OpaqueIdConverter, "id")

admin.site.site_header = _("Kyoso portal administration")
admin.site.site_title = _("Kyoso portal")
# The office's own name, from the city's profile (municipality), read when the page renders.
admin.site.index_title = lazy(lambda: city().office_short_name, str)()
# Staff sign in through the accounts pages: throttled, and with two-factor authentication.
admin.site.login = secure_admin_login(admin.site.login)
# The admin is the office's: department staff are sent to their staff home (issue 13).
admin.site.admin_view = departments_kept_out_of_the_admin(admin.site.admin_view)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("free-proposals/", views.FreeProposalView.as_view(), name="free_proposal"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("language/", views.switch_language, name="switch_language"),
    path("kept/discard/", kept_forms.discard_view, name="kept_form_discard"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("", include("cocreation_list.urls")),
    path("accounts/", include("allauth.urls")),
    path("organization/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("proposals.urls")),
    path("", include("partnership.urls")),
    path("", include("dialogue.urls")),
    path("", include("evaluation.urls")),
    path("", include("outcomes.urls")),
    path("", include("soundings.urls")),
    path("", include("terms.urls")),
    path("", include("documents.urls")),
    path("", include("disclosure.urls")),
    path("", include("retention.urls")),
    path("", include("citizens.urls")),
    path("", include("api.urls")),
    path("", include("municipality.urls")),
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(views.admin_view_on_site),
        name="view_on_site",
    ),
    path("admin/", admin.site.urls),
]
