"""The phone page's keys and sessions: ``tezgah postbox phone new|list|revoke`` (the key
alone on the last line, kept only as a hash, typed loosely), the desktops' API tokens beside
them unchanged, the session store's expiry and the slow-down after wrong keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.cli import main
from app.postbox import tokens
from app.postbox.web import LoginThrottle, SessionStore

KEY = re.compile(r"[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}", re.ASCII)


def test_phone_new_prints_the_key_last_and_keeps_only_its_hash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "postbox", "phone", "new", "--name", "telefonum"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    key = out[-1]
    assert KEY.fullmatch(key), key
    assert any("/telefon/" in line for line in out[:-1])
    kept = tokens.tokens_file(data, tokens.PHONE).read_text(encoding="utf-8")
    assert key not in kept and key.replace("-", "") not in kept
    assert (tokens.tokens_file(data, tokens.PHONE).stat().st_mode & 0o777) == 0o600
    assert tokens.check(data, key, tokens.PHONE) == "telefonum"
    loose = " ".join(key.lower().replace("-", "").replace("0", "o").replace("1", "l"))
    assert tokens.check(data, loose, tokens.PHONE) == "telefonum"
    assert tokens.check(data, key[:-1] + ("0" if key[-1] != "0" else "1"), tokens.PHONE) is None
    # a phone key is no API token, and the other way round
    assert tokens.authorized(data, f"Bearer {key}") is None
    api = tokens.new_token(data, "kasa-1")
    assert tokens.check(data, api, tokens.PHONE) is None
    assert tokens.authorized(data, f"Bearer {api}") == "kasa-1"
    assert [r["name"] for r in json.loads(kept)] == ["telefonum"]

    assert main(["--data-dir", str(data), "postbox", "phone", "list"]) == 0
    assert capsys.readouterr().out.startswith("telefonum\t")
    assert main(["--data-dir", str(data), "postbox", "phone", "new", "--name", "telefonum"]) == 1
    assert "zaten var" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "postbox", "phone", "revoke", "telefonum"]) == 0
    assert tokens.check(data, key, tokens.PHONE) is None
    assert not tokens.exists(data, "telefonum", tokens.PHONE)
    assert tokens.authorized(data, f"Bearer {api}") == "kasa-1"


def test_sessions_end_at_expiry_logout_or_revocation() -> None:
    now = [1000.0]
    store = SessionStore(60.0, limit=3, clock=lambda: now[0])
    sid = store.create("telefonum")
    assert len(sid) >= 40
    assert store.valid(sid, lambda _name: True) == "telefonum"
    assert store.valid(sid + "x", lambda _name: True) is None
    assert store.valid(sid, lambda _name: False) is None  # the key was revoked
    assert store.valid(sid, lambda _name: True) is None  # and the session is gone
    sid = store.create("telefonum")
    now[0] += 61
    assert store.valid(sid, lambda _name: True) is None
    sid = store.create("telefonum")
    store.end(sid)
    assert store.valid(sid, lambda _name: True) is None
    first = store.create("a")
    for name in "bcd":
        store.create(name)
    assert store.valid(first, lambda _name: True) is None  # at most three; the oldest left


def test_wrong_keys_lock_the_address_out_doubling() -> None:
    now = [0.0]
    throttle = LoginThrottle(free=3, base=30.0, ceiling=100.0, clock=lambda: now[0])
    for _ in range(2):
        throttle.failed("10.0.0.5")
        assert throttle.wait_seconds("10.0.0.5") == 0
    throttle.failed("10.0.0.5")
    assert throttle.wait_seconds("10.0.0.5") == 30
    assert throttle.wait_seconds("10.0.0.6") == 0  # another address is not held
    now[0] += 30
    assert throttle.wait_seconds("10.0.0.5") == 0
    throttle.failed("10.0.0.5")
    assert throttle.wait_seconds("10.0.0.5") == 60
    now[0] += 60
    throttle.failed("10.0.0.5")
    assert throttle.wait_seconds("10.0.0.5") == 100  # the ceiling
    throttle.succeeded("10.0.0.5")
    assert throttle.wait_seconds("10.0.0.5") == 0
