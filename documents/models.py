"""Document series (文書番号の系列), their yearly counters, and the documents issued."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from mishima_kyoso.common.files import PrivateFile, private_file_field, random_file_name


class Kind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt slip")
    DECISION = "decision", _("Decision notice")


class DocumentSeries(models.Model):
    """A series of document numbers, e.g. 三共創第12号: a prefix, the number of the fiscal year
    (restarting at 1 each April), a suffix. Each kind of document is numbered in one series."""

    kind = models.CharField(
        _("documents numbered"), max_length=20, choices=Kind.choices, unique=True
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=30, help_text=_("For example 三共創第."))
    suffix = models.CharField(
        _("suffix"), max_length=10, default="号", help_text=_("For example 号.")
    )

    class Meta:
        verbose_name = _("document series")
        verbose_name_plural = _("document series")
        ordering = ("kind",)

    def __str__(self):
        return self.name

    def number(self, serial: int) -> str:
        return f"{self.prefix}{serial}{self.suffix}"


class DocumentCounter(models.Model):
    """The last number given in a series in a fiscal year; locked while a number is taken."""

    series = models.ForeignKey(DocumentSeries, on_delete=models.CASCADE, related_name="counters")
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    last_serial = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        constraints = [
            models.UniqueConstraint(
                fields=("series", "fiscal_year"), name="documents_counter_unique"
            ),
        ]

    def __str__(self):
        return f"{self.series} {self.fiscal_year}: {self.last_serial}"


def _upload_to(instance, filename):
    return random_file_name("documents", filename)


class IssuedDocument(PrivateFile):
    """A receipt slip or a decision notice of a case, numbered when its step is taken; the PDF
    is rendered by a job (jobs.render_document) and kept in the private store."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # An opaque id for its address: nothing is found by counting.
    public_id = models.UUIDField(_("id"), default=uuid.uuid4, unique=True, editable=False)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="issued_documents",
    )
    transition = models.OneToOneField(
        "proposals.ProposalTransition",
        verbose_name=_("step"),
        on_delete=models.CASCADE,
        related_name="issued_document",
    )
    series = models.ForeignKey(
        DocumentSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="+"
    )
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    serial = models.PositiveIntegerField(_("serial number"))
    number = models.CharField(_("document number"), max_length=60)
    issued_at = models.DateTimeField(_("issued at"))
    file = private_file_field(_upload_to)
    file.blank = True  # until the job has rendered it

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ("issued_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("series", "fiscal_year", "serial"), name="documents_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.get_kind_display()}"

    @property
    def is_ready(self) -> bool:
        return bool(self.file)
