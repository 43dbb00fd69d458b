"""XAdES-T and XAdES-A on a really signed invoice (the demo certificate), time-stamped by the
local test TSA over HTTP on 127.0.0.1: byte-preserving, verified by ``verify_document`` and
the token by ``openssl ts -verify``; a changed SignatureValue breaks the time-stamp."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from cryptography import x509
from lxml import etree

from app import clock
from app.gib.simulator.tsa import TestTimeStampAuthority
from app.signing import (
    LEVELS,
    TEST_CA_FILE,
    TEST_CRL_FILE,
    TsaConfig,
    TsaUnreachableError,
    UnsignableDocumentError,
    add_signature_timestamp,
    apply_level,
    create_test_certificate,
    open_signer,
    sign_invoice,
    verify_document,
)
from app.trust import TrustStore
from app.ubl.namespaces import DS, XADES
from tests.fixtures.token import COMPANY_NAME, COMPANY_VKN, demo_trust

pytestmark = pytest.mark.needs_http

NS = {"ds": DS, "xades": XADES, "xades141": "http://uri.etsi.org/01903/v1.4.1#"}
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
SIGN_MOMENT = datetime(2026, 11, 28, 12, 10, 0, tzinfo=clock.ISTANBUL)
STAMP_MOMENT = datetime(2026, 11, 28, 12, 11, 7, tzinfo=clock.ISTANBUL)
ARCHIVE_MOMENT = datetime(2026, 11, 28, 12, 20, 0, tzinfo=clock.ISTANBUL)


@pytest.fixture(scope="module")
def tsa() -> Iterator[TestTimeStampAuthority]:
    with clock.frozen_at(SIGN_MOMENT), TestTimeStampAuthority() as t:
        yield t


@pytest.fixture(scope="module")
def signer_dir(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    data_dir = tmp_path_factory.mktemp("xades-t")
    with clock.frozen_at(SIGN_MOMENT):
        return data_dir, create_test_certificate(data_dir, COMPANY_VKN, COMPANY_NAME)


@pytest.fixture(scope="module")
def signed(signer_dir, unsigned_invoice: bytes) -> bytes:  # type: ignore[no-untyped-def]
    _data_dir, cfg = signer_dir
    with clock.frozen_at(SIGN_MOMENT), open_signer(cfg, None) as signer:
        return sign_invoice(unsigned_invoice, signer)


@pytest.fixture(scope="module")
def stamped(signed: bytes, tsa: TestTimeStampAuthority) -> bytes:
    with clock.frozen_at(STAMP_MOMENT):
        return add_signature_timestamp(signed, TsaConfig(tsa.url))


@pytest.fixture(scope="module")
def trust(signer_dir, tsa: TestTimeStampAuthority,  # type: ignore[no-untyped-def]
          tmp_path_factory: pytest.TempPathFactory) -> TrustStore:
    data_dir, _cfg = signer_dir
    ca = tmp_path_factory.mktemp("tsa-ca") / "tsa-ca.pem"
    ca.write_bytes(tsa.ca_pem())
    return demo_trust(data_dir).with_files([ca])


def _token(doc: bytes, prop: str = "xades:SignatureTimeStamp") -> bytes:
    root = etree.fromstring(doc)
    text = root.xpath(f"//{prop}/xades:EncapsulatedTimeStamp/text()", namespaces=NS)
    assert len(text) == 1
    return base64.b64decode(text[0])


def _flip_signature_value_byte(doc: bytes) -> bytes:
    m = re.search(rb"<ds:SignatureValue[^>]*>([A-Za-z0-9+/]{8})", doc)
    assert m is not None
    pos = m.start(1) + 4
    new = b"B" if doc[pos:pos + 1] != b"B" else b"C"
    return doc[:pos] + new + doc[pos + 1:]


def test_signature_timestamp_is_added_byte_preserving(signed: bytes, stamped: bytes) -> None:
    added = re.findall(rb"<xades:UnsignedProperties>.*?</xades:UnsignedProperties>", stamped,
                       flags=re.S)
    assert len(added) == 1
    assert stamped.replace(added[0], b"") == signed
    assert stamped.index(added[0]) == stamped.index(b"</xades:QualifyingProperties>") - len(added[0])
    root = etree.fromstring(stamped)
    qp = root.find(".//xades:QualifyingProperties", NS)
    assert [etree.QName(c).localname for c in qp] == ["SignedProperties", "UnsignedProperties"]
    st = qp.find("xades:UnsignedProperties/xades:UnsignedSignatureProperties/"
                 "xades:SignatureTimeStamp", NS)
    assert st is not None and st.get("Id")
    assert [etree.QName(c).localname for c in st] == ["CanonicalizationMethod",
                                                      "EncapsulatedTimeStamp"]
    assert st.find("ds:CanonicalizationMethod", NS).get("Algorithm") == C14N


def test_xades_t_verifies_with_the_proven_time(stamped: bytes, trust: TrustStore) -> None:
    with clock.frozen_at(STAMP_MOMENT):
        res = verify_document(stamped, trust=trust)
    assert res.valid, res.problems
    assert res.level == "T"
    assert res.signature_timestamp_ok is True
    assert res.timestamp_time == STAMP_MOMENT
    assert res.timestamp_trusted is True
    assert res.timestamp_tsa and "Zaman Damgası" in res.timestamp_tsa
    assert res.signing_time == SIGN_MOMENT
    assert res.to_dict()["timestamp_time"] == STAMP_MOMENT.isoformat()
    assert res.archive_timestamp_ok is None


def test_bes_signature_reports_no_timestamp(signed: bytes) -> None:
    res = verify_document(signed)
    assert res.level == "BES"
    assert res.signature_timestamp_ok is None and res.timestamp_time is None


def test_untrusted_tsa_keeps_the_signature_intact_but_not_valid(
        stamped: bytes, signer_dir) -> None:  # type: ignore[no-untyped-def]
    data_dir, _cfg = signer_dir
    res = verify_document(stamped, trust=demo_trust(data_dir))
    assert res.intact and res.signature_timestamp_ok is True
    assert res.timestamp_trusted is False and not res.valid
    assert any("zaman damgası sunucusunun sertifikasına güvenilmiyor" in p.lower()
               for p in res.problems)


def test_token_verifies_with_openssl(stamped: bytes, tsa: TestTimeStampAuthority,
                                     tmp_path: Path) -> None:
    root = etree.fromstring(stamped)
    sv = root.find(".//ds:SignatureValue", NS)
    # the stamped data: the SignatureValue element canonicalised in the document's context
    data = etree.tostring(sv, method="c14n", exclusive=False, with_comments=False)
    assert data.startswith(b"<ds:SignatureValue")
    token = _token(stamped)
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    (tmp_path / "sv.xml").write_bytes(data)
    (tmp_path / "token.der").write_bytes(token)
    (tmp_path / "ca.pem").write_bytes(tsa.ca_pem())
    (tmp_path / "tsa.pem").write_bytes(tsa.certificate_pem())
    common = ["-in", str(tmp_path / "token.der"), "-token_in", "-CAfile",
              str(tmp_path / "ca.pem"), "-untrusted", str(tmp_path / "tsa.pem")]
    done = subprocess.run(["openssl", "ts", "-verify", "-data", str(tmp_path / "sv.xml"),
                           *common], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Verification: OK" in done.stdout
    digest = hashlib.sha256(data).hexdigest()
    done = subprocess.run(["openssl", "ts", "-verify", "-digest", digest, *common],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_changed_signature_value_breaks_the_timestamp(stamped: bytes, trust: TrustStore) -> None:
    tampered = _flip_signature_value_byte(stamped)
    res = verify_document(tampered, trust=trust)
    assert res.signature_timestamp_ok is False
    assert res.timestamp_time is None
    assert not res.valid and not res.intact
    assert any(p.startswith("İmza zaman damgası (xades:SignatureTimeStamp) doğrulanamadı")
               and "başka bir veriye ait" in p for p in res.problems)


def test_changed_token_breaks_the_timestamp(stamped: bytes) -> None:
    token = _token(stamped)
    b64 = base64.b64encode(token)
    broken = bytearray(token)
    broken[-5] ^= 1  # inside the signature of the token
    res = verify_document(stamped.replace(b64, base64.b64encode(bytes(broken))))
    assert res.signature_timestamp_ok is False
    assert any("imzası sertifikasındaki anahtarla doğrulanamadı" in p for p in res.problems)


def test_level_is_a_parameter(signed: bytes, tsa: TestTimeStampAuthority) -> None:
    assert LEVELS == ("BES", "T", "A")
    assert apply_level(signed, "BES", None) == signed
    with clock.frozen_at(STAMP_MOMENT):
        t = apply_level(signed, "T", TsaConfig(tsa.url))
    assert verify_document(t).level == "T"
    with pytest.raises(ValueError, match="level"):
        apply_level(signed, "X", TsaConfig(tsa.url))
    with pytest.raises(UnsignableDocumentError, match="TSA"):
        apply_level(signed, "T", None)
    with pytest.raises(UnsignableDocumentError, match="zaten"):
        add_signature_timestamp(t, TsaConfig(tsa.url))


def test_unsigned_document_cannot_be_stamped(unsigned_invoice: bytes,
                                             tsa: TestTimeStampAuthority) -> None:
    with pytest.raises(UnsignableDocumentError, match="imza"):
        add_signature_timestamp(unsigned_invoice, TsaConfig(tsa.url))


def test_tsa_failure_is_the_turkish_error(signed: bytes, tsa: TestTimeStampAuthority) -> None:
    tsa.fault = "http500"
    try:
        with pytest.raises(TsaUnreachableError, match="HTTP 500"):
            add_signature_timestamp(signed, TsaConfig(tsa.url))
    finally:
        tsa.fault = None


def test_xmlsec_still_verifies_the_stamped_signature(stamped: bytes, tmp_path: Path) -> None:
    if shutil.which("xmlsec1") is None:
        pytest.skip("xmlsec1 is not installed")
    path = tmp_path / "stamped.xml"
    path.write_bytes(stamped)
    done = subprocess.run(["xmlsec1", "--verify", "--insecure", "--id-attr:Id",
                           "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


# -- XAdES-A -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def archived(signed: bytes, signer_dir, tsa: TestTimeStampAuthority) -> bytes:  # type: ignore[no-untyped-def]
    data_dir, _cfg = signer_dir
    folder = Path(data_dir) / "signer"
    ca = x509.load_pem_x509_certificate((folder / TEST_CA_FILE).read_bytes())
    crl = x509.load_pem_x509_crl((folder / TEST_CRL_FILE).read_bytes())
    tsa_ca = x509.load_pem_x509_certificate(tsa.ca_pem())
    with clock.frozen_at(STAMP_MOMENT):
        t = apply_level(signed, "T", TsaConfig(tsa.url))
    with clock.frozen_at(ARCHIVE_MOMENT):
        return apply_level(t, "A", TsaConfig(tsa.url), certificates=[ca, tsa_ca], crls=[crl])


def test_xades_a_shape_and_verification(archived: bytes, signed: bytes,
                                        trust: TrustStore) -> None:
    root = etree.fromstring(archived)
    usp = root.find(".//xades:UnsignedSignatureProperties", NS)
    assert [etree.QName(c).localname for c in usp] == [
        "SignatureTimeStamp", "CompleteCertificateRefs", "CompleteRevocationRefs",
        "SigAndRefsTimeStamp", "CertificateValues", "RevocationValues", "ArchiveTimeStamp"]
    assert usp[-1].tag == "{http://uri.etsi.org/01903/v1.4.1#}ArchiveTimeStamp"
    # XAdES-C: the signer's CA (not the signer, which SigningCertificate names) and its CRL
    assert len(usp.findall("xades:CompleteCertificateRefs/xades:CertRefs/xades:Cert", NS)) == 1
    assert len(usp.findall("xades:CompleteRevocationRefs/xades:CRLRefs/xades:CRLRef", NS)) == 1
    # signer, TSA, the signer's CA and the TSA's CA, each once
    assert len(usp.findall("xades:CertificateValues/xades:EncapsulatedX509Certificate", NS)) == 4
    assert len(usp.findall("xades:RevocationValues/xades:CRLValues/"
                           "xades:EncapsulatedCRLValue", NS)) == 1
    added = re.findall(rb"<xades:UnsignedProperties>.*</xades:UnsignedProperties>", archived,
                       flags=re.S)
    assert archived.replace(added[0], b"") == signed
    with clock.frozen_at(ARCHIVE_MOMENT):
        res = verify_document(archived, trust=trust)
    assert res.valid, res.problems
    assert res.level == "A"
    assert res.signature_timestamp_ok is True and res.archive_timestamp_ok is True
    assert res.refs_timestamp_ok is True
    assert res.timestamp_time == STAMP_MOMENT
    assert res.archive_timestamp_time == ARCHIVE_MOMENT


def test_changed_certificate_values_break_the_archive_timestamp(archived: bytes) -> None:
    m = re.search(rb"<xades:EncapsulatedX509Certificate>([A-Za-z0-9+/]{8})", archived)
    assert m is not None
    pos = m.start(1) + 2
    tampered = archived[:pos] + (b"Q" if archived[pos:pos + 1] != b"Q" else b"R") + archived[pos + 1:]
    res = verify_document(tampered)
    assert res.signature_timestamp_ok is True
    assert res.archive_timestamp_ok is False
    assert any(p.startswith("Arşiv zaman damgası") for p in res.problems)


def test_level_a_is_not_applied_twice(archived: bytes, tsa: TestTimeStampAuthority) -> None:
    from app.signing import add_archive_timestamp

    assert apply_level(archived, "A", TsaConfig(tsa.url)) == archived
    assert apply_level(archived, "T", TsaConfig(tsa.url)) == archived
    with pytest.raises(UnsignableDocumentError, match="zaten bir arşiv zaman damgası"):
        add_archive_timestamp(archived, TsaConfig(tsa.url))


def test_archive_timestamp_covers_what_xades_141_lists(archived: bytes) -> None:
    """The archive time-stamp's imprint, recomputed here step by step (XAdES v1.4.1
    §8.2.1): the references' data, SignedInfo, SignatureValue, KeyInfo, then the unsigned
    signature properties before it; the signature has no other ds:Object."""
    from app.signing import check_token

    def c14n(node) -> bytes:  # type: ignore[no-untyped-def]
        return etree.tostring(node, method="c14n", exclusive=False, with_comments=False)

    root = etree.fromstring(archived)
    sig = root.find(".//ds:Signature", NS)
    without = etree.fromstring(archived)
    doomed = without.find(".//ds:Signature", NS)
    doomed.getparent().remove(doomed)  # ExtensionContent holds only it: no tail to keep
    parts = [c14n(without.getroottree()), c14n(sig.find(".//xades:SignedProperties", NS))]
    parts += [c14n(sig.find(f"ds:{n}", NS)) for n in ("SignedInfo", "SignatureValue", "KeyInfo")]
    usp = sig.find(".//xades:UnsignedSignatureProperties", NS)
    parts += [c14n(p) for p in usp[:6]]
    assert len(sig.findall("ds:Object", NS)) == 1
    info = check_token(_token(archived, "xades141:ArchiveTimeStamp"), None)
    assert info.digest == hashlib.sha256(b"".join(parts)).digest()
    assert info.gen_time == ARCHIVE_MOMENT


def test_ambiguous_closing_tag_is_refused_not_guessed(signed: bytes,
                                                      tsa: TestTimeStampAuthority) -> None:
    # a comment outside the signed canonical form that looks like the closing tag
    tricky = signed.replace(b"</Invoice>", b"<!-- </xades:QualifyingProperties> --></Invoice>")
    assert verify_document(tricky).intact
    asked = tsa.requests
    with pytest.raises(UnsignableDocumentError, match="2 kez"):
        add_signature_timestamp(tricky, TsaConfig(tsa.url))
    assert tsa.requests == asked  # refused before a time-stamp was bought


def test_sig_and_refs_timestamp_covers_value_stamp_and_references(archived: bytes) -> None:
    from app.signing import check_token

    def c14n(node) -> bytes:  # type: ignore[no-untyped-def]
        return etree.tostring(node, method="c14n", exclusive=False, with_comments=False)

    root = etree.fromstring(archived)
    sig = root.find(".//ds:Signature", NS)
    usp = sig.find(".//xades:UnsignedSignatureProperties", NS)
    data = c14n(sig.find("ds:SignatureValue", NS)) + b"".join(c14n(p) for p in usp[:3])
    info = check_token(_token(archived, "xades:SigAndRefsTimeStamp"), hashlib.sha256(data).digest())
    assert info.gen_time == ARCHIVE_MOMENT


def test_changed_references_break_the_refs_and_archive_timestamps(archived: bytes) -> None:
    m = re.search(rb"<xades:CompleteCertificateRefs.*?<ds:DigestValue>([A-Za-z0-9+/]{8})",
                  archived, flags=re.S)
    assert m is not None
    pos = m.start(1) + 1
    tampered = archived[:pos] + (b"Q" if archived[pos:pos + 1] != b"Q" else b"R") + archived[pos + 1:]
    res = verify_document(tampered)
    assert res.signature_timestamp_ok is True
    assert res.refs_timestamp_ok is False and res.archive_timestamp_ok is False
    assert any("doğrulama verileri arasında yok" in p for p in res.problems)


def test_level_a_needs_the_signers_ca(signed: bytes, tsa: TestTimeStampAuthority) -> None:
    with clock.frozen_at(STAMP_MOMENT):
        t = apply_level(signed, "T", TsaConfig(tsa.url))
    asked = tsa.requests
    with pytest.raises(UnsignableDocumentError, match="CA"):
        apply_level(t, "A", TsaConfig(tsa.url))
    assert tsa.requests == asked


def test_against_gib_ubl_tr_schema(stamped: bytes, archived: bytes, gib_unpacked: Path) -> None:
    """XAdES-T stays valid against GİB's UBL-TR XSD (its XAdES 1.3.2 schema). Its copy of
    the XAdES 1.4.1 schema is a draft (ArchiveTimeStampV2) without v1.4.1's
    ArchiveTimeStamp, so an invoice with XAdES-A fails there on exactly that element."""
    xsd = gib_unpacked / "UBLTR_1.2.1_Paketi" / "xsdrt" / "maindoc" / "UBL-Invoice-2.1.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(etree.fromstring(stamped)), schema.error_log
    assert not schema.validate(etree.fromstring(archived))
    errors = [e.message for e in schema.error_log]
    assert len(errors) == 1 and "v1.4.1#}ArchiveTimeStamp" in errors[0]
