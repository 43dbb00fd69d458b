"""XAdES-BES enveloped signature placed inside a chosen element of a non-UBL document (the
e-Arşiv report's ``baslik``), shaped like the invoice's (``app.signing.xades``).

``sign_enveloped(unsigned_xml, signer, parent=…, signature_id=…)`` appends ``ds:Signature``
as the last child of the element ``parent(root)`` returns, and serialises once:

* ``ds:Reference URI=""`` with the enveloped-signature transform only, SHA-256;
* ``ds:Reference URI="#SignedProperties_<id>"`` of type SignedProperties, SHA-256;
* ``SignedInfo`` canonicalised with C14N 1.0 WithComments; ``rsa-sha256`` (``ecdsa-sha*``
  for an EC key);
* ``KeyInfo``: ``KeyValue``, ``X509SubjectName``, ``X509Certificate``;
* ``xades:SignedSignatureProperties``: ``SigningTime`` (Türkiye time, milliseconds) and
  ``SigningCertificate`` (v1: digest, issuer and serial) — no ``SignerRole`` (the invoice's
  "Tedarikçi" role says nothing of a report).

Canonicalisation: inclusive C14N 1.0, the same as the invoice signer's (``app.signing.c14n``:
checked against GİB's own signed samples; XADES-NOTES.md); the document reference carries no
explicit C14N transform (XMLDSig §4.3.3.2 converts the node-set with C14N 1.0), as GİB's
invoices do. EARSIV-NOTES.md names exclusive C14N only for the web service's WS-Security
signature (``app.gib.earsiv_ws``), not for the report's own signature; the report's XSD
is not at hand to say more.

The result goes to ``apply_level`` (XAdES-T / XAdES-A) unchanged: it only inserts unsigned
properties, so the document digest and ``SignedInfo`` still hold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree

from app.signing.c14n import C14N, C14N_COMMENTS, canonicalize
from app.signing.ecsig import signature_uri
from app.signing.errors import UnsignableDocumentError
from app.signing.signer import Signer
from app.signing.xades import (
    ENVELOPED,
    RSA_SHA256,
    SHA256,
    SIGNED_PROPERTIES_TYPE,
    _b64,
    _cert_parts,
    _check_signature,
    _el,
    _key_value,
    format_signing_time,
)
from app.ubl.namespaces import DS, XADES
from app.xmlsafe import parse_bytes


def _check_id(sig_id: str) -> str:
    try:
        etree.QName(sig_id)  # NCName check
    except ValueError:
        sig_id = ""
    if not sig_id or ":" in sig_id or "#" in sig_id:
        raise UnsignableDocumentError(f"İmza kimliği geçerli bir XML kimliği değil: {sig_id!r}.")
    return sig_id


def sign_enveloped(unsigned_xml: bytes, signer: Signer, *,
                   parent: Callable[[etree._Element], etree._Element], signature_id: str,
                   signing_time: datetime | None = None) -> bytes:
    """Sign the whole document; the ``ds:Signature`` becomes the last child of
    ``parent(root)``. Returns the signed bytes (store and send them exactly as returned)."""
    tree = parse_bytes(unsigned_xml)
    root = tree.getroot()
    sig_id = _check_id(signature_id)
    if root.xpath("boolean(//ds:Signature)", namespaces={"ds": DS}):
        raise UnsignableDocumentError("Belge zaten imzalı; imzasız belgeyi verin.")
    if root.xpath("boolean(//*[@Id=$i or @Id=$p])", i=sig_id, p=f"SignedProperties_{sig_id}"):
        raise UnsignableDocumentError(f"Belgede '{sig_id}' kimliği zaten kullanılıyor.")
    holder = parent(root)
    if len(holder):
        last = holder[-1]
        if last.tail and last.tail.strip():
            raise UnsignableDocumentError("İmzanın konacağı öğenin sonunda metin var.")

    # Reference URI="": the document without the signature (not in the tree yet), C14N 1.0.
    doc_digest = hashlib.sha256(canonicalize(tree, C14N)).digest()
    parts = _cert_parts(signer.certificate_der)
    sp_id = f"SignedProperties_{sig_id}"
    nsmap = {}
    if holder.nsmap.get("ds") != DS:
        nsmap["ds"] = DS
    if holder.nsmap.get("xades") != XADES:
        nsmap["xades"] = XADES
    sig = etree.SubElement(holder, f"{{{DS}}}Signature", {"Id": sig_id}, nsmap=nsmap or None)
    si = _el(sig, DS, "SignedInfo", Id=f"SignedInfo_{sig_id}")
    _el(si, DS, "CanonicalizationMethod", Algorithm=C14N_COMMENTS)
    pub = signer.certificate.public_key()
    _el(si, DS, "SignatureMethod", Algorithm=RSA_SHA256 if signer.key_type == "RSA" else
        signature_uri(pub.curve if isinstance(pub, ec.EllipticCurvePublicKey)
                      else ec.SECP256R1()))
    ref = _el(si, DS, "Reference", URI="")
    _el(_el(ref, DS, "Transforms"), DS, "Transform", Algorithm=ENVELOPED)
    _el(ref, DS, "DigestMethod", Algorithm=SHA256)
    _el(ref, DS, "DigestValue", _b64(doc_digest))
    sp_ref = _el(si, DS, "Reference", Id=f"SignedPropertiesReference_{sig_id}",
                 Type=SIGNED_PROPERTIES_TYPE, URI=f"#{sp_id}")
    _el(sp_ref, DS, "DigestMethod", Algorithm=SHA256)
    sp_digest_value = _el(sp_ref, DS, "DigestValue")
    sig_value = _el(sig, DS, "SignatureValue", Id=f"SignatureValue_{sig_id}")

    key_info = _el(sig, DS, "KeyInfo")
    _key_value(key_info, signer)
    x509_data = _el(key_info, DS, "X509Data")
    _el(x509_data, DS, "X509SubjectName", parts.subject)
    _el(x509_data, DS, "X509Certificate", parts.der_b64)

    qp = _el(_el(sig, DS, "Object"), XADES, "QualifyingProperties", Target=f"#{sig_id}")
    sp = _el(qp, XADES, "SignedProperties", Id=sp_id)
    ssp = _el(sp, XADES, "SignedSignatureProperties")
    _el(ssp, XADES, "SigningTime", format_signing_time(signing_time))
    cert_el = _el(_el(ssp, XADES, "SigningCertificate"), XADES, "Cert")
    digest = _el(cert_el, XADES, "CertDigest")
    _el(digest, DS, "DigestMethod", Algorithm=SHA256)
    _el(digest, DS, "DigestValue", parts.digest_b64)
    issuer_serial = _el(cert_el, XADES, "IssuerSerial")
    _el(issuer_serial, DS, "X509IssuerName", parts.issuer)
    _el(issuer_serial, DS, "X509SerialNumber", parts.serial)

    sp_digest_value.text = _b64(hashlib.sha256(canonicalize(sp, C14N)).digest())
    signed_info = canonicalize(si, C14N_COMMENTS)
    value = signer.sign(signed_info)
    _check_signature(signer, signed_info, value)
    sig_value.text = _b64(value)
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
