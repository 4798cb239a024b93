from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Formal documents of a case: the receipt slip (受付票) and the decision notices
    (採否通知書), numbered in the city's document series (文書番号), as PDF."""

    name = "documents"
    # Translators: 公文書 — the receipt slips and decision notices the city issues.
    verbose_name = _("Formal documents")

    def ready(self):
        from proposals import workflow

        from . import services

        # The workflow knows nothing of documents: this app issues one after each step that
        # receives or decides a case (proposals/workflow.py, after()).
        for step in services.ISSUED_AFTER:
            workflow.after(step, services.issue_after_step)
