from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only public API (/api/v1/): what the public pages show, as JSON (issue 15 §8)."""

    name = "api"
    verbose_name = _("Public API")
