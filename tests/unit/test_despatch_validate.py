"""e-İrsaliye (DespatchAdvice) and irsaliye yanıtı (ReceiptAdvice) checked with GİB's own XSDs
and schematron, on GİB's own samples (no mocks)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from lxml import etree

from app.cli import main
from app.ubl import namespaces as ns
from app.ubl.validate import InvoiceValidator, get_validator

CAC, CBC = ns.CAC, ns.CBC
X = {"desp": ns.DESPATCH_ADVICE, "recp": ns.RECEIPT_ADVICE, "cac": CAC, "cbc": CBC}

# GİB's despatch samples have no cac:Shipment/cac:Delivery/cac:DeliveryAddress, which the
# current schematron (DespatchAddressCheck) requires: four asserts each.
ADDRESS_RULES = ["DespatchAddressCheck"] * 4
# Irsaliye-Ornek1, -Ornek2 and -Matbudan carry two cac:DriverPerson in one ShipmentStage:
# DespatchCarrierDriverCheck calls string() on the drivers' names, a sequence of two, which is
# an XPath 2.0 dynamic error — the rule cannot be evaluated, once per assert on the drivers.
DRIVER_RULES = ["DespatchCarrierDriverCheck"] * 3
EXPECTED_SAMPLES = {
    "IDIS_Irsaliye.xml": [],
    "Irsaliye-Ornek1.xml": ADDRESS_RULES + DRIVER_RULES,
    "Irsaliye-Ornek2.xml": ADDRESS_RULES + DRIVER_RULES,
    "Irsaliye-Matbudan.xml": ADDRESS_RULES + DRIVER_RULES,
    "Irsaliye-Ornek3.xml": ADDRESS_RULES,
}
RECEIPT_SAMPLES = [f"IrsaliyeYaniti-Ornek{i}.xml" for i in range(1, 5)]


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path) -> InvoiceValidator:
    return get_validator(installed_rules_dir)


def _tree(ubl_samples_dir: Path, name: str) -> etree._ElementTree:
    return etree.parse(str(ubl_samples_dir / name))


def _bytes(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("name", sorted(EXPECTED_SAMPLES))
def test_gib_despatch_samples(validator: InvoiceValidator, ubl_samples_dir: Path,
                              name: str) -> None:
    report = validator.validate_any((ubl_samples_dir / name).read_bytes())
    assert report.document == "despatch-advice"
    assert report.by_source("xsd") == []
    assert sorted(p.rule for p in report.problems) == sorted(EXPECTED_SAMPLES[name])
    for p in report.problems:
        assert p.location == "/desp:DespatchAdvice[1]"
    if DRIVER_RULES[0] in {p.rule for p in report.problems}:
        assert all("değerlendirilemedi" in p.message for p in report.problems
                   if p.rule == DRIVER_RULES[0])


@pytest.mark.parametrize("name", RECEIPT_SAMPLES)
def test_gib_receipt_samples_are_valid(validator: InvoiceValidator, ubl_samples_dir: Path,
                                       name: str) -> None:
    data = (ubl_samples_dir / name).read_bytes()
    report = validator.validate_any(data)
    assert report.document == "receipt-advice" and report.ok, report.problems
    assert validator.validate_receipt_advice(data).ok


def test_sample_with_one_driver_and_a_delivery_address_passes(
        validator: InvoiceValidator, ubl_samples_dir: Path) -> None:
    """The reasons above are the only ones: Irsaliye-Ornek1 with its second driver removed
    and IDIS_Irsaliye's delivery address added passes every rule."""
    tree = _tree(ubl_samples_dir, "Irsaliye-Ornek1.xml")
    stage = tree.find("cac:Shipment/cac:ShipmentStage", X)
    drivers = stage.findall("cac:DriverPerson", X)
    assert len(drivers) == 2
    stage.remove(drivers[1])
    address = _tree(ubl_samples_dir, "IDIS_Irsaliye.xml").find(
        "cac:Shipment/cac:Delivery/cac:DeliveryAddress", X)
    tree.find("cac:Shipment/cac:Delivery", X).insert(0, copy.deepcopy(address))
    report = validator.validate_despatch_advice(_bytes(tree))
    assert report.ok, report.problems


def test_broken_despatch_is_refused_with_clear_messages(
        validator: InvoiceValidator, ubl_samples_dir: Path) -> None:
    tree = _tree(ubl_samples_dir, "IDIS_Irsaliye.xml")
    tree.find("cbc:ProfileID", X).text = "TEMELFATURA"
    report = validator.validate_despatch_advice(_bytes(tree))
    assert [p.rule for p in report.problems] == ["ProfileIDTypeDespatchAdvice"]
    assert "Geçersiz cbc:ProfileID elemanı değeri : 'TEMELFATURA'" in report.problems[0].message

    tree = _tree(ubl_samples_dir, "IDIS_Irsaliye.xml")
    for line in tree.findall("cac:DespatchLine", X):
        line.getparent().remove(line)
    report = validator.validate_despatch_advice(_bytes(tree))
    xsd = report.by_source("xsd")
    assert len(xsd) == 1 and "XML şemasına uymuyor" in xsd[0].message
    assert "DespatchLine" in xsd[0].message

    tree = _tree(ubl_samples_dir, "IDIS_Irsaliye.xml")
    tree.find("cbc:DespatchAdviceTypeCode", X).text = "MATBUDAN"  # without the printed document
    for ref in tree.findall("cac:AdditionalDocumentReference", X):
        ref.getparent().remove(ref)
    report = validator.validate_despatch_advice(_bytes(tree))
    assert [p.rule for p in report.problems] == ["DespatchAdviceTypeCodeCheck"]
    assert "'MATBUDAN' iken" in report.problems[0].message

    tree = _tree(ubl_samples_dir, "IDIS_Irsaliye.xml")
    carrier = tree.find("cac:Shipment/cac:Delivery/cac:CarrierParty", X)
    carrier.getparent().remove(carrier)
    report = validator.validate_despatch_advice(_bytes(tree))
    assert [p.rule for p in report.problems] == ["DespatchCarrierDriverCheck"]
    assert "en az birini içermelidir" in report.problems[0].message


def test_receipt_advice_broken_and_wrong_root(validator: InvoiceValidator,
                                              ubl_samples_dir: Path) -> None:
    tree = _tree(ubl_samples_dir, "IrsaliyeYaniti-Ornek1.xml")
    tree.find("cbc:ReceiptAdviceTypeCode", X).text = "MATBUDAN"
    tree.find("cbc:ID", X).text = "KISA1"
    report = validator.validate_receipt_advice(_bytes(tree))
    assert sorted(p.rule for p in report.problems) == [
        "ReceiptAdviceIDCheck", "ReceiptAdviceTypeCodeCheck"]
    assert all(p.location == "/recp:ReceiptAdvice[1]" for p in report.problems)

    despatch = (ubl_samples_dir / "IDIS_Irsaliye.xml").read_bytes()
    wrong = validator.validate_receipt_advice(despatch)
    assert [p.rule for p in wrong.problems] == ["ROOT_ELEMENT"]
    assert "irsaliye yanıtı (ReceiptAdvice) değil" in wrong.problems[0].message
    wrong = validator.validate_despatch_advice(
        (ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes())
    assert [p.rule for p in wrong.problems] == ["ROOT_ELEMENT"]
    assert wrong.document == "despatch-advice"


def test_document_xsd_problems_knows_despatch_and_receipt(
        validator: InvoiceValidator, ubl_samples_dir: Path) -> None:
    for name in ("Irsaliye-Ornek1.xml", "IrsaliyeYaniti-Ornek2.xml"):
        assert validator.document_xsd_problems((ubl_samples_dir / name).read_bytes()) == []


@pytest.fixture
def cli_data_dir(installed_rules_dir: Path, tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    (d / "rules").symlink_to(installed_rules_dir, target_is_directory=True)
    return d


def test_cli_validate_despatch_and_receipt(
        cli_data_dir: Path, ubl_samples_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", str(cli_data_dir)]
    assert main([*d, "validate", str(ubl_samples_dir / "IDIS_Irsaliye.xml")]) == 0
    assert "e-İrsaliye GİB şemasına ve şematronuna uygun" in capsys.readouterr().out

    assert main([*d, "validate", str(ubl_samples_dir / "IrsaliyeYaniti-Ornek1.xml")]) == 0
    assert "İrsaliye yanıtı GİB şemasına ve şematronuna uygun" in capsys.readouterr().out

    assert main([*d, "validate", str(ubl_samples_dir / "Irsaliye-Ornek3.xml")]) == 1
    out = capsys.readouterr().out
    assert "e-İrsaliye GEÇERSİZ — 4 sorun" in out and "[DespatchAddressCheck]" in out
    assert "/desp:DespatchAdvice[1]" in out

    assert main([*d, "validate", "--json", str(ubl_samples_dir / "Irsaliye-Ornek3.xml")]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["document"] == "despatch-advice" and payload["ok"] is False

    credit = tmp_path / "alacak.xml"
    credit.write_bytes(b'<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:'
                       b'CreditNote-2"/>')
    assert main([*d, "validate", str(credit)]) == 2
    assert "desteklenmiyor" in capsys.readouterr().out
