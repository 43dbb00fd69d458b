"""What the ``tezgah`` command loads: ``--help`` builds the parser only, and the file tools
(``sign``, ``verify``, ``validate``, ``pdf``, ``html``) never load the database layer or Qt.

Each command runs in its own process under ``python -X importtime``; the test reads the
modules it imported from that list. It asserts *what* is imported, never how long it took."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from app.signing.backends.pkcs12 import stored_password

# Loaded by no command that does not need them: the database, the rule engine, the window.
NEVER = ("sqlalchemy", "alembic", "saxonche", "PySide6", "shiboken6", "ui")
# The database layer of Tezgâh itself: the file tools work on files only.
DATABASE = ("app.db", "app.context")
# ``--help`` only builds the parser: none of the heavy libraries either.
HEAVY = ("lxml", "cryptography", "reportlab", "requests", "PyKCS11", "asn1crypto", "PIL",
         "app.usecases", "app.signing", "app.pdf", "app.ubl")
# What building the parser never needs: each command loads them in its handler if it does.
PARSER_NEVER = ("pkgutil", "subprocess", "json", "decimal", "app.domain.money")
# Signing one file with a PKCS#12 certificate: no card driver, no time-stamp client or
# XAdES-T/A, no verifier, trust store or settings file (``app.signing`` is a lazy facade).
SIGN_FILE_NEVER = ("PyKCS11", "asn1crypto", "app.signing.backends.pkcs11", "app.signing.tsa",
                   "app.signing.levels", "app.signing.verify", "app.signing.testtsa",
                   "app.signing.enveloped", "app.trust", "app.settings", "app.domain.party")

# Printing a plain invoice: what ``tezgah pdf`` of a 10-line TEMELFATURA never loads.
PDF_NEVER = ("app.ubl.kinds.registry", "app.ubl.kinds.energy", "app.ubl.kinds.export",
             "app.ubl.order", "app.pdf.html", "app.pdf.xslt_sandbox", "segno",
             "urllib.request", "xml.sax")


# ``python -m app`` with the names in ``sys.modules`` written to a file at exit: modules
# loaded through ``importlib.import_module`` (the command modules) are not in the
# ``-X importtime`` list, which only sees ``import`` statements.
_MAIN = """\
import atexit, os, runpy, sys
def _dump():
    with open(os.environ["TEZGAH_MODULES_OUT"], "w", encoding="utf-8") as f:
        f.write("\\n".join(sorted(sys.modules)))
atexit.register(_dump)
sys.argv = ["tezgah", *sys.argv[1:]]
runpy.run_module("app", run_name="__main__", alter_sys=True)
"""


def _run(args: list[str], data_dir: Path, **env: str) -> tuple[subprocess.CompletedProcess[str],
                                                                set[str]]:
    """``python -X importtime -m app --data-dir DATA …``: the finished process and the names
    of the modules it imported."""
    fd, name = tempfile.mkstemp(suffix=".txt", prefix="tezgah-modules-")
    os.close(fd)
    listing = Path(name)
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", _MAIN, "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, **env, "TEZGAH_MODULES_OUT": str(listing)},
    )
    modules = {line.rsplit("|", 1)[1].strip() for line in out.stderr.splitlines()
               if line.startswith("import time:") and "|" in line}
    try:
        modules |= set(listing.read_text(encoding="utf-8").split())
    finally:
        listing.unlink()
    assert "app.cli.commands.sign" in modules, out.stderr[-2000:]  # the lists were read
    return out, modules


def _loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    """The modules of ``modules`` that are one of ``packages`` or inside one."""
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def _errors(out: subprocess.CompletedProcess[str]) -> str:
    return "\n".join(line for line in out.stderr.splitlines()
                     if not line.startswith("import time:"))


@pytest.mark.parametrize("args", [["--help"], ["sign", "--help"], ["pdf", "--help"],
                                  ["verify", "--help"], ["validate", "--help"],
                                  ["invoice", "list", "--help"], ["archive", "--help"],
                                  ["archive", "verify", "--help"],
                                  ["archive", "export", "--help"], ["export", "--help"],
                                  ["folder", "watch", "--help"], ["api", "--help"],
                                  ["api", "serve", "--help"], ["despatch", "--help"],
                                  ["despatch", "issue", "--help"]],
                         ids=lambda a: " ".join(a))
def test_help_builds_the_parser_only(args: list[str], tmp_path: Path) -> None:
    out, modules = _run(args, tmp_path)
    assert out.returncode == 0, _errors(out)
    assert "Kullanım: tezgah" in out.stdout
    assert _loaded(modules, NEVER + DATABASE + HEAVY + PARSER_NEVER) == []


def test_every_command_module_is_loaded_for_help(tmp_path: Path) -> None:
    """``--help`` lists every command: their modules are loaded, and cheaply (above)."""
    import pkgutil

    from app.cli import commands

    _out, modules = _run(["--help"], tmp_path)
    names = {f"app.cli.commands.{m.name}" for m in pkgutil.iter_modules(commands.__path__)}
    assert names <= modules


def test_the_list_of_command_modules_is_the_folder() -> None:
    """``app.cli.commands.MODULES`` (read at each start instead of listing the folder) names
    every module of the package, once."""
    import pkgutil

    from app.cli import commands

    found = sorted(m.name for m in pkgutil.iter_modules(commands.__path__))
    assert sorted(commands.MODULES) == found
    assert len(set(commands.MODULES)) == len(commands.MODULES)


@pytest.fixture(scope="module")
def signed_file(demo_signer, unsigned_invoice: bytes,  # type: ignore[no-untyped-def]
                tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``tezgah sign`` of one invoice with the demo PKCS#12 certificate, checked for what it
    loaded; the signed file and the data folder."""
    _d, cfg = demo_signer
    work = tmp_path_factory.mktemp("cli-imports")
    src, signed = work / "in.xml", work / "signed.xml"
    src.write_bytes(unsigned_invoice)
    out, modules = _run(["sign", str(src), "--out", str(signed), "--pkcs12", cfg.pkcs12_path,
                         "--password-env", "P12_PW"], work / "data",
                        P12_PW=stored_password(Path(cfg.pkcs12_path)))
    assert out.returncode == 0, _errors(out)
    assert signed.exists()
    assert "app.signing" in modules  # it did sign here
    assert _loaded(modules, NEVER + DATABASE) == []
    # Signing with a file asks no time-stamp server: no HTTP client, no card driver needed.
    assert _loaded(modules, ("requests", "app.http")) == []
    assert _loaded(modules, SIGN_FILE_NEVER) == []
    return signed, work / "data"


def test_sign_loads_no_database(signed_file: tuple[Path, Path]) -> None:
    signed, _data = signed_file
    assert b"ds:SignatureValue" in signed.read_bytes()


def test_pdf_and_html_load_no_database(signed_file: tuple[Path, Path], tmp_path: Path) -> None:
    signed, data = signed_file
    pdf = tmp_path / "out.pdf"
    out, modules = _run(["pdf", str(signed), "--out", str(pdf)], data)
    assert out.returncode == 0, _errors(out)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "app.pdf" in modules
    assert _loaded(modules, NEVER + DATABASE) == []
    # A plain invoice: no kind module, no HTML view or XSLT sandbox, and the karekod's QR
    # symbol without the segno package (whose writers load urllib.request).
    assert _loaded(modules, PDF_NEVER) == []

    html = tmp_path / "out.html"
    out, modules = _run(["html", str(signed), "--out", str(html)], data)
    assert out.returncode == 0, _errors(out)
    assert html.exists()
    assert _loaded(modules, NEVER + DATABASE) == []


def test_verify_loads_no_database(signed_file: tuple[Path, Path]) -> None:
    signed, data = signed_file
    out, modules = _run(["verify", str(signed), "--no-crl-download"], data)
    # 1: the demo CA is not among the trusted roots of this data folder; the check ran.
    assert out.returncode in (0, 1, 3), _errors(out)
    assert "SONUÇ" in out.stdout
    assert _loaded(modules, NEVER + DATABASE) == []


def test_validate_loads_no_database(signed_file: tuple[Path, Path],
                                    installed_rules_dir: Path) -> None:
    signed, _data = signed_file
    out, modules = _run(["validate", str(signed)], installed_rules_dir.parent)
    assert out.returncode in (0, 1), _errors(out)
    assert "saxonche" in modules  # the schematron ran
    assert _loaded(modules, tuple(p for p in NEVER if p != "saxonche") + DATABASE) == []


def test_archive_verify_loads_the_database_but_no_document_tools(tmp_path: Path) -> None:
    """``archive verify`` re-reads stored bytes and hashes them: no XML parser, renderer,
    signature code or window."""
    out, modules = _run(["archive", "verify", "--quiet"], tmp_path)
    assert out.returncode == 0, _errors(out)
    assert "Arşiv sağlam" in out.stdout
    assert "app.db" in modules and "app.usecases.archive" in modules
    assert _loaded(modules, ("PySide6", "shiboken6", "ui", "saxonche", "lxml", "app.pdf",
                             "app.signing", "app.ubl", "reportlab", "cryptography")) == []


def test_export_to_csv_loads_no_window_printer_signer_or_spreadsheet_library(
        tmp_path: Path) -> None:
    """``export`` to CSV reads the database and the stored documents: no window, no PDF or
    signature code, and openpyxl only for an .xlsx file."""
    out, modules = _run(["export", "--from", "01.11.2026", "--to", "30.11.2026", "--out",
                         str(tmp_path / "faturalar.csv")], tmp_path / "data")
    assert out.returncode == 0, _errors(out)
    assert "Dışa aktarıldı" in out.stdout
    assert "app.db" in modules and "app.usecases.accounting_export" in modules
    assert _loaded(modules, ("PySide6", "shiboken6", "ui", "saxonche", "app.pdf",
                             "app.signing", "reportlab", "openpyxl")) == []


def test_folder_path_loads_the_database_but_no_document_tools(tmp_path: Path) -> None:
    """``folder path`` reads one setting: no XML parser, renderer, signature code or window
    (``folder watch`` loads the document code when a file is there to read)."""
    out, modules = _run(["folder", "path"], tmp_path)
    assert out.returncode == 0, _errors(out)
    assert out.stdout.splitlines()[0] == str(tmp_path / "gelen-dosyalar")
    assert "app.db" in modules and "app.usecases.watch_folder" in modules
    assert _loaded(modules, ("PySide6", "shiboken6", "ui", "saxonche", "lxml", "app.pdf",
                             "app.signing", "app.ubl", "reportlab", "cryptography")) == []


def test_api_token_loads_no_invoice_tools(tmp_path: Path) -> None:
    """``api token`` makes and keeps a token: no window, XML, printing, signing or HTTP
    client, and no invoice use cases."""
    out, modules = _run(["api", "token"], tmp_path)
    assert out.returncode == 0, _errors(out)
    assert out.stdout.rstrip("\n").splitlines()[-1].startswith("tzg_")
    assert _loaded(modules, ("PySide6", "shiboken6", "ui", "saxonche", "lxml", "app.pdf",
                             "app.signing", "app.ubl", "reportlab", "requests",
                             "app.usecases.invoices", "app.api")) == []
