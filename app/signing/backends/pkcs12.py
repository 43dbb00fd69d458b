"""A signer backed by a PKCS#12 (.p12/.pfx) file: used for Tezgâh's demo test certificate."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from app.domain.errors import CancelledError
from app.signing.certinfo import is_test_certificate
from app.signing.checks import check_usable
from app.signing.ecsig import der_to_raw, hash_for_curve
from app.signing.errors import (
    CertificateNotFoundError,
    ModuleMissingError,
    WrongPasswordError,
)
from app.signing.signer import KeyType, PinHandler

# The demo certificate's password lives beside it (see app.signing.testcert).
PASSWORD_SUFFIX = ".password"


class Pkcs12Signer:
    def __init__(self, key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, cert: x509.Certificate):
        self._key = key
        self._cert = cert
        self._der = cert.public_bytes(serialization.Encoding.DER)

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    @property
    def certificate_der(self) -> bytes:
        return self._der

    @property
    def key_type(self) -> KeyType:
        return "RSA" if isinstance(self._key, rsa.RSAPrivateKey) else "EC"

    @property
    def is_test(self) -> bool:
        return is_test_certificate(self._cert)

    def sign(self, data: bytes) -> bytes:
        if isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, padding.PKCS1v15(), hashes.SHA256())
        der = self._key.sign(data, ec.ECDSA(hash_for_curve(self._key.curve)))
        return der_to_raw(der, self._key.curve)


def stored_password(path: Path) -> str | None:
    """The demo certificate's password kept beside it, if this file is one."""
    pw_file = path.with_name(path.name + PASSWORD_SUFFIX)
    if pw_file.exists():
        return pw_file.read_text(encoding="utf-8").strip()
    return None


def load_pkcs12(path: Path, password: str) -> Pkcs12Signer:
    if not path.exists():
        raise ModuleMissingError(
            f"PKCS#12 sertifika dosyası bulunamadı: {path}. Dosyanın yerini kontrol edin ya da "
            "`tezgah signer configure` ile yeniden ayarlayın."
        )
    try:
        key, cert, _extra = pkcs12.load_key_and_certificates(
            path.read_bytes(), password.encode("utf-8")
        )
    except ValueError as exc:
        raise WrongPasswordError(
            f"PKCS#12 dosyasının parolası yanlış ya da dosya bozuk: {path.name}."
        ) from exc
    if key is None or cert is None:
        raise CertificateNotFoundError(
            f"{path.name} dosyasında imza anahtarı ve sertifika birlikte bulunamadı."
        )
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CertificateNotFoundError(
            f"{path.name} dosyasındaki anahtar türü desteklenmiyor (RSA ya da EC olmalı)."
        )
    return Pkcs12Signer(key, cert)


@contextlib.contextmanager
def open_pkcs12(
    path: Path,
    secret: str | None,
    pin_handler: PinHandler | None,
    expected_vkn_tckn: str | None,
) -> Iterator[Pkcs12Signer]:
    password = secret
    if password is None:
        password = stored_password(path)
    if password is None and pin_handler is not None:
        password = pin_handler.ask_pin(f"Sertifika dosyası {path.name}", None)
        if password is None:
            raise CancelledError()
    if password is None:
        raise WrongPasswordError(f"{path.name} için parola verilmedi.")
    signer = load_pkcs12(path, password)
    del password
    check_usable(signer.certificate, expected_vkn_tckn)
    yield signer
