"""The public record of outcomes (説明責任, DESIGN §5): what the city chose to publish.

A published decision is a snapshot: the public reason, the PPP method and, for a selection,
each candidate's total are copied when the office publishes, so the public record never
changes behind the reader's back and the public pages never touch confidential rows.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from evaluation.models import Round
from proposals.models import Proposal, ProposalTransition


class PublishedDecision(models.Model):
    """公表された決定: one decision on a case, as the public sees it."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("case"), on_delete=models.PROTECT, related_name="publications"
    )
    transition = models.OneToOneField(
        ProposalTransition,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="publication",
    )
    round = models.OneToOneField(
        Round,
        verbose_name=_("evaluation round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publication",
    )
    # Copied from the decision when published.
    decision = models.CharField(
        _("decision"), max_length=20, choices=ProposalTransition.Steps.choices
    )
    decided_at = models.DateTimeField(_("decided at"))
    public_reason = models.TextField(_("public reason"))
    ppp_method = models.CharField(_("public-private partnership method"), max_length=30, blank=True)
    opportunity = models.CharField(_("chance for other businesses"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=200)
    # 共創指針 原則3: the proposer's name and outline only with consent, or by the city's
    # choice once it publishes the decision.
    discloses_proposer = models.BooleanField(_("publish the proposer's name and outline"))
    proposer_name = models.CharField(_("proposer"), max_length=200, blank=True)
    outline = models.TextField(_("outline"), blank=True)
    selected_party = models.CharField(_("selected business"), max_length=200, blank=True)
    shows_candidate_names = models.BooleanField(_("publish the candidates' names"), default=False)
    # [{"label": "A", "name": "…" or "", "total": "82.50", "rank": 1, "passed": true,
    #   "selected": true}, …] in ranking order.
    candidates = models.JSONField(_("candidates' totals"), default=list, blank=True)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # The case's latest published decision (by decided_at): the one /results/ lists for the
    # case. Kept by save() and delete() through mark_latest, never set by hand.
    is_latest = models.BooleanField(_("latest decision of the case"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("published decision")
        verbose_name_plural = _("published decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [
            # /results/, the open data and the admin: newest decision first (issue 14).
            models.Index(fields=["-decided_at", "-id"], name="decision_decided_idx"),
            # A case's decisions in order: its latest one and their number (/results/), its
            # timeline (the result page).
            models.Index(fields=["proposal", "decided_at", "id"], name="decision_case_decided_idx"),
            # /results/ by decision: the cases with a decision of that kind.
            models.Index(fields=["decision", "proposal"], name="decision_kind_case_idx"),
            # /results/: one entry per case, newest first, read from this index alone.
            models.Index(
                fields=["-decided_at", "-id"],
                name="decision_latest_idx",
                condition=models.Q(is_latest=True),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_decision_display()})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        PublishedDecision.mark_latest(self.proposal_id)

    def get_absolute_url(self):
        return reverse("outcomes:result", args=[self.pk])

    def delete(self, *args, **kwargs):
        proposal_id = self.proposal_id
        deleted = super().delete(*args, **kwargs)
        PublishedDecision.mark_latest(proposal_id)
        return deleted

    @classmethod
    def mark_latest(cls, proposal_id) -> None:
        """Mark the case's latest decision (newest decided_at, then newest row) as its latest,
        and no other one."""
        decisions = cls.objects.filter(proposal_id=proposal_id)
        latest = decisions.order_by("-decided_at", "-pk").values_list("pk", flat=True).first()
        decisions.exclude(pk=latest).filter(is_latest=True).update(is_latest=False)
        if latest is not None:
            decisions.filter(pk=latest, is_latest=False).update(is_latest=True)


class PublicationPolicy(models.Model):
    """公表方針: which decisions the city publishes and how a case that went no further appears.

    One row, edited by the office in the admin (`current()` reads it; before anyone saves it,
    the defaults below apply). outcomes.services.publish_decision enforces it; a change applies
    to later publications (earlier ones are withdrawn on the case's publication page).
    The proposer's name and outline need the proposer's consent whatever the policy says
    (共創指針 原則3): that is a rule of the service, not a setting.
    """

    class UnsuccessfulTitle(models.TextChoices):
        NEUTRAL = "neutral", _("Always a neutral title written by the office")
        CONSENTED = (
            "consented",
            _(
                "The proposer's own title if they consented, otherwise a neutral title written by "
                "the office"
            ),
        )

    publishes_declines = models.BooleanField(
        _("publish decisions not to take a case forward"),
        default=True,
        help_text=_("Off: declined cases do not appear on the public pages at all."),
    )
    publishes_adoptions = models.BooleanField(_("publish adoptions"), default=True)
    publishes_non_adoptions = models.BooleanField(
        _("publish decisions not to adopt"),
        default=True,
        help_text=_("Off: cases not adopted do not appear on the public pages at all."),
    )
    publishes_selections = models.BooleanField(
        _("publish selection results"),
        default=True,
        help_text=_("The selected implementer and, for a selection round, the totals."),
    )
    publishes_completions = models.BooleanField(_("publish completions"), default=True)
    unsuccessful_title = models.CharField(
        _("title of a declined or not adopted case"),
        max_length=20,
        choices=UnsuccessfulTitle.choices,
        default=UnsuccessfulTitle.NEUTRAL,
        help_text=_("A proposer's own title is never published without their consent."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    # The policy's switch for each decision (proposals.workflow.DECISIONS).
    SWITCHES = {
        "decline": "publishes_declines",
        "adopt": "publishes_adoptions",
        "not_adopt": "publishes_non_adoptions",
        "select": "publishes_selections",
        "not_select": "publishes_selections",
        "complete": "publishes_completions",
    }
    # Decisions on a case that went no further: published under a neutral title.
    UNSUCCESSFUL = ("decline", "not_adopt")

    class Meta:
        verbose_name = _("publication policy")
        verbose_name_plural = _("publication policy")

    def __str__(self):
        return str(_("Publication policy"))

    @classmethod
    def current(cls) -> "PublicationPolicy":
        """The city's policy: the saved row, or the defaults while none is saved."""
        return cls.objects.order_by("pk").first() or cls()

    def publishes(self, decision: str) -> bool:
        switch = self.SWITCHES.get(decision)
        return bool(switch and getattr(self, switch))

    def uses_own_title(self, decision: str, *, consented: bool) -> bool:
        """Whether this decision may carry the proposer's own title (when no other is given)."""
        if decision not in self.UNSUCCESSFUL:
            return True
        return consented and self.unsuccessful_title == self.UnsuccessfulTitle.CONSENTED
