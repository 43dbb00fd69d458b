"""The despatch JSON (docs/despatch-json.md): every mistake is refused in Turkish naming the
field; what is accepted reads back equal; a despatch prefilled from an invoice draft."""

from __future__ import annotations

import copy
import json
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.domain.despatch import DespatchData, DespatchProfile, DespatchType
from app.domain.despatch_json import despatch_to_json, from_invoice_json
from app.domain.errors import UserError
from app.domain.invoice import InvoiceData

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch"


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def test_the_basic_example_reads_every_field() -> None:
    d = DespatchData.from_json(example("TEMELIRSALIYE-SEVK"))
    assert (d.profile, d.type, d.series) == (DespatchProfile.TEMELIRSALIYE, DespatchType.SEVK,
                                            "IRS")
    assert (d.issue_date, d.issue_time) == (date(2026, 11, 20), time(8, 45))
    assert (d.despatch_date, d.despatch_time) == (date(2026, 11, 20), time(9, 30))
    assert d.customer.name == "Çağlayan Şişecilik Ürünleri Ltd. Şti."
    assert d.delivery_address.district == "Tuzla" and d.delivery_address.postal_code == "34956"
    assert d.despatch_address is not None and d.despatch_address.city == "İstanbul"
    assert d.carrier is not None and d.carrier.scheme == "VKN"
    assert d.driver is not None and d.driver.tckn == "14922266642"
    assert d.vehicle_plates == ["34ABC123"] and d.trailer_plates == ["34DR4088"]
    assert [ln.quantity for ln in d.lines] == [Decimal("120"), Decimal("350.5")]
    assert d.lines[0].amount == Decimal("22260.00") and d.lines[1].amount is None
    assert d.goods_value == Decimal("22260.00")
    assert d.order_ref is not None and d.order_ref.number == "SIP-2026-0117"
    assert [r.number for r in d.invoice_refs] == ["TZG2026000000042"]
    assert d.printed is None and d.sevkiyat_no == ""


def test_defaults_delivery_address_and_despatch_moment() -> None:
    data = example("TEMELIRSALIYE-SEVK")
    del data["shipment"]["delivery_address"], data["despatch_date"], data["despatch_time"]
    d = DespatchData.from_json(data)
    assert d.delivery_address == d.customer.address  # the receiver's own address
    assert (d.despatch_date, d.despatch_time) == (d.issue_date, d.issue_time)


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    keys = path.split(".")
    node: Any = data
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    if value is _DELETE:
        if isinstance(node, list):
            del node[int(last)]
        else:
            node.pop(last, None)
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


_DELETE = object()

# (example, JSON path to change, new value, the field the error names, words of the message)
MISTAKES = [
    ("TEMELIRSALIYE-SEVK", "profile", "TEMELFATURA", "profile", "Senaryo: 'TEMELFATURA'"),
    ("TEMELIRSALIYE-SEVK", "type", "IADE", "type", "İrsaliye tipi"),
    ("TEMELIRSALIYE-SEVK", "series", "İR", "series", "Seri üç karakter"),
    ("TEMELIRSALIYE-SEVK", "issue_date", "31.02.2026", "issue_date", "İrsaliye tarihi"),
    ("TEMELIRSALIYE-SEVK", "issue_date", "2004-12-31", "issue_date", "01.01.2005"),
    ("TEMELIRSALIYE-SEVK", "despatch_date", "dün", "despatch_date", "Sevk tarihi"),
    ("TEMELIRSALIYE-SEVK", "despatch_time", "25:00", "despatch_time", "Sevk saati"),
    ("TEMELIRSALIYE-SEVK", "customer", _DELETE, "customer", "Alıcı"),
    ("TEMELIRSALIYE-SEVK", "customer.vkn_tckn", "1288331523", "customer.vkn_tckn",
     "vergi kimlik numarası değil"),
    ("TEMELIRSALIYE-SEVK", "customer.name", "", "customer.name", "unvan"),
    ("TEMELIRSALIYE-SEVK", "shipment.delivery_address.postal_code", "99000",
     "shipment.delivery_address.postal_code", "DespatchAddressCheck"),
    ("TEMELIRSALIYE-SEVK", "shipment.delivery_address.district", "",
     "shipment.delivery_address.district", "Teslim adresi: ilçe"),
    ("TEMELIRSALIYE-SEVK", "shipment.despatch_address.city", "",
     "shipment.despatch_address.city", "Sevk (çıkış) adresi: il"),
    ("TEMELIRSALIYE-SEVK", "shipment.carrier.vkn_tckn", "1288331523",
     "shipment.carrier.vkn_tckn", "Taşıyan firma:"),
    ("TEMELIRSALIYE-SEVK", "shipment.carrier.name", "", "shipment.carrier.name",
     "Taşıyan firmanın adı"),
    ("TEMELIRSALIYE-SEVK", "shipment.carrier.city", "", "shipment.carrier.city",
     "Taşıyan firmanın adresinin ili"),
    ("TEMELIRSALIYE-SEVK", "shipment.driver.tckn", "1492226664", "shipment.driver.tckn",
     "11 haneli"),
    ("TEMELIRSALIYE-SEVK", "shipment.driver.tckn", "14922266641", "shipment.driver.tckn",
     "Şoför: "),
    ("TEMELIRSALIYE-SEVK", "shipment.driver.family_name", "", "shipment.driver.family_name",
     "soyadı"),
    ("TEMELIRSALIYE-SEVK", "shipment.drivers", [{"first_name": "A"}], "shipment.drivers",
     "DespatchCarrierDriverCheck"),
    ("TEMELIRSALIYE-SEVK", "shipment.vehicle_plates.0", "34 ÇAB 12",
     "shipment.vehicle_plates[0]", "Araç plakası"),
    ("TEMELIRSALIYE-SEVK", "shipment.trailer_plates", ["34DR1", "34 DR 1"],
     "shipment.trailer_plates[1]", "iki kez"),
    ("TEMELIRSALIYE-MATBUDAN", "shipment.vehicle_plates", [], "shipment.vehicle_plates",
     "plakası"),
    ("TEMELIRSALIYE-MATBUDAN", "shipment.driver", _DELETE, "shipment.carrier",
     "en az birini"),
    ("TEMELIRSALIYE-MATBUDAN", "printed", _DELETE, "printed", "matbu"),
    ("TEMELIRSALIYE-MATBUDAN", "printed.date", _DELETE, "printed.date",
     "Matbu irsaliye tarihi"),
    ("TEMELIRSALIYE-SEVK", "printed", {"number": "A-1", "date": "2026-11-20"}, "printed",
     "yalnızca MATBUDAN"),
    ("TEMELIRSALIYE-SEVK", "lines", [], "lines", "en az bir kalem"),
    ("TEMELIRSALIYE-SEVK", "lines.1.name", " ", "lines[1].name", "2. kalem: mal adı"),
    ("TEMELIRSALIYE-SEVK", "lines.0.quantity", "0", "lines[0].quantity", "sıfırdan büyük"),
    ("TEMELIRSALIYE-SEVK", "lines.0.quantity", 1.5, "lines[0].quantity", ""),
    ("TEMELIRSALIYE-SEVK", "lines.0.unit", "KUTU", "lines[0].unit", "birim 'KUTU'"),
    ("TEMELIRSALIYE-SEVK", "lines.0.unit_price", "-1", "lines[0].unit_price",
     "birim fiyat"),
    ("TEMELIRSALIYE-SEVK", "currency", "XYZ", "currency", "Para birimi"),
    ("TEMELIRSALIYE-SEVK", "order_ref.number", "", "order_ref.number", "Sipariş numarası"),
    # TimeCheck: no cbc:IssueDate after today (the suite's day is 2026-11-28, tests/conftest.py)
    ("TEMELIRSALIYE-SEVK", "order_ref.date", "2026-11-29", "order_ref.date",
     "bugünden ileri"),
    ("TEMELIRSALIYE-MATBUDAN", "printed.date", "2027-01-01", "printed.date", "bugünden ileri"),
    ("TEMELIRSALIYE-SEVK", "invoice_refs.0.date", "2026/11/20", "invoice_refs[0].date",
     "Fatura tarihi"),
    ("TEMELIRSALIYE-SEVK", "ettn", "123", "ettn", "UUID"),
    ("TEMELIRSALIYE-SEVK", "buyer", {"vkn_tckn": "4700582260", "address": {}}, "buyer.name",
     "Satın alan: "),
    ("HKSIRSALIYE-SEVK", "lines.1.hks", _DELETE, "lines[1].hks.kunye_no",
     "DespatchAdviceHKSKunyeCheck"),
    ("HKSIRSALIYE-SEVK", "lines.0.hks.kunye_no", "260261120000481730", "lines[0].hks.kunye_no",
     "19 rakamdır"),
    ("IDISIRSALIYE-SEVK", "idis", _DELETE, "idis.sevkiyat_no", "DespatchIdisSevkiyatNoCheck"),
    ("IDISIRSALIYE-SEVK", "idis.sevkiyat_no", "SE-12345", "idis.sevkiyat_no",
     "SE-1345840"),
    ("IDISIRSALIYE-SEVK", "lines.1.idis.etiket_no", "C10152459", "lines[1].idis.etiket_no",
     "2. kalem: İDİS etiket numarası"),
    ("IDISIRSALIYE-SEVK", "lines.0.idis", _DELETE, "lines[0].idis.etiket_no",
     "etiket numarası yazılmalı"),
]


@pytest.mark.parametrize(("name", "path", "value", "field", "words"), MISTAKES,
                         ids=[f"{m[0]}:{m[1]}" for m in MISTAKES])
def test_a_mistake_names_its_field(name: str, path: str, value: Any, field: str,
                                   words: str) -> None:
    data = example(name)
    _set(data, path, value if value is _DELETE else copy.deepcopy(value))
    with pytest.raises(UserError) as exc:
        DespatchData.from_json(data)
    assert exc.value.field == field, exc.value.message
    assert words in exc.value.message
    assert "Traceback" not in exc.value.message


def test_not_an_object() -> None:
    with pytest.raises(UserError, match="nesne"):
        DespatchData.from_json([])  # type: ignore[arg-type]


@pytest.mark.parametrize("path", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_to_json_reads_back_equal(path: str) -> None:
    d = DespatchData.from_json(example(path))
    again = DespatchData.from_json(json.loads(json.dumps(despatch_to_json(d),
                                                         ensure_ascii=False)))
    assert again == d


def test_examples_cover_every_profile_and_type() -> None:
    found = {(d["profile"], d["type"]) for d in (example(p.stem) for p in EXAMPLES.glob("*.json"))}
    assert {p for p, _ in found} == {p.value for p in DespatchProfile}
    assert {t for _, t in found} == {t.value for t in DespatchType}
    for p in EXAMPLES.glob("*.json"):
        data = example(p.stem)
        assert p.stem == f"{data['profile']}-{data['type']}"


INVOICE: dict[str, Any] = {
    "profile": "TICARIFATURA", "type": "SATIS", "series": "TZG",
    "issue_date": "2026-11-20", "issue_time": "10:00",
    "customer": {"vkn_tckn": "4700582260", "name": "Çağlayan Şişecilik Ürünleri Ltd. Şti.",
                 "tax_office": "Kadıköy",
                 "address": {"district": "Kadıköy", "city": "İstanbul",
                             "postal_code": "34728"}},
    "lines": [{"name": "Şişe, 1 lt", "quantity": "500", "unit": "C62", "unit_price": "3.20",
               "kdv_rate": "20", "seller_code": "SS-1"},
              {"name": "Kapak", "quantity": "12.5", "unit": "KGM", "unit_price": "40",
               "kdv_rate": "20"}],
    "order_ref": {"number": "SIP-9", "date": "2026-11-19"},
}


def test_from_invoice_json_prefills_customer_and_lines() -> None:
    prefilled = from_invoice_json(INVOICE)
    assert prefilled["profile"] == "TEMELIRSALIYE" and prefilled["type"] == "SEVK"
    assert prefilled["customer"] == INVOICE["customer"]
    assert prefilled["customer"] is not INVOICE["customer"]
    assert [(ln["name"], ln["quantity"], ln["unit"]) for ln in prefilled["lines"]] == [
        ("Şişe, 1 lt", "500", "C62"), ("Kapak", "12.5", "KGM")]
    assert "kdv_rate" not in prefilled["lines"][0]
    # the shipment is the user's to fill in: said plainly
    with pytest.raises(UserError) as exc:
        DespatchData.from_json(prefilled)
    assert exc.value.field == "shipment.carrier"
    prefilled["shipment"] = {"carrier": {"vkn_tckn": "1288331525", "name": "Kargo A.Ş.",
                                         "district": "Tuzla", "city": "İstanbul"}}
    d = DespatchData.from_json(prefilled)
    assert d.customer.vkn_tckn == "4700582260" and d.lines[0].unit_price == Decimal("3.20")
    assert d.order_ref is not None and d.order_ref.number == "SIP-9"
    assert d.delivery_address.postal_code == "34728"
    # an InvoiceData gives the same
    again = from_invoice_json(InvoiceData.from_json(copy.deepcopy(INVOICE)))
    assert [(ln["name"], ln["unit"]) for ln in again["lines"]] == [
        ("Şişe, 1 lt", "C62"), ("Kapak", "KGM")]
    assert again["customer"]["vkn_tckn"] == "4700582260"


def test_from_invoice_json_carries_hks_and_idis_numbers() -> None:
    hks = {**INVOICE, "profile": "HKS", "lines": [
        {**INVOICE["lines"][0], "hks": {"kunye_no": "2602611200004817305"}}]}
    prefilled = from_invoice_json(hks)
    assert prefilled["profile"] == "HKSIRSALIYE"
    assert prefilled["lines"][0]["hks"] == {"kunye_no": "2602611200004817305"}
    idis = {**INVOICE, "profile": "IDIS", "idis": {"sevkiyat_no": "SE-1345840"},
            "lines": [{**INVOICE["lines"][0], "idis": {"etiket_no": "CV0152457"}}]}
    prefilled = from_invoice_json(idis)
    assert prefilled["profile"] == "IDISIRSALIYE"
    assert prefilled["idis"] == {"sevkiyat_no": "SE-1345840"}
    assert prefilled["lines"][0]["idis"] == {"etiket_no": "CV0152457"}
