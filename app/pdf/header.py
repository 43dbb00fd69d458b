"""The top of page 1: issuer block (logo), title, karekod, customer block, invoice facts
and ETTN."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Spacer

from app.domain.errors import UserError

from .formatting import profile_name, tr_date, tr_quantity, tr_time, type_name
from .grid import Column, Columns, GridTable, Padding, para_cell, text_cell
from .page import CONTENT_W, DARK, GRID, SHADE, Karekod, Para, Styles, esc
from .printable import YOLCU_BERABER_PROFILE, Invoice, PrintedParty


def _party_lines(p: PrintedParty, st: Styles, *, with_ids: bool = True) -> list[str]:
    out = [esc(line) for line in p.address_lines]
    contact = []
    if p.phone:
        contact.append(f"Tel: {esc(p.phone)}")
    if p.fax:
        contact.append(f"Faks: {esc(p.fax)}")
    if contact:
        out.append("  ".join(contact))
    if p.email:
        out.append(f"E-Posta: {esc(p.email)}")
    if p.website:
        out.append(f"Web Sitesi: {esc(p.website)}")
    if p.tax_office:
        out.append(f"Vergi Dairesi: {esc(p.tax_office)}")
    if with_ids:
        for scheme, value in p.ids:
            label = scheme.upper() if scheme.upper() in ("VKN", "TCKN") else scheme
            out.append(f"<font name='{st.bold}'>{esc(label)}:</font> {esc(value)}")
    return out


def _issuer_block(inv: Invoice, st: Styles, logo: bytes | None) -> list[Flowable]:
    items: list[Flowable] = []
    if logo:
        items.append(logo_flowable(logo))
        items.append(Spacer(1, 2 * mm))
    items.append(Para(esc(inv.supplier.name), st.name))
    items.append(Para("<br/>".join(_party_lines(inv.supplier, st)), st.small))
    return items


def logo_flowable(data: bytes) -> Flowable:
    """The business's logo (PNG/JPEG) scaled into 55 × 20 mm."""
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


def document_title(inv: Invoice) -> str:
    return "e-ARŞİV FATURA" if inv.is_earsiv else "e-FATURA"


def _customer_block(inv: Invoice, st: Styles) -> list[Flowable]:
    items: list[Flowable] = [
        Para("SAYIN", st.normal),
        Para(esc(inv.customer.name), st.name),
        Para("<br/>".join(_party_lines(inv.customer, st)), st.small),
    ]
    if inv.buyer is not None and (inv.buyer.name or inv.passport_no):
        who = "Alıcı (Yolcu)" if inv.profile == YOLCU_BERABER_PROFILE else "Alıcı"
        lines = [f"<font name='{st.bold}'>{who}:</font> {esc(inv.buyer.name)}"]
        if inv.passport_no:
            lines.append(f"Pasaport No: {esc(inv.passport_no)}")
        lines.extend(esc(line) for line in inv.buyer.address_lines)
        items.append(Spacer(1, 1.5 * mm))
        items.append(Para("<br/>".join(lines), st.small))
    if inv.tax_representative_vkn:
        items.append(Para(f"Aracı Kurum VKN: {esc(inv.tax_representative_vkn)}", st.small))
    return items


def _facts_table(inv: Invoice, st: Styles, width: float) -> GridTable:
    rows: list[tuple[str, str]] = [
        ("Özelleştirme No", inv.customization),
        ("Senaryo", profile_name(inv.profile)),
        ("Fatura Tipi", type_name(inv.type_code)),
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
    for details in inv.details:  # what the scenario or type adds (app.ubl.kinds)
        rows.extend(details.rows)
    return facts_grid(rows, st, width)


def facts_grid(rows: list[tuple[str, str]], st: Styles, width: float) -> GridTable:
    """A two-column label/value table (labels bold on a shaded column), right-aligned."""
    label_w, value_w = width * 0.42, width * 0.58
    cells = [[text_cell(label, st.bold, 7, 8.4),
              para_cell([(value, st.regular, 7)], value_w - 9, leading=8.6, size=7, color=DARK)]
             for label, value in rows]
    return GridTable(cells, [label_w, value_w], Padding(1.2, 1.6, 3, 6), grid_width=0.4,
                     grid_color=GRID, shade=SHADE, shade_first_col=True, h_align="RIGHT")


def header_flowables(inv: Invoice, st: Styles, logo: bytes | None, karekod: str) -> list[Flowable]:
    left_w = CONTENT_W * 0.42
    mid_w = CONTENT_W * 0.30
    right_w = CONTENT_W - left_w - mid_w
    qr = Karekod(karekod)
    qr.hAlign = "RIGHT"
    top = Columns([
        Column(_issuer_block(inv, st, logo), left_w),
        Column([Para(document_title(inv), st.title)], mid_w, valign="MIDDLE"),
        Column([qr], right_w, align="RIGHT"),
    ])
    cust_w = CONTENT_W * 0.55
    facts_w = CONTENT_W * 0.40
    second = Columns([
        Column(_customer_block(inv, st), cust_w, bottom=4, rule_above=0.6, rule_below=0.6),
        Column([], CONTENT_W - cust_w - facts_w),
        Column([_facts_table(inv, st, facts_w)], facts_w),
    ], rule_color=GRID)
    ettn = Para(f"<font name='{st.bold}'>ETTN:</font> {esc(inv.uuid)}", st.normal)
    return [top, Spacer(1, 3 * mm), second, Spacer(1, 2 * mm), ettn, Spacer(1, 2 * mm)]
