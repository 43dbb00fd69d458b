"""Our receipt advice (irsaliye yanıtı) answering a despatch advice we received.

For each despatch line answered: how much arrived (``received``), how much of that we send
back (``rejected``, with a reason), how much did not arrive (``short``) and how much
arrived beyond the despatch (``oversupply``). GİB's schematron has no rule on these
quantities (the ``receiptadvice`` pattern checks only the type code, the ID's length, the
UUID, item names, line IDs and the parties); the rules here are what GİB's samples show
against the despatch they answer (Irsaliye-Ornek1, 20 / 12 / 12 / 2 despatched):

* IrsaliyeYaniti-Ornek3: ReceivedQuantity 20 with RejectedQuantity 2 ("2 tane ürün
  hasarlıdır") — the rejected goods arrived, so they are part of what was received:
  ``rejected ≤ received``;
* IrsaliyeYaniti-Ornek4: ReceivedQuantity 18 with ShortQuantity 2 for 20 despatched, and
  ReceivedQuantity 20 with OversupplyQuantity 8 for 12 despatched:
  ``received + short − oversupply = despatched``, and a line is short or oversupplied,
  never both.

A short or oversupplied quantity left out is worked out from ``received``; one written must
agree. A rejected quantity needs its reason (cbc:RejectReason). Errors are Turkish
``UserError`` with ``field`` naming the JSON field (``lines[0].received``).

The answer is optional and goes once, within seven days (``app.domain.deadlines``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain import fields
from app.domain.despatch_as_read import Despatch, DespatchLine
from app.domain.errors import UserError, shown
from app.domain.money import QUANTITY_PLACES

ZERO = Decimal(0)
_PLACES = fields.places_of(QUANTITY_PLACES)
MAX_REASON = 500  # Tezgâh's own limit; UBL's TextType has none


@dataclass(frozen=True)
class ReceiptLineData:
    """Our answer for one despatch line."""

    line_id: str  # the despatch line's cbc:ID
    received: Decimal
    rejected: Decimal = ZERO
    short: Decimal = ZERO
    oversupply: Decimal = ZERO
    reject_reason: str = ""
    note: str = ""  # e.g. why goods are missing (cbc:Note of the ReceiptLine)


@dataclass(frozen=True)
class ReceiptData:
    """A receipt advice to send, answering ``despatch``."""

    despatch: Despatch
    lines: tuple[ReceiptLineData, ...]
    note: str = ""
    delivered_on: date | None = None  # Shipment/Delivery/ActualDeliveryDate

    def __post_init__(self) -> None:
        check_receipt(self)

    @classmethod
    def everything_received(cls, despatch: Despatch, *, note: str = "",
                            delivered_on: date | None = None) -> ReceiptData:
        """Every despatch line received in full, nothing rejected."""
        return cls(despatch=despatch, note=note, delivered_on=delivered_on,
                   lines=tuple(ReceiptLineData(ln.line_id, ln.quantity)
                               for ln in despatch.lines))

    @classmethod
    def from_json(cls, data: object, despatch: Despatch) -> ReceiptData:
        """From the JSON form::

            {"note": "…", "delivered_on": "2026-11-28",
             "lines": [{"line_id": "1", "received": "18", "rejected": "0",
                        "short": "2", "reject_reason": "", "note": "2 koli gelmedi"}]}

        Quantities are strings or whole numbers (never floats); ``short`` and
        ``oversupply`` may be left out."""
        raw = fields.mapping(data, "", "İrsaliye yanıtı", optional=False)
        unknown = sorted(set(raw) - {"note", "delivered_on", "lines"})
        if unknown:
            raise UserError(f"İrsaliye yanıtında bilinmeyen alan: '{shown(unknown[0])}'.",
                            field=unknown[0])
        items = fields.sequence(raw.get("lines"), "lines", "Yanıt satırları",
                                max_items=max(len(despatch.lines), 1))
        lines = tuple(_line_from_json(item, i, despatch) for i, item in enumerate(items))
        delivered_on = None
        text = fields.text(raw.get("delivered_on"), "delivered_on", "Teslim tarihi",
                           max_len=10)
        if text:
            try:
                delivered_on = date.fromisoformat(text)
            except ValueError:
                raise UserError(f"Teslim tarihi YYYY-AA-GG biçiminde olmalı: '{shown(text)}'.",
                                field="delivered_on") from None
        return cls(despatch=despatch, lines=lines, delivered_on=delivered_on,
                   note=fields.text(raw.get("note"), "note", "Yanıt notu",
                                    max_len=fields.LONG_TEXT, multiline=True))

    def to_json(self) -> dict:
        return {
            "note": self.note,
            "delivered_on": self.delivered_on.isoformat() if self.delivered_on else "",
            "lines": [{"line_id": ln.line_id, "received": str(ln.received),
                       "rejected": str(ln.rejected), "short": str(ln.short),
                       "oversupply": str(ln.oversupply), "reject_reason": ln.reject_reason,
                       "note": ln.note} for ln in self.lines],
        }


_LINE_KEYS = {"line_id", "received", "rejected", "short", "oversupply", "reject_reason", "note"}


def _quantity(raw: dict, key: str, f: str, label: str) -> Decimal | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    return fields.number(value, f + key, label, places=_PLACES)


def _line_from_json(item: object, index: int, despatch: Despatch) -> ReceiptLineData:
    f = f"lines[{index}]."
    where = f"{index + 1}. yanıt satırı"
    raw = fields.mapping(item, f.rstrip("."), where, optional=False)
    unknown = sorted(set(raw) - _LINE_KEYS)
    if unknown:
        raise UserError(f"{where}: bilinmeyen alan '{shown(unknown[0])}'.",
                        field=f + unknown[0])
    line_id = fields.text(raw.get("line_id"), f + "line_id", f"{where}: irsaliye satırı",
                          max_len=fields.SHORT_TEXT)
    if not line_id:
        raise UserError(f"{where}: hangi irsaliye satırına yanıt verildiği (line_id) yazılmalı.",
                        field=f + "line_id")
    ln = despatch.line(line_id)
    if ln is None:
        raise UserError(f"{where}: irsaliyede '{shown(line_id)}' numaralı satır yok.",
                        field=f + "line_id")
    received = _quantity(raw, "received", f, f"{where}: teslim alınan miktar")
    if received is None:
        raise UserError(f"{where}: teslim alınan miktar (received) yazılmalı.",
                        field=f + "received")
    rejected = _quantity(raw, "rejected", f, f"{where}: reddedilen miktar") or ZERO
    short = _quantity(raw, "short", f, f"{where}: eksik miktar")
    over = _quantity(raw, "oversupply", f, f"{where}: fazla miktar")
    if short is None and over is None:
        short, over = max(ln.quantity - received, ZERO), max(received - ln.quantity, ZERO)
    elif short is None:
        assert over is not None
        short = max(ln.quantity + over - received, ZERO)
    elif over is None:
        over = max(received + short - ln.quantity, ZERO)
    return ReceiptLineData(
        line_id=line_id, received=received, rejected=rejected, short=short, oversupply=over,
        reject_reason=fields.text(raw.get("reject_reason"), f + "reject_reason",
                                  f"{where}: red nedeni", max_len=MAX_REASON),
        note=fields.text(raw.get("note"), f + "note", f"{where}: açıklama", max_len=MAX_REASON),
    )


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def check_line(line: ReceiptLineData, despatched: DespatchLine, index: int) -> None:
    """The rules of the module docstring for one line; ``index`` counts from 0."""
    f = f"lines[{index}]."
    where = f"{index + 1}. yanıt satırı ({despatched.item_name or despatched.line_id})"
    for key, value in (("received", line.received), ("rejected", line.rejected),
                       ("short", line.short), ("oversupply", line.oversupply)):
        if not isinstance(value, Decimal) or not value.is_finite():
            raise UserError(f"{where}: {key} bir sayı olmalı.", field=f + key)
        if value < 0:
            raise UserError(f"{where}: miktarlar eksi olamaz ({key} = {_plain(value)}).",
                            field=f + key)
        if fields.places_of(value) > _PLACES:
            raise UserError(f"{where}: miktar en fazla {_PLACES} ondalık basamak olabilir.",
                            field=f + key)
        if value > fields.MAX_AMOUNT:
            raise UserError(f"{where}: miktar çok büyük.", field=f + key)
    if line.rejected > line.received:
        raise UserError(f"{where}: reddedilen miktar ({_plain(line.rejected)}) teslim alınan "
                        f"miktardan ({_plain(line.received)}) fazla olamaz; reddedilen mallar "
                        "teslim alınanların içindedir.", field=f + "rejected")
    if line.short > 0 and line.oversupply > 0:
        raise UserError(f"{where}: bir satırda hem eksik hem fazla miktar olamaz.",
                        field=f + "short")
    if line.received + line.short - line.oversupply != despatched.quantity:
        if line.short > 0 or line.received < despatched.quantity:
            field_name, what = "short", "teslim alınan + eksik"
        else:
            field_name, what = "oversupply", "teslim alınan − fazla"
        raise UserError(
            f"{where}: miktarlar irsaliyedekiyle tutmuyor: {what} irsaliyedeki "
            f"{_plain(despatched.quantity)} {despatched.unit} olmalı (teslim alınan "
            f"{_plain(line.received)}, eksik {_plain(line.short)}, fazla "
            f"{_plain(line.oversupply)}).", field=f + field_name)
    if line.rejected > 0 and not line.reject_reason.strip():
        raise UserError(f"{where}: reddedilen mal için red nedeni yazılmalı.",
                        field=f + "reject_reason")
    if len(line.reject_reason) > MAX_REASON or len(line.note) > MAX_REASON:
        raise UserError(f"{where}: açıklamalar en fazla {MAX_REASON} karakter olabilir.",
                        field=f + "reject_reason")


def check_receipt(receipt: ReceiptData) -> None:
    """Every rule of the module docstring; ``UserError`` naming the field otherwise."""
    if not receipt.lines:
        raise UserError("İrsaliye yanıtında en az bir satır olmalı.", field="lines")
    seen: set[str] = set()
    for i, line in enumerate(receipt.lines):
        despatched = receipt.despatch.line(line.line_id)
        if despatched is None:
            raise UserError(f"{i + 1}. yanıt satırı: irsaliyede '{shown(line.line_id)}' "
                            "numaralı satır yok.", field=f"lines[{i}].line_id")
        if line.line_id in seen:
            raise UserError(f"{i + 1}. yanıt satırı: irsaliyenin '{shown(line.line_id)}' "
                            "numaralı satırı iki kez yanıtlanmış.", field=f"lines[{i}].line_id")
        seen.add(line.line_id)
        check_line(line, despatched, i)
    if len(receipt.note) > fields.LONG_TEXT:
        raise UserError(f"Yanıt notu en fazla {fields.LONG_TEXT} karakter olabilir.",
                        field="note")
    if receipt.delivered_on is not None and receipt.delivered_on < receipt.despatch.issue_date:
        raise UserError("Teslim tarihi irsaliyenin tarihinden önce olamaz.",
                        field="delivered_on")


__all__ = ["MAX_REASON", "ReceiptData", "ReceiptLineData", "check_line", "check_receipt"]
