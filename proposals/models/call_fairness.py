"""Fair open calls (公募の公平性, 共創指針 原則3): the questions on a call answered publicly for
everyone, and the selection committee published with the result.

Who asked a question is kept for the office only; the public pages never name them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocreation_list.models import PublicQuestion


class CallQuestion(PublicQuestion):
    """公募への質問と回答: a business's question on an open call, public once answered."""

    call = models.ForeignKey(
        "proposals.OpenCall",
        verbose_name=_("open call"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    # The office's only: never shown on a public page (原則3, fairness without naming).
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("asked by organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )

    history = HistoricalRecords()

    class Meta(PublicQuestion.Meta):
        verbose_name = _("question on an open call")
        verbose_name_plural = _("questions on open calls")
        indexes = [models.Index(fields=["call", "answered_at"], name="call_question_answered_idx")]


class CallCommitteeMember(models.Model):
    """選定委員会の委員: one member of the committee that selects the implementer of a call.

    Published with the selection result, never before; no personal contact is kept here.
    """

    call = models.ForeignKey(
        "proposals.OpenCall",
        verbose_name=_("open call"),
        on_delete=models.PROTECT,
        related_name="committee",
    )
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(
        _("role on the committee"), max_length=100, help_text=_("For example: chair, member.")
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=200,
        blank=True,
        help_text=_("Organisation and title only. Never a personal address, phone or e-mail."),
    )
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("selection committee member")
        verbose_name_plural = _("selection committee members")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name
