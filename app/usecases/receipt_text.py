"""The outcome of a receipt advice per line in Turkish words, as ``despatch show`` and the
two-business demo print it (from ``despatch_receiving.exchange_of``'s ``outcome``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain.codes import unit_words

_KINDS = (("rejected", "reddedilen"), ("short", "eksik"), ("oversupply", "fazla"))


def quantity_text(value: str) -> str:
    """A quantity as written for people: no trailing zeros ("11", "2.5")."""
    return format(Decimal(value).normalize(), "f")


def outcome_line_text(line: dict[str, Any]) -> str:
    """``1. Antep fıstığı 1 kg: gönderilen 12, teslim alınan 11, eksik 1 kg (not)``."""
    parts = [f"gönderilen {quantity_text(line['despatched'])}",
             f"teslim alınan {quantity_text(line['received'])}"]
    parts += [f"{word} {quantity_text(line[key])}" for key, word in _KINDS
              if quantity_text(line[key]) != "0"]
    reason = f" — {line['reject_reason']}" if line["reject_reason"] else ""
    note = f" ({line['note']})" if line["note"] else ""
    return (f"{line['line_id']}. {line['item_name']}: {', '.join(parts)} {unit_words(line['unit'])}"
            f"{reason}{note}")


__all__ = ["outcome_line_text", "quantity_text"]
