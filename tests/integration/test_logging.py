"""``tezgah.log``: a send to the local GİB test simulator is logged with its endpoint, SOAP
action, HTTP status and envelope UUID, never with the PIN or the invoice; ``--verbose`` also
writes the log to stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import settings
from app.cli import main
from app.usecases.sending import invoice_status
from tests.fixtures.app import CUSTOMER, invoice_json
from tests.integration.sending import sending_context, user_list_file


def test_send_is_logged_without_pin_or_document(
        tmp_path: Path, installed_rules_dir: Path, fresh_token, make_gib_simulator,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = sending_context(tmp_path / "app", installed_rules_dir)
    d = str(ctx.data_dir)
    sim = make_gib_simulator(userlist_file=user_list_file(tmp_path / "users.xml"))
    assert main(["--data-dir", d, "signer", "configure", "--pkcs11", "--module",
                 fresh_token.module, "--token-label", fresh_token.label]) == 0
    draft = tmp_path / "i.json"
    draft.write_text(json.dumps(invoice_json(profile="TICARIFATURA",
                                             customer=CUSTOMER["vkn_tckn"]), ensure_ascii=False),
                     encoding="utf-8")
    assert main(["--data-dir", d, "invoice", "new", "--json", str(draft)]) == 0
    ettn = capsys.readouterr().out.strip().splitlines()[-1]
    monkeypatch.setenv("KART_PIN", fresh_token.user_pin)
    assert main(["--verbose", "--data-dir", d, "invoice", "issue", ettn,
                 "--pin-env", "KART_PIN"]) == 0
    issued = capsys.readouterr()
    assert "tezgah.signing" in issued.err and "C_Login" in issued.err  # --verbose: stderr too

    settings.write(ctx, settings.SYNC_POLL_SECONDS, 0.01)  # the status query is due at once
    assert main(["--data-dir", d, "sync", "--endpoint", sim.url, "--once"]) == 0
    quiet = capsys.readouterr()
    assert "tezgah.gib" not in quiet.err  # without --verbose the log goes to the file only
    envelope = invoice_status(ctx, ettn)["envelopes"][0]["uuid"]

    log = (ctx.data_dir / "tezgah.log").read_text(encoding="utf-8")
    send = [line for line in log.splitlines() if "sendDocument" in line]
    assert send, log
    assert sim.url in send[0] and "HTTP 200" in send[0] and envelope.lower() in send[0].lower()
    assert "tezgah.outbox" in log and "tezgah.signing" in log
    assert fresh_token.user_pin not in log and fresh_token.user_pin not in issued.err
    for body in ("<Invoice", "cbc:", "UBLVersionID", "Envelope>", CUSTOMER["name"]):
        assert body not in log, body

    # --verbose: the HTTP stack's DEBUG lines on stderr as well
    assert main(["--verbose", "--data-dir", d, "sync", "--endpoint", sim.url, "--once"]) == 0
    err = capsys.readouterr().err
    assert "DEBUG tezgah.http: POST " + sim.url in err
    assert "getApplicationResponse" in err and envelope.lower() in err.lower()
    assert fresh_token.user_pin not in err and "<Invoice" not in err
