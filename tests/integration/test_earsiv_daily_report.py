"""The daily e-Arşiv report end to end: a day of 50 e-Arşiv invoices issued the real way
(``tests.unit.test_earsiv_report``'s fixture) → built from the stored signed bytes, checked,
signed inside ``baslik``, time-stamped by the simulator's test TSA (XAdES-A), stored, queued
and sent through ``sending.sync`` to the simulator's EArsivWs over HTTP on 127.0.0.1 until
state 30. The report's signature verifies with ``verify_document``, its time-stamp with
``openssl ts -verify``, and every ``fatura`` matches its invoice (the report tests' oracle).
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import sqlite3
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from lxml import etree

from app import clock, settings
from app.gib.simulator import GibSimulator
from app.signing import TsaConfig, verify_document
from app.usecases import earsiv, sending
from app.usecases.signers import use_test_certificate
from app.usecases.trust import trust_store
from tests.fixtures.app import COMPANY
from tests.unit.test_earsiv_report import (  # noqa: F401  (``day``: the module fixture)
    DAY,
    EA,
    _compare,
    day,
    oracle_entry,
    report_entry,
)

pytestmark = pytest.mark.needs_http

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
NS = {"ds": DS, "xades": XADES, "ea": EA.strip("{}")}


def received_reports(sim: GibSimulator) -> list[str]:
    with sqlite3.connect(sim.config.data_dir / "earsiv-simulator.sqlite3") as conn:
        return [r[0] for r in conn.execute("SELECT rapor_no FROM report")]


def configure(ctx, sim: GibSimulator) -> None:  # type: ignore[no-untyped-def]
    settings.write(ctx, settings.EARSIV_ENDPOINT, sim.earsiv_url)
    settings.write(ctx, settings.TSA_URL, sim.tsa_url)
    settings.write(ctx, settings.SYNC_POLL_SECONDS, 0.05)
    settings.write(ctx, settings.SYNC_RETRY_SECONDS, 0.1)


def test_a_day_of_50_invoices_is_reported_signed_stamped_and_accepted(
        day, make_gib_simulator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ctx = day.ctx
    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    sim = make_gib_simulator()
    configure(ctx, sim)
    rows = {r.day: r for r in earsiv.report_days(ctx)}
    assert rows[DAY].invoices == 50 and rows[DAY].state == earsiv.NOT_BUILT
    assert rows[DAY].due == datetime(2026, 11, 28, 23, 59, 59, tzinfo=clock.ISTANBUL)

    with earsiv.company_signer(ctx, None) as signer:
        prepared = earsiv.prepare_report(ctx, DAY, signer, earsiv.tsa_config(ctx))
        assert prepared.stored and prepared.timestamped and prepared.level == "A"
        assert prepared.invoices == 50
        assert "Tezgâh" in prepared.checked_with  # no GİB e-Arşiv package installed
        # A day already reported is never built twice.
        again = earsiv.prepare_report(ctx, DAY, signer, earsiv.tsa_config(ctx))
        assert again.already and again.rapor_no == prepared.rapor_no
        assert again.xml == prepared.xml
    row = {r.day: r for r in earsiv.report_days(ctx)}[DAY]
    assert (row.state, row.rapor_no) == (earsiv.STATE_WAITING, prepared.rapor_no)

    report = sending.sync(ctx, timeout=10, max_seconds=60)  # the demo certificate: no PIN
    assert report.completed >= 1, report.messages
    row = {r.day: r for r in earsiv.report_days(ctx)}[DAY]
    assert row.state == earsiv.ACCEPTED and not row.overdue, row
    assert "30" in row.message
    assert received_reports(sim) == [prepared.rapor_no]

    # What GİB received is the stored report, byte for byte.
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(sim.earsiv.state.report_zip(prepared.rapor_no))) as zf:
        assert zf.read(f"{prepared.rapor_no}.xml") == prepared.xml == earsiv.stored_report(
            ctx, DAY)

    xml = prepared.xml
    root = etree.fromstring(xml)
    baslik = root.find(EA + "baslik")
    assert etree.QName(baslik[-1]).localname == "Signature" and baslik[-1].tag == f"{{{DS}}}Signature"
    refs = baslik[-1].findall("ds:SignedInfo/ds:Reference", NS)
    assert refs[0].get("URI") == "" and [t.get("Algorithm") for t in refs[0].iterfind(
        "ds:Transforms/ds:Transform", NS)] == ["http://www.w3.org/2000/09/xmldsig#enveloped-signature"]
    assert refs[1].get("Type") == "http://uri.etsi.org/01903#SignedProperties"

    # The signature verifies, trusted through the folder's demo CA and the simulator's TSA CA.
    ca = tmp_path / "tsa-ca.pem"
    ca.write_bytes(sim.tsa.ca_pem())
    result = verify_document(xml, trust=trust_store(ctx.data_dir, fetch_crls=False).with_files([ca]))
    assert result.intact, result.problems
    assert result.valid, result.problems
    assert result.level == "A" and result.signature_timestamp_ok and result.archive_timestamp_ok
    assert result.signer_vkn_tckn == COMPANY["vkn_tckn"]
    assert result.trust is not None and result.trust.document_owner == COMPANY["vkn_tckn"]

    # Every fatura is its invoice, as the oracle reads the signed invoices.
    faturas = root.findall(EA + "fatura")
    assert [f.findtext(EA + "faturaNo") for f in faturas] == [i.number for i in day.issued]
    for inv, fatura in zip(day.issued, faturas, strict=True):
        _compare(oracle_entry(inv.xml), report_entry(fatura))

    # The signature time-stamp, checked by openssl on its own.
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    sv = root.find(".//ds:SignatureValue", NS)
    data = etree.tostring(sv, method="c14n", exclusive=False, with_comments=False)
    token = base64.b64decode(root.xpath(
        "//xades:SignatureTimeStamp/xades:EncapsulatedTimeStamp/text()", namespaces=NS)[0])
    (tmp_path / "sv.xml").write_bytes(data)
    (tmp_path / "token.der").write_bytes(token)
    (tmp_path / "tsa.pem").write_bytes(sim.tsa.certificate_pem())
    done = subprocess.run(
        ["openssl", "ts", "-verify", "-data", str(tmp_path / "sv.xml"), "-in",
         str(tmp_path / "token.der"), "-token_in", "-CAfile", str(ca), "-untrusted",
         str(tmp_path / "tsa.pem")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Verification: OK" in done.stdout, done.stdout + done.stderr
    assert hashlib.sha256(data).digest()  # the imprint openssl compared is over these bytes


def test_report_days_and_an_unfinished_day(app_ctx) -> None:  # type: ignore[no-untyped-def]
    assert earsiv.report_days(app_ctx) == []
    with pytest.raises(Exception, match="bitmedi"):
        earsiv.prepare_report(app_ctx, clock.today(), None, None)  # type: ignore[arg-type]
    with pytest.raises(Exception, match="rapor gerekmiyor"):
        earsiv.prepare_report(app_ctx, date(2026, 11, 1), None, TsaConfig("http://127.0.0.1:9/"))
