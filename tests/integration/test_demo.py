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


def test_demo_has_its_own_folder_issues_and_syncs_to_the_simulator(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        installed_rules_dir: Path) -> None:
    """``bash scripts/run.sh`` without a screen runs ``tezgah demo``: it must not fill the
    user's data folder (the desktop app would then open into the demo company)."""
    import json

    from app.paths import demo_data_dir

    user = tmp_path / "user"
    monkeypatch.setenv("TEZGAH_DATA_DIR", str(user))
    monkeypatch.delenv("TEZGAH_DEMO_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    demo = demo_data_dir()
    assert demo == tmp_path / "xdg" / "Tezgah-Demo"
    demo.mkdir(parents=True)
    (demo / "rules").symlink_to(installed_rules_dir, target_is_directory=True)

    assert main(["demo"]) == 0
    assert f"--data-dir {demo}" in capsys.readouterr().out
    assert not (user / "tezgah.sqlite3").exists()
    assert (demo / "tezgah.sqlite3").exists()

    # issuing works right away (the demo saved the TEST signer) …
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({
        "profile": "TICARIFATURA", "type": "SATIS", "series": "TZG", "customer": "4700582260",
        "lines": [{"name": "Türk kahvesi 250 g", "quantity": "1", "unit": "C62",
                   "unit_price": "145.00", "kdv_rate": "1"}]}), encoding="utf-8")
    assert main(["--data-dir", str(demo), "invoice", "new", "--json", str(draft)]) == 0
    ettn = capsys.readouterr().out.strip()
    assert main(["--data-dir", str(demo), "invoice", "issue", ettn]) == 0
    capsys.readouterr()
    # … and sync in the demo folder goes to the in-process simulator, never to GİB
    from app import settings

    assert settings.read(AppContext(demo), settings.DEMO_FOLDER)
    assert main(["--data-dir", str(demo), "sync", "--max-wait", "60"]) == 0
    out = capsys.readouterr().out
    assert "tamamlanan: 1" in out, out
    status = {r["ettn"]: r["status"] for r in list_invoices(AppContext(demo))}
    assert status[ettn] == "completed"
