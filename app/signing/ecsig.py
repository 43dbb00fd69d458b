"""ECDSA signature forms: XMLDSig wants raw r||s (XMLDSig 1.1 §6.4.3), X.509 libraries DER."""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"


def hash_for_curve(curve: ec.EllipticCurve) -> hashes.HashAlgorithm:
    """The hash of the curve's strength (RFC 5480 §4, NIST SP 800-57): SHA-384 for P-384
    (Kamu SM's EC mali mühür certificates, ECDSA-SHA384), SHA-512 for P-521, else SHA-256."""
    if curve.key_size >= 512:
        return hashes.SHA512()
    if curve.key_size >= 384:
        return hashes.SHA384()
    return hashes.SHA256()


def signature_uri(curve: ec.EllipticCurve) -> str:
    return {"sha512": ECDSA_SHA512, "sha384": ECDSA_SHA384}.get(
        hash_for_curve(curve).name, ECDSA_SHA256)


def coordinate_size(curve: ec.EllipticCurve) -> int:
    return (curve.key_size + 7) // 8


def der_to_raw(der: bytes, curve: ec.EllipticCurve) -> bytes:
    r, s = decode_dss_signature(der)
    n = coordinate_size(curve)
    return r.to_bytes(n, "big") + s.to_bytes(n, "big")


def raw_to_der(raw: bytes) -> bytes:
    half = len(raw) // 2
    return encode_dss_signature(
        int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
    )
