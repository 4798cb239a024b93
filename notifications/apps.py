from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """お知らせ: every mail about an event also listed in the portal, with read state, and each
    user's choice of how (or whether) it is mailed."""

    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from outbox.services import register_notice_hook

        from . import services

        # The outbox (a lower app) calls back into this one through its hook: it never imports
        # notifications (DESIGN §6).
        register_notice_hook(services.record_notices)
        user_logged_in.connect(services.forget_unread_count_on_login, dispatch_uid="kyoso-unread")
