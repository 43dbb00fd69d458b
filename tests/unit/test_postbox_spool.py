"""The posta kutusu's durable spool (app.postbox.spool): stored bytes, idempotency by
InstanceIdentifier, pending/processed, leftovers of a crash."""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

import pytest

from app.gib.package import md5_hex
from app.postbox.spool import TEMP_PREFIX, Conflict, InvalidIdentifier, Spool, spool_dir


def _id() -> str:
    return str(uuid.uuid4()).upper()


def test_store_writes_the_bytes_and_a_record(tmp_path: Path) -> None:
    spool = Spool.open(tmp_path)
    ident, data = _id(), b"PK zip bytes"
    stored = spool.store(ident, data, md5_hex(data), {"file_name": f"{ident}.zip"})
    assert not stored.duplicate
    assert stored.path == spool_dir(tmp_path) / f"{ident.lower()}.zip"
    assert stored.path.read_bytes() == data
    meta = json.loads((spool_dir(tmp_path) / f"{ident.lower()}.json").read_text("utf-8"))
    assert meta["md5"] == md5_hex(data) and meta["size"] == len(data)
    assert meta["file_name"] == f"{ident}.zip" and meta["processed_at"] is None
    assert not list(spool_dir(tmp_path).glob(f"{TEMP_PREFIX}*"))


def test_same_bytes_again_is_the_same_answer_and_one_copy(tmp_path: Path) -> None:
    spool = Spool.open(tmp_path)
    ident, data = _id(), b"one envelope"
    first = spool.store(ident, data, md5_hex(data))
    again = spool.store(ident.lower(), data, md5_hex(data))
    assert again.duplicate and again.md5 == first.md5
    assert sorted(p.name for p in spool_dir(tmp_path).iterdir()) == sorted(
        [f"{ident.lower()}.zip", f"{ident.lower()}.json"])


def test_other_bytes_under_the_same_id_are_refused(tmp_path: Path) -> None:
    spool = Spool.open(tmp_path)
    ident = _id()
    spool.store(ident, b"first", md5_hex(b"first"))
    with pytest.raises(Conflict):
        spool.store(ident, b"second", md5_hex(b"second"))
    assert spool.read(ident) == b"first"


@pytest.mark.parametrize("bad", ["../etc/passwd", "", "not-a-guid", "x" * 36])
def test_identifiers_are_guids(tmp_path: Path, bad: str) -> None:
    with pytest.raises(InvalidIdentifier):
        Spool.open(tmp_path).store(bad, b"x")


def test_pending_and_processed(tmp_path: Path) -> None:
    spool = Spool.open(tmp_path)
    a, b = _id(), _id()
    spool.store(a, b"a")
    spool.store(b, b"b")
    assert {s.instance_id for s in spool.pending()} == {a.lower(), b.lower()}
    assert spool.pending_count() == 2
    spool.mark_processed(a, result=1200)
    assert [s.instance_id for s in spool.pending()] == [b.lower()]
    assert spool.get(a).processed and spool.meta(a)["result"] == 1200
    # Processed envelopes still answer a resend the same way.
    assert spool.store(a, b"a").duplicate
    with pytest.raises(KeyError):
        spool.mark_processed(_id())


def test_crash_leftovers_are_ignored_and_cleaned(tmp_path: Path) -> None:
    directory = spool_dir(tmp_path)
    directory.mkdir(parents=True)
    old = directory / f"{TEMP_PREFIX}deadbeef"
    old.write_bytes(b"half an envelope")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    fresh = directory / f"{TEMP_PREFIX}cafebabe"  # maybe another process's store in progress
    fresh.write_bytes(b"in progress")
    orphan = _id().lower()  # the record was written, the crash came before the zip
    (directory / f"{orphan}.json").write_text(json.dumps({"instance_id": orphan}), "utf-8")
    spool = Spool.open(tmp_path)
    assert not old.exists() and fresh.exists()
    assert spool.pending() == [] and spool.get(orphan) is None
    stored = spool.store(orphan, b"now complete")
    assert not stored.duplicate and spool.read(orphan) == b"now complete"
    assert spool.meta(orphan)["md5"] == md5_hex(b"now complete")


def test_a_missing_record_does_not_lose_the_envelope(tmp_path: Path) -> None:
    spool = Spool.open(tmp_path)
    ident = _id()
    spool.store(ident, b"zip")
    (spool_dir(tmp_path) / f"{ident.lower()}.json").unlink()
    assert [s.instance_id for s in spool.pending()] == [ident.lower()]
    assert spool.get(ident).md5 == md5_hex(b"zip")
    assert spool.store(ident, b"zip").duplicate


def test_response_is_kept(tmp_path: Path) -> None:
    spool = Spool.open(tmp_path)
    ident = _id()
    assert spool.response(ident) is None
    with pytest.raises(KeyError):
        spool.set_response(ident, b"<x/>")
    spool.store(ident, b"zip")
    spool.set_response(ident, b"<x/>")
    assert spool.response(ident) == b"<x/>"
