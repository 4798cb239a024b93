"""Uploaded files: the checks (the type from the content, not the name; the size limits), and
the checked download of a private file."""

import io
import logging
import os
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from mishima_kyoso.common import documents

from .audit import log_access

logger = logging.getLogger(__name__)

# Extension → (content type, how the content is recognised).
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
}
ALIASES = {"jpeg": "jpg"}
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OLE_FAMILY = {"doc", "xls", "ppt"}


def extension_of(name: str) -> str:
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    return ALIASES.get(extension, extension)


def _sniff(uploaded) -> str | None:
    """What the content is, whatever the file is called."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    detected = ALIASES.get(kind.extension, kind.extension) if kind else None
    if detected in ("zip", "docx", "xlsx", "pptx"):
        # Office Open XML is a zip: look inside rather than trust the first bytes.
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            uploaded.seek(0)
        if "[Content_Types].xml" in names:
            for extension, part in OOXML_PARTS.items():
                if any(name.startswith(part) for name in names):
                    return extension
        return "zip"
    return detected


def check_proposal_total(uploaded, *, already_stored: int) -> None:
    if already_stored + uploaded.size > settings.KYOSO_MAX_PROPOSAL_BYTES:
        raise ValidationError(
            _("The files of one proposal may total at most %(limit)s. Remove a file first.")
            % {"limit": filesizeformat(settings.KYOSO_MAX_PROPOSAL_BYTES)},
            code="proposal_files_too_large",
        )


def validate_upload(uploaded, *, already_stored: int = 0) -> tuple[str, str]:
    """Refuse a file that is too big, of a type not accepted, or not what its name says.

    Returns (extension, content type) of an accepted file.
    """
    if uploaded.size > settings.KYOSO_MAX_FILE_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may be at most %(limit)s.")
            % {
                "name": uploaded.name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(settings.KYOSO_MAX_FILE_BYTES),
            },
            code="file_too_large",
        )
    check_proposal_total(uploaded, already_stored=already_stored)
    extension = extension_of(uploaded.name)
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "“%(name)s” is not accepted. Send PDF, Word, Excel, PowerPoint or an image "
                "(PNG, JPEG, GIF)."
            )
            % {"name": uploaded.name},
            code="file_type_not_allowed",
        )
    detected = _sniff(uploaded)
    same = detected == extension or (extension in OLE_FAMILY and detected in OLE_FAMILY)
    if not same:
        raise ValidationError(
            _(
                "The content of “%(name)s” does not match its name (.%(extension)s). "
                "Check that it is the right file."
            )
            % {"name": uploaded.name, "extension": extension},
            code="file_content_mismatch",
        )
    check_active_content(uploaded, extension)
    return extension, ALLOWED_TYPES[extension]


def check_active_content(uploaded, extension: str) -> None:
    """Refuse what could run or explode where the file is opened (common.documents explains
    each rule): a file that is also a web page, an Office file expanding past the limits
    (KYOSO_UPLOAD_MAX_EXPANDED_BYTES, KYOSO_UPLOAD_MAX_RATIO), a PDF with scripts, launch
    actions or embedded files."""
    if documents.has_html_markup(uploaded):
        raise ValidationError(
            _(
                "“%(name)s” contains web page code (HTML or a script) and cannot be accepted. "
                "Save it again as a plain document and send it again."
            )
            % {"name": uploaded.name},
            code="file_polyglot",
        )
    if extension in OOXML_PARTS:
        expanded = documents.archive_expansion(uploaded)
        if expanded > settings.KYOSO_UPLOAD_MAX_EXPANDED_BYTES:
            raise ValidationError(
                _(
                    "“%(name)s” expands to %(size)s when opened; at most %(limit)s is accepted. "
                    "Remove large embedded content or split the file."
                )
                % {
                    "name": uploaded.name,
                    "size": filesizeformat(expanded),
                    "limit": filesizeformat(settings.KYOSO_UPLOAD_MAX_EXPANDED_BYTES),
                },
                code="archive_too_large",
            )
        if expanded > settings.KYOSO_UPLOAD_MAX_RATIO * max(uploaded.size, 1):
            raise ValidationError(
                _(
                    "“%(name)s” is compressed far more than an ordinary document and cannot be "
                    "accepted. Save it again from the application and send it again."
                )
                % {"name": uploaded.name},
                code="archive_ratio",
            )
    if extension == "pdf":
        active = documents.pdf_active_content(uploaded)
        if active:
            raise ValidationError(
                _(
                    "“%(name)s” contains scripts, program launches or embedded files "
                    "(%(found)s), which are not accepted. Save it again as a plain PDF "
                    "(for example with “Print to PDF”) and send it again."
                )
                % {"name": uploaded.name, "found": ", ".join(active)},
                code="pdf_active_content",
            )


# Serving (ProposalAttachment, AgreementDocument, dialogue's MessageAttachment: every
# mishima_kyoso.common.files.PrivateFile; that module also writes them) --------------------------


def private_download(
    request, case, stored, *, kind: str, filename: str | None = None, anonymise: bool = False
):
    """A private file as a download, for a view that has checked the case: 404 when the file is
    gone from the storage, the download logged (audit.log_access), never sniffed nor cached.
    The Japanese name goes out per RFC 5987; `filename` replaces it (anonymised rounds), and
    `anonymise` serves a copy without the document metadata that may name the author
    (common.documents.without_metadata: PDF information and XMP, Office docProps)."""
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    if anonymise:
        with handle:
            content = handle.read()
        try:
            handle = io.BytesIO(
                documents.without_metadata(content, extension_of(stored.original_name))
            )
        except Exception as error:  # unreadable now: never the original in its place
            logger.warning("Metadata not removed from file %s: %r", stored.pk, error)
            raise Http404 from error
    log_access(request.user, case, kind, stored.original_name)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename or stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"  # confidential: no shared or disk cache
    return response
