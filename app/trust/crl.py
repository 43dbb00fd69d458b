"""Revocation of the signing certificate by CRL: a CRL given by the user or kept in the
trust folder, else the one its CRL Distribution Points name, fetched over HTTP.

Only the signing (end-entity) certificate is checked, against a CRL signed by its issuer and
current now (thisUpdate ≤ now ≤ nextUpdate). Without a time-stamp, XAdES-BES's SigningTime
is the signer's own claim, so a listed certificate is revoked whatever the revocation date.
No OCSP.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509

from app import clock
from app.trust.store import TrustStore, parse_crl

log = logging.getLogger("tezgah.trust")

MAX_CRL_BYTES = 20 * 1024 * 1024  # Kamu SM's CRLs are a few MB


@dataclass(frozen=True)
class RevocationResult:
    status: str  # "good", "revoked" or "unknown"
    message: str  # Turkish
    revoked_at: datetime | None = None


def _distribution_points(cert: x509.Certificate) -> list[str]:
    try:
        dps = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    except x509.ExtensionNotFound:
        return []
    urls = []
    for dp in dps:
        for name in dp.full_name or []:
            if isinstance(name, x509.UniformResourceIdentifier) and name.value.lower().startswith(
                    ("http://", "https://")):
                urls.append(name.value)
    return urls


def fetch_crl(url: str, timeout: float) -> x509.CertificateRevocationList:
    """Download and parse one CRL; raises ``OSError`` (with a Turkish message) on failure."""
    from app.http import HttpError, download

    with tempfile.TemporaryDirectory(prefix="tezgah-crl-") as tmp:
        dest = Path(tmp) / "list.crl"
        try:
            download(url, dest, timeout=timeout, max_bytes=MAX_CRL_BYTES)
        except HttpError as exc:
            raise OSError(exc.message) from exc
        crl = parse_crl(dest.read_bytes())
    if crl is None:
        raise OSError(f"{url} bir sertifika iptal listesi (CRL) döndürmedi")
    return crl


def _usable(crl: x509.CertificateRevocationList, issuer: x509.Certificate,
            now: datetime) -> str | None:
    """Why this CRL cannot be relied on; None when it can."""
    if crl.issuer != issuer.subject:
        return "başka bir CA'nın listesi"
    if not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
        return "listenin imzası doğrulanamadı"
    if crl.last_update_utc > now:
        return "liste ileri tarihli"
    if crl.next_update_utc is not None and crl.next_update_utc < now:
        return f"liste eskimiş (sonraki güncelleme {crl.next_update_utc:%d.%m.%Y})"
    return None


def _judge(cert: x509.Certificate, crl: x509.CertificateRevocationList,
           where: str) -> RevocationResult:
    entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    if entry is None:
        return RevocationResult(
            "good", f"Sertifika iptal edilmemiş ({where}, {crl.last_update_utc:%d.%m.%Y} tarihli "
            "iptal listesi).")
    return RevocationResult(
        "revoked", f"Sertifika {entry.revocation_date_utc:%d.%m.%Y %H:%M} UTC tarihinde iptal "
        f"edilmiş ({where}). İptal edilmiş sertifikayla atılan imza geçerli sayılmaz.",
        entry.revocation_date_utc)


def check_revocation(cert: x509.Certificate, issuer: x509.Certificate | None,
                     store: TrustStore) -> RevocationResult:
    if issuer is None:
        return RevocationResult("unknown", "Zincir kurulamadığı için iptal durumu denetlenemedi.")
    now = clock.now_utc()
    reasons: list[str] = []
    for crl in store.crls:
        if crl.issuer != issuer.subject:
            continue
        why = _usable(crl, issuer, now)
        if why is None:
            return _judge(cert, crl, "verilen ya da kayıtlı liste")
        reasons.append(f"verilen liste: {why}")
    urls = _distribution_points(cert)
    if not store.fetch_crls:
        if not reasons:
            reasons.append("iptal listesi (CRL) verilmedi" + (
                "; sertifikadaki CRL adresinden indirme kapalı" if urls else ""))
    elif not urls and not reasons:
        reasons.append("iptal listesi (CRL) verilmedi ve sertifikada CRL adresi yok")
    else:
        for url in urls if store.fetch_crls else []:
            try:
                crl = fetch_crl(url, store.crl_timeout)
            except OSError as exc:
                log.info("CRL %s: %s", url, exc)
                reasons.append(f"{url} adresine ulaşılamadı: {exc}")
                continue
            why = _usable(crl, issuer, now)
            if why is None:
                return _judge(cert, crl, url)
            reasons.append(f"{url}: {why}")
    return RevocationResult("unknown", "İptal durumu denetlenemedi: " + "; ".join(reasons) + ".")
