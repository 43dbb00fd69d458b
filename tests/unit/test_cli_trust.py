"""Small CLI guarantees: an empty invoice is not printed, `sync` says by its exit status when
something could not be delivered, and output piped into `head` ends without a traceback."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import clock
from app.cli import main
from app.db.repositories import catalog as catalog_repo
from app.domain.identity import vkn_check_digit
from app.usecases.sync import SyncReport
from tests.fixtures.app import make_context

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("xml", [
    b"<Invoice/>",
    b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
])
def test_pdf_of_an_empty_invoice_is_refused_in_turkish(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, xml: bytes) -> None:
    src = tmp_path / "bos.xml"
    src.write_bytes(xml)
    out = tmp_path / "bos.pdf"
    code = main(["--data-dir", str(tmp_path / "data"), "pdf", str(src), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Hata:") and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(("report", "once", "code"), [
    (SyncReport(sent=1, completed=1), False, 0),
    (SyncReport(sent=1, retrying=1), True, 0),  # one pass: the answer comes later
    (SyncReport(sent=1, failed=1), True, 1),  # GİB refused it
    (SyncReport(sent=2, completed=1, retrying=1), False, 1),  # still waiting at the end
])
def test_sync_exit_status_says_whether_everything_was_delivered(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        report: SyncReport, once: bool, code: int) -> None:
    from app.cli.commands import outbox

    monkeypatch.setattr(outbox, "context", lambda args: None)
    from app.usecases import earsiv

    monkeypatch.setattr(earsiv, "sync_with_reports",
                        lambda *a, **k: (earsiv.DueWork(), report))
    from app.usecases import postbox_api

    monkeypatch.setattr(postbox_api, "pull_if_configured", lambda *a, **k: None)
    args = argparse.Namespace(response=None, endpoint=None, once=once, timeout=1.0,
                              max_wait=1.0)
    assert outbox.run_sync(args) == code
    if code:
        assert "teslim edilemedi" in capsys.readouterr().err


def test_output_piped_into_head_ends_without_a_traceback(
        tmp_path: Path, installed_rules_dir: Path) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    with ctx.db.write_session() as s:
        for i in range(1000):
            nine = f"{100000000 + i:09d}"
            vkn = nine + vkn_check_digit(nine)
            catalog_repo.save_customer(
                s, vkn_tckn=vkn, display_name=f"Müşteri {i} " + "Ticaret " * 20,
                data={"vkn_tckn": vkn, "name": f"Müşteri {i} " + "Ticaret " * 20,
                      "address": {"district": "Konak", "city": "İzmir"}},
                now=clock.local_now())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"),
                             "customer", "list"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    # ~190 KB of lines: far more than a pipe holds (64 KB), so the writer is still writing
    # when the reader goes away, whatever the two processes' speeds.
    first = proc.stdout.readline()  # what `head -1` reads before it exits
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=60)
    assert first.strip()
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err
    assert proc.returncode == 141, err
    listed = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"),
                             "customer", "list"], capture_output=True, env=env, check=True)
    assert len(listed.stdout) > 2 * 65536, len(listed.stdout)  # more than a pipe holds
