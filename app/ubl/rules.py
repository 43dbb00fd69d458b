"""GİB's rule packages on disk: install, update and locate them.

GİB publishes its rules as two zips (see /work/shared/gib/README.md, "Official download
addresses"):

* ``UBL-TR1.2.1_Paketi.zip`` — the UBL-TR XSDs (``xsdrt/maindoc`` + ``xsdrt/common``);
* ``e-FaturaPaketi.zip`` — the schematron business rules and the envelope (zarf, SBDH) XSDs.

and, optionally, its e-Arşiv package ``earsiv_paket_v1.1_8.zip`` (the report's XSDs and
schematron, ``../shared/gib/EARSIV-NOTES.md``): not needed to issue, used to check the daily
e-Arşiv report when installed.

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
        earsiv/              the e-Arşiv zip's files as laid out in it (when installed)
      cache/                 compiled schematron (see app.ubl.schematron)

The envelope XSDs go beside the UBL maindoc files because ``Package_1_2.xsd`` imports the UBL
schemas by bare file name and HR-XML as ``../HRXML/…`` (gib README, "Facts worth knowing").

Installing is atomic: a new set is built under a temporary name, renamed into ``sets/`` and only
then does ``manifest.json`` (replaced with ``os.replace``) point to it. A failed install leaves
the previous set and manifest untouched.

Updating (``update_rules``, and the set a desktop build carries, ``offer_packages``) is keyed by
the packages' effective dates (``rules_zip.zip_version``): a package is installed only when its
date is newer than the installed one's (or equal with different contents); an older package
never replaces a newer installed one.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from app import clock
from app.domain.errors import RulesMissingError, UserError
from app.domain.money import format_count_tr as bytes_tr
from app.ubl.rules_zip import (
    EARSIV_DIR,
    EARSIV_SCHEMATRON,
    EARSIV_XSD,
    EARSIV_ZIP_NAME,
    EFATURA_ZIP_NAME,
    MAX_DOWNLOAD_BYTES,
    PACKAGE_TITLES,
    SCHEMATRON_MAIN,
    UBL_ZIP_NAME,
    UNPACKERS,
    find_in,
    identify_zip,
    open_zip,
    sha256_file,
    zip_members,
    zip_version,
)

# gib README, "Official download addresses (for the rules-update feature)".
OFFICIAL_BASE_URL = "https://ebelge.gib.gov.tr/dosyalar/kilavuzlar/"
DOWNLOAD_URLS: dict[str, str] = {
    "ubl": f"{OFFICIAL_BASE_URL}{UBL_ZIP_NAME}",
    "efatura": f"{OFFICIAL_BASE_URL}{EFATURA_ZIP_NAME}",
}
# Replaces OFFICIAL_BASE_URL (a mirror, or a local server in tests); the file names stay GİB's.
BASE_URL_ENV = "TEZGAH_RULES_BASE_URL"


def download_urls() -> dict[str, str]:
    """Where ``update_rules``/``download_rules`` fetch the zips: GİB's official addresses, or
    the same file names under ``$TEZGAH_RULES_BASE_URL``."""
    base = os.environ.get(BASE_URL_ENV, "").strip()
    if not base:
        return dict(DOWNLOAD_URLS)
    if not base.endswith("/"):
        base += "/"
    return {"ubl": base + UBL_ZIP_NAME, "efatura": base + EFATURA_ZIP_NAME}


#: Downloaded by ``update_rules`` when they can be: installed when the download succeeds,
#: reported (not an error) when it fails. EARSIV-NOTES: GİB publishes the e-Arşiv package at
#: the same folder as the e-Fatura zips.
OPTIONAL_DOWNLOAD_URLS: dict[str, str] = {"earsiv": f"{OFFICIAL_BASE_URL}{EARSIV_ZIP_NAME}"}


def optional_download_urls() -> dict[str, str]:
    """``OPTIONAL_DOWNLOAD_URLS``, or the same file names under ``$TEZGAH_RULES_BASE_URL``."""
    base = os.environ.get(BASE_URL_ENV, "").strip()
    if not base:
        return dict(OPTIONAL_DOWNLOAD_URLS)
    if not base.endswith("/"):
        base += "/"
    return {"earsiv": base + EARSIV_ZIP_NAME}


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

    kind: str  # "ubl" | "efatura" | "earsiv" (optional)
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
        pkg = self.packages.get("earsiv")
        if pkg is None:
            lines.append(f"- {PACKAGE_TITLES['earsiv']}: kurulu değil (isteğe bağlı; e-Arşiv "
                         "raporu Tezgâh'ın kendi yapı denetimleriyle denetlenir)")
        else:
            lines.append(f"- {PACKAGE_TITLES['earsiv']}: sürüm {pkg.version}, "
                         f"{bytes_tr(pkg.size)} bayt, sha256 {pkg.sha256}")
        lines.extend(f"! {n}" for n in self.novelties())
        return "\n".join(lines)

    def novelties(self) -> list[str]:
        """What the installed e-Fatura package has that Tezgâh does not know (Turkish)."""
        from app.ubl.rules_novelty import novelties

        return novelties(self.set_dir / "schematron") if "efatura" in self.packages else []


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

    def despatch_advice_xsd(self) -> Path:
        return self.xsd_dir() / "maindoc" / "UBL-DespatchAdvice-2.1.xsd"

    def receipt_advice_xsd(self) -> Path:
        return self.xsd_dir() / "maindoc" / "UBL-ReceiptAdvice-2.1.xsd"

    def envelope_xsd(self) -> Path:
        return self.xsd_dir() / "maindoc" / "PackageProxy_1_2.xsd"

    def schematron_main(self) -> Path:
        return self.info().set_dir / "schematron" / SCHEMATRON_MAIN

    # The optional e-Arşiv package (needs no e-Fatura packages) -------------------------------

    def earsiv_package(self) -> PackageInfo | None:
        info = self.info_or_none()
        return info.packages.get("earsiv") if info is not None else None

    def earsiv_xsd(self) -> Path | None:
        """GİB's ``eArsiv.xsd`` as installed, or None when the e-Arşiv package is not."""
        info = self.info_or_none()
        if info is None or "earsiv" not in info.packages:
            return None
        return find_in(info.set_dir / EARSIV_DIR, EARSIV_XSD)

    def earsiv_schematron(self) -> Path | None:
        """GİB's ``earsiv_schematron.xsl`` as installed (the one beside ``eArsiv.xsd`` if the
        package has several), or None."""
        xsd = self.earsiv_xsd()
        if xsd is None:
            return None
        return find_in(self.info_or_none().set_dir / EARSIV_DIR,  # type: ignore[union-attr]
                       EARSIV_SCHEMATRON, near=xsd)


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
    named = [source / UBL_ZIP_NAME, source / EFATURA_ZIP_NAME, source / EARSIV_ZIP_NAME]
    candidates = [p for p in named if p.is_file()] or sorted(source.glob("*.zip"))
    for path in candidates:
        try:
            kind = identify_zip(path)
        except UserError:
            if path in named:
                raise
            continue
        found.setdefault(kind, path)
    if found and "earsiv" not in found:
        # The e-Arşiv package under another name (a later version of GİB's zip).
        for path in sorted(source.glob("*.zip")):
            if path not in candidates and "arsiv" in path.name.lower():
                try:
                    kind = identify_zip(path)
                except UserError:
                    continue
                if kind == "earsiv":
                    found[kind] = path
                    break
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
    return _install_zips(_collect_zips(Path(source)), Path(rules_dir))


def _install_zips(zips: dict[str, Path], rules_dir: Path) -> RulesInfo:
    """Install the given zips (kind → path) as one new set; see ``install_rules``."""
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
        for kind in ("ubl", "efatura", "earsiv"):
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


def _download_packages(folder: Path, *, timeout: float) -> dict[str, Path]:
    """Fetch both zips into ``folder`` (through ``app.http``: TLS verified, the system's proxy
    used, at most ``MAX_DOWNLOAD_BYTES`` each); kind → path."""
    from app import http

    zips: dict[str, Path] = {}
    for kind, url in download_urls().items():
        dest = folder / (UBL_ZIP_NAME if kind == "ubl" else EFATURA_ZIP_NAME)
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
        zips[kind] = dest
    return zips


def download_rules(rules_dir: Path, *, timeout: float = 60.0) -> RulesInfo:
    """Fetch both zips from GİB's official addresses (``download_urls``) and install them,
    whatever their dates (a first install; ``update_rules`` compares)."""
    with tempfile.TemporaryDirectory(prefix="tezgah-rules-") as tmp:
        return _install_zips(_download_packages(Path(tmp), timeout=timeout), Path(rules_dir))


# ---------------------------------------------------------------------------------------------
# Updating: packages keyed by their effective dates

#: Short names for the outcome's sentences.
SHORT_TITLES = {"ubl": "UBL-TR paketi", "efatura": "e-Fatura paketi",
                "earsiv": "e-Arşiv paketi"}
_VERSION_NAMES = {"ubl": "UBL-TR", "efatura": "e-Fatura", "earsiv": "e-Arşiv"}
#: ``UpdateOutcome.source`` of a download and of the set a desktop build carries.
FROM_GIB = "GİB'deki"
FROM_SHIPPED = "Bu sürümle gelen"

Action = Literal["new", "newer", "rebuilt", "same", "older"]


def version_date(version: str) -> date:
    """The effective date a package version states (``YYYY-MM-DD``, see
    ``rules_zip.zip_version``: for e-FaturaPaketi.zip the newest section of its schematron
    ``History.txt``, gib README "Packages"); ``date.min`` when it states none, so that a dated
    package always counts as newer than an undated one."""
    try:
        return date.fromisoformat(version)
    except ValueError:
        return date.min


@dataclass(frozen=True)
class PackageDecision:
    """What happened to one offered zip, compared with the installed package of its kind.

    ``new``: nothing of that kind was installed; ``newer``: its date is later; ``rebuilt``: same
    date, different sha256; ``same``: the same zip (or same date and contents); ``older``: its
    date is earlier, the installed package is kept."""

    kind: str
    action: Action
    offered_version: str
    installed_version: str | None

    @property
    def installs(self) -> bool:
        return self.action in ("new", "newer", "rebuilt")


@dataclass(frozen=True)
class UpdateOutcome:
    """The result of offering packages (a download from GİB, or the set a build carries):
    what was installed and what was kept, in sentences the command line and the window show."""

    source: str  # FROM_GIB | FROM_SHIPPED: the sentences' subject ("GİB'deki e-Fatura paketi")
    decisions: tuple[PackageDecision, ...]
    info: RulesInfo | None  # the installation afterwards
    #: Optional packages that could not be downloaded or installed (Turkish; not errors).
    optional_notes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return any(d.installs for d in self.decisions)

    def versions(self) -> str:
        """``UBL-TR 2026-03-16, e-Fatura 2026-03-12`` as installed now (and ``, e-Arşiv …``
        when the optional e-Arşiv package is installed)."""
        packages = self.info.packages if self.info is not None else {}
        return ", ".join(
            f"{_VERSION_NAMES[k]} {packages[k].version if k in packages else 'kurulu değil'}"
            for k in ("ubl", "efatura", "earsiv") if k != "earsiv" or k in packages)

    def lines(self) -> list[str]:
        """Turkish: one sentence per package that was installed or kept against the offer, and
        "Kural paketleri güncel: …" when nothing newer was offered."""
        out = []
        for d in self.decisions:
            title = SHORT_TITLES[d.kind]
            if d.action == "new":
                out.append(f"{title} ({d.offered_version}) kuruldu.")
            elif d.action == "newer":
                out.append(f"{title} güncellendi: {d.installed_version} → {d.offered_version}.")
            elif d.action == "rebuilt":
                out.append(f"{self.source} {title} kurulu olanla aynı tarihli "
                           f"({d.offered_version}) ama içeriği farklı (sha256 değişmiş); "
                           "yeniden kuruldu.")
            elif d.action == "older":
                out.append(f"{self.source} {title} ({d.offered_version}) kurulu olandan "
                           f"({d.installed_version}) eski; kurulu paket korundu.")
        if not self.changed:
            out.append(f"Kural paketleri güncel: {self.versions()}.")
        elif self.info is not None and any(d.kind == "efatura" and d.installs
                                           for d in self.decisions):
            out.extend(self.info.novelties())
        out.extend(self.optional_notes)
        return out

    def describe(self) -> str:
        return "\n".join(self.lines())


def _decide(kind: str, path: Path, installed: PackageInfo | None,
            replace_same_date: bool) -> PackageDecision:
    """Compare one offered zip with the installed package of its kind. The zip is fully
    checked (``identify_zip``) unless it is byte for byte the installed one."""
    sha = sha256_file(path)
    if installed is not None and installed.sha256 == sha:
        return PackageDecision(kind, "same", installed.version, installed.version)
    if identify_zip(path) != kind:
        raise UserError(f"'{path.name}' beklenen paket değil: {PACKAGE_TITLES[kind]} "
                        "bekleniyordu.")
    with open_zip(path) as zf:
        offered = zip_version(zf, kind, zip_members(zf), path)
    if installed is None:
        return PackageDecision(kind, "new", offered, None)
    new, old = version_date(offered), version_date(installed.version)
    action: Action = ("newer" if new > old else "older" if new < old
                      else "rebuilt" if replace_same_date else "same")
    return PackageDecision(kind, action, offered, installed.version)


def offer_packages(zips: dict[str, Path], rules_dir: Path, source: str, *,
                   replace_same_date: bool = True) -> UpdateOutcome:
    """Install those of ``zips`` (kind → path) that are newer than what is installed (or,
    with ``replace_same_date``, equal in date but different in contents), in one atomic
    install; keep the rest. The set a build carries is offered without ``replace_same_date``:
    a same-dated package the user downloaded from GİB is not swapped back at every start.

    Every offered zip is checked before anything is installed: one damaged zip leaves the
    installation as it was."""
    rules_dir = Path(rules_dir)
    previous = RulesStore(rules_dir).info_or_none()
    installed = previous.packages if previous is not None else {}
    decisions = tuple(_decide(kind, zips[kind], installed.get(kind), replace_same_date)
                      for kind in ("ubl", "efatura", "earsiv") if kind in zips)
    chosen = {d.kind: zips[d.kind] for d in decisions if d.installs}
    info = _install_zips(chosen, rules_dir) if chosen else previous
    return UpdateOutcome(source, decisions, info)


def _download_optional(folder: Path, *, timeout: float) -> tuple[dict[str, Path], list[str]]:
    """Try the optional packages (``optional_download_urls``): kind → path of those that
    downloaded and are what they should be, and a Turkish sentence for each that is not."""
    from app import http

    zips: dict[str, Path] = {}
    notes: list[str] = []
    for kind, url in optional_download_urls().items():
        dest = folder / (EARSIV_ZIP_NAME if kind == "earsiv" else f"{kind}.zip")
        tail = (" e-Arşiv raporları Tezgâh'ın kendi yapı denetimleriyle denetlenir; paketi "
                "elle indirip 'tezgah rules install --from ZIP' ile kurabilirsiniz.")
        try:
            http.download(url, dest, timeout=timeout, max_bytes=MAX_DOWNLOAD_BYTES)
        except http.HttpError as exc:
            notes.append(f"GİB'in {SHORT_TITLES[kind]} indirilemedi ({url}): {exc.message}"
                         + tail)
            continue
        try:
            ok = identify_zip(dest) == kind
        except UserError as exc:
            notes.append(f"GİB'den indirilen {SHORT_TITLES[kind]} kurulamadı: {exc.message}"
                         + tail)
            continue
        if not ok:
            notes.append(f"GİB'den indirilen {dest.name} beklenen paket değil." + tail)
            continue
        zips[kind] = dest
    return zips, notes


def update_rules(rules_dir: Path, *, timeout: float = 60.0) -> UpdateOutcome:
    """Download both zips (``download_urls``) to a temporary folder and install only what is
    newer than the installed packages (``offer_packages``). A failed download or a damaged
    zip changes nothing; the error says so. The optional e-Arşiv package is downloaded too
    when it can be; when it cannot, the outcome says so (``optional_notes``) and the rest is
    installed as usual."""
    rules_dir = Path(rules_dir)
    had_rules = RulesStore(rules_dir).info_or_none() is not None

    def unchanged(message: str) -> UserError:
        return UserError(message + (" Kurulu kural paketleri değişmedi." if had_rules else ""))

    with tempfile.TemporaryDirectory(prefix="tezgah-rules-") as tmp:
        try:
            zips = _download_packages(Path(tmp), timeout=timeout)
        except UserError as exc:
            raise unchanged(exc.message) from exc
        optional, notes = _download_optional(Path(tmp), timeout=timeout)
        try:
            outcome = offer_packages({**zips, **optional}, rules_dir, FROM_GIB)
        except UserError as exc:
            raise unchanged(f"GİB'den indirilen paket kurulamadı: {exc.message}") from exc
        return dataclasses.replace(outcome, optional_notes=tuple(notes))
