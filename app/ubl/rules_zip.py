"""Reading GİB's rule-package zips (the two e-Fatura zips and the optional e-Arşiv package)
as hostile input: size limits checked on the zip's
directory before anything is decompressed, every entry streamed and counted, and a package
recognised by its required files and versions; then unpacked into a rule set's folders.

``app.ubl.rules`` installs, keeps and finds the sets built from these.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path, PurePosixPath

from app.domain.errors import UserError
from app.domain.money import format_count_tr as bytes_tr

UBL_ZIP_NAME = "UBL-TR1.2.1_Paketi.zip"
EFATURA_ZIP_NAME = "e-FaturaPaketi.zip"
SCHEMATRON_MAIN = "UBL-TR_Main_Schematron.xml"
# GİB's e-Arşiv package (../shared/gib/EARSIV-NOTES.md): eArsiv.xsd, eArsivVeri.xsd,
# faturaOzet.xsd, EArsivWs.wsdl, earsiv_schematron.xsl. Its folder layout is not known here:
# it is recognised by eArsiv.xsd at any depth and unpacked as it is (relative imports keep
# working).
EARSIV_ZIP_NAME = "earsiv_paket_v1.1_8.zip"
EARSIV_XSD = "eArsiv.xsd"
EARSIV_SCHEMATRON = "earsiv_schematron.xsl"
#: Where an e-Arşiv package is unpacked inside a rule set.
EARSIV_DIR = "earsiv"

PACKAGE_TITLES = {
    "ubl": f"UBL-TR XSD paketi ({UBL_ZIP_NAME})",
    "efatura": f"e-Fatura paketi: şematron ve zarf şemaları ({EFATURA_ZIP_NAME})",
    "earsiv": f"e-Arşiv paketi: rapor şeması ve şematronu ({EARSIV_ZIP_NAME})",
}

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
EARSIV_REQUIRED: tuple[str, ...] = (EARSIV_XSD,)
REQUIRED = {"ubl": UBL_REQUIRED, "efatura": EFATURA_REQUIRED, "earsiv": EARSIV_REQUIRED}
# The version each package must state: UBL 2.1 (the Invoice XSD's version and namespace); the
# e-Fatura package's main file is a schematron and its History.txt dates the rules.
_UBL_INVOICE_MARKS = (b'targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
                      b'version="2.1"')
_SCHEMATRON_MARK = b"http://purl.oclc.org/dsdl/schematron"
_XSD_MARK = b"http://www.w3.org/2001/XMLSchema"


# ---------------------------------------------------------------------------------------------
# Identifying and unpacking GİB's zips


def sha256_file(path: Path) -> str:
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


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a zip after checking its size and its directory: the number of entries, their
    declared sizes and compression ratios. Nothing is decompressed here."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _corrupt(path, exc.strerror) from exc
    if size > MAX_ZIP_BYTES:
        raise _not_a_package(path, f"dosya {bytes_tr(size)} bayt, bir GİB paketi bu kadar büyük olmaz")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise _corrupt(path, exc) from exc
    try:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _not_a_package(path, f"içinde {bytes_tr(len(infos))} dosya var")
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


def zip_members(zf: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
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
    if kind == "earsiv" and _XSD_MARK not in head:
        raise _not_a_package(path, f"{EARSIV_XSD} bir XML şeması (XSD) değil")
    return anchor


def identify_zip(path: Path) -> str:
    """``"ubl"``, ``"efatura"`` or ``"earsiv"`` from the zip's contents (not its name)."""
    with open_zip(path) as zf:
        members = zip_members(zf)
        kind = _kind_of(members)
        if kind is None:
            raise UserError(
                f"'{path.name}' GİB'in kural paketlerinden biri değil: içinde ne UBL-TR "
                f"şemaları (xsdrt/maindoc) ne şematron ({SCHEMATRON_MAIN}) ne de e-Arşiv "
                f"şeması ({EARSIV_XSD}) var. {UBL_ZIP_NAME}, {EFATURA_ZIP_NAME} ya da "
                f"{EARSIV_ZIP_NAME} dosyasını verin."
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


def zip_version(zf: zipfile.ZipFile, kind: str, members, path: Path | None = None) -> str:  # type: ignore[no-untyped-def]
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
    with open_zip(zip_path) as zf:
        members = zip_members(zf)
        if _kind_of(members) != "ubl":
            raise UserError(f"'{zip_path.name}' içinde UBL-TR şemaları (xsdrt/maindoc) yok.")
        anchor = _check_package(zf, members, "ubl", zip_path)
        budget = [MAX_UNPACKED_BYTES]
        _extract_tree(zf, members, anchor / "xsdrt", set_dir / "xsd", budget, zip_path)


def _unpack_efatura(zip_path: Path, set_dir: Path) -> None:
    with open_zip(zip_path) as zf:
        members = zip_members(zf)
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


def _unpack_earsiv(zip_path: Path, set_dir: Path) -> None:
    """The whole e-Arşiv zip, as laid out, under ``set_dir/earsiv`` (streamed, counted)."""
    with open_zip(zip_path) as zf:
        members = zip_members(zf)
        if _kind_of(members) != "earsiv":
            raise UserError(f"'{zip_path.name}' içinde {EARSIV_XSD} yok.")
        _check_package(zf, members, "earsiv", zip_path)
        budget = [MAX_UNPACKED_BYTES]
        _extract_tree(zf, members, PurePosixPath(), set_dir / EARSIV_DIR, budget, zip_path)


def find_in(folder: Path, name: str, near: Path | None = None) -> Path | None:
    """``name`` (case-insensitive) under ``folder``: the one in ``near``'s folder if there is
    one there, else the shallowest."""
    if not folder.is_dir():
        return None
    found = sorted((p for p in folder.rglob("*") if p.name.lower() == name.lower()
                    and p.is_file()), key=lambda p: (len(p.parts), str(p)))
    if near is not None:
        beside = [p for p in found if p.parent == near.parent]
        if beside:
            return beside[0]
    return found[0] if found else None


UNPACKERS = {"ubl": _unpack_ubl, "efatura": _unpack_efatura, "earsiv": _unpack_earsiv}
