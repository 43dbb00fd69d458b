"""The invoice lines table (its header row repeats on every page)."""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from app.domain.codes import WITHHOLDING_RETURN_TYPES

from .formatting import (
    tr_decimal,
    tr_money,
    tr_percent,
    tr_quantity,
    tr_rate,
    tr_unit_price,
    unit_name,
)
from .page import CONTENT_W, GRID, SHADE, Para, Styles, esc
from .printable import Invoice, InvoiceLine, LineTax


def _discount_text(line: InvoiceLine, cur: str) -> str:
    if not line.allowance:
        return ""
    parts = []
    if line.allowance_rate:
        parts.append(tr_rate(line.allowance_rate))
    parts.append(tr_money(line.allowance, cur))
    return "\n".join(parts)


def _other_tax_text(t: LineTax) -> str:
    """``KDV Tevkifat (613) %90: 20,25`` / ``ÖTV 1. liste (0071): 1.842,62``."""
    name = "KDV Tevkifat" if t.withholding else (t.name or "Vergi")
    pct = f" {tr_percent(t.percent)}" if t.percent is not None else ""
    return f"{name} ({t.code}){pct}: {tr_decimal(t.amount)}"


def lines_table(inv: Invoice, st: Styles) -> Table:
    cur = inv.currency
    has_other = any(line.other_taxes for line in inv.lines)
    # a withholding return states per line the share of the goods returned and the KDV not
    # withheld (GİB's general.xslt: "İade Edilen Mal Oranı", "İadeye Konu İşlem Bedeli")
    returned = inv.type_code in WITHHOLDING_RETURN_TYPES
    heads = ["Sıra No", "Mal/Hizmet", "Miktar", "Birim", "Birim Fiyat", "İskonto",
             "İade Edilen Mal Oranı" if returned else "KDV Oranı", "KDV Tutarı"]
    widths = [20, 0, 40, 30, 58, 52, 30, 56]
    if has_other:
        heads.append("Diğer Vergiler")
        widths.append(74)
    heads.append("İadeye Konu İşlem Bedeli" if returned else "Mal/Hizmet Tutarı")
    widths.append(66)
    widths[1] = CONTENT_W - sum(widths)
    data: list[list] = [[Para(h, st.head) for h in heads]]
    for i, line in enumerate(inv.lines, start=1):
        name = esc(line.name)
        if line.description:
            name += f"<br/><font size='6'>{esc(line.description)}</font>"
        for details in inv.details:  # e.g. Künye No, GTİP, IMEI of this line
            rows = details.lines[i - 1] if i - 1 < len(details.lines) else ()
            for label, value in rows:
                name += f"<br/><font size='6'>{esc(label)}: {esc(value)}</font>"
        row: list = [
            str(i),
            Para(name, st.cell),
            tr_quantity(line.quantity),
            unit_name(line.unit_code),
            tr_unit_price(line.price, cur),
            _discount_text(line, cur),
            tr_percent(line.kdv_percent),
            tr_money(line.kdv_amount, cur),
        ]
        if has_other:
            row.append(Para("<br/>".join(esc(_other_tax_text(t)) for t in line.other_taxes),
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
