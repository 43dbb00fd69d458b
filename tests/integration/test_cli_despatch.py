"""``tezgah despatch …`` round trip: a draft from the JSON, issued on the SoftHSM token with
the PIN from the environment (a wrong PIN burns no number), the signed DespatchAdvice written
out passes ``tezgah validate``, xmlsec1 and ``tezgah verify``; show, list, html, pdf and a
draft from an invoice."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.context import AppContext
from app.usecases.despatches import show_despatch
from tests.fixtures.app import invoice_json, make_context

EXAMPLE = (Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch"
           / "TEMELIRSALIYE-SEVK.json")


def _draft(tmp_path: Path) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del data["series"]
    path = tmp_path / "irsaliye.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_despatch_issued_on_the_token_validates_and_verifies(
        tmp_path: Path, installed_rules_dir: Path, fresh_token,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    d = str(ctx.data_dir)
    assert main(["--data-dir", d, "signer", "configure", "--pkcs11", "--module",
                 fresh_token.module, "--token-label", fresh_token.label]) == 0
    assert main(["--data-dir", d, "despatch", "new", "--json", str(_draft(tmp_path))]) == 0
    ettn = capsys.readouterr().out.strip().splitlines()[-1]

    monkeypatch.setenv("KART_PIN", "000000")
    assert main(["--data-dir", d, "despatch", "issue", ettn, "--pin-env", "KART_PIN"]) == 1
    err = capsys.readouterr().err
    assert "PIN" in err and "Traceback" not in err
    assert show_despatch(AppContext(ctx.data_dir), ettn)["status"] == "draft"

    monkeypatch.setenv("KART_PIN", fresh_token.user_pin)
    assert main(["--data-dir", d, "despatch", "issue", ettn, "--pin-env", "KART_PIN"]) == 0
    assert capsys.readouterr().out.strip() == "IRS2026000000001"
    out = tmp_path / "irsaliye.xml"
    assert main(["--data-dir", d, "despatch", "xml", "IRS2026000000001", "--out",
                 str(out)]) == 0
    assert b"<DespatchAdvice" in out.read_bytes()
    assert main(["--data-dir", d, "validate", str(out)]) == 0
    result = subprocess.run(["xmlsec1", "--verify", "--insecure", "--id-attr:Id",
                             "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    ca, crl = fresh_token.trust_files(tmp_path / "trust")
    assert main(["--data-dir", d, "trust", "add", str(ca)]) == 0
    assert main(["--data-dir", d, "trust", "add", str(crl)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "verify", str(out), "--json"]) == 0
    verified = json.loads(capsys.readouterr().out)
    assert verified["signer_vkn_tckn"] == "3880530121" and verified["valid"]
    # the signed document is what the archive chain holds
    assert main(["--data-dir", d, "archive", "verify"]) == 0


def test_despatch_commands_round_trip(tmp_path: Path, installed_rules_dir: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    d = str(ctx.data_dir)
    assert main(["--data-dir", d, "despatch", "list"]) == 0
    assert "İrsaliye yok." in capsys.readouterr().out
    assert main(["--data-dir", d, "despatch", "new", "--json", str(_draft(tmp_path))]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["--data-dir", d, "despatch", "new", "--json", str(_draft(tmp_path))]) == 0
    second = capsys.readouterr().out.strip()
    assert main(["--data-dir", d, "despatch", "xml", first, "--out",
                 str(tmp_path / "x.xml")]) == 1
    assert "henüz kesilmedi" in capsys.readouterr().err
    assert main(["--data-dir", d, "despatch", "issue", first, second, "--no-sign"]) == 0
    assert capsys.readouterr().out.split() == ["IRS2026000000001", "IRS2026000000002"]

    assert main(["--data-dir", d, "despatch", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["number"], r["status"]) for r in rows} == {
        ("IRS2026000000001", "issued"), ("IRS2026000000002", "issued")}
    assert main(["--data-dir", d, "despatch", "show", "IRS2026000000002"]) == 0
    shown = capsys.readouterr().out
    assert "IRS2026000000002  Kesildi" in shown and "Çağlayan" in shown
    assert main(["--data-dir", d, "despatch", "show", second, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ettn"] == second
    assert main(["--data-dir", d, "despatch", "delete", first]) == 1
    assert "silinemez" in capsys.readouterr().err

    html = tmp_path / "irsaliye.html"
    assert main(["--data-dir", d, "despatch", "html", first, "--out", str(html)]) == 0
    assert "IRS2026000000001" in html.read_text(encoding="utf-8")
    pdf = tmp_path / "irsaliye.pdf"
    assert main(["--data-dir", d, "despatch", "pdf", first, "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    capsys.readouterr()

    # a despatch draft from an invoice draft
    inv = tmp_path / "fatura.json"
    inv.write_text(json.dumps(invoice_json(), ensure_ascii=False), encoding="utf-8")
    assert main(["--data-dir", d, "invoice", "new", "--json", str(inv)]) == 0
    invoice = capsys.readouterr().out.strip()
    prefilled = tmp_path / "hazir.json"
    assert main(["--data-dir", d, "despatch", "from-invoice", invoice, "--out",
                 str(prefilled)]) == 0
    assert json.loads(prefilled.read_text(encoding="utf-8"))["shipment"] == {}
    shipment = tmp_path / "tasima.json"
    shipment.write_text(json.dumps(json.loads(EXAMPLE.read_text(encoding="utf-8"))["shipment"],
                                   ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", d, "despatch", "from-invoice", invoice, "--shipment",
                 str(shipment)]) == 0
    ettn = capsys.readouterr().out.strip()
    assert show_despatch(AppContext(ctx.data_dir), ettn)["status"] == "draft"
