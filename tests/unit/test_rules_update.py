"""Updating GİB's rule packages keyed by their effective dates: ``tezgah rules update`` against a
real HTTP server on 127.0.0.1 (``TEZGAH_RULES_BASE_URL``), and the set a desktop build carries
(``install_shipped_if_newer``). The zips are GİB's own, rewritten only in the e-Fatura package's
``schematron/History.txt`` (Windows-1254, one section per YYYYMMDD line) to make them newer or
older."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from app import resources
from app.cli import main
from app.domain.errors import UserError
from app.ubl.rules import (
    BASE_URL_ENV,
    DOWNLOAD_URLS,
    RulesStore,
    download_urls,
    install_rules,
    update_rules,
    version_date,
)
from app.ubl.rules_zip import EFATURA_ZIP_NAME, UBL_ZIP_NAME, sha256_file
from app.usecases import rules as rules_usecase
from app.usecases.demo import ensure_rules

ROOT = Path(__file__).resolve().parents[2]
NEWER = "2027-01-15"
OLDER = "2026-01-09"  # the section before the real package's last one (20260312)
CURRENT = "2026-03-12"


def _rewrite_history(src: Path, dest: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """Copy GİB's e-FaturaPaketi.zip entry by entry, with ``edit(text) -> text`` applied to
    its schematron History.txt."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith("schematron/History.txt"):
                data = edit(data.decode("cp1254")).encode("cp1254")
            zout.writestr(info, data)
    return dest


def _newer(text: str) -> str:
    return text.rstrip() + "\r\n\r\n20270115\r\n----------\r\n1) DenemeCheck eklendi.\r\n"


def _older(text: str) -> str:
    return text[: text.index("20260312")]


def _same_date_other_bytes(text: str) -> str:
    return text + "\r\n"


@pytest.fixture(scope="module")
def packages(gib_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """GİB's real UBL zip, and e-Fatura zips: real, newer, older, same date other bytes."""
    out = tmp_path_factory.mktemp("efatura-variants")
    real = gib_dir / EFATURA_ZIP_NAME
    return SimpleNamespace(
        ubl=gib_dir / UBL_ZIP_NAME,
        efatura=real,
        newer=_rewrite_history(real, out / "newer.zip", _newer),
        older=_rewrite_history(real, out / "older.zip", _older),
        rebuilt=_rewrite_history(real, out / "rebuilt.zip", _same_date_other_bytes),
    )


class _Site:
    """A real HTTP server on 127.0.0.1 standing in for GİB's download folder: ``files`` maps
    a file name to the bytes served (or an int: that HTTP status)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes | int] = {}
        files = self.files

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                name = self.path.rsplit("/", 1)[-1]
                body = files.get(name, 404)
                if isinstance(body, int):
                    self.send_response(body)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/dosyalar/kilavuzlar/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def serve(self, ubl: Path | bytes | int, efatura: Path | bytes | int) -> None:
        for name, what in ((UBL_ZIP_NAME, ubl), (EFATURA_ZIP_NAME, efatura)):
            self.files[name] = what.read_bytes() if isinstance(what, Path) else what

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Site]:
    s = _Site()
    monkeypatch.setenv(BASE_URL_ENV, s.base)
    yield s
    s.close()


def _install(rules: Path, ubl: Path, efatura: Path) -> bytes:
    """Install the two zips; the manifest's bytes (to see later that nothing changed)."""
    install_rules(ubl, rules)
    install_rules(efatura, rules)
    return (rules / "manifest.json").read_bytes()


def _sets(rules: Path) -> list[str]:
    return sorted(p.name for p in (rules / "sets").iterdir())


# ---------------------------------------------------------------------------------------------
# Addresses


def test_download_addresses_are_gibs_unless_a_base_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BASE_URL_ENV, raising=False)
    assert download_urls() == DOWNLOAD_URLS
    assert download_urls()["efatura"] == (
        "https://ebelge.gib.gov.tr/dosyalar/kilavuzlar/e-FaturaPaketi.zip")
    monkeypatch.setenv(BASE_URL_ENV, "http://ayna.example/gib")
    assert download_urls() == {"ubl": "http://ayna.example/gib/UBL-TR1.2.1_Paketi.zip",
                               "efatura": "http://ayna.example/gib/e-FaturaPaketi.zip"}


def test_versions_compare_as_dates() -> None:
    assert version_date("2027-01-15") > version_date("2026-03-12")
    assert version_date("?") < version_date("2017-03-17")


# ---------------------------------------------------------------------------------------------
# rules update


def test_update_on_empty_folder_installs_both(site: _Site, packages, tmp_path: Path) -> None:
    site.serve(packages.ubl, packages.efatura)
    rules = tmp_path / "rules"
    outcome = update_rules(rules)
    assert outcome.changed
    assert [d.action for d in outcome.decisions] == ["new", "new"]
    assert f"e-Fatura paketi ({CURRENT}) kuruldu." in outcome.lines()
    assert RulesStore(rules).installed


def test_update_installs_only_the_newer_package(site: _Site, packages, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    _install(rules, packages.ubl, packages.efatura)
    before = RulesStore(rules).info()
    site.serve(packages.ubl, packages.newer)
    outcome = update_rules(rules)
    assert outcome.changed
    assert {d.kind: d.action for d in outcome.decisions} == {"ubl": "same", "efatura": "newer"}
    assert outcome.lines()[0] == f"e-Fatura paketi güncellendi: {CURRENT} → {NEWER}."
    # GİB's e-Arşiv package is optional: its failed download is said, not an error.
    assert outcome.optional_notes and "e-Arşiv paketi indirilemedi" in outcome.lines()[-1]
    after = RulesStore(rules).info()
    assert after.set_dir != before.set_dir
    assert after.packages["efatura"].version == NEWER
    assert after.packages["ubl"] == before.packages["ubl"]  # carried over, not reinstalled
    assert RulesStore(rules).schematron_main().is_file()


def test_update_never_replaces_a_newer_package_with_an_older_download(
        site: _Site, packages, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    manifest = _install(rules, packages.ubl, packages.efatura)
    sets = _sets(rules)
    site.serve(packages.ubl, packages.older)
    outcome = update_rules(rules)
    assert not outcome.changed
    ubl_version = RulesStore(rules).info().packages["ubl"].version
    assert outcome.lines()[:2] == [
        f"GİB'deki e-Fatura paketi ({OLDER}) kurulu olandan ({CURRENT}) eski; kurulu paket "
        "korundu.",
        f"Kural paketleri güncel: UBL-TR {ubl_version}, e-Fatura {CURRENT}.",
    ]
    assert (rules / "manifest.json").read_bytes() == manifest
    assert _sets(rules) == sets


def test_update_says_up_to_date_when_gib_has_the_same(site: _Site, packages,
                                                       tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    manifest = _install(rules, packages.ubl, packages.efatura)
    site.serve(packages.ubl, packages.efatura)
    outcome = update_rules(rules)
    assert not outcome.changed
    assert outcome.lines()[0].startswith("Kural paketleri güncel: UBL-TR 20")
    assert outcome.lines()[0].endswith(f"e-Fatura {CURRENT}.")
    assert (rules / "manifest.json").read_bytes() == manifest


def test_update_reinstalls_a_same_dated_package_with_other_contents_and_says_so(
        site: _Site, packages, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    _install(rules, packages.ubl, packages.efatura)
    site.serve(packages.ubl, packages.rebuilt)
    outcome = update_rules(rules)
    assert outcome.changed
    assert outcome.lines()[0] == (
        f"GİB'deki e-Fatura paketi kurulu olanla aynı tarihli ({CURRENT}) ama içeriği farklı "
        "(sha256 değişmiş); yeniden kuruldu.")
    info = RulesStore(rules).info()
    assert info.packages["efatura"].version == CURRENT
    assert info.packages["efatura"].sha256 == sha256_file(packages.rebuilt)


@pytest.mark.parametrize("failure", ["404", "truncated"])
def test_a_failed_or_damaged_download_leaves_the_installation_untouched(
        site: _Site, packages, tmp_path: Path, failure: str) -> None:
    rules = tmp_path / "rules"
    manifest = _install(rules, packages.ubl, packages.efatura)
    sets = _sets(rules)
    newer = packages.newer.read_bytes()
    site.serve(packages.ubl, 404 if failure == "404" else newer[: len(newer) // 2])
    with pytest.raises(UserError) as exc:
        update_rules(rules)
    message = exc.value.message
    assert message.endswith("Kurulu kural paketleri değişmedi.")
    if failure == "404":
        assert "indirilemedi" in message and "HTTP 404" in message
    else:
        assert "e-FaturaPaketi.zip" in message and "bozuk" in message
    assert (rules / "manifest.json").read_bytes() == manifest
    assert _sets(rules) == sets
    assert not [p for p in rules.iterdir() if p.name.startswith(".")]  # no half-made set


@pytest.mark.slow  # long waits or a whole pipeline: left out of --fast, in every full run
def test_cli_rules_update_in_a_subprocess(site: _Site, packages, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _install(data / "rules", packages.ubl, packages.efatura)
    env = {**os.environ, BASE_URL_ENV: site.base, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}

    def update() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data), "rules",
                               "update"], capture_output=True, text=True, env=env, timeout=120)

    site.serve(packages.ubl, packages.efatura)
    result = update()
    assert result.returncode == 0, result.stderr
    assert "Kural paketleri güncel: UBL-TR " in result.stdout
    assert f"e-Fatura {CURRENT}." in result.stdout

    site.serve(packages.ubl, packages.newer)
    result = update()
    assert result.returncode == 0, result.stderr
    assert f"e-Fatura paketi güncellendi: {CURRENT} → {NEWER}." in result.stdout
    assert f"sürüm {NEWER}" in result.stdout  # what is installed now

    site.serve(packages.ubl, packages.efatura)  # GİB's is now older than the installed one
    result = update()
    assert result.returncode == 0, result.stderr
    assert (f"GİB'deki e-Fatura paketi ({CURRENT}) kurulu olandan ({NEWER}) eski; kurulu "
            "paket korundu.") in result.stdout

    site.serve(packages.ubl, 404)
    result = update()
    assert result.returncode == 1
    assert "HTTP 404" in result.stderr and "Kurulu kural paketleri değişmedi." in result.stderr
    assert "Traceback" not in result.stderr
    assert RulesStore(data / "rules").info().packages["efatura"].version == NEWER


# ---------------------------------------------------------------------------------------------
# The set a desktop build carries


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake ``app/_shipped/gib`` the build would carry (fill it per test)."""
    folder = tmp_path / "shipped-gib"
    folder.mkdir()
    monkeypatch.setattr(resources, "shipped_gib_dir", lambda: folder)
    return folder


def _ship(folder: Path, ubl: Path, efatura: Path) -> None:
    (folder / UBL_ZIP_NAME).write_bytes(ubl.read_bytes())
    (folder / EFATURA_ZIP_NAME).write_bytes(efatura.read_bytes())


def test_without_a_shipped_set_nothing_happens(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "shipped_gib_dir", lambda: None)
    assert rules_usecase.install_shipped_if_newer(tmp_path / "data") is None
    assert not (tmp_path / "data" / "rules").exists()
    assert main(["--data-dir", str(tmp_path / "data"), "rules", "install", "--shipped"]) == 1


def test_shipped_set_is_installed_into_an_empty_folder(shipped: Path, packages,
                                                       tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _ship(shipped, packages.ubl, packages.efatura)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "rules", "install", "--shipped"]) == 0
    out = capsys.readouterr().out
    assert f"e-Fatura paketi ({CURRENT}) kuruldu." in out and "UBL-TR paketi (" in out
    assert rules_usecase.is_installed(data)
    # the second time it is already there: nothing changes
    manifest = (data / "rules" / "manifest.json").read_bytes()
    outcome = rules_usecase.install_shipped_if_newer(data)
    assert outcome is not None and not outcome.changed
    assert outcome.describe().startswith("Kural paketleri güncel")
    assert (data / "rules" / "manifest.json").read_bytes() == manifest


def test_shipped_set_replaces_older_installed_packages(shipped: Path, packages,
                                                       tmp_path: Path) -> None:
    data = tmp_path / "data"
    _install(data / "rules", packages.ubl, packages.older)
    _ship(shipped, packages.ubl, packages.efatura)
    outcome = rules_usecase.install_shipped_if_newer(data)
    assert outcome is not None and outcome.changed
    assert outcome.lines()[0] == f"e-Fatura paketi güncellendi: {OLDER} → {CURRENT}."
    # what the new package has that Tezgâh does not know is said, not half-applied silently
    assert outcome.lines()[1:] == outcome.info.novelties()
    assert RulesStore(data / "rules").info().packages["efatura"].version == CURRENT


def test_shipped_set_keeps_newer_installed_packages(shipped: Path, packages,
                                                    tmp_path: Path) -> None:
    """A user who ran ``rules update`` keeps what GİB published after this build."""
    data = tmp_path / "data"
    manifest = _install(data / "rules", packages.ubl, packages.newer)
    _ship(shipped, packages.ubl, packages.efatura)
    outcome = rules_usecase.install_shipped_if_newer(data)
    assert outcome is not None and not outcome.changed
    assert outcome.lines()[0] == (f"Bu sürümle gelen e-Fatura paketi ({CURRENT}) kurulu olandan "
                                  f"({NEWER}) eski; kurulu paket korundu.")
    assert (data / "rules" / "manifest.json").read_bytes() == manifest


def test_shipped_set_does_not_swap_a_same_dated_download_back(shipped: Path, packages,
                                                              tmp_path: Path) -> None:
    data = tmp_path / "data"
    manifest = _install(data / "rules", packages.ubl, packages.rebuilt)
    _ship(shipped, packages.ubl, packages.efatura)
    outcome = rules_usecase.install_shipped_if_newer(data)
    assert outcome is not None and not outcome.changed
    assert (data / "rules" / "manifest.json").read_bytes() == manifest


def test_damaged_shipped_set_at_start_up_is_logged_not_raised(shipped: Path, packages,
                                                              tmp_path: Path) -> None:
    _ship(shipped, packages.ubl, packages.efatura)
    (shipped / EFATURA_ZIP_NAME).write_bytes(packages.efatura.read_bytes()[:1000])
    data = tmp_path / "data"
    with pytest.raises(UserError):
        rules_usecase.install_shipped_if_newer(data)
    assert rules_usecase.install_shipped_if_newer(data, strict=False) is None
    assert not rules_usecase.is_installed(data)


def test_ensure_rules_installs_the_shipped_set(shipped: Path, packages, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _install(data / "rules", packages.ubl, packages.older)
    _ship(shipped, packages.ubl, packages.efatura)
    ctx = SimpleNamespace(data_dir=data, rules_dir=data / "rules")
    line = ensure_rules(ctx)  # type: ignore[arg-type]
    assert line.startswith("GİB kural paketleri bu sürümle gelen paketlerden kuruldu: UBL-TR ")
    assert line.endswith(f"e-Fatura {CURRENT}.")
    assert ensure_rules(ctx) == "GİB kural paketleri kurulu."  # type: ignore[arg-type]
