"""Cancelling an issued e-Arşiv invoice (İPTAL) on a real SQLite file with GİB's rules: the
number and the signed XML stay, the history says why, the day's e-Arşiv report gets it; an
e-Fatura, a draft, an invoice already cancelled or an empty reason are refused in Turkish."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from app import clock
from app.context import AppContext
from app.db.engine import database_path
from app.domain.cancellation import EARSIV_RULE, TEMEL_RULE, TICARI_RULE, CancellationRefused
from app.domain.status import Status
from app.earsiv.report import Cancellation, IssuedInvoice, build_report
from app.usecases.cancellation import (
    cancel_invoice,
    cancellation_of,
    cancellation_rule,
    cancellations_on,
    may_cancel,
)
from app.usecases.invoices import create_draft, invoice_xml, list_invoices, show_invoice
from tests.fixtures.app import PERSON, invoice_json
from tests.integration.sending import issue_some

IST = ZoneInfo("Europe/Istanbul")
EVENING = datetime(2026, 11, 28, 23, 59, 59, tzinfo=IST)
MIDNIGHT_UTC = datetime(2026, 11, 28, 21, 0, 0, tzinfo=UTC)  # 29.11.2026 00:00 in İstanbul


def _earsiv(ctx: AppContext, sign: Callable[[bytes], bytes], count: int = 1) -> list[str]:
    return issue_some(ctx, sign, count, profile="EARSIVFATURA", series="EAR", customer=PERSON)


def _db_rows(ctx: AppContext, sql: str) -> list[tuple]:
    with sqlite3.connect(database_path(ctx.data_dir)) as conn:
        return conn.execute(sql).fetchall()


def test_an_issued_earsiv_invoice_is_cancelled_and_keeps_its_number_and_xml(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> None:
    [ettn] = _earsiv(ctx, demo_sign)
    before = invoice_xml(ctx, ettn)
    number = show_invoice(ctx, ettn)["number"]
    assert may_cancel(ctx, ettn)
    assert cancellation_rule(ctx, number) == EARSIV_RULE

    with clock.frozen_at(EVENING):
        result = cancel_invoice(ctx, number, "  Müşteri  siparişten vazgeçti ", by="kasiyer",
                                via="cli")

    assert (result.ettn, result.number, result.reason) == (ettn, number, "Müşteri siparişten vazgeçti")
    assert result.cancelled_at == EVENING and result.rule == EARSIV_RULE
    info = show_invoice(ctx, ettn)
    assert (info["status"], info["status_name"], info["number"]) == (Status.CANCELLED, "İPTAL", number)
    event = info["events"][-1]
    assert event["kind"] == "cancelled" and "Müşteri siparişten vazgeçti" in event["message"]
    assert event["data"]["reason"] == "Müşteri siparişten vazgeçti"
    assert "İptal, İhtar/İtiraz Bildirim Kılavuzu" in event["data"]["rule_source"]
    # the signed XML is untouched, byte for byte (and its stored digest still holds)
    assert invoice_xml(ctx, ettn) == before
    assert _db_rows(ctx, "SELECT count(*) FROM documents")[0][0] == 1
    # the number is not given back: the next invoice of the series gets the next one
    [other] = _earsiv(ctx, demo_sign)
    assert show_invoice(ctx, other)["number"] == number[:-9] + f"{int(number[-9:]) + 1:09d}"

    cancelled = cancellation_of(ctx, ettn)
    assert cancelled is not None
    assert (cancelled.reason, cancelled.cancelled_at, cancelled.cancelled_by, cancelled.via) == (
        "Müşteri siparişten vazgeçti", EVENING, "kasiyer", "cli")
    assert cancellation_of(ctx, other) is None
    assert [r["status_name"] for r in list_invoices(ctx) if r["ettn"] == ettn] == ["İPTAL"]
    assert not may_cancel(ctx, ettn)


def test_cancellations_on_follow_the_istanbul_day_around_midnight(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> None:
    late, early = _earsiv(ctx, demo_sign, 2)
    with clock.frozen_at(EVENING):
        cancel_invoice(ctx, late, "Yanlış tutar")
    with clock.frozen_at(MIDNIGHT_UTC):  # the machine's UTC evening is İstanbul's next day
        cancel_invoice(ctx, early, "Mükerrer fatura")
    n_late, n_early = (show_invoice(ctx, e)["number"] for e in (late, early))
    payable = Decimal(show_invoice(ctx, late)["payable"])

    assert cancellations_on(ctx, date(2026, 11, 28)) == [Cancellation(n_late, EVENING, payable)]
    [next_day] = cancellations_on(ctx, date(2026, 11, 29))
    assert next_day.number == n_early
    assert next_day.cancelled_at == MIDNIGHT_UTC  # aware: the same moment
    assert next_day.cancelled_at.astimezone(IST).date() == date(2026, 11, 29)
    assert cancellations_on(ctx, date(2026, 11, 27)) == []
    assert cancellations_on(ctx, date(2026, 11, 30)) == []


def test_an_invoice_created_and_cancelled_the_same_day_is_in_both_lists_of_the_report(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> None:
    [ettn] = _earsiv(ctx, demo_sign)
    xml = invoice_xml(ctx, ettn)
    cancel_invoice(ctx, ettn, "Müşteri iade etti")
    today = clock.today()
    number = show_invoice(ctx, ettn)["number"]
    built = build_report(today, "3880530121", [IssuedInvoice(xml, clock.now())],
                         cancellations_on(ctx, today))
    assert [e.number for e in built.entries] == [number]
    assert [c.number for c in built.cancellations] == [number]
    assert b"faturaIptal" in built.xml and built.xml.count(number.encode()) == 2
    assert invoice_xml(ctx, ettn) == xml


@pytest.mark.parametrize("profile,rule", [("TEMELFATURA", TEMEL_RULE),
                                          ("TICARIFATURA", TICARI_RULE)])
def test_an_efatura_is_not_cancelled_here_and_the_user_is_told_how(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes], profile: str, rule) -> None:  # type: ignore[no-untyped-def]
    [ettn] = issue_some(ctx, demo_sign, 1, profile=profile)
    status = show_invoice(ctx, ettn)["status"]
    with pytest.raises(CancellationRefused) as info:
        cancel_invoice(ctx, ettn, "Yanlış kesildi")
    assert info.value.rule == rule
    assert "8 gün" in info.value.message and "Kaynak:" in info.value.message
    assert "İptal, İhtar/İtiraz Bildirim Kılavuzu" in info.value.message
    assert show_invoice(ctx, ettn)["status"] == status
    assert cancellations_on(ctx, clock.today()) == []
    assert not may_cancel(ctx, ettn)


def test_a_draft_an_already_cancelled_invoice_and_an_empty_reason_are_refused(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> None:
    draft = create_draft(ctx, invoice_json(profile="EARSIVFATURA", series="EAR", customer=PERSON))
    with pytest.raises(CancellationRefused, match="Taslak iptal edilmez"):
        cancel_invoice(ctx, draft, "Vazgeçildi")
    assert show_invoice(ctx, draft)["status"] == Status.DRAFT

    [ettn] = _earsiv(ctx, demo_sign)
    for empty in ("", "   \n\t "):
        with pytest.raises(CancellationRefused, match="İptal nedeni yazılmalı") as info:
            cancel_invoice(ctx, ettn, empty)
        assert info.value.field == "reason"
    with pytest.raises(CancellationRefused, match="en çok 500"):
        cancel_invoice(ctx, ettn, "x" * 501)
    assert show_invoice(ctx, ettn)["status"] == Status.ISSUED

    cancel_invoice(ctx, ettn, "Yanlış müşteri")
    with pytest.raises(CancellationRefused, match="zaten iptal edilmiş"):
        cancel_invoice(ctx, ettn, "Bir daha")
    assert len(cancellations_on(ctx, clock.today())) == 1
    assert [e["kind"] for e in show_invoice(ctx, ettn)["events"]].count("cancelled") == 1


def test_the_database_keeps_a_cancellation_as_it_was(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> None:
    ettn, other = _earsiv(ctx, demo_sign, 2)
    cancel_invoice(ctx, ettn, "Yanlış müşteri")
    with sqlite3.connect(database_path(ctx.data_dir)) as conn:
        for sql in ("UPDATE invoice_cancellations SET reason = 'başka'",
                    "DELETE FROM invoice_cancellations"):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(sql)
        # a status change naming it among others leaves it cancelled and the others changed
        conn.execute("UPDATE invoices SET status = 'sent'")
        assert dict(conn.execute("SELECT ettn, status FROM invoices")) == {
            ettn: "cancelled", other: "sent"}


def test_the_pdf_of_a_cancelled_invoice_says_iptal_and_the_xml_stays(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes], tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from app.usecases.printing import invoice_pdf_bytes

    [ettn] = _earsiv(ctx, demo_sign)
    xml = invoice_xml(ctx, ettn)

    def text() -> str:
        pdf = tmp_path / "f.pdf"
        pdf.write_bytes(invoice_pdf_bytes(ctx, ettn))
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                              capture_output=True).stdout.decode("utf-8")

    assert "İPTAL" not in text()
    with clock.frozen_at(EVENING):
        cancel_invoice(ctx, ettn, "Müşteri vazgeçti")
    printed = text()
    assert "İPTAL" in printed
    assert "28.11.2026 23:59 tarihinde iptal edildi" in printed
    assert "Müşteri vazgeçti" in printed
    assert invoice_xml(ctx, ettn) == xml


def test_cli_cancel_show_and_list(ctx: AppContext, demo_sign: Callable[[bytes], bytes],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from app.cli import main

    [ettn] = _earsiv(ctx, demo_sign)
    [efatura] = issue_some(ctx, demo_sign, 1, profile="TEMELFATURA")
    number = show_invoice(ctx, ettn)["number"]
    d = str(ctx.data_dir)
    capsys.readouterr()

    assert main(["--data-dir", d, "invoice", "cancel", number, "--reason", "  "]) == 1
    assert "İptal nedeni yazılmalı" in capsys.readouterr().err
    assert main(["--data-dir", d, "invoice", "cancel", efatura, "--reason", "Yanlış"]) == 1
    err = capsys.readouterr().err
    assert "İptal/İtiraz Portalı" in err and "8 gün" in err and "Kaynak:" in err

    with clock.frozen_at(EVENING):
        assert main(["--data-dir", d, "invoice", "cancel", number,
                     "--reason", "Müşteri vazgeçti"]) == 0
    out = capsys.readouterr().out
    assert f"{number} numaralı e-Arşiv faturası iptal edildi (28.11.2026 23:59)" in out
    assert "faturaIptal" in out and "Kaynak:" in out

    assert main(["--data-dir", d, "invoice", "cancel", ettn, "--reason", "Bir daha"]) == 1
    assert "zaten iptal edilmiş" in capsys.readouterr().err

    assert main(["--data-dir", d, "invoice", "show", number]) == 0
    out = capsys.readouterr().out
    assert f"{number}  İPTAL" in out
    assert "İPTAL: 28.11.2026 23:59" in out and "Neden: Müşteri vazgeçti" in out
    assert main(["--data-dir", d, "invoice", "show", number, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["cancellation"]["reason"] == "Müşteri vazgeçti"
    assert shown["cancellation"]["cancelled_at"] == "2026-11-28T23:59:59+03:00"
    assert shown["cancellation"]["via"] == "cli"

    assert main(["--data-dir", d, "invoice", "list", "--status", "cancelled"]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if number in ln]
    assert len(lines) == 1 and "İPTAL" in lines[0]


def test_a_database_file_at_0008_upgrades_and_its_invoices_can_be_cancelled(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> None:
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from app.db import tables  # noqa: F401  (registers the tables)
    from app.db.base import Base
    from app.db.engine import MIGRATIONS_DIR, forget

    [ettn] = _earsiv(ctx, demo_sign)
    xml = invoice_xml(ctx, ettn)
    data_dir = ctx.data_dir
    forget(data_dir)
    # the file as release 0008 left it: no cancellation table, no triggers of 0009
    engine = create_engine(f"sqlite:///{database_path(data_dir)}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    engine.dispose()
    assert _db_rows(ctx, "SELECT version_num FROM alembic_version") == [("0008",)]
    assert _db_rows(ctx, "SELECT name FROM sqlite_master WHERE name LIKE '%cancel%'") == []

    upgraded = AppContext(data_dir)  # opening the file upgrades it
    with upgraded.db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() >= "0009"
    assert show_invoice(upgraded, ettn)["status"] == Status.ISSUED
    cancel_invoice(upgraded, ettn, "Yükseltmeden sonra iptal")
    assert show_invoice(upgraded, ettn)["status"] == Status.CANCELLED
    assert invoice_xml(upgraded, ettn) == xml


def test_a_cancelled_invoice_is_no_sale_on_the_dashboard(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> None:
    from app.usecases.reports import dashboard

    kept, cancelled = _earsiv(ctx, demo_sign, 2)
    today = clock.today()
    before = dashboard(ctx, today)
    assert before.year_count == 2
    one = before.year_sales / 2
    cancel_invoice(ctx, cancelled, "Yanlış kesildi")
    after = dashboard(ctx, today)
    assert after.year_count == 1 and after.year_sales == one
    assert sum(after.kdv_by_rate.values()) == sum(before.kdv_by_rate.values()) / 2
    assert after.status_counts.get(Status.CANCELLED) == 1
    assert show_invoice(ctx, kept)["status"] != Status.CANCELLED
