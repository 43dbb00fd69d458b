"""Test certificates: a self-made test CA and certificates shaped like Turkish ones.

Used for Tezgâh's demo PKCS#12 certificate (``create_test_certificate``) and by the test
suite's SoftHSM token. Shapes follow XADES-NOTES.md: a mali mühür has the VKN in the subject
serialNumber, CN = trade name, certificate policy 2.16.792.1.2.1.1.5.7.4.1 and extended key
usage 2.16.792.1.2.1.1.5.7.50.1; an e-imza has the person's TCKN in serialNumber.
"""

from __future__ import annotations

import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app import clock
from app.domain.errors import UserError
from app.paths import signer_dir
from app.settings import DEMO_CERTIFICATE_FILE
from app.signing.backends.pkcs12 import PASSWORD_SUFFIX
from app.signing.certinfo import MALI_MUHUR_EKU, MALI_MUHUR_POLICY, TEST_MARKER
from app.signing.config import SignerConfig

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

TEST_CA_NAME = "Tezgâh TEST Sertifika Hizmet Sağlayıcısı"
DEMO_P12 = DEMO_CERTIFICATE_FILE
DEMO_CA = "test-ca.crt"
DEMO_CRL = "test-ca.crl"  # the test CA's (empty) revocation list, so verify can check it


def new_rsa_key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def new_ec_key(curve: ec.EllipticCurve | None = None) -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(curve or ec.SECP256R1())


def make_test_ca(
    name: str = TEST_CA_NAME, key: PrivateKey | None = None, *, years: int = 10
) -> tuple[PrivateKey, x509.Certificate]:
    key = key or new_rsa_key()
    now = clock.now_utc()
    subject = x509.Name(
        [x509.NameAttribute(NameOID.COUNTRY_NAME, "TR"), x509.NameAttribute(NameOID.COMMON_NAME, name)]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def issue_certificate(
    ca_key: PrivateKey,
    ca_cert: x509.Certificate,
    *,
    vkn_tckn: str,
    name: str,
    key: PrivateKey | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    test_marker: bool = False,
) -> tuple[PrivateKey, x509.Certificate]:
    """A mali mühür (10-digit VKN) or e-imza (11-digit TCKN) shaped certificate."""
    key = key or new_rsa_key()
    now = clock.now_utc()
    not_before = not_before or now - timedelta(days=1)
    not_after = not_after or now + timedelta(days=365 * 2)
    is_company = len(vkn_tckn) == 10
    cn = f"{name} [{TEST_MARKER}]" if test_marker else name
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "TR")]
    if test_marker:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{TEST_MARKER} SERTİFİKASI"))
    attrs += [
        x509.NameAttribute(NameOID.SERIAL_NUMBER, vkn_tckn),
        x509.NameAttribute(NameOID.COMMON_NAME, cn[:64]),
    ]
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=is_company, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if is_company:
        builder = builder.add_extension(
            x509.CertificatePolicies(
                [x509.PolicyInformation(x509.ObjectIdentifier(MALI_MUHUR_POLICY), None)]
            ),
            critical=False,
        ).add_extension(
            x509.ExtendedKeyUsage([x509.ObjectIdentifier(MALI_MUHUR_EKU)]), critical=False
        )
    return key, builder.sign(ca_key, hashes.SHA256())


def make_crl(
    ca_key: PrivateKey,
    ca_cert: x509.Certificate,
    *,
    revoked: list[tuple[int, datetime]] | None = None,
    last_update: datetime | None = None,
    next_update: datetime | None = None,
) -> x509.CertificateRevocationList:
    """A CRL of the test CA: ``revoked`` lists (serial number, revocation time)."""
    now = clock.now_utc()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(last_update or now - timedelta(hours=1))
        .next_update(next_update or now + timedelta(days=7))
    )
    for serial, when in revoked or []:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return builder.sign(ca_key, hashes.SHA256())


def _check_vkn_tckn(vkn_tckn: str) -> str:
    v = (vkn_tckn or "").strip()
    if not (v.isascii() and v.isdigit() and len(v) in (10, 11)):
        raise UserError(
            f"VKN 10, TCKN 11 haneli bir sayı olmalı; verilen: {vkn_tckn!r}.", field="vkn_tckn"
        )
    return v


def create_test_certificate(data_dir: Path, vkn_tckn: str, name: str) -> SignerConfig:
    """Create the demo PKCS#12 certificate (marked TEST) in the signer directory.

    The result is not a real secret: GİB accepts no document signed with it. Its random
    password is therefore stored beside it (``<file>.password``) so the demo can sign
    without asking; a real card's PIN is never stored anywhere.
    """
    vkn_tckn = _check_vkn_tckn(vkn_tckn)
    name = (name or "").strip()
    if not name:
        raise UserError("Test sertifikası için firma / kişi adı gerekli.", field="name")
    out_dir = signer_dir(Path(data_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = make_test_ca()
    key, cert = issue_certificate(ca_key, ca_cert, vkn_tckn=vkn_tckn, name=name, test_marker=True)
    password = secrets.token_urlsafe(18)
    p12 = pkcs12.serialize_key_and_certificates(
        b"tezgah-test",
        key,
        cert,
        [ca_cert],
        serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
    p12_path = out_dir / DEMO_P12
    pw_path = p12_path.with_name(p12_path.name + PASSWORD_SUFFIX)
    _write_private(p12_path, p12)
    _write_private(pw_path, password.encode("utf-8"))
    (out_dir / DEMO_CA).write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    # The CA's key is thrown away, so its one CRL is made now and lasts as long as the CA.
    crl = make_crl(ca_key, ca_cert, next_update=ca_cert.not_valid_after_utc)
    (out_dir / DEMO_CRL).write_bytes(crl.public_bytes(serialization.Encoding.PEM))
    return SignerConfig(kind="pkcs12", pkcs12_path=str(p12_path))


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
