"""Checking an XAdES signature: signature value, both digests and the certificate digest.

Works for UBL documents (Invoice, ApplicationResponse: ``ds:Signature`` in
``ext:ExtensionContent``) and GİB's user-account documents (``oa:Signature``). A GİB
envelope (``sh:StandardBusinessDocument``, the ``_ZARF`` files) is opened first, its
documents cut out byte for byte (``app.ubl.sbdh``): in an envelope ``URI=""`` would mean the
whole envelope, while the signature was made over the document alone (XADES-NOTES).

Against signature wrapping: an Id borne by two elements anywhere in the document is an
error; a ``#id`` reference resolves to exactly one element, inside the signature; the signed
properties (signing time, signing certificate) are read only from the
``xades:SignedProperties`` whose digest was checked, and element text is read whole
(``app.xmlsafe.string_value``: comments are not in the digest, so they must not cut it).

XAdES-T and XAdES-A (``app.signing.levels``): every ``xades:SignatureTimeStamp``,
``xades:SigAndRefsTimeStamp`` and ``xadesv141:ArchiveTimeStamp`` in the unsigned properties of the checked
``QualifyingProperties`` is verified (token signature and TSA certificate by
``app.signing.tsa.check_token``, imprint over the same canonicalised data the signer
stamped, the TSA's chain against ``trust``); the signature time-stamp's genTime is reported
as the signature's proven time. The TSA certificate's revocation is not checked.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from lxml import etree

from app import clock
from app.signing.c14n import C14N, C14N_METHODS, EXC_C14N, canonicalize, remove_keeping_text
from app.signing.certinfo import describe
from app.signing.ecsig import raw_to_der
from app.signing.errors import UnsignableDocumentError
from app.signing.levels import (
    archive_timestamp_input,
    sig_and_refs_timestamp_input,
    signature_timestamp_input,
    unsigned_signature_properties,
)
from app.signing.tsa import TimeStampError, TimeStampInfo, check_token
from app.trust import TrustReport, TrustStore, evaluate
from app.trust.chain import build_chain
from app.ubl.namespaces import DS, SBDH, XADES
from app.ubl.sbdh import extract_documents
from app.xmlsafe import find_string, parse_bytes, string_value

ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"
XADES_141 = "http://uri.etsi.org/01903/v1.4.1#"

_DIGESTS = {
    "http://www.w3.org/2000/09/xmldsig#sha1": hashlib.sha1,
    "http://www.w3.org/2001/04/xmlenc#sha256": hashlib.sha256,
    "http://www.w3.org/2001/04/xmldsig-more#sha384": hashlib.sha384,
    "http://www.w3.org/2001/04/xmlenc#sha512": hashlib.sha512,
}
_SIG_METHODS: dict[str, tuple[str, hashes.HashAlgorithm]] = {
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1": ("RSA", hashes.SHA1()),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": ("RSA", hashes.SHA256()),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": ("RSA", hashes.SHA384()),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": ("RSA", hashes.SHA512()),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": ("EC", hashes.SHA256()),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": ("EC", hashes.SHA384()),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": ("EC", hashes.SHA512()),
}


@dataclass
class VerificationResult:
    signature_found: bool = False
    signature_value_ok: bool = False
    document_digest_ok: bool = False
    signed_properties_digest_ok: bool = False
    cert_digest_ok: bool = False
    signer_vkn_tckn: str | None = None
    signer_name: str | None = None
    signer_issuer: str | None = None
    signing_time: datetime | None = None
    signature_id: str | None = None
    document_type: str | None = None
    problems: list[str] = field(default_factory=list)
    # Deviations from the shape GİB expects that do not make the signature invalid
    # (Ek-3 §3, schematron XadesSignatureCheck / SignatureMethodCheck / TransformCountCheck).
    gib_notes: list[str] = field(default_factory=list)
    # Whom the signature can be trusted from (app.trust): chain to an anchor, validity and
    # key usage, the signer is the document's owner, revocation. None when not evaluated.
    trust: TrustReport | None = None
    # XAdES-T / XAdES-A (app.signing.levels). ``level``: the form the signature has ("BES",
    # "T" with a xades:SignatureTimeStamp, "A" with a xadesv141:ArchiveTimeStamp too);
    # ``*_ok``: None when there is no such time-stamp, else whether every one holds (token
    # signature, TSA certificate with the critical timeStamping EKU, imprint over the same
    # canonicalised data). ``timestamp_time``: the signature time-stamp's genTime, the
    # moment by which the signature is proven to have existed (``signing_time`` is only
    # claimed by the signer). ``timestamp_trusted``: the TSA's certificate chains to an
    # anchor of the trust store at that moment (None without a store or a time-stamp).
    level: str = "BES"
    signature_timestamp_ok: bool | None = None
    timestamp_time: datetime | None = None
    timestamp_tsa: str | None = None
    timestamp_trusted: bool | None = None
    refs_timestamp_ok: bool | None = None  # XAdES-X xades:SigAndRefsTimeStamp
    archive_timestamp_ok: bool | None = None
    archive_timestamp_time: datetime | None = None
    # Problems of trust in the TSA (also in ``problems``; like ``trust``'s, they do not make
    # the signature less intact).
    timestamp_trust_problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """The signature holds (value and digests), whoever made it: says nothing of trust."""
        own = set(self.trust.problems) if self.trust else set()
        own |= set(self.timestamp_trust_problems)
        return (
            self.signature_found
            and self.signature_value_ok
            and self.document_digest_ok
            and self.signed_properties_digest_ok
            and self.cert_digest_ok
            and not [p for p in self.problems if p not in own]
        )

    @property
    def valid(self) -> bool:
        """Intact and trusted: an untrusted chain, another owner's certificate, a revoked or
        expired one is never valid. Revocation that could not be checked is not a failure
        (``trust.revocation_checked`` says so)."""
        return (self.intact and self.trust is not None and self.trust.ok and not self.problems
                and self.timestamp_trusted is not False)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["valid"] = self.valid
        d["intact"] = self.intact
        if self.trust is not None:
            d["trust"]["chain_trusted"] = self.trust.chain_trusted
            d["trust"]["revocation_checked"] = self.trust.revocation_checked
        for name in ("signing_time", "timestamp_time", "archive_timestamp_time"):
            moment = getattr(self, name)
            d[name] = moment.isoformat() if moment else None
        return d


class Verifier(Protocol):
    """Checks the signature of one signed document (an envelope is opened first).
    ``verify_document`` is one; the GİB simulator takes any callable of this type."""

    def __call__(self, xml: bytes, /) -> VerificationResult: ...


def _ds(name: str) -> str:
    return f"{{{DS}}}{name}"


def _b64decode(text: str | None) -> bytes:
    return base64.b64decode("".join((text or "").split()), validate=True)


def _documents(data: bytes) -> list[tuple[bytes, etree._Element | None]]:
    """The signed documents in ``data``: those of a GİB envelope, each as its exact bytes
    (``app.ubl.sbdh``, the same extractor the envelope code uses); else ``data`` itself,
    with the root already parsed (it is read only, never changed)."""
    root = parse_bytes(data).getroot()
    if root.tag != f"{{{SBDH}}}StandardBusinessDocument":
        return [(data, root)]
    return [(doc, None) for doc in extract_documents(data)]


#: The attributes taken as XML Ids (no DTD or schema says which are of type ID).
_ID_ATTRIBUTES = ("Id", "ID", "id")
_WITH_ID = etree.XPath("descendant-or-self::*[" + " or ".join(f"@{a}" for a in _ID_ATTRIBUTES)
                       + "]")


def _id_index(root: etree._Element) -> tuple[dict[str, list[etree._Element]], list[str]]:
    """Every element of the document by Id value, and the values borne by more than one
    element. A duplicate Id anywhere is what signature wrapping needs (the digest checked
    on one element, the values read from another), so it is an error, not a choice."""
    index: dict[str, list[etree._Element]] = {}
    # Only the elements bearing one of the attributes, in document order (as root.iter()).
    for e in _WITH_ID(root):
        for value in {e.get(a) for a in _ID_ATTRIBUTES} - {None}:
            index.setdefault(value, []).append(e)
    return index, [v for v, els in index.items() if len(els) > 1]


def _resolve(index: dict[str, list[etree._Element]], sig: etree._Element,
             uri: str) -> tuple[etree._Element | None, str | None]:
    """The one element ``#id`` names, inside ``sig``; else (None, problem)."""
    found = index.get(uri[1:], [])
    if not found:
        return None, f"İmzanın gösterdiği öğe bulunamadı: {uri}"
    if len(found) > 1:
        return None, f"İmzanın gösterdiği {uri} kimliği birden çok öğede var."
    target = found[0]
    if sig not in target.iterancestors():
        # GİB's signature refers to the whole document (URI="") and to its own
        # SignedProperties; anything else named by Id must be part of the signature.
        return None, f"İmzanın gösterdiği {uri} öğesi imzanın dışında."
    return target, None


_TOP_SIGNATURE = etree.XPath("//ds:Signature[not(ancestor::ds:Signature)]",
                             namespaces={"ds": DS})


def _top_signature(root: etree._Element) -> etree._Element | None:
    found = _TOP_SIGNATURE(root)
    return found[0] if found else None


def _reference_digest(
    data: bytes, index: dict[str, list[etree._Element]], sig: etree._Element,
    ref: etree._Element,
) -> tuple[bytes, str | None, etree._Element | None]:
    """Digest of what ``ref`` points at, after its transforms: (digest, problem, the
    element digested — None for the whole document or when it cannot be resolved)."""
    uri = ref.get("URI")
    method = ref.find(f"{_ds('DigestMethod')}").get("Algorithm", "")
    hasher = _DIGESTS.get(method)
    if hasher is None:
        return b"", f"Desteklenmeyen özet algoritması: {method}", None
    transforms = [t.get("Algorithm", "") for t in ref.iterfind(f"{_ds('Transforms')}/{_ds('Transform')}")]
    c14n_alg = C14N
    enveloped = False
    for t in transforms:
        if t == ENVELOPED:
            enveloped = True
        elif t in C14N_METHODS:
            # Comments are already gone from a same-document node-set (XMLDSig §4.3.3.3).
            c14n_alg = EXC_C14N if "exc-c14n" in t else C14N
        else:
            return b"", f"Desteklenmeyen dönüşüm (transform): {t}", None
    if uri == "":
        # A private copy of the document so removing the signature leaves ``root`` intact.
        tree = parse_bytes(data)
        if enveloped:
            # The same (first top-level) signature in the copy is the one being verified.
            remove_keeping_text(_top_signature(tree.getroot()))
        return hasher(canonicalize(tree, c14n_alg)).digest(), None, None
    if uri and uri.startswith("#"):
        target, problem = _resolve(index, sig, uri)
        if target is None:
            return b"", problem, None
        if enveloped:
            return b"", f"{uri} başvurusunda beklenmeyen enveloped-signature dönüşümü", None
        return hasher(canonicalize(target, c14n_alg)).digest(), None, target
    return b"", f"Dış kaynağa başvuru desteklenmez: {uri!r}", None


def _signed_properties_place(sig: etree._Element, sp: etree._Element) -> str | None:
    """None when ``sp`` is ``xades:SignedProperties`` in this signature's
    ``ds:Object/xades:QualifyingProperties`` (XAdES §4.3); else the problem."""
    qp = sp.getparent()
    obj = qp.getparent() if qp is not None else None
    if (sp.tag == f"{{{XADES}}}SignedProperties" and qp is not None
            and qp.tag == f"{{{XADES}}}QualifyingProperties" and obj is not None
            and obj.tag == _ds("Object") and obj.getparent() is sig):
        return None
    return ("İmzanın gösterdiği imza özellikleri, imzanın ds:Object/"
            "xades:QualifyingProperties/xades:SignedProperties öğesi değil.")


def _verify_signature_value(
    sig: etree._Element, cert: x509.Certificate
) -> tuple[bool, str | None]:
    si = sig.find(_ds("SignedInfo"))
    c14n_alg = si.find(_ds("CanonicalizationMethod")).get("Algorithm", "")
    if c14n_alg not in C14N_METHODS:
        return False, f"Desteklenmeyen kanonikleştirme: {c14n_alg}"
    method = si.find(_ds("SignatureMethod")).get("Algorithm", "")
    if method not in _SIG_METHODS:
        return False, f"Desteklenmeyen imza algoritması: {method}"
    kind, algo = _SIG_METHODS[method]
    try:
        value = _b64decode(find_string(sig, _ds("SignatureValue")))
    except (binascii.Error, ValueError):
        return False, "İmza değeri (SignatureValue) geçerli Base64 değil."
    signed = canonicalize(si, c14n_alg)
    key = cert.public_key()
    try:
        if kind == "RSA" and isinstance(key, rsa.RSAPublicKey):
            key.verify(value, signed, padding.PKCS1v15(), algo)
        elif kind == "EC" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(raw_to_der(value), signed, ec.ECDSA(algo))
        else:
            return False, "İmza algoritması sertifikanın anahtar türüyle uyuşmuyor."
    except (InvalidSignature, ValueError):
        return False, (
            "İmza değeri doğrulanamadı: imzalı bilgiler (SignedInfo) değiştirilmiş ya da imza "
            "bu sertifikayla atılmamış."
        )
    return True, None


def _parse_time(text: str | None) -> datetime | None:
    """xades:SigningTime; a time with no zone is Türkiye's local time (as when signing), so
    the certificate's validity at that moment is always checked."""
    if not text:
        return None
    try:
        return clock.to_istanbul(datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def verify_document(xml: bytes, *, trust: TrustStore | None = None) -> VerificationResult:
    """Verify the (first) signed document in ``xml``; an envelope is opened first. An
    envelope that carries no document gives an invalid result that says so. ``trust``: the
    anchors and CRLs to judge the certificate by; None trusts no chain."""
    results = verify_all(xml, trust=trust)
    if not results:
        res = VerificationResult()
        res.document_type = "StandardBusinessDocument"
        res.problems.append("Zarfın içinde imzalı belge yok (ElementList boş).")
        return res
    return results[0]


def verify_all(xml: bytes, *, trust: TrustStore | None = None) -> list[VerificationResult]:
    """One result per document (an envelope may carry several)."""
    return [_verify_one(doc, trust, root) for doc, root in _documents(xml)]


def _verify_one(data: bytes, trust: TrustStore | None = None,
                root: etree._Element | None = None) -> VerificationResult:
    """``root``: ``data`` already parsed, if it was."""
    res = VerificationResult()
    if root is None:
        root = parse_bytes(data).getroot()
    res.document_type = etree.QName(root).localname
    sig = _top_signature(root)
    if sig is None:
        res.problems.append("Belgede XML imzası (ds:Signature) yok.")
        return res
    res.signature_found = True
    res.signature_id = sig.get("Id")
    si = sig.find(_ds("SignedInfo"))
    if si is None:
        res.problems.append("İmzada ds:SignedInfo yok.")
        return res
    res.gib_notes = gib_shape_notes(sig)

    # The certificate: first X509Certificate in KeyInfo.
    cert: x509.Certificate | None = None
    cert_der = b""
    cert_text = find_string(sig, f"{_ds('KeyInfo')}/{_ds('X509Data')}/{_ds('X509Certificate')}")
    try:
        cert_der = _b64decode(cert_text)
        cert = x509.load_der_x509_certificate(cert_der)
    except (binascii.Error, ValueError):
        res.problems.append("İmzada okunabilir bir X.509 sertifikası (ds:X509Certificate) yok.")

    # References: each resolves to exactly one element; no Id may be borne twice.
    index, duplicates = _id_index(root)
    for value in duplicates:
        res.problems.append(
            f"Belgede aynı kimlik (Id=\"{value}\") birden çok öğede var: imzalı öğe ile "
            "okunan öğe farklı olabilir (imza sarma girişimi)."
        )
    doc_refs = 0
    sp_refs = 0
    signed_props: etree._Element | None = None  # the SignedProperties whose digest was checked
    for ref in si.iterfind(_ds("Reference")):
        digest, problem, target = _reference_digest(data, index, sig, ref)
        try:
            expected = _b64decode(find_string(ref, _ds("DigestValue")))
        except (binascii.Error, ValueError):
            expected = b"-"
        ok = problem is None and digest == expected
        uri = ref.get("URI")
        is_sp = ref.get("Type") == SIGNED_PROPERTIES_TYPE or (
            target is not None and etree.QName(target).localname == "SignedProperties"
        )
        if is_sp and target is not None and not problem:
            problem = _signed_properties_place(sig, target)
            signed_props = target if problem is None else None
            ok = ok and problem is None
        if problem:
            res.problems.append(problem)
        if uri == "":
            doc_refs += 1
            res.document_digest_ok = ok
            if not ok and not problem:
                res.problems.append(
                    "Belge imzalandıktan sonra değiştirilmiş: belge özeti (DigestValue) tutmuyor."
                )
        elif is_sp:
            sp_refs += 1
            res.signed_properties_digest_ok = ok
            if not ok and not problem:
                res.problems.append(
                    "İmza özellikleri (xades:SignedProperties: imza zamanı, sertifika) "
                    "imzalandıktan sonra değiştirilmiş."
                )
        elif not ok and not problem:
            res.problems.append(f"{uri} başvurusunun özeti tutmuyor.")
    if doc_refs != 1:
        res.document_digest_ok = False
        res.problems.append(
            "İmza belgenin tamamını (URI=\"\" başvurusu) tam bir kez kapsamalı; "
            f"{doc_refs} tane var."
        )
    if sp_refs != 1:
        res.signed_properties_digest_ok = False
        res.problems.append("İmzada xades:SignedProperties başvurusu yok (XAdES-BES değil).")

    if cert is not None:
        ok, problem = _verify_signature_value(sig, cert)
        res.signature_value_ok = ok
        if problem:
            res.problems.append(problem)
        modulus = find_string(sig, f"{_ds('KeyInfo')}/{_ds('KeyValue')}/{_ds('RSAKeyValue')}/{_ds('Modulus')}")
        pub = cert.public_key()
        if modulus is not None and isinstance(pub, rsa.RSAPublicKey):
            try:
                kv_ok = int.from_bytes(_b64decode(modulus), "big") == pub.public_numbers().n
            except (binascii.Error, ValueError):
                kv_ok = False
            if not kv_ok:
                res.problems.append("ds:KeyValue'daki anahtar sertifikadaki anahtarla aynı değil.")
        info = describe(cert)
        res.signer_vkn_tckn = info.vkn_tckn
        res.signer_name = info.subject_cn or info.subject_org
        res.signer_issuer = info.issuer_cn

    # XAdES signed properties: read only from the SignedProperties whose digest was checked
    # (exactly one reference to it), never from another element found by its path or Id.
    ssp = (signed_props.find(f"{{{XADES}}}SignedSignatureProperties")
           if signed_props is not None and sp_refs == 1 else None)
    if ssp is None:
        res.problems.append("İmzada xades:SignedSignatureProperties yok (XAdES-BES değil).")
        return res
    res.signing_time = _parse_time(find_string(ssp, f"{{{XADES}}}SigningTime"))
    if res.signing_time is None:
        res.problems.append("İmza zamanı (xades:SigningTime) yok ya da okunamıyor.")
    cert_els = ssp.findall(f"{{{XADES}}}SigningCertificate/{{{XADES}}}Cert") + ssp.findall(
        f"{{{XADES}}}SigningCertificateV2/{{{XADES}}}Cert"
    )
    if not cert_els:
        res.problems.append("İmzada xades:SigningCertificate yok.")
    elif cert is not None:
        matched = False
        for cel in cert_els:
            method = cel.find(f"{{{XADES}}}CertDigest/{_ds('DigestMethod')}")
            hasher = _DIGESTS.get(method.get("Algorithm", "") if method is not None else "")
            try:
                want = _b64decode(find_string(cel, f"{{{XADES}}}CertDigest/{_ds('DigestValue')}"))
            except (binascii.Error, ValueError):
                continue
            if hasher is None or hasher(cert_der).digest() != want:
                continue
            serial = find_string(cel, f"{{{XADES}}}IssuerSerial/{_ds('X509SerialNumber')}")
            if serial is not None and serial.strip() != str(cert.serial_number):
                continue
            matched = True
            break
        res.cert_digest_ok = matched
        if not matched:
            res.problems.append(
                "İmzadaki sertifika, imza özelliklerinde bildirilen sertifika değil "
                "(SigningCertificate özeti ya da seri numarası tutmuyor)."
            )
        if res.signing_time is not None:
            info = describe(cert)
            if not (info.not_before <= res.signing_time <= info.not_after):
                res.problems.append(
                    "İmza zamanında sertifika geçerli değildi "
                    f"(geçerlilik {info.not_before:%d.%m.%Y} – {info.not_after:%d.%m.%Y})."
                )
        res.trust = evaluate(cert, signature=sig, signing_time=res.signing_time,
                             signer_vkn_tckn=res.signer_vkn_tckn, document=root, trust=trust)
        res.problems.extend(p for p in res.trust.problems if p not in res.problems)
    qp = signed_props.getparent() if signed_props is not None else None
    if qp is not None:
        _check_timestamps(data, sig, qp, res, trust)
    return res


#: A claimed signing time may run ahead of the time-stamp by this much (clock skew).
SIGNING_TIME_SKEW = timedelta(minutes=5)


def _timestamp_token(prop: etree._Element) -> tuple[str, bytes | None, str | None]:
    """(canonicalization, token DER, problem) of a XAdES time-stamp property."""
    method = prop.find(_ds("CanonicalizationMethod"))
    alg = method.get("Algorithm", "") if method is not None else C14N
    if alg not in C14N_METHODS:
        return alg, None, f"desteklenmeyen kanonikleştirme {alg}"
    if prop.find(f"{{{XADES}}}Include") is not None or prop.find(
            f"{{{XADES}}}ReferenceInfo") is not None:
        return alg, None, "açık (Include / ReferenceInfo) kapsam desteklenmiyor"
    try:
        token = _b64decode(find_string(prop, f"{{{XADES}}}EncapsulatedTimeStamp"))
    except (binascii.Error, ValueError):
        return alg, None, "xades:EncapsulatedTimeStamp geçerli Base64 değil"
    if not token:
        return alg, None, "xades:EncapsulatedTimeStamp yok"
    return alg, token, None


def _tsa_trust(info: TimeStampInfo, res: VerificationResult, trust: TrustStore | None,
               what: str) -> None:
    if trust is None:
        return
    chain = build_chain(info.tsa_certificate, list(info.other_certificates), trust,
                        info.gen_time)
    ok = chain.ok and res.timestamp_trusted is not False
    res.timestamp_trusted = ok
    if not chain.ok:
        problem = f"{what} sunucusunun sertifikasına güvenilmiyor: {chain.reason}."
        res.timestamp_trust_problems.append(problem)
        res.problems.append(problem)


def _check_values_match_references(usp: etree._Element, res: VerificationResult) -> None:
    """Every certificate and CRL the XAdES-C references name is among the XAdES-X-L values
    (when both are present)."""
    cv = usp.find(f"{{{XADES}}}CertificateValues")
    refs = usp.find(f"{{{XADES}}}CompleteCertificateRefs")
    pairs = [
        (cv, refs, "EncapsulatedX509Certificate", f"{{{XADES}}}CertRefs/{{{XADES}}}Cert",
         "CertDigest", "sertifika"),
        (usp.find(f"{{{XADES}}}RevocationValues"), usp.find(f"{{{XADES}}}CompleteRevocationRefs"),
         f"CRLValues/{{{XADES}}}EncapsulatedCRLValue", f"{{{XADES}}}CRLRefs/{{{XADES}}}CRLRef",
         "DigestAlgAndValue", "iptal listesi"),
    ]
    for values, references, value_path, ref_path, digest_name, what in pairs:
        if values is None or references is None:
            continue
        blobs = []
        for enc in values.iterfind(f"{{{XADES}}}{value_path}"):
            try:
                blobs.append(_b64decode(string_value(enc)))
            except (binascii.Error, ValueError):
                continue
        for ref in references.iterfind(ref_path):
            method = ref.find(f"{{{XADES}}}{digest_name}/{_ds('DigestMethod')}")
            hasher = _DIGESTS.get(method.get("Algorithm", "") if method is not None else "")
            try:
                want = _b64decode(find_string(ref, f"{{{XADES}}}{digest_name}/{_ds('DigestValue')}"))
            except (binascii.Error, ValueError):
                want = b""
            if hasher is None or not any(hasher(b).digest() == want for b in blobs):
                res.problems.append(f"XAdES başvurularındaki bir {what} imzanın taşıdığı "
                                    "doğrulama verileri arasında yok.")
                return


def _check_timestamps(data: bytes, sig: etree._Element, qp: etree._Element,
                      res: VerificationResult, trust: TrustStore | None) -> None:
    """XAdES-T's xades:SignatureTimeStamp and XAdES-A's xadesv141:ArchiveTimeStamp, read
    only from the QualifyingProperties whose SignedProperties digest was checked."""
    usp = unsigned_signature_properties(qp)
    if usp is None:
        return
    stamps = usp.findall(f"{{{XADES}}}SignatureTimeStamp")
    archives = usp.findall(f"{{{XADES_141}}}ArchiveTimeStamp")
    if usp.find(f"{{{XADES}}}ArchiveTimeStamp") is not None:
        res.problems.append("XAdES 1.3.2 xades:ArchiveTimeStamp doğrulanamıyor (yalnız "
                            "XAdES 1.4.1 xadesv141:ArchiveTimeStamp desteklenir).")
    if stamps:
        res.level = "T"
        res.signature_timestamp_ok = True
    for prop in stamps:
        alg, token, problem = _timestamp_token(prop)
        info: TimeStampInfo | None = None
        if token is not None:
            try:
                info = check_token(token, None, data=signature_timestamp_input(sig, alg))
            except TimeStampError as exc:
                problem = exc.message
        if info is None:
            res.signature_timestamp_ok = False
            res.problems.append(f"İmza zaman damgası (xades:SignatureTimeStamp) "
                                f"doğrulanamadı: {problem}")
            continue
        if res.timestamp_time is None or info.gen_time < res.timestamp_time:
            res.timestamp_time = info.gen_time
            res.timestamp_tsa = info.tsa_name
        if res.signing_time is not None and res.signing_time > info.gen_time + SIGNING_TIME_SKEW:
            res.problems.append(
                f"İmzada yazan imza zamanı ({res.signing_time:%d.%m.%Y %H:%M}), imzanın zaman "
                f"damgasından ({info.gen_time:%d.%m.%Y %H:%M}) sonra.")
        _tsa_trust(info, res, trust, "İmza zaman damgası")
    for prop in usp.findall(f"{{{XADES}}}SigAndRefsTimeStamp"):
        alg, token, problem = _timestamp_token(prop)
        info = None
        if token is not None:
            try:
                info = check_token(token, None,
                                   data=sig_and_refs_timestamp_input(sig, prop, algorithm=alg))
            except TimeStampError as exc:
                problem = exc.message
        if info is None:
            res.refs_timestamp_ok = False
            res.problems.append(f"İmza ve başvurular zaman damgası (xades:SigAndRefsTimeStamp) "
                                f"doğrulanamadı: {problem}")
            continue
        res.refs_timestamp_ok = res.refs_timestamp_ok is not False
        _tsa_trust(info, res, trust, "İmza ve başvurular zaman damgası")
    _check_values_match_references(usp, res)
    if archives:
        res.level = "A"
        res.archive_timestamp_ok = True
        if not stamps:
            res.problems.append("Arşiv zaman damgası var ama imza zaman damgası yok.")
    for prop in archives:
        alg, token, problem = _timestamp_token(prop)
        info = None
        if token is not None:
            try:
                info = check_token(token, None,
                                   data=archive_timestamp_input(data, prop, algorithm=alg))
            except (TimeStampError, UnsignableDocumentError) as exc:
                problem = exc.message
        if info is None:
            res.archive_timestamp_ok = False
            res.problems.append(f"Arşiv zaman damgası (xadesv141:ArchiveTimeStamp) "
                                f"doğrulanamadı: {problem}")
            continue
        if res.archive_timestamp_time is None or info.gen_time > res.archive_timestamp_time:
            res.archive_timestamp_time = info.gen_time
        if res.timestamp_time is not None and info.gen_time < res.timestamp_time:
            res.problems.append("Arşiv zaman damgası imza zaman damgasından önce alınmış.")
        _tsa_trust(info, res, trust, "Arşiv zaman damgası")


def gib_shape_notes(sig: etree._Element) -> list[str]:
    """Where the signature differs from GİB's expected XAdES-BES shape (Turkish notes)."""
    notes: list[str] = []
    method = sig.find(f"{_ds('SignedInfo')}/{_ds('SignatureMethod')}")
    alg = method.get("Algorithm", "") if method is not None else ""
    if alg.endswith("#rsa-sha1"):
        # schematron SignatureMethodCheck (UBL 2.1 documents)
        notes.append("İmza algoritması rsa-sha1: GİB UBL 2.1 belgelerinde kabul etmez.")
    for ref in sig.iterfind(f"{_ds('SignedInfo')}/{_ds('Reference')}"):
        if ref.get("URI") == "":
            count = len(ref.findall(f"{_ds('Transforms')}/{_ds('Transform')}"))
            if count != 1:
                # schematron: at most one ds:Transform; GİB reports "İmza doğrulanamadı"
                notes.append(
                    f"URI=\"\" başvurusunda {count} dönüşüm var; GİB yalnız enveloped-signature "
                    "dönüşümünü bekler."
                )
    ki = sig.find(_ds("KeyInfo"))
    if ki is None or ki.find(_ds("X509Data")) is None:
        notes.append("ds:KeyInfo/ds:X509Data yok (şematron XadesSignatureCheck).")
    else:
        # GİB's schematron checks the subject name only where the element is present.
        subject = find_string(ki, f"{_ds('X509Data')}/{_ds('X509SubjectName')}")
        if subject is not None and not subject.strip():
            notes.append("ds:X509SubjectName boş (şematron).")
    ssp = f"{_ds('Object')}/{{{XADES}}}QualifyingProperties/{{{XADES}}}SignedProperties/" \
        f"{{{XADES}}}SignedSignatureProperties"
    if sig.find(f"{ssp}/{{{XADES}}}SigningCertificateV2") is not None:
        notes.append(
            "xades:SigningCertificateV2 kullanılmış: GİB'in XAdES 1.3.2 şemasında yok, "
            "SigningCertificate (v1) beklenir."
        )
    return notes
