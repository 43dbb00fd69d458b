"""``tezgah export``: a month of mixed invoices for the accountant, reconciled to the cent
with sums read independently from the stored documents."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook
from sqlalchemy import text

from app.cli import main
from app.context import AppContext
from app.db.engine import close_all
from app.domain.errors import UserError
from app.usecases import accounting_export as ae
from app.usecases.importing import import_invoice_xml
from app.usecases.invoices import IssueResult, create_draft, invoice_xml, issue_invoice
from tests.fixtures.app import PERSON, invoice_json

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
CENT = Decimal("0.01")
FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)


@pytest.fixture(autouse=True)
def _close_databases():  # type: ignore[no-untyped-def]
    yield
    close_all()


def _line(**kw: str) -> dict[str, str]:
    base = {"name": "Kırmızı şişe 1 lt", "quantity": "12", "unit": "C62",
            "unit_price": "19.99", "kdv_rate": "20"}
    return {**base, **kw}


def _issue(ctx: AppContext, **overrides: object) -> IssueResult:
    return issue_invoice(ctx, create_draft(ctx, invoice_json(**overrides)), sign=None)


def _received(ctx: AppContext, day: str, number: str) -> tuple[str, str]:
    """An invoice another business sent us, dated ``day``: one of ours issued on that day
    with a new ETTN and number, imported. Ours (a sale too) and the received one's ETTNs."""
    ours = _issue(ctx, issue_date=day, lines=[_line(unit_price="310.40"),
                                              _line(name="Çay", unit_price="88", kdv_rate="10")])
    data = (invoice_xml(ctx, ours.ettn).replace(ours.ettn.encode(), str(uuid.uuid4()).encode())
            .replace(ours.number.encode(), number.encode()))
    return ours.ettn, str(import_invoice_xml(ctx, data)["ettn"])


@pytest.fixture
def month(app_ctx: AppContext) -> dict[str, str]:
    """October 2026: three KDV rates, a discount, a TEVKIFAT, a USD one, one on the last
    day, a received one, a cancelled e-Arşiv one and a draft; plus one on each side of the
    month. Returns ETTNs by name."""
    tea = _line(name="Çay", quantity="3", unit="KGM", unit_price="245.50", kdv_rate="1")
    e = {"before": _issue(app_ctx, issue_date="2026-09-30").ettn}  # in date order
    e["discount"] = _issue(app_ctx, issue_date="2026-10-01").ettn
    e["tevkifat"] = _issue(app_ctx, issue_date="2026-10-10", type="TEVKIFAT",
                           lines=[_line(withholding_code="603", unit_price="1250"), tea]).ettn
    e["usd"] = _issue(app_ctx, issue_date="2026-10-15", currency="USD",
                      exchange_rate="34.5678", lines=[_line(unit_price="12.55")]).ettn
    e["cancelled"] = _issue(app_ctx, issue_date="2026-10-16", profile="EARSIVFATURA",
                            customer=dict(PERSON), lines=[_line(unit_price="500")]).ettn
    e["ten_percent"], e["received"] = _received(app_ctx, "2026-10-20", "GLN2026000000007")
    e["last_day"] = _issue(app_ctx, issue_date="2026-10-31", lines=[tea]).ettn
    e["after"] = _issue(app_ctx, issue_date="2026-11-01").ettn
    e["draft"] = create_draft(app_ctx, invoice_json(issue_date="2026-10-12"))
    with app_ctx.db.engine.begin() as conn:  # as app.usecases.cancellation leaves it
        conn.execute(text("UPDATE invoices SET status = 'cancelled' WHERE ettn = :e"),
                     {"e": e["cancelled"]})
    return e


# --- independent sums from the stored XML ------------------------------------------------

def _dec(root: etree._Element, path: str) -> Decimal:
    return sum((Decimal(x.text) for x in root.xpath(path, namespaces=NS)), Decimal(0))


def _stored(ctx: AppContext, ettn: str) -> etree._Element:
    return etree.fromstring(invoice_xml(ctx, ettn))


def _rate(root: etree._Element) -> Decimal:
    found = root.xpath("cac:PricingExchangeRate/cbc:CalculationRate/text()", namespaces=NS)
    return Decimal(found[0]) if found else Decimal(1)


def _tl(x: Decimal, rate: Decimal) -> Decimal:
    return (x * rate).quantize(CENT, ROUND_HALF_UP)


def _expected(ctx: AppContext, ettns: list[str]) -> dict[str, object]:
    payable: dict[str, Decimal] = defaultdict(Decimal)  # per currency
    kdv_tl: dict[Decimal, Decimal] = defaultdict(Decimal)
    withholding_tl = Decimal(0)
    for ettn in ettns:
        root = _stored(ctx, ettn)
        cur = root.findtext("cbc:DocumentCurrencyCode", namespaces=NS)
        payable[cur] += _dec(root, "cac:LegalMonetaryTotal/cbc:PayableAmount")
        rate = _rate(root)
        for st in root.xpath("cac:TaxTotal/cac:TaxSubtotal[cac:TaxCategory/cac:TaxScheme/"
                             "cbc:TaxTypeCode='0015']", namespaces=NS):
            kdv_tl[Decimal(st.findtext("cbc:Percent", namespaces=NS)).normalize()] += _tl(
                Decimal(st.findtext("cbc:TaxAmount", namespaces=NS)), rate)
        withholding_tl += _tl(_dec(root, "cac:WithholdingTaxTotal/cbc:TaxAmount"), rate)
    return {"payable": dict(payable), "kdv_tl": dict(kdv_tl), "withholding_tl": withholding_tl}


def _sheet(path: Path, title: str) -> list[dict[str, object]]:
    wb = load_workbook(path)
    rows = list(wb[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _d(value: object) -> Decimal:
    assert isinstance(value, (int, float)), value  # a numeric cell
    return Decimal(str(value)).quantize(CENT)


# --- the tests ---------------------------------------------------------------------------

def test_the_workbook_reconciles_with_the_stored_documents(
        app_ctx: AppContext, month: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "ekim.xlsx"
    result = ae.export(app_ctx, FIRST, LAST, out)
    assert result.problems == [] and out.exists()
    assert load_workbook(out).sheetnames == ["Faturalar", "KDV %20", "KDV %10", "KDV %1",
                                             "Aylık Özet"]
    rows = _sheet(out, "Faturalar")
    by_ettn = {r["ETTN"]: r for r in rows}
    # the period: the last day in, the days around it and the draft out
    in_month = ["discount", "tevkifat", "usd", "cancelled", "ten_percent", "last_day",
                "received"]
    assert set(by_ettn) == {month[k] for k in in_month}
    counted = [month[k] for k in in_month if k != "cancelled"]
    sales = [month[k] for k in ("discount", "tevkifat", "usd", "ten_percent", "last_day")]

    cancelled = by_ettn[month["cancelled"]]
    assert cancelled["Durum"] == "İPTAL" and cancelled["Toplamlara dahil"].startswith("Hayır")
    assert by_ettn[month["received"]]["Yön"] == "Alış"
    assert by_ettn[month["received"]]["Durum"] == "Gelen"

    # every amount a numeric cell, every date a date cell
    for r in rows:
        assert isinstance(r["Tarih"], datetime)
        for header in ("Vergiler hariç tutar (matrah)", "İskonto", "Ödenecek tutar",
                       "Tevkifat", "Diğer vergiler"):
            assert isinstance(r[header], (int, float)), (header, r[header])
        for header in ("KDV %20 matrah", "KDV %20 tutar", "KDV %1 tutar"):  # empty: no such
            assert r[header] is None or isinstance(r[header], (int, float))  # rate in it
    usd = by_ettn[month["usd"]]
    assert usd["Para birimi"] == "USD" and Decimal(str(usd["Döviz kuru"])) == Decimal("34.5678")
    assert _d(by_ettn[month["discount"]]["İskonto"]) > 0
    assert _d(by_ettn[month["tevkifat"]]["Tevkifat"]) > 0

    # per row, against that row's own document
    for ettn, r in by_ettn.items():
        root = _stored(app_ctx, ettn)
        assert _d(r["Ödenecek tutar"]) == _dec(root, "cac:LegalMonetaryTotal/cbc:PayableAmount")
        assert _d(r["Vergiler hariç tutar (matrah)"]) == _dec(
            root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount")
        assert _d(r["Tevkifat"]) == _dec(root, "cac:WithholdingTaxTotal/cbc:TaxAmount")
        assert r["Fatura no"] == root.findtext("cbc:ID", namespaces=NS)

    # totals, per currency and in TL, to the cent
    want = _expected(app_ctx, counted)
    got_payable: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        if r["Toplamlara dahil"] == "Evet":
            got_payable[str(r["Para birimi"])] += _d(r["Ödenecek tutar"])
    assert dict(got_payable) == want["payable"]
    for pct, title in ((Decimal(20), "KDV %20"), (Decimal(10), "KDV %10"),
                       (Decimal(1), "KDV %1")):
        assert sum((_d(r["KDV (TL)"]) for r in _sheet(out, title)), Decimal(0)) == \
            want["kdv_tl"][pct]  # type: ignore[index]

    summary = _sheet(out, "Aylık Özet")
    assert [r["Ay"] for r in summary] == ["Ekim 2026"]
    s = summary[0]
    out_kdv = _expected(app_ctx, sales)
    in_kdv = _expected(app_ctx, [month["received"]])
    assert _d(s["Hesaplanan KDV (TL)"]) == sum(out_kdv["kdv_tl"].values())  # type: ignore
    assert _d(s["İndirilecek KDV (TL)"]) == sum(in_kdv["kdv_tl"].values())  # type: ignore
    assert _d(s["Satışlarda tevkifat (TL)"]) == out_kdv["withholding_tl"] > 0
    assert _d(s["Net (hesaplanan − indirilecek) (TL)"]) == (
        _d(s["Hesaplanan KDV (TL)"]) - _d(s["İndirilecek KDV (TL)"]))

    # the number format of the amounts
    ws = load_workbook(out)["Faturalar"]
    headers = [c.value for c in ws[1]]
    cell = ws.cell(2, headers.index("Ödenecek tutar") + 1)
    assert cell.number_format == "#,##0.00"
    assert ws.cell(2, headers.index("Tarih") + 1).number_format == "DD.MM.YYYY"


def test_kind_selects_sales_or_purchases(app_ctx: AppContext, month: dict[str, str]) -> None:
    sales, _ = ae.build_rows(app_ctx, FIRST, LAST, "sales")
    purchases, _ = ae.build_rows(app_ctx, FIRST, LAST, "purchases")
    assert {r.direction for r in sales} == {"out"} and len(sales) == 6
    assert [r.ettn for r in purchases] == [month["received"]]
    # a single day: the last day of the month holds one sale and nothing else
    last, _ = ae.build_rows(app_ctx, LAST, LAST)
    assert [r.ettn for r in last] == [month["last_day"]]


def test_csv_is_semicolon_separated_with_bom_and_decimal_comma(
        app_ctx: AppContext, month: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "ekim.csv"
    assert main(["--data-dir", str(app_ctx.data_dir), "export", "--from", "01.10.2026",
                 "--to", "2026-10-31", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode("utf-8").splitlines()
    header = lines[0].split(";")
    assert header[:3] == ["Yön", "Fatura no", "Tarih"] and "Ödenecek tutar" in header
    assert len(lines) == 8
    rows = {c[header.index("ETTN")]: c for c in (line.split(";") for line in lines[1:])}
    usd = rows[month["usd"]]
    assert usd[header.index("Döviz kuru")] == "34,5678"
    assert usd[header.index("Tarih")] == "15.10.2026"
    for ettn, cells in rows.items():
        payable = _dec(_stored(app_ctx, ettn), "cac:LegalMonetaryTotal/cbc:PayableAmount")
        shown = cells[header.index("Ödenecek tutar")]
        assert shown == ae.tr_amount(payable)
        assert Decimal(shown.replace(".", "").replace(",", ".")) == payable
    assert ae.tr_amount(Decimal("1234567.5")) == "1.234.567,50"


def test_never_overwrites_unless_forced(app_ctx: AppContext, month: dict[str, str],
                                        tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ekim.xlsx"
    out.write_bytes(b"previous")
    with pytest.raises(UserError, match="zaten var"):
        ae.export(app_ctx, FIRST, LAST, out)
    args = ["--data-dir", str(app_ctx.data_dir), "export", "--from", "2026-10-01", "--to",
            "2026-10-31", "--out", str(out), "--kind", "sales"]
    assert main(args) == 1
    assert "zaten var" in capsys.readouterr().err and out.read_bytes() == b"previous"
    assert main([*args, "--force"]) == 0
    assert len(_sheet(out, "Faturalar")) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "ekim.xlsx"]  # no temp file


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "31.02.2026", "--to", "2026-10-31"], "takvimde"),
    (["--from", "yarın", "--to", "2026-10-31"], "tarih"),
    (["--from", "2026-10-31", "--to", "2026-10-01"], "önce"),
])
def test_bad_dates_are_refused_in_turkish(app_ctx: AppContext, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          args: list[str], message: str) -> None:
    out = tmp_path / "x.xlsx"
    assert main(["--data-dir", str(app_ctx.data_dir), "export", *args, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and not out.exists()


def test_bad_paths_are_refused_in_turkish(app_ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="klasörü yok"):
        ae.export(app_ctx, FIRST, LAST, tmp_path / "yok" / "a.xlsx")
    with pytest.raises(UserError, match=r"\.xlsx ya da \.csv"):
        ae.export(app_ctx, FIRST, LAST, tmp_path / "a.pdf")
    folder = tmp_path / "klasor.xlsx"
    folder.mkdir()
    with pytest.raises(UserError, match="bir klasör"):
        ae.export(app_ctx, FIRST, LAST, folder)


def test_an_unreadable_document_is_reported(app_ctx: AppContext, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    good = _issue(app_ctx, issue_date="2026-10-05")
    bad = _issue(app_ctx, issue_date="2026-10-06")
    with app_ctx.db.engine.begin() as conn:  # as a damaged archive would hold it
        names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                  "AND tbl_name = 'documents'")).scalars().all()
        for name in names:
            conn.execute(text(f'DROP TRIGGER "{name}"'))
        conn.execute(text("UPDATE documents SET content = :c WHERE invoice_id = "
                          "(SELECT id FROM invoices WHERE ettn = :e)"),
                     {"c": b"<bozuk", "e": bad.ettn})
    out = tmp_path / "a.csv"
    assert main(["--data-dir", str(app_ctx.data_dir), "export", "--from", "2026-10-01",
                 "--to", "2026-10-31", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert bad.number in err and "okunamadı" in err and "Traceback" not in err
    assert good.ettn in out.read_text(encoding="utf-8-sig")
