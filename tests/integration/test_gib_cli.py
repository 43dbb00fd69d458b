"""``tezgah gib-simulator`` as a real process: it starts, says it is not the real GİB, serves
the WSDL and the service, and keeps its state across a restart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from app.gib.client import EFaturaClient
from tests.fixtures.simulator import follow, pack


def _start(tmp_path: Path, sim_data: Path) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "app-data"), "gib-simulator",
         "--port", "0", "--data", str(sim_data), "--queue-delay", "0", "--processing-delay", "0",
         "--delivery-delay", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    lines: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("EFatura servisi: "):
            return proc, line.split(": ", 1)[1].strip()
    proc.kill()
    raise AssertionError("simulator did not start: " + "".join(lines))


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_gib_simulator_command(tmp_path: Path, make_gib_invoice) -> None:
    sim_data = tmp_path / "sim"
    proc, url = _start(tmp_path, sim_data)
    try:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/EFaturaMerkez/services/EFatura")
        with urllib.request.urlopen(url + "?wsdl", timeout=5) as resp:
            wsdl = resp.read().decode()
        assert url in wsdl and "sendDocument" in wsdl
        client = EFaturaClient(url, timeout=10)
        packed = pack([make_gib_invoice()])
        assert client.send_document(packed.file_name, packed.zip, packed.md5).hash_matches
        assert follow(client, packed.uuid)[-1] == 1300
    finally:
        _stop(proc)
    assert (sim_data / "gib-simulator.sqlite3").exists() and (sim_data / "userlist.xml").exists()
    proc, url = _start(tmp_path, sim_data)
    try:
        res = EFaturaClient(url, timeout=10).get_application_response(packed.uuid)
        assert res.status_code == 1300
        assert "gerçek GİB değildir" in " ".join(res.response.notes)
    finally:
        _stop(proc)
