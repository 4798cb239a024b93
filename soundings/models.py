"""サウンディング型市場調査: the city asks businesses, before it shapes a project, what they
could do; each business talks with the office one to one, and the office publishes a summary.

What a business writes and says (its registration, its answers, the record of its dialogue) is
seen only by that business and the office (共創指針 原則3); the public sees the sounding, its
schedule and, once published, the summary, naming only the participants who agreed.
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organization


class SoundingQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: every sounding but the drafts."""
        return self.exclude(status=Sounding.Status.DRAFT)


class Sounding(models.Model):
    """サウンディング型市場調査: one market sounding the office runs."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("sounding status", "Draft")
        PUBLISHED = "published", pgettext_lazy("sounding status", "Published")
        CLOSED = "closed", pgettext_lazy("sounding status", "Closed")
        SUMMARY_PUBLISHED = (
            "summary_published",
            pgettext_lazy("sounding status", "Results published"),
        )

    number = models.PositiveIntegerField(
        _("sounding number"), unique=True, editable=False, help_text=_("Public number, given once.")
    )
    title = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    questions = models.TextField(
        _("questions"), help_text=_("What the city asks the businesses; one question a line.")
    )
    registration_deadline = models.DateField(_("registration deadline"))
    dialogue_from = models.DateField(_("dialogue period from"))
    dialogue_until = models.DateField(_("dialogue period until"))
    contact = models.TextField(_("contact"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    summary = models.TextField(
        _("summary of results"),
        blank=True,
        help_text=_(
            "Public once published. Do not name a participant here: the names of those who "
            "agreed are listed with it."
        ),
    )
    summary_published_at = models.DateTimeField(
        _("results published at"), null=True, blank=True, editable=False
    )
    # Links both ways: the theme's and the call's pages read them back (related_name).
    theme = models.ForeignKey(
        "cocreation_list.Theme",
        verbose_name=_("resulting theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="soundings",
    )
    open_call = models.ForeignKey(
        "proposals.OpenCall",
        verbose_name=_("resulting open call"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="soundings",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SoundingQuerySet.as_manager()

    class Meta:
        verbose_name = _("sounding")
        verbose_name_plural = _("soundings")
        ordering = ["-published_at", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dialogue_until__gte=F("dialogue_from")),
                name="sounding_dialogue_period_in_order",
                violation_error_code="period_order",
                violation_error_message=_(
                    "The end of the dialogue period is before its start. Check both dates."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="sounding_public_has_publication_date",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.number is not None:
            return super().save(*args, **kwargs)
        # A public number is never reused; two soundings created at once retry the next one.
        for attempt in range(5):
            self.number = (Sounding.objects.aggregate(top=Max("number"))["top"] or 0) + 1
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.number = None
                if attempt == 4:
                    raise

    def get_absolute_url(self):
        return reverse("soundings:detail", args=[self.number])

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    @property
    def has_published_summary(self) -> bool:
        return self.status == self.Status.SUMMARY_PUBLISHED

    def is_accepting(self, on=None) -> bool:
        """Businesses may register until the end of the deadline day, while it is published."""
        on = on or timezone.localdate()
        return self.status == self.Status.PUBLISHED and on <= self.registration_deadline


class SoundingSlot(models.Model):
    """対話の枠: a time the office offers for a one-to-one dialogue."""

    sounding = models.ForeignKey(
        Sounding, verbose_name=_("sounding"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=1, help_text=_("How many businesses this slot can take.")
    )

    class Meta:
        verbose_name = _("dialogue slot")
        verbose_name_plural = _("dialogue slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="sounding_slot_in_order",
                violation_error_code="slot_order",
                violation_error_message=_("A slot ends after it starts. Check both times."),
            ),
        ]

    def __str__(self):
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


class Registration(models.Model):
    """参加申込: a business's registration to a sounding, its preferred slots and answers.

    Private to the business and the office (共創指針 原則3).
    """

    sounding = models.ForeignKey(
        Sounding,
        verbose_name=_("sounding"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="sounding_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    preferred_slots = models.ManyToManyField(
        SoundingSlot, verbose_name=_("preferred slots"), related_name="registrations", blank=True
    )
    written_answers = models.TextField(
        _("written answers"), blank=True, help_text=_("Optional: answers to the questions.")
    )
    agrees_to_be_named = models.BooleanField(
        _("agrees to be named"),
        default=False,
        help_text=_("The organisation's name may be listed with the published results."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sounding", "organization"],
                name="sounding_registration_once_per_organisation",
                violation_error_code="already_registered",
                violation_error_message=_("Your organisation has already registered."),
            )
        ]

    def __str__(self):
        return f"{self.sounding} / {self.organization}"


class DialogueRecord(models.Model):
    """対話記録: what was said in one dialogue; seen by the business and the office only."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="records",
    )
    held_on = models.DateField(_("held on"))
    notes = models.TextField(_("notes"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue record")
        verbose_name_plural = _("dialogue records")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.registration} ({self.held_on})"
