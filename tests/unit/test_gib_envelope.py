"""The envelope (Ek-1): structure, byte-exact invoices, XSD validity, zip and MD5."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from app.domain.errors import UserError
from app.gib.envelope import (
    EF,
    SH,
    EnvelopeParty,
    build_envelope,
    extract_documents,
    parse_envelope,
    strip_xml_declaration,
)
from app.gib.package import zip_envelope
from tests.fixtures.simulator import RECEIVER, SENDER

CREATED = datetime(2026, 11, 27, 14, 47, 55)


@pytest.fixture(scope="module")
def envelope_schema(installed_rules_dir: Path) -> etree.XMLSchema:
    from app.ubl.rules import RulesStore

    return etree.XMLSchema(etree.parse(str(RulesStore(installed_rules_dir).envelope_xsd())))


def _build(invoices: list[bytes], **kw) -> tuple[str, bytes]:
    env_id = kw.pop("envelope_uuid", str(uuid.uuid4()))
    data = build_envelope(invoices, sender=kw.pop("sender", SENDER),
                          receiver=kw.pop("receiver", RECEIVER), envelope_uuid=env_id,
                          created=CREATED, **kw)
    return env_id, data


def test_header_follows_ek1(make_gib_invoice) -> None:
    env_id, data = _build([make_gib_invoice(signed=False)])
    root = etree.fromstring(data)
    n = {"sh": SH, "ef": EF}
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == \
        f"{SH} PackageProxy_1_2.xsd"
    assert root.xpath("string(sh:StandardBusinessDocumentHeader/sh:HeaderVersion)", namespaces=n) == "1.0"
    ident = "sh:StandardBusinessDocumentHeader/sh:DocumentIdentification/"
    assert root.xpath(f"string({ident}sh:Standard)", namespaces=n) == "UBL-TR"
    assert root.xpath(f"string({ident}sh:TypeVersion)", namespaces=n) == "1.2"
    assert root.xpath(f"string({ident}sh:InstanceIdentifier)", namespaces=n) == env_id
    assert root.xpath(f"string({ident}sh:Type)", namespaces=n) == "SENDERENVELOPE"
    assert root.xpath(f"string({ident}sh:CreationDateAndTime)", namespaces=n) == "2026-11-27T14:47:55"
    header = parse_envelope(data)
    assert header.sender == SENDER and header.receiver == RECEIVER
    assert header.element_type == "INVOICE" and header.element_count == 1
    # VKN_TCKN is mandatory, UNVAN extra (Ek-1 §3.1.1)
    kinds = root.xpath("//sh:Sender/sh:ContactInformation/sh:ContactTypeIdentifier/text()", namespaces=n)
    assert kinds == ["VKN_TCKN", "UNVAN"]


def test_envelope_validates_against_gibs_envelope_xsd(make_gib_invoice, envelope_schema) -> None:
    _, data = _build([make_gib_invoice() for _ in range(3)])
    doc = etree.fromstring(data)
    assert envelope_schema.validate(doc), envelope_schema.error_log
    broken = data.replace(b"<sh:HeaderVersion>1.0</sh:HeaderVersion>", b"")
    assert not envelope_schema.validate(etree.fromstring(broken))


def test_envelope_passes_the_validator(make_gib_invoice, installed_rules_dir) -> None:
    from app.ubl.validate import get_validator

    _, data = _build([make_gib_invoice()])
    report = get_validator(installed_rules_dir).validate_envelope(data)
    assert report.ok, [str(p) for p in report.problems]


def test_invoices_are_inserted_byte_exact(make_gib_invoice, gib_trust) -> None:
    from app.signing.verify import verify_document

    invoices = [make_gib_invoice() for _ in range(2)]
    _, data = _build(invoices)
    for original in invoices:
        body = strip_xml_declaration(original)
        assert data.count(body) == 1
    extracted = extract_documents(data)
    assert extracted == [strip_xml_declaration(i) for i in invoices]
    assert all(verify_document(x, trust=gib_trust).valid for x in extracted)


def test_limits_and_mistakes_are_refused_in_turkish(make_gib_invoice) -> None:
    inv = make_gib_invoice(signed=False)
    with pytest.raises(UserError, match="en az bir"):
        _build([])
    with pytest.raises(UserError, match="en fazla 100"):
        _build([inv] * 101)
    with pytest.raises(UserError, match="GUID"):
        _build([inv], envelope_uuid="zarf-1")
    with pytest.raises(UserError, match="aynı değil"):
        _build([inv], receiver=EnvelopeParty("1111111111", "urn:mail:defaultpk@x.com"))
    with pytest.raises(UserError, match="etiket"):
        _build([inv], receiver=EnvelopeParty(RECEIVER.vkn_tckn, " "))
    with pytest.raises(UserError, match="işleme talimatı"):
        _build([b'<?xml version="1.0"?>\n<?xml-stylesheet href="a.xslt"?>' + strip_xml_declaration(inv)])
    with pytest.raises(UserError, match="UTF-8"):
        _build([b'<?xml version="1.0" encoding="ISO-8859-9"?>' + strip_xml_declaration(inv)])
    with pytest.raises(UserError, match="fatura"):
        _build([b"<Other/>"])


def test_one_hundred_invoices_fit(make_gib_invoice) -> None:
    inv = make_gib_invoice(signed=False)
    _, data = _build([inv] * 100)
    header = parse_envelope(data)
    assert header.element_count == 100 and len(header.documents) == 100
    assert len(extract_documents(data)) == 100


def test_zip_holds_one_entry_named_after_the_envelope(make_gib_invoice) -> None:
    env_id, data = _build([make_gib_invoice(signed=False)])
    z, md5 = zip_envelope(data, env_id, timestamp=CREATED)
    assert md5 == hashlib.md5(z).hexdigest() and md5 == md5.lower() and len(md5) == 32
    with zipfile.ZipFile(io.BytesIO(z)) as zf:
        assert zf.namelist() == [f"{env_id}.xml"]
        assert zf.read(f"{env_id}.xml") == data
        assert zf.infolist()[0].compress_type == zipfile.ZIP_DEFLATED
    assert zip_envelope(data, env_id, timestamp=CREATED) == (z, md5)  # repeatable
    with pytest.raises(UserError):
        zip_envelope(data, "not-a-uuid")


def test_extracting_gibs_sample_envelope(efatura_samples_dir: Path) -> None:
    data = (efatura_samples_dir / "1_TEMEL_FATURA_ZARF.xml").read_bytes()
    docs = extract_documents(data)
    assert len(docs) == 1 and docs[0].startswith(b"<Invoice ")
    assert docs[0].rstrip().endswith(b"</Invoice>")
    header = parse_envelope(data)
    assert header.instance_identifier == "e002da78-223f-438c-addb-16badeb047b5"
    assert header.sender.alias == "urn:mail:defaultgb@gib.gov.tr"
    assert header.receiver.vkn_tckn == "9999999999"


def test_extraction_is_not_fooled_by_markup_inside_documents() -> None:
    inner = (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" a="x>y">'
             b"<!-- </Invoice> in a comment --><![CDATA[</Invoice> <b>]]>"
             b"<?pi </Invoice>?><Empty/><Note q='a/>b'>t &gt; u</Note></Invoice>")
    envelope = (b'<?xml version="1.0" encoding="UTF-8"?><sh:StandardBusinessDocument xmlns:sh="'
                + SH.encode() + b'"><Elements><ElementList>\n<!-- c -->' + inner + b"\n"
                + inner + b"</ElementList></Elements></sh:StandardBusinessDocument>")
    assert extract_documents(envelope) == [inner, inner]
    with pytest.raises(UserError):
        extract_documents(b"<a><ElementList><Invoice><x></Invoice></ElementList></a>")
