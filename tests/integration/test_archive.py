"""The archive that proves itself (issue 14): every stored original is chained when it is
stored, ``tezgah archive verify`` names what is missing, altered or broken, and
``tezgah archive export`` writes a period's originals with an index and their hashes.
Real SQLite files; the originals are damaged with plain SQL, as an intruder would."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from app import clock
from app.cli import main
from app.context import AppContext
from app.db.engine import MIGRATIONS_DIR, close_all
from app.db.repositories import outbox as outbox_repo
from app.domain.errors import UserError
from app.usecases import archive
from app.usecases.importing import import_invoice_xml
from app.usecases.invoices import IssueResult, create_draft, invoice_xml, issue_invoice
from tests.fixtures.app import invoice_json


@pytest.fixture(autouse=True)
def _close_databases():  # type: ignore[no-untyped-def]
    yield
    close_all()


def _issue(ctx: AppContext, **overrides: object) -> IssueResult:
    return issue_invoice(ctx, create_draft(ctx, invoice_json(**overrides)), sign=None)


def _chain(ctx: AppContext) -> list[tuple]:
    with ctx.db.session() as s:
        return [tuple(r) for r in s.execute(text(
            "SELECT seq, target, target_id, kind, sha256, length, prev_hash, entry_hash "
            "FROM archive_chain ORDER BY seq"))]


def _document_id(ctx: AppContext, ettn: str) -> int:
    with ctx.db.session() as s:
        return s.execute(text("SELECT d.id FROM documents d JOIN invoices i ON i.id = d.invoice_id "
                              "WHERE i.ettn = :e"), {"e": ettn}).scalar_one()


def _add_envelope(ctx: AppContext, content: bytes) -> str:
    env_uuid = str(uuid.uuid4()).upper()
    now = clock.local_now()
    with ctx.db.write_session() as s:
        outbox_repo.add_envelope(
            s, uuid=env_uuid, channel="efatura", receiver_vkn_tckn="4700582260",
            receiver_alias="urn:mail:defaultpk@alici.invalid",
            sender_alias="urn:mail:defaultgb@deneme.invalid", state="ready", attempts=0,
            polls=0, next_action_at=now, content=content,
            md5=hashlib.md5(content).hexdigest(), created_at=now)
    return env_uuid


def _unguard(ctx: AppContext, *tables: str) -> None:
    """Switch off the append-only triggers of ``tables``, as an intruder with the database
    in hand could."""
    with ctx.db.engine.begin() as conn:
        for table in tables:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f'ALTER TABLE "{table}" DISABLE TRIGGER USER'))
                continue
            names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                      "AND tbl_name = :t"), {"t": table}).scalars().all()
            for name in names:
                conn.execute(text(f'DROP TRIGGER "{name}"'))


def _received_copy(ctx: AppContext, issued: IssueResult, number: str) -> bytes:
    """An invoice as if another business had sent it: ours with a new ETTN and number."""
    return (invoice_xml(ctx, issued.ettn).replace(issued.ettn.encode(),
                                                  str(uuid.uuid4()).encode())
            .replace(issued.number.encode(), number.encode()))


def _sql(ctx: AppContext, *statements: str, **params: object) -> None:
    with ctx.db.engine.begin() as conn:
        for sql in statements:
            conn.execute(text(sql), params)


@pytest.mark.usefixtures("each_engine")
def test_issuing_receiving_and_envelopes_extend_the_chain(app_ctx: AppContext) -> None:
    assert _chain(app_ctx) == []
    first = _issue(app_ctx)
    second = _issue(app_ctx)
    _add_envelope(app_ctx, b"PK\x05\x06" + b"\x00" * 18)
    chain = _chain(app_ctx)
    assert [c[0] for c in chain] == [1, 2, 3]
    assert [(c[1], c[3]) for c in chain] == [("documents", "invoice"), ("documents", "invoice"),
                                           ("envelopes", "envelope")]
    assert chain[0][4] == first.sha256 and chain[1][4] == second.sha256
    assert chain[0][5] == len(invoice_xml(app_ctx, first.ettn))
    assert chain[0][6] == "0" * 64
    assert [c[6] for c in chain[1:]] == [c[7] for c in chain[:-1]]  # each names the one before

    # a received invoice is chained in the transaction that stores it
    data = _received_copy(app_ctx, first, "GLN2026000000007")
    received = import_invoice_xml(app_ctx, data)
    entry = _chain(app_ctx)[-1]
    assert entry[:4] == (4, "documents", _document_id(app_ctx, received["ettn"]), "received")
    assert entry[4] == hashlib.sha256(data).hexdigest() and entry[6] == chain[-1][7]
    assert archive.verify(app_ctx).ok


@pytest.mark.usefixtures("each_engine")
def test_the_chain_is_append_only(app_ctx: AppContext) -> None:
    _issue(app_ctx)
    with pytest.raises(Exception, match="append-only"):
        _sql(app_ctx, "UPDATE archive_chain SET length = 1")
    with pytest.raises(Exception, match="append-only"):
        _sql(app_ctx, "DELETE FROM archive_chain")
    assert len(_chain(app_ctx)) == 1


@pytest.mark.usefixtures("each_engine")
def test_verify_is_clean_on_a_fresh_archive(app_ctx: AppContext,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert archive.verify(app_ctx).ok  # empty
    for _ in range(3):
        _issue(app_ctx)
    _add_envelope(app_ctx, b"PK\x05\x06" + b"\x00" * 18)
    steps: list[tuple[int, int]] = []
    report = archive.verify(app_ctx, on_progress=lambda *a: steps.append(a), batch=2)
    assert report.ok and report.entries == 4
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)  # pages of two
    assert main(["--data-dir", str(app_ctx.data_dir), "archive", "verify", "--quiet"]) == 0
    assert "Arşiv sağlam: 4 kayıt" in capsys.readouterr().out


@pytest.mark.usefixtures("each_engine")
def test_verify_names_an_altered_a_missing_and_an_unreadable_original(
        app_ctx: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    altered, missing, unreadable, recorded, fine = (_issue(app_ctx) for _ in range(5))
    _unguard(app_ctx, "documents")
    xml = invoice_xml(app_ctx, altered.ettn)
    _sql(app_ctx, "UPDATE documents SET content = :c WHERE id = :i",
         c=xml.replace("Kırmızı".encode(), b"Mavi"),
         i=_document_id(app_ctx, altered.ettn))
    _sql(app_ctx, "DELETE FROM documents WHERE id = :i", i=_document_id(app_ctx, missing.ettn))
    _sql(app_ctx, "UPDATE documents SET content = :c WHERE id = :i",
         c=b"\x00TZ\x01\x00\x00\x10\x00not zlib", i=_document_id(app_ctx, unreadable.ettn))
    _sql(app_ctx, "UPDATE documents SET sha256 = :h WHERE id = :i", h="0" * 64,
         i=_document_id(app_ctx, recorded.ettn))

    report = archive.verify(app_ctx)
    assert not report.ok
    by_number = {p.document.number: p for p in report.problems if p.document is not None}
    assert set(by_number) == {altered.number, missing.number, unreadable.number,
                              recorded.number}
    assert fine.number not in by_number
    assert by_number[altered.number].status == archive.ALTERED
    assert by_number[missing.number].status == archive.MISSING
    assert by_number[unreadable.number].status == archive.UNREADABLE
    assert by_number[recorded.number].status == archive.ALTERED
    message = by_number[missing.number].message
    assert message.startswith("EKSİK: Giden fatura " + missing.number)
    assert missing.ettn in message and "20.11.2026" in message

    code = main(["--data-dir", str(app_ctx.data_dir), "archive", "verify", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"DEĞİŞTİRİLMİŞ: Giden fatura {altered.number} (ETTN {altered.ettn})" in out
    assert f"EKSİK: Giden fatura {missing.number}" in out
    assert "ARŞİVDE SORUN VAR: 4 sorun" in err
    assert "Traceback" not in out + err

    assert main(["--data-dir", str(app_ctx.data_dir), "archive", "verify", "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert not result["ok"] and {p["status"] for p in result["problems"]} == {
        "EKSİK", "DEĞİŞTİRİLMİŞ", "OKUNAMIYOR"}


@pytest.mark.usefixtures("each_engine")
def test_verify_names_a_broken_chain_entry(app_ctx: AppContext) -> None:
    results = [_issue(app_ctx) for _ in range(4)]
    _unguard(app_ctx, "archive_chain")
    # an entry's own fields changed: its hash no longer matches
    _sql(app_ctx, "UPDATE archive_chain SET at = :t WHERE seq = 2", t="2020-01-01 00:00:00")
    # an entry removed: the next one no longer follows, the document is no longer chained
    _sql(app_ctx, "DELETE FROM archive_chain WHERE seq = 3")
    problems = archive.verify(app_ctx).problems
    summary = sorted((p.status, p.seq, p.document.number if p.document else "")
                     for p in problems)
    assert summary == sorted([
        (archive.BROKEN, 2, results[1].number),
        (archive.BROKEN, 4, results[3].number),
        (archive.UNCHAINED, None, results[2].number),
    ])
    gap = next(p for p in problems if p.seq == 4)
    assert "3 numaralı kayıt" in gap.message


@pytest.mark.usefixtures("each_engine")
def test_a_rewritten_chain_is_found_out(app_ctx: AppContext) -> None:
    """Whoever alters a document and its entry's sha256 breaks the entry's own hash."""
    one = _issue(app_ctx)
    _issue(app_ctx)
    _unguard(app_ctx, "documents", "archive_chain")
    forged = invoice_xml(app_ctx, one.ettn) + b"\n"
    digest = hashlib.sha256(forged).hexdigest()
    _sql(app_ctx, "UPDATE documents SET content = :c, sha256 = :h WHERE id = :i",
         c=forged, h=digest, i=_document_id(app_ctx, one.ettn))
    _sql(app_ctx, "UPDATE archive_chain SET sha256 = :h, length = :n WHERE seq = 1",
         h=digest, n=len(forged))
    [problem] = archive.verify(app_ctx).problems
    assert (problem.status, problem.seq, problem.document.number) == (archive.BROKEN, 1,
                                                                      one.number)


# --- export -----------------------------------------------------------------------------

def _read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.usefixtures("each_engine")
def test_export_writes_the_originals_of_the_period_with_index_and_hashes(
        app_ctx: AppContext, tmp_path: Path) -> None:
    early = _issue(app_ctx, issue_date="2026-11-10")
    late = _issue(app_ctx, issue_date="2026-11-20",
                  customer={**invoice_json()["customer"], "name": "Ç/..\\ Şirket"})
    # a received invoice of the period
    theirs = import_invoice_xml(app_ctx, _received_copy(app_ctx, late, "GLN2026000000007"))
    env_uuid = _add_envelope(app_ctx, b"PK\x05\x06" + b"\x00" * 18)

    out = tmp_path / "out" / "arsiv.zip"
    out.parent.mkdir()
    result = archive.export(app_ctx, archive.parse_day("15.11.2026"),
                            archive.parse_day("2026-11-30"), out)
    files = _read_zip(out)
    assert result.path == out and list(out.parent.iterdir()) == [out]  # no temporary left

    originals = sorted(n for n in files if n.startswith(("faturalar/", "zarflar/")))
    assert originals == sorted([
        f"faturalar/giden/{late.number}_{late.ettn}.xml",
        f"faturalar/gelen/GLN2026000000007_{theirs['ettn']}.xml",
        f"zarflar/giden/{env_uuid}.zip",
    ])
    assert not any(early.ettn in n for n in files)
    assert early.ettn.encode() not in files["dizin.json"]
    assert files[f"faturalar/giden/{late.number}_{late.ettn}.xml"] == invoice_xml(
        app_ctx, late.ettn)
    views = [n for n in files if n.startswith("gorunumler/")]
    assert len(views) == 2 and all(files[v].lstrip().lower().startswith(b"<") for v in views)
    assert {"README.txt", "SHA256SUMS", "dizin.csv", "dizin.json"} <= set(files)
    assert "sha256sum -c SHA256SUMS" in files["README.txt"].decode("utf-8")

    # SHA256SUMS: every other file, each hash right (what ``sha256sum -c`` checks)
    sums = dict(reversed(line.split("  ", 1))
                for line in files["SHA256SUMS"].decode().splitlines())
    assert set(sums) == set(files) - {"SHA256SUMS"}
    assert all(hashlib.sha256(files[n]).hexdigest() == h for n, h in sums.items())

    # the index: CSV for Excel (BOM, ';', Turkish headers) and JSON, one row per file
    raw = files["dizin.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))
    assert rows[0] == list(archive.CSV_HEADERS)
    indexed = {r[0]: r for r in rows[1:]}
    assert set(indexed) == set(originals) | set(views)
    mine = indexed[f"faturalar/giden/{late.number}_{late.ettn}.xml"]
    assert mine[1:5] == ["Giden fatura", late.number, late.ettn, "2026-11-20"]
    assert mine[5] == "Ç/..\\ Şirket" and mine[9] == late.sha256 and mine[11] == "uygun"
    index = json.loads(files["dizin.json"])
    assert index["period"] == {"from": "2026-11-15", "to": "2026-11-30"}
    assert {f["file"] for f in index["files"]} == set(indexed)
    assert all(f["sha256"] == sums[f["file"]] for f in index["files"])
    assert result.originals == 3 and result.views == 2


@pytest.mark.usefixtures("each_engine")
def test_export_never_overwrites_unless_forced(app_ctx: AppContext, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _issue(app_ctx)
    out = tmp_path / "arsiv.zip"
    out.write_bytes(b"previous")
    with pytest.raises(UserError, match="zaten var"):
        archive.export(app_ctx, archive.parse_day("01.11.2026"),
                       archive.parse_day("30.11.2026"), out)
    assert out.read_bytes() == b"previous"
    args = ["--data-dir", str(app_ctx.data_dir), "archive", "export", "--from", "01.11.2026",
            "--to", "30.11.2026", "--out", str(out), "--quiet"]
    assert main(args) == 1
    assert "zaten var" in capsys.readouterr().err and out.read_bytes() == b"previous"
    assert main([*args, "--force"]) == 0
    assert zipfile.is_zipfile(out)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


@pytest.mark.parametrize("bad", ["31.02.2026", "2026/11/01", "yarın", "1" * 5000,
                                 "../../etc/passwd", ""])
def test_export_refuses_a_hostile_date(bad: str) -> None:
    with pytest.raises(UserError, match=r"tarih|takvimde"):
        archive.parse_day(bad, "--from")


def test_export_refuses_a_reversed_period_and_a_missing_folder(app_ctx: AppContext,
                                                               tmp_path: Path) -> None:
    with pytest.raises(UserError, match="önce"):
        archive.export(app_ctx, archive.parse_day("30.11.2026"),
                       archive.parse_day("01.11.2026"), tmp_path / "a.zip")
    with pytest.raises(UserError, match="klasörü yok"):
        archive.export(app_ctx, archive.parse_day("01.11.2026"),
                       archive.parse_day("30.11.2026"), tmp_path / "yok" / "a.zip")
    with pytest.raises(UserError, match="bir klasör"):
        archive.export(app_ctx, archive.parse_day("01.11.2026"),
                       archive.parse_day("30.11.2026"), tmp_path)


# --- the migration ------------------------------------------------------------------------

def _alembic(ctx: AppContext, action: str, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with ctx.db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)


@pytest.mark.usefixtures("each_engine")
def test_the_migration_back_fills_an_existing_database(app_ctx: AppContext) -> None:
    """A database at revision 0011 with invoices and an envelope, upgraded: every original
    is chained, in the same order each time, and verifies clean."""
    issued = [_issue(app_ctx) for _ in range(3)]
    _add_envelope(app_ctx, b"PK\x05\x06" + b"\x00" * 18)
    _alembic(app_ctx, "downgrade", "0011")
    with app_ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0011"
        assert not inspect(conn).has_table("archive_chain")

    upgraded = app_ctx
    upgraded.db.migrate()  # what opening the database does
    chain = _chain(upgraded)
    assert [c[0] for c in chain] == [1, 2, 3, 4]
    assert {c[4] for c in chain if c[1] == "documents"} == {r.sha256 for r in issued}
    assert archive.verify(upgraded).ok

    _alembic(upgraded, "downgrade", "0011")
    _alembic(upgraded, "upgrade", "heads")
    assert _chain(upgraded) == chain  # deterministic
    _issue(upgraded)  # and it goes on from there
    assert archive.verify(upgraded).ok and len(_chain(upgraded)) == 5


def test_a_saved_release_is_chained_on_upgrade_and_verifies_clean(tmp_path: Path) -> None:
    """Release 0.1.0's own database (signed invoices, an envelope), upgraded to the head."""
    import shutil

    from app.db.engine import database_path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "databases" / \
        "release-0.1.0.sqlite3"
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(fixture, database_path(data_dir))
    ctx = AppContext(data_dir)
    with ctx.db.session() as s:
        originals = s.execute(text("SELECT (SELECT count(*) FROM documents) + "
                                   "(SELECT count(*) FROM envelopes)")).scalar_one()
    report = archive.verify(ctx)
    assert report.ok and report.entries == originals >= 3
