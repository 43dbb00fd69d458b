"""After the last line: the totals table, the amount in words, exemption reasons, notes,
payment details and the e-Arşiv statements."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from .formatting import tr_date, tr_money, tr_percent
from .page import DARK, GRID, SHADE, Para, Rule, Styles, esc
from .printable import Invoice

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


def totals_table(inv: Invoice, st: Styles) -> Table:
    rows = _totals_rows(inv)
    data = [[Para(esc(label), st.small), value] for label, value, _bold in rows]
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


def tail_flowables(inv: Invoice, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    words = inv.amount_in_words
    if words:
        out.append(Para(f"<font name='{st.bold}'>{esc(words)}</font>", st.normal))
    box: list[str] = []
    exemptions: set[tuple[str, str, str]] = set()
    for sub in inv.tax_subtotals:
        if sub.exemption_code or sub.exemption_reason:
            name = "KDV" if sub.is_kdv else (sub.name or sub.code)
            # one reason repeated on several subtotals (each KDV rate) is printed once
            key = (name, sub.exemption_code, sub.exemption_reason)
            if key in exemptions:
                continue
            exemptions.add(key)
            box.append(f"<font name='{st.bold}'>{esc(name)} Muafiyet / İstisna Sebebi:</font> "
                       f"{esc(sub.exemption_code)} {esc(sub.exemption_reason)}")
    for note in inv.other_notes:
        box.append(esc(note))
    for pay in inv.payments:
        parts = []
        # code 1 (UN/ECE 4461 "instrument not defined") says nothing worth printing
        means = "" if pay.means_code == "1" else _PAYMENT_MEANS.get(pay.means_code,
                                                                     pay.means_code)
        if means:
            parts.append(f"Ödeme Şekli: {esc(means)}")
        if pay.account:
            parts.append(f"IBAN / Hesap No: {esc(pay.account)}")
        if pay.account_note:
            parts.append(esc(pay.account_note))
        if pay.due_date:
            parts.append(f"Son Ödeme Tarihi: {tr_date(pay.due_date)}")
        if parts:
            box.append("  •  ".join(parts))
    for term in inv.payment_terms:
        box.append(f"Ödeme Koşulları: {esc(term)}")
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
                       + "  •  ".join(f"{k}: {esc(v)}" for k, v in sale_parts if v))
        if inv.sending_type.upper() == "KAGIT":
            box.append(f"<font name='{st.bold}'>Gönderim Şekli: KAĞIT</font>")
        else:
            # VUK 509 V.5: e-Arşiv faturanın elektronik ortamda iletildiğine dair ibare
            box.append(f"<font name='{st.bold}'>e-Arşiv izni kapsamında elektronik ortamda "
                       "iletilmiştir.</font>")
    if box:
        # one paragraph per item, so notes of any length flow onto the next page
        out.append(Spacer(1, 2 * mm))
        out.append(Rule())
        for item in box:
            out.append(Para(item, st.note))
    return out
