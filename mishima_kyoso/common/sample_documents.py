"""Sample documents written by hand, for the demo and the tests: a one-page PDF with Japanese
text and a one-sheet Excel workbook. No document library for a sample file; each says that it
is a sample, and the same content always gives the same bytes.
"""

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

# Printed at the foot of every sample PDF, so nobody takes it for a real document.
NOTICE = "※デモ用に作成した資料です。実際の統計や調査の結果ではありません。"
FOOTER = "(Mishima City - demo document, not real data)"


def pdf(heading: str, lines: Sequence[str] = ()) -> bytes:
    """A one-page PDF 1.4: the heading, the lines, then the sample notice.

    The Japanese font is HeiseiKakuGo-W5 with the UniJIS-UCS2-H CMap, one of the standard
    Adobe-Japan1 fonts that PDF readers supply themselves, so nothing is embedded. Text is
    UTF-16BE; keep it to the Basic Multilingual Plane and to full-width digits.
    """

    def show(text):
        return "<" + text.encode("utf-16-be").hex().upper() + "> Tj"

    operations = ["BT", "/F1 16 Tf", "56 770 Td", show(heading), "/F1 10.5 Tf"]
    for line in (*lines, "", NOTICE):
        operations += ["0 -24 Td", show(line) if line else ""]
    operations += ["/F2 9 Tf", "0 -36 Td", f"{FOOTER} Tj", "ET"]
    stream = "\n".join(op for op in operations if op).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5"
        b" /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >>"
        b" /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4"
        b" /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120"
        b" /CapHeight 700 /StemV 93 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(out)


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
XLSX_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{CONTENT_TYPE}.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{CONTENT_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{CONTENT_TYPE}.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{PACKAGE}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": None,  # names the sheet: see xlsx()
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{PACKAGE}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        f'<styleSheet xmlns="{MAIN}">'
        '<fonts count="1"><font><sz val="11"/><name val="Yu Gothic"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        "</borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        "</cellStyles></styleSheet>"
    ),
    "xl/worksheets/sheet1.xml": None,  # the rows: see xlsx()
}


def xlsx(sheet: str, rows: Sequence[Sequence[str | int]]) -> bytes:
    """A one-sheet Excel workbook (Office Open XML), written with zipfile.

    The smallest package Excel and LibreOffice open: content types, the package and workbook
    relationships, the workbook, the styles and one worksheet. Text is stored inline; a cell
    starting with "=" is a formula (its value is left for the spreadsheet to compute); numbers
    use a thousands separator; an empty string is an empty cell. Entries carry a fixed date,
    so the bytes depend only on the content.
    """

    def column(index):
        name = ""
        index += 1
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        return name

    def cell(reference, value):
        if isinstance(value, int):
            return f'<c r="{reference}" s="1"><v>{value}</v></c>'
        if value.startswith("="):
            return f'<c r="{reference}" s="1"><f>{escape(value[1:])}</f></c>'
        return f'<c r="{reference}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    sheet_rows = "".join(
        f'<row r="{number}">'
        + "".join(
            cell(f"{column(index)}{number}", value)
            for index, value in enumerate(values)
            if value != ""
        )
        + "</row>"
        for number, values in enumerate(rows, start=1)
    )
    width = max(len(values) for values in rows)
    parts = dict(XLSX_PARTS)
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        f'<sheets><sheet name={quoteattr(sheet)} sheetId="1" r:id="rId1"/></sheets>'
        '<calcPr fullCalcOnLoad="1"/></workbook>'
    )
    parts["xl/worksheets/sheet1.xml"] = (
        f'<worksheet xmlns="{MAIN}">'
        f'<cols><col min="1" max="1" width="40" customWidth="1"/>'
        f'<col min="2" max="{width}" width="16" customWidth="1"/></cols>'
        f"<sheetData>{sheet_rows}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            entry = zipfile.ZipInfo(name, date_time=(2026, 4, 1, 9, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(
                entry, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml
            )
    return buffer.getvalue()
