"""The receipt slip (受付票) and the decision notice (採否通知書) as PDF (fpdf2, Noto CJK
embedded: mishima_kyoso/common/pdf.py). A formal document of the city is written in the city's
language, whatever language the person who took the step reads."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mishima_kyoso.common.pdf import Document, era_date
from municipality.selectors import city
from proposals.models import Proposal

from .models import IssuedDocument, Kind


def _site(name: str) -> str:
    """The city's profile (municipality), in the language the document is written in."""
    return str(getattr(city(), name))


def file_name(document: IssuedDocument) -> str:
    return f"{document.get_kind_display()}_{document.proposal.reference}.pdf"


def render(document: IssuedDocument) -> bytes:
    """The PDF of an issued document, as it reads on the day it was issued."""
    case = document.proposal
    record = document.transition
    issued_on = timezone.localdate(document.issued_at)
    city = _site("city_name")
    title = document.get_kind_display()
    pdf = Document(title=f"{title} {document.number}", author=f"{city} {_site('office_name')}")
    pdf.right(document.number)
    pdf.right(era_date(issued_on))
    pdf.ln(4)
    pdf.left(
        _("%(organization)s, %(representative)s")
        % {
            "organization": case.organization.name,
            "representative": case.organization.representative,
        }
    )
    pdf.ln(2)
    pdf.right(city)
    pdf.right(_site("office_name"))
    pdf.document_title(title)
    rows = [
        (_("Reference number"), case.reference),
        (_("Title"), case.title),
        (_("Kind"), case.get_kind_display()),
    ]
    if document.kind == Kind.RECEIPT:
        pdf.paragraph(_("We have received the following and will examine it."))
        received = timezone.localtime(case.submitted_at or document.issued_at)
        rows += [
            (_("Received on"), f"{era_date(received.date())} {received:%H:%M}"),
            (_("Proposer"), case.organization.name),
            (_("Contact person"), case.contact_name),
        ]
        if case.open_call_id:
            rows.append((_("Open call"), case.open_call.title))
    else:
        pdf.paragraph(_("The city has decided on the following, as set out below."))
        rows += [
            (_("Decision"), str(Proposal.Status(record.target).label)),
            (_("Decided on"), era_date(timezone.localdate(record.created_at))),
            (_("Reason"), record.public_reason),
        ]
    pdf.rows(rows)
    pdf.ln(6)
    pdf.heading(_("Contact"))
    pdf.paragraph(
        f"{city} {_site('office_name')}\n{_site('office_address')}\n"
        f"{_('Phone')}: {_site('office_phone')} / {_('E-mail')}: {_site('office_email')}"
    )
    return pdf.render()


def store_pdf(document_pk: int) -> IssuedDocument:
    """Render and keep the PDF of a document not rendered yet (a retry does no harm)."""
    document = IssuedDocument.objects.select_related(
        "proposal__organization", "proposal__open_call", "transition"
    ).get(pk=document_pk)
    if document.file:
        return document
    with translation.override(settings.LANGUAGE_CODE):
        content = render(document)
        name = file_name(document)
    document.file.save(name, ContentFile(content), save=False)
    with transaction.atomic():
        updated = IssuedDocument.objects.filter(pk=document.pk, file="").update(
            file=document.file.name, original_name=name, size=len(content)
        )
    if not updated:  # a second worker stored it first: keep theirs
        document.file.storage.delete(document.file.name)
        document.refresh_from_db()
    else:
        document.original_name, document.size = name, len(content)
    return document
