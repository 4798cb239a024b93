"""What the portal records about a case besides its content: who read its dialogue when, who
read its confidential parts (閲覧記録), which deadline reminders went out."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Proposal


class ReadMark(models.Model):
    """When a person last read a case's dialogue: what came after is unread for them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="read_marks")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "proposal"], name="read_mark_unique")
        ]

    def __str__(self):
        return f"{self.user_id} read {self.proposal_id} at {self.read_at}"


class AccessLog(models.Model):
    """閲覧記録: who read a case's confidential content or downloaded a file, and when.

    One row per page view of the city's side (staff, evaluators), naming what the page showed;
    one per file download, by anyone (proposals.audit.log_access writes them).
    """

    class Kind(models.TextChoices):
        CONTENT = "content", _("Confidential content")
        VERSION = "version", _("Earlier version")
        FILE = "file", _("File download")
        MESSAGE_FILE = "message_file", _("Message file download")
        MESSAGES = "messages", _("Messages")
        MEETINGS = "meetings", _("Meeting records")
        MEETING = "meeting", _("Meeting record")
        AGREEMENT = "agreement", _("Agreement")
        MONITORING = "monitoring", _("Monitoring")
        EVALUATION = "evaluation", _("Evaluation")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="access_logs"
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.proposal_id}"


class ReminderLog(models.Model):
    """A reminder sent for one deadline of one case: never sent twice (cron-safe)."""

    class Kind(models.TextChoices):
        FIRST_RESPONSE = "first_response", _("First response")
        REPLY = "reply", _("Reply to the proposer")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "kind", "due_on"], name="reminder_once_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.proposal_id} {self.kind} {self.due_on}"
