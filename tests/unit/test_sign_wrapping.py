"""Signature wrapping (issue 15, item 3): each reference resolves to exactly one element of
the signature, and every signed property is read from the element whose digest was checked.

The signatures here are made with a certificate that had expired before the invoice was
signed, so the honest verdict is "not valid"; an attack succeeds if it turns that into
valid.
"""

from __future__ import annotations

import base64
import copy
import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from lxml import etree

from app import clock
from app.signing import sign_invoice, verify_document
from app.signing.backends.pkcs12 import Pkcs12Signer
from app.signing.c14n import C14N, C14N_COMMENTS, canonicalize, remove_keeping_text
from app.signing.testcert import issue_certificate, make_test_ca
from app.ubl.namespaces import DS, XADES

NS = {"ds": DS, "xades": XADES}
#: The certificate is valid for thirty days from here ...
ISSUED = datetime(2025, 1, 10, 9, 0, tzinfo=UTC)
#: ... and the invoice is signed long after it expired.
SIGNED_AT = datetime(2026, 11, 27, 11, 47, 55, tzinfo=UTC)
#: A signing time inside the certificate's validity, as a forger would write it.
FORGED_TIME = "2025-01-20T12:00:00.000+03:00"


@pytest.fixture(scope="module")
def expired_signer() -> Pkcs12Signer:
    from tests.fixtures.token import COMPANY_NAME, COMPANY_VKN

    with clock.frozen_at(ISSUED):
        ca_key, ca = make_test_ca()
        key, cert = issue_certificate(ca_key, ca, vkn_tckn=COMPANY_VKN, name=COMPANY_NAME,
                                      not_after=clock.now_utc() + timedelta(days=30))
    return Pkcs12Signer(key, cert)


@pytest.fixture(scope="module")
def signed(expired_signer: Pkcs12Signer, unsigned_invoice: bytes) -> bytes:
    with clock.frozen_at(SIGNED_AT):
        data = sign_invoice(unsigned_invoice, expired_signer, signing_time=SIGNED_AT)
    r = verify_document(data)
    # Everything verifies except that the certificate had expired when it signed.
    assert r.signature_value_ok and r.document_digest_ok and r.signed_properties_digest_ok
    assert r.cert_digest_ok and not r.valid
    assert any("İmza zamanında sertifika geçerli değildi" in p for p in r.problems)
    return data


def _parts(data: bytes) -> tuple[etree._Element, etree._Element, etree._Element]:
    root = etree.fromstring(data)
    sig = root.find(".//ds:Signature", NS)
    sp = sig.find("ds:Object/xades:QualifyingProperties/xades:SignedProperties", NS)
    return root, sig, sp


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def _forge_time(sp: etree._Element) -> None:
    sp.find(".//xades:SigningTime", NS).text = FORGED_TIME


def _resign(root: etree._Element, signer: Pkcs12Signer) -> bytes:
    """Recompute every digest and the signature value as a signer would (the signer of an
    odd document: the key holder can sign anything, the shape is what is checked)."""
    sig = root.find(".//ds:Signature", NS)
    for ref in sig.iterfind("ds:SignedInfo/ds:Reference", NS):
        uri = ref.get("URI")
        if uri == "":
            doc = copy.deepcopy(root.getroottree())  # with the PIs before the root
            remove_keeping_text(doc.find(".//ds:Signature", NS))
            octets = canonicalize(doc, C14N)
        else:
            [target] = root.xpath("//*[@Id=$i]", i=uri[1:])
            octets = canonicalize(target, C14N)
        ref.find("ds:DigestValue", NS).text = base64.b64encode(
            hashlib.sha256(octets).digest()).decode()
    si = sig.find("ds:SignedInfo", NS)
    sig.find("ds:SignatureValue", NS).text = base64.b64encode(
        signer.sign(canonicalize(si, C14N_COMMENTS))).decode()
    return _bytes(root)


def test_wrapping_the_signed_properties_does_not_forge_the_signing_time(signed: bytes) -> None:
    """The genuine SignedProperties moved into an earlier ds:Object; in its place a copy with
    the same Id and a signing time inside the certificate's validity."""
    root, sig, sp = _parts(signed)
    genuine = copy.deepcopy(sp)
    decoy = etree.Element(f"{{{DS}}}Object")
    decoy.append(genuine)
    sig.find("ds:Object", NS).addprevious(decoy)
    _forge_time(sp)
    r = verify_document(_bytes(root))
    assert not r.valid
    assert any("birden çok öğede" in p for p in r.problems), r.problems


def test_a_duplicate_id_anywhere_is_an_error(signed: bytes) -> None:
    root, sig, sp = _parts(signed)
    # An unsigned ds:Object carrying the Id of the signature's SignedProperties ...
    extra = etree.SubElement(sig, f"{{{DS}}}Object", Id=sp.get("Id"))
    r = verify_document(_bytes(root))
    assert not r.valid
    assert any(sp.get("Id") in p and "birden çok öğede" in p for p in r.problems), r.problems
    # ... or of any other element: a duplicate Id is an error even where nothing refers to it.
    extra.set("Id", sig.get("Id"))
    r = verify_document(_bytes(root))
    assert any(sig.get("Id") in p and "birden çok öğede" in p for p in r.problems), r.problems


def test_a_reference_to_a_missing_id_is_an_error(signed: bytes) -> None:
    root, _sig, sp = _parts(signed)
    sp.set("Id", "SignedProperties_elsewhere")
    r = verify_document(_bytes(root))
    assert not r.valid and not r.signed_properties_digest_ok
    assert any("bulunamadı" in p for p in r.problems), r.problems
    assert r.signing_time is None  # nothing is read from an element no digest covered


def test_signed_properties_outside_the_signature_are_refused(
        signed: bytes, expired_signer: Pkcs12Signer) -> None:
    """The reference points at SignedProperties placed outside the signature (covered by
    its digest and the document digest, a valid XMLDSig signature); the ones inside the
    signature carry another Id and a forged time."""
    root, _sig, sp = _parts(signed)
    genuine = copy.deepcopy(sp)
    holder = root.find("{*}UBLExtensions")
    ext = etree.SubElement(holder, holder[0].tag)
    content = etree.SubElement(ext, holder[0][0].tag)
    content.append(genuine)
    sp.set("Id", "SignedProperties_forged")
    _forge_time(sp)
    data = _resign(root, expired_signer)
    r = verify_document(data)
    assert r.signature_value_ok and r.document_digest_ok
    assert not r.valid
    assert any("imzanın dışında" in p for p in r.problems), r.problems
    assert r.signing_time != datetime.fromisoformat(FORGED_TIME)


def test_properties_are_read_from_the_element_whose_digest_was_checked(
        signed: bytes, expired_signer: Pkcs12Signer) -> None:
    """Two ds:Objects with QualifyingProperties: the reference names the second; the first
    (unreferenced, forged time) is not read."""
    root, sig, sp = _parts(signed)
    forged = copy.deepcopy(sp.getparent().getparent())
    forged_sp = forged.find("xades:QualifyingProperties/xades:SignedProperties", NS)
    forged_sp.set("Id", "SignedProperties_forged")
    _forge_time(forged_sp)
    sig.find("ds:Object", NS).addprevious(forged)
    data = _resign(root, expired_signer)
    r = verify_document(data)
    assert r.signature_value_ok and r.document_digest_ok and r.signed_properties_digest_ok
    assert r.signing_time == SIGNED_AT
    assert not r.valid
    assert any("İmza zamanında sertifika geçerli değildi" in p for p in r.problems)


def test_the_id_index_sees_every_element_bearing_an_id_in_document_order() -> None:
    """``_id_index`` visits only the elements with an Id, ID or id attribute (an XPath), and
    finds what a walk over every element finds: comments and processing instructions are
    skipped, one element bearing the same value twice counts once, a namespaced ``x:Id`` is
    not an Id."""
    from app.signing.verify import _ID_ATTRIBUTES, _id_index

    root = etree.fromstring(
        b'<r Id="a"><!-- c --><?pi x?><s ID="b" id="b"/><t xmlns:x="urn:x" x:Id="z">'
        b'<u id="a"/><v Id="c" ID="d"/></t></r>')
    walked: dict[str, list[etree._Element]] = {}
    for e in root.iter():
        if isinstance(e.tag, str):
            for value in {e.get(a) for a in _ID_ATTRIBUTES} - {None}:
                walked.setdefault(value, []).append(e)
    index, duplicates = _id_index(root)
    assert index == walked
    assert sorted(index) == ["a", "b", "c", "d"]
    assert [e.tag for e in index["a"]] == ["r", "u"]
    assert duplicates == ["a"]
