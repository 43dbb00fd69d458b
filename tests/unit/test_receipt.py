"""Our receipt advice (irsaliye yanıtı): the quantity rules GİB's samples imply, the JSON
form with Turkish errors naming the field, the 7-day window, and the rendered ReceiptAdvice
passing GİB's XSD and schematron for any despatch and any split of the quantities."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from app.domain.deadlines import may_still_send_receipt, receipt_deadline
from app.domain.despatch import DespatchData
from app.domain.despatch_as_read import Despatch
from app.domain.errors import UserError
from app.domain.party import Party
from app.domain.receipt import ReceiptData, ReceiptLineData
from app.signing import open_signer, sign_invoice, verify_document
from app.ubl.build import RenderContext
from app.ubl.despatch_build import render_despatch
from app.ubl.despatch_read import read_despatch, read_receipt
from app.ubl.namespaces import CAC, CBC, DS, EXT, RECEIPT_ADVICE
from app.ubl.receipt_build import build_receipt, receipt_signature_id, render_receipt
from app.ubl.validate import InvoiceValidator, ValidationReport, get_validator
from tests.fixtures.app import COMPANY
from tests.fixtures.token import SoftHsmToken

NS = {"r": RECEIPT_ADVICE, "cac": CAC, "cbc": CBC, "ext": EXT, "ds": DS}
NUMBER = "IRY2026000000001"
UUID = "0b7c5b7e-2f7c-4a53-9d55-6a2b0f0e7a11"
CREATED = datetime(2026, 11, 28, 10, 30, 0)
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch"
SUPPLIER = Party.from_dict(COMPANY)
DESPATCH_SAMPLES = ("Irsaliye-Ornek1.xml", "Irsaliye-Ornek2.xml", "Irsaliye-Ornek3.xml",
                    "Irsaliye-Matbudan.xml", "IDIS_Irsaliye.xml")


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path) -> InvoiceValidator:
    return get_validator(installed_rules_dir)


@pytest.fixture(scope="module")
def despatches(ubl_samples_dir: Path) -> dict[str, Despatch]:
    """GİB's despatch samples, and Tezgâh's own despatch examples (one per profile and
    type, docs/examples/despatch) as rendered by app.ubl.despatch_build, each read back."""
    found = {n: read_despatch((ubl_samples_dir / n).read_bytes()) for n in DESPATCH_SAMPLES}
    for path in sorted(EXAMPLES.glob("*.json")):
        d = DespatchData.from_json(json.loads(path.read_text(encoding="utf-8")))
        xml = render_despatch(d, RenderContext(SUPPLIER, f"{d.series}2026000000001",
                                               unsigned=True))
        found[path.name] = read_despatch(xml)
    return found


def _only_unsigned(report: ValidationReport) -> bool:
    """The only problem of an unsigned receipt is the empty signature slot (XSD)."""
    return [(p.source, "ExtensionContent" in p.location)
            for p in report.problems] == [("xsd", True)]


# --- the quantity rules, from GİB's own answers ------------------------------------------

@pytest.mark.parametrize("sample", ["IrsaliyeYaniti-Ornek1.xml", "IrsaliyeYaniti-Ornek2.xml",
                                    "IrsaliyeYaniti-Ornek3.xml", "IrsaliyeYaniti-Ornek4.xml"])
def test_gib_receipt_samples_satisfy_our_rules(ubl_samples_dir: Path,
                                               despatches: dict[str, Despatch],
                                               sample: str) -> None:
    """Each of GİB's answers to Irsaliye-Ornek1 passes our checks as our own answer: the
    rules are the ones GİB's samples follow."""
    answer = read_receipt((ubl_samples_dir / sample).read_bytes())
    lines = [{"line_id": ln.despatch_line_id, "received": str(ln.received),
              "rejected": str(ln.rejected or 0), "reject_reason": ln.reject_reason,
              **({"short": str(ln.short)} if ln.short is not None else {}),
              **({"oversupply": str(ln.oversupply)} if ln.oversupply is not None else {})}
             for ln in answer.lines]
    data = ReceiptData.from_json({"lines": lines}, despatches["Irsaliye-Ornek1.xml"])
    assert [(ln.received, ln.rejected, ln.short, ln.oversupply) for ln in data.lines] == [
        (ln.received, ln.rejected or 0, ln.short or 0, ln.oversupply or 0)
        for ln in answer.lines]


def test_short_and_oversupply_are_worked_out(despatches: dict[str, Despatch]) -> None:
    d = despatches["Irsaliye-Ornek1.xml"]  # 20, 12, 12, 2 despatched
    data = ReceiptData.from_json({"lines": [
        {"line_id": "1", "received": "18"}, {"line_id": "3", "received": 20},
        {"line_id": "4", "received": "2", "rejected": "1", "reject_reason": "Kırık"}]}, d)
    assert [(ln.short, ln.oversupply) for ln in data.lines] == [
        (Decimal(2), Decimal(0)), (Decimal(0), Decimal(8)), (Decimal(0), Decimal(0))]
    again = ReceiptData.from_json(data.to_json(), d)
    assert again == data


def test_everything_received(despatches: dict[str, Despatch]) -> None:
    d = despatches["IDIS_Irsaliye.xml"]
    data = ReceiptData.everything_received(d)
    assert [ln.received for ln in data.lines] == [ln.quantity for ln in d.lines]


BAD_JSON = [
    ({"lines": []}, "lines", "en az bir satır"),
    ({}, "lines", "en az bir satır"),
    ({"lines": [{"line_id": "9", "received": "1"}]}, "lines[0].line_id", "'9' numaralı satır yok"),
    ({"lines": [{"received": "1"}]}, "lines[0].line_id", "line_id"),
    ({"lines": [{"line_id": "1"}]}, "lines[0].received", "teslim alınan miktar"),
    ({"lines": [{"line_id": "1", "received": 1.5}]}, "lines[0].received", "teslim alınan"),
    ({"lines": [{"line_id": "1", "received": "-1"}]}, "lines[0].received", "teslim alınan"),
    ({"lines": [{"line_id": "1", "received": "abc"}]}, "lines[0].received", "teslim alınan"),
    ({"lines": [{"line_id": "1", "received": "20", "rejected": "21",
                 "reject_reason": "x"}]}, "lines[0].rejected", "teslim alınan miktardan"),
    ({"lines": [{"line_id": "1", "received": "20", "rejected": "2"}]},
     "lines[0].reject_reason", "red nedeni"),
    ({"lines": [{"line_id": "1", "received": "18", "short": "1"}]},
     "lines[0].short", "tutmuyor"),
    ({"lines": [{"line_id": "1", "received": "22", "oversupply": "1"}]},
     "lines[0].oversupply", "tutmuyor"),
    ({"lines": [{"line_id": "1", "received": "20", "short": "1", "oversupply": "1"}]},
     "lines[0].short", "hem eksik hem fazla"),
    ({"lines": [{"line_id": "1", "received": "20"}, {"line_id": "1", "received": "20"}]},
     "lines[1].line_id", "iki kez"),
    ({"lines": [{"line_id": "1", "received": "20", "extra": 1}]}, "lines[0].extra", "bilinmeyen"),
    ({"lines": [{"line_id": "1", "received": "20"}], "delivered_on": "dün"}, "delivered_on",
     "YYYY-AA-GG"),
    ({"lines": [{"line_id": "1", "received": "20"}], "delivered_on": "2016-08-01"},
     "delivered_on", "irsaliyenin tarihinden önce"),
    ({"lines": [{"line_id": "1", "received": "20.123456"}]}, "lines[0].received", "ondalık"),
    ({"lines": "1"}, "lines", "liste"),
    ([], "", "JSON nesnesi"),
]


@pytest.mark.parametrize(("data", "field", "message"), BAD_JSON)
def test_bad_json_is_refused_naming_the_field(despatches: dict[str, Despatch], data: object,
                                              field: str, message: str) -> None:
    with pytest.raises(UserError, match=message) as info:
        ReceiptData.from_json(data, despatches["Irsaliye-Ornek1.xml"])
    assert info.value.field == field


def test_the_model_checks_itself(despatches: dict[str, Despatch]) -> None:
    d = despatches["Irsaliye-Ornek1.xml"]
    with pytest.raises(UserError, match="tutmuyor") as info:
        ReceiptData(despatch=d, lines=(ReceiptLineData("2", Decimal(5)),))
    assert info.value.field == "lines[0].short"


# --- the seven days ----------------------------------------------------------------------

def test_receipt_deadline_is_seven_days_in_istanbul_time() -> None:
    received = datetime(2026, 3, 1, 21, 30, tzinfo=UTC)  # 2 March 00:30 in Istanbul
    deadline = receipt_deadline(received)
    assert deadline.utcoffset() == timedelta(hours=3)
    assert deadline.replace(tzinfo=None) == datetime(2026, 3, 9, 0, 30)
    assert may_still_send_receipt(received, at=deadline)
    assert not may_still_send_receipt(received, at=deadline + timedelta(seconds=1))
    naive = receipt_deadline(datetime(2026, 11, 20, 9, 0))  # taken as Istanbul wall time
    assert naive.replace(tzinfo=None) == datetime(2026, 11, 27, 9, 0)


# --- rendering ---------------------------------------------------------------------------

def test_rendered_receipt_has_gib_samples_shape(despatches: dict[str, Despatch]) -> None:
    d = despatches["Irsaliye-Ornek1.xml"]
    data = ReceiptData.from_json({"note": "Teslim alındı.", "delivered_on": "2016-08-15",
                                  "lines": [{"line_id": "1", "received": "20", "rejected": "2",
                                             "reject_reason": "2 tane ürün hasarlıdır"},
                                            {"line_id": "3", "received": "10",
                                             "note": "2 koli gelmedi"}]}, d)
    root = etree.fromstring(render_receipt(data, number=NUMBER, uuid=UUID, created=CREATED))
    assert root.tag == f"{{{RECEIPT_ADVICE}}}ReceiptAdvice"
    assert root.nsmap[None] == RECEIPT_ADVICE and root.nsmap["ds"] == DS
    first = root[0]
    assert first.tag == f"{{{EXT}}}UBLExtensions"
    assert len(first.find("ext:UBLExtension/ext:ExtensionContent", NS)) == 0
    assert root.findtext("cbc:ProfileID", namespaces=NS) == "TEMELIRSALIYE"
    assert root.findtext("cbc:ReceiptAdviceTypeCode", namespaces=NS) == "SEVK"
    assert root.findtext("cbc:IssueDate", namespaces=NS) == "2026-11-28"
    assert root.findtext("cbc:IssueTime", namespaces=NS) == "10:30:00"
    assert root.findtext("cac:DespatchDocumentReference/cbc:ID", namespaces=NS) == d.uuid
    assert root.findtext("cac:AdditionalDocumentReference[cbc:DocumentTypeCode="
                         "'DespatchAdviceID']/cbc:ID", namespaces=NS) == d.number
    assert root.findtext("cac:Signature/cac:DigitalSignatureAttachment/cac:ExternalReference/"
                         "cbc:URI", namespaces=NS) == f"#{receipt_signature_id(NUMBER)}"
    assert root.findtext("cac:Signature/cbc:ID", namespaces=NS) == d.customer.vkn_tckn
    back = read_receipt(etree.tostring(root))
    assert back.customer == d.customer and back.supplier == d.supplier
    assert back.despatch.id == d.uuid and back.despatch_number == d.number
    assert back.shipment.delivery_date == date(2016, 8, 15)
    assert [(ln.despatch_line_id, ln.received, ln.rejected, ln.short, ln.reject_reason, ln.note)
            for ln in back.lines] == [
        ("1", Decimal(20), Decimal(2), None, "2 tane ürün hasarlıdır", ""),
        ("3", Decimal(10), None, Decimal(2), "", "2 koli gelmedi")]


def test_rendering_refuses_what_cannot_be_sent(despatches: dict[str, Despatch]) -> None:
    data = ReceiptData.everything_received(despatches["Irsaliye-Ornek1.xml"])
    with pytest.raises(UserError, match="ABC2026000000001") as info:
        build_receipt(data, number="IRY-1", uuid=UUID, created=CREATED)
    assert info.value.field == "number"
    with pytest.raises(UserError, match="UUID"):
        build_receipt(data, number=NUMBER, uuid="x", created=CREATED)
    with pytest.raises(UserError, match="yalnızca alıcısı"):
        build_receipt(data, number=NUMBER, uuid=UUID, created=CREATED, our_vkn="1111111111")
    with pytest.raises(UserError, match="tarihinden önce"):
        build_receipt(data, number=NUMBER, uuid=UUID, created=datetime(2016, 8, 1))
    nameless = replace(data.despatch, supplier=replace(data.despatch.supplier, name=""))
    with pytest.raises(UserError, match="unvanı"):
        build_receipt(ReceiptData.everything_received(nameless), number=NUMBER, uuid=UUID,
                      created=CREATED)


def test_answer_to_every_despatch_passes_gib_rules(validator: InvoiceValidator,
                                                   despatches: dict[str, Despatch]) -> None:
    assert len(despatches) == len(DESPATCH_SAMPLES) + len(list(EXAMPLES.glob("*.json")))
    for name, d in despatches.items():
        data = ReceiptData.everything_received(d, note="Tamamı teslim alındı.")
        report = validator.validate_receipt_advice(
            render_receipt(data, number=NUMBER, uuid=UUID, created=CREATED))
        assert _only_unsigned(report), (name, [str(p) for p in report.problems])


@st.composite
def _answers(draw: st.DrawFn, despatches: dict[str, Despatch]) -> ReceiptData:
    d = draw(st.sampled_from(sorted(despatches.values(), key=lambda x: x.number + x.profile)))
    chosen = draw(st.lists(st.sampled_from(d.lines), min_size=1, max_size=len(d.lines),
                           unique_by=lambda ln: ln.line_id))
    lines = []
    reason = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")),
                     min_size=1, max_size=60).map(str.strip).filter(bool)
    for ln in chosen:
        kind = draw(st.sampled_from(("full", "short", "over")))
        step = Decimal("0.5") if draw(st.booleans()) else Decimal(1)
        delta = step * draw(st.integers(0, 40))
        received = {"full": ln.quantity, "short": max(ln.quantity - delta, Decimal(0)),
                    "over": ln.quantity + delta}[kind]
        rejected = min(received, step * draw(st.integers(0, 10)))
        lines.append(ReceiptLineData(
            ln.line_id, received, rejected=rejected,
            short=max(ln.quantity - received, Decimal(0)),
            oversupply=max(received - ln.quantity, Decimal(0)),
            reject_reason=draw(reason) if rejected else "",
            note=draw(st.one_of(st.just(""), reason))))
    return ReceiptData(despatch=d, lines=tuple(lines), note=draw(st.one_of(st.just(""), reason)),
                       delivered_on=draw(st.one_of(st.none(), st.dates(
                           d.issue_date, max(d.issue_date, date(2026, 11, 28))))))


def test_any_rendered_receipt_passes_gib_xsd_and_schematron(
        validator: InvoiceValidator, despatches: dict[str, Despatch]) -> None:
    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(_answers(despatches), st.datetimes(datetime(2026, 1, 1), datetime(2026, 11, 28)))
    def check(data: ReceiptData, created: datetime) -> None:
        created = max(created, datetime.combine(data.despatch.issue_date, time(12, 0)))
        xml = render_receipt(data, number=NUMBER, uuid=UUID, created=created)
        report = validator.validate_receipt_advice(xml)
        assert _only_unsigned(report), [str(p) for p in report.problems]
        back = read_receipt(xml)
        assert [(ln.received, ln.rejected or 0, ln.short or 0, ln.oversupply or 0)
                for ln in back.lines] == [(ln.received, ln.rejected, ln.short, ln.oversupply)
                                          for ln in data.lines]
        assert ReceiptData.from_json(data.to_json(), data.despatch) == data

    check()


def test_signed_receipt_passes_gib_rules_and_verifies(validator: InvoiceValidator,
                                                      despatches: dict[str, Despatch],
                                                      softhsm: SoftHsmToken) -> None:
    """Signed exactly as invoices and KABUL / RED answers are (the same placeholder)."""
    d = despatches["Irsaliye-Ornek3.xml"]
    ours = replace(d.customer, vkn_tckn=softhsm.vkn)
    d = replace(d, customer=ours)
    data = ReceiptData.from_json({"lines": [
        {"line_id": "1", "received": "20", "rejected": "2", "reject_reason": "Hasarlı"},
        {"line_id": "2", "received": "11"}]}, d)
    unsigned = render_receipt(data, number=NUMBER, uuid=UUID, created=CREATED,
                              our_vkn=softhsm.vkn)
    with open_signer(softhsm.config("mali_muhur"), softhsm.user_pin,
                     expected_vkn_tckn=softhsm.vkn) as signer:
        signed = sign_invoice(unsigned, signer)
    report = validator.validate_receipt_advice(signed)
    assert report.ok, [str(p) for p in report.problems]
    sig = etree.fromstring(signed).find(
        "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/ds:Signature", NS)
    assert sig is not None and sig.get("Id") == receipt_signature_id(NUMBER)
    result = verify_document(signed, trust=softhsm.trust())
    assert result.valid, result.problems
    assert result.signer_vkn_tckn == softhsm.vkn
    back = read_receipt(signed)
    assert back.signed and back.lines[0].rejected == Decimal(2)


def test_answer_keeps_labels_and_only_known_party_schemes(despatches: dict[str, Despatch]) -> None:
    d = despatches["IDIS_Irsaliye.xml"]
    odd = replace(d.customer, other_ids=(*d.customer.other_ids, ("GIZLI", "1"), ("", "2")))
    d = replace(d, customer=odd)
    root = build_receipt(ReceiptData.everything_received(d), number=NUMBER, uuid=UUID,
                         created=CREATED)
    labels = root.xpath("cac:ReceiptLine/cac:Item/cac:AdditionalItemIdentification/"
                        "cbc:ID[@schemeID='ETIKETNO']/text()", namespaces=NS)
    assert labels == [v for ln in d.lines for s, v in ln.item_ids if s == "ETIKETNO"]
    schemes = root.xpath("cac:DeliveryCustomerParty/cac:Party/cac:PartyIdentification/"
                         "cbc:ID/@schemeID", namespaces=NS)
    assert "GIZLI" not in schemes and "" not in schemes and len(schemes) == len(
        root.xpath("cac:DeliveryCustomerParty/cac:Party/cac:PartyIdentification", namespaces=NS))
