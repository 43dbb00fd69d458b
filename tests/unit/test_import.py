"""Reading UBL-TR invoices: GİB's samples, Tezgâh's own, and hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import text

from app.context import AppContext
from app.domain.errors import UserError
from app.domain.totals import invoice_totals
from app.ubl.build import RenderContext, render_invoice
from app.ubl.parse import parse_invoice, to_invoice_data
from app.ubl.validate import get_validator
from app.usecases.importing import import_invoice_xml
from app.usecases.invoices import create_draft, invoice_xml, issue_invoice
from tests.fixtures.app import invoice_json, make_context

INVOICE_TAG = "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"


def _samples(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.xml"))


def _count(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return s.execute(text("SELECT count(*) FROM invoices")).scalar_one()


def test_every_gib_sample_invoice_imports(app_ctx: AppContext, ubl_samples_dir: Path) -> None:
    imported = refused = 0
    for path in _samples(ubl_samples_dir):
        data = path.read_bytes()
        if etree.fromstring(data).tag == INVOICE_TAG:
            result = import_invoice_xml(app_ctx, data)
            assert result["ettn"] and result["number"], path.name
            if not result["ettn_clash"]:  # GİB's samples reuse some ETTNs
                assert invoice_xml(app_ctx, result["ettn"]) == data  # archived byte for byte
            imported += 1
        else:
            with pytest.raises(UserError, match="fatura değil"):
                import_invoice_xml(app_ctx, data)
            refused += 1
    assert imported >= 25 and refused >= 10
    assert _count(app_ctx) == imported


def test_samples_gib_accepts_are_still_accepted_when_rendered_by_tezgah(
        ubl_samples_dir: Path, installed_rules_dir: Path) -> None:
    validator = get_validator(installed_rules_dir)
    checked = []
    for path in _samples(ubl_samples_dir):
        data = path.read_bytes()
        try:
            parsed = parse_invoice(data)
            model = to_invoice_data(parsed)
        except UserError:
            continue  # not an invoice, or a profile Tezgâh does not issue
        if not validator.validate(data).ok:
            continue  # GİB's sample is older than GİB's current rules
        xml = render_invoice(model, RenderContext(parsed.supplier, parsed.number, unsigned=True))
        report = validator.validate(xml)
        assert report.ok, (path.name, [str(p) for p in report.problems])
        checked.append(path.name)
    assert "TicariFaturaOrnegi.xml" in checked


def test_consistent_sample_keeps_its_totals(ubl_samples_dir: Path) -> None:
    parsed = parse_invoice((ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes())
    totals = invoice_totals(to_invoice_data(parsed))
    assert (totals.tax_exclusive, totals.tax_inclusive, totals.payable) == (
        parsed.tax_exclusive, parsed.tax_inclusive, parsed.payable)


def test_own_invoices_round_trip_with_identical_totals(
        app_ctx: AppContext, tmp_path: Path, installed_rules_dir: Path) -> None:
    other = make_context(tmp_path / "receiver", installed_rules_dir, company=False)
    for data in (invoice_json(),
                 invoice_json(type="TEVKIFAT", lines=[
                     {"name": "Temizlik hizmeti", "quantity": "1", "unit": "HUR",
                      "unit_price": "1000", "kdv_rate": "20", "withholding_code": "612"}]),
                 invoice_json(currency="EUR", exchange_rate="36.1234")):
        ettn = create_draft(app_ctx, data)
        issue_invoice(app_ctx, ettn, sign=None)
        xml = invoice_xml(app_ctx, ettn)
        parsed = parse_invoice(xml)
        model = to_invoice_data(parsed)
        totals = invoice_totals(model)
        assert (totals.payable, totals.tax_total, totals.withholding_total) == (
            parsed.payable, parsed.tax_total, parsed.withholding_total)
        again = render_invoice(model, RenderContext(parsed.supplier, parsed.number, unsigned=True))
        assert parse_invoice(again).payable == parsed.payable
        import_invoice_xml(other, xml)
    assert _count(other) == 3


def test_importing_twice_is_refused_and_nothing_duplicates(
        app_ctx: AppContext, ubl_samples_dir: Path) -> None:
    data = (ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes()
    import_invoice_xml(app_ctx, data)
    with pytest.raises(UserError, match="zaten kayıtlı"):
        import_invoice_xml(app_ctx, data)
    assert _count(app_ctx) == 1


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&x;</Invoice>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&d;&d;&d;</Invoice>"""


@pytest.mark.parametrize(("data", "message"), [
    (XXE, "DOCTYPE"),
    (LAUGHS, "DOCTYPE"),
    (b"%PDF-1.7 not xml", "geçerli bir XML"),
    (b"", "boş"),
    (b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>", "numara"),
    (b"<a><b></a>", "geçerli bir XML"),
])
def test_hostile_or_broken_files_are_refused_clearly(
        app_ctx: AppContext, data: bytes, message: str) -> None:
    with pytest.raises(UserError, match=message):
        import_invoice_xml(app_ctx, data)
    assert _count(app_ctx) == 0


def test_oversized_files_are_refused(app_ctx: AppContext) -> None:
    from app import xmlsafe

    with pytest.raises(UserError, match="çok büyük"):
        xmlsafe.parse_bytes(b"<a>" + b" " * 200 + b"</a>", max_bytes=100)
