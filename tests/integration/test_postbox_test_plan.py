"""GİB's test plan §5.2.3 (posta kutusu performance steps) and §7 b–c against the running
service (door and worker over real HTTP on 127.0.0.1): one envelope of 10 invoices, ten
envelopes of one invoice one after another, one envelope of 100 invoices — each received,
checked and answered with 1200, every invoice in the inbox once. The plan's time limits
(1 minute for the ten envelopes, 5 minutes for ten of 100) are measured in the benchmark
(docs/performance/postbox.md), not asserted here."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from app.context import AppContext
from app.db import tables as t
from app.gib.client import EFaturaClient
from app.usecases import inbox
from app.usecases.postbox import Worker, make_server
from tests.fixtures.simulator import Packed, pack

pytestmark = pytest.mark.needs_http


@pytest.fixture
def service(receiver_ctx: AppContext) -> Iterator[Any]:
    server = make_server(receiver_ctx, "127.0.0.1", 0)
    worker = Worker(receiver_ctx, send=False, interval=0.1)
    server.service.on_stored = worker.wake
    server.start()
    worker.start()
    yield server
    worker.stop()
    server.stop()


def _send(server: Any, envelopes: list[Packed]) -> None:
    client = EFaturaClient(server.url, timeout=60)
    for packed in envelopes:
        assert client.send_document(packed.file_name, packed.zip, packed.md5).hash == packed.md5


def _verdicts(ctx: AppContext, envelopes: list[Packed], timeout: float = 120.0) -> list[int]:
    wanted = {p.uuid.upper() for p in envelopes}
    deadline = time.monotonic() + timeout
    while True:
        with ctx.db.session() as s:
            rows = {u: c for u, c in s.execute(select(t.IncomingEnvelope.uuid,
                                                      t.IncomingEnvelope.status_code))}
        found = {k.upper(): v for k, v in rows.items() if k.upper() in wanted}
        if len(found) == len(wanted):
            return [found[p.uuid.upper()] for p in envelopes]
        assert time.monotonic() < deadline, f"{len(found)}/{len(wanted)} işlendi"
        time.sleep(0.1)


def test_5_2_3_a_one_envelope_of_ten_invoices(receiver_ctx: AppContext, service: Any,
                                              make_gib_invoice: Callable[..., bytes]) -> None:
    envelope = pack([make_gib_invoice() for _ in range(10)])
    _send(service, [envelope])
    assert _verdicts(receiver_ctx, [envelope]) == [1200]
    assert len(inbox.list_inbox(receiver_ctx)) == 10


def test_5_2_3_b_ten_envelopes_of_one_invoice_one_after_another(
        receiver_ctx: AppContext, service: Any, make_gib_invoice: Callable[..., bytes]) -> None:
    envelopes = [pack([make_gib_invoice()]) for _ in range(10)]
    _send(service, envelopes)
    assert _verdicts(receiver_ctx, envelopes) == [1200] * 10
    assert len(inbox.list_inbox(receiver_ctx)) == 10


@pytest.mark.slow
def test_5_2_3_c_one_envelope_of_a_hundred_invoices(
        receiver_ctx: AppContext, service: Any, make_gib_invoice: Callable[..., bytes]) -> None:
    envelope = pack([make_gib_invoice() for _ in range(100)])
    _send(service, [envelope])
    assert _verdicts(receiver_ctx, [envelope]) == [1200]
    assert len(inbox.list_inbox(receiver_ctx)) == 100
    assert {i["envelope"] for i in inbox.list_inbox(receiver_ctx)} == {envelope.uuid}
