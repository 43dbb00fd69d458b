"""The trust checks of one signature, each named in the report: chain, validity at the
signing time, key usage, owner (VKN/TCKN) and revocation."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from lxml import etree

from app.trust.chain import build_chain, describe_anchor
from app.trust.crl import check_revocation
from app.trust.owner import document_owner
from app.trust.store import TrustStore
from app.ubl.namespaces import DS

OK, FAILED, UNKNOWN, SKIPPED = "ok", "failed", "unknown", "skipped"

CHAIN_UNTRUSTED = "Sertifika zinciri güvenilir bir kök sertifikaya bağlanamadı"
ADD_ANCHOR_HINT = ("Sertifikayı veren kuruluşun kök sertifikasını 'tezgah trust add KÖK.pem' "
                   "ile ekleyin ya da bir kerelik 'tezgah verify DOSYA --trust KÖK.pem' "
                   "kullanın.")

# Extended key usages that make a certificate something else than a document signer.
_NOT_FOR_DOCUMENTS = {
    ExtendedKeyUsageOID.SERVER_AUTH,
    ExtendedKeyUsageOID.CODE_SIGNING,
    ExtendedKeyUsageOID.TIME_STAMPING,
    ExtendedKeyUsageOID.OCSP_SIGNING,
}


@dataclass(frozen=True)
class Check:
    name: str  # chain, validity, key_usage, owner, revocation
    title: str  # Turkish
    status: str  # ok, failed, unknown (could not be checked), skipped
    message: str


@dataclass
class TrustReport:
    checks: list[Check] = field(default_factory=list)
    anchor: str | None = None
    demo_anchor: bool = False
    document_owner: str | None = None

    def status(self, name: str) -> str | None:
        return next((c.status for c in self.checks if c.name == name), None)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.status != FAILED for c in self.checks)

    @property
    def chain_trusted(self) -> bool:
        return self.status("chain") == OK

    @property
    def revocation_checked(self) -> bool:
        return self.status("revocation") == OK

    @property
    def problems(self) -> list[str]:
        return [c.message for c in self.checks if c.status == FAILED]


def _key_usage(cert: x509.Certificate) -> Check:
    title = "Anahtar kullanımı"
    try:
        if cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            return Check("key_usage", title, FAILED,
                         "İmzalayan sertifika bir CA sertifikası; belge imzalamak için değil.")
    except x509.ExtensionNotFound:
        pass
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not (ku.digital_signature or ku.content_commitment):
            return Check("key_usage", title, FAILED,
                         "Sertifikanın anahtar kullanımı (keyUsage) imzaya izin vermiyor: "
                         "digitalSignature ya da nonRepudiation yok.")
    except x509.ExtensionNotFound:
        pass
    try:
        eku = set(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
        if eku and eku <= _NOT_FOR_DOCUMENTS:
            return Check("key_usage", title, FAILED,
                         "Sertifika belge imzası için değil (genişletilmiş anahtar kullanımı: "
                         + ", ".join(sorted(getattr(o, "_name", o.dotted_string) for o in eku)) + ").")
    except x509.ExtensionNotFound:
        pass
    return Check("key_usage", title, OK, "Sertifika imza için kullanılabilir.")


def _validity(cert: x509.Certificate, signing_time: datetime | None) -> Check:
    title = "İmza zamanında geçerlilik"
    if signing_time is None or signing_time.tzinfo is None:
        return Check("validity", title, FAILED,
                     "İmza zamanı (xades:SigningTime) okunamadığı için sertifikanın o andaki "
                     "geçerliliği denetlenemedi.")
    nb, na = cert.not_valid_before_utc, cert.not_valid_after_utc
    span = f"geçerlilik {nb:%d.%m.%Y} – {na:%d.%m.%Y}"
    if not nb <= signing_time <= na:
        # The same words app.signing.verify uses, so the problem is listed once.
        return Check("validity", title, FAILED,
                     f"İmza zamanında sertifika geçerli değildi ({span}).")
    return Check("validity", title, OK, f"İmza zamanında geçerli ({span}).")


def _owner(root: etree._Element | None, signer_id: str | None) -> tuple[Check, str | None]:
    title = "İmzalayan belgenin sahibi"
    owner = document_owner(root) if root is not None else None
    if owner is None or not owner.known_type:
        return Check("owner", title, SKIPPED,
                     "Bu belge türünde sahibin VKN/TCKN'si bilinmediği için denetlenmedi."), None
    if not signer_id:
        return Check("owner", title, FAILED,
                     "Sertifikada VKN/TCKN yok (konu serialNumber, OID 2.5.4.5): mali mühür ya "
                     "da nitelikli e-imza sertifikası değil."), owner.vkn_tckn
    if not owner.vkn_tckn:
        return Check("owner", title, FAILED,
                     f"Belgede {owner.role} için VKN/TCKN yok; imzanın sahibi "
                     "denetlenemedi."), None
    doc = owner.vkn_tckn
    if signer_id == doc:
        kind = "mali mühür" if len(signer_id) == 10 else "gerçek kişi (TCKN) sertifikası"
        return Check("owner", title, OK,
                     f"Sertifika belgenin sahibine ait ({owner.role}: {doc}; {kind})."), doc
    if len(signer_id) == 11 and len(doc) == 10:
        return Check("owner", title, FAILED,
                     f"Kişisel e-imza (TCKN {signer_id}) bir şirketin (VKN {doc}) belgesini "
                     "imzalayamaz: şirketler mali mühür kullanır (GİB 1176 İMZA SAHİBİ "
                     "YETKİSİZ)."), doc
    return Check("owner", title, FAILED,
                 f"Sertifika başka bir mükellefe ait: sertifikada {signer_id}, belgede "
                 f"{owner.role} {doc} (GİB 1176 İMZA SAHİBİ YETKİSİZ)."), doc


def _other_certificates(signature: etree._Element | None,
                        cert: x509.Certificate) -> list[x509.Certificate]:
    """Further certificates in the signature's KeyInfo (intermediates some signers add)."""
    if signature is None:
        return []
    out = []
    for el in signature.iterfind(f"{{{DS}}}KeyInfo/{{{DS}}}X509Data/{{{DS}}}X509Certificate"):
        try:
            other = x509.load_der_x509_certificate(base64.b64decode("".join((el.text or "").split())))
        except (binascii.Error, ValueError):
            continue
        if other != cert:
            out.append(other)
    return out


def evaluate(
    cert: x509.Certificate,
    *,
    signature: etree._Element | None,
    signing_time: datetime | None,
    signer_vkn_tckn: str | None,
    document: etree._Element | None,
    trust: TrustStore | None,
) -> TrustReport:
    """Every trust check of a signature made with ``cert`` on ``document`` (the signed
    document's root element). ``signature``: the ds:Signature, for further certificates it carries (intermediates).
    ``trust=None`` trusts nothing."""
    store = trust or TrustStore()
    report = TrustReport()
    validity = _validity(cert, signing_time)
    # The chain is judged at the signing time; a leaf that was not valid then is reported by
    # the validity check, and its chain judged inside the leaf's own validity period.
    nb, na = cert.not_valid_before_utc, cert.not_valid_after_utc
    at = min(max(signing_time, nb), na) if signing_time and signing_time.tzinfo else nb
    chain = build_chain(cert, _other_certificates(signature, cert), store, at)
    if chain.ok:
        demo = bool(chain.anchor and chain.anchor.demo_only)
        report.anchor = describe_anchor(chain.anchor)
        report.demo_anchor = demo
        note = (" — TEST kökü: yalnız demo modunda güvenilir; GİB bu imzayı kabul etmez"
                if demo else "")
        report.checks.append(Check("chain", "Sertifika zinciri", OK,
                                   f"Güvenilen köke bağlanıyor: {report.anchor}{note}."))
    else:
        report.checks.append(Check("chain", "Sertifika zinciri", FAILED,
                                   f"{CHAIN_UNTRUSTED}: {chain.reason}. {ADD_ANCHOR_HINT}"))
    report.checks.append(validity)
    report.checks.append(_key_usage(cert))
    owner_check, report.document_owner = _owner(document, signer_vkn_tckn)
    report.checks.append(owner_check)
    issuer = chain.chain[1] if chain.ok and len(chain.chain) > 1 else None
    rev = check_revocation(cert, issuer, store)
    status = {"good": OK, "revoked": FAILED}.get(rev.status, UNKNOWN)
    report.checks.append(Check("revocation", "İptal durumu (CRL)", status, rev.message))
    return report
