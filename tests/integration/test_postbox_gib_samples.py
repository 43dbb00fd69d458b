"""GİB's own sample documents arriving at the posta kutusu: every envelope of
``e-FaturaPaketi/xml`` through the door of a running service and through processing (each
gets its verdict, none crashes anything), every invoice of the UBL-TR 1.2.1 package received
(signed by its seller's test certificate) and readable, and GİB's signed samples verified
where their signatures hold."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.gib.client import EFaturaClient
from app.gib.envelope import EnvelopeParty, build_envelope, parse_envelope
from app.gib.package import zip_envelope
from app.postbox.processing import Checks, examine
from app.postbox.service import PostboxConfig, PostboxServer
from app.signing import create_test_certificate, open_signer, sign_invoice, verify_document
from app.ubl.parse import parse_invoice
from app.ubl.validate import get_validator
from tests.fixtures.token import demo_trust

# slow: whole exchanges over HTTP (every full run keeps them; the edit loop skips them)
pytestmark = [pytest.mark.needs_http, pytest.mark.slow]

# GİB's e-FaturaPaketi envelopes are of the UBL 2.0 era (TypeVersion 1.0; UBL 2.1 envelopes
# carry 1.2, Ek-1 §3.1.3): refused with 1143, except the SYSTEMENVELOPEs, which are never
# answered (their statuses are read all the same).
# Intact signatures among GİB's samples (the invoices were edited after signing; their
# DigestValue no longer matches): the user-list and storage-user envelopes and the IADE answer.
INTACT = {"4_KULLANICI_ACMA.xml", "4_KULLANICI_ACMA_ZARF.xml", "5_KULLANICI_SILME.xml",
          "5_KULLANICI_SILME_ZARF.xml", "7_UYGULAMA_YANITI_IADE_ZARF.xml",
          "8_FATURA_SAKLAMA_KULLANICI_ACMA.xml", "8_FATURA_SAKLAMA_KULLANICI_ACMA_ZARF.xml",
          "9_FATURA_SAKLAMA_KULLANICI_SILME.xml", "9_FATURA_SAKLAMA_KULLANICI_SILME_ZARF.xml"}


@pytest.fixture
def door(tmp_path: Path, gib_unpacked: Path) -> Iterator[PostboxServer]:
    server = PostboxServer(PostboxConfig(data_dir=tmp_path / "pk")).start()
    yield server
    server.stop()


def _envelopes(efatura_samples_dir: Path) -> list[Path]:
    return sorted(p for p in efatura_samples_dir.glob("*.xml")
                  if b"<sh:StandardBusinessDocument" in p.read_bytes()[:2000])


def test_gib_sample_envelopes_are_taken_and_judged(door: PostboxServer, efatura_samples_dir: Path,
                                                   installed_rules_dir: Path) -> None:
    checks = Checks(get_validator(installed_rules_dir), verify_document)
    paths = _envelopes(efatura_samples_dir)
    assert len(paths) >= 15
    client = EFaturaClient(door.url, timeout=30)
    for path in paths:
        xml = path.read_bytes()
        header = parse_envelope(xml)
        ident = header.instance_identifier or ""
        data, md5 = zip_envelope(xml, ident)
        assert client.send_document(f"{ident}.zip", data, md5).hash == md5, path.name
        examined = examine(ident, data, checks=checks,
                           company_vkn_tckn=header.receiver.vkn_tckn if header.receiver else "",
                           aliases=[header.receiver.alias] if header.receiver else [])
        if header.type == "SYSTEMENVELOPE":
            assert examined.code is None, path.name  # never answered
            assert len(examined.documents) == 1
            assert "TypeVersion '1.0'" in examined.description
        else:
            assert examined.code == 1143, (path.name, examined.description)
    assert door.service.spool.pending_count() == len(paths)


def test_gib_signed_samples_verify_where_their_signatures_hold(efatura_samples_dir: Path) -> None:
    seen = set()
    for path in sorted(efatura_samples_dir.glob("*.xml")):
        if path.name == "7_UYGULAMA_YANITI_IADE.xml":  # not well-formed XML in GİB's package
            continue
        results = [verify_document(path.read_bytes())]
        if not results[0].signature_found:
            continue
        seen.add(path.name)
        result = results[0]
        assert result.intact is (path.name in INTACT), (path.name, result.problems)
        assert result.signer_vkn_tckn == "9999999999"
        assert not result.valid  # GİB's test root is not one of our anchors
    assert seen >= INTACT


_SUPPLIER = re.compile(rb"<cac:AccountingSupplierParty>.*?</cac:AccountingSupplierParty>", re.S)
_CUSTOMER = re.compile(rb"<cac:AccountingCustomerParty>.*?</cac:AccountingCustomerParty>", re.S)


def _party_id(block: bytes) -> str:
    match = re.search(rb'<cbc:ID schemeID="(?:VKN|TCKN)">\s*([0-9]{10,11})\s*</cbc:ID>', block)
    return match.group(1).decode() if match else ""


def _invoice_samples(ubl_samples_dir: Path) -> list[Path]:
    out = []
    for path in sorted(ubl_samples_dir.glob("*.xml")):
        head = path.read_bytes()[:4000]
        if b"<Invoice" in head and b"EARSIVFATURA" not in path.read_bytes():
            out.append(path)
    return out


def test_ubl_tr_121_invoices_are_received_and_read(tmp_path: Path, ubl_samples_dir: Path,
                                                   installed_rules_dir: Path) -> None:
    """Every e-Fatura invoice sample of the UBL-TR 1.2.1 package, signed by a test certificate
    of its own seller, arrives at its buyer's posta kutusu: the verdict is 1200 or the 11xx of
    GİB's current rules (reported with the rule), and the accepted ones are read."""
    validator = get_validator(installed_rules_dir)
    samples = _invoice_samples(ubl_samples_dir)
    assert len(samples) >= 10
    verdicts: dict[str, int | None] = {}
    for n, path in enumerate(samples):
        data = path.read_bytes()
        data = re.sub(rb"<\?xml-stylesheet[^>]*\?>\s*", b"", data)
        data = re.sub(rb"<ext:ExtensionContent>.*?</ext:ExtensionContent>",
                      b"<ext:ExtensionContent></ext:ExtensionContent>", data, flags=re.S)
        supplier = _party_id(_SUPPLIER.search(data).group(0))  # type: ignore[union-attr]
        customer = _party_id(_CUSTOMER.search(data).group(0))  # type: ignore[union-attr]
        if not (supplier and customer):
            verdicts[path.name] = None
            continue
        signer_dir = tmp_path / f"seller-{n}"
        cfg = create_test_certificate(signer_dir, supplier, "Örnek Satıcı")
        with open_signer(cfg) as signer:
            signed = sign_invoice(data, signer)
        trust = demo_trust(signer_dir)
        checks = Checks(validator, lambda doc, trust=trust: verify_document(doc, trust=trust))
        ident = f"{n:08d}-0000-4000-8000-000000000000"
        envelope = build_envelope(
            [signed], sender=EnvelopeParty(supplier, "urn:mail:defaultgb@satici.invalid"),
            receiver=EnvelopeParty(customer, "urn:mail:defaultpk@alici.invalid"),
            envelope_uuid=ident, created=clock.local_now())
        zipped, _ = zip_envelope(envelope, ident)
        examined = examine(ident, zipped, checks=checks, company_vkn_tckn=customer,
                           aliases=["urn:mail:defaultpk@alici.invalid"])
        verdicts[path.name] = examined.code
        assert examined.code in (1200, 1150, 1160), (path.name, examined.description)
        if examined.code == 1200:
            (doc,) = examined.documents
            assert doc.signature["intact"] and doc.signature["valid"], doc.signature
            assert doc.content in signed  # byte-exact, as signed
            parsed = parse_invoice(doc.content)
            assert parsed.supplier.vkn_tckn == supplier
    # ISTISNA-1.xml and OTV.xml: a 9-digit VKN in GİB's own samples
    assert [k for k, v in verdicts.items() if v is None] == ["ISTISNA-1.xml", "OTV.xml"]
    # GİB's current schematron refuses some of its own older samples (unitCode missing, an
    # IADE under TICARIFATURA, no exchange rate, an old number format): 1150, as it should.
    refused = {k for k, v in verdicts.items() if v == 1150}
    assert refused == {"HASTANE.xml", "ISTISNA-2.xml", "IadeFaturasiOrnegi.xml",
                       "OZELMATRAH.xml", "TEVKIFAT.xml", "TemelFaturaOrnegi.xml"}, verdicts
    accepted = [k for k, v in verdicts.items() if v == 1200]
    assert len(accepted) == len(samples) - len(refused) - 2, verdicts

