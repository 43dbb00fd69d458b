"""Electric vehicle charging (ENERJI scenario, SARJ and SARJANLIK types): the charging period,
the vehicle (PLAKA, ARACKIMLIKNO on the buyer), the charging unit's report (ESURaporID) and
serial (ItemInstance) are read, checked in Turkish and written where GİB's samples write them;
ENERJI takes only these types (InvoiceTypeCodeCheck) and an e-Arşiv invoice may be SARJ too;
the built invoices pass GİB's XSD and schematron (e-Arşiv rules for EARSIVFATURA); the PDF
shows the period, the plate and the serial; GİB's samples are described."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain import codes
from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.pdf import render_pdf
from app.ubl.build import RenderContext, render_invoice
from app.ubl.kinds import describe
from app.ubl.validate import get_validator
from tests.fixtures.app import COMPANY
from tests.unit.test_pdf_support import pdf_text, squash

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
SUPPLIER = Party.from_dict(COMPANY)
BUYER_IDS = "cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID"

BASE: dict[str, Any] = {
    "profile": "ENERJI",
    "type": "SARJ",
    "series": "SRJ",
    "issue_date": "2026-11-20",
    "customer": {
        "vkn_tckn": "6190273548", "name": "Yeşil Yol Filo Kiralama A.Ş.",
        "tax_office": "Kavaklıdere",
        "address": {"street": "Tunus Caddesi", "building_no": "31", "district": "Çankaya",
                    "city": "Ankara", "postal_code": "06680", "country": "TR"},
        "alias": "urn:mail:defaultpk@yesilyolfilo.invalid",
    },
    "charging": {"start_date": "09.11.2026", "start_time": "0:00", "end_date": "2026-11-15",
                 "end_time": "23.59", "plate": "06 yyf-706", "vehicle_id": "452325",
                 "report_id": "B0E502A8-122C-4061-BE02-8133A5788177"},
    "lines": [
        {"name": "AC şarj (22 kW)", "quantity": "148.35", "unit": "KWH",
         "unit_price": "8.45", "kdv_rate": "20", "charging": {"serial": "AC22-1045"}},
        {"name": "DC hızlı şarj (120 kW)", "quantity": "212.8", "unit": "KWH",
         "unit_price": "11.90", "kdv_rate": "20"},
    ],
}
EARCHIVE_BUYER = {"vkn_tckn": "11111111111", "first_name": "Nihai", "family_name": "Tüketici",
                  "address": {"district": "Beşiktaş", "city": "İstanbul", "country": "TR"}}


def _data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if key == "charging":
            data["charging"].update(value)
        else:
            data[key] = value
    return data


def _xml(data: dict[str, Any]) -> bytes:
    invoice = InvoiceData.from_json(data)
    return render_invoice(invoice, RenderContext(SUPPLIER, "SRJ2026000000001", unsigned=True))


def _refused(data: dict[str, Any]) -> UserError:
    with pytest.raises(UserError) as caught:
        InvoiceData.from_json(data)
    return caught.value


def test_values_are_normalised_and_kept() -> None:
    inv = InvoiceData.from_json(_data())
    block = inv.kinds["charging"]
    assert block["start_date"].isoformat() == "2026-11-09"
    assert (block["start_time"], block["end_time"]) == ("00:00:00", "23:59:00")
    assert block["plate"] == "06YYF706"
    assert inv.lines[0].kinds["charging"] == {"serial": "AC22-1045"}
    assert inv.lines[1].kinds["charging"] == {"serial": ""}


def test_allowed_types_follow_gib_pair_rule() -> None:
    assert codes.ALLOWED_TYPES[codes.Profile.ENERJI] == (codes.InvoiceType.SARJ,
                                                         codes.InvoiceType.SARJANLIK)
    earchive = codes.ALLOWED_TYPES[codes.Profile.EARSIVFATURA]
    assert codes.InvoiceType.SARJ in earchive and codes.InvoiceType.SARJANLIK in earchive
    for profile in (codes.Profile.TEMELFATURA, codes.Profile.TICARIFATURA, codes.Profile.KAMU):
        assert codes.InvoiceType.SARJ not in codes.ALLOWED_TYPES[profile]


def test_other_type_in_enerji_and_sarj_in_temelfatura_are_refused() -> None:
    data = _data(type="SATIS")
    del data["charging"]
    for line in data["lines"]:
        line.pop("charging", None)
    err = _refused(data)
    assert "ENERJI senaryosunda" in str(err) and "SARJ veya SARJANLIK" in str(err)
    err = _refused(_data(profile="TEMELFATURA"))
    assert "ENERJI seçin" in str(err)


def test_missing_period_is_refused() -> None:
    data = _data()
    del data["charging"]
    err = _refused(data)
    assert err.field == "charging.start_date"
    assert "Şarj başlangıç tarihi yazılmalı" in str(err)
    data = _data()
    del data["charging"]["end_date"]
    err = _refused(data)
    assert err.field == "charging.end_date" and "Şarj bitiş tarihi yazılmalı" in str(err)


def test_end_before_start_is_refused() -> None:
    err = _refused(_data(charging={"end_date": "2026-11-08"}))
    assert err.field == "charging.end_date" and "önce olamaz" in str(err)
    err = _refused(_data(charging={"start_date": "2026-11-15", "start_time": "20:00",
                                   "end_time": "19:00"}))
    assert err.field == "charging.end_date"


@pytest.mark.parametrize("value", ["25:00", "12:60", "saat 8", "8"])
def test_bad_time_is_refused(value: str) -> None:
    err = _refused(_data(charging={"start_time": value}))
    assert err.field == "charging.start_time"
    assert "bir saat değil" in str(err) and "SS:DD" in str(err)


@pytest.mark.parametrize("plate", ["06 ABÇ 12", "0", "06/ABC/12"])
def test_bad_plate_is_refused(plate: str) -> None:
    err = _refused(_data(charging={"plate": plate}))
    assert err.field == "charging.plate" and "geçerli bir plaka değil" in str(err)


def test_bad_serial_is_refused_naming_the_line() -> None:
    data = _data()
    data["lines"][1]["charging"] = {"serial": "DC 120"}
    err = _refused(data)
    assert err.field == "lines[1].charging.serial" and str(err).startswith("2. kalem")


def test_unknown_key_and_block_outside_charging_are_refused() -> None:
    err = _refused(_data(charging={"kwh": "12"}))
    assert err.field == "charging.kwh" and "tanınmıyor" in str(err)
    data = _data(profile="TEMELFATURA", type="SATIS")
    for line in data["lines"]:
        line.pop("charging", None)
    err = _refused(data)
    assert err.field == "charging" and "kullanılmaz" in str(err)


def test_xml_carries_what_gib_samples_carry_and_passes_gib_rules(
        installed_rules_dir: Path) -> None:
    root = etree.fromstring(_xml(_data()))
    period = root.find("cac:InvoicePeriod", NS)
    assert [(etree.QName(el).localname, el.text) for el in period] == [
        ("StartDate", "2026-11-09"), ("StartTime", "00:00:00"),
        ("EndDate", "2026-11-15"), ("EndTime", "23:59:00")]
    assert root.xpath(f"{BUYER_IDS}[@schemeID='PLAKA']/text()", namespaces=NS) == ["06YYF706"]
    assert root.xpath(f"{BUYER_IDS}[@schemeID='ARACKIMLIKNO']/text()",
                      namespaces=NS) == ["452325"]
    assert root.xpath(f"{BUYER_IDS}[@schemeID='VKN']/text()", namespaces=NS) == ["6190273548"]
    ref = root.xpath("cac:AdditionalDocumentReference[cbc:ID/@schemeID='ESURaporID']",
                     namespaces=NS)
    assert len(ref) == 1 and ref[0].findtext("cbc:IssueDate", namespaces=NS) == "2026-11-09"
    assert [il.xpath("cac:Item/cac:ItemInstance/cbc:SerialID/text()", namespaces=NS)
            for il in root.findall("cac:InvoiceLine", NS)] == [["AC22-1045"], []]
    report = get_validator(installed_rules_dir).validate(etree.tostring(root))
    assert report.ok, [str(p) for p in report.problems]


@pytest.mark.parametrize(("profile", "inv_type"), [("ENERJI", "SARJANLIK"),
                                                   ("EARSIVFATURA", "SARJ"),
                                                   ("EARSIVFATURA", "SARJANLIK")])
def test_each_charging_pair_passes_gib_rules(profile: str, inv_type: str,
                                             installed_rules_dir: Path) -> None:
    data = _data(profile=profile, type=inv_type)
    if profile == "EARSIVFATURA":
        data["customer"] = copy.deepcopy(EARCHIVE_BUYER)
    xml = _xml(data)
    report = get_validator(installed_rules_dir).validate(
        xml, earchive=profile == "EARSIVFATURA")
    assert report.ok, [str(p) for p in report.problems]
    root = etree.fromstring(xml)
    assert root.findtext("cbc:InvoiceTypeCode", namespaces=NS) == inv_type


def test_only_the_period_is_enough(installed_rules_dir: Path) -> None:
    data = _data()
    data["charging"] = {"start_date": "2026-11-19", "end_date": "2026-11-19"}
    for line in data["lines"]:
        line.pop("charging", None)
    root = etree.fromstring(_xml(data))
    assert not root.xpath(f"{BUYER_IDS}[@schemeID='PLAKA']", namespaces=NS)
    assert not root.xpath("//cac:ItemInstance", namespaces=NS)
    assert root.xpath("cac:InvoicePeriod/cbc:StartTime", namespaces=NS) == []
    report = get_validator(installed_rules_dir).validate(etree.tostring(root))
    assert report.ok, [str(p) for p in report.problems]


def test_gib_refuses_enerji_with_another_type(installed_rules_dir: Path) -> None:
    """The pair rule Tezgâh applies is GİB's: the same invoice as SATIS fails GİB's rules."""
    root = etree.fromstring(_xml(_data()))
    root.find("cbc:InvoiceTypeCode", NS).text = "SATIS"
    report = get_validator(installed_rules_dir).validate(etree.tostring(root))
    assert not report.ok
    assert any("SARJ veya SARJANLIK" in str(p) for p in report.problems)


def test_pdf_shows_period_plate_report_and_serial(tmp_path: Path) -> None:
    pdf = tmp_path / "sarj.pdf"
    pdf.write_bytes(render_pdf(_xml(_data())))
    text = squash(pdf_text(pdf, layout=False))
    assert "Şarj Dönemi" in text and "09.11.2026 00:00 / 15.11.2026 23:59" in text
    assert "PLAKA: 06YYF706" in text and "ARACKIMLIKNO: 452325" in text
    assert "B0E502A8-122C-4061-BE02-8133A5788177" in text.replace(" ", "")  # wrapped cell
    assert "Şarj Ünitesi Seri No: AC22-1045" in text


def test_gib_samples_are_described(ubl_samples_dir: Path) -> None:
    root = etree.parse(str(ubl_samples_dir / "SARJ.xml")).getroot()
    (details,) = [d for d in describe(root) if d.title == "Elektrikli Araç Şarjı"]
    assert ("Şarj Dönemi", "21.11.2023 00:00 / 27.11.2023 23:59") in details.rows
    assert ("Şarj Ünitesi Rapor No", "B0E502A8-122C-4061-BE02-8133A5788177") in details.rows
    root = etree.parse(str(ubl_samples_dir / "SARJANLIK.xml")).getroot()
    (details,) = [d for d in describe(root) if d.title == "Elektrikli Araç Şarjı"]
    assert details.lines == ((("Şarj Ünitesi Seri No", "45225"),),)


def test_other_invoices_describe_no_charging(ubl_samples_dir: Path) -> None:
    root = etree.parse(str(ubl_samples_dir / "TemelFaturaOrnegi.xml")).getroot()
    assert not [d for d in describe(root) if d.title == "Elektrikli Araç Şarjı"]
