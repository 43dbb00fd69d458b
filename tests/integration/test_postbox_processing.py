"""The posta kutusu's processing of received envelopes (test plan §3.2 c–d, §5.2.1 c–d, §7 c):
checks, the inbox, the system response queued once, and KABUL / RED."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import clock
from app.context import AppContext
from app.db import tables as t
from app.domain.errors import UserError
from app.gib.system_response import parse_system_response
from app.postbox.spool import Spool
from app.ubl.answer import read_answer
from app.usecases import inbox
from tests.fixtures.postbox import store_and_process
from tests.fixtures.simulator import RECEIVER, SENDER, Packed, pack


def _system_responses(ctx: AppContext) -> list[tuple[t.OutboxItem, bytes]]:
    with ctx.db.session() as s:
        rows = s.execute(select(t.OutboxItem, t.Document.content)
                         .join(t.Document, t.Document.id == t.OutboxItem.document_id)
                         .where(t.OutboxItem.channel == "efatura-system")).all()
        return [(item, content) for item, content in rows]


def test_5_2_1_c_valid_ticarifatura_lands_in_inbox_and_1200_is_queued(
        receiver_ctx: AppContext, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes]) -> None:
    invoice = make_gib_invoice()
    packed = deliver([invoice])
    items = inbox.list_inbox(receiver_ctx)
    assert len(items) == 1
    item = items[0]
    assert item["sender_vkn_tckn"] == SENDER.vkn_tckn
    assert item["profile"] == "TICARIFATURA"
    assert item["answerable"] and item["answer"] == "" and not item["read"]
    assert item["days_left"] == 8
    assert item["signature_valid"] is True, item["signature_verdict"]
    # byte-exact: the signed invoice as the sender signed it (its XML declaration aside)
    assert inbox.original(receiver_ctx, item["ettn"]) in invoice
    queued = _system_responses(receiver_ctx)
    assert len(queued) == 1
    out_item, content = queued[0]
    assert (out_item.receiver_vkn_tckn, out_item.receiver_alias) == (SENDER.vkn_tckn,
                                                                     SENDER.alias)
    response = parse_system_response(content)
    assert response.envelope_id == packed.uuid
    assert response.status_code == 1200
    spool = Spool.open(receiver_ctx.data_dir)
    assert spool.pending() == []
    assert parse_system_response(spool.response(packed.uuid)).status_code == 1200


def test_same_envelope_processed_twice_is_recorded_once(
        receiver_ctx: AppContext, make_gib_invoice: Callable[..., bytes]) -> None:
    packed = pack([make_gib_invoice()])
    store_and_process(receiver_ctx, packed)
    # a crash after the commit and before the spool was told: the envelope is pending again
    spool = Spool.open(receiver_ctx.data_dir)
    meta = spool.meta(packed.uuid)
    meta.pop("processed_at")
    spool._write_meta(spool.normalize(packed.uuid), meta)
    spool.done_path(packed.uuid).unlink()
    assert [p.instance_id for p in spool.pending()] == [spool.normalize(packed.uuid)]
    report = inbox.process_spool(receiver_ctx)
    assert (report.processed, report.already) == (1, 1)
    assert len(_system_responses(receiver_ctx)) == 1
    assert len(inbox.list_inbox(receiver_ctx)) == 1


@pytest.mark.parametrize(("case", "code"), [
    # unsigned: the empty signature slot already fails GİB's XSD (1160), before 1161
    ("tampered", 1177), ("unsigned", 1160), ("other-receiver", 1181), ("schema", 1160),
])
def test_5_2_1_d_bad_envelope_gets_its_11xx_code_and_nothing_in_inbox(
        receiver_ctx: AppContext, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes], case: str, code: int) -> None:
    if case == "tampered":
        docs = [make_gib_invoice().replace(b"<cbc:Note>", b"<cbc:Note>X", 1)]
        packed = deliver(docs)
    elif case == "unsigned":
        packed = deliver([make_gib_invoice(signed=False)])
    elif case == "other-receiver":
        other = type(RECEIVER)(RECEIVER.vkn_tckn, "urn:mail:baskapk@bbb.com.tr", RECEIVER.name)
        packed = deliver([make_gib_invoice()], receiver=other)
    else:  # test plan §7 c: an invoice that fails GİB's schema
        packed = deliver([make_gib_invoice(replace={b"<cbc:IssueDate>": b"<cbc:IssueDate>x"})])
    assert inbox.list_inbox(receiver_ctx) == []
    (_item, content), = _system_responses(receiver_ctx)
    response = parse_system_response(content)
    assert (response.envelope_id, response.status_code) == (packed.uuid, code), \
        response.description
    rows = inbox.envelopes(receiver_ctx)
    assert rows[0]["status_code"] == code and rows[0]["uuid"] == packed.uuid


def test_6_2_1_kabul_signed_once_and_queued_to_the_sender(
        receiver_ctx: AppContext, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes]) -> None:
    deliver([make_gib_invoice()])
    ettn = inbox.list_inbox(receiver_ctx)[0]["ettn"]
    shown = inbox.show(receiver_ctx, ettn)
    assert shown["read"] is True or inbox.list_inbox(receiver_ctx)[0]["read"]
    result = inbox.respond(receiver_ctx, ettn, accept=True)
    assert result["answer"] == "KABUL"
    with pytest.raises(UserError, match="zaten KABUL"):
        inbox.respond(receiver_ctx, ettn, accept=False, reason="fikir değiştirdim")
    with receiver_ctx.db.session() as s:
        items = s.execute(select(t.OutboxItem, t.Document.content)
                          .join(t.Document, t.Document.id == t.OutboxItem.document_id)
                          .where(t.OutboxItem.channel == "efatura-answer")).all()
    assert len(items) == 1
    out_item, content = items[0]
    assert (out_item.receiver_vkn_tckn, out_item.receiver_alias) == (SENDER.vkn_tckn,
                                                                     SENDER.alias)
    answer = read_answer(content)
    assert answer.code == "KABUL" and answer.document_id == ettn and answer.signed


def test_6_2_2_red_needs_a_reason_and_is_refused_after_eight_days(
        receiver_ctx: AppContext, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes]) -> None:
    deliver([make_gib_invoice()])
    deliver([make_gib_invoice()])
    first, second = (i["ettn"] for i in inbox.list_inbox(receiver_ctx))
    with pytest.raises(UserError, match="red nedeni"):
        inbox.respond(receiver_ctx, first, accept=False, reason="  ")
    inbox.respond(receiver_ctx, first, accept=False, reason="Fiyat farkı var")
    assert inbox.show(receiver_ctx, first)["answer"] == "RED"
    later = clock.now() + timedelta(days=9)
    with clock.frozen_at(later), pytest.raises(UserError, match="Yanıt süresi doldu: son gün"):
        inbox.respond(receiver_ctx, second, accept=True)


def test_incoming_invoices_feed_the_dashboard_purchases_without_the_rejected(
        receiver_ctx: AppContext, deliver: Callable[..., Packed],
        make_gib_invoice: Callable[..., bytes]) -> None:
    from app.usecases.reports import dashboard

    today = clock.today()
    this_month = {b"<cbc:IssueDate>2009-01-05</cbc:IssueDate>":
                  f"<cbc:IssueDate>{today.isoformat()}</cbc:IssueDate>".encode()}
    deliver([make_gib_invoice(replace=this_month)])
    deliver([make_gib_invoice(replace=this_month)])
    deliver([make_gib_invoice()])  # dated 2009: not this month's purchase
    board = dashboard(receiver_ctx, today)
    assert board.month_purchase_count == 2
    assert board.month_purchases == Decimal("50433.00")
    assert board.month_purchase_kdv == Decimal("9077.94")
    rejected = next(i["ettn"] for i in inbox.list_inbox(receiver_ctx)
                    if i["issue_date"] == today.isoformat())
    inbox.respond(receiver_ctx, rejected, accept=False, reason="Sipariş edilmedi")
    board = dashboard(receiver_ctx, today)
    assert (board.month_purchase_count, board.month_purchases) == (1, Decimal("25216.50"))
    assert board.month_sales == Decimal("0.00")  # purchases are not sales


def test_an_envelope_that_breaks_processing_neither_blocks_nor_loops(
        receiver_ctx: AppContext, make_gib_invoice: Callable[..., bytes],
        monkeypatch: pytest.MonkeyPatch) -> None:
    bad, good = pack([make_gib_invoice()]), pack([make_gib_invoice()])
    bad_ettn = bad.envelope.split(b"<cbc:UUID>", 1)[1].split(b"<", 1)[0].decode()
    real = inbox.parse_invoice

    def parse(content: bytes):  # type: ignore[no-untyped-def]
        if bad_ettn.encode() in content:
            raise ValueError("okunamayan bir alan")
        return real(content)

    monkeypatch.setattr(inbox, "parse_invoice", parse)
    spool = Spool.open(receiver_ctx.data_dir)
    for packed in (bad, good):
        spool.store(packed.uuid, packed.zip, packed.md5)
    first = inbox.process_spool(receiver_ctx)
    assert first.accepted == 1  # the good one went through
    assert [p.instance_id for p in spool.pending()] == [spool.normalize(bad.uuid)]
    inbox.process_spool(receiver_ctx)
    third = inbox.process_spool(receiver_ctx)
    assert third.refused == 1 and spool.pending() == []
    rows = {e["uuid"].lower(): e for e in inbox.envelopes(receiver_ctx)}
    assert rows[bad.uuid.lower()]["status_code"] == 1195
    codes = sorted(parse_system_response(content).status_code
                   for _item, content in _system_responses(receiver_ctx))
    assert codes == [1195, 1200]
