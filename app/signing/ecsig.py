"""ECDSA signature forms: XMLDSig wants raw r||s (XMLDSig 1.1 §6.4.3), X.509 libraries DER."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)


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
