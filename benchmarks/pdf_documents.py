"""Time to draw one formal document (a receipt slip's layout) with Noto Sans CJK JP embedded:
the whole Debian collection as fpdf2 reads it, against the Japanese faces cut once per machine
(mishima_kyoso/common/pdf_fonts.py), side by side with an empty fpdf2 document in Latin.

    .venv/bin/python benchmarks/pdf_documents.py [--runs 5]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fpdf import FPDF  # noqa: E402

from mishima_kyoso.common import pdf_fonts  # noqa: E402
from mishima_kyoso.common.pdf import Document  # noqa: E402

ROWS = [
    ("受付番号", "R8-0012"),
    ("件名", "公共施設の予約と支払いをひとつの窓口に（髙橋・﨑山の提案）"),
    ("種別", "テーマ提示型の提案"),
    ("受付日", "令和8年12月3日 09:30"),
    ("提案者", "株式会社みしまデジタルラボ"),
]


def slip(document: FPDF, japanese: bool) -> bytes:
    if japanese:
        document.right("三共創第12号")
        document.right("令和8年12月3日")
        document.document_title("受付票")
        document.paragraph("下記のとおり受け付けましたので、内容を審査します。")
        document.rows(ROWS)
    else:
        document.add_page()
        document.set_font("helvetica", size=10.5)
        document.cell(0, 6, "Receipt R8-0012")
    return bytes(document.output())


class WholeCollection(Document):
    """The same document with the whole collection, as fpdf2 reads it without the cut."""

    def __init__(self, **kwargs):
        original = pdf_fonts.japanese_face
        try:
            pdf_fonts_module = sys.modules["mishima_kyoso.common.pdf"]
            pdf_fonts_module.japanese_face = pdf_fonts.collection_path
            super().__init__(**kwargs)
        finally:
            pdf_fonts_module.japanese_face = original

    def use(self, text, style="", size=10.5):
        self.set_font("NotoSansJP", style, size)
        return text

    def add_font(self, family=None, style="", fname=None, **kwargs):
        if fname and fname.endswith(".ttc"):
            kwargs.setdefault("collection_font_number", pdf_fonts.JAPANESE)
        return super().add_font(family, style, fname, **kwargs)


def timed(make, japanese: bool, runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(slip(make(), japanese))
        times.append(time.perf_counter() - started)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    started = time.perf_counter()
    pdf_fonts.prepare()
    print(f"faces ready in {time.perf_counter() - started:.1f} s (cut once per machine)")

    def cut():
        return Document(title="t", author="a")

    rows = [
        ("empty fpdf2 document, Latin core font", timed(FPDF, False, runs)),
        ("receipt slip, faces cut once", timed(cut, True, runs)),
        (
            "receipt slip, whole collection",
            timed(lambda: WholeCollection(title="t", author="a"), True, runs),
        ),
    ]
    print(f"{'document':42} {'median s':>9} {'bytes':>8}   ({runs} runs each)")
    for name, (seconds, size) in rows:
        print(f"{name:42} {seconds:9.3f} {size:8,}")


if __name__ == "__main__":
    main()
