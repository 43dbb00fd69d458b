"""Killing the process in the middle of issuing — many times — leaves no gap, no duplicate
number and no half-written invoice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.usecases.invoices import create_draft
from tests.fixtures.app import invoice_json, make_context

# On SQLite and on PostgreSQL (tests/fixtures/postgres.py).
pytestmark = pytest.mark.usefixtures("each_engine")

DRAFTS = 60
ROUNDS = 12


def _check_invariants(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.session() as s:
        if ctx.db.is_sqlite:  # PostgreSQL survives a killed client by its own design
            assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        numbers = [r[0] for r in s.execute(text(
            "SELECT number FROM invoices WHERE status != 'draft' ORDER BY number"))]
        assert len(numbers) == len(set(numbers)), "duplicate invoice number"
        expected = [f"ABC2026{i:09d}" for i in range(1, len(numbers) + 1)]
        assert numbers == expected, "gap in numbering"
        last = s.execute(text("SELECT coalesce(max(last_number), 0) FROM number_series")).scalar_one()
        assert last == len(numbers), "series counter out of step with issued invoices"
        docs = s.execute(text(
            "SELECT count(*) FROM invoices i WHERE i.status != 'draft' AND "
            "(SELECT count(*) FROM documents d WHERE d.invoice_id = i.id) != 1")).scalar_one()
        assert docs == 0, "issued invoice without exactly one stored document"
        drafts = s.execute(text("SELECT count(*) FROM invoices WHERE status = 'draft' AND "
                                "number IS NULL")).scalar_one()
        assert drafts + len(numbers) == DRAFTS, "a draft was lost or half-issued"
        lines = s.execute(text("SELECT count(*) FROM invoice_lines")).scalar_one()
        assert lines == DRAFTS * 2, "invoice lines lost"
        return len(numbers)


@pytest.mark.slow
def test_sigkill_during_issuing_never_burns_or_repeats_a_number(
        tmp_path: Path, installed_rules_dir: Path) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    for _ in range(DRAFTS):
        create_draft(ctx, invoice_json())
    rng = random.Random(20261127)
    script = Path(__file__).with_name("issuer_process.py")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH")) if p)}
    kills = 0
    issued = 0
    for _ in range(ROUNDS):
        proc = subprocess.Popen([sys.executable, str(script), str(ctx.data_dir)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.02, 0.35))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        issued = _check_invariants(ctx)
        if issued == DRAFTS:
            break
    assert kills >= 3, "the process finished before it could be killed often enough"
    assert issued > 0
