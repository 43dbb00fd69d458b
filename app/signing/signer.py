"""The signer interface shared by the PKCS#11 token and the PKCS#12 file backends."""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from cryptography import x509

KeyType = Literal["RSA", "EC"]


@runtime_checkable
class Signer(Protocol):
    """Something that holds a certificate and signs with its private key.

    ``sign`` returns a signature over ``data``: RSA PKCS#1 v1.5 with SHA-256, and for EC
    ECDSA with the curve's hash (``ecsig.hash_for_curve``: SHA-384 for P-384, else SHA-256)
    in the raw ``r||s`` form XMLDSig expects (RFC 4050 / XMLDSig 1.1 §6.4.3), not DER.
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
