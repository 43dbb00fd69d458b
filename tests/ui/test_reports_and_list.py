"""The invoice list's queries and lazy model, and the dashboard sums, on a real database
filled with thousands of invoices."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.context import AppContext
from app.paths import database_path
from app.usecases import reports
from tests.ui.bulk import fill
from ui.models.invoices import COLUMNS, KEEP_PAGES, PAGE, InvoiceTableModel

N = 3000
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> AppContext:
    d = tmp_path_factory.mktemp("big")
    ctx = AppContext(d)
    fill(database_path(d), N, today=TODAY)
    return ctx


def raw(ctx: AppContext, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(database_path(ctx.data_dir)) as conn:
        return conn.execute(sql, args).fetchall()


def model_for(ctx: AppContext) -> InvoiceTableModel:
    return InvoiceTableModel(
        lambda f, off, lim, key, desc: reports.invoice_page(ctx, f, offset=off, limit=lim,
                                                             sort=key, descending=desc),
        lambda f: reports.count_invoices(ctx, f))


def test_lazy_model_reads_only_the_pages_shown(big: AppContext, qapp) -> None:
    model = model_for(big)
    model.reload()
    assert model.rowCount() == N and model.queries == 0  # only a COUNT so far
    assert model.index(0, 0).data() is not None
    assert model.queries == 1 and model.cached_rows == PAGE
    last = model.index(N - 1, 2).data()
    assert last and model.queries == 2
    for i in range(0, N, PAGE):  # walk through every page: the cache stays bounded
        model.index(i, 0).data()
    assert model.cached_rows <= KEEP_PAGES * PAGE
    # rows come newest first, ids break ties: the same order as SQL
    want = raw(big, "SELECT ettn FROM invoices WHERE direction='out' "
                    "ORDER BY issue_date DESC, id DESC LIMIT 3 OFFSET 1000")
    got = [model.index(1000 + i, 0).data(Qt.ItemDataRole.UserRole + 1) for i in range(3)]
    assert got == [w[0] for w in want]


def test_filters_and_sorting_match_sql(big: AppContext, qapp) -> None:
    model = model_for(big)
    model.set_filter(reports.InvoiceFilter(statuses=("completed",), profile="EARSIVFATURA",
                                           date_from=date(2026, 1, 1), date_to=TODAY))
    (n,) = raw(big, "SELECT count(*) FROM invoices WHERE status='completed' AND "
                    "profile='EARSIVFATURA' AND issue_date BETWEEN '2026-01-01' AND '2026-11-27'")[0]
    assert model.rowCount() == n > 0
    model.sort(5, Qt.SortOrder.DescendingOrder)  # Ödenecek
    top = model.row(0)
    biggest = raw(big, "SELECT max(CAST(payable AS REAL)) FROM invoices WHERE status='completed' "
                       "AND profile='EARSIVFATURA' AND issue_date BETWEEN '2026-01-01' AND "
                       "'2026-11-27'")[0][0]
    assert top is not None and float(top.payable) == biggest
    assert model.index(0, 6).data(Qt.ItemDataRole.UserRole) == "completed"


def test_search_by_number_customer_vkn_and_amount(big: AppContext) -> None:
    number, name, vkn, payable = raw(
        big, "SELECT number, customer_name, customer_vkn_tckn, payable FROM invoices "
             "WHERE number IS NOT NULL ORDER BY id LIMIT 1 OFFSET 17")[0]
    for text in (number, name, vkn):
        rows = reports.invoice_page(big, reports.InvoiceFilter(search=text), offset=0, limit=50)
        assert any(r.number == number for r in rows), text
    amount = Decimal(payable)
    typed = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")  # 1.234,56
    rows = reports.invoice_page(big, reports.InvoiceFilter(search=typed), offset=0, limit=50)
    assert rows and all(r.payable == amount for r in rows)


def test_dashboard_sums_are_exact(big: AppContext) -> None:
    d = reports.dashboard(big, TODAY)
    rows = raw(big, "SELECT issue_date, type, tax_exclusive, status FROM invoices "
                    "WHERE direction='out'")
    month = year = Decimal("0")
    monthly: Counter[int] = Counter()
    for day, typ, amount, status in rows:
        if status == "draft" or not day.startswith("2026"):
            continue
        v = Decimal(amount) * (-1 if typ == "IADE" else 1)
        year += v
        monthly[int(day[5:7])] += v
        if day.startswith("2026-11"):
            month += v
    assert d.year_sales == year and d.month_sales == month
    assert dict(d.monthly) == {m: monthly.get(m, Decimal("0.00")) for m in range(1, 13)}
    kdv = Counter()
    for rate, amount, typ in raw(big, "SELECT l.kdv_rate, l.kdv_amount, i.type FROM "
                                     "invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
                                     "WHERE i.status != 'draft' AND i.issue_date LIKE '2026%'"):
        kdv[Decimal(rate).normalize()] += Decimal(amount) * (-1 if typ == "IADE" else 1)
    assert d.kdv_by_rate == dict(kdv)
    assert d.status_counts == dict(raw(big, "SELECT status, count(*) FROM invoices GROUP BY status"))
    assert d.drafts == d.status_counts["draft"]


def test_count_and_page_on_an_empty_database(tmp_path: Path) -> None:
    ctx = AppContext(tmp_path)
    assert reports.count_invoices(ctx, reports.InvoiceFilter()) == 0
    d = reports.dashboard(ctx, TODAY)
    assert d.year_sales == Decimal("0.00") and d.kdv_by_rate == {} and len(d.monthly) == 12


def test_turkish_letters_found_in_any_case(tmp_path: Path) -> None:
    from app.usecases import catalog

    ctx = AppContext(tmp_path)
    catalog.save_customer(ctx, {"vkn_tckn": "4700582260", "name": "Çağlayan Şişecilik A.Ş.",
                                "address": {"district": "Kadıköy", "city": "İstanbul"}})
    for typed in ("çağ", "ÇAĞ", "Çağlayan", "şişe", "ŞİŞECİLİK", "4700"):
        rows = reports.customer_rows(ctx, typed)
        assert [r["vkn_tckn"] for r in rows] == ["4700582260"], typed
    assert reports.customer_rows(ctx, "ıspanak") == []
    assert set(reports.tr_variants("istanbul")) == {"istanbul", "İSTANBUL", "İstanbul"}


def test_received_invoices_of_any_gib_scenario_show_its_name(
        tmp_path: Path, installed_rules_dir: Path, ubl_samples_dir: Path, qapp) -> None:
    """A supplier's invoice may be of a scenario or type Tezgâh does not issue (HKS, IHRACAT,
    YOLCUBERABERFATURA …): the list of received invoices names it in words, not a blank cell."""
    from app.usecases.importing import import_invoice_xml
    from tests.fixtures.app import make_context

    ctx = make_context(tmp_path / "data", installed_rules_dir)
    for name in ("HKS-Ornek1.xml", "IHRACAT.xml", "SARJ.xml"):
        import_invoice_xml(ctx, (ubl_samples_dir / name).read_bytes())
    model = InvoiceTableModel(
        lambda f, off, lim, key, desc: reports.invoice_page(
            ctx, reports.InvoiceFilter(direction="in"), offset=off, limit=lim, sort=key,
            descending=desc),
        lambda f: reports.count_invoices(ctx, reports.InvoiceFilter(direction="in")))
    model.reload()
    keys = [key for key, _header in COLUMNS]
    shown = {(model.index(r, keys.index("profile")).data(),
              model.index(r, keys.index("type")).data()) for r in range(model.rowCount())}
    assert shown == {("Hal Kayıt Sistemi (HKS)", "Satış"), ("İhracat", "İstisna"),
                     ("Enerji", "Şarj")}
