"""A process killed (SIGKILL) inside the transaction that issues a despatch advice — after
the counter moved, after the document was stored, after the draft was marked issued — leaves
no trace: the draft is a draft, no number is used, no document or archive entry is left, and
the next issue takes IRS2026000000001. Deterministic: the child kills itself at that point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.usecases import despatches
from tests.fixtures.app import make_context

EXAMPLE = (Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch"
           / "TEMELIRSALIYE-SEVK.json")

# The child issues the draft unsigned and kills itself right after ``step`` ran inside the
# storing transaction.
_CHILD = """
import os, signal, sys
from app.context import AppContext
from app.usecases import despatches

data_dir, ettn, step = sys.argv[1:]
module, name = {
    "advance": (despatches.numbering_repo, "advance"),
    "document": (despatches.documents, "insert_row"),
    "mark": (despatches.repo, "mark_issued"),
}[step]
real = getattr(module, name)

def then_die(*args, **kwargs):
    result = real(*args, **kwargs)
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)
    return result

setattr(module, name, then_die)
despatches.issue_despatch(AppContext(data_dir), ettn, sign=None)
"""


def _nothing_issued(ctx, ettn: str) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.session() as s:
        if ctx.db.is_sqlite:
            assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert s.execute(text("SELECT count(*) FROM number_series")).scalar_one() == 0
        assert s.execute(text("SELECT count(*) FROM documents")).scalar_one() == 0
        assert s.execute(text("SELECT count(*) FROM archive_chain")).scalar_one() == 0
    info = despatches.show_despatch(ctx, ettn)
    assert (info["status"], info["number"]) == ("draft", None)


@pytest.mark.parametrize("step", ["advance", "document", "mark"])
def test_a_kill_while_storing_leaves_the_draft_and_no_number(
        tmp_path: Path, installed_rules_dir: Path, each_engine: str, step: str) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del data["series"]
    ettn = despatches.create_draft(ctx, data)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH"))
        if p)}
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(ctx.data_dir), ettn, step],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == -9, proc.stderr
    _nothing_issued(ctx, ettn)
    assert despatches.issue_despatch(ctx, ettn, sign=None).number == "IRS2026000000001"
