"""Shared goals (目標共有) along the four viewpoints, and the indicators (KPI) that measure them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cocreation_list.models import Viewpoint

from .case import Proposal


class SharedGoal(models.Model):
    """目標共有: a goal shared with the proposer along one of the four viewpoints."""

    Viewpoint = Viewpoint  # the four viewpoints, kept with the theme's goals (one home)

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="goals"
    )
    viewpoint = models.CharField(_("viewpoint"), max_length=10, choices=Viewpoint.choices)
    description = models.TextField(_("goal"), max_length=2000)
    agreed_on = models.DateField(
        _("agreed with the proposer on"),
        null=True,
        blank=True,
        help_text=_("Empty while the goal is still being discussed."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shared goal")
        verbose_name_plural = _("shared goals")
        ordering = ["proposal", "viewpoint", "pk"]

    def __str__(self):
        return f"{self.get_viewpoint_display()}: {self.description[:30]}"


class Indicator(models.Model):
    """指標 (KPI): how a shared goal is measured, with its baseline and target."""

    goal = models.ForeignKey(
        SharedGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    baseline = models.CharField(_("baseline"), max_length=50, blank=True)
    target = models.CharField(_("target value"), max_length=50)
    target_on = models.DateField(_("target date"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["goal", "pk"]

    def __str__(self):
        return self.name
