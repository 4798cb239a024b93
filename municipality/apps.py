from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalityConfig(AppConfig):
    name = "municipality"
    verbose_name = _("Municipality")

    def ready(self):
        from mishima_kyoso.common.caching import bump_on_change

        from .models import CityProfile

        # The public pages show the city's name and contact: cached copies go stale with it.
        bump_on_change(CityProfile)
