"""Several computers of one shop sharing a PostgreSQL database: four counters issuing at once
get unique, gapless numbers, and several syncs running at once send each envelope once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.signing import create_test_certificate, open_signer, sign_invoice
from app.usecases.invoices import create_draft, show_invoice
from app.usecases.sending import make_sync
from tests.fixtures.app import invoice_json, make_context
from tests.integration.sending import (
    envelopes_at_simulator,
    issue_some,
    received_by_simulator,
    sending_context,
    user_list_file,
)

ROOT = Path(__file__).resolve().parents[2]
SEATS = 4
PER_SEAT = 15


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "TEZGAH_DATABASE_URL": url, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}


@pytest.mark.slow
def test_four_counters_issuing_at_once_get_unique_gapless_numbers(
        tmp_path: Path, installed_rules_dir: Path, postgres_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEZGAH_DATABASE_URL", postgres_url)
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    assert ctx.db.dialect == "postgresql"
    drafts = [create_draft(ctx, invoice_json()) for _ in range(SEATS * PER_SEAT)]
    procs = []
    for seat in range(SEATS):
        mine = tmp_path / f"seat{seat}.txt"
        mine.write_text("\n".join(drafts[seat::SEATS]), encoding="utf-8")
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("seat_issuer.py")),
             str(ctx.data_dir), str(mine)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=_env(postgres_url))
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.communicate()[1]
        procs.append(proc)
    for proc in procs:  # all four start together
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    printed: list[str] = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        printed += out.split()
    expected = [f"ABC2026{i:09d}" for i in range(1, SEATS * PER_SEAT + 1)]
    assert sorted(printed) == expected, "a number was given twice or skipped"
    with ctx.db.session() as s:
        numbers = [r[0] for r in s.execute(text(
            "SELECT number FROM invoices WHERE direction = 'out' AND status != 'draft' "
            "ORDER BY number"))]
        last = s.execute(text("SELECT max(last_number) FROM number_series")).scalar_one()
    assert numbers == expected
    assert last == SEATS * PER_SEAT


@pytest.mark.slow
def test_several_syncs_at_once_send_each_envelope_once(
        tmp_path: Path, installed_rules_dir: Path, postgres_url: str, make_gib_simulator,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEZGAH_DATABASE_URL", postgres_url)
    ctx = sending_context(tmp_path / "app", installed_rules_dir)
    from app import settings

    settings.write(ctx, settings.SYNC_POLL_SECONDS, 0.05)
    settings.write(ctx, settings.SYNC_RETRY_SECONDS, 0.1)
    sim = make_gib_simulator(userlist_file=user_list_file(tmp_path / "users.xml"),
                             queue_delay=0.1, processing_delay=0.1, delivery_delay=0.1)
    sim.faults.add("slow", seconds=0.3)  # sends overlap
    cfg = create_test_certificate(ctx.data_dir, "3880530121", "Deneme Tekstil A.Ş.")
    ettns: list[str] = []
    with open_signer(cfg, None) as signer:
        for _ in range(5):  # five envelopes waiting to be sent
            ettns += issue_some(ctx, lambda xml: sign_invoice(xml, signer), 2)
            make_sync(ctx, endpoint_url=sim.url).pack()
    ettns += issue_some(ctx, lambda xml: sign_invoice(xml, signer), 2)  # and two to pack
    # Three computers: each its own data folder (a copy: signer, rules), one database.
    procs = []
    for i in range(3):
        folder = tmp_path / f"seat{i}"
        shutil.copytree(ctx.data_dir, folder, ignore=shutil.ignore_patterns("*.lock"))
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "app", "--data-dir", str(folder), "--database-url",
             postgres_url, "sync", "--endpoint", sim.url, "--timeout", "10"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(postgres_url)))
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    sim.faults.clear()
    final = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(ctx.data_dir), "sync", "--endpoint",
         sim.url, "--timeout", "10"], capture_output=True, text=True, env=_env(postgres_url),
        timeout=300)
    assert final.returncode == 0, final.stderr
    assert {show_invoice(ctx, e)["status"] for e in ettns} == {"completed"}
    received = received_by_simulator(sim.config.data_dir)
    assert set(received) == set(ettns)
    assert set(received.values()) == {1}, "an invoice reached GİB twice"
    with ctx.db.session() as s:
        stored = s.execute(text("SELECT count(*) FROM envelopes")).scalar_one()
    assert envelopes_at_simulator(sim.config.data_dir) == stored == 6
