"""YOLCUBERABERFATURA (tax free): the traveller and the intermediary are read with Turkish
messages, the invoice goes to GTB, the XML passes GİB's XSD and schematron, the karekod carries
the guide's ``pasaportno`` and ``aracikurumvkn`` and the PDF prints the passport and the
intermediary."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from app.domain.kinds import traveller
from app.domain.party import Party
from app.pdf import karekod_payload, render_pdf
from app.ubl.build import RenderContext, render_invoice
from app.ubl.validate import get_validator
from tests.conftest import REPO_ROOT
from tests.fixtures.app import COMPANY, CUSTOMER
from tests.unit.test_pdf_support import pdf_text, squash

EXAMPLE = REPO_ROOT / "docs" / "examples" / "invoices" / "YOLCUBERABERFATURA-SATIS.json"
NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
SUPPLIER = Party.from_dict(COMPANY)


def invoice_json(**traveller_values: Any) -> dict[str, Any]:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert data.pop("customer") == {"vkn_tckn": traveller.CUSTOMS_VKN}  # GTB, written by Tezgâh
    data["traveller"].update(traveller_values)
    return data


def refused(data: dict[str, Any]) -> UserError:
    with pytest.raises(UserError) as err:
        InvoiceData.from_json(data)
    return err.value


def xml_of(data: dict[str, Any]) -> bytes:
    inv = InvoiceData.from_json(data)
    return render_invoice(inv, RenderContext(SUPPLIER, "TZG2026000000007", unsigned=True))


def test_without_a_customer_the_invoice_goes_to_gtb_with_its_tax_free_mailbox() -> None:
    inv = InvoiceData.from_json(invoice_json())
    assert inv.customer.vkn_tckn == traveller.CUSTOMS_VKN == "1460415308"
    assert inv.customer.alias == "urn:mail:yolcuberaberpk@gtb.gov.tr"
    block = inv.kinds["traveller"]
    assert block["passport_no"] == "548213976" and block["nationality"] == "GB"
    # written with GTB's VKN (e.g. a saved customer): GTB, with the tax-free mailbox
    data = invoice_json()
    data["customer"] = {"vkn_tckn": "1460415308", "name": "GTB",
                        "address": {"district": "Ulus", "city": "Ankara"},
                        "alias": "urn:mail:defaultpk@gtb.gov.tr"}
    assert InvoiceData.from_json(data).customer.alias == traveller.CUSTOMS_ALIAS


def test_another_customer_is_refused_saying_what_to_do() -> None:
    data = invoice_json()
    data["customer"] = copy.deepcopy(CUSTOMER)
    err = refused(data)
    assert err.field == "customer"
    assert "Gümrük ve Ticaret Bakanlığı" in err.message and "boş bırakın" in err.message


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"passport_no": ""}, "traveller.passport_no", "Pasaport no yazılmalı"),
    ({"nationality": "İngiliz"}, "traveller.nationality", "iki harfli ülke kodu"),
    ({"nationality": "XX"}, "traveller.nationality", "Yolcunun uyruğu 'XX' geçersiz"),
    ({"country": "TR"}, "traveller.country", "Türkiye'de ikamet etmeyen"),
    ({"passport_date": "2026-12-01"}, "traveller.passport_date", "fatura tarihinden sonra"),
    ({"passport_date": "14/03/2022"}, "traveller.passport_date", "bir tarih değil"),
    ({"intermediary_vkn": "1234567891"}, "traveller.intermediary_vkn", "Aracı kurum:"),
    ({"intermediary_vkn": "12345"}, "traveller.intermediary_vkn", "VKN 10, TCKN 11 haneli"),
    ({"intermediary_label": "taxfree firma"}, "traveller.intermediary_label",
     "Aracı kurum etiketi"),
    ({"intermediary_name": ""}, "traveller.intermediary_name", "Aracı kurumun unvanı yazılmalı"),
    ({"city": ""}, "traveller.city", "İkamet şehri yazılmalı"),
    ({"pasaport": "1"}, "traveller.pasaport", "'pasaport' alanı tanınmıyor"),
])
def test_wrong_traveller_values_are_refused_in_turkish(values: dict[str, Any], field: str,
                                                        words: str) -> None:
    err = refused(invoice_json(**values))
    assert err.field == field
    assert words in err.message, err.message


def test_the_block_is_refused_outside_the_scenario() -> None:
    data = invoice_json()
    data["profile"] = "TEMELFATURA"
    data["customer"] = copy.deepcopy(CUSTOMER)
    err = refused(data)
    assert err.field == "traveller" and "kullanılmaz" in err.message


def test_the_xml_passes_gibs_rules_and_carries_traveller_and_intermediary(
        installed_rules_dir: Path) -> None:
    xml = xml_of(invoice_json(district="", street=""))
    report = get_validator(installed_rules_dir).validate(xml)
    assert report.ok, [str(p) for p in report.problems]
    root = etree.fromstring(xml)

    def texts(path: str) -> list[str]:
        return [str(x) for x in root.xpath(path, namespaces=NS)]

    assert texts("cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID/text()") \
        == ["1460415308"]
    party = "cac:BuyerCustomerParty/cac:Party/"
    assert texts(party + "cac:PartyIdentification/cbc:ID[@schemeID='PARTYTYPE']/text()") \
        == ["TAXFREE"]
    assert texts(party + "cac:Person/cbc:NationalityID/text()") == ["GB"]
    assert texts(party + "cac:Person/cac:IdentityDocumentReference/cbc:ID/text()") \
        == ["548213976"]
    assert texts(party + "cac:Person/cac:IdentityDocumentReference/cbc:IssueDate/text()") \
        == ["2022-03-14"]
    # no district written: the city stands for it (the XSD requires CitySubdivisionName)
    assert texts(party + "cac:PostalAddress/cbc:CitySubdivisionName/text()") == ["London"]
    rep = "cac:TaxRepresentativeParty/cac:PartyIdentification/cbc:ID"
    assert texts(rep + "[@schemeID='ARACIKURUMVKN']/text()") == ["3900383669"]
    assert texts(rep + "[@schemeID='ARACIKURUMETIKET']/text()") \
        == ["urn:mail:yolcuberaberpk@ornektaxfree.invalid"]


def test_gib_refuses_the_invoice_without_the_intermediary(installed_rules_dir: Path) -> None:
    """The check above can fail: the same XML without TaxRepresentativeParty breaks GİB's
    TaxRepresentativePartyCheck."""
    root = etree.fromstring(xml_of(invoice_json()))
    rep = root.find("cac:TaxRepresentativeParty", NS)
    assert rep is not None
    root.remove(rep)
    report = get_validator(installed_rules_dir).validate(etree.tostring(root))
    assert not report.ok
    assert any("ARACIKURUMVKN" in str(p) for p in report.problems)


def test_karekod_carries_the_passport_and_the_intermediary_vkn() -> None:
    payload = karekod_payload(xml_of(invoice_json()))
    assert payload["senaryo"] == "YOLCUBERABERFATURA"
    assert payload["avkntckn"] == "1460415308"
    assert payload["pasaportno"] == "548213976"  # Karekod Kılavuzu §2.1.1
    assert payload["aracikurumvkn"] == "3900383669"
    keys = list(payload)
    assert keys.index("pasaportno") < keys.index("aracikurumvkn") < keys.index("senaryo")


def test_pdf_shows_the_traveller_passport_and_intermediary(tmp_path: Path) -> None:
    pdf = tmp_path / "tax-free.pdf"
    pdf.write_bytes(render_pdf(xml_of(invoice_json()), test_mode=True))
    body = squash(pdf_text(pdf, layout=False))
    assert "Alıcı (Yolcu): Emily Carter" in body
    assert "Pasaport No: 548213976" in body
    assert "Aracı Kurum VKN: 3900383669" in body
    assert "Örnek Tax Free İade Hizmetleri A.Ş." in body
    assert "Aracı Kurum Etiketi" in body
    # the long label wraps inside its cell
    assert "urn:mail:yolcuberaberpk@ornektaxfree.invalid" in body.replace(" ", "")
    assert "14.03.2022" in body  # passport issue date
    assert "Birleşik Krallık (GB)" in body  # nationality
