"""Trust anchors and CRLs: what ``verify`` trusts, kept as plain files in the data folder.

``<data>/trust/*.pem`` are the anchors the user installed (``tezgah trust add``: the Kamu SM
root and the mali mühür / NES issuing CAs), ``<data>/trust/*.crl`` CRLs given by hand, and
``<data>/trust/demo/`` the demo TEST CA (and its CRL), read only in demo mode. Loading is a
directory listing and a few small files, so ``verify`` stays light.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from app.domain.errors import UserError
from app.paths import trust_dir

DEMO_SUBDIR = "demo"


@dataclass(frozen=True)
class Anchor:
    certificate: x509.Certificate
    source: str  # the file it came from (or "--trust FILE")
    demo_only: bool = False

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def name(self) -> str:
        return common_name(self.certificate.subject)


@dataclass(frozen=True)
class TrustStore:
    """What one verification trusts. ``TrustStore()`` trusts nothing: every chain fails.

    ``fetch_crls``: download the CRL named in the certificate (CRL Distribution Points) when
    none of ``crls`` is from its issuer; ``crl_timeout`` seconds per address."""

    anchors: tuple[Anchor, ...] = ()
    crls: tuple[x509.CertificateRevocationList, ...] = ()
    fetch_crls: bool = False
    crl_timeout: float = 5.0
    demo_mode: bool = False

    @classmethod
    def of(cls, certificates: Iterable[x509.Certificate], *,
           crls: Iterable[x509.CertificateRevocationList] = (), fetch_crls: bool = False,
           source: str = "test") -> TrustStore:
        return cls(tuple(Anchor(c, source) for c in certificates), tuple(crls), fetch_crls)

    def with_files(self, cert_files: Sequence[Path] = (), crl_files: Sequence[Path] = ()
                   ) -> TrustStore:
        """This store plus one-off anchors (``verify --trust``) and CRLs (``--crl``)."""
        anchors = list(self.anchors)
        for path in cert_files:
            anchors += [Anchor(c, f"--trust {Path(path).name}") for c in read_certificates(path)]
        crls = list(self.crls)
        for path in crl_files:
            crls.append(read_crl(path))
        return TrustStore(tuple(anchors), tuple(crls), self.fetch_crls, self.crl_timeout,
                          self.demo_mode)


def fingerprint(cert: x509.Certificate) -> str:
    from cryptography.hazmat.primitives import hashes

    return cert.fingerprint(hashes.SHA256()).hex()


def common_name(name: x509.Name) -> str:
    with warnings.catch_warnings():  # Kamu SM names exceed X.520's 64 characters
        warnings.simplefilter("ignore", UserWarning)
        attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
        if attrs:
            value = attrs[0].value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        return name.rfc4514_string()


def read_certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate in a PEM (one or a bundle) or DER file; a Turkish error otherwise."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"'{path}' okunamadı: {exc.strerror or exc}") from exc
    try:
        if b"-----BEGIN" in data:
            certs = x509.load_pem_x509_certificates(data)
        else:
            certs = [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise UserError(f"'{Path(path).name}' okunabilir bir X.509 sertifikası değil "
                        "(PEM ya da DER bekleniyor).") from exc
    return certs


def read_crl(path: Path) -> x509.CertificateRevocationList:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"'{path}' okunamadı: {exc.strerror or exc}") from exc
    crl = parse_crl(data)
    if crl is None:
        raise UserError(f"'{Path(path).name}' okunabilir bir sertifika iptal listesi (CRL) "
                        "değil (PEM ya da DER bekleniyor).")
    return crl


def parse_crl(data: bytes) -> x509.CertificateRevocationList | None:
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError:
        return None


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


@dataclass(frozen=True)
class AnchorInfo:
    """One installed anchor, as ``tezgah trust list`` shows it."""

    file: str
    fingerprint: str
    name: str
    issuer: str
    self_signed: bool
    not_before: datetime
    not_after: datetime
    demo_only: bool


def _info(path: Path, cert: x509.Certificate, demo_only: bool) -> AnchorInfo:
    return AnchorInfo(path.name, fingerprint(cert), common_name(cert.subject),
                      common_name(cert.issuer), cert.issuer == cert.subject,
                      cert.not_valid_before_utc, cert.not_valid_after_utc, demo_only)


def _dirs(data_dir: Path) -> list[tuple[Path, bool]]:
    base = trust_dir(Path(data_dir))
    return [(base, False), (base / DEMO_SUBDIR, True)]


def load_store(data_dir: Path, *, demo_mode: bool, fetch_crls: bool = True) -> TrustStore:
    """The anchors and CRLs kept in ``data_dir`` (the demo ones only when ``demo_mode``)."""
    anchors: list[Anchor] = []
    crls: list[x509.CertificateRevocationList] = []
    for folder, demo in _dirs(data_dir):
        if demo and not demo_mode:
            continue
        for path in sorted(folder.glob("*.pem")):
            try:
                anchors += [Anchor(c, path.name, demo) for c in read_certificates(path)]
            except UserError:
                continue  # a damaged file trusts nothing; ``trust list`` shows the rest
        for path in sorted(folder.glob("*.crl")):
            crl = parse_crl(path.read_bytes())
            if crl is not None:
                crls.append(crl)
    return TrustStore(tuple(anchors), tuple(crls), fetch_crls, demo_mode=demo_mode)


def list_anchors(data_dir: Path) -> list[AnchorInfo]:
    out: list[AnchorInfo] = []
    for folder, demo in _dirs(data_dir):
        for path in sorted(folder.glob("*.pem")):
            try:
                out += [_info(path, c, demo) for c in read_certificates(path)]
            except UserError:
                continue
    return out


def add_anchor(data_dir: Path, source: Path, *, demo_only: bool = False) -> list[AnchorInfo]:
    """Install the CA certificate(s) in ``source`` (a CRL file is kept as a CRL). A
    certificate that is not a CA's is refused: trusting a signer's own certificate would
    make any self-made certificate look issued."""
    folder = trust_dir(Path(data_dir)) / (DEMO_SUBDIR if demo_only else "")
    data = Path(source).read_bytes() if Path(source).is_file() else None
    if data is not None and (b"X509 CRL" in data or (b"-----BEGIN" not in data
                                                     and parse_crl(data) is not None)):
        crl = read_crl(Path(source))
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{hashlib.sha256(crl.public_bytes(serialization.Encoding.DER)).hexdigest()[:16]}.crl"
        (folder / name).write_bytes(crl.public_bytes(serialization.Encoding.PEM))
        return []
    certs = read_certificates(Path(source))
    refused = [c for c in certs if not _is_ca(c)]
    if refused:
        raise UserError(
            f"'{common_name(refused[0].subject)}' bir sertifika hizmet sağlayıcısının (CA) "
            "sertifikası değil; güvenilen kök olarak yalnız CA sertifikaları (ör. Kamu SM kök "
            "ve mali mühür / NES sertifika hizmet sağlayıcısı sertifikaları) eklenebilir.")
    folder.mkdir(parents=True, exist_ok=True)
    added = []
    for cert in certs:
        path = folder / f"{fingerprint(cert)[:16]}.pem"
        path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        added.append(_info(path, cert, demo_only))
    return added


def remove_anchor(data_dir: Path, ident: str) -> AnchorInfo:
    """Remove the anchor whose file name or SHA-256 fingerprint starts with ``ident``."""
    key = ident.strip().lower().removesuffix(".pem").replace(":", "")
    if len(key) < 6:
        raise UserError("Kaldırılacak sertifikayı parmak izinin (SHA-256) en az 6 hanesiyle "
                        "ya da dosya adıyla verin ('tezgah trust list' gösterir).")
    matches = []
    for folder, demo in _dirs(data_dir):
        for path in sorted(folder.glob("*.pem")):
            try:
                certs = read_certificates(path)
            except UserError:
                certs = []
            if path.stem.lower().startswith(key) or any(
                    fingerprint(c).startswith(key) for c in certs):
                matches.append((path, certs, demo))
    if not matches:
        raise UserError(f"'{ident}' ile başlayan güvenilen sertifika yok ('tezgah trust list').")
    if len(matches) > 1:
        raise UserError(f"'{ident}' birden çok sertifikaya uyuyor; daha uzun bir parmak izi "
                        "verin.")
    path, certs, demo = matches[0]
    path.unlink()
    return _info(path, certs[0], demo) if certs else AnchorInfo(
        path.name, "", "", "", False, datetime.min, datetime.min, demo)
