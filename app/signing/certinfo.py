"""What a signing certificate says about its owner: VKN/TCKN, name, issuer, validity.

Turkish qualified certificates carry the owner's tax number in the subject
``serialNumber`` attribute (OID 2.5.4.5): the 10-digit VKN for a mali mühür, the 11-digit
TCKN for a person's e-imza (see ../shared/gib/XADES-NOTES.md; GİB's sample certificate has
``2.5.4.5=9999999999``). Some issuers prefix it (e.g. ``TCKN12345678901``), so the first run
of 10 or 11 digits is taken.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app import clock
from app.signing.errors import CertificateExpiredError, CertificateNotYetValidError

# Marker put into the demo certificate's subject O and CN (app.signing.testcert).
TEST_MARKER = "TEST"
# Kamu SM mali mühür certificate policy and extended key usage (XADES-NOTES).
MALI_MUHUR_POLICY = "2.16.792.1.2.1.1.5.7.4.1"
MALI_MUHUR_EKU = "2.16.792.1.2.1.1.5.7.50.1"

_DIGITS = re.compile(r"(?<!\d)(\d{11}|\d{10})(?!\d)", re.ASCII)


@dataclass(frozen=True)
class CertificateInfo:
    subject_cn: str
    subject_org: str
    vkn_tckn: str | None
    kind: str  # "mali_muhur" (VKN), "e_imza" (TCKN) or "bilinmiyor"
    issuer_cn: str
    serial_number: int
    not_before: datetime
    not_after: datetime
    key_type: str
    is_test: bool
    can_sign: bool

    @property
    def display_name(self) -> str:
        return self.subject_cn or self.subject_org or "(adsız sertifika)"

    def validity_problem(self, at: datetime | None = None) -> str | None:
        """Turkish reason why the certificate cannot sign at ``at``; None when it can."""
        now = at or clock.now_utc()
        if now > self.not_after:
            return (
                f"Sertifikanın süresi {_fmt(self.not_after)} tarihinde dolmuş "
                f"({self.display_name}). Yenilenmiş sertifikanızı takın ya da seçin."
            )
        if now < self.not_before:
            return (
                f"Sertifika henüz geçerli değil: {_fmt(self.not_before)} tarihinden itibaren "
                f"kullanılabilir ({self.display_name}). Bilgisayarın saatini de kontrol edin."
            )
        return None


def _fmt(dt: datetime) -> str:
    return dt.strftime("%d.%m.%Y %H:%M UTC")


def _first(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    attrs = name.get_attributes_for_oid(oid)
    if not attrs:
        return ""
    value = attrs[0].value
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def vkn_tckn_of(cert: x509.Certificate) -> str | None:
    """The VKN (10 digits) or TCKN (11 digits) in the subject serialNumber, if any."""
    for attr in cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER):
        value = attr.value if isinstance(attr.value, str) else attr.value.decode("ascii", "replace")
        m = _DIGITS.search(value)
        if m:
            return m.group(1)
    return None


def key_type_of(cert: x509.Certificate) -> str:
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "EC"
    return type(key).__name__


def is_test_certificate(cert: x509.Certificate) -> bool:
    """True for Tezgâh's demo certificate: subject O or CN carries the word TEST."""
    org = _first(cert.subject, NameOID.ORGANIZATION_NAME).upper()
    cn = _first(cert.subject, NameOID.COMMON_NAME).upper()
    return TEST_MARKER in org.split() or TEST_MARKER in cn.split() or "[TEST]" in cn


def can_sign(cert: x509.Certificate) -> bool:
    """Key usage allows signing (digitalSignature or nonRepudiation) and EKU does not forbid."""
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not (ku.digital_signature or ku.content_commitment):
            return False
    except x509.ExtensionNotFound:
        pass
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        # A TLS-server-only certificate is not a document signing certificate; any other
        # EKU (mali mühür 2.16.792.1.2.1.1.5.7.50.1, e-imza policies …) is accepted.
        if {o.dotted_string for o in eku} == {ExtendedKeyUsageOID.SERVER_AUTH.dotted_string}:
            return False
    except x509.ExtensionNotFound:
        pass
    return True


def describe(cert: x509.Certificate) -> CertificateInfo:
    # Real Kamu SM issuer names exceed X.520's 64-character CN limit; cryptography warns.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return _describe(cert)


def _describe(cert: x509.Certificate) -> CertificateInfo:
    vkn = vkn_tckn_of(cert)
    kind = "bilinmiyor"
    if vkn and len(vkn) == 10:
        kind = "mali_muhur"
    elif vkn and len(vkn) == 11:
        kind = "e_imza"
    return CertificateInfo(
        subject_cn=_first(cert.subject, NameOID.COMMON_NAME),
        subject_org=_first(cert.subject, NameOID.ORGANIZATION_NAME),
        vkn_tckn=vkn,
        kind=kind,
        issuer_cn=_first(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
        serial_number=cert.serial_number,
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        key_type=key_type_of(cert),
        is_test=is_test_certificate(cert),
        can_sign=can_sign(cert),
    )


def check_validity(cert: x509.Certificate, at: datetime | None = None) -> None:
    """Raise the matching Turkish error when the certificate cannot sign now."""
    info = describe(cert)
    problem = info.validity_problem(at)
    if problem is None:
        return
    now = at or clock.now_utc()
    if now > info.not_after:
        raise CertificateExpiredError(problem)
    raise CertificateNotYetValidError(problem)


KIND_LABEL = {"mali_muhur": "mali mühür", "e_imza": "e-imza", "bilinmiyor": "bilinmeyen tür"}
