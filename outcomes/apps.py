from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Published outcomes")

    def ready(self):
        from evaluation.models import CriteriaSet, Criterion, Round
        from mishima_kyoso.common.caching import bump_on_change
        from partnership.models import IndicatorResult
        from proposals.models import CallCommitteeMember, CallQuestion, OpenCall, ProposalTransition

        from .models import PublishedDecision

        # The public pages of outcomes are cached with the data version: what they show
        # changes with these rows (the statistics with every step of the workflow).
        bump_on_change(
            PublishedDecision,
            OpenCall,
            CallQuestion,
            CallCommitteeMember,
            IndicatorResult,
            ProposalTransition,
            CriteriaSet,
            Criterion,
            Round,
        )
