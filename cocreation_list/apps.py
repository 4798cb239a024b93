from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CocreationListConfig(AppConfig):
    name = "cocreation_list"
    verbose_name = _("Co-creation list")

    def ready(self):
        from accounts.models import Department

        from .caching import connect_signals
        from .models import Field, Theme, ThemeAttachment, ThemeQuestion

        # Theme first: its fields' through table is connected too.
        connect_signals([Theme, ThemeQuestion, ThemeAttachment, Field, Department])
