"""The lines tables of a printed e-İrsaliye and irsaliye yanıtı (the head row repeats on
every page; cells are plain strings, never mark-up)."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.despatch_as_read import DespatchLine, ReceiptLine

from .despatch_parts import quantity_text, tr_amount, tr_price
from .formatting import unit_name
from .grid import Cell, GridTable, Padding, para_cell, text_cell
from .page import CONTENT_W, DARK, GRID, SHADE, Styles

_SIZE = 7
_LEADING = 8.4
_SMALL = 6
_PAD_X = 2.5

# what an item identification's schemeID means on paper
_ID_LABELS = {"KUNYENO": "Künye No", "ETIKETNO": "Etiket No"}


def _table(heads: Sequence[str], widths: list[float], aligns: Sequence[str],
           body: Sequence[Sequence[str | list[tuple[str, str, float]]]],
           st: Styles) -> GridTable:
    """A lines table: ``widths[1]`` (the name column) takes what the others leave; a body
    cell is a string (drawn as is) or paragraph segments (wrapped in its column)."""
    widths = list(widths)
    widths[1] = CONTENT_W - sum(widths) + widths[1]
    inner = [w - 2 * _PAD_X for w in widths]
    rows: list[list[Cell]] = [[
        para_cell([(h, st.bold, 6.8)], inner[c], leading=8, size=6.8, color=DARK,
                  align="CENTER")
        for c, h in enumerate(heads)
    ]]
    for values in body:
        row: list[Cell] = []
        for c, value in enumerate(values):
            if isinstance(value, str):
                row.append(text_cell(value, st.regular, _SIZE, _LEADING, align=aligns[c]))
            else:
                row.append(para_cell(value, inner[c], leading=_LEADING, size=_SIZE, color=DARK))
        rows.append(row)
    return GridTable(rows, widths, Padding(1.5, 2, _PAD_X, _PAD_X), grid_width=0.4,
                     grid_color=GRID, shade=SHADE, shade_rows=1, repeat_head=True)


def _name_cell(name: str, details: Sequence[tuple[str, str]],
               st: Styles) -> list[tuple[str, str, float]]:
    segments = [(name, st.regular, float(_SIZE))]
    segments.extend((f"{label}: {value}", st.regular, float(_SMALL))
                    for label, value in details if value)
    return segments


def _unit_cell(code: str, st: Styles) -> list[tuple[str, str, float]]:
    """The unit in Turkish (``C62`` → ``Adet``), wrapped: an unknown code prints as written."""
    return [(unit_name(code), st.regular, float(_SIZE))]


def despatch_lines_table(lines: Sequence[DespatchLine], st: Styles) -> GridTable:
    """Sıra No, Mal/Hizmet, Miktar, Birim; Birim Fiyat and Tutar when a line carries its
    informative price; Kalan Miktar when a line says what is still to come."""
    priced = any(ln.unit_price is not None or ln.amount is not None for ln in lines)
    outstanding = any(ln.outstanding is not None for ln in lines)
    heads = ["Sıra No", "Mal/Hizmet", "Miktar", "Birim"]
    widths: list[float] = [24, 0, 56, 44]
    aligns = ["CENTER", "LEFT", "RIGHT", "LEFT"]
    if outstanding:
        heads.append("Kalan Miktar")
        widths.append(56)
        aligns.append("RIGHT")
    if priced:
        heads += ["Birim Fiyat", "Tutar"]
        widths += [66, 72]
        aligns += ["RIGHT", "RIGHT"]
    body = []
    for i, ln in enumerate(lines, start=1):
        details = [("Satıcı Kodu", ln.seller_code)]
        details += [(_ID_LABELS.get(scheme.upper(), scheme or "Kod"), value)
                    for scheme, value in ln.item_ids]
        if ln.outstanding_reason:
            details.append(("Kalan Nedeni", ln.outstanding_reason))
        details.append(("Not", ln.note))
        row: list[str | list[tuple[str, str, float]]] = [
            str(i), _name_cell(ln.item_name, details, st), quantity_text(ln.quantity),
            _unit_cell(ln.unit, st)]
        if outstanding:
            row.append(quantity_text(ln.outstanding))
        if priced:
            currency = ln.currency or "TRY"
            row += [tr_price(ln.unit_price, currency), tr_amount(ln.amount, currency)]
        body.append(row)
    return _table(heads, widths, aligns, body, st)


def receipt_lines_table(lines: Sequence[ReceiptLine], st: Styles) -> GridTable:
    """Per line: what arrived, what was rejected, short and oversupplied, with the
    reasons (GİB's irsaliyeyaniti.xslt columns)."""
    heads = ["Sıra No", "Mal/Hizmet", "Birim", "Teslim Alınan Miktar",
             "Kabul Edilmeyen Miktar", "Eksik Miktar", "Fazla Miktar"]
    widths: list[float] = [24, 0, 40, 56, 56, 50, 50]
    aligns = ["CENTER", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"]
    body = []
    for i, ln in enumerate(lines, start=1):
        details = [("İrsaliye Satırı", ln.despatch_line_id), ("Satıcı Kodu", ln.seller_code),
                   ("Red Nedeni", ln.reject_reason), ("Zamanlama Şikâyeti", ln.timing_complaint),
                   ("Not", ln.note)]
        body.append([str(i), _name_cell(ln.item_name, details, st), _unit_cell(ln.unit, st),
                     quantity_text(ln.received), quantity_text(ln.rejected),
                     quantity_text(ln.short), quantity_text(ln.oversupply)])
    return _table(heads, widths, aligns, body, st)
