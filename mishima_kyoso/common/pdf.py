"""Japanese PDF documents (受付票, 通知書, case files for disclosure) with fpdf2.

fpdf2 (pure Python, maintained) embeds a subset of Noto Sans CJK JP from Debian's
fonts-noto-cjk package, so a document reads the same on any machine, printed or on screen.
`Document` lays out what the city's documents need: a header with the city and the office, a
document number, a date in the Japanese era, headings, paragraphs, label–value rows, and
blacked-out passages with the reason they are withheld. No portal app is imported here.
"""

import datetime
import os
from pathlib import Path

from fpdf import FPDF

FONT_DIRS = (
    Path(os.environ.get("KYOSO_CJK_FONT_DIR", "/usr/share/fonts/opentype/noto")),
    Path("/usr/share/fonts/opentype/noto-cjk"),
)
REGULAR, BOLD = "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"
JAPANESE = 0  # the JP face in Noto's collections (the collection's first font)
FAMILY = "NotoSansJP"
ERAS = (  # (first day, name): the eras a city document dates from
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
)


class FontMissing(RuntimeError):
    """The Japanese font is not installed (apt-get install fonts-noto-cjk)."""


def font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise FontMissing(
        f"{name} not found in {', '.join(map(str, FONT_DIRS))}: install fonts-noto-cjk"
    )


def era_date(day: datetime.date) -> str:
    """令和8年12月2日 (元年 for the first year of an era)."""
    for first_day, name in ERAS:
        if day >= first_day:
            year = day.year - first_day.year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


class Document(FPDF):
    """An A4 document of the city, in Japanese."""

    def __init__(self, *, title: str, author: str):
        super().__init__(format="A4")
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_font(FAMILY, "", str(font_path(REGULAR)), collection_font_number=JAPANESE)
        self.add_font(FAMILY, "B", str(font_path(BOLD)), collection_font_number=JAPANESE)
        self.set_title(title)
        self.set_author(author)
        self.set_creator("Kyoso portal")
        self.set_lang("ja")
        self.add_page()
        self.set_font(FAMILY, size=10.5)

    # Blocks -------------------------------------------------------------------------------

    def right(self, text: str) -> None:
        """A line aligned right: the document number, the date, the sender."""
        self.set_font(FAMILY, size=10.5)
        self.cell(0, 6, text, align="R", new_x="LMARGIN", new_y="NEXT")

    def left(self, text: str) -> None:
        self.set_font(FAMILY, size=10.5)
        self.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")

    def document_title(self, text: str) -> None:
        self.ln(6)
        self.set_font(FAMILY, "B", 16)
        self.cell(0, 10, text, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.set_font(FAMILY, size=10.5)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(FAMILY, "B", 12)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=10.5)

    def paragraph(self, text: str) -> None:
        self.set_font(FAMILY, size=10.5)
        self.multi_cell(0, 6, text or "—", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def rows(self, rows: list[tuple[str, str]], *, label_width: float = 45) -> None:
        """Label–value rows in a ruled table (受付番号, 件名, …)."""
        self.set_font(FAMILY, size=10.5)
        for label, value in rows:
            top = self.get_y()
            self.set_x(self.l_margin + label_width)
            self.multi_cell(0, 7, value or "—", border=1, new_x="LMARGIN", new_y="NEXT")
            bottom = self.get_y()
            self.set_xy(self.l_margin, top)
            self.set_fill_color(240, 240, 240)
            self.multi_cell(label_width, bottom - top, label, border=1, fill=True)
            self.set_xy(self.l_margin, bottom)

    def withheld(self, reason: str) -> None:
        """A blacked-out passage: the text itself is never written, only the box and why."""
        self.set_fill_color(0, 0, 0)
        self.cell(0, 12, "", fill=True, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=9)
        self.multi_cell(0, 5, reason, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=10.5)
        self.ln(1)

    def render(self) -> bytes:
        return bytes(self.output())
