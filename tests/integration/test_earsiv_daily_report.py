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
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from app import clock, settings
from app.domain.status import Status
from app.gib.simulator import GibSimulator
from app.signing import TsaConfig, verify_document
from app.usecases import earsiv, sending
from app.usecases.cancellation import cancel_invoice
from app.usecases.invoices import show_invoice
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


@pytest.mark.slow  # long waits or a whole pipeline: left out of --fast, in every full run
def test_a_day_of_50_invoices_is_reported_signed_stamped_and_accepted(
        day, make_gib_simulator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ctx = day.ctx
    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    sim = make_gib_simulator()
    configure(ctx, sim)
    rows = {r.day: r for r in earsiv.report_days(ctx)}
    assert rows[DAY].invoices == 50 and rows[DAY].state == earsiv.NOT_BUILT
    assert rows[DAY].due == datetime(2026, 11, 28, 23, 59, 59, tzinfo=clock.ISTANBUL)
    # One of the day's invoices is cancelled that evening: reported as fatura AND faturaIptal.
    gone = day.issued[7]
    with clock.frozen_at(datetime(2026, 11, 27, 23, 30, tzinfo=clock.ISTANBUL)):
        cancel_invoice(ctx, gone.number, "Müşteri siparişten vazgeçti")
    assert {r.day: r for r in earsiv.report_days(ctx)}[DAY].cancellations == 1

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

    # The cancellation, as the oracle reads the cancelled invoice's signed XML.
    [iptal] = root.findall(EA + "faturaIptal")
    payable = etree.fromstring(gone.xml).findtext(
        "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
        "LegalMonetaryTotal/{urn:oasis:names:specification:ubl:schema:xsd:"
        "CommonBasicComponents-2}PayableAmount")
    assert iptal.findtext(EA + "faturaNo") == gone.number
    assert (iptal.findtext(EA + "iptalTarihi") or "").startswith("2026-11-27")
    assert Decimal(iptal.findtext(EA + "toplamTutar") or "") == Decimal(payable or "")

    # GİB accepted the report: its invoices are reported, the cancelled one stays İPTAL.
    statuses = {i.ettn: show_invoice(ctx, i.ettn)["status"] for i in day.issued}
    assert statuses.pop(gone.ettn) == Status.CANCELLED
    assert set(statuses.values()) == {Status.REPORTED}

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
         str(tmp_path / "tsa.pem"),
         # checked at the test's moment, not the computer's date (the certificates were made
         # under app.clock; the suite also runs with the machine's clock moved by faketime)
         "-attime", str(int(clock.now().timestamp()))],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Verification: OK" in done.stdout, done.stdout + done.stderr
    assert hashlib.sha256(data).digest()  # the imprint openssl compared is over these bytes


def test_report_days_and_an_unfinished_day(app_ctx) -> None:  # type: ignore[no-untyped-def]
    assert earsiv.report_days(app_ctx) == []
    with pytest.raises(Exception, match="bitmedi"):
        earsiv.prepare_report(app_ctx, clock.today(), None, None)  # type: ignore[arg-type]
    with pytest.raises(Exception, match="rapor gerekmiyor"):
        earsiv.prepare_report(app_ctx, date(2026, 11, 1), None, TsaConfig("http://127.0.0.1:9/"))


# ---------------------------------------------------------------- helpers for small days


def _issue_on(ctx, days: list[date], per_day: int = 1) -> None:  # type: ignore[no-untyped-def]
    """Issue ``per_day`` signed e-Arşiv invoices created on each of ``days``."""
    from datetime import timedelta

    from app.signing import open_signer, sign_invoice
    from tests.unit.test_earsiv_report import _draft, _issue

    moment = [datetime.combine(days[0], datetime.min.time(), clock.ISTANBUL)]
    clock.set_clock(lambda: moment[0])
    try:
        cfg = use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
        with open_signer(cfg, None) as signer:
            for d in days:
                for i in range(per_day):
                    kind, data = _draft(i)
                    at = datetime.combine(d, datetime.min.time(), clock.ISTANBUL) + timedelta(
                        hours=9, minutes=i)
                    _issue(ctx, lambda xml: sign_invoice(xml, signer),
                           {**data, "issue_date": d.isoformat()}, kind, at, moment)
    finally:
        clock.set_clock(None)


def _sync_process(data_dir: Path, url: str, failpoint: str | None = None):  # type: ignore[no-untyped-def]
    import os
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(root), os.environ.get("PYTHONPATH")) if p)}
    env.pop("TEZGAH_FAILPOINT", None)
    if failpoint:
        env["TEZGAH_FAILPOINT"] = failpoint
    return subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data_dir), "sync",
                             "--endpoint", url, "--timeout", "3"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_sync_killed_while_sending_reports_loses_and_duplicates_nothing(
        app_ctx, make_gib_simulator) -> None:  # type: ignore[no-untyped-def]
    import signal

    from app.outbox.failpoints import POINTS

    ctx = app_ctx
    days = [date(2026, 11, 10 + i) for i in range(len(POINTS) + 1)]
    _issue_on(ctx, days)
    sim = make_gib_simulator()
    configure(ctx, sim)
    prepared: dict[date, str] = {}
    with earsiv.company_signer(ctx, None) as signer:
        for d, point in zip(days, POINTS, strict=False):
            prepared[d] = earsiv.prepare_report(ctx, d, signer, earsiv.tsa_config(ctx)).rapor_no
            proc = _sync_process(ctx.data_dir, sim.url, point)
            proc.wait(timeout=120)
            assert proc.returncode == -signal.SIGKILL, (point, proc.stderr.read())
        # The answer to a send is lost: the resend of the same bytes is recognised (3020).
        last = days[-1]
        prepared[last] = earsiv.prepare_report(ctx, last, signer, earsiv.tsa_config(ctx)).rapor_no
        sim.faults.add("lose_response", operation="sendDocumentFile", times=1)
    final = _sync_process(ctx.data_dir, sim.url)
    _out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    rows = {r.day: r for r in earsiv.report_days(ctx)}
    assert {d: rows[d].state for d in days} == {d: earsiv.ACCEPTED for d in days}, rows
    assert sorted(received_reports(sim)) == sorted(prepared.values())
    import io
    import zipfile

    for d, rapor_no in prepared.items():
        with zipfile.ZipFile(io.BytesIO(sim.earsiv.state.report_zip(rapor_no))) as zf:
            assert zf.read(f"{rapor_no}.xml") == earsiv.stored_report(ctx, d)


def test_a_failed_report_is_resent_with_the_same_bytes_and_rebuilt_only_on_request(
        app_ctx, make_gib_simulator) -> None:  # type: ignore[no-untyped-def]
    ctx = app_ctx
    d = date(2026, 11, 20)
    _issue_on(ctx, [d], per_day=2)
    sim = make_gib_simulator()
    configure(ctx, sim)
    sim.faults.add("batch_failed", times=1, message="test")  # getBatchStatus: 90, failed
    with earsiv.company_signer(ctx, None) as signer:
        first = earsiv.prepare_report(ctx, d, signer, earsiv.tsa_config(ctx))
        sending.sync(ctx, earsiv_signer=signer, timeout=5, max_seconds=30)
        row = {r.day: r for r in earsiv.report_days(ctx)}[d]
        assert row.state == earsiv.STATE_FAILED and row.overdue, row
        # Sent again: the same stored bytes and raporNo (GİB recognises it: 3020).
        again = earsiv.prepare_report(ctx, d, signer, earsiv.tsa_config(ctx))
        assert again.resent and again.rapor_no == first.rapor_no and again.xml == first.xml
        sending.sync(ctx, earsiv_signer=signer, timeout=5, max_seconds=30)
        row = {r.day: r for r in earsiv.report_days(ctx)}[d]
        assert (row.state, row.rapor_no) == (earsiv.STATE_FAILED, first.rapor_no), row
        assert received_reports(sim) == [first.rapor_no]
        # Rebuilt only when asked: a new raporNo, accepted.
        rebuilt = earsiv.prepare_report(ctx, d, signer, earsiv.tsa_config(ctx), rebuild=True)
        assert rebuilt.rapor_no != first.rapor_no and not rebuilt.already
        sending.sync(ctx, earsiv_signer=signer, timeout=5, max_seconds=30)
        with pytest.raises(Exception, match="yalnız reddedilen"):
            earsiv.prepare_report(ctx, d, signer, earsiv.tsa_config(ctx), rebuild=True)
    row = {r.day: r for r in earsiv.report_days(ctx)}[d]
    assert (row.state, row.rapor_no) == (earsiv.ACCEPTED, rebuilt.rapor_no)
    assert sorted(received_reports(sim)) == sorted([first.rapor_no, rebuilt.rapor_no])


def test_without_a_signer_the_report_waits_with_the_reason(app_ctx, make_gib_simulator) -> None:  # type: ignore[no-untyped-def]
    from app.signing import create_test_certificate

    ctx = app_ctx
    d = date(2026, 11, 21)
    _issue_on(ctx, [d])
    sim = make_gib_simulator()
    configure(ctx, sim)
    with earsiv.company_signer(ctx, None) as signer:
        earsiv.prepare_report(ctx, d, signer, earsiv.tsa_config(ctx))
    # From now on the company signs with a card: nothing opens it without a PIN.
    from app.signing import SignerConfig, save_signer_config

    other = create_test_certificate(ctx.data_dir / "elsewhere", COMPANY["vkn_tckn"], "x")
    save_signer_config(ctx.data_dir, SignerConfig(kind="pkcs12", pkcs12_path=str(
        Path(other.pkcs12_path).with_name("kart.p12"))))
    Path(other.pkcs12_path).rename(Path(other.pkcs12_path).with_name("kart.p12"))
    sending.sync(ctx, endpoint_url=sim.url, once=True, timeout=5)
    from app.usecases.sync import outbox_rows

    assert any(r["problem"] == earsiv.NO_SIGNER_REASON for r in outbox_rows(ctx))
    assert received_reports(sim) == []


def _cli(data_dir: Path, *args: str, env_extra: dict | None = None):  # type: ignore[no-untyped-def]
    import os
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(root), os.environ.get("PYTHONPATH")) if p), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=300)


def test_cli_report_out_without_tsa_and_status_json(app_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    ctx = app_ctx
    d = date(2026, 11, 22)
    _issue_on(ctx, [d], per_day=2)
    out = tmp_path / "rapor.xml"
    done = _cli(ctx.data_dir, "earsiv", "report", "--date", d.isoformat(), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "zaman damgası eksik" in done.stdout and "TSA" in done.stdout, done.stdout
    result = verify_document(out.read_bytes())
    assert result.intact and result.level == "BES", result.problems
    assert etree.fromstring(out.read_bytes()).find(EA + "baslik")[-1].tag == f"{{{DS}}}Signature"
    done = _cli(ctx.data_dir, "earsiv", "report", "--date", d.isoformat(), "--send")
    assert done.returncode != 0 and "zaman damgası" in (done.stderr + done.stdout).lower()
    done = _cli(ctx.data_dir, "earsiv", "status", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows == [{"day": "2026-11-22", "due": "2026-11-23T23:59:59+03:00", "invoices": 2,
                     "cancellations": 0, "state": "not-built", "state_name": "Hazırlanmadı",
                     "rapor_no": None, "message": "", "overdue": True}]
