"""Stage 3 (事業具体化): the open call that gives other businesses their chance, and the
agreement that fixes roles and risks (共創指針 原則3・原則4)."""

import os
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


def _private_storage():
    from . import private_storage

    return private_storage()


def agreement_document_path(instance, filename):
    """A random name, as for every private file."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"agreements/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


class OpenCall(models.Model):
    """公募: the city's public call for businesses to implement an adopted proposal.

    Only what the city writes here is public; the original proposal's confidential content
    never appears on the call (原則3).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("open call status", "Draft")
        PUBLISHED = "published", pgettext_lazy("open call status", "Published")

    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("adopted proposal"),
        on_delete=models.PROTECT,
        related_name="call",
    )
    number = models.PositiveIntegerField(
        _("call number"), unique=True, null=True, blank=True, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("what the city wants done"),
        max_length=10000,
        help_text=_("Public. Write it yourself: never copy the proposer's confidential content."),
    )
    conditions = models.TextField(
        _("conditions of participation"), max_length=10000, help_text=_("Public.")
    )
    starts_on = models.DateField(_("applications from"))
    ends_on = models.DateField(_("applications until"))
    contact = models.CharField(_("contact"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("open call")
        verbose_name_plural = _("open calls")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="open_call_period_order",
                violation_error_code="period_order",
                violation_error_message=_("The end of the period must not be before its start."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outcomes:call", args=[self.number]) if self.number else ""

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def is_accepting(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.is_published and self.starts_on <= on <= self.ends_on


class Agreement(models.Model):
    """協定・契約: the term, the terms that reward good operation, and the signing (原則4)."""

    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="agreement",
    )
    title = models.CharField(_("title of the agreement"), max_length=200)
    starts_on = models.DateField(_("term from"))
    ends_on = models.DateField(_("term until"), null=True, blank=True)
    incentives = models.TextField(
        _("terms that reward good operation"),
        max_length=5000,
        blank=True,
        help_text=_(
            "For example a fee linked to the shared-goal indicators, or an extension on good "
            "results."
        ),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signing recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="agreement_term_order",
                violation_error_code="term_order",
                violation_error_message=_("The end of the term must not be before its start."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None


class RoleRiskItem(models.Model):
    """役割分担・リスク分担表の一行: an item, each side's role, and who bears the risk."""

    class Bearer(models.TextChoices):
        CITY = "city", _("The city")
        BUSINESS = "business", _("The business")
        SHARED = "shared", _("Shared")
        CONSULT = "consult", _("Decided by consultation")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="items"
    )
    item = models.CharField(_("item"), max_length=200)
    city_role = models.TextField(_("the city's role"), max_length=2000, blank=True)
    business_role = models.TextField(_("the business's role"), max_length=2000, blank=True)
    risk_bearer = models.CharField(_("who bears the risk"), max_length=10, choices=Bearer.choices)
    risk_note = models.CharField(_("risk note"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role and risk item")
        verbose_name_plural = _("role and risk table")
        ordering = ["agreement", "order", "pk"]

    def __str__(self):
        return self.item


class AgreementDocument(models.Model):
    """協定書などの文書: a private file of the agreement, served only through a checked view."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(
        _("file"), upload_to=agreement_document_path, storage=_private_storage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
