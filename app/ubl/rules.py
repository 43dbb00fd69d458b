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

import hashlib
import json
import os
import shutil
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from app import clock
from app.domain.errors import RulesMissingError, UserError

UBL_ZIP_NAME = "UBL-TR1.2.1_Paketi.zip"
EFATURA_ZIP_NAME = "e-FaturaPaketi.zip"

# gib README, "Official download addresses (for the rules-update feature)".
DOWNLOAD_URLS: dict[str, str] = {
    "ubl": f"https://ebelge.gib.gov.tr/dosyalar/kilavuzlar/{UBL_ZIP_NAME}",
    "efatura": f"https://ebelge.gib.gov.tr/dosyalar/kilavuzlar/{EFATURA_ZIP_NAME}",
}

PACKAGE_TITLES = {
    "ubl": f"UBL-TR XSD paketi ({UBL_ZIP_NAME})",
    "efatura": f"e-Fatura paketi: şematron ve zarf şemaları ({EFATURA_ZIP_NAME})",
}

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
SCHEMATRON_MAIN = "UBL-TR_Main_Schematron.xml"

# A GİB zip is a few MB unpacked (UBL-TR1.2.1_Paketi.zip: 72 entries, 5.6 MB; e-FaturaPaketi.zip:
# 71 entries, 2.7 MB; their best-compressed entry shrinks 16:1). Anything far beyond is not one
# of them; these limits are checked on the zip's directory before anything is decompressed,
# and again on the bytes actually streamed out of it.
MAX_ZIP_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 200  # unpacked : packed, per entry larger than RATIO_FLOOR
RATIO_FLOOR = 64 * 1024
MAX_DOWNLOAD_BYTES = MAX_ZIP_BYTES

# What makes each package: the files Tezgâh loads (and the ones they include or import), found
# under one folder of the zip. The first one anchors the package.
UBL_REQUIRED: tuple[str, ...] = (
    "xsdrt/maindoc/UBL-Invoice-2.1.xsd",
    "xsdrt/maindoc/UBL-ApplicationResponse-2.1.xsd",
    "xsdrt/common/UBL-CommonAggregateComponents-2.1.xsd",
    "xsdrt/common/UBL-CommonBasicComponents-2.1.xsd",
    "xsdrt/common/UBL-CommonExtensionComponents-2.1.xsd",
    "xsdrt/common/UBL-ExtensionContentDataType-2.1.xsd",
    "xsdrt/common/UBL-QualifiedDataTypes-2.1.xsd",
    "xsdrt/common/UBL-UnqualifiedDataTypes-2.1.xsd",
    "xsdrt/common/CCTS_CCT_SchemaModule-2.1.xsd",
    "xsdrt/common/UBL-CommonSignatureComponents-2.1.xsd",
    "xsdrt/common/UBL-SignatureAggregateComponents-2.1.xsd",
    "xsdrt/common/UBL-SignatureBasicComponents-2.1.xsd",
    "xsdrt/common/UBL-xmldsig-core-schema-2.1.xsd",
    "xsdrt/common/UBL-XAdESv132-2.1.xsd",
    "xsdrt/common/UBL-XAdESv141-2.1.xsd",
)
EFATURA_REQUIRED: tuple[str, ...] = (
    f"schematron/{SCHEMATRON_MAIN}",
    "schematron/UBL-TR_Common_Schematron.xml",
    "schematron/UBL-TR_Codelist.xml",
    "xsd/Envelope/PackageProxy_1_2.xsd",
    "xsd/Envelope/Package_1_2.xsd",
    "xsd/Envelope/StandardBusinessDocumentHeader.xsd",
    "xsd/Envelope/BasicTypes.xsd",
    "xsd/Envelope/BusinessScope.xsd",
    "xsd/Envelope/DocumentIdentification.xsd",
    "xsd/Envelope/Manifest.xsd",
    "xsd/Envelope/Partner.xsd",
    "xsd/HRXML/UserAccount.xsd",
)
REQUIRED = {"ubl": UBL_REQUIRED, "efatura": EFATURA_REQUIRED}
# The version each package must state: UBL 2.1 (the Invoice XSD's version and namespace); the
# e-Fatura package's main file is a schematron and its History.txt dates the rules.
_UBL_INVOICE_MARKS = (b'targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
                      b'version="2.1"')
_SCHEMATRON_MARK = b"http://purl.oclc.org/dsdl/schematron"

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
                    f"{pkg.size:,} bayt, sha256 {pkg.sha256}"
                )
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Identifying and unpacking GİB's zips


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _corrupt(path: Path, detail: object) -> UserError:
    return UserError(
        f"'{path.name}' geçerli bir zip dosyası değil ya da bozuk ({detail}). "
        "Dosyayı GİB'in sitesinden yeniden indirin."
    )


def _not_a_package(path: Path, why: str) -> UserError:
    return UserError(
        f"'{path.name}' GİB'in kural paketi değil: {why}. Dosyayı GİB'in sitesinden yeniden "
        "indirin."
    )


def _open_zip(path: Path) -> zipfile.ZipFile:
    """Open a zip after checking its size and its directory: the number of entries, their
    declared sizes and compression ratios. Nothing is decompressed here."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _corrupt(path, exc.strerror) from exc
    if size > MAX_ZIP_BYTES:
        raise _not_a_package(path, f"dosya {size:,} bayt, bir GİB paketi bu kadar büyük olmaz")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise _corrupt(path, exc) from exc
    try:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _not_a_package(path, f"içinde {len(infos):,} dosya var")
        total = 0
        for info in infos:
            total += info.file_size
            if total > MAX_UNPACKED_BYTES:
                raise _not_a_package(path, "açıldığında beklenmeyecek kadar büyük "
                                     f"(en fazla {MAX_UNPACKED_BYTES // (1024 * 1024)} MB)")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1):
                raise _not_a_package(path, f"içindeki '{info.filename}' olağan dışı sıkıştırılmış "
                                     "(zip bombası)")
    except BaseException:
        zf.close()
        raise
    return zf


def _stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, budget: list[int],
            sink=None) -> bytes:  # type: ignore[no-untyped-def]
    """Decompress one entry in chunks, counting the bytes that come out: never more than the
    entry declares nor than ``budget`` allows. Written to ``sink`` or returned."""
    out = bytearray()
    produced = 0
    try:
        with zf.open(info) as src:
            while chunk := src.read(1 << 16):
                produced += len(chunk)
                budget[0] -= len(chunk)
                if produced > info.file_size or budget[0] < 0:
                    raise _not_a_package(path, "açıldığında beklenmeyecek kadar büyük")
                if sink is None:
                    out += chunk
                else:
                    sink.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError) as exc:
        raise UserError(
            f"'{path.name}' bozuk: içindeki '{info.filename}' dosyası okunamıyor ({exc}). "
            "Dosyayı GİB'in sitesinden yeniden indirin."
        ) from exc
    return bytes(out)


def _verify(zf: zipfile.ZipFile, path: Path) -> None:
    """Read every entry once (streamed, counted, CRC checked by zipfile): a damaged zip is
    refused before anything is installed."""
    budget = [MAX_UNPACKED_BYTES]

    class _Null:
        def write(self, _chunk: bytes) -> None:
            pass

    for info in zf.infolist():
        if not info.is_dir():
            _stream(zf, info, path, budget, _Null())


def _members(zf: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    out = []
    for info in zf.infolist():
        # Zips made on Windows may use backslashes; never trust '..' or absolute paths.
        name = info.filename.replace("\\", "/")
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or ":" in name:
            raise UserError(
                f"Zip dosyasında güvensiz bir yol var: '{info.filename}'. "
                "Bu dosya GİB'in paketi olamaz."
            )
        out.append((info, path))
    return out


def _find_anchor(
    members: list[tuple[zipfile.ZipInfo, PurePosixPath]], suffix: tuple[str, ...]
) -> PurePosixPath | None:
    """The folder inside the zip that holds ``suffix`` (e.g. ``xsdrt/maindoc/UBL-Invoice-2.1.xsd``)."""
    n = len(suffix)
    for _info, path in members:
        parts = path.parts
        if len(parts) >= n and tuple(p.lower() for p in parts[-n:]) == tuple(
            s.lower() for s in suffix
        ):
            return PurePosixPath(*parts[:-n]) if len(parts) > n else PurePosixPath()
    return None


def _member(members: list[tuple[zipfile.ZipInfo, PurePosixPath]],
            path: PurePosixPath) -> zipfile.ZipInfo | None:
    wanted = tuple(p.lower() for p in path.parts)
    for info, p in members:
        if not info.is_dir() and tuple(x.lower() for x in p.parts) == wanted:
            return info
    return None


def _kind_of(members: list[tuple[zipfile.ZipInfo, PurePosixPath]]) -> str | None:
    for kind, required in REQUIRED.items():
        if _find_anchor(members, tuple(required[0].split("/"))) is not None:
            return kind
    return None


def _check_package(zf: zipfile.ZipFile, members, kind: str, path: Path) -> PurePosixPath:  # type: ignore[no-untyped-def]
    """The folder of the package inside the zip, after checking that every file Tezgâh needs
    is there and that the package states the expected version."""
    required = REQUIRED[kind]
    anchor = _find_anchor(members, tuple(required[0].split("/")))
    assert anchor is not None
    missing = [r for r in required if _member(members, anchor / r) is None]
    if missing:
        shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
        raise _not_a_package(path, f"{PACKAGE_TITLES[kind]} eksik; içinde yok: {shown}")
    budget = [MAX_UNPACKED_BYTES]
    first = _member(members, anchor / required[0])
    assert first is not None
    head = _stream(zf, first, path, budget)[:4096]
    if kind == "ubl" and not all(mark in head for mark in _UBL_INVOICE_MARKS):
        raise _not_a_package(path, "UBL-Invoice-2.1.xsd UBL 2.1 fatura şeması değil")
    if kind == "efatura" and _SCHEMATRON_MARK not in head:
        raise _not_a_package(path, f"{SCHEMATRON_MAIN} bir şematron dosyası değil")
    return anchor


def identify_zip(path: Path) -> str:
    """``"ubl"`` or ``"efatura"`` from the zip's contents (not its name)."""
    with _open_zip(path) as zf:
        members = _members(zf)
        kind = _kind_of(members)
        if kind is None:
            raise UserError(
                f"'{path.name}' GİB'in kural paketlerinden biri değil: içinde ne UBL-TR "
                f"şemaları (xsdrt/maindoc) ne de şematron ({SCHEMATRON_MAIN}) var. "
                f"{UBL_ZIP_NAME} ya da {EFATURA_ZIP_NAME} dosyasını verin."
            )
        _check_package(zf, members, kind, path)
        _verify(zf, path)
    return kind


def _extract_tree(
    zf: zipfile.ZipFile,
    members: list[tuple[zipfile.ZipInfo, PurePosixPath]],
    source: PurePosixPath,
    target: Path,
    budget: list[int],
    zip_path: Path,
) -> int:
    """Copy every file under ``source`` inside the zip to ``target`` (streamed, counted);
    returns the file count."""
    count = 0
    for info, path in members:
        if info.is_dir():
            continue
        try:
            rel = path.relative_to(source)
        except ValueError:
            continue
        dest = target.joinpath(*rel.parts)
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("wb") as out:
            _stream(zf, info, zip_path, budget, out)
        count += 1
    return count


def _zip_version(zf: zipfile.ZipFile, kind: str, members, path: Path | None = None) -> str:  # type: ignore[no-untyped-def]
    """A readable version: the schematron history's last date for e-FaturaPaketi, otherwise the
    newest file date in the zip."""
    if kind == "efatura":
        anchor = _find_anchor(members, ("schematron", "History.txt"))
        if anchor is not None:
            info = _member(members, anchor / "schematron" / "History.txt")
            if info is not None:
                # History.txt is Windows-1254; its sections start with a YYYYMMDD line.
                raw = _stream(zf, info, path or Path(zf.filename or "zip"), [MAX_UNPACKED_BYTES])
                text = raw.decode("cp1254", errors="replace")
                dates = [ln.strip() for ln in text.splitlines()
                         if ln.strip().isascii() and ln.strip().isdigit()]
                if dates:
                    d = max(dates)
                    if len(d) == 8:
                        return f"{d[:4]}-{d[4:6]}-{d[6:]}"
                    return d
    newest = max((info.date_time for info, _ in members if not info.is_dir()), default=None)
    if newest is None:
        return "?"
    return "{:04d}-{:02d}-{:02d}".format(*newest[:3])


def _unpack_ubl(zip_path: Path, set_dir: Path) -> None:
    with _open_zip(zip_path) as zf:
        members = _members(zf)
        if _kind_of(members) != "ubl":
            raise UserError(f"'{zip_path.name}' içinde UBL-TR şemaları (xsdrt/maindoc) yok.")
        anchor = _check_package(zf, members, "ubl", zip_path)
        budget = [MAX_UNPACKED_BYTES]
        _extract_tree(zf, members, anchor / "xsdrt", set_dir / "xsd", budget, zip_path)


def _unpack_efatura(zip_path: Path, set_dir: Path) -> None:
    with _open_zip(zip_path) as zf:
        members = _members(zf)
        if _kind_of(members) != "efatura":
            raise UserError(f"'{zip_path.name}' içinde {SCHEMATRON_MAIN} yok.")
        anchor = _check_package(zf, members, "efatura", zip_path)
        budget = [MAX_UNPACKED_BYTES]
        _extract_tree(zf, members, anchor / "schematron", set_dir / "schematron", budget,
                      zip_path)
        # Envelope XSDs beside the UBL maindoc files; HR-XML and Userlist as siblings of maindoc
        # (Package_1_2.xsd: schemaLocation="UBL-Invoice-2.1.xsd" and "../HRXML/UserAccount.xsd").
        xsd = anchor / "xsd"
        _extract_tree(zf, members, xsd / "Envelope", set_dir / "xsd" / "maindoc", budget,
                      zip_path)
        _extract_tree(zf, members, xsd / "HRXML", set_dir / "xsd" / "HRXML", budget, zip_path)
        _extract_tree(zf, members, xsd / "Userlist", set_dir / "xsd" / "Userlist", budget,
                      zip_path)
    if not (set_dir / "xsd" / "maindoc" / "PackageProxy_1_2.xsd").is_file():
        raise UserError(f"'{zip_path.name}' içinde zarf şeması PackageProxy_1_2.xsd yok.")


_UNPACKERS = {"ubl": _unpack_ubl, "efatura": _unpack_efatura}


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
            with _open_zip(dest) as zf:
                version = _zip_version(zf, kind, _members(zf), zip_path)
            packages[kind] = PackageInfo(
                kind=kind,
                file_name=zip_path.name,
                sha256=_sha256_file(dest),
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
                _UNPACKERS[kind](pkg_dir / f"{kind}.zip", tmp)

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
