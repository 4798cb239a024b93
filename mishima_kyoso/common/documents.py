"""What is inside a document, read from its bytes (PDF, Office Open XML, images): active
content an upload must not carry, and the metadata an anonymised copy must not keep.

Imports no portal app: the checks answer facts (a list of findings, sizes); the callers
(proposals.files) turn them into refusals, and the evaluators' downloads into stripped copies.

- Polyglots. A file that is also a web page (a PDF or an image with `<html>`/`<script>` in
  it) runs as HTML wherever it is served or saved with the wrong type. The rule: the RAW
  bytes, anywhere in the file, must not contain an HTML opening tag of the active kind
  (html, head, body, script, iframe, svg, object, embed) or `<!doctype html`. Legitimate
  PDFs compress their streams, Office files deflate their parts and images hold pixels, so
  such markup does not occur in their raw bytes by chance; text that a document shows
  ("<html>" in a slide) sits inside a compressed stream and is not seen.
- PDFs. Refused when any object (compressed object streams included, names un-escaped by
  the parser) is a JavaScript or launch action, holds a /JS, /JavaScript, /Launch,
  /EmbeddedFile(s), /RichMedia or /XFA entry. An /OpenAction that goes to a page is fine.
  A PDF the parser cannot read is checked by its raw bytes alone.
- Archives (docx, xlsx, pptx). The sum of the members' declared uncompressed sizes and the
  ratio to the file's size stay under the settings' limits; the declared sizes are what an
  extractor allocates, and zipfile refuses to expand a member past its declared size.
"""

import io
import logging
import re
import zipfile

logger = logging.getLogger(__name__)

HTML_MARKERS = re.compile(
    rb"<(?:html|head|body|script|iframe|svg|object|embed)[\s>/]|<!doctype\s+html",
    re.IGNORECASE,
)
PDF_ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
}
PDF_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/RichMediaExecute", "/ImportData"}
PDF_ACTIVE_RAW = re.compile(
    rb"/(?:JS|JavaScript|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9#])"
)
CHUNK = 1024 * 1024


def _chunks(handle):
    """The file's bytes in overlapping chunks (a marker across a boundary is still seen)."""
    handle.seek(0)
    tail = b""
    while True:
        block = handle.read(CHUNK)
        if not block:
            break
        yield tail + block
        tail = block[-32:]
    handle.seek(0)


def has_html_markup(handle) -> bool:
    """Whether the raw bytes hold active HTML markup anywhere (a polyglot)."""
    return any(HTML_MARKERS.search(chunk) for chunk in _chunks(handle))


# PDF ----------------------------------------------------------------------------------------


def pdf_active_content(handle) -> list[str]:
    """The active entries of a PDF ("/JavaScript", "/Launch"…), none for a plain document."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    found = set()
    for chunk in _chunks(handle):
        found.update(match.decode() for match in PDF_ACTIVE_RAW.findall(chunk))
    try:
        reader = PdfReader(handle, strict=False)
        numbers = {number for table in reader.xref.values() for number in table}
        numbers |= set(reader.xref_objStm)
        objects = [reader.trailer]
        for number in sorted(numbers):
            try:
                objects.append(reader.get_object(number))
            except Exception as error:  # one unreadable object: the raw scan still counts
                logger.debug("PDF object %s not read: %r", number, error)
    except Exception as error:
        logger.info("PDF not parsed for its active content: %r", error)
        handle.seek(0)
        return sorted("/" + name.lstrip("/") for name in found)
    finally:
        handle.seek(0)
    for obj in objects:
        if not isinstance(obj, DictionaryObject):
            continue
        found.update(key for key in obj if key in PDF_ACTIVE_KEYS)
        if obj.get("/S") in PDF_ACTIVE_ACTIONS:
            found.add(str(obj["/S"]))
        if obj.get("/Type") == "/EmbeddedFile":
            found.add("/EmbeddedFile")
    return sorted("/" + name.lstrip("/") for name in found)


def strip_pdf_metadata(content: bytes) -> bytes:
    """The PDF without its document information (/Author, /Title, /Creator…) nor its XMP
    /Metadata stream, pages and everything else unchanged."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(io.BytesIO(content), strict=False)
    writer = PdfWriter(clone_from=reader)
    writer._info = None  # no /Info dictionary in the trailer
    root = writer._root_object
    if NameObject("/Metadata") in root:
        del root[NameObject("/Metadata")]
    for page in writer.pages:
        if NameObject("/Metadata") in page:
            del page[NameObject("/Metadata")]
    # The old information dictionary and XMP stream are objects of their own: drop what
    # nothing refers to any more, or they would still be written out.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# Office Open XML ------------------------------------------------------------------------------


def archive_expansion(handle) -> int:
    """The declared uncompressed size of a zip's members, in bytes."""
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            return sum(member.file_size for member in archive.infolist())
    finally:
        handle.seek(0)


OOXML_PROPERTIES = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
BLANK_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/"/>'
)
BLANK_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"/>'
)
BLANK_CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'custom-properties"/>'
)


def strip_ooxml_metadata(content: bytes) -> bytes:
    """The Office file with its document properties blanked (author, last editor, company,
    manager, custom properties): the parts stay, so the package's relationships still
    resolve and Office opens the file without a repair."""
    blanks = dict(zip(OOXML_PROPERTIES, (BLANK_CORE, BLANK_APP, BLANK_CUSTOM), strict=True))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename in blanks:
                target.writestr(member.filename, blanks[member.filename])
            else:
                target.writestr(member, source.read(member.filename))
    return out.getvalue()


def without_metadata(content: bytes, extension: str) -> bytes:
    """The bytes of a document without the metadata that may name its author (PDF and
    docx/xlsx/pptx); other types as they are (images carry no author field we accept)."""
    if extension == "pdf":
        return strip_pdf_metadata(content)
    if extension in ("docx", "xlsx", "pptx"):
        return strip_ooxml_metadata(content)
    return content
