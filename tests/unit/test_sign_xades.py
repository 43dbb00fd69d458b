"""XAdES signing with the demo PKCS#12 certificate: shape, verification, tampering."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from lxml import etree

from app import clock
from app.signing import (
    UnsignableDocumentError,
    create_test_certificate,
    open_signer,
    sign_invoice,
    verify_document,
)
from app.signing.xades import format_signing_time
from app.ubl.namespaces import CAC, CBC, DS, EXT, XADES
from tests.fixtures.token import COMPANY_VKN, demo_trust

NS = {"ds": DS, "xades": XADES, "ext": EXT, "cac": CAC, "cbc": CBC}
SP_ID_ATTR = "http://uri.etsi.org/01903/v1.3.2#:SignedProperties"


def xmlsec_verify(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["xmlsec1", "--verify", "--insecure", "--id-attr:Id", SP_ID_ATTR, str(path)],
        capture_output=True, text=True,
    )


#: The moment this module's invoice is signed at, set through the core's clock; the demo
#: certificate is made under the same clock, so the test passes whatever today's date is.
SIGNING_MOMENT = datetime(2026, 11, 27, 11, 47, 55, 311000, UTC)


@pytest.fixture(scope="module")
def clock_signer(tmp_path_factory: pytest.TempPathFactory):
    from tests.fixtures.token import COMPANY_NAME, COMPANY_VKN

    data_dir = tmp_path_factory.mktemp("clock-signer")
    with clock.frozen_at(SIGNING_MOMENT):
        return data_dir, create_test_certificate(data_dir, COMPANY_VKN, COMPANY_NAME)


@pytest.fixture(scope="module")
def signed(clock_signer, unsigned_invoice: bytes) -> bytes:
    _data_dir, cfg = clock_signer
    with clock.frozen_at(SIGNING_MOMENT), open_signer(cfg, None) as signer:
        return sign_invoice(unsigned_invoice, signer)


def test_shape_matches_gib(signed: bytes, clock_signer) -> None:
    root = etree.fromstring(signed)
    content = root.find("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent", NS)
    assert len(content) == 1 and content.text is None
    sig = content[0]
    assert sig.tag == f"{{{DS}}}Signature"
    assert sig.get("Id") == "Signature_GIB2009000000011"
    uri = root.findtext("cac:Signature/cac:DigitalSignatureAttachment/cac:ExternalReference/cbc:URI", namespaces=NS)
    assert uri == "#" + sig.get("Id")
    si = sig.find("ds:SignedInfo", NS)
    assert si.find("ds:CanonicalizationMethod", NS).get("Algorithm") == (
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments")
    assert si.find("ds:SignatureMethod", NS).get("Algorithm") == (
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
    refs = si.findall("ds:Reference", NS)
    assert len(refs) == 2 and refs[0].get("URI") == ""
    assert [t.get("Algorithm") for t in refs[0].findall("ds:Transforms/ds:Transform", NS)] == [
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature"]
    assert refs[1].get("Type") == "http://uri.etsi.org/01903#SignedProperties"
    assert refs[1].find("ds:Transforms", NS) is None
    sp = sig.find("ds:Object/xades:QualifyingProperties/xades:SignedProperties", NS)
    assert refs[1].get("URI") == "#" + sp.get("Id")
    assert sig.find("ds:Object/xades:QualifyingProperties", NS).get("Target") == "#" + sig.get("Id")
    for r in refs:
        assert r.find("ds:DigestMethod", NS).get("Algorithm") == "http://www.w3.org/2001/04/xmlenc#sha256"
    ki = sig.find("ds:KeyInfo", NS)
    assert [etree.QName(c).localname for c in ki] == ["KeyValue", "X509Data"]
    assert ki.find("ds:KeyValue/ds:RSAKeyValue/ds:Modulus", NS) is not None
    assert ki.findtext("ds:X509Data/ds:X509SubjectName", namespaces=NS).strip()
    ssp = sp.find("xades:SignedSignatureProperties", NS)
    assert ssp.findtext("xades:SigningTime", namespaces=NS) == "2026-11-27T14:47:55.311+03:00"
    assert ssp.find("xades:SigningCertificateV2", NS) is None
    cert_el = ssp.find("xades:SigningCertificate/xades:Cert", NS)
    _data_dir, cfg = clock_signer
    with clock.frozen_at(SIGNING_MOMENT), open_signer(cfg, None) as signer:
        der = signer.certificate_der
        serial = signer.certificate.serial_number
    assert cert_el.findtext("xades:CertDigest/ds:DigestValue", namespaces=NS) == (
        base64.b64encode(hashlib.sha256(der).digest()).decode())
    assert cert_el.findtext("xades:IssuerSerial/ds:X509SerialNumber", namespaces=NS) == str(serial)
    assert ssp.findtext("xades:SignerRole/xades:ClaimedRoles/xades:ClaimedRole", namespaces=NS) == "Tedarikçi"


def test_signed_invoice_verifies_with_tezgah_and_xmlsec1(signed: bytes, clock_signer,
                                                         tmp_path: Path) -> None:
    r = verify_document(signed, trust=demo_trust(clock_signer[0]))
    assert r.valid, r.problems
    assert r.trust is not None and r.trust.chain_trusted and r.trust.revocation_checked
    assert r.gib_notes == []
    assert r.signer_vkn_tckn == "3880530121"
    assert r.signing_time == SIGNING_MOMENT
    path = tmp_path / "signed.xml"
    path.write_bytes(signed)
    out = xmlsec_verify(path)
    assert out.returncode == 0, out.stderr
    assert "SignedInfo References (ok/all): 2/2" in out.stderr


def test_signed_invoice_passes_gib_xsd(signed: bytes, gib_unpacked: Path) -> None:
    xsd = gib_unpacked / "UBLTR_1.2.1_Paketi" / "xsdrt" / "maindoc" / "UBL-Invoice-2.1.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(etree.fromstring(signed)), schema.error_log


def _amount_tampered(signed: bytes) -> bytes:
    m = re.search(rb'(<cbc:PayableAmount currencyID="TRY">)(\d)', signed)
    assert m
    digit = b"9" if m.group(2) != b"9" else b"8"
    return signed[: m.start(2)] + digit + signed[m.end(2):]


def _line_removed(signed: bytes) -> bytes:
    start = signed.index(b"<cac:InvoiceLine>")
    end = signed.index(b"</cac:InvoiceLine>", start) + len(b"</cac:InvoiceLine>")
    return signed[:start] + signed[end:]


def _certificate_swapped(signed: bytes, other_der: bytes) -> bytes:
    return re.sub(
        rb"<ds:X509Certificate>[^<]+</ds:X509Certificate>",
        b"<ds:X509Certificate>" + base64.b64encode(other_der) + b"</ds:X509Certificate>",
        signed,
    )


def _key_swapped(signed: bytes, other_der: bytes) -> bytes:
    """Certificate and KeyValue both replaced: a signature claimed by another key."""
    from cryptography import x509

    pub = x509.load_der_x509_certificate(other_der).public_key().public_numbers()
    n = pub.n.to_bytes((pub.n.bit_length() + 7) // 8, "big")
    out = _certificate_swapped(signed, other_der)
    return re.sub(rb"<ds:Modulus>[^<]+</ds:Modulus>",
                  b"<ds:Modulus>" + base64.b64encode(n) + b"</ds:Modulus>", out)


def _time_changed(signed: bytes) -> bytes:
    return signed.replace(b"2026-11-27T14:47:55.311+03:00", b"2026-11-27T14:47:56.311+03:00")


@pytest.fixture(scope="module")
def other_certificate_der(tmp_path_factory) -> bytes:
    from app.signing.testcert import issue_certificate, make_test_ca

    ca_key, ca = make_test_ca()
    _key, cert = issue_certificate(ca_key, ca, vkn_tckn="3880530121", name="Sahte A.Ş.")
    return cert.public_bytes(serialization.Encoding.DER)


@pytest.mark.parametrize("tamper", ["amount", "line", "certificate", "key", "signing_time"])
def test_tampering_is_detected_by_tezgah_and_xmlsec1(
    signed: bytes, clock_signer, other_certificate_der: bytes, tmp_path: Path, tamper: str
) -> None:
    bad = {
        "amount": lambda: _amount_tampered(signed),
        "line": lambda: _line_removed(signed),
        "certificate": lambda: _certificate_swapped(signed, other_certificate_der),
        "key": lambda: _key_swapped(signed, other_certificate_der),
        "signing_time": lambda: _time_changed(signed),
    }[tamper]()
    assert bad != signed
    r = verify_document(bad, trust=demo_trust(clock_signer[0]))
    assert not r.valid and not r.intact
    if tamper in ("amount", "line"):
        assert not r.document_digest_ok and r.signature_value_ok and r.signed_properties_digest_ok
    elif tamper in ("certificate", "key"):
        assert not r.signature_value_ok and not r.cert_digest_ok
    else:
        assert not r.signed_properties_digest_ok and r.document_digest_ok
    if tamper == "certificate":
        # Only the X509Certificate swapped: XMLDSig core (xmlsec1) checks against the
        # KeyValue and does not bind the certificate; XAdES SigningCertificate does, which
        # Tezgâh checks above.
        return
    path = tmp_path / "bad.xml"
    path.write_bytes(bad)
    assert xmlsec_verify(path).returncode != 0


def test_signing_is_byte_stable_for_the_same_input(demo_signer, unsigned_invoice: bytes) -> None:
    _d, cfg = demo_signer
    t = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    with open_signer(cfg, None) as s:
        a = sign_invoice(unsigned_invoice, s, signing_time=t)
        b = sign_invoice(unsigned_invoice, s, signing_time=t)
    # RSA PKCS#1 v1.5 is deterministic: same input, same bytes.
    assert a == b
    assert a.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')


def test_signing_time_is_turkish_local_time() -> None:
    assert format_signing_time(datetime(2026, 11, 27, 21, 30, 0, 5000, UTC)) == (
        "2026-11-28T00:30:00.005+03:00")
    # A naive time is taken as Türkiye local time.
    assert format_signing_time(datetime(2026, 6, 1, 9, 0, 0)) == "2026-06-01T09:00:00.000+03:00"


def test_document_without_signature_place_is_refused(demo_signer, unsigned_invoice: bytes) -> None:
    _d, cfg = demo_signer
    no_ext = re.sub(rb"<ext:UBLExtensions>.*?</ext:UBLExtensions>", b"", unsigned_invoice, flags=re.S)
    bad_uri = unsigned_invoice.replace(b"<cbc:URI>#Signature_GIB2009000000011</cbc:URI>",
                                       b"<cbc:URI>Signature_GIB2009000000011</cbc:URI>")
    with open_signer(cfg, None) as s:
        with pytest.raises(UnsignableDocumentError, match="UBLExtensions"):
            sign_invoice(no_ext, s)
        with pytest.raises(UnsignableDocumentError, match="cbc:URI"):
            sign_invoice(bad_uri, s)
        once = sign_invoice(unsigned_invoice, s)
        with pytest.raises(UnsignableDocumentError, match="zaten"):
            sign_invoice(once, s)


def test_application_response_is_signed_the_same_way(
    demo_signer, unsigned_invoice: bytes, ubl_samples_dir: Path, gib_unpacked: Path, tmp_path: Path
) -> None:
    """GİB's KabulUygulamaYanitiOrnegi.xml (no xmlns:xades on its root) with a cac:Signature."""
    data = (ubl_samples_dir / "KabulUygulamaYanitiOrnegi.xml").read_bytes()
    data = data.replace(b"<n4:auto-generated_for_wildcard/>", b"")
    # The invoice sample's cac:Signature (with its SignatoryParty), pointing at a new Id.
    start = unsigned_invoice.index(b"<cac:Signature>")
    end = unsigned_invoice.index(b"</cac:Signature>") + len(b"</cac:Signature>")
    sig = unsigned_invoice[start:end].replace(b"#Signature_GIB2009000000011", b"#Signature_AR1")
    data = data.replace(b"<cac:SenderParty>", sig + b"<cac:SenderParty>", 1)
    # The response is sent (and so sealed) by the company the demo certificate belongs to.
    data = data.replace(b'<cbc:ID schemeID="VKN">9205121120</cbc:ID>',
                        f'<cbc:ID schemeID="VKN">{COMPANY_VKN}</cbc:ID>'.encode(), 1)
    data_dir, cfg = demo_signer
    with open_signer(cfg, None) as s:
        signed = sign_invoice(data, s)
    r = verify_document(signed, trust=demo_trust(data_dir))
    assert r.valid and r.document_type == "ApplicationResponse", r.problems
    xsd = gib_unpacked / "UBLTR_1.2.1_Paketi" / "xsdrt" / "maindoc" / "UBL-ApplicationResponse-2.1.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(etree.fromstring(signed)), schema.error_log
    path = tmp_path / "ar.xml"
    path.write_bytes(signed)
    assert xmlsec_verify(path).returncode == 0


def test_deviations_from_gib_shape_are_noted(signed: bytes) -> None:
    extra = signed.replace(
        b'<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>',
        b'<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
        b'<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>', 1)
    r = verify_document(extra)
    assert any("2 dönüşüm" in n for n in r.gib_notes)
    assert not r.valid  # SignedInfo changed, so the signature value fails as well


def test_envelope_without_documents_is_an_invalid_result_not_a_crash(efatura_samples_dir: Path) -> None:
    data = (efatura_samples_dir / "4_KULLANICI_ACMA_ZARF.xml").read_bytes()
    root = etree.fromstring(data)
    [element_list] = root.iter("ElementList")
    for child in list(element_list):
        element_list.remove(child)
    r = verify_document(etree.tostring(root))
    assert not r.valid
    assert r.problems == ["Zarfın içinde imzalı belge yok (ElementList boş)."]
