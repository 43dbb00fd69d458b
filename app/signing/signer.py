"""The signer interface shared by the PKCS#11 token and the PKCS#12 file backends."""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from cryptography import x509

KeyType = Literal["RSA", "EC"]


@runtime_checkable
class Signer(Protocol):
    """Something that holds a certificate and signs with its private key.

    ``sign`` returns a SHA-256 signature over ``data``: PKCS#1 v1.5 for RSA, and for EC the
    raw ``r||s`` form XMLDSig expects (RFC 4050 / XMLDSig 1.1 §6.4.3), not DER.
    """

    @property
    def certificate(self) -> x509.Certificate: ...

    @property
    def certificate_der(self) -> bytes: ...

    @property
    def key_type(self) -> KeyType: ...

    @property
    def is_test(self) -> bool: ...

    def sign(self, data: bytes) -> bytes: ...


@runtime_checkable
class PinHandler(Protocol):
    """Asks the user for the PIN (or PKCS#12 password); ``None`` means the user cancelled.

    ``token_description`` names the card or file; ``warning`` (Turkish) is set when the
    card reports that few tries remain.
    """

    def ask_pin(self, token_description: str, warning: str | None) -> str | None: ...
