"""The change stamps other seats poll: a write through one context — another desktop, another
window, the posta kutusu service — moves the versions another context reads, on SQLite and
on PostgreSQL; a read or a write of another topic does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.context import AppContext
from app.db.engine import Database, close_all
from app.usecases import catalog, changes
from app.usecases.company import set_company
from app.usecases.invoices import create_draft, issue_invoice
from tests.fixtures.app import COMPANY, CUSTOMER, invoice_json, make_context


@pytest.fixture(autouse=True)
def _close_databases():  # type: ignore[no-untyped-def]
    yield
    close_all()


def second_seat(ctx: AppContext) -> AppContext:
    """Another context on the same database with connections of its own (not the cached
    ``Database`` of this process), as another computer or window has."""
    other = AppContext(ctx.data_dir)
    other.db = Database(ctx.db.path if ctx.db.is_sqlite else ctx.db.url)  # type: ignore[arg-type]
    return other


def test_a_write_through_one_seat_moves_the_versions_the_other_reads(
        tmp_path: Path, installed_rules_dir: Path, each_engine: str) -> None:
    a = make_context(tmp_path / "data", installed_rules_dir)
    b = second_seat(a)
    assert a.db.dialect == b.db.dialect == each_engine
    start = changes.versions(a)
    assert set(start) == set(changes.TOPICS)
    assert changes.versions(a) == start  # reading changes nothing

    catalog.save_customer(b, CUSTOMER)
    after_customer = changes.versions(a)
    assert changes.changed(start, after_customer) == {changes.CUSTOMERS}

    catalog.save_product(b, {"name": "Çay", "unit": "KGM", "unit_price": "245.50",
                             "kdv_rate": "1", "seller_code": "CAY"})
    after_product = changes.versions(a)
    assert changes.changed(after_customer, after_product) == {changes.PRODUCTS}

    ettn = create_draft(b, invoice_json())
    after_draft = changes.versions(a)
    assert changes.INVOICES in changes.changed(after_product, after_draft)
    issue_invoice(b, ettn, sign=None)
    assert changes.INVOICES in changes.changed(after_draft, changes.versions(a))

    before = changes.versions(a)
    set_company(b, COMPANY | {"email": "muhasebe@deneme.invalid"})
    assert changes.changed(before, changes.versions(a)) == {changes.SETTINGS}
    b.db.close()


def test_versions_stay_the_same_after_postgresql_folds_its_marks(postgres_url: str,
                                                                 tmp_path: Path) -> None:
    from app.db.repositories import changes as repo

    ctx = AppContext(tmp_path / "data", postgres_url)
    for n in range(5):
        catalog.save_product(ctx, {"name": f"Ürün {n}", "unit": "C62", "unit_price": "10",
                                   "kdv_rate": "20", "seller_code": f"U{n}"})
    before = changes.versions(ctx)
    assert before[changes.PRODUCTS] >= 5
    with ctx.db.session() as s:
        assert repo.compact(s)
    with ctx.db.session() as s:
        found, marks = repo.versions(s)
    assert found == before and marks == 0
    catalog.save_customer(ctx, CUSTOMER)
    assert changes.changed(before, changes.versions(ctx)) == {changes.CUSTOMERS}


def test_a_second_process_on_one_sqlite_file_is_seen(tmp_path: Path,
                                                     installed_rules_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    monkeypatch.delenv("TEZGAH_DATABASE_URL", raising=False)
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    before = changes.versions(ctx)
    code = ("import sys; from app.context import AppContext; from app.usecases import catalog; "
            "catalog.save_product(AppContext(sys.argv[1]), {'name': 'Su', 'unit': 'C62', "
            "'unit_price': '10', 'kdv_rate': '20', 'seller_code': 'SU'})")
    subprocess.run([sys.executable, "-c", code, str(ctx.data_dir)], check=True, timeout=120)
    assert changes.changed(before, changes.versions(ctx)) == {changes.PRODUCTS}
