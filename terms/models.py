"""Versioned terms (提案規約, 個人情報の取扱い, 誓約事項) and their acceptances.

A published version is never changed: a new text is a new row with the next version number,
effective from its date (services.publish_version). The text is content, kept as data (the
first versions come from a data migration), not as translatable strings.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    PROPOSAL_TERMS = "proposal_terms", _("Proposal terms")
    PRIVACY = "privacy", _("Privacy notice")
    PLEDGE = "pledge", _("Eligibility pledge")


class TermsVersion(models.Model):
    """One version of a document the proposer accepts; immutable once saved."""

    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Plain text; a blank line starts a new paragraph.")
    )
    effective_on = models.DateField(
        _("effective from"),
        default=timezone.localdate,
        help_text=_("From this day on, proposers accept this version."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("terms version")
        verbose_name_plural = _("terms versions")
        ordering = ("kind", "-version")
        constraints = [
            models.UniqueConstraint(fields=("kind", "version"), name="terms_version_unique"),
        ]

    def __str__(self):
        return _("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}

    def save(self, *args, **kwargs):
        # A version people may have accepted keeps its words: a change is a new version.
        if not self._state.adding:
            raise ValidationError(
                _("A published version cannot be changed; publish a new version instead."),
                code="immutable",
            )
        super().save(*args, **kwargs)

    def paragraphs(self) -> list[str]:
        return [
            part.strip() for part in self.body.replace("\r\n", "\n").split("\n\n") if part.strip()
        ]


class Acceptance(models.Model):
    """Who accepted which version, when, and on what occasion (DESIGN §5: accepted terms and
    eligibility pledges kept with each submission)."""

    class Context(models.TextChoices):
        SIGNUP = "signup", _("Sign-up")
        SUBMISSION = "submission", _("Submission of a proposal")
        APPLICATION = "application", _("Application to an open call")

    terms = models.ForeignKey(
        TermsVersion,
        verbose_name=_("version accepted"),
        on_delete=models.PROTECT,
        related_name="acceptances",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        related_name="terms_acceptances",
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terms_acceptances",
    )
    context = models.CharField(_("occasion"), max_length=20, choices=Context.choices)
    # The case submitted or the application made (an application names its open call); the
    # acceptance goes with the case's record if that is ever disposed of.
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="terms_acceptances",
    )
    accepted_at = models.DateTimeField(pgettext_lazy("terms", "accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ("-accepted_at", "pk")
        indexes = [models.Index(fields=("user", "terms"), name="terms_accept_user_terms")]

    def __str__(self):
        return f"{self.terms} — {self.user}"
