"""After the last line: the totals table, the amount in words, exemption reasons, notes,
payment details and the e-Arşiv statements."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .formatting import tr_date, tr_money, tr_percent
from .grid import Cell, GridTable, Padding, para_cell, text_cell
from .grid import Rule as GridRule
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


def totals_table(inv: Invoice, st: Styles) -> GridTable:
    label_w, value_w = 62 * mm, 36 * mm
    rows: list[list[Cell]] = []
    rules: list[GridRule] = []
    for i, (label, value, bold) in enumerate(_totals_rows(inv)):
        value_cell = (text_cell(value, st.bold, 9, 10.8, align="RIGHT") if bold
                      else text_cell(value, st.regular, 7.5, 9.0, align="RIGHT"))
        rows.append([para_cell([(label, st.regular, 7)], label_w - 12, leading=8.6, size=7,
                               color=DARK), value_cell])
        if bold:
            rules.append(GridRule(i, 1.0, DARK))
    return GridTable(rows, [label_w, value_w], Padding(1.2, 1.8, 6, 6), grid_width=0.4,
                     grid_color=GRID, shade=SHADE, shade_first_col=True, rules=rules,
                     h_align="RIGHT")


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
