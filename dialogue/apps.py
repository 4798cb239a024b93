from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "dialogue"
    # Translators: 対話 — the exchange between a proposer and the city on one case.
    verbose_name = _("Dialogue")
