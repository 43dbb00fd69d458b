"""Which signer the company uses: ``signer.json`` in the signer directory, read and written
by ``app.settings`` (its only reader and writer); here it becomes a checked ``SignerConfig``.

It names the PKCS#11 module, token and certificate (or the PKCS#12 file); it never holds a
PIN or password.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from app.domain.errors import UserError

SignerKind = Literal["pkcs11", "pkcs12"]


@dataclass(frozen=True)
class SignerConfig:
    kind: SignerKind
    module_path: str | None = None
    token_label: str | None = None
    cert_id_hex: str | None = None
    pkcs12_path: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("pkcs11", "pkcs12"):
            raise UserError(f"Bilinmeyen imzalayıcı türü: {self.kind!r} (pkcs11 ya da pkcs12).")
        if self.kind == "pkcs11" and not self.module_path:
            raise UserError("Akıllı kart için PKCS#11 modülünün (sürücü) yolu gerekli.")
        if self.kind == "pkcs12" and not self.pkcs12_path:
            raise UserError("PKCS#12 imzalayıcısı için .p12/.pfx dosyasının yolu gerekli.")
        if self.cert_id_hex is not None:
            try:
                bytes.fromhex(self.cert_id_hex)
            except ValueError as exc:
                raise UserError(
                    f"Sertifika kimliği onaltılık (hex) olmalı: {self.cert_id_hex!r}"
                ) from exc

    def describe(self) -> str:
        if self.kind == "pkcs12":
            return f"PKCS#12 dosyası {self.pkcs12_path}"
        parts = [f"PKCS#11 modülü {self.module_path}"]
        if self.token_label:
            parts.append(f"kart etiketi {self.token_label!r}")
        if self.cert_id_hex:
            parts.append(f"sertifika kimliği {self.cert_id_hex}")
        return ", ".join(parts)


# app.settings is imported where it is used: building a SignerConfig (``tezgah sign``)
# needs no settings file.


def config_path(data_dir: Path) -> Path:
    from app.settings import signer_file

    return signer_file(Path(data_dir))


def load_signer_config(data_dir: Path) -> SignerConfig | None:
    from app.settings import read_signer_file

    path = config_path(Path(data_dir))
    try:
        raw = read_signer_file(Path(data_dir))
        if raw is None:
            return None
        fields = {k: raw.get(k) for k in SignerConfig.__dataclass_fields__}
        return SignerConfig(**fields)
    except (ValueError, TypeError) as exc:
        raise UserError(
            f"İmzalayıcı ayar dosyası okunamadı ({path}): {exc}. "
            "`tezgah signer configure` ile yeniden ayarlayın."
        ) from exc


def save_signer_config(data_dir: Path, cfg: SignerConfig) -> Path:
    from app.settings import write_signer_file

    return write_signer_file(Path(data_dir), asdict(cfg))
