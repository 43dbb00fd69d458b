"""The schema: a new database and every database saved by a release upgrade to exactly the
tables of ``app/db/tables.py`` (Alembic's ``compare_metadata`` finds nothing to change), and
an old release's data — invoices, numbers, the outbox and its envelopes, the user list —
come through the upgrade intact. ``tests/fixtures/databases/README.md``: one file per
release."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.context import AppContext
from app.db import tables  # noqa: F401  (registers the tables)
from app.db.base import Base
from app.db.engine import close_all, database_path, script_heads
from app.gib.userlist import UserListStore
from app.usecases.invoices import invoice_xml, list_invoices
from app.usecases.sending import invoice_status
from app.usecases.sync import outbox_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "databases"
RELEASES = sorted(FIXTURES.glob("release-*.sqlite3"))


def _differences(ctx: AppContext) -> list:
    with ctx.db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)


def _head(ctx: AppContext) -> set[str]:
    with ctx.db.engine.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}


def _saved_release(tmp_path: Path, fixture: Path) -> AppContext:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(fixture, database_path(data_dir))
    return AppContext(data_dir)


@pytest.fixture(autouse=True)
def _close_databases():  # type: ignore[no-untyped-def]
    yield
    close_all()


def test_the_schema_has_one_head() -> None:
    assert len(script_heads()) == 1


def test_a_new_database_matches_the_tables(tmp_path: Path, each_engine: str) -> None:
    ctx = AppContext(tmp_path / "data")
    assert ctx.db.dialect == each_engine
    assert _head(ctx) == script_heads()
    assert _differences(ctx) == []


def test_there_is_a_saved_database_of_release_0_1_0() -> None:
    assert FIXTURES / "release-0.1.0.sqlite3" in RELEASES


@pytest.mark.parametrize("fixture", RELEASES, ids=lambda p: p.stem)
def test_a_saved_release_upgrades_to_the_tables(tmp_path: Path, fixture: Path) -> None:
    ctx = _saved_release(tmp_path, fixture)
    assert _head(ctx) == script_heads()
    assert _differences(ctx) == []


def test_release_0_1_0_data_survives_the_upgrade(tmp_path: Path) -> None:
    fixture = FIXTURES / "release-0.1.0.sqlite3"
    with sqlite3.connect(f"file:{fixture}?mode=ro", uri=True) as old:
        before = old.execute("SELECT ettn, number, status FROM invoices ORDER BY id").fetchall()
        envelope = old.execute("SELECT uuid, md5, content FROM envelopes").fetchone()
        counters = old.execute("SELECT series, year, last_number FROM number_series").fetchall()
    ctx = _saved_release(tmp_path, fixture)

    after = [(r["ettn"], r["number"], r["status"]) for r in reversed(list_invoices(ctx))]
    assert sorted(after) == sorted(before)
    assert {n for _, n, _ in after if n} == {"TZG2026000000001", "TZG2026000000002"}
    # the signed XML is still there, byte for byte (its digest is checked on reading)
    assert invoice_xml(ctx, before[0][0]).startswith(b"<?xml")

    rows = {r["number"]: r for r in outbox_rows(ctx)}
    assert set(rows) == {"TZG2026000000001", "TZG2026000000002"}
    first, second = rows["TZG2026000000001"], rows["TZG2026000000002"]
    assert (first["state"], first["envelope"], first["envelope_state"]) == (
        "enveloped", envelope[0], "ready")
    assert (second["state"], second["envelope"]) == ("waiting", None)
    assert first["alias"] == "urn:mail:defaultpk@ornek.invalid"
    assert [e["uuid"] for e in invoice_status(ctx, before[0][0])["envelopes"]] == [envelope[0]]

    with ctx.db.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT uuid, md5, content, channel FROM envelopes").one()
        kinds = conn.exec_driver_sql("SELECT DISTINCT kind, channel FROM outbox_items").all()
        new_counters = conn.exec_driver_sql(
            "SELECT kind, series, year, last_number FROM number_series").all()
    # the envelope is resent byte-identical after the upgrade (exactly-once depends on it)
    assert tuple(stored[:3]) == tuple(envelope)
    assert stored[3] == "efatura"
    assert kinds == [("invoice", "efatura")]
    assert sorted(new_counters) == sorted(("invoice", *c) for c in counters)

    store = UserListStore(ctx.db.engine)
    assert store.count() == 2
    alias = store.invoice_alias("4700582260")
    assert alias is not None and alias.alias == "urn:mail:defaultpk@ornek.invalid"
