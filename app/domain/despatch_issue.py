"""What must hold of a despatch advice on the day it is issued (beyond what its JSON check
already asks): rules that depend on the moment of issuing, in Turkish with the field."""

from __future__ import annotations

from datetime import date, datetime

from app.domain.despatch import DespatchData, DespatchType
from app.domain.errors import UserError


def check_issuable(d: DespatchData, today: date) -> None:
    """Raise a ``UserError`` naming the field when ``d`` may not be issued ``today``.

    * GİB schematron TimeCheck: no IssueDate of the document may be after the day it is
      issued (as for invoices).
    * VUK md. 230 and the e-İrsaliye Uygulama Kılavuzu: an e-İrsaliye is issued before the
      goods leave, so a SEVK despatch advice cannot say the goods left before it was issued.
      A MATBUDAN one records a printed note written when the goods already left: exempt.
    """
    if d.issue_date > today:
        raise UserError(f"İrsaliye tarihi ({d.issue_date:%d.%m.%Y}) ileri bir tarih olamaz; "
                        "bugünün ya da geçmiş bir günün tarihini yazın.", field="issue_date")
    if d.type is DespatchType.SEVK:
        issued = datetime.combine(d.issue_date, d.issue_time)
        leaves = datetime.combine(d.despatch_date, d.despatch_time)
        if leaves < issued:
            raise UserError(
                f"Sevk zamanı ({leaves:%d.%m.%Y %H:%M}) irsaliye zamanından "
                f"({issued:%d.%m.%Y %H:%M}) önce olamaz: e-İrsaliye mal yola çıkmadan önce "
                "düzenlenir. Mal kâğıt irsaliyeyle çıktıysa MATBUDAN tipini kullanın.",
                field="despatch_date")


__all__ = ["check_issuable"]
