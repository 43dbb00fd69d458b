"""A4 layout of a printed invoice (reportlab platypus).

Page 1 starts with the issuer block (logo), the title ("e-FATURA" / "e-ARŞİV FATURA") at the
top centre and the karekod at the top right corner (Karekod Standardı Kılavuzu V1.2 §3),
then the customer block and the invoice facts. The lines table repeats its header row on
every page; the totals, the amount in words, notes, payment details and the e-Arşiv
statements follow the last line, so they appear once, on the last page. Every page carries
"Sayfa i/n" and, from page 2 on, a short header naming the invoice.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.domain.errors import UserError

from .fonts import register_fonts
from .formatting import (
    currency_label,
    tr_date,
    tr_decimal,
    tr_money,
    tr_percent,
    tr_quantity,
    tr_time,
    tr_unit_price,
    unit_name,
)
from .karekod import karekod_text, payload_from_invoice
from .printable import YOLCU_BERABER_PROFILE, Invoice, InvoiceLine, LineTax, PrintedParty

PAGE_W, PAGE_H = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 16 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
KAREKOD_SIZE = 32 * mm  # readable by a phone from paper (module ≈ 0.4 mm)
TEST_MARK = "TEST — geçerli fatura değildir"

GRID = colors.HexColor("#555555")
SHADE = colors.HexColor("#E8E8E8")
DARK = colors.HexColor("#111111")

_PAYMENT_MEANS = {
    "10": "Nakit",
    "20": "Çek",
    "23": "Banka çeki",
    "30": "Havale/EFT",
    "31": "Havale/EFT",
    "42": "Banka hesabına ödeme",
    "48": "Kredi kartı",
    "49": "Otomatik ödeme",
    "54": "Kredi kartı",
    "55": "Banka kartı",
    "58": "SEPA havale",
    "68": "Online ödeme",
    "97": "Takas",
    "ZZZ": "Diğer",
}


@dataclass(frozen=True)
class _Styles:
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


_styles_cache: _Styles | None = None


def _styles() -> _Styles:
    global _styles_cache
    if _styles_cache is None:
        regular, bold = register_fonts()
        base = ParagraphStyle("tz", fontName=regular, fontSize=8, leading=10, textColor=DARK)
        _styles_cache = _Styles(
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


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- flowables


class Karekod(Flowable):
    """GİB karekod: QR code (error correction M) drawn as vector modules."""

    # A fixed data mask: evaluating all eight masks costs ~40 ms per invoice in pure
    # Python, and every mask is valid for readers (ISO/IEC 18004 §8.8 only recommends the
    # lowest-penalty one). Readability is checked by decoding every test print with zbar.
    MASK = 0

    def __init__(self, text: str, size: float = KAREKOD_SIZE) -> None:
        super().__init__()
        # Non-ASCII content (rare: a passport number with Turkish letters) is written as
        # UTF-8 with an ECI header so readers do not guess a legacy code page.
        ascii_only = text.isascii()
        self.qr = segno.make(text, error="m", boost_error=False, micro=False, mask=self.MASK,
                             encoding=None if ascii_only else "utf-8", eci=not ascii_only)
        self.size = size
        self.width = self.height = size

    def path_operators(self) -> str:
        """PDF path operators filling the dark modules (horizontal runs merged)."""
        matrix = self.qr.matrix
        n = len(matrix)
        m = self.size / n
        ops: list[str] = []
        for r, row in enumerate(matrix):
            y = self.size - (r + 1) * m
            c = 0
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    ops.append(f"{start * m:.3f} {y:.3f} {(c - start) * m:.3f} {m:.3f} re")
                else:
                    c += 1
        return "\n".join(ops)

    def draw(self) -> None:
        # one literal path: much faster than reportlab's per-rectangle path API
        self.canv.addLiteral(f"q 0 g\n{self.path_operators()}\nf Q")


class _Rule(Flowable):
    """A thin full-width line above the notes."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, 3

    def draw(self) -> None:
        self.canv.setStrokeColor(GRID)
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 1.5, self.width, 1.5)


class _DocStart(Flowable):
    """Zero-size marker: tells the canvas which invoice the following pages belong to."""

    def __init__(self, info: dict[str, str]) -> None:
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._tz_doc = self.info  # type: ignore[attr-defined]
        self.canv._tz_first = True  # type: ignore[attr-defined]


class _InvoiceCanvas(Canvas):
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
        st = _styles()
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
            self.drawString(MARGIN_X, top,
                            f"{doc.get('title', '')} — Fatura No: {doc.get('number', '')}")
            self.setFont(st.regular, 7.5)
            self.drawRightString(PAGE_W - MARGIN_X, top,
                                 f"{doc.get('date', '')}  •  {doc.get('customer', '')[:60]}")
            self.setStrokeColor(GRID)
            self.setLineWidth(0.4)
            self.line(MARGIN_X, top - 2, PAGE_W - MARGIN_X, top - 2)
        if self._tz_test:
            self.setFillColor(colors.red)
            self.setFont(st.bold, 8)
            self.drawCentredString(PAGE_W / 2, y - 3.5 * mm, TEST_MARK)
            self.setFillAlpha(0.16)
            self.setFont(st.bold, 40)
            self.translate(PAGE_W / 2, PAGE_H / 2)
            self.rotate(40)
            self.drawCentredString(0, 0, TEST_MARK)
        self.restoreState()


# ---------------------------------------------------------------- blocks


def _party_lines(p: PrintedParty, st: _Styles, *, with_ids: bool = True) -> list[str]:
    out = [_esc(line) for line in p.address_lines]
    contact = []
    if p.phone:
        contact.append(f"Tel: {_esc(p.phone)}")
    if p.fax:
        contact.append(f"Faks: {_esc(p.fax)}")
    if contact:
        out.append("  ".join(contact))
    if p.email:
        out.append(f"E-Posta: {_esc(p.email)}")
    if p.website:
        out.append(f"Web Sitesi: {_esc(p.website)}")
    if p.tax_office:
        out.append(f"Vergi Dairesi: {_esc(p.tax_office)}")
    if with_ids:
        for scheme, value in p.ids:
            label = scheme.upper() if scheme.upper() in ("VKN", "TCKN") else scheme
            out.append(f"<font name='{st.bold}'>{_esc(label)}:</font> {_esc(value)}")
    return out


def _issuer_block(inv: Invoice, st: _Styles, logo: bytes | None) -> list[Flowable]:
    items: list[Flowable] = []
    if logo:
        items.append(_logo(logo))
        items.append(Spacer(1, 2 * mm))
    items.append(Paragraph(_esc(inv.supplier.name), st.name))
    items.append(Paragraph("<br/>".join(_party_lines(inv.supplier, st)), st.small))
    return items


def _logo(data: bytes) -> Flowable:
    from reportlab.platypus import Image

    try:
        reader = ImageReader(io.BytesIO(data))
        w, h = reader.getSize()
    except Exception as exc:
        raise UserError(
            "Logo dosyası okunamadı; PNG ya da JPEG biçiminde bir resim seçin."
        ) from exc
    max_w, max_h = 55 * mm, 20 * mm
    scale = min(max_w / w, max_h / h)
    img = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    img.hAlign = "LEFT"
    return img


def _title(inv: Invoice) -> str:
    return "e-ARŞİV FATURA" if inv.is_earsiv else "e-FATURA"


def _customer_block(inv: Invoice, st: _Styles) -> list[Flowable]:
    items: list[Flowable] = [
        Paragraph("SAYIN", st.normal),
        Paragraph(_esc(inv.customer.name), st.name),
        Paragraph("<br/>".join(_party_lines(inv.customer, st)), st.small),
    ]
    if inv.buyer is not None and (inv.buyer.name or inv.passport_no):
        who = "Alıcı (Yolcu)" if inv.profile == YOLCU_BERABER_PROFILE else "Alıcı"
        lines = [f"<font name='{st.bold}'>{who}:</font> {_esc(inv.buyer.name)}"]
        if inv.passport_no:
            lines.append(f"Pasaport No: {_esc(inv.passport_no)}")
        lines.extend(_esc(line) for line in inv.buyer.address_lines)
        items.append(Spacer(1, 1.5 * mm))
        items.append(Paragraph("<br/>".join(lines), st.small))
    if inv.tax_representative_vkn:
        items.append(Paragraph(f"Aracı Kurum VKN: {_esc(inv.tax_representative_vkn)}", st.small))
    return items


def _facts_table(inv: Invoice, st: _Styles, width: float) -> Table:
    rows: list[tuple[str, str]] = [
        ("Özelleştirme No", inv.customization),
        ("Senaryo", inv.profile),
        ("Fatura Tipi", inv.type_code),
        ("Fatura No", inv.number),
        ("Fatura Tarihi", tr_date(inv.issue_date)),
    ]
    if inv.issue_time:
        rows.append(("Fatura Saati", tr_time(inv.issue_time)))
    for ref in inv.orders:
        rows.append(("Sipariş No", ref.id))
        if ref.date:
            rows.append(("Sipariş Tarihi", tr_date(ref.date)))
    for ref in inv.despatches:
        rows.append(("İrsaliye No", ref.id))
        if ref.date:
            rows.append(("İrsaliye Tarihi", tr_date(ref.date)))
    for ref in inv.billing_refs:
        rows.append(("İlgili Fatura", f"{ref.id} {tr_date(ref.date)}".strip()))
    for ref in inv.contracts:
        label = "Yatırım Teşvik No" if ref.kind.upper() == "YTBNO" else "Sözleşme No"
        rows.append((label, f"{ref.id} {tr_date(ref.date)}".strip()))
    if inv.currency and inv.currency != "TRY":
        rows.append(("Para Birimi", inv.currency))
        if inv.exchange_rate is not None:
            rows.append(("Döviz Kuru", f"1 {inv.currency} = {tr_quantity(inv.exchange_rate)} TL"))
    if inv.is_earsiv and inv.sending_type:
        rows.append(("Gönderim Şekli", inv.sending_type))
    data = [[label, Paragraph(_esc(value), st.small)] for label, value in rows]
    t = Table(data, colWidths=[width * 0.42, width * 0.58])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.regular, 7),
                ("FONT", (0, 0), (0, -1), st.bold, 7),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    t.hAlign = "RIGHT"
    return t


def _header(inv: Invoice, st: _Styles, logo: bytes | None, karekod: str) -> list[Flowable]:
    left_w = CONTENT_W * 0.42
    mid_w = CONTENT_W * 0.30
    right_w = CONTENT_W - left_w - mid_w
    qr = Karekod(karekod)
    qr.hAlign = "RIGHT"
    top = Table(
        [[_issuer_block(inv, st, logo), Paragraph(_title(inv), st.title), qr]],
        colWidths=[left_w, mid_w, right_w],
    )
    top.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.regular, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (1, 0), (1, 0), "MIDDLE"),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    cust_w = CONTENT_W * 0.55
    facts_w = CONTENT_W * 0.40
    second = Table(
        [[_customer_block(inv, st), "", _facts_table(inv, st, facts_w)]],
        colWidths=[cust_w, CONTENT_W - cust_w - facts_w, facts_w],
    )
    second.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.regular, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (0, 0), 0.6, GRID),
                ("LINEBELOW", (0, 0), (0, 0), 0.6, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (0, 0), 3),
                ("BOTTOMPADDING", (0, 0), (0, 0), 4),
            ]
        )
    )
    ettn = Paragraph(f"<font name='{st.bold}'>ETTN:</font> {_esc(inv.uuid)}", st.normal)
    return [top, Spacer(1, 3 * mm), second, Spacer(1, 2 * mm), ettn, Spacer(1, 2 * mm)]


def _discount_text(line: InvoiceLine, cur: str) -> str:
    if not line.allowance:
        return ""
    parts = []
    if line.allowance_rate:
        parts.append(tr_percent(line.allowance_rate * 100))
    parts.append(tr_money(line.allowance, cur))
    return "\n".join(parts)


def _other_tax_text(t: LineTax) -> str:
    """``KDV Tevkifat (613) %90: 20,25`` / ``ÖTV 1. liste (0071): 1.842,62``."""
    name = "KDV Tevkifat" if t.withholding else (t.name or "Vergi")
    pct = f" {tr_percent(t.percent)}" if t.percent is not None else ""
    return f"{name} ({t.code}){pct}: {tr_decimal(t.amount)}"


def _lines_table(inv: Invoice, st: _Styles) -> Table:
    cur = inv.currency
    has_other = any(line.other_taxes for line in inv.lines)
    heads = ["Sıra No", "Mal/Hizmet", "Miktar", "Birim", "Birim Fiyat", "İskonto",
             "KDV Oranı", "KDV Tutarı"]
    widths = [20, 0, 40, 30, 58, 52, 30, 56]
    if has_other:
        heads.append("Diğer Vergiler")
        widths.append(74)
    heads.append("Mal/Hizmet Tutarı")
    widths.append(66)
    widths[1] = CONTENT_W - sum(widths)
    data: list[list] = [[Paragraph(h, st.head) for h in heads]]
    for i, line in enumerate(inv.lines, start=1):
        name = _esc(line.name)
        if line.description:
            name += f"<br/><font size='6'>{_esc(line.description)}</font>"
        row: list = [
            str(i),
            Paragraph(name, st.cell),
            tr_quantity(line.quantity),
            unit_name(line.unit_code),
            tr_unit_price(line.price, cur),
            _discount_text(line, cur),
            tr_percent(line.kdv_percent),
            tr_money(line.kdv_amount, cur),
        ]
        if has_other:
            row.append(Paragraph("<br/>".join(_esc(_other_tax_text(t)) for t in line.other_taxes),
                                 st.cell))
        row.append(tr_money(line.amount, line.currency or cur))
        data.append(row)
    # splitInRow: a line whose name or description is longer than a page still splits
    t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    last = len(heads) - 1
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.regular, 7),
                ("LEADING", (0, 1), (-1, -1), 8.4),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("ALIGN", (2, 1), (2, -1), "RIGHT"),
                ("ALIGN", (4, 1), (last, -1), "RIGHT"),
                ("ALIGN", (6, 1), (6, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return t


def _totals_rows(inv: Invoice) -> list[tuple[str, str, bool]]:
    cur = inv.currency
    rows: list[tuple[str, str, bool]] = [
        ("Mal Hizmet Toplam Tutarı", tr_money(inv.line_extension, cur), False),
        ("Toplam İskonto", tr_money(inv.allowance_total or Decimal(0), cur), False),
    ]
    if inv.charge_total:
        rows.append(("Toplam Artırım", tr_money(inv.charge_total, cur), False))
    for sub in inv.tax_subtotals:
        pct = f" ({tr_percent(sub.percent)})" if sub.percent is not None else ""
        name = "KDV" if sub.is_kdv else f"{sub.name or 'Vergi'} ({sub.code})"
        label = f"Hesaplanan {name}{pct}"
        rows.append((label, tr_money(sub.amount, cur), False))
    for sub in inv.withholding_subtotals:
        label = f"KDV Tevkifat Tutarı ({sub.code}) ({tr_percent(sub.percent)})"
        rows.append((label, tr_money(sub.amount, cur), False))
    rows.append(("Vergiler Dahil Toplam Tutar", tr_money(inv.tax_inclusive, cur), False))
    rows.append(("Ödenecek Tutar", tr_money(inv.payable, cur), True))
    if cur and cur != "TRY" and inv.exchange_rate is not None and inv.payable is not None:
        rows.append(("Ödenecek Tutar (TL karşılığı)",
                     tr_money(inv.payable * inv.exchange_rate, "TRY"), False))
    return rows


def _totals_table(inv: Invoice, st: _Styles) -> Table:
    rows = _totals_rows(inv)
    data = [[Paragraph(_esc(label), st.small), value] for label, value, _bold in rows]
    t = Table(data, colWidths=[62 * mm, 36 * mm])
    style = [
        ("FONT", (0, 0), (-1, -1), st.regular, 7.5),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
    ]
    for i, (_label, _value, bold) in enumerate(rows):
        if bold:
            style.append(("FONT", (1, i), (1, i), st.bold, 9))
            style.append(("LINEABOVE", (0, i), (-1, i), 1.0, DARK))
    t.setStyle(TableStyle(style))
    t.hAlign = "RIGHT"
    return t


def _tail(inv: Invoice, st: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    words = inv.amount_in_words
    if words:
        out.append(Paragraph(f"<font name='{st.bold}'>{_esc(words)}</font>", st.normal))
    box: list[str] = []
    for sub in inv.tax_subtotals:
        if sub.exemption_code or sub.exemption_reason:
            name = "KDV" if sub.is_kdv else (sub.name or sub.code)
            box.append(f"<font name='{st.bold}'>{_esc(name)} Muafiyet / İstisna Sebebi:</font> "
                       f"{_esc(sub.exemption_code)} {_esc(sub.exemption_reason)}")
    for note in inv.other_notes:
        box.append(_esc(note))
    for pay in inv.payments:
        parts = []
        # code 1 (UN/ECE 4461 "instrument not defined") says nothing worth printing
        means = "" if pay.means_code == "1" else _PAYMENT_MEANS.get(pay.means_code,
                                                                     pay.means_code)
        if means:
            parts.append(f"Ödeme Şekli: {_esc(means)}")
        if pay.account:
            parts.append(f"IBAN / Hesap No: {_esc(pay.account)}")
        if pay.account_note:
            parts.append(_esc(pay.account_note))
        if pay.due_date:
            parts.append(f"Son Ödeme Tarihi: {tr_date(pay.due_date)}")
        if parts:
            box.append("  •  ".join(parts))
    for term in inv.payment_terms:
        box.append(f"Ödeme Koşulları: {_esc(term)}")
    if inv.is_earsiv:
        sale = inv.internet_sale
        if sale is not None:
            sale_parts = [
                ("Satışın yapıldığı web adresi", sale.website),
                ("Ödeme şekli", _PAYMENT_MEANS.get(sale.payment_means, sale.payment_means)),
                ("Ödeme tarihi", tr_date(sale.payment_date)),
                ("Gönderim tarihi", tr_date(sale.despatch_date)),
                ("Gönderiyi taşıyan", sale.carrier_name),
                ("Taşıyan VKN/TCKN", sale.carrier_id),
            ]
            box.append(f"<font name='{st.bold}'>Bu satış internet üzerinden yapılmıştır.</font> "
                       + "  •  ".join(f"{k}: {_esc(v)}" for k, v in sale_parts if v))
        if inv.sending_type.upper() == "KAGIT":
            box.append(f"<font name='{st.bold}'>Gönderim Şekli: KAĞIT</font>")
        else:
            # VUK 509 V.5: e-Arşiv faturanın elektronik ortamda iletildiğine dair ibare
            box.append(f"<font name='{st.bold}'>e-Arşiv izni kapsamında elektronik ortamda "
                       "iletilmiştir.</font>")
    if box:
        # one paragraph per item, so notes of any length flow onto the next page
        out.append(Spacer(1, 2 * mm))
        out.append(_Rule())
        for item in box:
            out.append(Paragraph(item, st.note))
    return out


def invoice_story(inv: Invoice, *, logo: bytes | None = None, test_mode: bool = False) -> list:
    st = _styles()
    payload = payload_from_invoice(inv)
    info = {
        "title": _title(inv),
        "number": inv.number,
        "uuid": inv.uuid,
        "date": tr_date(inv.issue_date),
        "customer": inv.customer.name,
    }
    story: list = [_DocStart(info)]
    if test_mode:
        story.append(Paragraph(TEST_MARK, st.mark))
        story.append(Spacer(1, 1 * mm))
    story.extend(_header(inv, st, logo, karekod_text(payload)))
    story.append(_lines_table(inv, st))
    story.append(Spacer(1, 3 * mm))
    totals = [_totals_table(inv, st)]
    story.append(KeepTogether(totals))
    story.append(Spacer(1, 2 * mm))
    story.extend(_tail(inv, st))
    return story


def build_pdf(invoices: Iterable[Invoice], *, logo: bytes | None = None,
              test_mode: bool = False) -> bytes:
    """Lay out one or more invoices into a single PDF; each starts on a new page and has
    its own page numbering."""
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title="Fatura",
        author="Tezgâh",
        creator="Tezgâh",
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="invoice", frames=[frame])])
    story: list = []
    titles: list[str] = []
    for inv in invoices:
        if story:
            story.append(PageBreak())
        story.extend(invoice_story(inv, logo=logo, test_mode=test_mode))
        titles.append(inv.number)
    if not story:
        raise UserError("Yazdırılacak fatura yok.")
    if len(titles) == 1:
        doc.title = f"Fatura {titles[0]}"

    regular = _styles().regular

    def make_canvas(*args, **kwargs):
        # the canvas' initial font is ours too, so no unembedded base-14 font is referenced
        kwargs["initialFontName"] = regular
        return _InvoiceCanvas(*args, test_mode=test_mode, **kwargs)

    doc.build(story, canvasmaker=make_canvas)
    return buf.getvalue()


__all__ = ["Karekod", "build_pdf", "currency_label", "invoice_story"]
