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

``add_archive_timestamp(signed_xml, tsa, certificates=…, crls=…)`` goes from XAdES-T
through XAdES-C (``CompleteCertificateRefs`` / ``CompleteRevocationRefs``), XAdES-X
(``SigAndRefsTimeStamp``) and XAdES-X-L (``CertificateValues``: the signer's certificate,
every time-stamp's TSA certificates and the ``certificates`` given; ``RevocationValues``:
the ``crls`` given) to XAdES-A (``xadesv141:ArchiveTimeStamp`` over
``archive_timestamp_input``, XAdES v1.4.1 §8.2). See ``apply_level`` for what is left out.

Schemas: XAdES-T (and every XAdES-C/X/X-L element) is valid against GİB's UBL-TR XSD. That
package's copy of the XAdES 1.4.1 schema is a draft declaring ``ArchiveTimeStampV2``, not
v1.4.1's ``ArchiveTimeStamp``, so a UBL invoice with this XAdES-A fails GİB's UBL-TR XSD on
that one element; which schema the e-Arşiv report is checked with is not known here.

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
SHA256_URI = "http://www.w3.org/2001/04/xmlenc#sha256"


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


def _issuer_chain(cert: x509.Certificate, pool: Sequence[x509.Certificate]
                  ) -> list[x509.Certificate]:
    """The CA certificates above ``cert`` found in ``pool`` (by name), nearest first."""
    chain: list[x509.Certificate] = []
    current = cert
    for _ in range(8):
        if current.issuer == current.subject:
            break
        issuer = next((c for c in pool if c.subject == current.issuer and c not in chain
                       and c != current), None)
        if issuer is None:
            break
        chain.append(issuer)
        current = issuer
    return chain


def _digest_xml(names: _Names, wrapper: str, der: bytes) -> str:
    dm, dm_ns = names.d("DigestMethod")
    dv, dv_ns = names.d("DigestValue")
    digest = base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")
    return (f'<{wrapper}><{dm}{dm_ns} Algorithm="{SHA256_URI}"/>'
            f"<{dv}{dv_ns}>{digest}</{dv}></{wrapper}>")


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _complete_references(root: etree._Element, sig: etree._Element, names: _Names,
                         signer: x509.Certificate, chain: list[x509.Certificate],
                         crls: Sequence[x509.CertificateRevocationList]) -> str:
    """XAdES-C (v1.3.2 §7.4): ``CompleteCertificateRefs`` to the signer's CA certificates
    and ``CompleteRevocationRefs`` to the CRLs their issuers published."""
    sig_id = sig.get("Id") or "imza"
    x = names.x
    refs = []
    for ca in chain:
        d_issuer, d_issuer_ns = names.d("X509IssuerName")
        d_serial, d_serial_ns = names.d("X509SerialNumber")
        refs.append(
            f"<{x('Cert')}>{_digest_xml(names, x('CertDigest'), ca.public_bytes(Encoding.DER))}"
            f"<{x('IssuerSerial')}><{d_issuer}{d_issuer_ns}>{_text(ca.issuer.rfc4514_string())}"
            f"</{d_issuer}><{d_serial}{d_serial_ns}>{ca.serial_number}</{d_serial}>"
            f"</{x('IssuerSerial')}></{x('Cert')}>")
    ccr = (f'<{x("CompleteCertificateRefs")} Id="{_new_id(root, "CompleteCertificateRefs_" + sig_id)}">'
           f"<{x('CertRefs')}>{''.join(refs)}</{x('CertRefs')}></{x('CompleteCertificateRefs')}>")
    issuers = {c.subject for c in [signer, *chain]}
    crl_refs = []
    for crl in crls:
        if crl.issuer not in issuers:
            continue
        issue_time = crl.last_update_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
        crl_refs.append(
            f"<{x('CRLRef')}>"
            f"{_digest_xml(names, x('DigestAlgAndValue'), crl.public_bytes(Encoding.DER))}"
            f"<{x('CRLIdentifier')}><{x('Issuer')}>{_text(crl.issuer.rfc4514_string())}"
            f"</{x('Issuer')}><{x('IssueTime')}>{issue_time}</{x('IssueTime')}>"
            f"</{x('CRLIdentifier')}></{x('CRLRef')}>")
    inner = f"<{x('CRLRefs')}>{''.join(crl_refs)}</{x('CRLRefs')}>" if crl_refs else ""
    crr = (f'<{x("CompleteRevocationRefs")} Id="{_new_id(root, "CompleteRevocationRefs_" + sig_id)}">'
           f"{inner}</{x('CompleteRevocationRefs')}>")
    return ccr + crr


#: What a ``SigAndRefsTimeStamp`` covers besides the SignatureValue (v1.3.2 §7.5.1.1).
_SIG_AND_REFS_PARTS = ("SignatureTimeStamp", "CompleteCertificateRefs", "CompleteRevocationRefs",
                       "AttributeCertificateRefs", "AttributeRevocationRefs")


def sig_and_refs_timestamp_input(sig: etree._Element, stamp: etree._Element | None = None, *,
                                 algorithm: str = C14N) -> bytes:
    """What a ``xades:SigAndRefsTimeStamp`` stamps (XAdES-X type 1, v1.3.2 §7.5.1.1): the
    canonicalised ``ds:SignatureValue``, then the signature time-stamps, the complete
    certificate and revocation references (and attribute ones) before ``stamp``, in the
    order they appear."""
    out = [signature_timestamp_input(sig, algorithm)]
    qp = qualifying_properties(sig)
    usp = unsigned_signature_properties(qp) if qp is not None else None
    for prop in usp if usp is not None else ():
        if stamp is not None and prop is stamp:
            break
        if isinstance(prop.tag, str) and prop.tag in {_q(XADES, n) for n in _SIG_AND_REFS_PARTS}:
            out.append(canonicalize(prop, algorithm))
    return b"".join(out)


def _stamp_and_append(data: bytes, tsa: TsaConfig, local: str, ns: str, qname: str,
                      stamped: bytes, algorithm: str, extra_ns: str = "") -> tuple[bytes, str]:
    """Time-stamp ``stamped`` and append the property ``qname`` holding the token."""
    tree, sig, qp = _parse_signed(data)
    usp = unsigned_signature_properties(qp)
    _closing_tag_offset(data, usp if usp is not None else qp)  # before paying a TSA
    ts: TimeStamp = request_timestamp(_sha256(stamped), tsa)
    prop_id = _new_id(tree.getroot(), f"{local}_{sig.get('Id') or 'imza'}")
    element = _timestamp_element(_Names(qp), qname, prop_id, ts.token_der, algorithm,
                                 extra_ns=extra_ns)
    result = _append_unsigned(data, qp, element)
    _check_result(result, prop_id, local, ns)
    return result, prop_id


def add_archive_timestamp(signed_xml: bytes, tsa: TsaConfig, *,
                          certificates: Sequence[x509.Certificate] = (),
                          crls: Sequence[x509.CertificateRevocationList] = (),
                          algorithm: str = C14N) -> bytes:
    """XAdES-T → XAdES-A, each step appended to the unsigned signature properties:

    1. XAdES-C: ``CompleteCertificateRefs`` (the signer's CA certificates, found by name
       among ``certificates``; at least its issuer is needed) and ``CompleteRevocationRefs``
       (those of ``crls`` issued by the signer's chain);
    2. XAdES-X: ``SigAndRefsTimeStamp`` over the SignatureValue, time-stamp and references;
    3. XAdES-X-L: ``CertificateValues`` (signer, every time-stamp's TSA certificates and
       ``certificates``, each once) and ``RevocationValues`` (``crls``);
    4. ``xadesv141:ArchiveTimeStamp`` over ``archive_timestamp_input``.

    Three-step signatures made elsewhere (references or values already there) keep theirs.
    Nothing is fetched: the caller passes the CA certificates and the CRLs it holds."""
    _tree, sig, qp = _parse_signed(signed_xml)
    usp = unsigned_signature_properties(qp)
    if usp is None or usp.find(_q(XADES, "SignatureTimeStamp")) is None:
        raise UnsignableDocumentError(
            "Arşiv zaman damgası için önce imza zaman damgası (XAdES-T) gerekir.")
    if usp.find(_q(XADES_141, "ArchiveTimeStamp")) is not None:
        # renewing one needs the earlier TSA's validation data (TimeStampValidationData)
        raise UnsignableDocumentError("İmzada zaten bir arşiv zaman damgası var; yenilemesi "
                                      "desteklenmiyor.")
    signer_certs = _certificates_in(sig, None)
    if not signer_certs:
        raise UnsignableDocumentError("İmzada imzacı sertifikası (ds:X509Certificate) yok.")
    signer = signer_certs[0]
    chain = _issuer_chain(signer, list(certificates))
    data = signed_xml

    # 1. XAdES-C
    if usp.find(_q(XADES, "CompleteCertificateRefs")) is None:
        if not chain:
            raise UnsignableDocumentError(
                "XAdES-A için imzacı sertifikasını veren kuruluşun (CA) sertifikası gerekli; "
                "sertifika zinciri verilmedi.")
        tree, sig, qp = _parse_signed(data)
        refs = _complete_references(tree.getroot(), sig, _Names(qp), signer, chain, crls)
        data = _append_unsigned(data, qp, refs)

    # 2. XAdES-X (type 1)
    _tree, sig, qp = _parse_signed(data)
    usp = unsigned_signature_properties(qp)
    if usp.find(_q(XADES, "SigAndRefsTimeStamp")) is None:
        names = _Names(qp)
        data, _x_id = _stamp_and_append(data, tsa, "SigAndRefsTimeStamp", XADES,
                                        names.x("SigAndRefsTimeStamp"),
                                        sig_and_refs_timestamp_input(sig, algorithm=algorithm),
                                        algorithm)

    # 3. XAdES-X-L
    tree, sig, qp = _parse_signed(data)
    usp = unsigned_signature_properties(qp)
    names = _Names(qp)
    root = tree.getroot()
    sig_id = sig.get("Id") or "imza"
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
        parts.append(f'<{cv} Id="{_new_id(root, "CertificateValues_" + sig_id)}">'
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
        parts.append(f'<{rv} Id="{_new_id(root, "RevocationValues_" + sig_id)}">'
                     f"{inner}</{rv}>")
    if parts:
        data = _append_unsigned(data, qp, "".join(parts))

    # 4. the archive time-stamp
    stamped = archive_timestamp_input(data, algorithm=algorithm)
    result, ats_id = _stamp_and_append(data, tsa, "ArchiveTimeStamp", XADES_141,
                                       "xades141:ArchiveTimeStamp", stamped, algorithm,
                                       extra_ns=f' xmlns:xades141="{XADES_141}"')
    _t, _sig_r, qp_r = _parse_signed(result)
    added = next(e for e in unsigned_signature_properties(qp_r) if e.get("Id") == ats_id)
    # the stamped octets are what a verifier recomputes from the result
    if archive_timestamp_input(result, added, algorithm=algorithm) != stamped:
        raise UnsignableDocumentError("Arşiv zaman damgasının kapsadığı veri eklemeden sonra değişti.")
    return result


def apply_level(signed_xml: bytes, level: str, tsa: TsaConfig | None, *,
                certificates: Sequence[x509.Certificate] = (),
                crls: Sequence[x509.CertificateRevocationList] = ()) -> bytes:
    """Raise a XAdES-BES signature to ``level`` ("BES" | "T" | "A").

    Not done for "A" (the caller should know): no certificate or CRL is fetched (only what
    ``certificates`` / ``crls`` give and what the signature and its time-stamps carry; the
    signer's issuing CA must be among ``certificates``); the TSA's own revocation data is
    carried only if its CRL is among ``crls``; OCSP answers are neither referenced nor
    carried; renewing an archive time-stamp (a second one, with
    ``TimeStampValidationData`` for the first) is refused; explicit (``xades:Include``)
    time-stamp coverage is neither produced nor verified."""
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
