"""A proposal's confidential files (添付資料): in the private store, served only through the
case's checked download (files.private_download)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mishima_kyoso.common.files import PrivateFile, private_file_field, random_file_name

from .case import Proposal


def attachment_path(instance, filename):
    """A random name in the proposals' folder (common.files.random_file_name)."""
    return random_file_name("proposals", filename)


class ProposalAttachment(PrivateFile):
    """添付資料: a confidential file of a proposal."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = private_file_field(attachment_path)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def get_absolute_url(self):
        return reverse("proposals:attachment", args=[self.proposal_id, self.pk])
