"""CSV files that Excel in Japan opens as they are: UTF-8 with a byte order mark, CR LF line
ends, no cell that runs as a formula, and a Japanese file name where one is wanted."""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse

# A cell starting with one of these would run as a formula in a spreadsheet (OWASP: CSV
# injection); an apostrophe in front keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters that Windows, macOS or a browser refuse in a file name.
UNSAFE_IN_FILENAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def spreadsheet_safe(value):
    """Keep a cell from running as a formula when the CSV is opened in Excel (OWASP)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_filename_part(text: str, *, limit: int = 60) -> str:
    """A piece of a file name (a title, say) without the characters file systems refuse."""
    return UNSAFE_IN_FILENAMES.sub("_", text).strip(" ._")[:limit]


def csv_response(
    header: Sequence, rows: Iterable[Sequence], *, filename: str, local_filename: str = ""
) -> HttpResponse:
    """A CSV download: the header, then the rows, every cell made spreadsheet_safe.

    `filename` is the ASCII name every client understands; `local_filename`, when given, the
    (Japanese) name the others use (RFC 6266 / 5987).
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    disposition = f'attachment; filename="{filename}"'
    if local_filename:
        disposition += f"; filename*=UTF-8''{quote(local_filename, safe='')}"
    response["Content-Disposition"] = disposition
    return response
