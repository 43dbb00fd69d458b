"""Tezgâh's verifier against GİB's own signed samples: proves the canonicalisation matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.signing import verify_all, verify_document
from app.trust import CHAIN_UNTRUSTED

USER_ACCOUNT_DOCS = [
    "4_KULLANICI_ACMA.xml",
    "5_KULLANICI_SILME.xml",
    "8_FATURA_SAKLAMA_KULLANICI_ACMA.xml",
    "9_FATURA_SAKLAMA_KULLANICI_SILME.xml",
]
# Edited by GİB after signing: the document digest must fail, everything else verify.
INVOICES = [
    "1_TEMEL_FATURA.xml",
    "2_TICARI_FATURA.xml",
    "3_TICARI_FATURA.xml",
    "6_TEMEL_FATURA_KDV_SIFIR.xml",
    "7_TEMEL_FATURA_IADE.xml",
]


@pytest.mark.parametrize("name", USER_ACCOUNT_DOCS)
@pytest.mark.parametrize("envelope", [False, True], ids=["document", "zarf"])
def test_user_account_documents_verify_completely(
    efatura_samples_dir: Path, name: str, envelope: bool
) -> None:
    if envelope:
        name = name.replace(".xml", "_ZARF.xml")
    r = verify_document((efatura_samples_dir / name).read_bytes())
    assert r.intact, r.problems
    assert r.gib_notes == []  # GİB's own shape
    # Every trust check but the chain passes: signed in 2013 inside the certificate's
    # 2010–2015 validity, digitalSignature, its VKN is the account owner's
    # (oa:Sender/oa:LogicalID). The issuing Mali Mühür ESHS root is not in GİB's package,
    # and with no anchor no chain is trusted, so the result is never "valid".
    assert r.trust is not None
    assert {c.name: c.status for c in r.trust.checks} == {
        "chain": "failed", "validity": "ok", "key_usage": "ok", "owner": "ok",
        "revocation": "unknown"}
    assert not r.valid and r.problems == [r.trust.problems[0]]
    assert r.problems[0].startswith(CHAIN_UNTRUSTED)
    assert (r.signature_value_ok, r.document_digest_ok, r.signed_properties_digest_ok,
            r.cert_digest_ok) == (True, True, True, True)
    assert r.signer_vkn_tckn == "9999999999"
    assert r.signer_name == "e-Fatura Deneme A.Ş."
    assert r.signing_time is not None and r.signing_time.year == 2013
    assert r.signing_time.utcoffset().total_seconds() == 3 * 3600


@pytest.mark.parametrize("name", INVOICES)
@pytest.mark.parametrize("envelope", [False, True], ids=["document", "zarf"])
def test_invoice_samples_fail_only_on_the_document_digest(
    efatura_samples_dir: Path, name: str, envelope: bool
) -> None:
    if envelope:
        name = name.replace(".xml", "_ZARF.xml")
    r = verify_document((efatura_samples_dir / name).read_bytes())
    assert not r.valid
    assert r.signature_value_ok
    assert r.signed_properties_digest_ok
    assert r.cert_digest_ok
    assert not r.document_digest_ok
    assert r.problems[0] == (
        "Belge imzalandıktan sonra değiştirilmiş: belge özeti (DigestValue) tutmuyor."
    )
    assert len(r.problems) == 2 and r.problems[1].startswith(CHAIN_UNTRUSTED)  # no anchor
    assert r.trust is not None and r.trust.status("owner") == "ok"  # supplier 9999999999
    assert r.document_type == "Invoice"


def test_unsigned_document_is_reported(ubl_samples_dir: Path) -> None:
    r = verify_document((ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes())
    assert not r.valid and not r.signature_found
    assert "ds:Signature" in r.problems[0]


def test_envelope_yields_one_result_per_document(efatura_samples_dir: Path) -> None:
    results = verify_all((efatura_samples_dir / "4_KULLANICI_ACMA_ZARF.xml").read_bytes())
    assert len(results) == 1 and results[0].intact
