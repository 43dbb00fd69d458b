"""The invoice lines table (its header row repeats on every page)."""

from __future__ import annotations

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
from .grid import Cell, GridTable, Padding, para_cell, text_cell
from .page import CONTENT_W, DARK, GRID, SHADE, Styles
from .printable import Invoice, InvoiceLine, LineTax

_SIZE = 7  # plain cells and line names
_LEADING = 8.4
_PAD_X = 2.5


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


def lines_table(inv: Invoice, st: Styles) -> GridTable:
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
    last = len(heads) - 1
    inner = [w - 2 * _PAD_X for w in widths]
    regular, bold = st.regular, st.bold
    rows: list[list[Cell]] = [[
        para_cell([(h, bold, 6.8)], inner[c], leading=8, size=6.8, color=DARK, align="CENTER")
        for c, h in enumerate(heads)
    ]]
    # column alignment of the plain cells: Sıra No and the KDV rate centred, numbers right
    aligns = ["CENTER", "LEFT", "RIGHT", "LEFT"] + ["RIGHT"] * (last - 3)
    aligns[6] = "CENTER"

    def plain(text: str, c: int) -> Cell:
        return text_cell(text, regular, _SIZE, _LEADING, align=aligns[c])

    for i, line in enumerate(inv.lines, start=1):
        name: list[tuple[str, str, float]] = [(line.name, regular, _SIZE)]
        if line.description:
            name.append((line.description, regular, 6))
        for details in inv.details:  # e.g. Künye No, GTİP, IMEI of this line
            detail_rows = details.lines[i - 1] if i - 1 < len(details.lines) else ()
            for label, value in detail_rows:
                name.append((f"{label}: {value}", regular, 6))
        row: list[Cell] = [
            plain(str(i), 0),
            para_cell(name, inner[1], leading=_LEADING, size=_SIZE, color=DARK),
            plain(tr_quantity(line.quantity), 2),
            plain(unit_name(line.unit_code), 3),
            plain(tr_unit_price(line.price, cur), 4),
            plain(_discount_text(line, cur), 5),
            plain(tr_percent(line.kdv_percent), 6),
            plain(tr_money(line.kdv_amount, cur), 7),
        ]
        if has_other:
            row.append(para_cell([(_other_tax_text(t), regular, _SIZE)
                                  for t in line.other_taxes],
                                 inner[8], leading=_LEADING, size=_SIZE, color=DARK))
        row.append(plain(tr_money(line.amount, line.currency or cur), last))
        rows.append(row)
    # a line whose name or description is longer than a page splits inside its row
    return GridTable(rows, widths, Padding(1.5, 2, _PAD_X, _PAD_X), grid_width=0.4,
                     grid_color=GRID, shade=SHADE, shade_rows=1, repeat_head=True)
