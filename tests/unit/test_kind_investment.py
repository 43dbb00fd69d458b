"""Yatırım teşvik (YATIRIMTESVIK and the e-Arşiv YTB types): the 6-digit certificate goes
into ContractDocumentReference (schemeID YTBNO), every line its harcama tipi, machinery lines
their name, sıra no and ID; İSTİSNA computes the KDV without adding it (-1) under 308/339;
wrong input is refused in Turkish naming the field; every pair passes GİB's XSD and
schematron; the PDF prints the certificate and the harcama tipi; GİB's samples are read."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.domain.totals import invoice_totals
from app.pdf import render_pdf
from app.ubl.build import RenderContext, render_invoice
from app.ubl.kinds import describe
from app.ubl.validate import get_validator
from tests.fixtures.app import COMPANY
from tests.unit.test_pdf_support import pdf_text, squash

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
SUPPLIER = Party.from_dict(COMPANY)
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "invoices"
PAIRS = [("YATIRIMTESVIK", t) for t in ("SATIS", "IADE", "TEVKIFAT", "TEVKIFATIADE", "ISTISNA")] + [
    ("EARSIVFATURA", t) for t in ("YTBSATIS", "YTBIADE", "YTBISTISNA", "YTBTEVKIFAT",
                                  "YTBTEVKIFATIADE")]
MACHINE = {"item_class": "01", "model_name": "Kutu katlama makinesi KKM-900",
           "trace_id": "2026-0417", "serial": "KKM900-55812"}


def _example(profile: str, type_code: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{profile}-{type_code}.json").read_text(encoding="utf-8"))


def _base(type_code: str = "SATIS", profile: str = "YATIRIMTESVIK") -> dict[str, Any]:
    data = copy.deepcopy(_example("YATIRIMTESVIK", "SATIS"))
    data.update(profile=profile, type=type_code)
    data["lines"] = [
        {"name": "Karton kutu katlama makinesi", "quantity": "1", "unit_price": "1850000.00",
         "kdv_rate": "20", "investment": dict(MACHINE)},
        {"name": "Çelik konstrüksiyon montajı", "quantity": "1", "unit_price": "620000.00",
         "kdv_rate": "20", "investment": {"item_class": "02"}},
    ]
    data.pop("notes", None)
    return data


def _xml(data: dict[str, Any]) -> bytes:
    invoice = InvoiceData.from_json(data)
    return render_invoice(invoice, RenderContext(SUPPLIER, "YTS2026000000001", unsigned=True))


def _refused(data: dict[str, Any]) -> UserError:
    with pytest.raises(UserError) as caught:
        InvoiceData.from_json(data)
    return caught.value


def test_certificate_and_line_values_are_kept() -> None:
    inv = InvoiceData.from_json(_base())
    assert inv.kinds["investment"]["ytb_no"] == "204518"
    assert inv.kinds["investment"]["ytb_date"].isoformat() == "2025-03-14"
    assert inv.lines[0].kinds["investment"]["item_class"] == "01"
    assert inv.lines[0].kinds["investment"]["serial"] == "KKM900-55812"
    assert inv.lines[1].kinds["investment"]["item_class"] == "02"


@pytest.mark.parametrize("number", ["12345", "1234567", "12A456", ""])
def test_bad_or_missing_certificate_number_is_refused(number: str) -> None:
    data = _base()
    data["investment"]["ytb_no"] = number
    err = _refused(data)
    assert err.field == "investment.ytb_no"
    assert ("6 haneli" in str(err)) or ("yazılmalı" in str(err))


def test_missing_certificate_date_is_refused() -> None:
    data = _base()
    del data["investment"]["ytb_date"]
    err = _refused(data)
    assert err.field == "investment.ytb_date" and "tarihi yazılmalı" in str(err)


def test_line_without_harcama_tipi_is_refused_naming_the_line() -> None:
    data = _base()
    del data["lines"][1]["investment"]
    err = _refused(data)
    assert err.field == "lines[1].investment.item_class"
    assert str(err).startswith("2. kalem") and "Harcama tipi yazılmalı" in str(err)


def test_unknown_harcama_tipi_is_refused_with_gibs_list() -> None:
    data = _base()
    data["lines"][1]["investment"] = {"item_class": "05"}
    err = _refused(data)
    assert err.field == "lines[1].investment.item_class"
    assert "01 (Makine" in str(err) and "04 (Diğer" in str(err)


@pytest.mark.parametrize(("key", "words"), [("model_name", "makine adı"),
                                            ("trace_id", "sıra no"), ("serial", "makine ID")])
def test_machinery_line_needs_name_order_number_and_id(key: str, words: str) -> None:
    data = _base()
    del data["lines"][0]["investment"][key]
    err = _refused(data)
    assert err.field == f"lines[0].investment.{key}"
    assert str(err).startswith("1. kalem") and words in str(err) and "01" in str(err)


@pytest.mark.parametrize(("profile", "type_code"), [("YATIRIMTESVIK", "SATIS"),
                                                    ("EARSIVFATURA", "YTBSATIS"),
                                                    ("EARSIVFATURA", "YTBTEVKIFAT")])
def test_zero_kdv_is_refused_outside_the_returns(profile: str, type_code: str) -> None:
    data = _base(type_code, profile)
    data["lines"][1]["kdv_rate"] = "0"
    if "TEVKIFAT" in type_code:
        data["lines"][0].update(withholding_code="603", withholding_rate="70")
    err = _refused(data)
    assert err.field == "lines[1].kdv_rate"
    assert "KDV oranı ve tutarı sıfırdan büyük" in str(err)


def test_return_keeps_the_kdv_of_harcama_tipi_03_and_04() -> None:
    data = _base("IADE")
    data["return_of"] = {"number": "YTS2026000000087", "date": "2026-11-02"}
    data["lines"][1].update(kdv_rate="0", investment={"item_class": "04"})
    err = _refused(data)
    assert err.field == "lines[1].kdv_rate" and "harcama tipi 04" in str(err)
    data["lines"][1]["investment"] = {"item_class": "02"}  # 01/02 may be returned at 0 %
    assert InvoiceData.from_json(data).lines[1].exemption_code == "351"


def test_demirbas_kdv_is_refused() -> None:
    data = _base("YTBSATIS", "EARSIVFATURA")
    data["lines"][0]["exemption_code"] = "555"
    err = _refused(data)
    assert err.field == "lines[0].exemption_code" and "555" in str(err)


@pytest.mark.parametrize(("profile", "type_code"), [("YATIRIMTESVIK", "ISTISNA"),
                                                    ("EARSIVFATURA", "YTBISTISNA")])
def test_exempt_lines_compute_kdv_without_adding_it(profile: str, type_code: str) -> None:
    inv = InvoiceData.from_json(_base(type_code, profile))
    assert [ln.exemption_code for ln in inv.lines] == ["308", "339"]
    totals = invoice_totals(inv)
    assert totals.tax_total == 0
    assert totals.payable == totals.tax_exclusive == Decimal("2470000.00")
    assert [p.amount for p in totals.tax_subtotals] == [Decimal("370000.00"),
                                                        Decimal("124000.00")]


def test_exempt_line_of_harcama_tipi_03_is_refused() -> None:
    data = _base("ISTISNA")
    data["lines"][1]["investment"] = {"item_class": "03"}
    data["lines"][1]["exemption_code"] = "308"
    err = _refused(data)
    assert err.field == "lines[1].investment.item_class" and "01" in str(err) and "02" in str(err)


def test_exempt_code_must_match_the_harcama_tipi() -> None:
    data = _base("ISTISNA")
    data["lines"][1]["exemption_code"] = "308"  # 02 (inşaat) takes 339
    err = _refused(data)
    assert err.field == "lines[1].exemption_code" and "339" in str(err)
    data["lines"][1]["exemption_code"] = "325"
    err = _refused(data)
    assert err.field == "lines[1].exemption_code" and "308" in str(err) and "339" in str(err)


def test_investment_block_outside_its_scenarios_is_refused() -> None:
    data = _base("YTBSATIS", "TEMELFATURA")
    err = _refused(data)
    assert err.field == "lines[0].investment" and "kullanılmaz" in str(err)
    for line in data["lines"]:
        del line["investment"]
    err = _refused(data)
    assert err.field == "investment" and "kullanılmaz" in str(err)
    del data["investment"]
    assert InvoiceData.from_json(data).type.value == "YTBSATIS"  # read as SATIS


def test_xml_carries_the_certificate_and_the_line_data() -> None:
    root = etree.fromstring(_xml(_base("YTBISTISNA", "EARSIVFATURA")))
    assert root.xpath("cac:ContractDocumentReference/cbc:ID[@schemeID='YTBNO']/text()",
                      namespaces=NS) == ["204518"]
    assert root.xpath("cac:ContractDocumentReference/cbc:IssueDate/text()",
                      namespaces=NS) == ["2025-03-14"]
    item = "cac:InvoiceLine[1]/cac:Item/"
    assert root.xpath(item + "cbc:ModelName/text()", namespaces=NS) == [MACHINE["model_name"]]
    assert root.xpath(item + "cac:ItemInstance/cbc:ProductTraceID/text()",
                      namespaces=NS) == ["2026-0417"]
    assert root.xpath(item + "cac:ItemInstance/cbc:SerialID/text()",
                      namespaces=NS) == ["KKM900-55812"]
    assert root.xpath("cac:InvoiceLine/cac:Item/cac:CommodityClassification/"
                      "cbc:ItemClassificationCode/text()", namespaces=NS) == ["01", "02"]
    assert root.xpath("cac:TaxTotal/cbc:TaxAmount/text()", namespaces=NS) == ["0.00"]
    assert root.xpath("cac:TaxTotal/cac:TaxSubtotal/cbc:CalculationSequenceNumeric/text()",
                      namespaces=NS) == ["-1", "-1"]
    assert root.xpath("cac:LegalMonetaryTotal/cbc:PayableAmount/text()",
                      namespaces=NS) == ["2470000.00"]


@pytest.mark.parametrize(("profile", "type_code"), PAIRS, ids=[f"{p}-{t}" for p, t in PAIRS])
def test_every_pair_passes_gib_rules(profile: str, type_code: str,
                                     installed_rules_dir: Path) -> None:
    xml = _xml(_example(profile, type_code))
    report = get_validator(installed_rules_dir).validate(xml, earchive=profile == "EARSIVFATURA")
    assert report.ok, [str(p) for p in report.problems]


def test_gib_refuses_the_same_invoice_without_our_additions(installed_rules_dir: Path) -> None:
    validator = get_validator(installed_rules_dir)
    xml = _xml(_base("YTBISTISNA", "EARSIVFATURA"))
    for path, rule in (("cac:ContractDocumentReference", "6 Haneli Yatırım Teşvik"),
                       ("cac:InvoiceLine[1]/cac:Item/cac:ItemInstance", "Makine Adı"),
                       ("cac:InvoiceLine/cac:Item/cac:CommodityClassification", "Harcama Tipi"),
                       ("//cbc:CalculationSequenceNumeric", "-1")):
        broken = etree.fromstring(xml)
        for el in broken.xpath(path, namespaces=NS):
            el.getparent().remove(el)
        report = validator.validate(etree.tostring(broken), earchive=True)
        assert any(rule in str(p) for p in report.problems), (path, [str(p) for p in
                                                                     report.problems])


def test_pdf_shows_the_certificate_and_the_harcama_tipi(tmp_path: Path) -> None:
    pdf = tmp_path / "ytb.pdf"
    pdf.write_bytes(render_pdf(_xml(_base("ISTISNA"))))
    text = squash(pdf_text(pdf, layout=False))
    assert "204518" in text
    assert "Harcama tipi" in text and "Makine ve teçhizat" in text and "İnşaat işlerine" in text
    assert "KKM900-55812" in text


def test_gib_samples_are_described(ubl_samples_dir: Path) -> None:
    # the unpacked names' Turkish letters depend on the archive's encoding: found by pattern
    samples = [*ubl_samples_dir.glob("YTB_Istisna_EAr*.xml"),
               *ubl_samples_dir.glob("YTB_Sat*_Efatura.xml")]
    assert len(samples) == 2
    for name in samples:
        root = etree.parse(str(name)).getroot()
        details = [d for d in describe(root) if d.title == "Yatırım teşvik"]
        assert len(details) == 1, name
        assert ("Yatırım teşvik belgesi no", "123456") in details[0].rows
        assert details[0].lines[0][0][0] == "Harcama tipi"
        assert ("Makine ID", "412578") in details[0].lines[0]


def test_an_invoice_without_a_certificate_describes_nothing(ubl_samples_dir: Path) -> None:
    root = etree.parse(str(ubl_samples_dir / "TemelFaturaOrnegi.xml")).getroot()
    assert not [d for d in describe(root) if d.title == "Yatırım teşvik"]
