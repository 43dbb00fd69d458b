"""Reloading a list without losing the user's place: the selected rows, the current row
and the scroll position are remembered by each row's key (an ETTN, an id) before a reload
and put back after it — rows another seat added above them do not move the selection."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView

KeyAt = Callable[[int], Hashable | None]  # the key of row i (None: no such row)


@dataclass
class ViewPlace:
    selected: list[Hashable] = field(default_factory=list)
    current: Hashable | None = None
    top: Hashable | None = None  # the first row shown, when the list was scrolled
    scroll: int = 0
    rows: tuple[int, int] = (0, 0)  # the lowest and highest row the keys were at


def remember(view: QAbstractItemView, key_at: KeyAt) -> ViewPlace:
    sel = view.selectionModel()
    rows = sorted({i.row() for i in sel.selectedRows()}) if sel is not None else []
    place = ViewPlace(scroll=view.verticalScrollBar().value())
    place.selected = [k for k in (key_at(r) for r in rows) if k is not None]
    current = view.currentIndex().row()
    if current >= 0:
        place.current = key_at(current)
        rows.append(current)
    if place.scroll > 0:
        top = view.rowAt(0) if hasattr(view, "rowAt") else view.indexAt(
            view.viewport().rect().topLeft()).row()
        if top >= 0:
            place.top = key_at(top)
            rows.append(top)
    if rows:
        place.rows = (min(rows), max(rows))
    return place


def restore(view: QAbstractItemView, place: ViewPlace, key_at: KeyAt, count: int,
            near: int | None = None) -> None:
    """Select again the rows whose keys were selected. ``near``: look for them only that
    many rows around where they were (a lazy list of 100,000 rows is not read through)."""
    model, sel = view.model(), view.selectionModel()
    if model is None or sel is None:
        return
    wanted = set(place.selected)
    if place.current is not None:
        wanted.add(place.current)
    if place.top is not None:
        wanted.add(place.top)
    found: dict[Hashable, int] = {}
    if wanted:
        lo, hi = 0, count - 1
        if near is not None:
            lo, hi = max(0, place.rows[0] - near), min(count - 1, place.rows[1] + near)
        for row in range(lo, hi + 1):
            key = key_at(row)
            if key in wanted and key not in found:
                found[key] = row
                if len(found) == len(wanted):
                    break
    flags = QItemSelectionModel.SelectionFlag
    sel.clearSelection()
    for key in place.selected:
        if key in found:
            sel.select(model.index(found[key], 0), flags.Select | flags.Rows)
    if place.current in found:
        sel.setCurrentIndex(model.index(found[place.current], 0), flags.NoUpdate)
    if place.top in found:
        view.scrollTo(model.index(found[place.top], 0),
                      QAbstractItemView.ScrollHint.PositionAtTop)
    else:
        bar = view.verticalScrollBar()
        bar.setValue(min(place.scroll, bar.maximum()))
