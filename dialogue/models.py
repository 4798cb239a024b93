"""Dialogue (対話): messages between a proposer and the city, internal notes, meeting records."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mishima_kyoso.common.files import PrivateFile, private_file_field, random_file_name
from proposals.models import Proposal

MESSAGE_MAX_LENGTH = 10000


def text_validators(limit: int) -> list:
    """A TextField's max_length only sizes the form's widget; the services' full_clean() checks
    these, so a text that bypasses the forms is held to the same limit (and to no NUL)."""
    return [MaxLengthValidator(limit), ProhibitNullCharactersValidator()]


class Side(models.TextChoices):
    """Which side of the case a person speaks for; stored, so the label never changes later."""

    # Translators: the city's side of a case (市).
    CITY = "city", _("City")
    # Translators: the proposer's side of a case (事業者).
    PROPOSER = "proposer", _("Proposer")


class Message(models.Model):
    """メッセージ: one message of a case's thread, or an internal note of the city (内部メモ)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    body = models.TextField(
        _("message"),
        max_length=MESSAGE_MAX_LENGTH,
        validators=text_validators(MESSAGE_MAX_LENGTH),
    )
    # 共創指針 原則3 and DESIGN §5: the proposer never sees an internal note, in any page or mail.
    is_internal = models.BooleanField(
        _("internal note"),
        default=False,
        help_text=_("Only the city's staff in charge read an internal note."),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["proposal", "created_at"], name="message_thread_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_internal=False) | models.Q(side="city"),
                name="message_internal_only_by_city",
            )
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.body[:30]}"

    def get_absolute_url(self):
        return reverse("dialogue:thread", args=[self.proposal_id]) + f"#message-{self.pk}"


def message_file_path(instance, filename):
    """A random name in the dialogue's folder (common.files.random_file_name)."""
    return random_file_name("dialogue", filename)


class MessageAttachment(PrivateFile):
    """A file sent with a message; as confidential as the message (and the note) it belongs to."""

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = private_file_field(message_file_path)
    uploaded_at = None  # sent with its message, at the message's time

    class Meta:
        verbose_name = _("message file")
        verbose_name_plural = _("message files")
        ordering = ["message", "pk"]

    def get_absolute_url(self):
        return reverse("dialogue:message_file", args=[self.message.proposal_id, self.pk])


class MeetingRecord(models.Model):
    """対話記録 / 連絡会の記録: what was said at a meeting with the proposer, and what next."""

    class Kind(models.TextChoices):
        # Translators: 対話 (a dialogue meeting with the proposer, stages 1 and 2).
        DIALOGUE = "dialogue", _("Dialogue meeting")
        # Translators: 連絡会 (a liaison meeting while the service runs, stage 4).
        LIAISON = "liaison", _("Liaison meeting")

    class Form(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("kind of meeting"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    city_attendees = models.TextField(
        _("attendees for the city"),
        max_length=1000,
        validators=text_validators(1000),
        help_text=_("Names and departments, one per line."),
    )
    business_attendees = models.TextField(
        _("attendees for the proposer"),
        max_length=1000,
        validators=text_validators(1000),
        help_text=_("Names and organisations, one per line."),
    )
    summary = models.TextField(_("summary"), max_length=10000, validators=text_validators(10000))
    next_steps = models.TextField(
        _("agreed next steps"),
        max_length=5000,
        validators=text_validators(5000),
        blank=True,
        help_text=_("Who does what by when."),
    )
    is_shared_with_proposer = models.BooleanField(
        _("shared with the proposer"),
        default=False,
        help_text=_(
            "The proposer's members can read a shared record. Leave it unticked for a record "
            "of the city's own use."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(_("last changed at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["proposal", "-held_on"], name="meeting_case_idx")]

    def __str__(self):
        return f"{self.held_on} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("dialogue:meeting", args=[self.proposal_id, self.pk])

    @property
    def is_changed(self) -> bool:
        return self.updated_at != self.created_at

    def clean(self):
        super().clean()
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError(
                {
                    "held_on": ValidationError(
                        _("A record is kept of a meeting that has taken place. Enter its date."),
                        code="held_in_future",
                    )
                }
            )


class MessageDraft(models.Model):
    """メッセージの下書き: what one person is writing on a case's thread, kept until it is sent.

    Saved by the page's 「下書きを保存」 button or as the person types (static/js/autosave.js);
    only its writer reads it, and sending the message deletes it."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.TextField(
        _("message"),
        max_length=MESSAGE_MAX_LENGTH,
        validators=text_validators(MESSAGE_MAX_LENGTH),
        blank=True,
    )
    # The city's choice of reader (MessageForm.visibility), if made; empty for the proposer.
    visibility = models.CharField(_("who reads this"), max_length=10, blank=True)
    updated_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("message draft")
        verbose_name_plural = _("message drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "author"], name="message_draft_one_per_author"
            )
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.body[:30]}"
