"""Rendering the PDF of an issued document."""

from django.utils.translation import gettext_lazy as _

from jobs.queue import job

from .rendering import store_pdf


@job(_("Render a formal document (PDF)"))
def render_document(document_pk: int) -> None:
    """Idempotent: a document already rendered is left as it is."""
    store_pdf(document_pk)
