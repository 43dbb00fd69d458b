"""GİB's rule packages on disk: install, update and locate them.

GİB publishes its rules as two zips (see /work/shared/gib/README.md, "Official download
addresses"):

* ``UBL-TR1.2.1_Paketi.zip`` — the UBL-TR XSDs (``xsdrt/maindoc`` + ``xsdrt/common``);
* ``e-FaturaPaketi.zip`` — the schematron business rules and the envelope (zarf, SBDH) XSDs.

An installation lives in ``rules_dir``::

    rules_dir/
      manifest.json          which set is active, versions and sha256 of the zips
      sets/<id>/
        packages/ubl.zip     the zips exactly as GİB shipped them (kept for provenance and
        packages/efatura.zip so that installing one zip later can re-use the other)
        xsd/maindoc/         UBL maindoc XSDs + the envelope XSDs beside them
        xsd/common/          UBL common XSDs
        xsd/HRXML/           HR-XML (user account) XSDs used by the envelope
        schematron/          UBL-TR_Main_Schematron.xml and its includes
      cache/                 compiled schematron (see app.ubl.schematron)

The envelope XSDs go beside the UBL maindoc files because ``Package_1_2.xsd`` imports the UBL
schemas by bare file name and HR-XML as ``../HRXML/…`` (gib README, "Facts worth knowing").

Installing is atomic: a new set is built under a temporary name, renamed into ``sets/`` and only
then does ``manifest.json`` (replaced with ``os.replace``) point to it. A failed install leaves
the previous set and manifest untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from app import clock
from app.domain.errors import RulesMissingError, UserError
from app.domain.money import format_count_tr as bytes_tr
from app.ubl.rules_zip import (
    EFATURA_ZIP_NAME,
    MAX_DOWNLOAD_BYTES,
    PACKAGE_TITLES,
    SCHEMATRON_MAIN,
    UBL_ZIP_NAME,
    UNPACKERS,
    identify_zip,
    open_zip,
    sha256_file,
    zip_members,
    zip_version,
)

# gib README, "Official download addresses (for the rules-update feature)".
DOWNLOAD_URLS: dict[str, str] = {
    "ubl": f"https://ebelge.gib.gov.tr/dosyalar/kilavuzlar/{UBL_ZIP_NAME}",
    "efatura": f"https://ebelge.gib.gov.tr/dosyalar/kilavuzlar/{EFATURA_ZIP_NAME}",
}


MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1

_INSTALL_HINT = (
    "GİB kural paketlerini kurmak için: 'tezgah rules install --from KLASÖR' "
    f"(KLASÖR içinde {UBL_ZIP_NAME} ve {EFATURA_ZIP_NAME} olmalı) ya da internetten "
    "indirmek için 'tezgah rules update'."
)


@dataclass(frozen=True)
class PackageInfo:
    """One GİB zip as installed."""

    kind: str  # "ubl" | "efatura"
    file_name: str
    sha256: str
    size: int
    version: str
    installed_at: str

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "size": self.size,
            "version": self.version,
            "installed_at": self.installed_at,
        }

    @classmethod
    def from_json(cls, data: dict) -> PackageInfo:
        return cls(
            kind=data["kind"],
            file_name=data["file_name"],
            sha256=data["sha256"],
            size=int(data["size"]),
            version=data["version"],
            installed_at=data["installed_at"],
        )


@dataclass(frozen=True)
class RulesInfo:
    """What is installed in a rules directory."""

    rules_dir: Path
    set_dir: Path
    installed_at: str
    packages: dict[str, PackageInfo] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return {"ubl", "efatura"} <= set(self.packages)

    def describe(self) -> str:
        """Turkish, several lines: what is installed."""
        lines = [f"Kural klasörü: {self.rules_dir}", f"Kurulum zamanı: {self.installed_at}"]
        for kind in ("ubl", "efatura"):
            pkg = self.packages.get(kind)
            if pkg is None:
                lines.append(f"- {PACKAGE_TITLES[kind]}: KURULU DEĞİL")
            else:
                lines.append(
                    f"- {PACKAGE_TITLES[kind]}: sürüm {pkg.version}, "
                    f"{bytes_tr(pkg.size)} bayt, sha256 {pkg.sha256}"
                )
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The store


class RulesStore:
    """Read-only view of what is installed in ``rules_dir``."""

    def __init__(self, rules_dir: Path) -> None:
        self.rules_dir = Path(rules_dir)

    @property
    def manifest_path(self) -> Path:
        return self.rules_dir / MANIFEST_NAME

    @property
    def cache_dir(self) -> Path:
        return self.rules_dir / "cache"

    def info_or_none(self) -> RulesInfo | None:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, ValueError) as exc:
            raise RulesMissingError(
                f"Kural klasöründeki {MANIFEST_NAME} okunamıyor ({exc}). " + _INSTALL_HINT
            ) from exc
        set_dir = self.rules_dir / data["set"]
        if not set_dir.is_dir():
            return None
        return RulesInfo(
            rules_dir=self.rules_dir,
            set_dir=set_dir,
            installed_at=data.get("installed_at", "?"),
            packages={k: PackageInfo.from_json(v) for k, v in data.get("packages", {}).items()},
        )

    @property
    def installed(self) -> bool:
        info = self.info_or_none()
        return info is not None and info.complete

    def info(self) -> RulesInfo:
        """The installation; ``RulesMissingError`` (Turkish) when nothing or only half is there."""
        info = self.info_or_none()
        if info is None:
            raise RulesMissingError(
                f"GİB kural paketleri kurulu değil ({self.rules_dir}). " + _INSTALL_HINT
            )
        missing = [PACKAGE_TITLES[k] for k in ("ubl", "efatura") if k not in info.packages]
        if missing:
            raise RulesMissingError(
                "GİB kural paketlerinden biri eksik: " + ", ".join(missing) + ". " + _INSTALL_HINT
            )
        return info

    # Paths (each requires a complete installation) ----------------------------------------

    def xsd_dir(self) -> Path:
        return self.info().set_dir / "xsd"

    def invoice_xsd(self) -> Path:
        return self.xsd_dir() / "maindoc" / "UBL-Invoice-2.1.xsd"

    def application_response_xsd(self) -> Path:
        return self.xsd_dir() / "maindoc" / "UBL-ApplicationResponse-2.1.xsd"

    def envelope_xsd(self) -> Path:
        return self.xsd_dir() / "maindoc" / "PackageProxy_1_2.xsd"

    def schematron_main(self) -> Path:
        return self.info().set_dir / "schematron" / SCHEMATRON_MAIN


# ---------------------------------------------------------------------------------------------
# Installing


def _collect_zips(source: Path) -> dict[str, Path]:
    source = Path(source)
    if source.is_file():
        return {identify_zip(source): source}
    if not source.is_dir():
        raise UserError(
            f"'{source}' bulunamadı. GİB'in zip dosyalarını ({UBL_ZIP_NAME}, {EFATURA_ZIP_NAME}) "
            "ya da onları içeren klasörü verin."
        )
    found: dict[str, Path] = {}
    named = [source / UBL_ZIP_NAME, source / EFATURA_ZIP_NAME]
    candidates = [p for p in named if p.is_file()] or sorted(source.glob("*.zip"))
    for path in candidates:
        try:
            kind = identify_zip(path)
        except UserError:
            if path in named:
                raise
            continue
        found.setdefault(kind, path)
    if not found:
        raise UserError(
            f"'{source}' klasöründe GİB kural paketi yok. Klasörde {UBL_ZIP_NAME} ve "
            f"{EFATURA_ZIP_NAME} dosyaları olmalı."
        )
    return found


def _now() -> str:
    return clock.now_utc().replace(microsecond=0).isoformat()


def install_rules(source: Path, rules_dir: Path) -> RulesInfo:
    """Install GİB's zips from ``source`` (a folder holding them, or one zip) into ``rules_dir``.

    A package not given is carried over from the current installation, if any. Atomic: on any
    error the previous installation stays as it was.
    """
    rules_dir = Path(rules_dir)
    zips = _collect_zips(Path(source))
    rules_dir.mkdir(parents=True, exist_ok=True)
    sets = rules_dir / "sets"
    sets.mkdir(exist_ok=True)
    store = RulesStore(rules_dir)
    previous = store.info_or_none()

    now = _now()
    packages: dict[str, PackageInfo] = {}
    tmp = Path(tempfile.mkdtemp(prefix=".install-", dir=rules_dir))
    try:
        pkg_dir = tmp / "packages"
        pkg_dir.mkdir()
        for kind, zip_path in zips.items():
            dest = pkg_dir / f"{kind}.zip"
            shutil.copyfile(zip_path, dest)
            with open_zip(dest) as zf:
                version = zip_version(zf, kind, zip_members(zf), zip_path)
            packages[kind] = PackageInfo(
                kind=kind,
                file_name=zip_path.name,
                sha256=sha256_file(dest),
                size=dest.stat().st_size,
                version=version,
                installed_at=now,
            )
        if previous is not None:
            for kind, pkg in previous.packages.items():
                old_zip = previous.set_dir / "packages" / f"{kind}.zip"
                if kind not in packages and old_zip.is_file():
                    shutil.copyfile(old_zip, pkg_dir / f"{kind}.zip")
                    packages[kind] = pkg
        # UBL first: the e-Fatura envelope XSDs are added beside its maindoc files.
        for kind in ("ubl", "efatura"):
            if kind in packages:
                UNPACKERS[kind](pkg_dir / f"{kind}.zip", tmp)

        set_name = clock.now_utc().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        final = sets / set_name
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

    manifest = {
        "format": MANIFEST_FORMAT,
        "set": f"sets/{set_name}",
        "installed_at": now,
        "packages": {k: v.to_json() for k, v in sorted(packages.items())},
    }
    tmp_manifest = rules_dir / f".{MANIFEST_NAME}.{uuid.uuid4().hex}.tmp"
    try:
        tmp_manifest.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
        os.replace(tmp_manifest, store.manifest_path)
    except BaseException:
        tmp_manifest.unlink(missing_ok=True)
        shutil.rmtree(final, ignore_errors=True)
        raise

    # Older sets are no longer referenced. The one just replaced is kept until the next
    # install: a validator started before this update (another process) may still load its
    # envelope or ApplicationResponse XSD from it on first use.
    keep = {final, previous.set_dir if previous is not None else final}
    for old in sets.iterdir():
        if old not in keep:
            shutil.rmtree(old, ignore_errors=True)
    info = store.info_or_none()
    assert info is not None
    return info


def download_rules(rules_dir: Path, *, timeout: float = 60.0) -> RulesInfo:
    """Fetch both zips from GİB's official addresses (through ``app.http``: TLS verified,
    the system's proxy used, at most ``MAX_DOWNLOAD_BYTES`` each) and install them."""
    from app import http

    with tempfile.TemporaryDirectory(prefix="tezgah-rules-") as tmp:
        folder = Path(tmp)
        for kind, url in DOWNLOAD_URLS.items():
            name = UBL_ZIP_NAME if kind == "ubl" else EFATURA_ZIP_NAME
            dest = folder / name
            try:
                http.download(url, dest, timeout=timeout, max_bytes=MAX_DOWNLOAD_BYTES)
            except http.HttpError as exc:
                if exc.kind == "too_large":
                    raise UserError(exc.message) from exc
                raise UserError(
                    f"GİB kural paketi indirilemedi ({url}): {exc.message} İnternet "
                    "bağlantısını ve vekil sunucu (proxy) ayarını kontrol edin ya da zip "
                    "dosyalarını elle indirip 'tezgah rules install --from KLASÖR' ile kurun."
                ) from exc
        return install_rules(folder, rules_dir)
