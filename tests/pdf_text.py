"""The text a reader sees in a PDF, as PDFium (Chromium's PDF engine) extracts it, with the
spaces and line breaks of the layout removed so that a sentence can be looked for whole.
(pypdf misreads the CID fonts of long Japanese documents from their second page on.)"""

import re

import pypdfium2


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return re.sub(r"[\s\x00\ufffe]", "", text)
