"""Import verifies the signature (issue 15, item 4): a received invoice is archived with its
verdict whatever it is (the file is evidence), the verdict is shown, and ``tezgah import``
exits 1 when the signature is not valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.cli import main
from app.context import AppContext
from app.paths import signer_dir
from app.signing import TEST_CA_FILE, create_test_certificate, open_signer, sign_invoice
from app.ubl.parse import parse_invoice
from app.usecases import trust
from app.usecases.importing import import_invoice_xml
from app.usecases.invoices import invoice_xml, list_invoices, show_invoice
from tests.fixtures.app import make_context


@pytest.fixture(scope="module")
def supplier_signer(tmp_path_factory: pytest.TempPathFactory, unsigned_invoice: bytes):
    """(SignerConfig, its test CA's certificate file) of a certificate of the invoice's
    supplier (a signature by anyone else is not the supplier's)."""
    supplier = parse_invoice(unsigned_invoice).supplier
    d = tmp_path_factory.mktemp("supplier")
    cfg = create_test_certificate(d, supplier.vkn_tckn, supplier.display_name)
    return cfg, signer_dir(d) / TEST_CA_FILE


@pytest.fixture(scope="module")
def signed(supplier_signer, unsigned_invoice: bytes) -> bytes:
    cfg, _ca = supplier_signer
    with open_signer(cfg, None) as s:
        return sign_invoice(unsigned_invoice, s)


@pytest.fixture
def app_ctx(app_ctx: AppContext, supplier_signer) -> AppContext:
    """The receiving company trusts the supplier's certificate authority."""
    trust.add(app_ctx.data_dir, supplier_signer[1])
    return app_ctx


def altered(signed: bytes) -> bytes:
    """The payable amount changed after signing (29755.47 → 99755.47)."""
    m = re.search(rb'(<cbc:PayableAmount currencyID="TRY">)(\d)', signed)
    assert m and m.group(2) != b"9"
    return signed[: m.start(2)] + b"9" + signed[m.end(2):]


def test_a_validly_signed_invoice_is_archived_as_valid(app_ctx: AppContext, signed: bytes) -> None:
    result = import_invoice_xml(app_ctx, signed)
    assert result["signature_valid"] is True and result["signature_problems"] == [], result["signature_problems"]
    assert result["signature_verdict"].startswith("İmza geçerli")
    shown = show_invoice(app_ctx, result["ettn"])
    assert shown["signature_valid"] is True
    assert shown["signature_verdict"].startswith("İmza geçerli")


def test_an_altered_signed_invoice_is_kept_as_evidence_with_its_verdict(
        app_ctx: AppContext, signed: bytes) -> None:
    bad = altered(signed)
    result = import_invoice_xml(app_ctx, bad)
    assert result["signature_valid"] is False
    assert any("DigestValue" in p for p in result["signature_problems"])
    assert result["signature_verdict"].startswith("İMZA GEÇERSİZ: ")
    assert invoice_xml(app_ctx, result["ettn"]) == bad  # archived byte for byte
    shown = show_invoice(app_ctx, result["ettn"])
    assert shown["signature_valid"] is False
    assert shown["signature_verdict"] == result["signature_verdict"]
    assert shown["data"]["signature"]["problems"] == result["signature_problems"]
    assert any(e["kind"] == "signature-invalid" for e in shown["events"])
    [row] = list_invoices(app_ctx)
    assert row["signature_valid"] is False


def test_a_signature_from_an_untrusted_authority_is_archived_as_not_valid(
        tmp_path: Path, installed_rules_dir: Path, signed: bytes) -> None:
    stranger = make_context(tmp_path / "stranger", installed_rules_dir)  # trusts no one
    result = import_invoice_xml(stranger, signed)
    assert result["signature_valid"] is False and result["signature_problems"]
    assert result["signature_verdict"].startswith("İMZA GEÇERSİZ: ")


def test_an_unsigned_invoice_is_archived_as_not_valid(
        app_ctx: AppContext, ubl_samples_dir: Path) -> None:
    result = import_invoice_xml(app_ctx, (ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes())
    assert result["signature_valid"] is False and not result["signed"]
    assert "ds:Signature" in result["signature_verdict"]


def test_the_command_exits_1_and_says_why_when_the_signature_is_not_valid(
        capsys: pytest.CaptureFixture[str], app_ctx: AppContext, signed: bytes,
        tmp_path: Path) -> None:
    d = str(app_ctx.data_dir)
    good, bad = tmp_path / "good.xml", tmp_path / "bad.xml"
    good.write_bytes(signed)
    bad.write_bytes(altered(signed))
    assert main(["--data-dir", d, "import", str(good)]) == 0
    out, _err = capsys.readouterr()
    assert "İçe alındı" in out and "İmza geçerli" in out
    assert main(["--data-dir", d, "import", str(bad), "--json"]) == 1
    out, _err = capsys.readouterr()
    result = json.loads(out)
    assert result["signature_valid"] is False and result["ettn"]
    bad.write_bytes(altered(signed).replace(b"<cbc:Note>", b"<cbc:Note>!", 1))
    assert main(["--data-dir", d, "import", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert "İçe alındı" in out  # archived all the same
    assert "İMZA GEÇERSİZ" in out + err
