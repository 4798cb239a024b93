"""Japanese PDF documents (受付票, 通知書, case files for disclosure) with fpdf2.

fpdf2 (pure Python, maintained) embeds a subset of Noto Sans CJK JP from Debian's
fonts-noto-cjk package, so a document reads the same on any machine, printed or on screen.
`Document` lays out what the city's documents need: a header with the city and the office, a
document number, a date in the Japanese era, headings, paragraphs, label–value rows, and
blacked-out passages with the reason they are withheld. No portal app is imported here.
"""

import datetime

from fpdf import FPDF

from .pdf_fonts import JAPANESE, FontMissing, characters, collection_path, japanese_face

__all__ = ["Document", "FontMissing", "era_date"]

FAMILY = "NotoSansJP"  # the prepared Japanese face (pdf_fonts)
WHOLE = "NotoSansCJK"  # the whole collection, for a character outside it
ERAS = (  # (first day, name): the eras a city document dates from
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
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
        self._faces = {style: japanese_face(style) for style in ("", "B")}
        for style, face in self._faces.items():
            self.add_font(FAMILY, style, str(face))
        self._whole = set()  # the styles of the whole collection added so far
        self.set_title(title)
        self.set_author(author)
        self.set_creator("Kyoso portal")
        self.set_lang("ja")
        self.add_page()
        self.set_font(FAMILY, size=10.5)

    def use(self, text: str, style: str = "", size: float = 10.5) -> str:
        """Set the face for `text` (the prepared one, or the whole collection when a character
        is outside it); the text, for the call that writes it."""
        family = FAMILY
        drawn = {ord(character) for character in text if character >= " "}  # not \n
        if not drawn <= characters(self._faces[style]):
            if style not in self._whole:
                self.add_font(
                    WHOLE, style, str(collection_path(style)), collection_font_number=JAPANESE
                )
                self._whole.add(style)
            family = WHOLE
        self.set_font(family, style, size)
        return text

    # Blocks -------------------------------------------------------------------------------

    def right(self, text: str) -> None:
        """A line aligned right: the document number, the date, the sender."""
        self.cell(0, 6, self.use(text), align="R", new_x="LMARGIN", new_y="NEXT")

    def left(self, text: str) -> None:
        self.cell(0, 6, self.use(text), new_x="LMARGIN", new_y="NEXT")

    def document_title(self, text: str) -> None:
        self.ln(6)
        self.cell(0, 10, self.use(text, "B", 16), align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.set_font(FAMILY, size=10.5)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.multi_cell(0, 7, self.use(text, "B", 12), new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=10.5)

    def paragraph(self, text: str) -> None:
        self.multi_cell(0, 6, self.use(text or "—"), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def rows(self, rows: list[tuple[str, str]], *, label_width: float = 45) -> None:
        """Label–value rows in a ruled table (受付番号, 件名, …)."""
        self.set_font(FAMILY, size=10.5)
        for label, value in rows:
            top = self.get_y()
            self.set_x(self.l_margin + label_width)
            self.multi_cell(0, 7, self.use(value or "—"), border=1, new_x="LMARGIN", new_y="NEXT")
            bottom = self.get_y()
            self.set_xy(self.l_margin, top)
            self.set_fill_color(240, 240, 240)
            self.multi_cell(label_width, bottom - top, self.use(label), border=1, fill=True)
            self.set_xy(self.l_margin, bottom)

    def withheld(self, reason: str) -> None:
        """A blacked-out passage: the text itself is never written, only the box and why."""
        self.set_fill_color(0, 0, 0)
        self.cell(0, 12, "", fill=True, new_x="LMARGIN", new_y="NEXT")
        self.multi_cell(0, 5, self.use(reason, size=9), new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=10.5)
        self.ln(1)

    def render(self) -> bytes:
        return bytes(self.output())
