"""A sync process killed at every step — and at random moments — resumes on restart and every
invoice reaches GİB exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.outbox.failpoints import POINTS
from app.signing import create_test_certificate, open_signer, sign_invoice
from app.usecases.invoices import show_invoice
from tests.integration.sending import (
    envelopes_at_simulator,
    issue_some,
    received_by_simulator,
    sending_context,
    user_list_file,
)

# On SQLite and on PostgreSQL (tests/fixtures/postgres.py).
pytestmark = pytest.mark.usefixtures("each_engine")

ROOT = Path(__file__).resolve().parents[2]


def _sync_process(data_dir: Path, url: str, failpoint: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    env.pop("TEZGAH_FAILPOINT", None)
    if failpoint:
        env["TEZGAH_FAILPOINT"] = failpoint
    return subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data_dir), "sync",
                             "--endpoint", url, "--timeout", "3"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_sync_killed_at_every_step_delivers_each_invoice_once(
        tmp_path: Path, installed_rules_dir: Path, make_gib_simulator) -> None:  # type: ignore[no-untyped-def]
    ctx = sending_context(tmp_path / "app", installed_rules_dir)
    from app import settings

    settings.write(ctx, settings.SYNC_POLL_SECONDS, 0.05)
    settings.write(ctx, settings.SYNC_RETRY_SECONDS, 0.1)
    sim = make_gib_simulator(userlist_file=user_list_file(tmp_path / "users.xml"),
                             queue_delay=0.2, processing_delay=0.2, delivery_delay=0.2)
    cfg = create_test_certificate(ctx.data_dir, "3880530121", "Deneme Tekstil A.Ş.")
    all_ettns: list[str] = []
    with open_signer(cfg, None) as signer:
        sign = lambda xml: sign_invoice(xml, signer)  # noqa: E731
        for point in POINTS:
            batch = issue_some(ctx, sign, 3)
            all_ettns += batch
            proc = _sync_process(ctx.data_dir, sim.url, point)
            proc.wait(timeout=120)
            assert proc.returncode == -signal.SIGKILL, (point, proc.stderr.read() if proc.stderr else "")
        # Random kills on top, while sends and polls are slowed down.
        sim.faults.add("slow", seconds=0.3)
        rng = random.Random(7)
        for _ in range(6):
            all_ettns += issue_some(ctx, sign, 2)
            proc = _sync_process(ctx.data_dir, sim.url)
            time.sleep(rng.uniform(1.0, 2.5))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
        sim.faults.clear()
    final = _sync_process(ctx.data_dir, sim.url)
    _out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    statuses = {e: show_invoice(ctx, e)["status"] for e in all_ettns}
    assert set(statuses.values()) == {"completed"}, statuses
    received = received_by_simulator(sim.config.data_dir)
    assert set(received) == set(all_ettns)
    assert set(received.values()) == {1}, "an invoice reached GİB twice"
    assert envelopes_at_simulator(sim.config.data_dir) <= len(POINTS) + 6
