"""GİB's acceptance test plan for a sender (e-FaturaTestPlani §5.1, "Gönderici Birim
Testleri"), run against Tezgâh's local GİB simulator over loopback. Each test is named after
its item. (5.1.2.b is about a mailbox's own web service answering GİB with faults; Tezgâh is
a sender and hosts no service, so it does not apply.)"""

from __future__ import annotations

import pytest

from app.context import AppContext
from app.gib import codes
from app.gib.client import EFaturaClient
from app.gib.errors import Rejected
from app.gib.simulator import GibSimulator
from app.usecases.invoices import show_invoice
from app.usecases.sending import invoice_status, make_sync, sync
from app.usecases.sync import Sync, outbox_rows
from tests.integration.sending import (
    FAST,
    RECEIVER_ALIAS,
    envelopes_at_simulator,
    issue_some,
    received_by_simulator,
)


def _engine(ctx: AppContext, simulator: GibSimulator) -> Sync:
    return make_sync(ctx, endpoint_url=simulator.url, timeout=5, policy=FAST)


def _gib_codes(ctx: AppContext, ettn: str) -> list[str]:
    return [e["code"] for e in invoice_status(ctx, ettn)["events"] if e["kind"] == "gib-status"]


def test_5_1_1_a_send_validated_envelope_with_sendDocument(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    [ettn] = issue_some(ctx, demo_sign, 1)
    engine = _engine(ctx, simulator)
    engine.pack()
    report = engine.run_once()
    assert report.sent == 1
    assert show_invoice(ctx, ettn)["status"] in ("sent", "processing", "completed")
    assert envelopes_at_simulator(simulator.config.data_dir) == 1


def test_5_1_1_b_c_system_response_from_merkez_says_envelope_processed(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    [ettn] = issue_some(ctx, demo_sign, 1)
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5)
    seen = _gib_codes(ctx, ettn)
    assert "1200" in seen, seen  # ZARF BASARIYLA ISLENDI
    assert codes.status(1200).gib_text.startswith("ZARF BASARI")


def test_5_1_1_d_envelope_reaches_the_receivers_mailbox(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    ettns = issue_some(ctx, demo_sign, 2)
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5)
    [env_id] = simulator.state.all_ids()
    row = simulator.state.get(env_id)
    assert row is not None and row.receiver_alias == RECEIVER_ALIAS
    assert set(received_by_simulator(simulator.config.data_dir)) == set(ettns)


def test_5_1_1_e_f_system_response_from_mailbox_then_success(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    [ettn] = issue_some(ctx, demo_sign, 1)
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5)
    seen = _gib_codes(ctx, ettn)
    assert seen.index("1200") < seen.index("1300")


def test_5_1_1_g_getApplicationResponse_says_basariyla_tamamlandi(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    [ettn] = issue_some(ctx, demo_sign, 1)
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5)
    env_uuid = invoice_status(ctx, ettn)["envelopes"][0]["uuid"]
    answer = EFaturaClient(simulator.url, timeout=5).get_application_response(env_uuid)
    assert answer.status_code == 1300
    assert "TAMAMLANDI" in codes.status(1300).gib_text
    assert show_invoice(ctx, ettn)["status"] == "completed"


def test_5_1_2_a_wrong_digest_shows_gibs_code_and_message(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    [ettn] = issue_some(ctx, demo_sign, 1)
    engine = _engine(ctx, simulator)
    engine.pack()
    from sqlalchemy import update

    from app.db import tables as t

    with ctx.db.write_session() as s:  # simulate a corrupted digest on the wire
        s.execute(update(t.Envelope).values(md5="0" * 32))
    engine.run_once()
    info = invoice_status(ctx, ettn)
    assert info["status"] == "failed"
    rejected = [e for e in info["events"] if e["kind"] == "rejected"]
    assert rejected and rejected[0]["code"] == "2000"
    assert "2000" in rejected[0]["message"] and "MD5" in rejected[0]["message"].upper()
    [row] = outbox_rows(ctx)
    assert row["state"] == "failed" and "2000" in row["problem"]


def test_5_1_2_a_wrong_envelope_name_shows_gibs_code_and_message(simulator) -> None:  # type: ignore[no-untyped-def]
    client = EFaturaClient(simulator.url, timeout=5)
    with pytest.raises(Rejected) as exc:
        client.send_document("not-a-uuid.zip", b"PK\x05\x06" + b"\0" * 18, "0" * 32)
    assert exc.value.code in (2000, 2006)
    assert str(exc.value.code) in exc.value.message


def test_5_1_3_a_one_envelope_with_10_invoices(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    ettns = issue_some(ctx, demo_sign, 10)
    report = sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=10)
    assert (report.packed, report.completed) == (1, 1)
    assert {show_invoice(ctx, e)["status"] for e in ettns} == {"completed"}


def test_5_1_3_b_ten_envelopes_with_1_invoice_one_after_another(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    engine = _engine(ctx, simulator)
    ettns = []
    for _ in range(10):
        ettns += issue_some(ctx, demo_sign, 1)
        engine.run_once()  # pack and send this envelope before the next invoice
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=10)
    assert envelopes_at_simulator(simulator.config.data_dir) == 10
    assert {show_invoice(ctx, e)["status"] for e in ettns} == {"completed"}


def test_5_1_3_c_one_envelope_with_100_invoices(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    ettns = issue_some(ctx, demo_sign, 100)
    report = sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=20)
    assert (report.packed, report.completed) == (1, 1)
    assert {show_invoice(ctx, e)["status"] for e in ettns} == {"completed"}


@pytest.mark.slow
def test_5_1_3_d_ten_envelopes_with_100_invoices_one_after_another(ctx, simulator, demo_sign) -> None:  # type: ignore[no-untyped-def]
    engine = _engine(ctx, simulator)
    ettns = []
    for _ in range(10):
        ettns += issue_some(ctx, demo_sign, 100)
        engine.run_once()
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=20)
    assert envelopes_at_simulator(simulator.config.data_dir) == 10
    received = received_by_simulator(simulator.config.data_dir)
    assert len(received) == 1000 and set(received.values()) == {1}
    assert {show_invoice(ctx, e)["status"] for e in ettns} == {"completed"}
