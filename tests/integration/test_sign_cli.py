"""The signing commands end to end: token list, sign, verify, signer configure/test-certificate,
and issuing an invoice signed on the SoftHSM token (GİB XSD + schematron, xmlsec1)."""

from __future__ import annotations

import contextlib
import json
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID

from app.cli import main
from app.signing import load_signer_config, open_signer, sign_invoice, verify_document
from app.signing.backends.pkcs12 import stored_password
from app.signing.certinfo import MALI_MUHUR_EKU, describe
from app.ubl.validate import InvoiceValidator
from app.usecases.invoices import create_draft, invoice_xml, issue_invoice
from tests.fixtures.app import invoice_json, make_context
from tests.fixtures.token import SoftHsmToken, demo_trust

SP_ID_ATTR = "http://uri.etsi.org/01903/v1.3.2#:SignedProperties"


def xmlsec_ok(path: Path) -> bool:
    out = subprocess.run(
        ["xmlsec1", "--verify", "--insecure", "--id-attr:Id", SP_ID_ATTR, str(path)],
        capture_output=True, text=True,
    )
    return out.returncode == 0


def test_token_list(softhsm: SoftHsmToken, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "list", "--module", softhsm.module]) == 0
    out = capsys.readouterr().out
    assert f"Kart: '{softhsm.label}'" in out
    assert f"VKN/TCKN: {softhsm.vkn}" in out and f"VKN/TCKN: {softhsm.tckn}" in out
    assert "Tür: mali mühür" in out and "Tür: e-imza" in out
    assert "dolmuş" in out  # the expired certificate is flagged
    assert softhsm.user_pin not in out


def test_sign_and_verify_commands(
    softhsm: SoftHsmToken, unsigned_invoice: bytes, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    src, out = tmp_path / "in.xml", tmp_path / "out.xml"
    src.write_bytes(unsigned_invoice)
    monkeypatch.setenv("TEZGAH_TEST_PIN", softhsm.user_pin)
    rc = main(["sign", str(src), "--out", str(out), "--pkcs11", "--module", softhsm.module,
               "--token-label", softhsm.label, "--cert-id", "01", "--pin-env", "TEZGAH_TEST_PIN",
               "--vkn-tckn", softhsm.vkn])
    assert rc == 0
    assert xmlsec_ok(out)
    capsys.readouterr()
    ca, crl = softhsm.trust_files(tmp_path / "trust")
    trusted = ["--data-dir", str(tmp_path / "data"), "verify", "--trust", str(ca), "--crl", str(crl)]
    assert main([*trusted, str(out)]) == 0
    assert "SONUÇ: İMZA GEÇERLİ" in capsys.readouterr().out
    assert main([*trusted, str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["valid"] and result["signer_vkn_tckn"] == softhsm.vkn
    assert result["trust"]["chain_trusted"] and result["trust"]["revocation_checked"]
    bad = tmp_path / "bad.xml"
    bad.write_bytes(out.read_bytes().replace(b"<cbc:LineExtensionAmount currencyID=\"TRY\">",
                                             b"<cbc:LineExtensionAmount currencyID=\"TRY\">9", 1))
    assert main([*trusted, str(bad), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert not result["valid"] and not result["document_digest_ok"]


def test_sign_with_wrong_pin_writes_nothing(
    fresh_token: SoftHsmToken, unsigned_invoice: bytes, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    src, out = tmp_path / "in.xml", tmp_path / "out.xml"
    src.write_bytes(unsigned_invoice)
    monkeypatch.setenv("TEZGAH_TEST_PIN", "975312")
    rc = main(["sign", str(src), "--out", str(out), "--pkcs11", "--module", fresh_token.module,
               "--token-label", fresh_token.label, "--pin-env", "TEZGAH_TEST_PIN"])
    assert rc == 1
    err = capsys.readouterr().err
    assert err.startswith("Hata: PIN yanlış (TEZGAH_TEST_PIN") and "İmza atılmadı" in err
    assert "975312" not in err
    assert not out.exists()


def test_sign_with_pkcs12_file(
    demo_signer, unsigned_invoice: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _d, cfg = demo_signer
    src, out = tmp_path / "in.xml", tmp_path / "out.xml"
    src.write_bytes(unsigned_invoice)
    monkeypatch.setenv("P12_PW", "yanlış-parola")
    assert main(["sign", str(src), "--out", str(out), "--pkcs12", cfg.pkcs12_path,
                 "--password-env", "P12_PW"]) == 1
    assert "parolası yanlış" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("P12_PW", stored_password(Path(cfg.pkcs12_path)))
    assert main(["sign", str(src), "--out", str(out), "--pkcs12", cfg.pkcs12_path,
                 "--password-env", "P12_PW"]) == 0
    assert "TEST SERTİFİKASI" in capsys.readouterr().out
    assert verify_document(out.read_bytes(), trust=demo_trust(_d)).valid
    # The demo certificate's own password (kept beside it) is used when none is given.
    out.unlink()
    assert main(["sign", str(src), "--out", str(out), "--pkcs12", cfg.pkcs12_path]) == 0
    assert verify_document(out.read_bytes(), trust=demo_trust(_d)).valid


def test_signer_configure_keeps_no_secret(softhsm: SoftHsmToken, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "signer", "configure", "--pkcs11", "--module",
                 softhsm.module, "--token-label", softhsm.label, "--cert-id", "01"]) == 0
    cfg = load_signer_config(data)
    assert cfg == softhsm.config("mali_muhur")
    stored = (data / "signer" / "signer.json").read_text(encoding="utf-8")
    assert softhsm.user_pin not in stored and "pin" not in json.loads(stored)
    assert main(["--data-dir", str(data), "signer", "configure", "--pkcs11", "--module",
                 str(tmp_path / "yok.so")]) == 1


@pytest.mark.parametrize(("number", "kind"), [("3880530121", "mali_muhur"), ("10000000146", "e_imza")])
def test_test_certificate_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str, kind: str
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "signer", "test-certificate", "--vkn-tckn", number,
                 "--name", "Deneme Ticaret"]) == 0
    assert "TEST sertifikası" in capsys.readouterr().out
    cfg = load_signer_config(data)
    assert cfg is not None and cfg.kind == "pkcs12"
    p12 = Path(cfg.pkcs12_path)
    assert p12.exists() and stored_password(p12)
    with open_signer(cfg, None, expected_vkn_tckn=number) as signer:
        assert signer.is_test
        cert = signer.certificate
    info = describe(cert)
    assert info.kind == kind and info.vkn_tckn == number
    assert "TEST" in cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    ekus: list[str] = []
    with contextlib.suppress(x509.ExtensionNotFound):
        ekus = [o.dotted_string for o in cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value]
    assert (MALI_MUHUR_EKU in ekus) == (kind == "mali_muhur")


def test_test_certificate_needs_company_or_options(
    tmp_path: Path, installed_rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    assert main(["--data-dir", str(empty), "signer", "test-certificate"]) == 1
    assert "--vkn-tckn" in capsys.readouterr().err
    ctx = make_context(tmp_path / "company", installed_rules_dir)
    assert main(["--data-dir", str(ctx.data_dir), "signer", "test-certificate"]) == 0
    cfg = load_signer_config(ctx.data_dir)
    with open_signer(cfg, None) as signer:
        assert describe(signer.certificate).vkn_tckn == "3880530121"


def test_issued_invoice_signed_on_the_token_passes_gib_rules(
    softhsm: SoftHsmToken, tmp_path: Path, installed_rules_dir: Path,
) -> None:
    ctx = make_context(tmp_path / "issue", installed_rules_dir)
    with open_signer(softhsm.config(None), softhsm.user_pin, expected_vkn_tckn=softhsm.vkn) as signer:
        ettns = [create_draft(ctx, invoice_json()), create_draft(ctx, invoice_json(profile="TICARIFATURA"))]
        for ettn in ettns:
            issue_invoice(ctx, ettn, sign=lambda xml: sign_invoice(xml, signer))
    validator = InvoiceValidator(installed_rules_dir)
    for ettn in ettns:
        xml = invoice_xml(ctx, ettn)
        report = validator.validate(xml)
        assert report.ok, report.problems  # XSD + schematron: zero failed asserts
        r = verify_document(xml, trust=softhsm.trust())
        assert r.valid and r.signer_vkn_tckn == softhsm.vkn
        path = tmp_path / f"{ettn}.xml"
        path.write_bytes(xml)
        assert xmlsec_ok(path)


def test_invoice_issue_command_with_configured_token(
    softhsm: SoftHsmToken, tmp_path: Path, installed_rules_dir: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    ctx = make_context(tmp_path / "cli-issue", installed_rules_dir)
    d = str(ctx.data_dir)
    assert main(["--data-dir", d, "signer", "configure", "--pkcs11", "--module", softhsm.module,
                 "--token-label", softhsm.label]) == 0
    ettn = create_draft(ctx, invoice_json())
    monkeypatch.setenv("KART_PIN", softhsm.user_pin)
    capsys.readouterr()
    assert main(["--data-dir", d, "invoice", "issue", ettn, "--pin-env", "KART_PIN"]) == 0
    xml = invoice_xml(ctx, ettn)
    r = verify_document(xml, trust=softhsm.trust())
    assert r.valid and r.signer_vkn_tckn == softhsm.vkn
    # The certificate was picked by the company's VKN: the valid RSA mali mühür.
    assert r.signer_name == softhsm.certificates["mali_muhur"].subject.get_attributes_for_oid(
        NameOID.COMMON_NAME)[0].value
