from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """保存期間と廃棄: retention periods, the office's approval, disposal; a proposer's own
    export and the closing of an account."""

    name = "retention"
    verbose_name = _("Retention and disposal")
    default_auto_field = "django.db.models.BigAutoField"
