from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    """情報公開請求: requests for disclosure of the city's records of cases."""

    name = "disclosure"
    verbose_name = _("Disclosure requests")
    default_auto_field = "django.db.models.BigAutoField"
