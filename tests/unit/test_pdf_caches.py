"""The font caches (``app.pdf.fonts``: a string's subset codes per document, the font
programs per subset) and the kept compressed font programs (``app.pdf.page``) change no
byte of a PDF: an invoice printed again after others is the same file."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.pdf import render_pdf, render_pdfs
from app.pdf.fonts import register_fonts
from tests.unit.test_pdf_support import tezgah_invoice


def _same_file(pdf: bytes) -> bytes:
    """The PDF without its creation dates and file identifier."""
    return re.sub(rb"/ID\s*\n?\[[^\]]*\]", b"/ID", re.sub(rb"\(D:\d+[^)]*\)", b"(D)", pdf))


def test_printing_again_gives_the_same_file(ubl_samples_dir: Path) -> None:
    ten = tezgah_invoice(ubl_samples_dir, lines=10, rates=(10, 20))
    other = tezgah_invoice(ubl_samples_dir, lines=3, rates=(1,))
    first = _same_file(render_pdf(ten))
    render_pdf(other, test_mode=True)
    render_pdfs([other, ten])
    assert _same_file(render_pdf(ten)) == first


def test_split_strings_are_reportlabs() -> None:
    regular, _bold = register_fonts()
    font = pdfmetrics.getFont(regular)
    plain = TTFont("TezgahSans-Check", font.face.filename)

    class Doc:
        pass

    ours, theirs = Doc(), Doc()
    texts = ["Çay bardağı", "İĞÜŞÖÇ ığüşöç", "Çay bardağı", "1.234,56 TL", "İĞÜŞÖÇ ığüşöç"]
    for text in texts:
        assert font.splitString(text, ours) == plain.splitString(text, theirs)
