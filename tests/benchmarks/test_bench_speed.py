"""The speed table of docs/performance.md ("Speed", issue 16): whole commands as a user runs
them and the size of what Tezgâh writes, each beside a reference measured in the same run.

- processes (10 runs each, min and median of the wall time): ``python -c pass``, ``tezgah
  --help``, ``tezgah sign`` of one 10-line invoice with the demo PKCS#12 certificate,
  ``tezgah pdf`` of the signed invoice, and ``xmlsec1 --sign`` of a one-element document with
  the same certificate;
- sizes: the signed 10-line invoice, the embedded stylesheet, and the zip of an envelope of 100
  such invoices (``app.gib.package.zip_envelope``, as sent).

Run with ``bash scripts/benchmark.sh -k speed -s``; the figures are printed, never asserted.
"""

from __future__ import annotations

import base64
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from app.db import blobs
from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.gib.envelope import EnvelopeParty, build_envelope
from app.gib.package import zip_envelope
from app.signing import create_test_certificate, open_signer, sign_invoice
from app.signing.backends.pkcs12 import stored_password
from app.ubl.build import RenderContext, render_invoice
from app.ubl.stylesheet import tezgah_xslt_bytes
from tests.fixtures.app import COMPANY, CUSTOMER, invoice_json

pytestmark = pytest.mark.benchmark
RUNS = 10
BIN = Path(sys.executable).parent


def ten_lines() -> list[dict[str, Any]]:
    return [{"name": f"Ürün {i + 1} — çay bardağı takımı", "quantity": str(i + 1), "unit": "C62",
             "unit_price": f"{19.99 + i:.2f}", "kdv_rate": "20" if i % 2 else "10",
             "discount_rate": "5" if i % 3 == 0 else "0"} for i in range(10)]


def wall(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Min and median wall time of RUNS runs (the first run warms the disk cache)."""
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


XMLSEC_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<Belge><Metin>Tezgâh</Metin>
<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>
<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
<Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>
<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference>
</SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature></Belge>
"""


def test_speed_table(benchmark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    config = create_test_certificate(data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    invoice = InvoiceData.from_json(invoice_json(lines=ten_lines()))
    unsigned = render_invoice(invoice, RenderContext(Party.from_dict(COMPANY), "ABC2026000000001"))
    with open_signer(config, None) as signer:
        signed = sign_invoice(unsigned, signer)
    src, out, pdf = tmp_path / "in.xml", tmp_path / "signed.xml", tmp_path / "out.pdf"
    src.write_bytes(unsigned)
    (tmp_path / "f.xml").write_bytes(signed)
    template = tmp_path / "tmpl.xml"
    template.write_text(XMLSEC_TEMPLATE, encoding="utf-8")

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    tezgah = [sys.executable, "-m", "app"]
    # the table's process rows; pytest-benchmark times the whole table once
    rows: list[tuple[str, tuple[float, float]]] = benchmark.pedantic(lambda: _process_rows(
        tezgah, env, src, out, pdf, tmp_path, config.pkcs12_path, template,
        stored_password(Path(config.pkcs12_path))), rounds=1, iterations=1)
    _sizes(signed, rows, capsys)


def _process_rows(tezgah: list[str], env: dict[str, str], src: Path, out: Path, pdf: Path,
                  tmp_path: Path, p12: str, template: Path,
                  password: str | None) -> list[tuple[str, tuple[float, float]]]:
    rows: list[tuple[str, tuple[float, float]]] = [
        ("python -c pass", wall([sys.executable, "-c", "pass"], env)),
        ("tezgah --help", wall([*tezgah, "--help"], env)),
        ("tezgah sign (one 10-line invoice, PKCS#12)",
         wall([*tezgah, "sign", str(src), "--out", str(out), "--pkcs12", p12], env)),
        ("tezgah pdf (one signed 10-line invoice)",
         wall([*tezgah, "pdf", str(tmp_path / "f.xml"), "--out", str(pdf)], env)),
    ]
    xmlsec = shutil.which("xmlsec1")
    if xmlsec and password is not None:
        rows.append(("xmlsec1 --sign (reference)", wall(
            [xmlsec, "--sign", "--pkcs12", p12, "--pwd", password,
             "--output", str(tmp_path / "x.xml"), str(template)], env)))
    return rows


def _sizes(signed: bytes, rows: list[tuple[str, tuple[float, float]]],
           capsys: pytest.CaptureFixture[str]) -> None:
    # sizes: the signed invoice, its stylesheet, an envelope of 100 zipped as sent
    invoices = [signed.replace(b"ABC2026000000001", f"ABC2026{i:09d}".encode())
                for i in range(1, 101)]
    party = EnvelopeParty(vkn_tckn=COMPANY["vkn_tckn"], name=COMPANY["name"],
                          alias="urn:mail:defaultgb@tezgah.invalid")
    receiver = EnvelopeParty(vkn_tckn=CUSTOMER["vkn_tckn"], name=CUSTOMER["name"],
                             alias="urn:mail:defaultpk@alici.invalid")
    envelope_id = str(uuid.uuid4()).upper()
    envelope = build_envelope(invoices, sender=party, receiver=receiver,
                              envelope_uuid=envelope_id, created=datetime(2026, 11, 29, 12))
    zipped, _md5 = zip_envelope(envelope, envelope_id, timestamp=datetime(2026, 11, 29, 12))
    xslt = tezgah_xslt_bytes()

    with capsys.disabled():
        print(f"\nload average: {os.getloadavg()}")
        for name, (low, mid) in rows:
            print(f"{name:48s} min {low * 1000:7.1f} ms   median {mid * 1000:7.1f} ms")
        print(f"signed 10-line invoice: {len(signed) / 1024:.1f} KB "
              f"(stylesheet {len(xslt) / 1024:.1f} KB, base64 {len(base64.b64encode(xslt)) / 1024:.1f} KB)")
        print(f"envelope of 100: {len(envelope) / 1024:.0f} KB, zipped {len(zipped) / 1024:.0f} KB")
        print(f"stored in the database: {len(blobs.pack(signed)) / 1024:.1f} KB per signed invoice "
              "(app.db.blobs, as documents.content holds it)")
    assert len(rows) >= 4 and zipped
