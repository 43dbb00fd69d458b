"""The embedded font of printed invoices (DejaVu Sans Condensed, shipped in resources/fonts).

Registered once per process; reportlab embeds a subset of the glyphs actually used, so
every Turkish letter (ç ğ ı İ ö ş ü Ç Ğ Ö Ş Ü) prints on any PDF reader.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from app.domain.errors import UserError
from app.resources import resource_path

REGULAR = "TezgahSans"
BOLD = "TezgahSans-Bold"

_FILES = {
    REGULAR: "DejaVuSansCondensed.ttf",
    BOLD: "DejaVuSansCondensed-Bold.ttf",
}
_lock = threading.Lock()
_registered = False
_SUBSETS_MAX = 16  # font subsets kept per face: a few kilobytes each


class _Font(TTFont):
    """reportlab's ``TTFont`` with two caches that change no byte of the PDF.

    - ``splitString`` (a string → its chunks of subset codes) is kept per document: once a
      string is split, its characters have their codes in that document for good, so the
      same string always gives the same chunks (labels, amounts and names repeat on every
      page and in every table row). The chunks are only iterated by reportlab and
      ``app.pdf.grid``, never changed.
    - ``makeSubset`` (the embedded font program of one subset) is kept per face, keyed by
      the subset's characters in code order: invoices use mostly the same characters, so
      the same subsets come back document after document.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        make_subset = self.face.makeSubset
        subsets: dict[tuple[int, ...], bytes] = {}

        def cached_subset(subset: list[int]) -> bytes:
            key = tuple(subset)
            found = subsets.get(key)
            if found is None:
                found = make_subset(subset)
                if len(subsets) >= _SUBSETS_MAX:
                    subsets.clear()
                subsets[key] = found
            return found

        self.face.makeSubset = cached_subset

    def splitString(self, text: str | bytes, doc: object,
                    encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        cache: dict[str | bytes, list[tuple[int, bytes]]] | None = (
            None if state is None else getattr(state, "tezgah_split", None))
        if cache is not None:
            found = cache.get(text)
            if found is not None:
                return found
        chunks = TTFont.splitString(self, text, doc, encoding)
        if cache is None:
            cache = self.state[doc].tezgah_split = {}
        cache[text] = chunks
        return chunks


_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap of a font subset, with a character beyond the Basic
    Multilingual Plane (an emoji in a name) written as its UTF-16 surrogate pair: reportlab
    writes ``<1F600>``, which readers take for another character. The CMap of a subset
    with only BMP characters is byte for byte reportlab's."""
    text = _cmap(fontname, subset)
    for code in subset:
        if code > 0xFFFF:
            high, low = divmod(code - 0x10000, 0x400)
            text = text.replace(f"> <{code:04X}>\n", f"> <{0xD800 + high:04X}{0xDC00 + low:04X}>\n")
    return text


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab; return their names."""
    global _registered
    if _registered:
        return REGULAR, BOLD
    with _lock:
        if not _registered:
            for name, filename in _FILES.items():
                path = resource_path("fonts", filename)
                if not path.is_file():
                    raise UserError(
                        f"Fatura yazı tipi bulunamadı: {path}. Tezgâh kurulumunu onarın."
                    )
                pdfmetrics.registerFont(_Font(name, str(path)))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD,
                                          italic=REGULAR, boldItalic=BOLD)
            ttfonts.makeToUnicodeCMap = _to_unicode_cmap
            _registered = True
    return REGULAR, BOLD
