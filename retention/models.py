"""保存期間と廃棄: what is due for disposal (listed by a periodic job), the office's approval,
and the minimal record kept of what was disposed of."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proposals.models import Proposal


class RecordClass(models.TextChoices):
    """The classes of records with a retention period (settings.KYOSO_RETENTION, in months)."""

    CLOSED_CASE = "closed_case", _("Declined, withdrawn or not adopted case")
    COMPLETED_CASE = "completed_case", _("Completed case")
    ACCESS_LOG = "access_log", _("Access log")
    INACTIVE_ACCOUNT = "inactive_account", _("Account without activity")


class DisposalCandidate(models.Model):
    """A record whose retention period has passed, waiting for the office's approval."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        DISPOSED = "disposed", _("Disposed of")

    record_class = models.CharField(_("record class"), max_length=20, choices=RecordClass.choices)
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    retained_until = models.DateField(_("retained until"))
    cutoff = models.DateTimeField(_("records before"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    listed_at = models.DateTimeField(_("listed at"), default=timezone.now)

    class Meta:
        verbose_name = _("disposal candidate")
        verbose_name_plural = _("disposal candidates")
        ordering = ["retained_until", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_class", "proposal"],
                condition=Q(proposal__isnull=False),
                name="retention_case_listed_once",
            ),
            models.UniqueConstraint(
                fields=["record_class", "user"],
                condition=Q(user__isnull=False),
                name="retention_account_listed_once",
            ),
            models.UniqueConstraint(
                fields=["record_class"],
                condition=Q(record_class="access_log", status="pending"),
                name="retention_one_pending_log_purge",
            ),
        ]

    def __str__(self):
        return f"{self.record_class} {self.proposal_id or self.user_id or self.cutoff}"


class DisposalRecord(models.Model):
    """廃棄記録: what is kept of a disposed record: its number, dates, decision and approver."""

    candidate = models.OneToOneField(
        DisposalCandidate,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="record",
    )
    record_class = models.CharField(_("record class"), max_length=20, choices=RecordClass.choices)
    reference = models.CharField(_("reference number"), max_length=20, blank=True)
    submitted_on = models.DateField(_("received on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=12, choices=Proposal.Status.choices, blank=True
    )
    details = models.JSONField(_("details"), default=dict, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    disposed_at = models.DateTimeField(_("disposed at"), default=timezone.now)

    class Meta:
        verbose_name = _("disposal record")
        verbose_name_plural = _("disposal records")
        ordering = ["-disposed_at", "-pk"]

    def __str__(self):
        return f"{self.record_class} {self.reference} {self.disposed_at:%Y-%m-%d}"
