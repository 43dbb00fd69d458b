"""Four counters issuing 1,000 invoices at once into one database: a PostgreSQL server
(tests/fixtures/postgres.py, a throw-away cluster on a unix socket) and, for comparison, one
SQLite file in WAL mode. Each counter is its own process (tests/integration/seat_issuer.py,
``--no-sign`` issuing: numbering, render, XSD + schematron, storing); timed from the moment
all four are told to start until the last one is done. Numbers are checked unique and
gapless. Run: scripts/benchmark.sh -k multiseat -s"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from app.usecases.invoices import create_draft
from tests.fixtures.app import invoice_json, make_context

pytestmark = pytest.mark.benchmark
ROOT = Path(__file__).resolve().parents[2]
SEATS = 4
PER_SEAT = 250
SEAT = ROOT / "tests" / "integration" / "seat_issuer.py"


@pytest.mark.parametrize("engine", ["postgresql", "sqlite"])
def test_bench_four_counters_issue_1000(benchmark: Any, engine: str, tmp_path: Path,
                                        installed_rules_dir: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        request: pytest.FixtureRequest,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    if engine == "postgresql":
        url = request.getfixturevalue("postgres_url")
        monkeypatch.setenv("TEZGAH_DATABASE_URL", url)
        env["TEZGAH_DATABASE_URL"] = url
    else:
        monkeypatch.delenv("TEZGAH_DATABASE_URL", raising=False)
        env.pop("TEZGAH_DATABASE_URL", None)
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    assert ctx.db.dialect == engine
    drafts = [create_draft(ctx, invoice_json()) for _ in range(SEATS * PER_SEAT)]

    def run() -> list[str]:
        procs = []
        for seat in range(SEATS):
            mine = tmp_path / f"seat{seat}.txt"
            mine.write_text("\n".join(drafts[seat::SEATS]), encoding="utf-8")
            proc = subprocess.Popen([sys.executable, str(SEAT), str(ctx.data_dir), str(mine)],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, env=env)
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready", proc.communicate()[1]
            procs.append(proc)
        began = time.perf_counter()
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        printed: list[str] = []
        for proc in procs:
            out, err = proc.communicate(timeout=1200)
            assert proc.returncode == 0, err
            printed += out.split()
        seconds = time.perf_counter() - began
        with capsys.disabled():
            print(f"\n{engine}: {SEATS} counters issued {len(printed)} invoices in "
                  f"{seconds:.1f} s ({len(printed) / seconds:.0f} per second); load average "
                  f"{os.getloadavg()}")
        return printed

    printed = benchmark.pedantic(run, rounds=1, iterations=1)
    expected = [f"ABC2026{i:09d}" for i in range(1, SEATS * PER_SEAT + 1)]
    assert sorted(printed) == expected, "a number was given twice or skipped"
