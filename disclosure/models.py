"""情報公開請求: a request for disclosure against cases, the parts marked non-disclosable, the
proposer's opinion asked (第三者意見照会), and the log of every step."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from dialogue.models import Message
from proposals.models import Proposal, ProposalAttachment


class Ground(models.TextChoices):
    """The ordinance's grounds for withholding a part (不開示情報)."""

    # Translators: 法人等情報 (information of a corporation whose disclosure would harm it).
    CORPORATE = "corporate", _("Business information of a corporation")
    # Translators: 個人情報
    PERSONAL = "personal", _("Personal information")
    # Translators: 意思形成過程情報 (deliberation inside the city not yet concluded).
    DELIBERATION = "deliberation", _("Information on deliberation in progress")
    # Translators: 事務事業情報 (would hinder the city's affairs).
    AFFAIRS = "affairs", _("Information on the city's affairs")


class DisclosureRequest(models.Model):
    """情報公開請求: recorded by the office against one or more cases."""

    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("disclosure status", "Received")
        OPINION_REQUESTED = "opinion_requested", _("Opinion requested")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", pgettext_lazy("disclosure status", "Closed")

    class Decision(models.TextChoices):
        FULL = "full", _("Full disclosure")
        PARTIAL = "partial", _("Partial disclosure")
        NONE = "none", _("Non-disclosure")

    received_on = models.DateField(_("received on"))
    requester = models.TextField(
        _("requester"),
        max_length=2000,
        help_text=_("Who asks and what they ask for, as the office records it."),
    )
    cases = models.ManyToManyField(
        Proposal, verbose_name=_("cases"), related_name="disclosure_requests"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    decision_due_on = models.DateField(_("decision due on"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disclosure request")
        verbose_name_plural = _("disclosure requests")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.received_on} #{self.pk}"

    def get_absolute_url(self):
        return reverse("disclosure:request", args=[self.pk])


class Mark(models.Model):
    """A part of a case that is not disclosed: a section of its content or one of its files."""

    class By(models.TextChoices):
        # Translators: the proposer marked it as their own know-how (独自のノウハウ).
        PROPOSER = "proposer", _("Proposer's know-how")
        OFFICE = "office", _("Office")

    request = models.ForeignKey(
        DisclosureRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="marks"
    )
    case = models.ForeignKey(
        Proposal, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    section = models.CharField(_("section"), max_length=20, blank=True)
    attachment = models.ForeignKey(
        ProposalAttachment,
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    ground = models.CharField(_("ground"), max_length=20, choices=Ground.choices)
    marked_by = models.CharField(_("marked by"), max_length=10, choices=By.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("non-disclosable part")
        verbose_name_plural = _("non-disclosable parts")
        ordering = ["case", "section", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(section="") & Q(attachment__isnull=False))
                | (~Q(section="") & Q(attachment__isnull=True)),
                name="disclosure_mark_section_or_file",
            ),
            models.UniqueConstraint(
                fields=["request", "case", "section"],
                condition=~Q(section=""),
                name="disclosure_mark_section_once",
            ),
            models.UniqueConstraint(
                fields=["request", "attachment"],
                condition=Q(attachment__isnull=False),
                name="disclosure_mark_file_once",
            ),
        ]

    def __str__(self):
        return f"{self.case_id} {self.section or self.attachment_id}: {self.ground}"


class ThirdPartyOpinion(models.Model):
    """第三者意見照会: the proposer is asked, through the dialogue, whether they object."""

    class Answer(models.TextChoices):
        AGREE = "agree", _("No objection to the disclosure")
        OBJECT = "object", _("Objection to the disclosure")

    request = models.ForeignKey(
        DisclosureRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    case = models.ForeignKey(
        Proposal, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField(_("answer due on"))
    message = models.ForeignKey(
        Message,
        verbose_name=_("message"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    reasons = models.TextField(_("reasons"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("third-party opinion")
        verbose_name_plural = _("third-party opinions")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "case"], name="disclosure_opinion_once")
        ]

    def __str__(self):
        return f"{self.request_id} {self.case_id}"

    def get_absolute_url(self):
        return reverse("disclosure:opinion", args=[self.pk])


class Event(models.Model):
    """The request's log: every step, by whom and when, against which case."""

    class Action(models.TextChoices):
        RECEIVE = "receive", _("Request recorded")
        MARK = "mark", _("Parts marked")
        REQUEST_OPINION = "request_opinion", _("Opinion requested")
        ANSWER_OPINION = "answer_opinion", _("Opinion answered")
        EXPORT = "export", _("Case file downloaded")
        DECIDE = "decide", _("Decision recorded")
        CLOSE = "close", _("Request closed")

    request = models.ForeignKey(
        DisclosureRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    case = models.ForeignKey(
        Proposal,
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disclosure_events",
    )
    action = models.CharField(_("step"), max_length=20, choices=Action.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("disclosure step")
        verbose_name_plural = _("disclosure steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request_id} {self.action}"
