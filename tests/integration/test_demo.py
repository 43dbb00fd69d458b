"""``tezgah demo`` — the README's run command until the desktop app — on an empty data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.context import AppContext
from app.usecases.invoices import list_invoices


def test_demo_issues_signs_and_sends_to_the_simulator(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "demo"
    assert main(["--data-dir", str(data), "demo"]) == 0
    out = capsys.readouterr().out
    assert "TEST sertifikası" in out and "simülatörü" in out
    rows = {r["profile"]: r["status"] for r in list_invoices(AppContext(data))}
    assert rows == {"TICARIFATURA": "completed", "TEMELFATURA": "completed",
                    "EARSIVFATURA": "issued"}
    # A second run reports what is there instead of failing.
    assert main(["--data-dir", str(data), "demo"]) == 0
    assert "Demo zaten kurulu" in capsys.readouterr().out
