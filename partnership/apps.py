from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    """Stages 3 and 4 after the selection: the agreement and the monitoring of a case."""

    name = "partnership"
    # Translators: 協定とモニタリング — the agreement of a case and the monitoring of its operation.
    verbose_name = _("Agreements and monitoring")

    def ready(self):
        from proposals import workflow

        from . import checks

        # The workflow reads no agreement itself: this app makes its steps wait for one
        # (proposals/workflow.py, require()).
        workflow.require(workflow.A.AGREE, checks.check_agreement_ready)
        workflow.require(workflow.A.START_OPERATION, checks.check_agreement_signed)
