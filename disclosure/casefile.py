"""The case file (案件ファイル): a ZIP with a PDF of the case's content and its files, in full or
in the disclosure version where the marked parts are blacked out with their ground.

The PDF is drawn by mishima_kyoso.common.pdf (fpdf2, Noto CJK embedded); a withheld section is
never written into the document, only a black box and the ground; a withheld file is replaced
by a one-page notice. The proposer's own export (retention.exports) uses the same content PDF.
"""

import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from mishima_kyoso.common.pdf import Document, era_date
from municipality.selectors import city
from proposals.sections import content_sections

from .models import Ground


def withheld_label(ground: str) -> str:
    """「不開示（法人等情報）」: what stands where a withheld part would be."""
    return _("Withheld (%(ground)s)") % {"ground": Ground(ground).label}


def _author() -> str:
    site = city()
    return f"{site.city_name} {site.office_name}"


def content_pdf(case, *, withheld: dict[str, str] | None = None) -> bytes:
    """The case's current content as a PDF; `withheld` maps a section's anchor to its ground."""
    withheld = withheld or {}
    document = Document(title=case.reference or case.title, author=_author())
    document.right(era_date(timezone.localdate()))
    document.document_title(_("Case file"))
    document.rows(
        [
            (_("Reference number"), case.reference or ""),
            (_("Organisation"), case.organization.name),
            (_("Status"), str(case.get_status_display())),
            (
                _("Received on"),
                era_date(timezone.localdate(case.submitted_at)) if case.submitted_at else "",
            ),
        ]
    )
    for section in content_sections(case.content(), department=case.preferred_department):
        document.heading(str(section["title"]))
        if section["anchor"] in withheld:
            document.withheld(withheld_label(withheld[section["anchor"]]))
            continue
        document.rows([(str(row["label"]), str(row["value"])) for row in section["rows"]])
    return document.render()


def withheld_file_notice(number: int, ground: str) -> bytes:
    """The one page that replaces a withheld file in the disclosure version."""
    document = Document(title=_("File not disclosed"), author=_author())
    document.document_title(_("File not disclosed"))
    document.paragraph(_("File %(number)s of this case is not disclosed.") % {"number": number})
    document.withheld(withheld_label(ground))
    return document.render()


def _file_name(number: int, name: str) -> str:
    return f"{number:02d}_{name.replace('/', '_')}"


def write_case(archive: zipfile.ZipFile, folder: str, case, attachments, marks=()) -> None:
    """One case into `archive` under `folder`: content.pdf and files/; `marks` withhold parts."""
    withheld = {mark.section: mark.ground for mark in marks if mark.section}
    withheld_files = {mark.attachment_id: mark.ground for mark in marks if mark.attachment_id}
    archive.writestr(f"{folder}/content.pdf", content_pdf(case, withheld=withheld))
    for number, attachment in enumerate(attachments, start=1):
        if attachment.pk in withheld_files:
            archive.writestr(
                f"{folder}/files/{number:02d}_withheld.pdf",
                withheld_file_notice(number, withheld_files[attachment.pk]),
            )
            continue
        with attachment.file.open("rb") as handle:
            archive.writestr(
                f"{folder}/files/{_file_name(number, attachment.original_name)}", handle.read()
            )


def case_file(case, *, marks=None) -> bytes:
    """The ZIP of one case: in full (`marks` None) or the disclosure version."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        write_case(
            archive, case.reference or str(case.pk), case, case.attachments.all(), marks or ()
        )
    return buffer.getvalue()
