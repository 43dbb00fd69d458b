"""XAdES-T (and XAdES-A) on an already-signed document, byte-preserving.

``add_signature_timestamp(signed_xml, tsa)`` (ETSI TS 101 903 v1.3.2 §7.3) time-stamps the
canonicalised ``ds:SignatureValue`` element (C14N 1.0, named in the property's
``ds:CanonicalizationMethod``) at an RFC 3161 TSA and adds

    xades:QualifyingProperties/xades:UnsignedProperties/xades:UnsignedSignatureProperties/
        xades:SignatureTimeStamp/(ds:CanonicalizationMethod, xades:EncapsulatedTimeStamp)

with the token's DER in Base64, in the XAdES namespace the signature already uses. The new
elements are inserted as text before the closing tag of ``QualifyingProperties`` (or of an
existing ``UnsignedSignatureProperties``): every other byte of the document stays as it was,
so the document digest, ``SignedInfo`` and ``SignedProperties`` still verify (they do not
cover unsigned properties; the enveloped-signature transform drops the whole signature).

``add_archive_timestamp(signed_xml, tsa, certificates=…, crls=…)`` (XAdES v1.4.1 §8.2):
adds ``xades:CertificateValues`` (the signer's certificate, the time-stamp's TSA
certificates and the ``certificates`` given, e.g. the issuing CAs) and
``xades:RevocationValues`` (the ``crls`` given), then ``xadesv141:ArchiveTimeStamp`` over
``archive_timestamp_input``. See that function and ``apply_level`` for what is left out.

``apply_level(signed_xml, level, tsa, …)``: ``"BES"`` returns the bytes unchanged, ``"T"``
adds the signature time-stamp, ``"A"`` the signature time-stamp (if missing) and the
archive time-stamp.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from app.signing.c14n import C14N, C14N_METHODS, EXC_C14N, canonicalize, remove_keeping_text
from app.signing.errors import UnsignableDocumentError
from app.signing.tsa import TimeStamp, TsaConfig, check_token, request_timestamp
from app.ubl.namespaces import DS, XADES
from app.xmlsafe import parse_bytes

Level = Literal["BES", "T", "A"]
LEVELS: tuple[str, ...] = ("BES", "T", "A")
XADES_141 = "http://uri.etsi.org/01903/v1.4.1#"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def top_signature(root: etree._Element) -> etree._Element | None:
    found = root.xpath("//ds:Signature[not(ancestor::ds:Signature)]", namespaces={"ds": DS})
    return found[0] if found else None


def qualifying_properties(sig: etree._Element) -> etree._Element | None:
    """This signature's ``ds:Object/xades:QualifyingProperties`` (Target ``#<Id>``)."""
    target = f"#{sig.get('Id')}" if sig.get("Id") else None
    for qp in sig.iterfind(f"{_q(DS, 'Object')}/{_q(XADES, 'QualifyingProperties')}"):
        if target is None or qp.get("Target") == target:
            return qp
    return None


def unsigned_signature_properties(qp: etree._Element) -> etree._Element | None:
    return qp.find(f"{_q(XADES, 'UnsignedProperties')}/{_q(XADES, 'UnsignedSignatureProperties')}")


def signature_timestamp_input(sig: etree._Element, algorithm: str = C14N) -> bytes:
    """What ``SignatureTimeStamp`` stamps: the ``ds:SignatureValue`` element, canonicalised."""
    sv = sig.find(_q(DS, "SignatureValue"))
    if sv is None:
        raise UnsignableDocumentError("İmzada ds:SignatureValue yok; zaman damgası eklenemez.")
    return canonicalize(sv, algorithm)


# -- byte-preserving insertion -----------------------------------------------------------------


def _prefix(el: etree._Element, ns: str) -> str | Literal[False] | None:
    """The prefix bound to ``ns`` at ``el`` (None: the default namespace; False: unbound)."""
    for p, uri in el.nsmap.items():
        if uri == ns and p is not None:
            return p
    if el.nsmap.get(None) == ns:
        return None
    return False


class _Names:
    """Qualified names for new elements written as text inside ``at``."""

    def __init__(self, at: etree._Element) -> None:
        self.xades = _prefix(at, XADES)
        self.ds = _prefix(at, DS)
        if self.xades is False:  # cannot happen inside xades:QualifyingProperties
            raise UnsignableDocumentError("XAdES ad alanı tanımlı değil.")

    def x(self, name: str) -> str:
        return f"{self.xades}:{name}" if self.xades else name

    def d(self, name: str) -> tuple[str, str]:
        """(qualified name, namespace declaration to add on the element)."""
        if self.ds is False:
            return f"ds:{name}", f' xmlns:ds="{DS}"'
        if self.ds is None:  # ds is the default namespace: xades must then be prefixed
            return name, ""
        return f"{self.ds}:{name}", ""


def _closing_tag_offset(data: bytes, el: etree._Element) -> int:
    """Byte offset of ``el``'s closing tag in ``data``, which must occur exactly once."""
    name = (f"{el.prefix}:" if el.prefix else "") + etree.QName(el).localname
    found = [m.start() for m in re.finditer(rb"</" + re.escape(name.encode()) + rb"\s*>", data)]
    if len(found) != 1:
        raise UnsignableDocumentError(
            f"İmzalı belgede {name} kapanışı {len(found)} kez geçiyor; zaman damgası "
            "belgenin baytlarına dokunmadan eklenemiyor."
        )
    return found[0]


def _insert(data: bytes, at: etree._Element, fragment: str) -> bytes:
    offset = _closing_tag_offset(data, at)
    return data[:offset] + fragment.encode("utf-8") + data[offset:]


def _parse_signed(signed_xml: bytes) -> tuple[etree._ElementTree, etree._Element, etree._Element]:
    tree = parse_bytes(signed_xml)
    encoding = (tree.docinfo.encoding or "UTF-8").upper()
    if encoding not in ("UTF-8", "US-ASCII", "ASCII"):
        raise UnsignableDocumentError(
            f"Belgenin kodlaması {encoding}; zaman damgası yalnız UTF-8 belgelere eklenir.")
    sig = top_signature(tree.getroot())
    if sig is None:
        raise UnsignableDocumentError("Belgede XML imzası yok; önce belge imzalanmalı.")
    qp = qualifying_properties(sig)
    if qp is None or qp.find(_q(XADES, "SignedProperties")) is None:
        raise UnsignableDocumentError(
            "İmzada xades:QualifyingProperties/xades:SignedProperties yok (XAdES-BES değil); "
            "zaman damgası eklenemez.")
    return tree, sig, qp


def _append_unsigned(signed_xml: bytes, qp: etree._Element, inner: str) -> bytes:
    """Put ``inner`` (text of unsigned signature properties) at the end of the existing
    ``UnsignedSignatureProperties``, or in new ``UnsignedProperties`` at the end of ``qp``."""
    names = _Names(qp)
    usp = unsigned_signature_properties(qp)
    if usp is not None:  # a self-closing one has no closing tag: _insert refuses it
        return _insert(signed_xml, usp, inner)
    if qp.find(_q(XADES, "UnsignedProperties")) is not None:
        raise UnsignableDocumentError(
            "İmzada UnsignedSignatureProperties içermeyen xades:UnsignedProperties var; "
            "zaman damgası eklenemiyor.")
    up, usp_name = names.x("UnsignedProperties"), names.x("UnsignedSignatureProperties")
    return _insert(signed_xml, qp, f"<{up}><{usp_name}>{inner}</{usp_name}></{up}>")


def _new_id(root: etree._Element, base: str) -> str:
    used = {v for e in root.iter() if isinstance(e.tag, str) for v in (e.get("Id"),) if v}
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}_{n}"
    return candidate


def _timestamp_element(names: _Names, qname: str, ts_id: str, token_der: bytes,
                       algorithm: str, extra_ns: str = "") -> str:
    cm, cm_ns = names.d("CanonicalizationMethod")
    et = names.x("EncapsulatedTimeStamp")
    b64 = base64.b64encode(token_der).decode("ascii")
    return (f'<{qname}{extra_ns} Id="{ts_id}"><{cm}{cm_ns} Algorithm="{algorithm}"/>'
            f"<{et}>{b64}</{et}></{qname}>")


def _check_result(result: bytes, ts_id: str, local: str, ns: str) -> etree._Element:
    """The new property in the result is where it belongs (else the insertion missed)."""
    tree = parse_bytes(result)
    sig = top_signature(tree.getroot())
    qp = qualifying_properties(sig) if sig is not None else None
    usp = unsigned_signature_properties(qp) if qp is not None else None
    found = [] if usp is None else [e for e in usp if e.tag == _q(ns, local)
                                    and e.get("Id") == ts_id]
    if len(found) != 1:
        raise UnsignableDocumentError("Zaman damgası imzanın içine doğru yerleştirilemedi.")
    return found[0]


def add_signature_timestamp(signed_xml: bytes, tsa: TsaConfig, *,
                            algorithm: str = C14N) -> bytes:
    """XAdES-BES → XAdES-T: the signed bytes with a ``xades:SignatureTimeStamp`` added."""
    if algorithm not in C14N_METHODS:
        raise ValueError(f"unsupported canonicalization {algorithm}")
    tree, sig, qp = _parse_signed(signed_xml)
    usp = unsigned_signature_properties(qp)
    if usp is not None and usp.find(_q(XADES, "SignatureTimeStamp")) is not None:
        raise UnsignableDocumentError("İmzada zaten bir imza zaman damgası (SignatureTimeStamp) var.")
    stamped = signature_timestamp_input(sig, algorithm)
    _closing_tag_offset(signed_xml, usp if usp is not None else qp)  # before paying a TSA
    ts = request_timestamp(_sha256(stamped), tsa)
    names = _Names(qp)
    ts_id = _new_id(tree.getroot(), f"SignatureTimeStamp_{sig.get('Id') or 'imza'}")
    element = _timestamp_element(names, names.x("SignatureTimeStamp"), ts_id, ts.token_der,
                                 algorithm)
    result = _append_unsigned(signed_xml, qp, element)
    _check_result(result, ts_id, "SignatureTimeStamp", XADES)
    return result


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


# -- XAdES-A -----------------------------------------------------------------------------------


def _reference_octets(data: bytes, root: etree._Element, sig: etree._Element,
                      ref: etree._Element, algorithm: str) -> bytes:
    """The octets a ``ds:Reference`` yields after its transforms, a node-set being
    canonicalised with ``algorithm`` (XAdES v1.4.1 §8.2.1 step 1). Same-document references
    only (``URI=""`` and ``#id``), as GİB's signatures have."""
    uri = ref.get("URI")
    transforms = [t.get("Algorithm", "") for t in
                  ref.iterfind(f"{_q(DS, 'Transforms')}/{_q(DS, 'Transform')}")]
    c14n_alg = algorithm
    enveloped = False
    for t in transforms:
        if t == ENVELOPED:
            enveloped = True
        elif t in C14N_METHODS:
            c14n_alg = EXC_C14N if "exc-c14n" in t else C14N
        else:
            raise UnsignableDocumentError(f"Desteklenmeyen dönüşüm (transform): {t}")
    if uri == "":
        copy = parse_bytes(data)
        if enveloped:
            remove_keeping_text(top_signature(copy.getroot()))
        # a same-document node-set has no comments (XMLDSig §4.3.3.3)
        return canonicalize(copy, EXC_C14N if "exc-c14n" in c14n_alg else C14N)
    if uri and uri.startswith("#"):
        found = [e for e in root.iter() if isinstance(e.tag, str)
                 and uri[1:] in (e.get("Id"), e.get("ID"), e.get("id"))]
        if len(found) != 1 or sig not in found[0].iterancestors():
            raise UnsignableDocumentError(f"İmzanın gösterdiği {uri} öğesi tek ve imzanın içinde değil.")
        return canonicalize(found[0], EXC_C14N if "exc-c14n" in c14n_alg else C14N)
    raise UnsignableDocumentError(f"Dış kaynağa başvuru desteklenmez: {uri!r}")


def archive_timestamp_input(data: bytes, ats: etree._Element | None = None, *,
                            algorithm: str = C14N) -> bytes:
    """The octets an ``xadesv141:ArchiveTimeStamp`` stamps (XAdES v1.4.1 §8.2.1, implicit
    mechanism): (1) every ``ds:Reference``'s data after its transforms, in order; (2) the
    canonicalised ``ds:SignedInfo``, ``ds:SignatureValue`` and ``ds:KeyInfo``; (3) every
    unsigned signature property before ``ats`` (all of them when ``ats`` is None, i.e. for
    a new one), in document order; (4) every ``ds:Object`` but the one holding
    ``xades:QualifyingProperties``. The certificates and revocation data needed to validate
    the signature must be in ``xades:CertificateValues`` / ``xades:RevocationValues``
    before it (``add_archive_timestamp`` puts them there)."""
    tree = parse_bytes(data)
    root = tree.getroot()
    sig = top_signature(root)
    if sig is None:
        raise UnsignableDocumentError("Belgede XML imzası yok.")
    if ats is not None:
        # the caller's element is from another parse of the same bytes: the same position
        # among the unsigned signature properties here
        parent = ats.getparent()
        position = parent.index(ats) if parent is not None else -1
        qp0 = qualifying_properties(sig)
        usp0 = unsigned_signature_properties(qp0) if qp0 is not None else None
        if usp0 is None or not 0 <= position < len(usp0) or usp0[position].tag != ats.tag:
            raise UnsignableDocumentError("Arşiv zaman damgası imzanın içinde bulunamadı.")
        ats = usp0[position]
    out = []
    si = sig.find(_q(DS, "SignedInfo"))
    if si is None:
        raise UnsignableDocumentError("İmzada ds:SignedInfo yok.")
    for ref in si.iterfind(_q(DS, "Reference")):
        out.append(_reference_octets(data, root, sig, ref, algorithm))
    for name in ("SignedInfo", "SignatureValue", "KeyInfo"):
        el = sig.find(_q(DS, name))
        if el is not None:
            out.append(canonicalize(el, algorithm))
    qp = qualifying_properties(sig)
    usp = unsigned_signature_properties(qp) if qp is not None else None
    if usp is not None:
        for prop in usp:
            if not isinstance(prop.tag, str):
                continue
            if ats is not None and prop is ats:
                break
            out.append(canonicalize(prop, algorithm))
    for obj in sig.iterfind(_q(DS, "Object")):
        if obj.find(_q(XADES, "QualifyingProperties")) is None:
            out.append(canonicalize(obj, algorithm))
    return b"".join(out)


def _certificates_in(sig: etree._Element, usp: etree._Element | None) -> list[x509.Certificate]:
    """The signer's certificate (KeyInfo) and the certificates of every time-stamp token
    already in the unsigned properties."""
    found: list[x509.Certificate] = []
    for text in sig.xpath("ds:KeyInfo/ds:X509Data/ds:X509Certificate/text()",
                          namespaces={"ds": DS}):
        found.append(x509.load_der_x509_certificate(base64.b64decode("".join(text.split()))))
    if usp is not None:
        for enc in usp.iter(_q(XADES, "EncapsulatedTimeStamp")):
            info = check_token(base64.b64decode("".join((enc.text or "").split())), None)
            found.append(info.tsa_certificate)
            found.extend(info.other_certificates)
    return found


def add_archive_timestamp(signed_xml: bytes, tsa: TsaConfig, *,
                          certificates: Sequence[x509.Certificate] = (),
                          crls: Sequence[x509.CertificateRevocationList] = (),
                          algorithm: str = C14N) -> bytes:
    """XAdES-T → XAdES-A: add ``xades:CertificateValues`` (signer, TSA and ``certificates``,
    each once), ``xades:RevocationValues`` (``crls``) and an ``xadesv141:ArchiveTimeStamp``.
    Nothing is fetched: the caller passes the issuing CAs and the CRLs it holds."""
    tree, sig, qp = _parse_signed(signed_xml)
    usp = unsigned_signature_properties(qp)
    if usp is None or usp.find(_q(XADES, "SignatureTimeStamp")) is None:
        raise UnsignableDocumentError(
            "Arşiv zaman damgası için önce imza zaman damgası (XAdES-T) gerekir.")
    if usp.find(_q(XADES_141, "ArchiveTimeStamp")) is not None:
        # renewing one needs the earlier TSA's validation data (TimeStampValidationData)
        raise UnsignableDocumentError("İmzada zaten bir arşiv zaman damgası var; yenilemesi "
                                      "desteklenmiyor.")
    names = _Names(qp)
    root = tree.getroot()
    parts: list[str] = []
    if usp.find(_q(XADES, "CertificateValues")) is None:
        seen: set[bytes] = set()
        certs: list[str] = []
        for cert in [*_certificates_in(sig, usp), *certificates]:
            der = cert.public_bytes(Encoding.DER)
            if der in seen:
                continue
            seen.add(der)
            tag = names.x("EncapsulatedX509Certificate")
            certs.append(f"<{tag}>{base64.b64encode(der).decode('ascii')}</{tag}>")
        cv = names.x("CertificateValues")
        parts.append(f'<{cv} Id="{_new_id(root, "CertificateValues_" + (sig.get("Id") or "imza"))}">'
                     f"{''.join(certs)}</{cv}>")
    if usp.find(_q(XADES, "RevocationValues")) is None:
        rv = names.x("RevocationValues")
        inner = ""
        if crls:
            crl_tag = names.x("EncapsulatedCRLValue")
            values = "".join(
                f"<{crl_tag}>{base64.b64encode(c.public_bytes(Encoding.DER)).decode('ascii')}"
                f"</{crl_tag}>" for c in crls)
            inner = f"<{names.x('CRLValues')}>{values}</{names.x('CRLValues')}>"
        parts.append(f'<{rv} Id="{_new_id(root, "RevocationValues_" + (sig.get("Id") or "imza"))}">'
                     f"{inner}</{rv}>")
    with_values = _append_unsigned(signed_xml, qp, "".join(parts)) if parts else signed_xml
    stamped = archive_timestamp_input(with_values, algorithm=algorithm)
    tree2, _sig2, qp2 = _parse_signed(with_values)
    _closing_tag_offset(with_values, unsigned_signature_properties(qp2))  # before paying a TSA
    ts: TimeStamp = request_timestamp(_sha256(stamped), tsa)
    ats_id = _new_id(tree2.getroot(), f"ArchiveTimeStamp_{sig.get('Id') or 'imza'}")
    names2 = _Names(qp2)
    element = _timestamp_element(names2, "xades141:ArchiveTimeStamp", ats_id, ts.token_der,
                                 algorithm, extra_ns=f' xmlns:xades141="{XADES_141}"')
    result = _append_unsigned(with_values, qp2, element)
    added = _check_result(result, ats_id, "ArchiveTimeStamp", XADES_141)
    # the stamped octets are what a verifier recomputes from the result
    if archive_timestamp_input(result, added, algorithm=algorithm) != stamped:
        raise UnsignableDocumentError("Arşiv zaman damgasının kapsadığı veri eklemeden sonra değişti.")
    return result


def apply_level(signed_xml: bytes, level: str, tsa: TsaConfig | None, *,
                certificates: Sequence[x509.Certificate] = (),
                crls: Sequence[x509.CertificateRevocationList] = ()) -> bytes:
    """Raise a XAdES-BES signature to ``level`` ("BES" | "T" | "A").

    Not implemented for "A" (the caller should know): XAdES-C references
    (``CompleteCertificateRefs`` / ``CompleteRevocationRefs``) and the XAdES-X time-stamp
    (``SigAndRefsTimeStamp``) are not added, OCSP answers are not carried, no certificate or
    CRL is fetched (only what ``certificates`` / ``crls`` give and what the signature and
    its time-stamp carry), and renewing an archive time-stamp (a second one over the first)
    is not offered."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    if level == "BES":
        return signed_xml
    if tsa is None:
        raise UnsignableDocumentError(
            f"XAdES-{level} için zaman damgası sunucusu (TSA) ayarlanmamış.")
    _tree, _sig, qp = _parse_signed(signed_xml)
    usp = unsigned_signature_properties(qp)
    if usp is None or usp.find(_q(XADES, "SignatureTimeStamp")) is None:
        signed_xml = add_signature_timestamp(signed_xml, tsa)
    if level == "A" and (usp is None or usp.find(_q(XADES_141, "ArchiveTimeStamp")) is None):
        signed_xml = add_archive_timestamp(signed_xml, tsa, certificates=certificates, crls=crls)
    return signed_xml
