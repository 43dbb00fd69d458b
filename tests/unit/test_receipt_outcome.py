"""A received receipt advice read against our despatch: GİB's four answers to
Irsaliye-Ornek1, our own rendered answer read back, and answers that are not about our
despatch refused in Turkish."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.despatch_as_read import Despatch, ReadRef, Receipt
from app.domain.errors import UserError
from app.domain.receipt import ReceiptData
from app.domain.receipt_outcome import receipt_outcome
from app.ubl.despatch_read import read_despatch, read_receipt
from app.ubl.receipt_build import render_receipt


@pytest.fixture(scope="module")
def ours(ubl_samples_dir: Path) -> Despatch:
    return read_despatch((ubl_samples_dir / "Irsaliye-Ornek1.xml").read_bytes())


def _answer(ubl_samples_dir: Path, n: int) -> Receipt:
    return read_receipt((ubl_samples_dir / f"IrsaliyeYaniti-Ornek{n}.xml").read_bytes())


def test_everything_received(ubl_samples_dir: Path, ours: Despatch) -> None:
    out = receipt_outcome(ours, _answer(ubl_samples_dir, 1))
    assert out.everything_accepted and not out.unanswered
    assert out.summary() == "Alıcı irsaliyedeki malların tamamını teslim aldı."
    assert out.receipt_number == "GIB2016000000018"


def test_rejected_goods(ubl_samples_dir: Path, ours: Despatch) -> None:
    out = receipt_outcome(ours, _answer(ubl_samples_dir, 3))
    first = out.lines[0]
    assert (first.received, first.rejected, first.accepted) == (Decimal(20), Decimal(2),
                                                                Decimal(18))
    assert first.reject_reason == "2 tane ürün hasarlıdır"
    assert out.summary() == "Alıcının yanıtı: 2 satırda red."


def test_short_and_oversupplied_goods(ubl_samples_dir: Path, ours: Despatch) -> None:
    out = receipt_outcome(ours, _answer(ubl_samples_dir, 4))
    assert [(ln.line_id, ln.short, ln.oversupply) for ln in out.lines if not ln.as_despatched] \
        == [("1", Decimal(2), Decimal(0)), ("3", Decimal(0), Decimal(8))]
    assert out.summary() == "Alıcının yanıtı: 1 satırda eksik, 1 satırda fazla."


def test_timing_complaint_is_kept(ubl_samples_dir: Path, ours: Despatch) -> None:
    out = receipt_outcome(ours, _answer(ubl_samples_dir, 2))
    assert out.everything_accepted
    assert out.lines[0].note.startswith("Ürünler geç gönderilmiştir.")


def test_our_own_answer_reads_back(ours: Despatch) -> None:
    data = ReceiptData.from_json({"lines": [
        {"line_id": "2", "received": "12", "rejected": "3", "reject_reason": "Ezik"},
        {"line_id": "4", "received": "1", "note": "Bir koli gelmedi"}]}, ours)
    xml = render_receipt(data, number="IRY2026000000007",
                         uuid="6f2b5c1e-1111-4000-8000-000000000007",
                         created=datetime(2026, 11, 28, 9, 0))
    out = receipt_outcome(ours, read_receipt(xml))
    assert out.unanswered == ("1", "3")
    assert [(ln.line_id, ln.received, ln.rejected, ln.short, ln.reject_reason, ln.note)
            for ln in out.lines] == [("2", Decimal(12), Decimal(3), Decimal(0), "Ezik", ""),
                                     ("4", Decimal(1), Decimal(0), Decimal(1), "",
                                      "Bir koli gelmedi")]
    assert out.summary() == "Alıcının yanıtı: 1 satırda red, 1 satırda eksik, 2 satır yanıtsız."


def test_answers_to_something_else_are_refused(ubl_samples_dir: Path, ours: Despatch) -> None:
    answer = _answer(ubl_samples_dir, 1)
    with pytest.raises(UserError, match="başka bir irsaliyeye ait"):
        receipt_outcome(ours, replace(answer, despatch=ReadRef("IRS2026000000001")))
    assert receipt_outcome(ours, replace(answer, despatch=ReadRef(ours.number))).lines
    with pytest.raises(UserError, match="irsaliyenin alıcısı"):
        receipt_outcome(ours, replace(answer, customer=replace(answer.customer,
                                                               vkn_tckn="1111111111")))
    with pytest.raises(UserError, match="irsaliyeyi gönderene"):
        receipt_outcome(ours, replace(answer, supplier=replace(answer.supplier,
                                                               vkn_tckn="1111111111")))
    stray = replace(answer.lines[0], despatch_line_id="9")
    with pytest.raises(UserError, match="'9' numaralı satıra"):
        receipt_outcome(ours, replace(answer, lines=(stray,)))
    with pytest.raises(UserError, match="iki kez"):
        receipt_outcome(ours, replace(answer, lines=(answer.lines[0], answer.lines[0])))
