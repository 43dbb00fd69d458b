"""``tezgah db migrate-to``: a one-computer shop's SQLite database moved into an empty
PostgreSQL database (a real server, tests/fixtures/postgres.py), verified, and usable
there: the next invoice takes the next number, issued invoices stay immutable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import main
from app.context import AppContext
from app.db import engine
from app.usecases.invoices import create_draft, invoice_xml, issue_invoice, list_invoices
from tests.fixtures.app import invoice_json, make_context


@pytest.fixture
def sqlite_shop(tmp_path: Path, installed_rules_dir: Path,
                monkeypatch: pytest.MonkeyPatch) -> AppContext:
    monkeypatch.delenv("TEZGAH_DATABASE_URL", raising=False)
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    for _ in range(3):
        issue_invoice(ctx, create_draft(ctx, invoice_json()), sign=None)
    create_draft(ctx, invoice_json())  # a draft moves too
    return ctx


def _hashes(ctx: AppContext) -> dict[str, str]:
    return {r["number"]: hashlib.sha256(invoice_xml(ctx, r["ettn"])).hexdigest()
            for r in list_invoices(ctx, limit=100) if r["number"]}


def test_migrate_to_copies_verifies_and_the_shop_goes_on(
        sqlite_shop: AppContext, postgres_cluster, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    before = _hashes(sqlite_shop)
    drafts_before = len(list_invoices(sqlite_shop, limit=100))
    name = "shop_moved"
    postgres_cluster.admin(f"CREATE DATABASE {name}")
    url = postgres_cluster.url(name)
    data_dir = sqlite_shop.data_dir
    assert main(["--data-dir", str(data_dir), "db", "migrate-to", url, "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Taşındı ve doğrulandı" in out and "arşiv zinciri" in out and "sağlam" in out
    moved = AppContext.open(data_dir, url)
    assert moved.db.dialect == "postgresql"
    assert _hashes(moved) == before
    assert len(list_invoices(moved, limit=100)) == drafts_before
    # numbering goes on from where the SQLite shop was
    result = issue_invoice(moved, create_draft(moved, invoice_json()), sign=None)
    assert result.number == "ABC2026000000004"
    # the guards are on again: an issued invoice cannot be changed on the server either
    with pytest.raises(Exception, match="immutable"), moved.db.session() as s:
        s.execute(text("UPDATE invoices SET payable = '1' WHERE number = 'ABC2026000000001'"))
    # the SQLite file is as it was
    assert _hashes(sqlite_shop) == before


def test_a_database_that_is_not_empty_is_refused(
        sqlite_shop: AppContext, postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = engine.open_database(sqlite_shop.data_dir, postgres_url)
    with target.session() as s:
        s.execute(text("INSERT INTO settings (key, value) VALUES ('x', '\"y\"')"))
    assert main(["--data-dir", str(sqlite_shop.data_dir), "db", "migrate-to", postgres_url,
                 "--quiet"]) == 1
    assert "boş değil" in capsys.readouterr().err


def test_a_url_with_a_password_is_refused(sqlite_shop: AppContext,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(sqlite_shop.data_dir), "db", "migrate-to",
                 "postgresql://dukkan:gizli@localhost/tezgah"]) == 1
    err = capsys.readouterr().err
    assert "parola" in err and "gizli" not in err
