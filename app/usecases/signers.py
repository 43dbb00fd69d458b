"""The company's signing device: choosing it, the TEST certificate, cards, signing and
verifying single files.

The one place where the desktop app (first-start wizard, settings page, card picker) and the
command line (``tezgah signer``, ``token``, ``sign``, ``verify``) set up and use a signer;
neither reaches into ``app.signing`` itself. A PIN or password only passes through here on
its way to the card: it is never stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.errors import UserError

if TYPE_CHECKING:
    from app.domain.party import Party
    from app.signing import KIND_LABEL as CERTIFICATE_KIND_LABEL
    from app.signing import (
        CertificateInfo,
        PinHandler,
        SignerConfig,
        TerminalPin,
        TokenDescription,
        VerificationResult,
    )
    from app.trust import TrustStore

# The signing names are imported inside the functions that use them (``app.signing`` is a
# lazy facade): ``tezgah sign`` with a file loads neither the card driver nor the verifier.
# The types re-exported here come from ``app.signing`` on first use (``__getattr__``).
_REEXPORTED = {
    "CERTIFICATE_KIND_LABEL": "KIND_LABEL",
    "CertificateInfo": "CertificateInfo",
    "PinHandler": "PinHandler",
    "SignerConfig": "SignerConfig",
    "TerminalPin": "TerminalPin",
    "TokenDescription": "TokenDescription",
    "VerificationResult": "VerificationResult",
}


def __getattr__(name: str) -> Any:
    if name not in _REEXPORTED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import app.signing

    value = getattr(app.signing, _REEXPORTED[name])
    globals()[name] = value
    return value


__all__ = [
    "CERTIFICATE_KIND_LABEL",
    "CertificateInfo",
    "PinHandler",
    "SignerConfig",
    "TerminalPin",
    "TokenDescription",
    "VerificationResult",
    "card_driver_dialog",
    "card_module_hints",
    "card_module_problem",
    "card_modules",
    "configure_pkcs11",
    "configure_pkcs12",
    "current_signer",
    "describe_current_signer",
    "sign_file_bytes",
    "tokens_of",
    "use_signer",
    "use_test_certificate",
    "verify_bytes",
]

TEST_CERTIFICATE_NOTE = "TEST sertifikası oluşturuldu (gerçek mali mühür değildir)."


def current_signer(data_dir: Path) -> SignerConfig | None:
    """The configured signer, or None before one is chosen."""
    from app.signing import load_signer_config

    return load_signer_config(Path(data_dir))


def describe_current_signer(data_dir: Path) -> str:
    """One Turkish line naming the configured signer; empty when there is none."""
    cfg = current_signer(data_dir)
    return cfg.describe() if cfg else ""


def use_test_certificate(data_dir: Path, vkn_tckn: str, name: str) -> SignerConfig:
    """Make the demo TEST certificate for this VKN/TCKN and sign with it from now on; its
    test CA becomes a trust anchor of demo mode only."""
    from app.signing import create_test_certificate, save_signer_config
    from app.usecases.trust import install_demo_anchor

    _database_first(data_dir)
    cfg = create_test_certificate(Path(data_dir), vkn_tckn, name)
    save_signer_config(Path(data_dir), cfg)
    install_demo_anchor(Path(data_dir))
    return cfg


def use_signer(data_dir: Path, cfg: SignerConfig | None, company: Party | None) -> SignerConfig:
    """Sign with ``cfg`` from now on; ``None`` means the TEST certificate for ``company``."""
    if cfg is None:
        if company is None:
            raise UserError("Önce firma bilgilerini kaydedin.")
        return use_test_certificate(data_dir, company.vkn_tckn, company.display_name)
    from app.signing import save_signer_config

    _database_first(data_dir)
    save_signer_config(Path(data_dir), cfg)
    return cfg


def configure_pkcs11(data_dir: Path, module: str | None, *, token_label: str | None = None,
                     cert_id_hex: str | None = None) -> tuple[SignerConfig, Path]:
    """A smart card / USB token through its PKCS#11 module (the card's driver)."""
    from app.signing import SignerConfig, module_problem, save_signer_config

    if not module:
        raise UserError("--pkcs11 ile --module YOL (kart sürücüsü) gerekli.")
    if not Path(module).exists():
        raise UserError(f"PKCS#11 modülü bulunamadı: {module}")
    problem = module_problem(module)
    if problem is not None:
        raise UserError(problem)
    cfg = SignerConfig(kind="pkcs11", module_path=str(Path(module).absolute()),
                       token_label=token_label, cert_id_hex=cert_id_hex)
    _database_first(data_dir)
    return cfg, save_signer_config(Path(data_dir), cfg)


def configure_pkcs12(data_dir: Path, pkcs12_path: str) -> tuple[SignerConfig, Path]:
    """A PKCS#12 (.p12/.pfx) certificate file."""
    from app.signing import SignerConfig, save_signer_config

    if not Path(pkcs12_path).exists():
        raise UserError(f"PKCS#12 dosyası bulunamadı: {pkcs12_path}")
    cfg = SignerConfig(kind="pkcs12", pkcs12_path=str(Path(pkcs12_path).absolute()))
    _database_first(data_dir)
    return cfg, save_signer_config(Path(data_dir), cfg)


def _database_first(data_dir: Path) -> None:
    """Open (in a new folder: create) the database before the signer folder is written. A
    signer folder beside a missing database then always means a lost database, never a
    first start (``app.db.files.traces_of_earlier_database``)."""
    from app.context import AppContext

    AppContext.open(data_dir)


def card_modules() -> list[tuple[str, str]]:
    """``(module path, card name)`` of the PKCS#11 drivers installed on this computer that
    this Tezgâh can load (a 32-bit driver is not offered to a 64-bit Tezgâh, nor the converse)."""
    from app.signing import find_modules

    return [(str(m.path), m.card) for m in find_modules()]


def card_module_hints() -> list[str]:
    """Turkish explanations for the installed drivers of known cards this Tezgâh cannot load
    (other width, processor or system); shown when ``card_modules()`` finds nothing."""
    from app.signing import scan_modules

    return [f"{m.card}: {m.problem}" for m in scan_modules() if m.problem]


def card_module_problem(path: str) -> str | None:
    """Why the file the user picked cannot be the card driver (not a library, 32/64-bit or
    processor mismatch …), in Turkish; None when its header fits this Tezgâh."""
    from app.signing import module_problem

    return module_problem(path)


def card_driver_dialog() -> tuple[str, str]:
    """``(start folder or "", file pattern)`` for choosing a card driver file: System32 and
    ``*.dll`` on Windows, a lib folder and ``*.so`` on Linux, ``*.dylib`` on macOS."""
    from app.signing import driver_folder, driver_pattern

    folder = driver_folder()
    return (str(folder) if folder else "", driver_pattern())


def tokens_of(module_path: str) -> list[TokenDescription]:
    """Slots, cards and their certificates behind one PKCS#11 module (no PIN needed)."""
    from app.signing import list_tokens

    return list_tokens(module_path)


def sign_file_bytes(unsigned: bytes, cfg: SignerConfig, secret: str | PinHandler | None, *,
                    expected_vkn_tckn: str | None = None) -> tuple[bytes, bool]:
    """Sign one UBL-TR document; returns the signed bytes and whether it was a TEST signer."""
    from app.signing import open_signer, sign_invoice

    with open_signer(cfg, secret, expected_vkn_tckn=expected_vkn_tckn) as signer:
        return sign_invoice(unsigned, signer), signer.is_test


def verify_bytes(data: bytes, trust: TrustStore | None = None) -> list[VerificationResult]:
    """One result per signed document in ``data`` (a document or a GİB envelope); without
    ``trust`` no chain is trusted (``app.usecases.trust.verify_with_trust`` uses the data
    folder's anchors)."""
    from app.signing import verify_all

    return verify_all(data, trust=trust)
