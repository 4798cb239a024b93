from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SoundingsConfig(AppConfig):
    name = "soundings"
    verbose_name = _("Sounding market research")

    def ready(self):
        from mishima_kyoso.common.caching import bump_on_change

        from .models import Sounding, SoundingSlot

        # The cached public pages (the soundings, and the themes and calls they link to) show
        # these rows; registrations and records are never on a public page.
        bump_on_change(Sounding, SoundingSlot)
