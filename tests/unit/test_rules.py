"""Installing GİB's rule packages: real zips from ../shared/gib, real files on disk."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from app.cli import main
from app.domain.errors import RulesMissingError, UserError
from app.ubl.rules import RulesStore, install_rules
from app.ubl.rules_zip import EFATURA_ZIP_NAME, UBL_ZIP_NAME, identify_zip


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_nothing_installed_says_how_to_install(tmp_path: Path) -> None:
    store = RulesStore(tmp_path / "rules")
    assert not store.installed
    with pytest.raises(RulesMissingError) as exc:
        store.info()
    assert "tezgah rules install --from KLASÖR" in exc.value.message
    assert "kurulu değil" in exc.value.message


def test_installed_fixture_has_everything(installed_rules_dir: Path, gib_dir: Path) -> None:
    store = RulesStore(installed_rules_dir)
    info = store.info()
    assert info.complete and store.installed
    assert info.packages["ubl"].sha256 == _sha(gib_dir / UBL_ZIP_NAME)
    assert info.packages["efatura"].sha256 == _sha(gib_dir / EFATURA_ZIP_NAME)
    assert info.packages["ubl"].file_name == UBL_ZIP_NAME
    # The schematron's History.txt ends with the 20260312 section.
    assert info.packages["efatura"].version == "2026-03-12"
    manifest = json.loads((installed_rules_dir / "manifest.json").read_text("utf-8"))
    assert manifest["packages"]["efatura"]["sha256"] == info.packages["efatura"].sha256
    assert (installed_rules_dir / manifest["set"]) == info.set_dir
    for path in (
        store.invoice_xsd(),
        store.application_response_xsd(),
        store.envelope_xsd(),
        store.schematron_main(),
        store.xsd_dir() / "HRXML" / "UserAccount.xsd",
        store.xsd_dir() / "common" / "UBL-CommonBasicComponents-2.1.xsd",
    ):
        assert path.is_file(), path
    # The assembled layout lets the envelope XSD (which imports the UBL and HR-XML schemas by
    # relative paths) load in lxml.
    schema = etree.XMLSchema(etree.parse(str(store.envelope_xsd())))
    assert schema is not None
    assert "sürüm 2026-03-12" in info.describe()


def test_identify_by_content_not_name(gib_dir: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "whatever.zip"
    shutil.copyfile(gib_dir / EFATURA_ZIP_NAME, renamed)
    assert identify_zip(renamed) == "efatura"
    assert identify_zip(gib_dir / UBL_ZIP_NAME) == "ubl"


def test_single_zip_installs_what_it_holds_and_keeps_the_other(
    gib_dir: Path, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    info = install_rules(gib_dir / UBL_ZIP_NAME, rules)
    assert set(info.packages) == {"ubl"}
    store = RulesStore(rules)
    assert not store.installed
    with pytest.raises(RulesMissingError) as exc:
        store.info()
    assert "eksik" in exc.value.message and EFATURA_ZIP_NAME in exc.value.message

    info2 = install_rules(gib_dir / EFATURA_ZIP_NAME, rules)
    assert set(info2.packages) == {"ubl", "efatura"}
    assert info2.packages["ubl"].sha256 == info.packages["ubl"].sha256
    assert store.invoice_xsd().is_file() and store.schematron_main().is_file()
    # The active set and the one it replaced are kept; older ones are removed.
    assert sorted(p.name for p in (rules / "sets").iterdir()) == sorted(
        [info.set_dir.name, info2.set_dir.name]
    )
    info3 = install_rules(gib_dir, rules)
    assert sorted(p.name for p in (rules / "sets").iterdir()) == sorted(
        [info2.set_dir.name, info3.set_dir.name]
    )


def _corrupt_copy(src: Path, dest: Path) -> None:
    data = bytearray(src.read_bytes())
    # Flip bytes in the middle of the compressed data: the central directory stays readable,
    # but the CRC of a member no longer matches.
    mid = len(data) // 2
    data[mid : mid + 64] = bytes(b ^ 0xFF for b in data[mid : mid + 64])
    dest.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["flipped", "truncated", "not-a-zip"])
def test_corrupt_zip_fails_in_turkish_and_keeps_previous_install(
    gib_dir: Path, tmp_path: Path, damage: str
) -> None:
    rules = tmp_path / "rules"
    before = install_rules(gib_dir, rules)
    manifest_before = (rules / "manifest.json").read_bytes()

    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    shutil.copyfile(gib_dir / UBL_ZIP_NAME, bad_dir / UBL_ZIP_NAME)
    bad = bad_dir / EFATURA_ZIP_NAME
    if damage == "flipped":
        _corrupt_copy(gib_dir / EFATURA_ZIP_NAME, bad)
    elif damage == "truncated":
        bad.write_bytes((gib_dir / EFATURA_ZIP_NAME).read_bytes()[:100_000])
    else:
        bad.write_bytes(b"<html>not found</html>")

    with pytest.raises(UserError) as exc:
        install_rules(bad_dir, rules)
    assert "bozuk" in exc.value.message or "geçerli bir zip" in exc.value.message
    assert EFATURA_ZIP_NAME in exc.value.message

    assert (rules / "manifest.json").read_bytes() == manifest_before
    after = RulesStore(rules).info()
    assert after.set_dir == before.set_dir and after.set_dir.is_dir()
    assert RulesStore(rules).schematron_main().is_file()
    leftovers = [p.name for p in rules.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_zip_with_unsafe_path_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../evil/schematron/UBL-TR_Main_Schematron.xml", "<x/>")
    bad = tmp_path / "evil.zip"
    bad.write_bytes(buf.getvalue())
    with pytest.raises(UserError) as exc:
        install_rules(bad, tmp_path / "rules")
    assert "güvensiz" in exc.value.message
    assert not (tmp_path / "evil").exists()


def test_foreign_zip_and_empty_folder_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(UserError) as exc:
        install_rules(other, tmp_path / "rules")
    assert "GİB'in kural paketlerinden biri değil" in exc.value.message
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UserError) as exc:
        install_rules(empty, tmp_path / "rules")
    assert "GİB kural paketi yok" in exc.value.message
    with pytest.raises(UserError):
        install_rules(tmp_path / "missing", tmp_path / "rules")


def test_cli_rules_install_and_show(
    gib_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "rules", "show"]) == 1
    assert "tezgah rules install --from" in capsys.readouterr().err

    assert main(["--data-dir", str(data_dir), "rules", "install", "--from", str(gib_dir)]) == 0
    out = capsys.readouterr().out
    assert "kuruldu" in out
    assert _sha(gib_dir / EFATURA_ZIP_NAME) in out and _sha(gib_dir / UBL_ZIP_NAME) in out

    assert main(["--data-dir", str(data_dir), "rules", "show"]) == 0
    assert "sürüm 2026-03-12" in capsys.readouterr().out
    assert (data_dir / "rules" / "manifest.json").is_file()

    bad = data_dir / "x.zip"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["--data-dir", str(data_dir), "rules", "install", "--from", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Hata: ") and "Traceback" not in err


def test_cli_show_half_installed(
    gib_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(data_dir)]
    assert main([*d, "rules", "install", "--from", str(gib_dir / UBL_ZIP_NAME)]) == 0
    capsys.readouterr()
    assert main([*d, "rules", "show"]) == 1
    captured = capsys.readouterr()
    assert "KURULU DEĞİL" in captured.out and "sha256" in captured.out
    assert "eksik" in captured.err and EFATURA_ZIP_NAME in captured.err
