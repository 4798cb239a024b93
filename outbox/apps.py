from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Outgoing e-mail: a delivery record per mail, sent once by a job."""

    name = "outbox"
    verbose_name = _("Outgoing e-mail")
