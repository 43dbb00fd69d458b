"""What a received receipt advice (irsaliye yanıtı) says about one of our despatches.

The receiver of our DespatchAdvice may answer once, within seven days, with a ReceiptAdvice
(POSTBOX-NOTES.md). ``receipt_outcome(ours, answer)`` checks that the answer is about our
despatch (its DespatchDocumentReference/ID is our ETTN — GİB's samples, IrsaliyeYaniti-
Ornek1..4 — or our number), comes from its receiver and goes to us, and turns it into one
``LineOutcome`` per despatch line: what arrived, what was sent back and why, what was missing
or more than despatched. Despatch lines the answer does not mention are listed as
unanswered. Whether an answer is the first (and so the one that counts) is for storage to
decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.despatch_as_read import Despatch, Receipt
from app.domain.errors import UserError, shown

ZERO = Decimal(0)


@dataclass(frozen=True)
class LineOutcome:
    line_id: str  # our despatch line's cbc:ID
    item_name: str
    unit: str
    despatched: Decimal
    received: Decimal
    rejected: Decimal = ZERO
    short: Decimal = ZERO
    oversupply: Decimal = ZERO
    reject_reason: str = ""
    note: str = ""  # the line's Note and TimingComplaint

    @property
    def accepted(self) -> Decimal:
        return self.received - self.rejected

    @property
    def as_despatched(self) -> bool:
        return (self.received == self.despatched and not self.rejected and not self.short
                and not self.oversupply)


@dataclass(frozen=True)
class ReceiptOutcome:
    despatch_uuid: str
    receipt_number: str
    receipt_uuid: str
    answered_on: date
    lines: tuple[LineOutcome, ...]
    unanswered: tuple[str, ...]  # despatch line IDs the answer does not mention
    notes: tuple[str, ...] = ()

    @property
    def everything_accepted(self) -> bool:
        return not self.unanswered and all(ln.as_despatched for ln in self.lines)

    def summary(self) -> str:
        """One Turkish sentence for lists and the status bar."""
        if self.everything_accepted:
            return "Alıcı irsaliyedeki malların tamamını teslim aldı."
        parts = []
        for count, word in ((sum(1 for ln in self.lines if ln.rejected), "red"),
                            (sum(1 for ln in self.lines if ln.short), "eksik"),
                            (sum(1 for ln in self.lines if ln.oversupply), "fazla")):
            if count:
                parts.append(f"{count} satırda {word}")
        if self.unanswered:
            parts.append(f"{len(self.unanswered)} satır yanıtsız")
        return "Alıcının yanıtı: " + ", ".join(parts) + "."


def receipt_outcome(ours: Despatch, answer: Receipt) -> ReceiptOutcome:
    """The answer ``answer`` read against our despatch ``ours``; ``UserError`` (Turkish)
    when it answers another despatch, comes from someone else or names lines we did not
    despatch."""
    ref = answer.despatch.id.strip()
    if ref.upper() != ours.uuid.upper() and ref != ours.number:
        raise UserError(f"Bu irsaliye yanıtı başka bir irsaliyeye ait "
                        f"('{shown(ref)}'; bu irsaliye {ours.number}, ETTN {ours.uuid}).")
    if answer.customer.vkn_tckn != ours.customer.vkn_tckn:
        raise UserError(f"İrsaliye yanıtını gönderen ({answer.customer.vkn_tckn}) irsaliyenin "
                        f"alıcısı ({ours.customer.vkn_tckn}) değil.")
    if answer.supplier.vkn_tckn != ours.supplier.vkn_tckn:
        raise UserError(f"İrsaliye yanıtı irsaliyeyi gönderene ({ours.supplier.vkn_tckn}) "
                        f"değil, {answer.supplier.vkn_tckn} numarasına yazılmış.")
    seen: dict[str, LineOutcome] = {}
    for ln in answer.lines:
        despatched = ours.line(ln.despatch_line_id)
        if despatched is None:
            raise UserError(f"İrsaliye yanıtının {ln.line_id}. satırı irsaliyede olmayan "
                            f"'{shown(ln.despatch_line_id)}' numaralı satıra yanıt veriyor.")
        if ln.despatch_line_id in seen:
            raise UserError(f"İrsaliye yanıtı '{shown(ln.despatch_line_id)}' numaralı satırı "
                            "iki kez yanıtlıyor.")
        short, over = ln.short or ZERO, ln.oversupply or ZERO
        received = ln.received
        if received is None:  # only the differences were written
            received = despatched.quantity - short + over
        seen[ln.despatch_line_id] = LineOutcome(
            line_id=despatched.line_id, item_name=despatched.item_name, unit=despatched.unit,
            despatched=despatched.quantity, received=received, rejected=ln.rejected or ZERO,
            short=short, oversupply=over, reject_reason=ln.reject_reason,
            note=" ".join(filter(None, (ln.note, ln.timing_complaint))))
    return ReceiptOutcome(
        despatch_uuid=ours.uuid, receipt_number=answer.number, receipt_uuid=answer.uuid,
        answered_on=answer.issue_date,
        lines=tuple(seen[ln.line_id] for ln in ours.lines if ln.line_id in seen),
        unanswered=tuple(ln.line_id for ln in ours.lines if ln.line_id not in seen),
        notes=answer.notes)


__all__ = ["LineOutcome", "ReceiptOutcome", "receipt_outcome"]
