"""XAdES-BES enveloped signature in the shape GİB expects (Ek-3 §3; XADES-NOTES.md).

``sign_invoice`` takes an unsigned UBL document (Invoice, ApplicationResponse …) whose root
already declares the namespaces and whose first child ``ext:UBLExtensions`` ends in an empty
``ext:ExtensionContent``, puts the ``ds:Signature`` there and serialises once. The digests
are computed over the same tree that is serialised, with the same C14N a verifier applies
to the output bytes; the bytes returned are what is stored and sent.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from lxml import etree

from app import clock
from app.signing.c14n import C14N, C14N_COMMENTS, canonicalize
from app.signing.ecsig import hash_for_curve, raw_to_der, signature_uri
from app.signing.errors import SignatureFailedError, UnsignableDocumentError
from app.signing.signer import Signer
from app.ubl.namespaces import CAC, CBC, DS, EXT, XADES
from app.xmlsafe import parse_bytes

ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"
DSIG11 = "http://www.w3.org/2009/xmldsig11#"
# GİB's samples claim the supplier role (XADES-NOTES).
CLAIMED_ROLE = "Tedarikçi"
# Türkiye keeps UTC+3 all year since 2016; SigningTime is written in local time.
TURKEY_TZ = timezone(timedelta(hours=3))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _int_bytes(n: int) -> bytes:
    return n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")


def format_signing_time(moment: datetime | None) -> str:
    """``2026-11-27T14:47:55.311+03:00``: milliseconds, Türkiye offset (GİB's samples)."""
    if moment is None:
        moment = clock.now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=TURKEY_TZ)
    local = moment.astimezone(TURKEY_TZ)
    return local.strftime("%Y-%m-%dT%H:%M:%S.") + f"{local.microsecond // 1000:03d}+03:00"


def _el(parent: etree._Element, ns: str, name: str, text: str | None = None, **attrs: str):
    e = etree.SubElement(parent, f"{{{ns}}}{name}", attrs or None)
    if text is not None:
        e.text = text
    return e


def _extension_content(root: etree._Element) -> etree._Element:
    first = root[0] if len(root) else None
    while first is not None and not isinstance(first.tag, str):
        first = first.getnext()  # skip comments / PIs before the first element
    if first is None or first.tag != f"{{{EXT}}}UBLExtensions":
        raise UnsignableDocumentError(
            "İmzalanacak belgenin ilk elemanı ext:UBLExtensions olmalı (imza "
            "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent içine konur)."
        )
    for ext in first.iterchildren(f"{{{EXT}}}UBLExtension"):
        content = ext.find(f"{{{EXT}}}ExtensionContent")
        if content is not None and len(content) == 0:
            return content
    raise UnsignableDocumentError(
        "Belgede boş bir ext:ExtensionContent yok; imza yeri ayrılmamış ya da belge zaten "
        "imzalı. İmzasız belgeyi verin."
    )


def _signature_id(root: etree._Element) -> str:
    uri = root.findtext(
        f"{{{CAC}}}Signature/{{{CAC}}}DigitalSignatureAttachment/"
        f"{{{CAC}}}ExternalReference/{{{CBC}}}URI"
    )
    if not uri or not uri.startswith("#") or len(uri) < 2:
        raise UnsignableDocumentError(
            "cac:Signature/cac:DigitalSignatureAttachment/cac:ExternalReference/cbc:URI "
            "'#<imza kimliği>' biçiminde olmalı (UBL-TR şematron: SignatureCheck)."
        )
    sig_id = uri[1:].strip()
    try:
        etree.QName(sig_id)  # NCName check (ids must not contain ':' or spaces)
    except ValueError:
        sig_id = ""
    if not sig_id or ":" in sig_id or "#" in sig_id:
        raise UnsignableDocumentError(f"İmza kimliği geçerli bir XML kimliği değil: {uri!r}.")
    return sig_id


@dataclass(frozen=True)
class _CertParts:
    """What the signature says about the certificate, computed once per certificate."""

    subject: str
    issuer: str
    serial: str
    der_b64: str
    digest_b64: str


@lru_cache(maxsize=16)
def _cert_parts(der: bytes) -> _CertParts:
    cert = x509.load_der_x509_certificate(der)
    return _CertParts(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        serial=str(cert.serial_number),
        der_b64=_b64(der),
        digest_b64=_b64(hashlib.sha256(der).digest()),
    )


def _key_value(key_info: etree._Element, signer: Signer) -> None:
    kv = _el(key_info, DS, "KeyValue")
    pub = signer.certificate.public_key()
    if isinstance(pub, rsa.RSAPublicKey):
        nums = pub.public_numbers()
        rkv = _el(kv, DS, "RSAKeyValue")
        _el(rkv, DS, "Modulus", _b64(_int_bytes(nums.n)))
        _el(rkv, DS, "Exponent", _b64(_int_bytes(nums.e)))
    elif isinstance(pub, ec.EllipticCurvePublicKey):
        # XMLDSig 1.1 §4.5.2.3 ECKeyValue (allowed by KeyValue's ##other wildcard).
        oids = {"secp256r1": "1.2.840.10045.3.1.7", "secp384r1": "1.3.132.0.34",
                "secp521r1": "1.3.132.0.35"}
        eckv = etree.SubElement(kv, f"{{{DSIG11}}}ECKeyValue", nsmap={"dsig11": DSIG11})
        nc = etree.SubElement(eckv, f"{{{DSIG11}}}NamedCurve")
        nc.set("URI", "urn:oid:" + oids.get(pub.curve.name, ""))
        pk = etree.SubElement(eckv, f"{{{DSIG11}}}PublicKey")
        pk.text = _b64(pub.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint))


def _check_signature(signer: Signer, data: bytes, value: bytes) -> None:
    """Never hand out a signature that does not verify with the certificate (a card that
    signed with another key, a driver bug): one public-key operation, microseconds."""
    pub = signer.certificate.public_key()
    try:
        if isinstance(pub, rsa.RSAPublicKey):
            pub.verify(value, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(pub, ec.EllipticCurvePublicKey):
            pub.verify(raw_to_der(value), data, ec.ECDSA(hash_for_curve(pub.curve)))
        else:
            raise SignatureFailedError("Sertifikanın anahtar türü desteklenmiyor (RSA ya da EC olmalı).")
    except (InvalidSignature, ValueError) as exc:
        raise SignatureFailedError(
            "Kartın ürettiği imza sertifikadaki anahtarla doğrulanamadı: kartta sertifika ile "
            "özel anahtar eşleşmiyor olabilir. Belge imzalanmadı."
        ) from exc


def sign_invoice(
    unsigned_xml: bytes, signer: Signer, *, signing_time: datetime | None = None
) -> bytes:
    """Sign a UBL-TR document; return the signed bytes (never re-serialise them)."""
    tree = parse_bytes(unsigned_xml)
    root = tree.getroot()
    content = _extension_content(root)
    sig_id = _signature_id(root)
    if root.xpath("boolean(//*[@Id=$i])", i=sig_id):
        raise UnsignableDocumentError(f"Belgede '{sig_id}' kimliği zaten kullanılıyor.")
    content.text = None  # ExtensionContent holds exactly the signature (no whitespace)

    # Reference URI="": node-set without comments, minus the signature (which is not in
    # the tree yet), C14N 1.0 (XMLDSig §4.3.3.2-3).
    doc_digest = hashlib.sha256(canonicalize(tree, C14N)).digest()

    parts = _cert_parts(signer.certificate_der)
    is_rsa = signer.key_type == "RSA"
    sp_id = f"SignedProperties_{sig_id}"

    nsmap = {}
    if root.nsmap.get("ds") != DS:
        nsmap["ds"] = DS
    if root.nsmap.get("xades") != XADES:
        nsmap["xades"] = XADES
    sig = etree.SubElement(content, f"{{{DS}}}Signature", {"Id": sig_id}, nsmap=nsmap or None)
    si = _el(sig, DS, "SignedInfo", Id=f"SignedInfo_{sig_id}")
    _el(si, DS, "CanonicalizationMethod", Algorithm=C14N_COMMENTS)
    pub = signer.certificate.public_key()
    _el(si, DS, "SignatureMethod", Algorithm=RSA_SHA256 if is_rsa else signature_uri(
        pub.curve if isinstance(pub, ec.EllipticCurvePublicKey) else ec.SECP256R1()))
    ref = _el(si, DS, "Reference", URI="")
    transforms = _el(ref, DS, "Transforms")
    _el(transforms, DS, "Transform", Algorithm=ENVELOPED)
    _el(ref, DS, "DigestMethod", Algorithm=SHA256)
    _el(ref, DS, "DigestValue", _b64(doc_digest))
    sp_ref = _el(
        si, DS, "Reference",
        Id=f"SignedPropertiesReference_{sig_id}", Type=SIGNED_PROPERTIES_TYPE, URI=f"#{sp_id}",
    )
    _el(sp_ref, DS, "DigestMethod", Algorithm=SHA256)
    sp_digest_value = _el(sp_ref, DS, "DigestValue")
    sig_value = _el(sig, DS, "SignatureValue", Id=f"SignatureValue_{sig_id}")

    key_info = _el(sig, DS, "KeyInfo")
    _key_value(key_info, signer)
    x509_data = _el(key_info, DS, "X509Data")
    _el(x509_data, DS, "X509SubjectName", parts.subject)
    _el(x509_data, DS, "X509Certificate", parts.der_b64)

    obj = _el(sig, DS, "Object")
    qp = _el(obj, XADES, "QualifyingProperties", Target=f"#{sig_id}")
    sp = _el(qp, XADES, "SignedProperties", Id=sp_id)
    ssp = _el(sp, XADES, "SignedSignatureProperties")
    _el(ssp, XADES, "SigningTime", format_signing_time(signing_time))
    # SigningCertificate v1: GİB's XAdES 1.3.2 schema has no SigningCertificateV2.
    cert_el = _el(_el(ssp, XADES, "SigningCertificate"), XADES, "Cert")
    digest = _el(cert_el, XADES, "CertDigest")
    _el(digest, DS, "DigestMethod", Algorithm=SHA256)
    _el(digest, DS, "DigestValue", parts.digest_b64)
    issuer_serial = _el(cert_el, XADES, "IssuerSerial")
    _el(issuer_serial, DS, "X509IssuerName", parts.issuer)
    _el(issuer_serial, DS, "X509SerialNumber", parts.serial)
    roles = _el(_el(ssp, XADES, "SignerRole"), XADES, "ClaimedRoles")
    _el(roles, XADES, "ClaimedRole", CLAIMED_ROLE)

    # Reference to SignedProperties: URI="#id" node-set without comments, C14N 1.0,
    # with every namespace in scope from the root (inclusive).
    sp_digest_value.text = _b64(hashlib.sha256(canonicalize(sp, C14N)).digest())
    signed_info = canonicalize(si, C14N_COMMENTS)
    value = signer.sign(signed_info)
    _check_signature(signer, signed_info, value)
    sig_value.text = _b64(value)

    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
