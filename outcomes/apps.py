from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Published outcomes")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cocreation_list.caching import bump_data_version
        from evaluation.models import CriteriaSet, Criterion, Round
        from partnership.models import IndicatorResult
        from proposals.models import OpenCall, ProposalTransition

        from .models import PublishedDecision

        # The public pages of outcomes are cached with the data version: what they show
        # changes with these rows (the statistics with every step of the workflow).
        for model in (
            PublishedDecision,
            OpenCall,
            IndicatorResult,
            ProposalTransition,
            CriteriaSet,
            Criterion,
            Round,
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_data_version,
                    sender=model,
                    dispatch_uid=f"kyoso-outcomes-{signal is post_save}-{model.__name__}",
                )
