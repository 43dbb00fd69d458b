"""After GİB accepted an e-Arşiv report its invoices say so ("Raporlandı", the history names
the report); the reports of finished days are prepared at the start of each sync when the
signer needs no PIN, and the days that need the card are named."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app import clock
from app.db import tables as t
from app.db.repositories.events import list_events
from app.domain.status import Status
from app.usecases import earsiv, sending
from app.usecases.cancellation import cancel_invoice
from tests.integration.test_earsiv_daily_report import _issue_on, configure, received_reports

pytestmark = pytest.mark.needs_http


def _invoices(ctx) -> dict[str, tuple[int, str]]:  # type: ignore[no-untyped-def]
    with ctx.db.session() as s:
        return {r.number: (r.id, r.status) for r in s.scalars(
            select(t.Invoice).where(t.Invoice.direction == "out").order_by(t.Invoice.id))}


def _events(ctx, invoice_id: int, kind: str = "earsiv-reported") -> list[dict]:  # type: ignore[no-untyped-def]
    with ctx.db.session() as s:
        return [e for e in list_events(s, invoice_id) if e["kind"] == kind]


def test_invoices_of_an_accepted_report_are_reported_once(app_ctx, make_gib_simulator) -> None:  # type: ignore[no-untyped-def]
    ctx = app_ctx
    d = date(2026, 11, 20)
    _issue_on(ctx, [d], per_day=3)
    numbers = list(_invoices(ctx))
    with clock.frozen_at(datetime(2026, 11, 20, 15, 0)):
        cancel_invoice(ctx, numbers[1], "Alıcı vazgeçti", by="test")
    sim = make_gib_simulator()
    configure(ctx, sim)
    with earsiv.company_signer(ctx, None) as signer:
        prepared = earsiv.prepare_report(ctx, d, signer, earsiv.tsa_config(ctx))
    assert prepared.invoices == 3 and prepared.cancellations == 1
    # Sent but not yet accepted: nothing is reported yet.
    assert {n: st for n, (_i, st) in _invoices(ctx).items()} == {
        numbers[0]: Status.ISSUED, numbers[1]: Status.CANCELLED, numbers[2]: Status.ISSUED}

    sending.sync(ctx, timeout=10, max_seconds=60)  # the demo certificate: no PIN
    assert received_reports(sim) == [prepared.rapor_no]
    rows = _invoices(ctx)
    assert {n: st for n, (_i, st) in rows.items()} == {
        numbers[0]: Status.REPORTED, numbers[1]: Status.CANCELLED, numbers[2]: Status.REPORTED}
    text = f"e-Arşiv raporuyla GİB'e bildirildi (rapor {prepared.rapor_no})"
    for n in (numbers[0], numbers[2]):
        assert [e["message"] for e in _events(ctx, rows[n][0])] == [text]
    # The cancelled one is both a fatura and a faturaIptal of the day's report.
    assert sorted(e["message"] for e in _events(ctx, rows[numbers[1]][0])) == sorted([
        text, f"İptali e-Arşiv raporuyla GİB'e bildirildi (rapor {prepared.rapor_no})"])

    # Another pass records nothing twice.
    sending.sync(ctx, once=True, timeout=10)
    assert earsiv.record_accepted_reports(ctx) == 0
    for n in (numbers[0], numbers[2]):
        assert len(_events(ctx, rows[n][0])) == 1
    from app.domain.status import STATUS_NAMES

    assert STATUS_NAMES[Status.REPORTED] == "Raporlandı"


def test_after_midnight_the_sync_prepares_and_sends_the_finished_day(
        app_ctx, make_gib_simulator) -> None:  # type: ignore[no-untyped-def]
    ctx = app_ctx
    d = date(2026, 11, 28)  # the suite's today
    _issue_on(ctx, [d], per_day=2)
    sim = make_gib_simulator()
    configure(ctx, sim)
    # The day is not over: nothing is prepared.
    with clock.frozen_at(datetime(2026, 11, 28, 23, 58)):
        work = earsiv.due_work(ctx)
        assert (work.prepared, work.needs_card, work.problems) == ([], [], [])
        assert earsiv.days_to_prepare(ctx) == []
    # Past midnight the sync prepares the day's report and sends it, no one asked.
    with clock.shifted_to(datetime(2026, 11, 29, 0, 5)):
        assert earsiv.days_to_prepare(ctx) == [d]
        work, report = earsiv.sync_with_reports(ctx, timeout=10, max_seconds=60)
        assert [p.day for p in work.prepared] == [d] and not work.needs_owner, work
        assert report.completed >= 1, report.messages
        row = {r.day: r for r in earsiv.report_days(ctx)}[d]
        assert row.state == earsiv.ACCEPTED and not row.overdue
        assert received_reports(sim) == [work.prepared[0].rapor_no]
        assert {st for _i, st in _invoices(ctx).values()} == {Status.REPORTED}
        # The next pass has nothing to prepare.
        again, _r = earsiv.sync_with_reports(ctx, once=True, timeout=10)
        assert again.prepared == [] and not again.needs_owner


def test_without_tsa_or_with_a_card_the_owner_is_told(app_ctx) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from app import settings
    from app.signing import SignerConfig, create_test_certificate, save_signer_config
    from tests.fixtures.app import COMPANY

    ctx = app_ctx
    d = date(2026, 11, 27)
    _issue_on(ctx, [d])
    work = earsiv.due_work(ctx)  # no TSA configured
    assert work.prepared == [] and work.problems == [earsiv.NO_TSA_PROBLEM]
    settings.write(ctx, settings.TSA_URL, "http://127.0.0.1:9/tsa")
    other = create_test_certificate(ctx.data_dir / "elsewhere", COMPANY["vkn_tckn"], "x")
    card = Path(other.pkcs12_path).with_name("kart.p12")
    Path(other.pkcs12_path).rename(card)
    save_signer_config(ctx.data_dir, SignerConfig(kind="pkcs12", pkcs12_path=str(card)))
    work = earsiv.due_work(ctx)
    assert work.needs_card == [d] and work.problems == [] and work.needs_owner
    assert earsiv.report_days(ctx)[0].state == earsiv.NOT_BUILT
