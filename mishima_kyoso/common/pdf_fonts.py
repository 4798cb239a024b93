"""The Japanese faces the city's PDFs embed, prepared once per machine.

Noto Sans CJK comes from Debian as a collection of 65,535 glyphs shared by its Japanese,
Chinese and Korean faces. fpdf2 reads the whole face again for every document (about 1.5 s
for the regular and bold faces) and subsets it again on output (another 1.4 s). A city document
needs the Japanese face for the characters of JIS X 0213 and of Windows' Japanese code page
(the kanji of names and addresses in use, 髙 and 﨑 included, kana, full-width forms) and the
Latin ones: about 15,000 characters. That part
of each face is cut out of the collection once (about 25 s a face, by fontTools' subsetter, the
same tool fpdf2 uses), kept in a cache folder, and read from there: a document then costs about
0.4 s. A character outside it (a rare variant) is drawn from the whole collection, so nothing
is ever missing (pdf.Document picks the face per passage).

The cache folder is KYOSO_FONT_CACHE_DIR, or ~/.cache/kyoso-fonts; a face is written under a
temporary name and renamed, so several processes may prepare it at once.
"""

import functools
import logging
import os
import tempfile
from pathlib import Path

FONT_DIRS = (
    Path(os.environ.get("KYOSO_CJK_FONT_DIR", "/usr/share/fonts/opentype/noto")),
    Path("/usr/share/fonts/opentype/noto-cjk"),
)
COLLECTIONS = {"": "NotoSansCJK-Regular.ttc", "B": "NotoSansCJK-Bold.ttc"}
JAPANESE = 0  # the JP face in Noto's collections (the collection's first font)
VERSION = 3  # of the cut below: a change of it makes new files


class FontMissing(RuntimeError):
    """The Japanese font is not installed (apt-get install fonts-noto-cjk)."""


def collection_path(style: str) -> Path:
    """The Debian collection of that style ("" regular, "B" bold)."""
    name = COLLECTIONS[style]
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise FontMissing(
        f"{name} not found in {', '.join(map(str, FONT_DIRS))}: install fonts-noto-cjk"
    )


def cache_dir() -> Path:
    configured = os.environ.get("KYOSO_FONT_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "kyoso-fonts"


def _in_jis(codepoint: int) -> bool:
    if codepoint < 0x3000 or 0xFF00 <= codepoint <= 0xFFEF:
        return True
    for codec in ("euc_jis_2004", "cp932"):  # JIS X 0213, and Windows' extensions (髙, 﨑)
        try:
            chr(codepoint).encode(codec)
        except UnicodeEncodeError:
            continue
        return True
    return False


def _cut(source: Path, target: Path) -> None:
    from fontTools import subset, ttLib

    logging.getLogger("fontTools").setLevel(logging.WARNING)
    font = ttLib.TTFont(source, fontNumber=JAPANESE, lazy=True)
    keep = [codepoint for codepoint in font.getBestCmap() if _in_jis(codepoint)]
    options = subset.Options()
    options.layout_features = []  # fpdf2 lays text out without shaping
    options.notdef_outline = True
    options.recommended_glyphs = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    for record in font["name"].names:  # its own name: a reader never takes it for the whole face
        if record.nameID in (1, 3, 4, 6):
            name = record.toUnicode()
            record.string = name.replace("CJK JP", "CJK JP JIS").replace("CJKjp", "CJKjp-JIS")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(handle)
    try:
        font.save(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def japanese_face(style: str) -> Path:
    """The prepared Japanese face of that style, cut out of the collection if not yet."""
    source = collection_path(style)
    stat = source.stat()
    target = cache_dir() / f"{source.stem}-jp-v{VERSION}-{stat.st_size}-{int(stat.st_mtime)}.otf"
    if not target.is_file():
        _cut(source, target)
    return target


@functools.lru_cache(maxsize=4)
def characters(face: Path) -> frozenset[int]:
    """The code points a prepared face draws."""
    from fontTools import ttLib

    return frozenset(ttLib.TTFont(face, lazy=True).getBestCmap())


def prepare() -> None:
    """Both faces ready (install time, a test session's start): the first document is quick."""
    for style in COLLECTIONS:
        characters(japanese_face(style))


if __name__ == "__main__":  # make run: python -m mishima_kyoso.common.pdf_fonts
    prepare()
