"""Key and certificates of a test time-stamp authority (demo mode and the test suite).

``create_test_tsa_identity()`` makes a test CA (``testcert.make_test_ca``, the same kind of
CA as the demo signing certificate's) and a time-stamping certificate issued by it with the
critical extended key usage ``id-kp-timeStamping`` that RFC 3161 §2.3 requires. Nothing
made here is trusted anywhere but where a test or the demo says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app import clock
from app.signing.testcert import PrivateKey, make_test_ca, new_rsa_key

TEST_TSA_CA_NAME = "Tezgâh TEST Zaman Damgası Kök Sertifikası"
TEST_TSA_NAME = "Tezgâh TEST Zaman Damgası Sunucusu"


@dataclass(frozen=True)
class TestTsaIdentity:
    """The test TSA's signing ``key`` and ``certificate``, and the CA that issued it."""

    __test__ = False  # not a pytest test class

    key: PrivateKey
    certificate: x509.Certificate
    ca_certificate: x509.Certificate

    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(Encoding.PEM)

    def ca_pem(self) -> bytes:
        return self.ca_certificate.public_bytes(Encoding.PEM)


def issue_tsa_certificate(ca_key: PrivateKey, ca_cert: x509.Certificate, *,
                          name: str = TEST_TSA_NAME, key: PrivateKey | None = None,
                          eku_critical: bool = True, time_stamping: bool = True,
                          years: int = 5) -> tuple[PrivateKey, x509.Certificate]:
    """A time-stamping certificate issued by ``ca_key``/``ca_cert``. ``eku_critical`` and
    ``time_stamping`` False make the wrong certificates tests need."""
    key = key or new_rsa_key()
    now = clock.now_utc()
    eku = [ExtendedKeyUsageOID.TIME_STAMPING if time_stamping else
           ExtendedKeyUsageOID.CODE_SIGNING]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "TR"),
                                 x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(min(now + timedelta(days=365 * years), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage(eku), critical=eku_critical)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def create_test_tsa_identity() -> TestTsaIdentity:
    """A fresh test CA and a time-stamping certificate (critical EKU) issued by it."""
    ca_key, ca_cert = make_test_ca(TEST_TSA_CA_NAME)
    key, cert = issue_tsa_certificate(ca_key, ca_cert)
    return TestTsaIdentity(key=key, certificate=cert, ca_certificate=ca_cert)
