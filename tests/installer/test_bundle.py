"""The wheel installed into a fresh virtual environment and the frozen bundle, each run from
outside the checkout: the demo (GİB packages from what the build carries, TEST-signed
invoices, a printed PDF, sending to the simulator), the XSLT sandbox's child, the window on
a real X server, and the Linux tarball's install and uninstall."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

WIZARD_TITLE = "Tezgâh — ilk kurulum"
SAMPLE_WITH_XSLT = REPO_ROOT.parent / "shared" / "gib" / "real-samples" / "ticari-istisna-logo.xml"


def run(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float = 300) -> str:
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, timeout=timeout)
    out = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, f"{cmd} → {proc.returncode}\n{out[-3000:]}"
    return out


def demo_and_print(tezgah: list[str], env: dict[str, str], cwd: Path) -> str:
    """The demo (rules, company, TEST signature, three invoices, sending), then a PDF."""
    out = run([*tezgah, "demo"], env, cwd)
    assert "Tamamlandı" in out, out
    assert "0 hatalı" in out, out
    assert "bu sürümle gelen paketlerden kuruldu" in out, "rule packages must come from the build"
    assert str(REPO_ROOT) not in out, "nothing may be read from the checkout"
    demo_dir = Path(env["HOME"]) / ".local" / "share" / "Tezgah-Demo"
    assert (demo_dir / "tezgah.sqlite3").exists() or any(demo_dir.glob("*.sqlite3"))
    pdf = cwd / "fatura.pdf"
    run([*tezgah, "--data-dir", str(demo_dir), "invoice", "pdf", "TZG2026000000001",
         "--out", str(pdf)], env, cwd)
    head = pdf.read_bytes()[:5]
    assert head == b"%PDF-", head
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    assert "TEST — geçerli fatura değildir".encode() in text
    assert b"TZG2026000000001" in text
    return out


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    work = tmp_path / "elsewhere"
    work.mkdir()
    return work


def test_wheel_in_a_fresh_venv_runs_the_demo_from_another_directory(
        built: Path, bare_env: dict[str, str], outside: Path, tmp_path: Path) -> None:
    wheels = sorted((REPO_ROOT / "build" / "wheel").glob("tezgah-*.whl"))
    assert len(wheels) == 1, wheels
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip_env = dict(os.environ)
    pip_env.pop("PYTHONPATH", None)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                    "--disable-pip-version-check", str(wheels[0])],
                   check=True, env=pip_env, timeout=900)
    where = run([str(venv / "bin" / "python"), "-c",
                 "import app, ui, app.resources as r; print(app.__file__); print(ui.__file__);"
                 "print(r.shipped_root()); print(r.checkout_root())"], bare_env, outside)
    lines = where.split()
    assert all(line.startswith(str(venv)) for line in lines[:3]), where
    assert lines[3] == "None", where
    demo_and_print([str(venv / "bin" / "tezgah")], bare_env, outside)


def test_frozen_bundle_runs_the_demo_with_no_python_on_the_path(
        built: Path, bare_env: dict[str, str], outside: Path) -> None:
    tezgah = built / "tezgah" / "tezgah"
    assert tezgah.is_file() and os.access(tezgah, os.X_OK)
    out = demo_and_print([str(tezgah)], bare_env, outside)
    assert "GİB test simülatörü" in out


def test_frozen_bundle_renders_a_strangers_stylesheet_in_its_sandbox(
        built: Path, bare_env: dict[str, str], outside: Path) -> None:
    tezgah = str(built / "tezgah" / "tezgah")
    html = outside / "fatura.html"
    run([tezgah, "html", str(SAMPLE_WITH_XSLT), "--out", str(html)], bare_env, outside)
    own = outside / "tezgah.html"
    run([tezgah, "html", "--tezgah-sablonu", str(SAMPLE_WITH_XSLT), "--out", str(own)],
        bare_env, outside)
    # the invoice's own stylesheet ran (in the child process) and gave another page
    assert html.read_text("utf-8") != own.read_text("utf-8")
    assert "<html" in html.read_text("utf-8").lower()

    # a stylesheet reaching for a file is refused by the child's limits, not run
    hostile = outside / "hostile.xml"
    text = SAMPLE_WITH_XSLT.read_text("utf-8")
    evil = base64.b64encode(
        b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        b'<xsl:template match="/"><html><xsl:copy-of select="document(\'/etc/passwd\')"/>'
        b'</html></xsl:template></xsl:stylesheet>').decode()
    start = text.index(">", text.index('.xslt"')) + 1  # the end of the opening tag
    end = text.index("</", start)
    hostile.write_text(text[:start] + evil + text[end:], "utf-8")
    proc = subprocess.run([tezgah, "html", str(hostile), "--out", str(outside / "h.html")],
                          env=bare_env, cwd=outside, capture_output=True, timeout=120)
    said = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    assert "root:" not in said
    page = (outside / "h.html").read_text("utf-8") if (outside / "h.html").exists() else ""
    assert "root:" not in page
    assert "güvenlik için çalıştırılmadı" in said, said


def window_titles(display: str) -> str:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env={"DISPLAY": display, "LANG": "C.UTF-8"},
                          capture_output=True)
    return tree.stdout.decode("utf-8", "replace")


def test_frozen_window_opens_on_a_real_x_server(
        built: Path, bare_env: dict[str, str], outside: Path, xvfb: str) -> None:
    env = dict(bare_env, DISPLAY=xvfb)
    proc = subprocess.Popen([str(built / "tezgah" / "tezgah")], env=env, cwd=outside,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and f'"{WIZARD_TITLE}": (' not in window_titles(xvfb):
            assert proc.poll() is None, proc.stdout.read().decode("utf-8", "replace")  # type: ignore[union-attr]
            time.sleep(0.1)
        titles = window_titles(xvfb)
        assert f'"{WIZARD_TITLE}": (' in titles, titles
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(15)


def test_linux_tarball_installs_for_the_user_and_uninstalls_keeping_the_data(
        built: Path, bare_env: dict[str, str], tmp_path: Path) -> None:
    tarballs = sorted(built.glob("tezgah-*-linux-*.tar.gz"))
    assert len(tarballs) == 1, tarballs
    with tarfile.open(tarballs[0]) as tar:
        names = tar.getnames()
        top = names[0].split("/")[0]
        for member in ("tezgah/tezgah", "tezgah.desktop", "tezgah.svg", "install.sh",
                       "uninstall.sh", "BENIOKU.txt"):
            assert f"{top}/{member}" in names, member
        tar.extractall(tmp_path / "unpacked", filter="tar")
    prefix = tmp_path / "prefix"
    env = dict(bare_env, TEZGAH_PREFIX=str(prefix))
    unpacked = tmp_path / "unpacked" / top
    run(["sh", str(unpacked / "install.sh")], env, tmp_path)
    desktop = (prefix / "share" / "applications" / "tezgah.desktop").read_text("utf-8")
    exec_line = next(line for line in desktop.splitlines() if line.startswith("Exec="))
    installed = Path(exec_line.removeprefix("Exec="))
    assert installed == prefix / "opt" / "tezgah" / "tezgah" and os.access(installed, os.X_OK)
    assert (prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / "tezgah.svg").is_file()
    assert os.readlink(prefix / "bin" / "tezgah") == str(installed)
    assert "Kullanım: tezgah" in run([str(prefix / "bin" / "tezgah"), "--help"], env, tmp_path)

    data = Path(env["HOME"]) / ".local" / "share" / "Tezgah"
    data.mkdir(parents=True)
    (data / "kept.txt").write_text("faturalar")
    out = run(["sh", str(prefix / "opt" / "tezgah" / "uninstall.sh")], env, tmp_path)
    assert "silinmez" in out or "yerinde" in out
    assert not (prefix / "opt" / "tezgah").exists()
    assert not (prefix / "share" / "applications" / "tezgah.desktop").exists()
    assert not (prefix / "bin" / "tezgah").exists()
    assert (data / "kept.txt").read_text() == "faturalar"
