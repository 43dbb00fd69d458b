from __future__ import annotations

import pytest

from app.cli import main


def test_help_is_turkish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "e-Fatura" in capsys.readouterr().out
