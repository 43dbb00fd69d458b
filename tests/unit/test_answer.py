"""KABUL / RED application responses: built, signed on the SoftHSM token, checked with GİB's
XSD and schematron (bare and in a POSTBOXENVELOPE), verified, and read back; GİB's own
samples read; the posta kutusu's SYSTEMENVELOPE checked with the same rules."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.domain.party import Address, Party
from app.gib.envelope import POSTBOX_ENVELOPE, EnvelopeParty, build_envelope, extract_documents
from app.gib.system_response import build_system_envelope, parse_system_response
from app.signing import open_signer, sign_invoice, verify_document
from app.ubl.answer import (
    KABUL,
    MAX_REASON_LENGTH,
    RED,
    REFERENCE_NUMBER,
    REFERENCE_UNKNOWN,
    REFERENCE_UUID,
    answer_signature_id,
    build_answer,
    clean_text,
    read_answer,
    reference_kind,
)
from app.ubl.namespaces import APPLICATION_RESPONSE, CAC, CBC, DS, EXT
from app.ubl.validate import InvoiceValidator, ValidationReport, get_validator
from tests.fixtures.token import COMPANY_NAME, SoftHsmToken

NS = {"apr": APPLICATION_RESPONSE, "cac": CAC, "cbc": CBC, "ext": EXT, "ds": DS}

SELLER = Party("1288331521", name="AAA Anonim Şirketi",
               address=Address(district="Beşiktaş", city="İstanbul"))
INVOICE_NUMBER = "AAA2026000000042"
INVOICE_UUID = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
INVOICE_DATE = date(2026, 11, 20)
ANSWER_UUID = "6f2b5c1e-1111-4000-8000-000000000001"
CREATED = datetime(2026, 11, 28, 12, 0, 0)
SELLER_GB = EnvelopeParty(SELLER.vkn_tckn, "urn:mail:defaultgb@aaa.com.tr", SELLER.name)


def _us(vkn: str) -> Party:
    return Party(vkn, name=COMPANY_NAME, tax_office="Çankaya",
                 address=Address(street="Atatürk Bulvarı", building_no="12", district="Çankaya",
                                 city="Ankara", postal_code="06100"))


def _answer(us: Party, **kw) -> bytes:
    args = dict(us=us, seller=SELLER, invoice_number=INVOICE_NUMBER, invoice_uuid=INVOICE_UUID,
                invoice_date=INVOICE_DATE, code=KABUL, reason="", answer_uuid=ANSWER_UUID,
                created=CREATED)
    args.update(kw)
    return build_answer(**args)


def _only_unsigned(report: ValidationReport) -> bool:
    """The only problem of an unsigned answer is the empty signature slot (XSD)."""
    return [(p.source, "ExtensionContent" in p.location) for p in report.problems] == [("xsd", True)]


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path) -> InvoiceValidator:
    return get_validator(installed_rules_dir)


@pytest.fixture(scope="module")
def us(softhsm: SoftHsmToken) -> Party:
    return _us(softhsm.vkn)


@pytest.fixture(scope="module")
def signed_answers(softhsm: SoftHsmToken, us: Party) -> dict[str, bytes]:
    """A KABUL and a RED answer signed with the token's mali mühür (one PIN entry)."""
    with open_signer(softhsm.config("mali_muhur"), softhsm.user_pin,
                     expected_vkn_tckn=softhsm.vkn) as signer:
        return {
            KABUL: sign_invoice(_answer(us), signer),
            RED: sign_invoice(_answer(us, code=RED, reason="Fiyatlar sözleşmeye uygun değil."),
                              signer),
        }


# --- building ------------------------------------------------------------------------------

def test_unsigned_answer_has_the_shape_gib_asks_for() -> None:
    data = _answer(_us("3880530121"), code="red", reason="Miktar\x00 eksik\u202e teslim  edildi")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(data)
    assert root.tag == f"{{{APPLICATION_RESPONSE}}}ApplicationResponse"
    assert root[0].tag == f"{{{EXT}}}UBLExtensions"
    content = root.find("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent", NS)
    assert content is not None and len(content) == 0
    t = lambda path: root.findtext(path, namespaces=NS)  # noqa: E731
    assert t("cbc:UBLVersionID") == "2.1" and t("cbc:CustomizationID") == "TR1.2"
    assert t("cbc:ProfileID") == "TICARIFATURA"
    assert t("cbc:ID") == ANSWER_UUID and t("cbc:UUID") == ANSWER_UUID
    assert (t("cbc:IssueDate"), t("cbc:IssueTime")) == ("2026-11-28", "12:00:00")
    reason = "Miktar eksik teslim edildi"  # control and bidi characters gone, spaces collapsed
    assert [n.text for n in root.findall("cbc:Note", NS)] == [reason, f"Fatura No: {INVOICE_NUMBER}"]
    assert t("cac:Signature/cac:DigitalSignatureAttachment/cac:ExternalReference/cbc:URI") == \
        "#" + answer_signature_id(ANSWER_UUID)
    assert t("cac:SenderParty/cac:PartyIdentification/cbc:ID") == "3880530121"
    assert t("cac:ReceiverParty/cac:PartyIdentification/cbc:ID") == SELLER.vkn_tckn
    assert len(root.findall("cac:DocumentResponse", NS)) == 1
    assert t("cac:DocumentResponse/cac:Response/cbc:ResponseCode") == "RED"
    assert t("cac:DocumentResponse/cac:Response/cbc:Description") == reason
    ref = "cac:DocumentResponse/cac:DocumentReference/"
    assert t(ref + "cbc:ID") == INVOICE_UUID  # the ETTN (see app.ubl.answer)
    assert t(ref + "cbc:IssueDate") == "2026-11-20"
    assert t(ref + "cbc:DocumentTypeCode") == t(ref + "cbc:DocumentType") == "FATURA"


def test_kabul_without_reason_has_a_default_description() -> None:
    root = etree.fromstring(_answer(_us("3880530121")))
    assert root.findtext("cac:DocumentResponse/cac:Response/cbc:Description", namespaces=NS) == \
        "Fatura kabul edildi."
    assert [n.text for n in root.findall("cbc:Note", NS)] == [f"Fatura No: {INVOICE_NUMBER}"]


def test_created_is_written_in_istanbul_time_and_answer_id_is_kept() -> None:
    root = etree.fromstring(_answer(_us("3880530121"), answer_id="TZG2026000000001",
                                    created=datetime(2026, 11, 28, 21, 30, tzinfo=UTC)))
    assert root.findtext("cbc:IssueDate", namespaces=NS) == "2026-11-29"
    assert root.findtext("cbc:IssueTime", namespaces=NS) == "00:30:00"
    assert root.findtext("cbc:ID", namespaces=NS) == "TZG2026000000001"
    assert root.findtext("cbc:UUID", namespaces=NS) == ANSWER_UUID


def test_unsigned_answer_breaks_only_the_signature_slot(validator: InvoiceValidator) -> None:
    report = validator.validate_application_response(_answer(_us("3880530121"), code=RED,
                                                             reason="Hatalı fatura"))
    assert _only_unsigned(report), [str(p) for p in report.problems]


def test_person_parties_get_first_and_family_names(validator: InvoiceValidator) -> None:
    us = Party("10000000146", first_name="Ayşe", family_name="Yılmaz")
    seller = Party("20000000046", name="Mehmet Ali Demir")  # a sole proprietor: name split
    data = _answer(us, seller=seller, code=RED, reason="Sipariş edilmedi")
    root = etree.fromstring(data)
    assert root.find("cac:SenderParty/cac:PartyIdentification/cbc:ID", NS).get("schemeID") == "TCKN"
    assert root.findtext("cac:SenderParty/cac:Person/cbc:FirstName", namespaces=NS) == "Ayşe"
    assert root.findtext("cac:ReceiverParty/cac:Person/cbc:FirstName", namespaces=NS) == "Mehmet Ali"
    assert root.findtext("cac:ReceiverParty/cac:Person/cbc:FamilyName", namespaces=NS) == "Demir"
    report = validator.validate_application_response(data)
    assert _only_unsigned(report), [str(p) for p in report.problems]
    answer = read_answer(data)
    assert (answer.sender.scheme, answer.sender.name) == ("TCKN", "Ayşe Yılmaz")
    assert answer.receiver.name == "Mehmet Ali Demir"


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"code": "IADE"}, "KABUL ya da RED"),
        ({"code": ""}, "KABUL ya da RED"),
        ({"code": RED}, "red nedeni"),
        ({"code": RED, "reason": "  \x01\x02\t\n "}, "red nedeni"),
        ({"reason": "x" * (MAX_REASON_LENGTH + 1)}, f"en fazla {MAX_REASON_LENGTH}"),
        ({"us": Party("12345", name="Kısa")}, "10 (VKN) ya da 11 (TCKN)"),
        ({"seller": Party("1288331521")}, "unvanı boş"),
        ({"seller": Party("20000000046", name="Tek")}, "adı ve soyadı"),
        ({"invoice_uuid": INVOICE_NUMBER}, "ETTN"),
        ({"invoice_number": " "}, "numarası"),
        ({"invoice_date": "20.11.2026"}, "YYYY-AA-GG"),
        ({"answer_uuid": "yok"}, "UUID"),
        ({"answer_id": "bir yanıt"}, "Yanıt numarası"),
        ({"created": datetime(2026, 11, 19, 23, 0)}, "tarihinden önce"),
    ],
)
def test_bad_input_is_refused_in_turkish(kw: dict, message: str) -> None:
    us = kw.pop("us", _us("3880530121"))
    with pytest.raises(UserError, match=re.escape(message)):
        _answer(us, **kw)


def test_clean_text_and_reference_kind() -> None:
    assert clean_text("a\x00b\u200bc\ud800d\ufffee  f\n") == "a b c d e f"
    assert clean_text(None) == ""
    assert reference_kind(INVOICE_UUID.upper()) == REFERENCE_UUID
    assert reference_kind(" GIB2009000000011 ") == REFERENCE_NUMBER
    assert reference_kind("Yanıta konu olan Fatura UUID(ETTN)") == REFERENCE_UNKNOWN


# --- signing, GİB's rules, the envelope ---------------------------------------------------

@pytest.mark.parametrize("code", [KABUL, RED])
def test_signed_answer_passes_gib_xsd_and_schematron(
    validator: InvoiceValidator, signed_answers: dict[str, bytes], code: str,
) -> None:
    report = validator.validate_application_response(signed_answers[code])
    assert report.ok, [str(p) for p in report.problems]


@pytest.mark.parametrize("code", [KABUL, RED])
def test_signed_answer_verifies(softhsm: SoftHsmToken, signed_answers: dict[str, bytes],
                                code: str) -> None:
    signed = signed_answers[code]
    root = etree.fromstring(signed)
    sig = root.find("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/ds:Signature", NS)
    assert sig is not None and sig.get("Id") == answer_signature_id(ANSWER_UUID)
    refs = sig.findall("ds:SignedInfo/ds:Reference", NS)
    assert refs[0].get("URI") == ""  # the whole answer is covered
    result = verify_document(signed, trust=softhsm.trust())
    assert result.valid, result.problems
    assert result.signer_vkn_tckn == softhsm.vkn
    assert result.trust is not None and result.trust.document_owner == softhsm.vkn
    tampered = signed.replace(INVOICE_UUID.encode(), b"f47ac10b-58cc-4372-a567-0e02b2c3d470", 1)
    assert tampered != signed and not verify_document(tampered, trust=softhsm.trust()).intact
    answer = read_answer(signed)
    assert answer.signed and answer.code == code


def test_answer_in_a_postbox_envelope_passes_gib_rules(
    validator: InvoiceValidator, softhsm: SoftHsmToken, signed_answers: dict[str, bytes],
) -> None:
    us_pk = EnvelopeParty(softhsm.vkn, "urn:mail:defaultpk@deneme.com.tr", COMPANY_NAME)
    envelope = build_envelope(
        [signed_answers[RED]], sender=us_pk, receiver=SELLER_GB,
        envelope_uuid="6f2b5c1e-2222-4000-8000-000000000002", created=CREATED,
        document_type="APPLICATIONRESPONSE", envelope_type=POSTBOX_ENVELOPE,
    )
    report = validator.validate_envelope(envelope)
    assert report.ok, [str(p) for p in report.problems]
    [inside] = extract_documents(envelope)
    assert verify_document(inside, trust=softhsm.trust()).valid
    assert read_answer(envelope).code == RED

    # ARSenderCheck: the envelope's sender must be the answer's SenderParty.
    stranger = EnvelopeParty("9205121120", "urn:mail:defaultpk@bbb.com.tr", "BBB")
    wrong = build_envelope(
        [signed_answers[RED]], sender=stranger, receiver=SELLER_GB,
        envelope_uuid="6f2b5c1e-2222-4000-8000-000000000003", created=CREATED,
        document_type="APPLICATIONRESPONSE", envelope_type=POSTBOX_ENVELOPE,
    )
    problems = validator.validate_envelope(wrong).problems
    assert any("uygulama yanıtınını düzenleyen" in p.message for p in problems), problems


# --- reading -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("package", "name", "code", "document_id", "kind", "sender", "receiver", "reason"),
    [
        ("UBLTR_1.2.1_Paketi", "KabulUygulamaYanitiOrnegi.xml", KABUL, "GIB2009000000011",
         REFERENCE_NUMBER, "9205121120", "1288331521", "FATURAKABUL"),
        ("UBLTR_1.2.1_Paketi", "RedUygulamaYanitiOrnegi.xml", RED, "GIB2009000000011",
         REFERENCE_NUMBER, "9205121120", "1288331521",
         "FATURARED — Fatura satış anlaşmasına uygun fiyatlandırılmaması nedeniyle reddedilmiştir"),
        ("e-FaturaPaketi", "2_UYGULAMA_YANITI_KABUL.xml", KABUL,
         "2d07cab5-bf97-4af5-96f8-ab45671a5e2e", REFERENCE_UUID, "9999999999", "9999999999",
         "Fatura kabul edildi."),
        ("e-FaturaPaketi", "3_UYGULAMA_YANITI_RED.xml", RED,
         "d299a547-708c-4d7b-8478-5a0dd3a13d70", REFERENCE_UUID, "9999999999", "9999999999",
         "Fatura red edildi."),
        ("e-FaturaPaketi", "2_UYGULAMA_YANITI_KABUL_ZARF.xml", KABUL,
         "2d07cab5-bf97-4af5-96f8-ab45671a5e2e", REFERENCE_UUID, "9999999999", "9999999999",
         "Fatura kabul edildi."),
        ("e-FaturaPaketi", "3_UYGULAMA_YANITI_RED_ZARF.xml", RED,
         "d299a547-708c-4d7b-8478-5a0dd3a13d70", REFERENCE_UUID, "9999999999", "9999999999",
         "Fatura red edildi."),
    ],
)
def test_gib_samples_are_read(gib_unpacked: Path, package: str, name: str, code: str,
                              document_id: str, kind: str, sender: str, receiver: str,
                              reason: str) -> None:
    answer = read_answer((gib_unpacked / package / "xml" / name).read_bytes())
    assert answer.code == code and answer.known_code
    assert answer.document_id == document_id and answer.document_id_kind == kind
    assert answer.sender.vkn_tckn == sender and answer.sender.scheme == "VKN"
    assert answer.receiver.vkn_tckn == receiver
    assert answer.reason == reason
    assert answer.issue_date and answer.issue_time and answer.uuid and answer.id
    assert answer.document_issue_date in ("2009-01-05", "2013-06-19")


def test_kabul_sample_details(ubl_samples_dir: Path) -> None:
    answer = read_answer((ubl_samples_dir / "KabulUygulamaYanitiOrnegi.xml").read_bytes())
    assert (answer.id, answer.uuid) == ("GIB2009000000002", "c9ad1370-3581-11de-b418-0800200c9a66")
    assert (answer.issue_date, answer.issue_time) == ("2009-01-06", "14:42:00")
    assert answer.sender.name == "BBB Limited Şirketi"  # double space collapsed
    assert answer.receiver.name == "AAA Anonim Şirketi"
    assert answer.notes == ("Fatura Kabul Edilmiştir.",)
    assert answer.profile_id == "TicariFatura" and not answer.signed


def test_own_answer_reads_back() -> None:
    data = _answer(_us("3880530121"), code=RED, reason="Fiyat farkı",
                   answer_id="TZG2026000000007")
    answer = read_answer(data)
    assert answer.code == RED and answer.reason == "Fiyat farkı"
    assert answer.document_id == INVOICE_UUID and answer.document_id_kind == REFERENCE_UUID
    assert answer.document_issue_date == "2026-11-20" and answer.document_type_code == "FATURA"
    assert (answer.sender.vkn_tckn, answer.sender.name) == ("3880530121", COMPANY_NAME)
    assert (answer.receiver.vkn_tckn, answer.receiver.name) == (SELLER.vkn_tckn, SELLER.name)
    assert (answer.id, answer.uuid) == ("TZG2026000000007", ANSWER_UUID)
    assert (answer.issue_date, answer.issue_time) == ("2026-11-28", "12:00:00")
    assert answer.notes == ("Fiyat farkı", f"Fatura No: {INVOICE_NUMBER}")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>",
         "uygulama yanıtı \\(ApplicationResponse\\) değil"),
        (f"<ApplicationResponse xmlns='{APPLICATION_RESPONSE}'/>".encode(), "DocumentResponse yok"),
        (f"<ApplicationResponse xmlns='{APPLICATION_RESPONSE}' xmlns:cac='{CAC}'>"
         "<cac:DocumentResponse/><cac:DocumentResponse/></ApplicationResponse>".encode(),
         "2 DocumentResponse"),
        (b"<sh:StandardBusinessDocument xmlns:sh='http://www.unece.org/cefact/namespaces/"
         b"StandardBusinessDocumentHeader'/>", "Zarfta uygulama yanıtı"),
        (b"<!DOCTYPE x [<!ENTITY e 'x'>]><x>&e;</x>", "DOCTYPE"),
        (b"", "Dosya boş"),
        (b"<a", "XML"),
    ],
)
def test_what_is_not_an_answer_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(UserError, match=message):
        read_answer(data)


def test_invoice_sample_is_not_an_answer(ubl_samples_dir: Path) -> None:
    with pytest.raises(UserError, match="kök eleman 'Invoice'"):
        read_answer((ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes())


# --- the posta kutusu's own system response (test plan §3.2 f, g) -------------------------

@pytest.mark.parametrize(
    ("code", "description", "sender_vkn"),
    [
        (1200, "ZARF BASARIYLA ISLENDI", "9205121120"),
        (1160, "XML SEMA KONTROLUNDEN GECEMEDI: ayrıntı & <açıklama>", "9205121120"),
        (1163, "IMZA SAHIBI TCKN VKN ALINAMADI", "10000000146"),  # a sole proprietor's PK
    ],
)
def test_postbox_system_envelope_passes_gib_rules(
    validator: InvoiceValidator, code: int, description: str, sender_vkn: str,
) -> None:
    envelope = build_system_envelope(
        envelope_id="6f2b5c1e-1111-4000-8000-000000000009", envelope_date="2026-11-27",
        code=code, description=description,
        sender=EnvelopeParty(sender_vkn, "urn:mail:defaultpk@bbb.com.tr", "BBB Limited Şirketi"),
        receiver=SELLER_GB, created=datetime(2026, 11, 27, 10, 0, 0),
    )
    report = validator.validate_envelope(envelope)
    assert report.ok, [str(p) for p in report.problems]
    [inner] = extract_documents(envelope)
    report = validator.validate_application_response(inner)
    assert report.ok, [str(p) for p in report.problems]
    res = parse_system_response(envelope)
    assert res.status_code == code and res.description == description
    answer = read_answer(envelope)  # the generic reader sees a system response too
    assert answer.code == "S_APR" and answer.document_id == "6f2b5c1e-1111-4000-8000-000000000009"
