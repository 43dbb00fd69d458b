"""Stored documents are kept compressed (``app.db.blobs``) and read back byte for byte: issued
and received signed invoices, rows written before compression, zips that do not shrink, and a
damaged compressed row refused with the Turkish damage message."""

from __future__ import annotations

import hashlib
import io
import random
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.context import AppContext
from app.db import blobs, engine
from app.db.files import database_path
from app.db.repositories import documents, earsiv
from app.usecases.invoices import create_draft, invoice_xml, issue_invoice
from tests.fixtures.app import CUSTOMER, invoice_json, make_context

# The released dictionaries: never to change (documents are kept ten years).
RELEASED = {1: ("invoice-1.bin", "ae9679337e1b275c17a6d2161d9cbedc6234e5012af7375614a981916457ba17")}
STORED_10_LINES_MAX = 20 * 1024
NOW = datetime(2026, 11, 29, 10, 0)


def _rows(ctx: AppContext, sql: str) -> list[tuple[Any, ...]]:
    engine.close_all()
    with sqlite3.connect(database_path(ctx.data_dir)) as conn:
        return conn.execute(sql).fetchall()


def _write_raw(ctx: AppContext, sql: str, *params: Any) -> None:
    """Write past the column type and the immutability trigger, as old releases or damage
    would have left a row."""
    engine.close_all()
    conn = sqlite3.connect(database_path(ctx.data_dir))
    try:
        trigger = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                               "name = 'documents_no_update'").fetchone()[0]
        conn.execute("DROP TRIGGER documents_no_update")
        conn.execute(sql, params)
        conn.execute(trigger)
        conn.commit()
    finally:
        conn.close()


def _ten_lines() -> dict[str, Any]:
    return {"profile": "TICARIFATURA", "type": "SATIS", "series": "TZG",
            "issue_date": "2026-11-27", "issue_time": "09:30:00", "customer": dict(CUSTOMER),
            "lines": [{"name": f"Ürün {i:03d} pamuklu kumaş", "quantity": str(i + 1),
                       "unit": "C62", "unit_price": f"{10 + i}.50", "kdv_rate": "20"}
                      for i in range(10)]}


@pytest.fixture
def signing_ctx(tmp_path: Path, installed_rules_dir: Path
                ) -> tuple[AppContext, Callable[[bytes], bytes]]:
    from app.signing import create_test_certificate, open_signer, sign_invoice

    ctx = make_context(tmp_path / "data", installed_rules_dir)
    cfg = create_test_certificate(ctx.data_dir, "3880530121", "Deneme Tekstil A.Ş.")
    with open_signer(cfg, None, expected_vkn_tckn="3880530121") as signer:
        yield ctx, lambda xml: sign_invoice(xml, signer)


# --- the dictionary -----------------------------------------------------------------------

@pytest.mark.parametrize("fmt", sorted(RELEASED))
def test_a_released_dictionary_never_changes(fmt: int) -> None:
    name, digest = RELEASED[fmt]
    from app.resources import resource_path

    data = resource_path("dictionaries", name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest
    assert len(data) <= 32 * 1024  # deflate's window
    assert blobs.DICTIONARIES[fmt] == name and blobs.DICTIONARY_SHA256[fmt] == digest
    assert blobs.dictionary(fmt) == data


# --- issued invoices --------------------------------------------------------------------

def test_an_issued_signed_invoice_is_stored_small_and_read_byte_exact(
        signing_ctx: tuple[AppContext, Callable[[bytes], bytes]]) -> None:
    ctx, sign = signing_ctx
    ettns = [create_draft(ctx, _ten_lines()) for _ in range(2)]
    for ettn in ettns:
        assert issue_invoice(ctx, ettn, sign=sign).signed
    xmls = [invoice_xml(ctx, ettn) for ettn in ettns]  # checks each sha256 on the way
    rows = _rows(ctx, "SELECT length(content), substr(content, 1, 4), sha256 FROM documents "
                      "WHERE kind = 'invoice' ORDER BY id")
    assert len(rows) == 2
    for xml, (stored, magic, sha) in zip(xmls, rows, strict=True):
        assert xml.startswith(b"<?xml") and b"<ds:SignatureValue" in xml
        assert hashlib.sha256(xml).hexdigest() == sha  # the hash of the original bytes
        assert magic == blobs.MAGIC + bytes([blobs.CURRENT])
        assert stored <= STORED_10_LINES_MAX < len(xml)


def test_the_signature_of_a_stored_invoice_still_verifies(
        signing_ctx: tuple[AppContext, Callable[[bytes], bytes]]) -> None:
    from app.signing import verify_document

    ctx, sign = signing_ctx
    ettn = create_draft(ctx, invoice_json())
    issue_invoice(ctx, ettn, sign=sign)
    r = verify_document(invoice_xml(ctx, ettn))
    assert (r.signature_value_ok, r.document_digest_ok, r.signed_properties_digest_ok) == (
        True, True, True)


# --- received documents, old rows, zips -------------------------------------------------

def test_gib_signed_samples_round_trip_byte_exact(app_ctx: AppContext,
                                                  efatura_samples_dir: Path) -> None:
    samples = sorted(efatura_samples_dir.glob("*.xml"))
    assert samples
    with app_ctx.db.write_session() as s:
        ids = [documents.insert_row(s, invoice_id=None, kind="received", content=p.read_bytes(),
                                    sha256=hashlib.sha256(p.read_bytes()).hexdigest(), now=NOW)
               for p in samples]
    with app_ctx.db.session() as s:
        assert documents.contents(s, ids) == [p.read_bytes() for p in samples]


def test_rows_written_before_compression_read_as_they_are(app_ctx: AppContext) -> None:
    ettn = create_draft(app_ctx, invoice_json())
    issue_invoice(app_ctx, ettn, sign=None)
    original = invoice_xml(app_ctx, ettn)
    _write_raw(app_ctx, "UPDATE documents SET content = ? WHERE kind = 'invoice'", original)
    assert _rows(app_ctx, "SELECT length(content) FROM documents WHERE kind = 'invoice'"
                 ) == [(len(original),)]
    assert invoice_xml(app_ctx, ettn) == original


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("fatura.xml", b"<Invoice>" + b"<cbc:Note>not</cbc:Note>" * 300 + b"</Invoice>")
        z.writestr("ek.bin", random.Random(7).randbytes(20_000))
    return buf.getvalue()


def test_a_zip_that_does_not_shrink_stays_raw(app_ctx: AppContext) -> None:
    data = _zip()
    assert blobs.pack(data) == data
    with app_ctx.db.write_session() as s:
        doc_id = documents.add(s, invoice_id=None, kind="envelope", content=data,
                               sha256=hashlib.sha256(data).hexdigest(), now=NOW).id
    assert _rows(app_ctx, f"SELECT content FROM documents WHERE id = {doc_id}") == [(data,)]
    with app_ctx.db.session() as s:
        assert documents.contents(s, [doc_id]) == [data]


def test_raw_bytes_that_start_like_a_header_stay_unambiguous() -> None:
    for data in (blobs.MAGIC, blobs.MAGIC + b"\x01", blobs.MAGIC + bytes(range(256))):
        stored = blobs.pack(data)
        assert blobs.unpack(stored) == data and blobs.is_packed(stored)


def test_the_head_of_a_stored_report_comes_from_a_prefix(app_ctx: AppContext) -> None:
    report = b'<?xml version="1.0"?><eArsivRaporu><baslik>' + b"<x>veri</x>" * 5000
    with app_ctx.db.write_session() as s:
        documents.add(s, invoice_id=None, kind="earsiv-report", content=report,
                      sha256=hashlib.sha256(report).hexdigest(), now=NOW)
    stored = _rows(app_ctx, "SELECT content FROM documents")[0][0]
    assert blobs.is_packed(stored) and len(stored) < len(report) // 10
    assert blobs.head(stored[:24], 4096) is None  # too short a prefix: read the whole
    with app_ctx.db.session() as s:
        [(_, _, head, item, env)] = earsiv.report_heads(s, "earsiv-report", head_bytes=4096)
    assert head == report[:4096] and item is None and env is None


# --- damage -----------------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["flipped byte", "cut short", "wrong length",
                                    "unknown format"])
def test_a_damaged_compressed_row_is_refused_in_turkish(
        app_ctx: AppContext, damage: str, capsys: pytest.CaptureFixture[str]) -> None:
    ettn = create_draft(app_ctx, invoice_json())
    issue_invoice(app_ctx, ettn, sign=None)
    [(stored,)] = _rows(app_ctx, "SELECT content FROM documents WHERE kind = 'invoice'")
    assert blobs.is_packed(stored)
    bad = {"flipped byte": stored[:200] + bytes([stored[200] ^ 0x20]) + stored[201:],
           "cut short": stored[:-40],
           "wrong length": stored[:4] + (1).to_bytes(4, "big") + stored[8:],
           "unknown format": stored[:3] + b"\x7f" + stored[4:]}[damage]
    _write_raw(app_ctx, "UPDATE documents SET content = ? WHERE kind = 'invoice'", bad)
    with pytest.raises(blobs.StoredDocumentDamaged) as exc:
        invoice_xml(app_ctx, ettn)
    assert "bozulmuş" in str(exc.value) and "Yedekten geri yükleyin" in str(exc.value)
    code = main(["--data-dir", str(app_ctx.data_dir), "invoice", "xml", ettn,
                 "--out", str(app_ctx.data_dir / "out.xml")])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert blobs.DAMAGED_MESSAGE in err and "Traceback" not in err
    assert not (app_ctx.data_dir / "out.xml").exists()
