"""``tezgah signer configure`` + ``tezgah invoice issue`` on a SoftHSM token: a wrong PIN
signs nothing and burns no number; the right PIN issues a signature xmlsec1 accepts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.context import AppContext
from app.usecases.invoices import show_invoice
from tests.fixtures.app import invoice_json, make_context


def test_issue_signs_on_the_token_with_the_pin_from_the_environment(
        tmp_path: Path, installed_rules_dir: Path, fresh_token, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        capsys: pytest.CaptureFixture[str]) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    d = str(ctx.data_dir)
    assert main(["--data-dir", d, "signer", "configure", "--pkcs11", "--module",
                 fresh_token.module, "--token-label", fresh_token.label]) == 0
    draft = tmp_path / "i.json"
    draft.write_text(json.dumps(invoice_json(), ensure_ascii=False), encoding="utf-8")
    assert main(["--data-dir", d, "invoice", "new", "--json", str(draft)]) == 0
    ettn = capsys.readouterr().out.strip().splitlines()[-1]

    monkeypatch.setenv("KART_PIN", "000000")
    assert main(["--data-dir", d, "invoice", "issue", ettn, "--pin-env", "KART_PIN"]) == 1
    err = capsys.readouterr().err
    assert "PIN" in err and "Traceback" not in err
    info = show_invoice(AppContext(ctx.data_dir), ettn)
    assert info["status"] == "draft" and info["number"] is None

    monkeypatch.setenv("KART_PIN", fresh_token.user_pin)
    assert main(["--data-dir", d, "invoice", "issue", ettn, "--pin-env", "KART_PIN"]) == 0
    assert capsys.readouterr().out.strip() == "ABC2026000000001"
    out = tmp_path / "signed.xml"
    assert main(["--data-dir", d, "invoice", "xml", ettn, "--out", str(out)]) == 0
    result = subprocess.run(["xmlsec1", "--verify", "--insecure", "--id-attr:Id",
                             "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # The card's issuer (a test CA here) and its CRL become trusted in the data folder.
    ca, crl = fresh_token.trust_files(tmp_path / "trust")
    assert main(["--data-dir", d, "trust", "add", str(ca)]) == 0
    assert main(["--data-dir", d, "trust", "add", str(crl)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "verify", str(out), "--json"]) == 0
    verified = json.loads(capsys.readouterr().out)
    assert verified["signer_vkn_tckn"] == "3880530121" and verified["valid"]
    # The e-Fatura is waiting for GİB now.
    assert show_invoice(AppContext(ctx.data_dir), ettn)["status"] == "queued"
