"""The restore drill: issue invoices, let the schedule make its backup in a second folder,
destroy the database, restore the newest backup found in that folder — the app opens, the
invoices are there with their stored originals' SHA-256, and the archive verifies clean."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from app.context import AppContext
from app.db import engine
from app.paths import database_path
from app.usecases import backup, backup_schedule
from app.usecases.invoices import create_draft, invoice_xml, issue_invoice, list_invoices
from tests.fixtures.app import invoice_json, make_context


def test_back_up_destroy_restore_verify(tmp_path: Path, installed_rules_dir: Path) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "ag-klasoru"
    folder.mkdir()
    ctx = make_context(data, installed_rules_dir)
    issued = {}
    for i in range(3):
        r = issue_invoice(ctx, create_draft(ctx, invoice_json(notes=[f"Fatura {i}"])), sign=None)
        issued[r.ettn] = (r.number, r.sha256)
    backup_schedule.set_schedule(ctx, folder, keep=7)
    made = backup_schedule.run_due(ctx)
    assert made.state == "done", made.message

    # The disk lies: the database is overwritten with garbage and the connections are gone.
    ctx.db.close()
    engine.forget(data)
    live = database_path(data)
    size = live.stat().st_size
    live.write_bytes(os.urandom(size))
    for suffix in ("-wal", "-shm"):
        live.with_name(live.name + suffix).unlink(missing_ok=True)

    [(_, newest), *_] = backup_schedule.recognised(folder)
    assert newest == made.path
    backup.restore(data, newest)

    again = AppContext.open(data)
    rows = {r["ettn"]: r["number"] for r in list_invoices(again)}
    assert {e: n for e, (n, _) in issued.items()} == rows
    for ettn, (_, sha) in issued.items():
        assert hashlib.sha256(invoice_xml(again, ettn)).hexdigest() == sha
    from app.usecases import archive

    report = archive.verify(again)
    assert report.ok, [p.message for p in report.problems]
    assert report.entries >= len(issued)
    assert list(data.glob("tezgah.sqlite3.bozuk-*")), "the damaged file is kept beside it"


def test_the_drill_on_a_postgresql_server(tmp_path: Path, installed_rules_dir: Path,
                                          postgres_cluster, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A shop on a shared server: the schedule's pg_dump in the second folder is restored
    into a new database (as the server's owner would, with pg_restore), the app opens it,
    and the archive verifies clean there."""
    name = "drill_source"
    postgres_cluster.admin(f"CREATE DATABASE {name}")
    monkeypatch.setenv("TEZGAH_DATABASE_URL", postgres_cluster.url(name))
    folder = tmp_path / "ag-klasoru"
    folder.mkdir()
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    assert not ctx.db.is_sqlite
    issued = {}
    for _ in range(3):
        r = issue_invoice(ctx, create_draft(ctx, invoice_json()), sign=None)
        issued[r.ettn] = (r.number, r.sha256)
    backup_schedule.set_schedule(ctx, folder, keep=7)
    made = backup_schedule.run_due(ctx)
    assert made.state == "done", made.message
    assert made.path is not None and made.path.suffix == ".dump"

    # the server's database is lost; a new one is made from the backup
    postgres_cluster.admin("CREATE DATABASE drill_restored")
    subprocess.run(["pg_restore", "--no-owner", "--dbname",
                    postgres_cluster.url("drill_restored"),
                    str(made.path)], check=True, capture_output=True)
    monkeypatch.setenv("TEZGAH_DATABASE_URL", postgres_cluster.url("drill_restored"))
    again = AppContext.open(tmp_path / "data")
    rows = {r["ettn"]: r["number"] for r in list_invoices(again)}
    assert {e: n for e, (n, _) in issued.items()} == rows
    for ettn, (_, sha) in issued.items():
        assert hashlib.sha256(invoice_xml(again, ettn)).hexdigest() == sha
    from app.usecases import archive

    report = archive.verify(again)
    assert report.ok, [p.message for p in report.problems]
