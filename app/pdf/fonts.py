"""The embedded font of printed invoices (DejaVu Sans Condensed, shipped in resources/fonts).

Registered once per process; reportlab embeds a subset of the glyphs actually used, so
every Turkish letter (ç ğ ı İ ö ş ü Ç Ğ Ö Ş Ü) prints on any PDF reader.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
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
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD,
                                          italic=REGULAR, boldItalic=BOLD)
            _registered = True
    return REGULAR, BOLD
