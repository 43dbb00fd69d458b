"""app.ubl.reader is the one reader of UBL-TR invoices: import (app.ubl.parse) and the
printed view (app.pdf.printable) are views of what it read, checked here against each other
and against plain XPath on GİB's samples."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.pdf.printable import printable
from app.ubl.namespaces import NS
from app.ubl.parse import parsed_invoice
from app.ubl.reader import read_ubl
from app.ubl.stylesheet import embedded_xslt, xslt_document_reference


def _invoices(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.xml")
                  if etree.QName(etree.parse(str(p)).getroot()).localname == "Invoice")


def test_every_gib_sample_reads_the_same_through_both_views(ubl_samples_dir: Path) -> None:
    paths = _invoices(ubl_samples_dir)
    assert len(paths) > 20
    for path in paths:
        data = path.read_bytes()
        ubl = read_ubl(data)
        root = etree.fromstring(data)
        assert ubl.number == root.findtext("cbc:ID", namespaces=NS).strip(), path.name
        assert len(ubl.lines) == len(root.findall("cac:InvoiceLine", NS)), path.name
        imported, printed = parsed_invoice(ubl), printable(ubl)
        assert imported.number == printed.number == ubl.number, path.name
        assert imported.ettn == printed.uuid.upper(), path.name
        assert imported.payable == (printed.payable or Decimal(0)), path.name
        assert imported.supplier.vkn_tckn == printed.supplier.vkn_tckn, path.name
        assert len(imported.lines) == len(printed.lines) == len(ubl.lines), path.name
        assert imported.signed == ubl.signed


def test_what_is_absent_stays_none_and_each_view_decides(ubl_samples_dir: Path) -> None:
    data = (ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes()
    data = data.replace(b"<cac:LegalMonetaryTotal>", b"<cac:Ignored>", 1).replace(
        b"</cac:LegalMonetaryTotal>", b"</cac:Ignored>", 1)
    ubl = read_ubl(data)
    assert ubl.monetary_total is None
    assert printable(ubl).payable is None  # printing shows what is there
    with pytest.raises(UserError, match="LegalMonetaryTotal"):
        parsed_invoice(ubl)  # import needs the totals


def test_one_message_for_a_document_that_is_not_an_invoice() -> None:
    with pytest.raises(UserError, match=r"kök eleman: StandardBusinessDocument"):
        read_ubl(b"<sh:StandardBusinessDocument xmlns:sh='urn:x'/>")


def test_a_number_that_is_not_a_number_is_named(ubl_samples_dir: Path) -> None:
    data = (ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes()
    data = data.replace(b"<cbc:PayableAmount currencyID=\"TRY\">", b"<cbc:PayableAmount "
                        b"currencyID=\"TRY\">1,", 1)
    with pytest.raises(UserError, match="'PayableAmount' alanı sayı değil"):
        read_ubl(data)


def test_the_stylesheet_reference_built_is_the_one_found(ubl_samples_dir: Path) -> None:
    root = etree.fromstring((ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes())
    root.find("cac:Signature", NS).addprevious(
        xslt_document_reference("TZG2026000000042", "2026-11-27", xslt=b"<x/>"))
    found = embedded_xslt(read_ubl(etree.tostring(root)))
    assert found is not None
    assert (found.filename, found.content) == ("TZG2026000000042.xslt", b"<x/>")
