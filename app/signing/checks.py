"""Checks every signer passes before it may sign: validity period and owner's VKN/TCKN."""

from __future__ import annotations

from cryptography import x509

from app.signing.certinfo import check_validity, describe
from app.signing.errors import CertificateOwnerMismatchError


def check_owner(cert: x509.Certificate, expected_vkn_tckn: str | None) -> None:
    if not expected_vkn_tckn:
        return
    info = describe(cert)
    if info.vkn_tckn != expected_vkn_tckn.strip():
        found = info.vkn_tckn or "yok"
        raise CertificateOwnerMismatchError(
            f"Sertifika bu firmaya ait değil: sertifikadaki VKN/TCKN {found}, "
            f"firmanın VKN/TCKN'si {expected_vkn_tckn}. Firmanın mali mühürünü ya da "
            "e-imzasını takın (veya doğru sertifikayı seçin)."
        )


def check_usable(cert: x509.Certificate, expected_vkn_tckn: str | None) -> None:
    """Raise the specific error when ``cert`` must not sign for this company now."""
    check_owner(cert, expected_vkn_tckn)
    check_validity(cert)
