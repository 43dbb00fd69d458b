"""Reading e-İrsaliye documents: every GİB despatch and receipt advice sample, and broken or
hostile copies refused in Turkish (never a traceback)."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.despatch_as_read import Despatch, Receipt
from app.domain.errors import UserError
from app.ubl.despatch_read import (
    MAX_DOCUMENT_BYTES,
    read_despatch,
    read_despatch_document,
    read_receipt,
)

DESPATCH_SAMPLES = ("Irsaliye-Ornek1.xml", "Irsaliye-Ornek2.xml", "Irsaliye-Ornek3.xml",
                    "Irsaliye-Matbudan.xml", "IDIS_Irsaliye.xml")
RECEIPT_SAMPLES = ("IrsaliyeYaniti-Ornek1.xml", "IrsaliyeYaniti-Ornek2.xml",
                   "IrsaliyeYaniti-Ornek3.xml", "IrsaliyeYaniti-Ornek4.xml")


def _sample(ubl_samples_dir: Path, name: str) -> bytes:
    return (ubl_samples_dir / name).read_bytes()


@pytest.mark.parametrize("name", DESPATCH_SAMPLES)
def test_every_gib_despatch_sample_is_read(ubl_samples_dir: Path, name: str) -> None:
    d = read_despatch(_sample(ubl_samples_dir, name))
    assert isinstance(d, Despatch)
    assert re.fullmatch(r"[A-Z0-9]{3}20[0-9]{11}", d.number)
    assert d.uuid == d.uuid.upper() and len(d.uuid) == 36
    assert d.profile in ("TEMELIRSALIYE", "IDISIRSALIYE")
    assert d.type_code in ("SEVK", "MATBUDAN")
    assert d.supplier.scheme in ("VKN", "TCKN") and d.customer.vkn_tckn
    assert d.lines and all(ln.quantity > 0 and ln.unit and ln.item_name for ln in d.lines)
    assert d.shipment.despatch_date is not None and d.shipment.despatch_time is not None
    assert d.shipment.plates or d.shipment.drivers or d.shipment.carrier_name
    assert read_despatch_document(_sample(ubl_samples_dir, name)) == d


@pytest.mark.parametrize("name", RECEIPT_SAMPLES)
def test_every_gib_receipt_sample_is_read(ubl_samples_dir: Path, name: str) -> None:
    r = read_receipt(_sample(ubl_samples_dir, name))
    assert isinstance(r, Receipt)
    assert r.type_code == "SEVK" and len(r.number) == 16
    # the answered despatch: its ETTN in DespatchDocumentReference, its number beside it
    assert r.despatch.id == "F47AC10B-58CC-4372-A567-0E02B2C3D479"
    assert r.despatch.issue_date == date(2016, 8, 14)
    assert r.despatch_number == "GIB2016000000023"
    assert r.supplier.vkn_tckn == "1288331521" and r.customer.vkn_tckn == "9205121120"
    assert [ln.despatch_line_id for ln in r.lines] == ["1", "2", "3", "4"]
    assert r.shipment.delivery_date == date(2016, 8, 15)
    assert r.shipment.delivery_time == time(15, 3, 52)
    assert read_despatch_document(_sample(ubl_samples_dir, name)) == r


def test_despatch_sample_details(ubl_samples_dir: Path) -> None:
    d = read_despatch(_sample(ubl_samples_dir, "Irsaliye-Ornek1.xml"))
    assert (d.number, d.uuid) == ("GIB2016000000011", "F47AC10B-58CC-4372-A567-0E02B2C3D479")
    assert d.issue_date == date(2016, 8, 14) and d.issue_time == time(9, 0)
    assert d.supplier.name == "AAA Anonim Şirketi" and d.supplier.scheme == "VKN"
    assert d.customer.name == "BBB Limited Şirketi"
    assert ("MUSTERINO", "120010751") in d.customer.other_ids
    assert d.customer.address is not None and d.customer.address.city == "Ankara"
    sh = d.shipment
    assert [(p.number, p.scheme) for p in sh.plates] == [("06DR4077", "PLAKA")]
    assert [p.number for p in sh.trailers] == ["06DR4088", "06DR4099"]
    assert [(x.first_name, x.family_name, x.nationality_id) for x in sh.drivers] == [
        ("Mehmet", "Öztürk", "14922266699"), ("Mustafa", "Öztürk", "14922266600")]
    assert sh.carrier is not None and sh.carrier.vkn_tckn == "1288331523"
    assert sh.carrier_name == "CCC Lojistik Anonim Şirketi"
    assert sh.despatch_date == date(2016, 8, 14) and sh.despatch_time == time(9, 0)
    assert [(ln.line_id, ln.item_name, ln.quantity, ln.unit) for ln in d.lines] == [
        ("1", "Masa Üstü Bilgisayar", Decimal(20), "C62"),
        ("2", "Notebook Bilgisayar", Decimal(12), "C62"),
        ("3", "Notebook Çantası", Decimal(12), "C62"),
        ("4", "Yazıcı", Decimal(2), "C62")]
    assert d.lines[0].seller_code == "PNC1234"
    assert d.notes == ("Mallar teslim edildi..",)
    assert [o.id for o in d.orders] == ["GIB2016000000033"]
    assert not d.signed


def test_receipt_sample_quantities(ubl_samples_dir: Path) -> None:
    rejected = read_receipt(_sample(ubl_samples_dir, "IrsaliyeYaniti-Ornek3.xml"))
    first = rejected.lines[0]
    assert (first.received, first.rejected, first.reject_reason) == (
        Decimal(20), Decimal(2), "2 tane ürün hasarlıdır")
    assert first.accepted == Decimal(18) and first.unit == "C62"
    short = read_receipt(_sample(ubl_samples_dir, "IrsaliyeYaniti-Ornek4.xml"))
    assert (short.lines[0].received, short.lines[0].short) == (Decimal(18), Decimal(2))
    assert (short.lines[2].received, short.lines[2].oversupply) == (Decimal(20), Decimal(8))
    late = read_receipt(_sample(ubl_samples_dir, "IrsaliyeYaniti-Ornek2.xml"))
    assert late.lines[0].timing_complaint.startswith("Ürünler geç gönderilmiştir.")


def test_several_samples_share_an_ettn(ubl_samples_dir: Path) -> None:
    """GİB's despatch samples share one ETTN (F47AC10B-…-0E02B2C3D479): an importer keeps
    each in a data folder of its own."""
    uuids = {read_despatch(_sample(ubl_samples_dir, n)).uuid for n in DESPATCH_SAMPLES[:4]}
    assert uuids == {"F47AC10B-58CC-4372-A567-0E02B2C3D479"}


def test_a_despatch_in_an_envelope_is_read(ubl_samples_dir: Path) -> None:
    inner = _sample(ubl_samples_dir, "Irsaliye-Ornek2.xml").split(b"?>", 2)[-1]
    envelope = (b'<sh:StandardBusinessDocument xmlns:sh="http://www.unece.org/cefact/namespaces/'
                b'StandardBusinessDocumentHeader"><ef:Package xmlns:ef="http://www.efatura.gov.tr/'
                b'package-namespace"><Elements><ElementList>' + inner
                + b"</ElementList></Elements></ef:Package></sh:StandardBusinessDocument>")
    assert read_despatch(envelope).number == "GIB2016000000012"


def _mutated(ubl_samples_dir: Path, name: str, old: str, new: str) -> bytes:
    data = _sample(ubl_samples_dir, name).decode("utf-8").replace("\r\n", "\n")
    assert old in data
    return data.replace(old, new, 1).encode("utf-8")


BROKEN_DESPATCH = [
    ("<cbc:UUID>F47AC10B-58CC-4372-A567-0E02B2C3D479</cbc:UUID>", "<cbc:UUID>12</cbc:UUID>",
     r"ETTN'si \(cbc:UUID\) UUID biçiminde değil"),
    ("<cbc:UUID>F47AC10B-58CC-4372-A567-0E02B2C3D479</cbc:UUID>", "",
     r"ETTN'si \(cbc:UUID\) yok"),
    ("<cbc:ID>GIB2016000000011</cbc:ID>\n\t<cbc:CopyIndicator>",
     "<cbc:ID> </cbc:ID>\n\t<cbc:CopyIndicator>", r"numarası \(cbc:ID\) yok"),
    ("<cbc:IssueDate>2016-08-14</cbc:IssueDate>\n\t<cbc:IssueTime>",
     "<cbc:IssueDate>14.08.2016</cbc:IssueDate>\n\t<cbc:IssueTime>",
     r"İrsaliye tarihi \(IssueDate\) YYYY-AA-GG"),
    ('<cbc:DeliveredQuantity unitCode="C62">20</cbc:DeliveredQuantity>',
     '<cbc:DeliveredQuantity unitCode="C62">yirmi</cbc:DeliveredQuantity>',
     r"1\. irsaliye satırı .*bir sayı değil: 'yirmi'"),
    ('<cbc:DeliveredQuantity unitCode="C62">20</cbc:DeliveredQuantity>',
     '<cbc:DeliveredQuantity unitCode="C62">1E999999</cbc:DeliveredQuantity>',
     r"bir sayı değil"),
    ('<cbc:DeliveredQuantity unitCode="C62">20</cbc:DeliveredQuantity>',
     '<cbc:DeliveredQuantity>20</cbc:DeliveredQuantity>', r"birimi \(unitCode\) yok"),
    ('<cbc:DeliveredQuantity unitCode="C62">20</cbc:DeliveredQuantity>', "",
     r"DeliveredQuantity yok"),
    ('<cbc:DeliveredQuantity unitCode="C62">20</cbc:DeliveredQuantity>',
     '<cbc:DeliveredQuantity unitCode="C62">-3</cbc:DeliveredQuantity>', r"eksi olamaz"),
    ('<cbc:ID schemeID="VKN">9205121120</cbc:ID>', '<cbc:ID schemeID="VKN">92051</cbc:ID>',
     r"Alıcı \(DeliveryCustomerParty\): VKN 10 haneli"),
    ('<cbc:ID schemeID="VKN">9205121120</cbc:ID>', '<cbc:ID schemeID="X">9205121120</cbc:ID>',
     r"Alıcı \(DeliveryCustomerParty\): schemeID'si VKN ya da TCKN"),
    ("<cbc:ActualDespatchDate>2016-08-14</cbc:ActualDespatchDate>",
     "<cbc:ActualDespatchDate>2016-13-40</cbc:ActualDespatchDate>",
     r"Fiili sevk tarihi \(ActualDespatchDate\)"),
    ("<cbc:ActualDespatchTime>09:00:00</cbc:ActualDespatchTime>",
     "<cbc:ActualDespatchTime>sabah</cbc:ActualDespatchTime>",
     r"Fiili sevk zamanı \(ActualDespatchTime\) SS:DD:ss"),
]


@pytest.mark.parametrize(("old", "new", "message"), BROKEN_DESPATCH)
def test_broken_despatch_is_refused_naming_the_field(ubl_samples_dir: Path, old: str, new: str,
                                                     message: str) -> None:
    with pytest.raises(UserError, match=message):
        read_despatch(_mutated(ubl_samples_dir, "Irsaliye-Ornek1.xml", old, new))


def test_despatch_without_lines_is_refused(ubl_samples_dir: Path) -> None:
    data = _sample(ubl_samples_dir, "Irsaliye-Ornek1.xml").decode("utf-8")
    data = re.sub(r"<cac:DespatchLine>.*?</cac:DespatchLine>", "", data, flags=re.S)
    with pytest.raises(UserError, match=r"hiç satır \(DespatchLine\) yok"):
        read_despatch(data.encode("utf-8"))


BROKEN_RECEIPT = [
    ("<cac:DespatchDocumentReference>", "<cac:OrderReference>",
     r"DespatchDocumentReference\) yok"),
    ("<cac:DespatchLineReference>\n\t\t\t<cbc:LineID>1</cbc:LineID>",
     "<cac:DespatchLineReference>\n\t\t\t<cbc:LineID></cbc:LineID>",
     r"1\. yanıt satırı .*DespatchLineReference/LineID\) yok"),
    ('<cbc:RejectedQuantity unitCode="C62">2</cbc:RejectedQuantity>',
     '<cbc:RejectedQuantity unitCode="KGM">2</cbc:RejectedQuantity>',
     r"birimleri farklı \(C62, KGM\)"),
]


@pytest.mark.parametrize(("old", "new", "message"), BROKEN_RECEIPT)
def test_broken_receipt_is_refused_naming_the_field(ubl_samples_dir: Path, old: str, new: str,
                                                    message: str) -> None:
    if old == "<cac:DespatchDocumentReference>":
        data = _sample(ubl_samples_dir, "IrsaliyeYaniti-Ornek3.xml").decode("utf-8")
        data = re.sub(r"<cac:DespatchDocumentReference>.*?</cac:DespatchDocumentReference>", "",
                      data, flags=re.S).encode("utf-8")
    else:
        data = _mutated(ubl_samples_dir, "IrsaliyeYaniti-Ornek3.xml", old, new)
    with pytest.raises(UserError, match=message):
        read_receipt(data)


def test_the_wrong_kind_is_refused(ubl_samples_dir: Path) -> None:
    with pytest.raises(UserError, match="irsaliye yanıtı \\(ReceiptAdvice\\); irsaliye"):
        read_despatch(_sample(ubl_samples_dir, "IrsaliyeYaniti-Ornek1.xml"))
    with pytest.raises(UserError, match="bir irsaliye \\(DespatchAdvice\\); irsaliye yanıtı"):
        read_receipt(_sample(ubl_samples_dir, "Irsaliye-Ornek1.xml"))
    with pytest.raises(UserError, match="kök eleman 'Invoice'"):
        read_despatch_document(_sample(ubl_samples_dir, "TicariFaturaOrnegi.xml"))


HOSTILE = [
    (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
     b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><DespatchAdvice xmlns='
     b'"urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2">&lol2;</DespatchAdvice>',
     "DOCTYPE|XML"),
    (b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "file:///etc/passwd"><DespatchAdvice/>',
     "DOCTYPE"),
    (b"<DespatchAdvice><unclosed></DespatchAdvice>", "geçerli bir XML"),
    (b"", "boş"),
    (b"<root/>", "kök eleman 'root'"),
    (b'<sh:StandardBusinessDocument xmlns:sh="http://www.unece.org/cefact/namespaces/'
     b'StandardBusinessDocumentHeader"/>', "Zarfta irsaliye"),
]


@pytest.mark.parametrize(("data", "message"), HOSTILE)
def test_hostile_input_is_refused_in_turkish(data: bytes, message: str) -> None:
    with pytest.raises(UserError, match=message):
        read_despatch_document(data)


def test_a_huge_document_is_refused_before_parsing() -> None:
    data = b"<DespatchAdvice>" + b" " * MAX_DOCUMENT_BYTES + b"</DespatchAdvice>"
    with pytest.raises(UserError, match="çok büyük"):
        read_despatch(data)


def test_idis_labels_are_read(ubl_samples_dir: Path) -> None:
    d = read_despatch(_sample(ubl_samples_dir, "IDIS_Irsaliye.xml"))
    assert d.profile == "IDISIRSALIYE"
    assert all(any(s == "ETIKETNO" and re.fullmatch(r"[A-Z]{2}[0-9]{7}", v)
                   for s, v in ln.item_ids) for ln in d.lines)
    assert any(s == "SEVKIYATNO" for s, _v in d.supplier.other_ids)
