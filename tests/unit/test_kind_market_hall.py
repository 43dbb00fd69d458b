"""Hal Kayıt Sistemi (HKS): every line of an HKS invoice (and of the HKSSATIS / HKSKOMISYONCU
types, in any scenario) carries its 19-digit künye number, refused in Turkish with the line
named when missing or malformed; the issued XML carries it where GİB's rule looks for it
(HKSInvioceCheck: Item/AdditionalItemIdentification/ID schemeID KUNYENO), passes GİB's XSD and
schematron, and the printed invoice shows "Künye No" under each line."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.pdf import render_pdf
from app.ubl.build import RenderContext, render_invoice
from app.ubl.kinds import describe
from app.ubl.validate import get_validator
from tests.conftest import REPO_ROOT
from tests.fixtures.app import COMPANY
from tests.unit.test_pdf_support import pdf_text, sample_bytes

EXAMPLES = REPO_ROOT / "docs" / "examples" / "invoices"
NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
KUNYE_XPATH = "cac:Item/cac:AdditionalItemIdentification/cbc:ID[@schemeID='KUNYENO']/text()"


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def render(data: dict[str, Any]) -> bytes:
    invoice = InvoiceData.from_json(data)
    return render_invoice(invoice, RenderContext(Party.from_dict(COMPANY),
                                                 f"{invoice.series}2026000000001",
                                                 unsigned=True))


def refused(data: dict[str, Any]) -> UserError:
    with pytest.raises(UserError) as caught:
        InvoiceData.from_json(data)
    return caught.value


def test_a_line_without_kunye_is_refused_with_the_line_named() -> None:
    data = example("HKS-SATIS")
    del data["lines"][1]["hks"]
    err = refused(data)
    assert err.field == "lines[1].hks.kunye_no"
    assert "2. kalem" in err.message and "künye numarası yazılmalı" in err.message
    assert "Künye No" in err.message  # says which column to fill


@pytest.mark.parametrize(("kunye", "written"), [
    ("260261120000481730", "18 karakter"),
    ("26026112000048173051", "20 karakter"),
    ("26026112000048173A5", "19 karakter"),
])
def test_a_malformed_kunye_is_refused_with_the_line_named(kunye: str, written: str) -> None:
    data = example("HKS-SATIS")
    data["lines"][2]["hks"]["kunye_no"] = kunye
    err = refused(data)
    assert err.field == "lines[2].hks.kunye_no"
    assert err.message.startswith("3. kalem: Künye No")
    assert "19 rakamdır" in err.message and written in err.message


def test_spaces_typed_inside_the_kunye_are_dropped() -> None:
    data = example("HKS-SATIS")
    data["lines"][0]["hks"]["kunye_no"] = " 2602 6112 0000 4817 305 "
    root = etree.fromstring(render(data))
    first = root.xpath("cac:InvoiceLine", namespaces=NS)[0]
    assert first.xpath(KUNYE_XPATH, namespaces=NS) == ["2602611200004817305"]


@pytest.mark.parametrize("pair", ["TEMELFATURA-HKSSATIS", "EARSIVFATURA-HKSKOMISYONCU",
                                  "KAMU-HKSSATIS"])
def test_the_hks_types_need_the_kunye_in_every_scenario(pair: str) -> None:
    data = example(pair)
    del data["lines"][0]["hks"]
    err = refused(data)
    assert err.field == "lines[0].hks.kunye_no" and "1. kalem" in err.message


def test_a_kunye_outside_hks_is_refused() -> None:
    data = example("TEMELFATURA-SATIS")
    data["lines"][0]["hks"] = {"kunye_no": "2602611200004817305"}
    err = refused(data)
    assert "kullanılmaz" in err.message and "1. kalem" in err.message


def test_the_owner_of_the_goods_needs_both_number_and_name() -> None:
    data = example("HKS-SATIS")
    del data["lines"][0]["hks"]["owner_name"]
    err = refused(data)
    assert err.field == "lines[0].hks.owner_name" and "adı/unvanı yok" in err.message
    data = example("HKS-SATIS")
    data["lines"][1]["hks"]["owner_id"] = "28461903723"  # check digits wrong
    err = refused(data)
    assert err.field == "lines[1].hks.owner_id"
    assert err.message.startswith("2. kalem: Mal sahibi:") and "T.C. kimlik" in err.message


@pytest.mark.parametrize("pair", ["HKS-SATIS", "HKS-HKSKOMISYONCU", "EARSIVFATURA-HKSSATIS",
                                  "TICARIFATURA-HKSKOMISYONCU"])
def test_issued_xml_carries_each_kunye_and_passes_gib_rules(pair: str,
                                                            installed_rules_dir: Path) -> None:
    data = example(pair)
    xml = render(data)
    report = get_validator(installed_rules_dir).validate(
        xml, earchive=data["profile"] == "EARSIVFATURA")
    assert report.ok, [str(p) for p in report.problems]
    root = etree.fromstring(xml)
    got = [il.xpath(KUNYE_XPATH, namespaces=NS) for il in root.xpath("cac:InvoiceLine",
                                                                     namespaces=NS)]
    assert got == [[ln["hks"]["kunye_no"]] for ln in data["lines"]]


def test_gib_refuses_the_same_invoice_without_a_kunye(installed_rules_dir: Path) -> None:
    """Tezgâh's check mirrors GİB's: the XML without the künye of one line fails
    HKSInvioceCheck."""
    root = etree.fromstring(render(example("HKS-SATIS")))
    ident = root.xpath("cac:InvoiceLine[2]/cac:Item/cac:AdditionalItemIdentification"
                       "[cbc:ID/@schemeID='KUNYENO']", namespaces=NS)[0]
    ident.getparent().remove(ident)
    report = get_validator(installed_rules_dir).validate(etree.tostring(root), earchive=False)
    assert [p.rule for p in report.problems] == ["HKSInvioceCheck"]


def test_the_printed_invoice_shows_kunye_no_per_line(tmp_path: Path) -> None:
    data = example("HKS-SATIS")
    pdf = tmp_path / "hks.pdf"
    pdf.write_bytes(render_pdf(render(data)))
    text = pdf_text(pdf, layout=False)
    for line in data["lines"]:
        assert f"Künye No: {line['hks']['kunye_no']}" in text
    assert "Mal Sahibi: Mehmet Yılmaz" in text and "Mal Sahibi VKN/TCKN: 28461903722" in text


def test_describe_reads_gib_sample_and_tolerates_others(ubl_samples_dir: Path) -> None:
    root = etree.fromstring(sample_bytes(ubl_samples_dir, "HKS-Ornek1.xml"))
    hks = [d for d in describe(root) if d.title == "Hal Kayıt Sistemi (HKS)"]
    assert hks and hks[0].lines == ((("Künye No", "1231231231231231123"),
                                     ("Mal Sahibi", "Mal Sahibi"),
                                     ("Mal Sahibi VKN/TCKN", "12312312312")),)
    plain = etree.fromstring(sample_bytes(ubl_samples_dir, "temel"))
    assert not [d for d in describe(plain) if d.title == "Hal Kayıt Sistemi (HKS)"]
    hostile = copy.deepcopy(root)
    for el in hostile.xpath("//cbc:ID[@schemeID='KUNYENO']", namespaces=NS):
        el.attrib.pop("schemeID")
        el.text = None
    rows = next(d for d in describe(hostile) if d.title == "Hal Kayıt Sistemi (HKS)").lines[0]
    assert [label for label, _v in rows] == ["Mal Sahibi", "Mal Sahibi VKN/TCKN"]
