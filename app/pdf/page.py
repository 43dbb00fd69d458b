"""Page furniture of a printed invoice: page size and margins, colours, paragraph styles,
the karekod flowable and the canvas that prints "Sayfa i/n", the continuation header and the
test mark on every page."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import ClassVar

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from app.ubl.qrmatrix import qr_rows

from .fonts import register_fonts

PAGE_W, PAGE_H = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 16 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
KAREKOD_SIZE = 32 * mm  # readable by a phone from paper (module ≈ 0.4 mm)
TEST_MARK = "TEST — geçerli fatura değildir"
CANCELLED_MARK = "İPTAL"  # stamped on every page of a cancelled invoice (app.domain.cancellation)

GRID = colors.HexColor("#555555")
SHADE = colors.HexColor("#E8E8E8")
DARK = colors.HexColor("#111111")


@dataclass(frozen=True)
class Styles:
    regular: str
    bold: str
    normal: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle
    name: ParagraphStyle
    title: ParagraphStyle
    note: ParagraphStyle
    mark: ParagraphStyle


_styles_cache: Styles | None = None


def styles() -> Styles:
    global _styles_cache
    if _styles_cache is None:
        regular, bold = register_fonts()
        base = ParagraphStyle("tz", fontName=regular, fontSize=8, leading=10, textColor=DARK)
        _styles_cache = Styles(
            regular=regular,
            bold=bold,
            normal=base,
            small=ParagraphStyle("tz-small", parent=base, fontSize=7, leading=8.6),
            cell=ParagraphStyle("tz-cell", parent=base, fontSize=7, leading=8.4),
            head=ParagraphStyle("tz-head", parent=base, fontName=bold, fontSize=6.8,
                                leading=8, alignment=TA_CENTER),
            name=ParagraphStyle("tz-name", parent=base, fontName=bold, fontSize=9, leading=11),
            title=ParagraphStyle("tz-title", parent=base, fontName=bold, fontSize=17,
                                 leading=21, alignment=TA_CENTER),
            note=ParagraphStyle("tz-note", parent=base, fontSize=7.5, leading=9.4),
            mark=ParagraphStyle("tz-mark", parent=base, fontName=bold, fontSize=9,
                                leading=11, alignment=TA_CENTER, textColor=colors.red),
        )
    return _styles_cache


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _FastFlate(pdfdoc.PDFStreamFilterZCompress):
    """Flate at zlib level 1 instead of 6: a printed invoice's streams (page content, the
    two font subsets) compress in a third of the time for about 10 % more bytes."""

    LEVEL = 1
    #: the compressed font programs (``bytes`` streams; the page streams are ``str``): the
    #: same subsets come back document after document (``app.pdf.fonts``)
    _kept: ClassVar[dict[bytes, bytes]] = {}
    _KEPT_MAX = 16

    def encode(self, text: str | bytes) -> bytes:
        if isinstance(text, str):
            return zlib.compress(text.encode("utf8"), self.LEVEL)
        kept = self._kept
        found = kept.get(text)
        if found is None:
            found = zlib.compress(text, self.LEVEL)
            if len(kept) >= self._KEPT_MAX:
                kept.clear()
            kept[text] = found
        return found


def use_fast_flate() -> None:
    """Make reportlab's Flate filter (page streams, embedded fonts) the level-1 one.
    reportlab looks ``pdfdoc.PDFZCompress`` up when it writes a stream; Tezgâh is its
    only user in the process."""
    if not isinstance(pdfdoc.PDFZCompress, _FastFlate):
        pdfdoc.PDFZCompress = _FastFlate()


_array_format = pdfdoc.PDFArray.format


def _number_array_format(self, document, IND=b"\n "):
    """``PDFArray.format`` for an all-number array (the font subsets' glyph widths, a few
    hundred per PDF) formatted in one ``fp_str`` call per ten numbers; the bytes are the
    ones reportlab writes. Any other array goes the usual way."""
    seq = self.sequence
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced" \
            or not all(type(e) is int or type(e) is float for e in seq):
        return _array_format(self, document, IND)
    body = b" \n  ".join(fp_str(*seq[i:i + 10]).encode("latin-1")
                          for i in range(0, len(seq), 10))
    return b"[ " + body + b" ]"


def use_fast_arrays() -> None:
    """Install :func:`_number_array_format` (process-wide, like :func:`use_fast_flate`)."""
    if pdfdoc.PDFArray.format is not _number_array_format:
        pdfdoc.PDFArray.format = _number_array_format


# ---------------------------------------------------------------- flowables


_parsed: dict[tuple[str, int], tuple[ParagraphStyle, ParagraphStyle, list, str]] = {}
_PARSED_MAX = 1024  # entries; emptied when full (labels come back at once)
_PARSED_TEXT_MAX = 200  # longer texts (notes, addresses) rarely repeat


class Para(Paragraph):
    """A reportlab Paragraph that parses a (text, style) pair once per process and wraps
    once per width.

    Labels and column heads repeat on every invoice, and reportlab's mark-up parser is
    a large share of a paragraph's cost; each paragraph gets its own copies of the
    cached fragments. A table wraps every cell to measure its row and again to draw it,
    at the same width: the second time the lines already broken are kept."""

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is not None or bulletText or len(text) > _PARSED_TEXT_MAX:
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, id(style))
        hit = _parsed.get(key)
        if hit is None or hit[0] is not style:
            super()._setup(text, style, bulletText, frags, cleaner)
            if len(_parsed) >= _PARSED_MAX:
                _parsed.clear()
            _parsed[key] = (style, self.style, [f.clone() for f in self.frags], self.text)
            return
        _style, self.style, cached, self.text = hit
        self.frags = [f.clone() for f in cached]
        self.bulletText = bulletText
        self.debug = 0

    def wrap(self, availWidth, availHeight):
        if self.__dict__.get("_tz_wrapped") == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._tz_wrapped = availWidth
        return size



class Karekod(Flowable):
    """GİB karekod: QR code (error correction M) drawn as vector modules."""

    # A fixed data mask (0, app.ubl.qrmatrix): evaluating all eight masks costs ~40 ms per
    # invoice in pure Python, and every mask is valid for readers (ISO/IEC 18004 §8.8 only
    # recommends the lowest-penalty one). Every test print is decoded with zbar.

    def __init__(self, text: str, size: float = KAREKOD_SIZE) -> None:
        super().__init__()
        # Non-ASCII content (rare: a passport number with Turkish letters) is written as
        # UTF-8 with an ECI header so readers do not guess a legacy code page (qrmatrix).
        self.rows = qr_rows(text)
        self.size = size
        self.width = self.height = size

    def path_operators(self) -> str:
        """PDF path operators filling the dark modules (horizontal runs merged), in
        module units: one module is 1 × 1, row 0 at the top."""
        n = len(self.rows)
        num = _NUMBERS
        ops: list[str] = []
        add = ops.append
        for r, row in enumerate(self.rows):
            y = f" {n - 1 - r} "
            x = 0
            # the row as "0"/"1" text cut at its light modules: each non-empty piece is a
            # run of dark modules, each cut one light module
            for run in row.translate(_AS_DIGITS).decode("ascii").split("0"):
                if run:
                    add(num[x] + y + num[len(run)] + " 1 re")
                    x += len(run) + 1
                else:
                    x += 1
        return "\n".join(ops)

    def draw(self) -> None:
        # one literal path scaled to the symbol's size: much faster than reportlab's
        # per-rectangle path API, and a third of the bytes of absolute coordinates
        m = self.size / len(self.rows)
        self.canv.addLiteral(f"q 0 g\n{m:.5f} 0 0 {m:.5f} 0 0 cm\n{self.path_operators()}\nf Q")


_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_NUMBERS = [str(i) for i in range(178)]  # a QR symbol is at most 177 modules wide


class Rule(Flowable):
    """A thin full-width line above the notes."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, 3

    def draw(self) -> None:
        self.canv.setStrokeColor(GRID)
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 1.5, self.width, 1.5)


class DocStart(Flowable):
    """Zero-size marker: tells the canvas which document the following pages belong to.
    ``info`` holds the footer and continuation header texts: title, number, uuid, date,
    customer; optionally number_label (default "Fatura No"), test_mark and cancelled."""

    def __init__(self, info: dict[str, str]) -> None:
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._tz_doc = self.info  # type: ignore[attr-defined]
        self.canv._tz_first = True  # type: ignore[attr-defined]


class InvoiceCanvas(Canvas):
    """Keeps every page until the end so each page can print "Sayfa i/n" of its invoice."""

    def __init__(self, *args, test_mode: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._tz_pages: list[dict] = []
        self._tz_doc: dict[str, str] = {}
        self._tz_first = False
        self._tz_test = test_mode

    def showPage(self) -> None:
        state = dict(self.__dict__)
        state["_tz_page_doc"] = self._tz_doc
        state["_tz_page_first"] = self._tz_first
        self._tz_pages.append(state)
        self._tz_first = False
        self._startPage()

    def save(self) -> None:
        counts: dict[int, int] = {}
        for state in self._tz_pages:
            key = id(state["_tz_page_doc"])
            counts[key] = counts.get(key, 0) + 1
        seen: dict[int, int] = {}
        pages = self._tz_pages
        for state in pages:
            self.__dict__.update(state)
            doc = state["_tz_page_doc"]
            key = id(doc)
            seen[key] = seen.get(key, 0) + 1
            self._decorate(doc, seen[key], counts[key], state["_tz_page_first"])
            Canvas.showPage(self)
        Canvas.save(self)

    def _decorate(self, doc: dict[str, str], page: int, total: int, first: bool) -> None:
        st = styles()
        self.saveState()
        self.setFillColor(GRID)
        self.setFont(st.regular, 7)
        y = MARGIN_BOTTOM - 7 * mm
        self.drawString(MARGIN_X, y, f"{doc.get('title', '')}  {doc.get('number', '')}")
        self.drawCentredString(PAGE_W / 2, y, f"ETTN: {doc.get('uuid', '')}")
        self.setFont(st.bold, 7.5)
        self.drawRightString(PAGE_W - MARGIN_X, y, f"Sayfa {page}/{total}")
        if not first:
            # continuation header (page 2 …): which invoice this page belongs to
            self.setFont(st.bold, 8)
            top = PAGE_H - MARGIN_TOP + 5 * mm
            label = doc.get("number_label", "Fatura No")
            self.drawString(MARGIN_X, top,
                            f"{doc.get('title', '')} — {label}: {doc.get('number', '')}")
            self.setFont(st.regular, 7.5)
            self.drawRightString(PAGE_W - MARGIN_X, top,
                                 f"{doc.get('date', '')}  •  {doc.get('customer', '')[:60]}")
            self.setStrokeColor(GRID)
            self.setLineWidth(0.4)
            self.line(MARGIN_X, top - 2, PAGE_W - MARGIN_X, top - 2)
        if doc.get("cancelled"):
            self._stamp_cancelled(doc["cancelled"], y)
        if self._tz_test:
            mark = doc.get("test_mark", TEST_MARK)
            self.setFillColor(colors.red)
            self.setFont(st.bold, 8)
            self.drawCentredString(PAGE_W / 2, y - 3.5 * mm, mark)
            self.setFillAlpha(0.16)
            self.setFont(st.bold, 40)
            self.translate(PAGE_W / 2, PAGE_H / 2)
            self.rotate(40)
            self.drawCentredString(0, 0, mark)
        self.restoreState()

    def _stamp_cancelled(self, note: str, footer_y: float) -> None:
        """A boxed red "İPTAL" across the page and the note (when, why) in the footer."""
        st = styles()
        self.saveState()
        red = colors.HexColor("#B00020")
        self.setFillColor(red)
        self.setFont(st.bold, 8)
        self.drawCentredString(PAGE_W / 2, footer_y + 3.5 * mm, f"{CANCELLED_MARK}: {note}"[:150])
        self.setStrokeColor(red)
        self.setFillAlpha(0.55)
        self.setStrokeAlpha(0.55)
        self.translate(PAGE_W / 2, PAGE_H * 0.62)
        self.rotate(-18)
        size = 64
        self.setFont(st.bold, size)
        width = self.stringWidth(CANCELLED_MARK, st.bold, size)
        self.setLineWidth(3)
        self.rect(-width / 2 - 6 * mm, -5 * mm, width + 12 * mm, size * 0.72 + 10 * mm)
        self.drawCentredString(0, 0, CANCELLED_MARK)
        self.restoreState()
