"""GİB's deadlines, counted in Türkiye's time by the core's clock.

- KABUL / RED: the receiver of a TICARIFATURA answers within eight days of receiving it; the
  sender's system accepts no answer after that (Entegrasyon Kılavuzu §3.1–3.2, "faturayı
  aldıktan sonra sekiz gün içerisinde"; İptal/İtiraz Kılavuzu: after eight days only outside
  the system, through a notary and the like).
- e-Arşiv report: by the evening of the day after the invoice was created ("oluşturulduğu
  günü takip eden gün akşamına kadar", EARSIV-NOTES.md); Tezgâh takes the end of that day.
- Irsaliye yanıtı (ReceiptAdvice): optional, once, within seven days of receiving the
  despatch advice (POSTBOX-NOTES.md, "e-İrsaliye uses the same channel": "the irsaliye
  answer is optional, within 7 days, once"); counted like KABUL / RED, from the moment the
  despatch was received.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from app import clock

ANSWER_PERIOD = timedelta(days=8)
RECEIPT_PERIOD = timedelta(days=7)


def answer_deadline(received_at: datetime) -> datetime:
    """The last moment a KABUL / RED may be sent for an invoice received at ``received_at``."""
    return clock.to_istanbul(received_at) + ANSWER_PERIOD


def may_still_answer(received_at: datetime, at: datetime | None = None) -> bool:
    """True while a KABUL / RED is still allowed (``at`` defaults to now)."""
    moment = clock.to_istanbul(at) if at is not None else clock.now()
    return moment <= answer_deadline(received_at)


def days_left_to_answer(received_at: datetime, at: datetime | None = None) -> int:
    """Whole days left to answer (0 on the last day, negative once it has passed)."""
    moment = clock.to_istanbul(at) if at is not None else clock.now()
    return (answer_deadline(received_at).date() - moment.date()).days


def earsiv_report_due(created_on: date) -> datetime:
    """When the e-Arşiv report of the invoices created on ``created_on`` is due at the latest:
    the end of the following day, Türkiye's time."""
    return datetime.combine(created_on + timedelta(days=1), time(23, 59, 59), clock.ISTANBUL)


def earsiv_report_overdue(created_on: date, at: datetime | None = None) -> bool:
    moment = clock.to_istanbul(at) if at is not None else clock.now()
    return moment > earsiv_report_due(created_on)


def receipt_deadline(received_at: datetime) -> datetime:
    """The last moment a receipt advice may be sent for a despatch advice received at
    ``received_at`` (Türkiye's time)."""
    return clock.to_istanbul(received_at) + RECEIPT_PERIOD


def may_still_send_receipt(received_at: datetime, at: datetime | None = None) -> bool:
    """True while a receipt advice is still allowed (``at`` defaults to now)."""
    moment = clock.to_istanbul(at) if at is not None else clock.now()
    return moment <= receipt_deadline(received_at)
