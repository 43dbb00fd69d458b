"""e-İrsaliye envelopes (Ek-1): a signed despatch advice in a SENDERENVELOPE (ElementType
DESPATCHADVICE) and the receipt advice answering it in a POSTBOXENVELOPE (ElementType
RECEIPTADVICE) pass GİB's envelope XSD (PackageProxy_1_2.xsd, which checks the documents
inside with their own UBL XSDs) and the schematron, read back byte-exact, and an envelope
for the wrong receiver, of the wrong type or with the wrong document is refused in Turkish."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.gib.envelope import (
    DESPATCH_ADVICE_ELEMENT,
    POSTBOX_ENVELOPE,
    RECEIPT_ADVICE_ELEMENT,
    SENDER_ENVELOPE,
    EnvelopeParty,
    build_envelope,
    document_receiver_ids,
    element_kind,
    extract_documents,
    parse_envelope,
    strip_xml_declaration,
    travels_in,
)
from app.signing import verify_document
from app.ubl.despatch_read import read_despatch, read_receipt
from app.ubl.validate import InvoiceValidator, get_validator
from tests.fixtures.app import COMPANY, CUSTOMER
from tests.fixtures.despatch import (
    CUSTOMER_GB,
    CUSTOMER_PK,
    SUPPLIER_GB,
    DespatchSigners,
    despatch_signers,
)

CREATED = datetime(2026, 11, 28, 9, 0, 0)


@pytest.fixture(scope="module")
def signers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DespatchSigners]:
    with despatch_signers(tmp_path_factory.mktemp("despatch-signers")) as found:
        yield found


@pytest.fixture(scope="module")
def despatch(signers: DespatchSigners) -> bytes:
    return signers.despatch()


@pytest.fixture(scope="module")
def receipt(signers: DespatchSigners, despatch: bytes) -> bytes:
    return signers.receipt(despatch)


@pytest.fixture(scope="module")
def envelope_schema(installed_rules_dir: Path) -> etree.XMLSchema:
    from app.ubl.rules import RulesStore

    return etree.XMLSchema(etree.parse(str(RulesStore(installed_rules_dir).envelope_xsd())))


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path) -> InvoiceValidator:
    return get_validator(installed_rules_dir)


def _despatch_envelope(documents: list[bytes], **kw: object) -> tuple[str, bytes]:
    env_id = str(kw.pop("envelope_uuid", uuid.uuid4()))
    data = build_envelope(documents, sender=kw.pop("sender", SUPPLIER_GB),  # type: ignore[arg-type]
                          receiver=kw.pop("receiver", CUSTOMER_PK),  # type: ignore[arg-type]
                          envelope_uuid=env_id, created=CREATED,
                          document_type=str(kw.pop("document_type", DESPATCH_ADVICE_ELEMENT)),
                          **kw)  # type: ignore[arg-type]
    return env_id, data


def _receipt_envelope(documents: list[bytes], **kw: object) -> tuple[str, bytes]:
    return _despatch_envelope(documents, sender=kw.pop("sender", CUSTOMER_GB),
                              receiver=kw.pop("receiver", SUPPLIER_GB),
                              document_type=RECEIPT_ADVICE_ELEMENT, **kw)


def test_despatch_envelope_passes_gibs_envelope_xsd_and_schematron(
        despatch: bytes, envelope_schema: etree.XMLSchema, validator: InvoiceValidator) -> None:
    env_id, data = _despatch_envelope([despatch])
    assert envelope_schema.validate(etree.fromstring(data)), envelope_schema.error_log
    report = validator.validate_envelope(data)
    assert report.ok, [str(p) for p in report.problems]
    header = parse_envelope(data)
    assert (header.type, header.element_type, header.element_count) == \
        (SENDER_ENVELOPE, DESPATCH_ADVICE_ELEMENT, 1)
    assert header.instance_identifier == env_id and header.type_version == "1.2"
    assert header.sender == SUPPLIER_GB and header.receiver == CUSTOMER_PK
    # the XSD looks inside: a despatch that breaks UBL-DespatchAdvice-2.1.xsd fails it
    broken = data.replace(b"<cbc:DespatchAdviceTypeCode>", b"<cbc:Foo/><cbc:DespatchAdviceTypeCode>")
    assert not envelope_schema.validate(etree.fromstring(broken))


def test_despatch_round_trip_is_byte_exact(despatch: bytes) -> None:
    _, data = _despatch_envelope([despatch, despatch])
    inside = extract_documents(data)
    assert inside == [strip_xml_declaration(despatch)] * 2
    read = read_despatch(inside[0])
    original = read_despatch(despatch)
    assert (read.number, read.uuid) == (original.number, original.uuid)
    assert read.number == "IRS2026000000001"
    assert verify_document(inside[0]).intact


def test_receipt_envelope_is_a_postbox_envelope_passing_gibs_rules(
        receipt: bytes, despatch: bytes, envelope_schema: etree.XMLSchema,
        validator: InvoiceValidator) -> None:
    _, data = _receipt_envelope([receipt])
    assert envelope_schema.validate(etree.fromstring(data)), envelope_schema.error_log
    report = validator.validate_envelope(data)
    assert report.ok, [str(p) for p in report.problems]
    header = parse_envelope(data)
    assert (header.type, header.element_type, header.element_count) == \
        (POSTBOX_ENVELOPE, RECEIPT_ADVICE_ELEMENT, 1)
    assert header.sender == CUSTOMER_GB and header.receiver == SUPPLIER_GB
    [inside] = extract_documents(data)
    assert inside == strip_xml_declaration(receipt)
    answer = read_receipt(inside)
    assert answer.despatch_number == read_despatch(despatch).number and answer.signed
    assert verify_document(inside).intact


def test_receivers_are_read_from_the_right_party(despatch: bytes, receipt: bytes) -> None:
    # a despatch goes to its DeliveryCustomerParty, a receipt advice back to the
    # DespatchSupplierParty
    assert document_receiver_ids(etree.fromstring(despatch)) == {CUSTOMER["vkn_tckn"]}
    assert document_receiver_ids(etree.fromstring(receipt)) == {COMPANY["vkn_tckn"]}
    assert element_kind("despatchadvice").kind is DocumentKind.DESPATCH_ADVICE  # type: ignore[union-attr]
    assert travels_in(DESPATCH_ADVICE_ELEMENT, SENDER_ENVELOPE) is not None
    assert travels_in(DESPATCH_ADVICE_ELEMENT, POSTBOX_ENVELOPE) is None
    assert travels_in(RECEIPT_ADVICE_ELEMENT, POSTBOX_ENVELOPE) is not None
    assert travels_in(RECEIPT_ADVICE_ELEMENT, SENDER_ENVELOPE) is None
    assert travels_in("CREDITNOTE", SENDER_ENVELOPE) is None


def test_wrong_receiver_type_or_document_is_refused(despatch: bytes, receipt: bytes,
                                                    make_gib_invoice) -> None:
    stranger = EnvelopeParty("9205121120", "urn:mail:irsaliyepk@bbb.com.tr")
    with pytest.raises(UserError, match=r"alıcısı .*aynı değil"):
        _despatch_envelope([despatch], receiver=stranger)
    # the despatch's receiver is the customer, not the supplier who sends it
    with pytest.raises(UserError, match="aynı değil"):
        _despatch_envelope([despatch], receiver=SUPPLIER_GB)
    # a receipt advice goes back to the despatching supplier, not to the customer
    with pytest.raises(UserError, match="aynı değil"):
        _receipt_envelope([receipt], receiver=CUSTOMER_PK)
    # Ek-1 §3.2 / EnvelopeTypeElementTypeCheck
    with pytest.raises(UserError, match=r"POSTBOXENVELOPE .*e-İrsaliye taşıyamaz"):
        _despatch_envelope([despatch], envelope_type=POSTBOX_ENVELOPE)
    with pytest.raises(UserError, match=r"SENDERENVELOPE .*irsaliye yanıtı taşıyamaz"):
        _receipt_envelope([receipt], envelope_type=SENDER_ENVELOPE)
    with pytest.raises(UserError, match="yalnızca e-İrsaliye"):
        _despatch_envelope([make_gib_invoice(signed=False)])
    with pytest.raises(UserError, match="yalnızca irsaliye yanıtı"):
        _receipt_envelope([despatch])
    with pytest.raises(UserError, match="en az bir"):
        _despatch_envelope([])
    with pytest.raises(UserError, match="taşıyamaz"):
        _despatch_envelope([despatch], document_type="CREDITNOTE")
