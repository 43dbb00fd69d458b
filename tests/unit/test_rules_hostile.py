"""`rules install` with hostile zips: bombs are refused before they are decompressed (declared
sizes, compression ratio) or while streaming (the bytes that actually come out), and a zip is
taken for a GİB package only when it holds the package's files and versions."""

from __future__ import annotations

import struct
import time
import zipfile
from pathlib import Path

import pytest

from app.domain.errors import UserError
from app.ubl.rules import RulesStore, install_rules
from app.ubl.rules_zip import EFATURA_REQUIRED, MAX_UNPACKED_BYTES, UBL_REQUIRED

INVOICE_XSD = (b'<?xml version="1.0" encoding="UTF-8"?>\n<xsd:schema '
               b'xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
               b'targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
               b'version="2.1"/>')


def _zeros_entry(zf: zipfile.ZipFile, name: str, size: int) -> None:
    chunk = bytes(1 << 20)
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w", force_zip64=size > 2 ** 31) as out:
        for _ in range(size // len(chunk)):
            out.write(chunk)


def _refused(path: Path, tmp_path: Path, *words: str) -> str:
    rules = tmp_path / "rules"
    started = time.monotonic()
    with pytest.raises(UserError) as exc:
        install_rules(path, rules)
    assert time.monotonic() - started < 5, "refused only after decompressing"
    assert any(w in exc.value.message for w in words), exc.value.message
    assert RulesStore(rules).info_or_none() is None
    return exc.value.message


def test_a_zip_bomb_is_refused_from_its_declared_size(tmp_path: Path) -> None:
    bomb = tmp_path / "UBL-TR1.2.1_Paketi.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("p/xsdrt/maindoc/UBL-Invoice-2.1.xsd", INVOICE_XSD)
        _zeros_entry(zf, "p/xsdrt/common/UBL-CommonBasicComponents-2.1.xsd",
                     MAX_UNPACKED_BYTES + (8 << 20))
    assert bomb.stat().st_size < 1 << 20
    _refused(bomb, tmp_path, "büyük", "bomba")


def test_a_highly_compressed_entry_is_refused_before_decompressing(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("p/xsdrt/maindoc/UBL-Invoice-2.1.xsd", INVOICE_XSD)
        _zeros_entry(zf, "p/xsdrt/common/zeros.xsd", 16 << 20)
    _refused(bomb, tmp_path, "bomba")


def _lie_about_sizes(path: Path, name: str, declared: int) -> None:
    """Rewrite the entry's uncompressed size in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    pos, found = 0, False
    encoded = name.encode()
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + n]) == encoded:
            struct.pack_into("<I", data, pos + 24, declared)
            found = True
            break
        pos += 4
    assert found
    path.write_bytes(bytes(data))


def test_a_bomb_that_lies_about_its_size_is_stopped_while_streaming(tmp_path: Path) -> None:
    bomb = tmp_path / "liar.zip"
    name = "p/xsdrt/common/UBL-CommonBasicComponents-2.1.xsd"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("p/xsdrt/maindoc/UBL-Invoice-2.1.xsd", INVOICE_XSD)
        for required in UBL_REQUIRED[1:]:
            if f"p/{required}" != name:
                zf.writestr(f"p/{required}", b"<xsd:schema/>")
        _zeros_entry(zf, name, 32 << 20)
    _lie_about_sizes(bomb, name, 1000)
    with zipfile.ZipFile(bomb) as zf:
        assert zf.getinfo(name).file_size == 1000
    _refused(bomb, tmp_path, "büyük", "bozuk")


def test_one_xsd_is_not_the_ubl_package(tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.zip"
    with zipfile.ZipFile(tiny, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xsdrt/maindoc/UBL-Invoice-2.1.xsd", INVOICE_XSD)
    assert tiny.stat().st_size < 1000
    message = _refused(tiny, tmp_path, "eksik")
    assert "UBL-ApplicationResponse-2.1.xsd" in message


def test_the_right_names_with_the_wrong_content_are_not_the_ubl_package(tmp_path: Path) -> None:
    fake = tmp_path / "fake.zip"
    with zipfile.ZipFile(fake, "w") as zf:
        for required in UBL_REQUIRED:
            zf.writestr(f"UBLTR/{required}", b"<x/>")
    _refused(fake, tmp_path, "UBL 2.1")


def test_the_main_schematron_alone_is_not_the_efatura_package(tmp_path: Path) -> None:
    lone = tmp_path / "lone.zip"
    with zipfile.ZipFile(lone, "w") as zf:
        zf.writestr("e/schematron/UBL-TR_Main_Schematron.xml",
                    b'<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron"/>')
    message = _refused(lone, tmp_path, "eksik")
    assert EFATURA_REQUIRED[1] in message


def test_gibs_real_packages_still_install(gib_dir: Path, tmp_path: Path) -> None:
    info = install_rules(gib_dir, tmp_path / "rules")
    assert info.complete
