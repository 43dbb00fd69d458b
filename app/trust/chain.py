"""Path validation with ``cryptography.x509.verification`` (RFC 5280 path building).

Chosen over pyhanko-certvalidator after measuring both (docs/performance.md): it is already
installed, builds and checks a three-certificate chain in about 0.3 ms against pyhanko's
4–7 ms plus 90–150 ms of imports (asn1crypto, oscrypto, aiohttp), and takes the validation
time, so a chain is judged at the signing time. Its client profile expects TLS usages of an
end-entity certificate, so the end-entity extensions are left to ``profile`` (key usage,
mali mühür / e-imza shape) and only the CA certificates are held to the RFC 5280 / Web PKI
CA rules (basic constraints, keyCertSign, no unknown critical extension). It has no
revocation checking: ``crl`` does that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.x509 import verification as xv

from app.trust.store import Anchor, TrustStore, common_name


@dataclass(frozen=True)
class ChainResult:
    ok: bool
    chain: tuple[x509.Certificate, ...]  # leaf … anchor when ok
    anchor: Anchor | None
    reason: str  # Turkish, when not ok


def _turkish(reason: str) -> str:
    if "candidates exhausted" in reason:
        return "güvenilen köklerden hiçbirine giden bir yol yok"
    if "not valid at validation time" in reason:
        return "zincirdeki bir CA sertifikası imza zamanında geçerli değildi"
    if "basicConstraints" in reason or "keyUsage" in reason or "extension" in reason:
        return "zincirdeki bir CA sertifikası CA olarak kullanılamaz"
    if "signature" in reason:
        return "zincirdeki bir imza doğrulanamadı"
    return "zincir doğrulanamadı"


def build_chain(leaf: x509.Certificate, others: list[x509.Certificate], store: TrustStore,
                at: datetime) -> ChainResult:
    """Validate ``leaf`` up to one of ``store``'s anchors at moment ``at`` (aware)."""
    if not store.anchors:
        return ChainResult(False, (), None, "hiç güvenilen kök sertifika tanımlı değil")
    builder = (
        xv.PolicyBuilder()
        .store(xv.Store([a.certificate for a in store.anchors]))
        .time(at)
        .extension_policies(ca_policy=xv.ExtensionPolicy.webpki_defaults_ca(),
                            ee_policy=xv.ExtensionPolicy.permit_all())
    )
    try:
        verified = builder.build_client_verifier().verify(leaf, others)
    except xv.VerificationError as exc:
        return ChainResult(False, (), None, f"{_turkish(str(exc))} ({exc})")
    except ValueError as exc:  # malformed or unsupported certificate content
        return ChainResult(False, (), None, f"sertifika okunamadı ({exc})")
    chain = tuple(verified.chain)
    top = chain[-1]
    anchor = next((a for a in store.anchors if a.certificate == top), None)
    return ChainResult(True, chain, anchor, "")


def describe_anchor(anchor: Anchor | None) -> str:
    if anchor is None:
        return "-"
    return f"{common_name(anchor.certificate.subject)} ({anchor.source})"
