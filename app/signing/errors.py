"""Why signing could not happen, each with its own Turkish message.

Every class is a ``UserError``: the message says what went wrong and what to do. None of
them ever carries a PIN or password.
"""

from __future__ import annotations

from app.domain.errors import UserError


class SigningError(UserError):
    """Base of all signing problems the user can act on."""


class ModuleMissingError(SigningError):
    """The PKCS#11 module (driver of the card) is absent or cannot be loaded."""


class TokenNotFoundError(SigningError):
    """No card in the reader, the card was removed, or no token with the wanted label."""


class WrongPinError(SigningError):
    """The token refused the PIN; ``warning`` tells how close the card is to locking."""

    def __init__(self, message: str, *, warning: str | None = None) -> None:
        super().__init__(message)
        self.warning = warning


class PinLockedError(SigningError):
    """The user PIN is locked: the card must be unlocked with its PUK / by its issuer."""


class WrongPasswordError(SigningError):
    """The PKCS#12 file's password is wrong."""


class CertificateNotFoundError(SigningError):
    """The token (or file) holds no usable signing certificate with its private key."""


class CertificateExpiredError(SigningError):
    """The signing certificate's validity period has ended."""


class CertificateNotYetValidError(SigningError):
    """The signing certificate is not valid yet."""


class CertificateOwnerMismatchError(SigningError):
    """The certificate's VKN/TCKN is not the company's."""


class SignerNotConfiguredError(SigningError):
    """No signer (token or PKCS#12 file) has been set up for the company yet."""


class SignatureFailedError(SigningError):
    """The token could not produce a signature (unexpected device error)."""


class UnsignableDocumentError(SigningError):
    """The XML does not have the shape the signature needs (UBLExtensions, cac:Signature …)."""
