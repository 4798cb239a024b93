"""送信メール: the delivery record of every e-mail the portal sends."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Mail(models.Model):
    """One e-mail, written in the transaction that decides it and sent by a job.

    The record says whether the mail server has accepted it: a retry of the job, or a second
    worker, never sends a mail already accepted. Mails carry links, never confidential text
    (STYLE §12), so keeping them is safe.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("mail status", "Waiting to be sent")
        SENT = "sent", pgettext_lazy("mail status", "Sent")
        # The server went silent after the whole message was transmitted: it may or may not
        # have taken it. Not retried automatically (that could send a second copy).
        UNCONFIRMED = "unconfirmed", pgettext_lazy("mail status", "Sending unconfirmed")
        HELD = "held", pgettext_lazy("mail status", "Not sent (demo data)")

    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"), blank=True)  # erased once sent
    html_body = models.TextField(_("HTML text"), blank=True)
    from_email = models.CharField(_("sender"), max_length=254)
    to = models.JSONField(_("recipients"), default=list)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # A worker sending it holds it until then; another worker leaves it alone meanwhile.
    claimed_until = models.DateTimeField(_("being sent until"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("outgoing mail", "e-mail")
        verbose_name_plural = pgettext_lazy("outgoing mail", "e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_mail_status_idx")]

    def __str__(self):
        return self.subject
