"""The durable spool of received envelopes: ``<data>/postbox/spool/``.

The posta kutusu answers ``sendDocument`` only after the envelope is on disk for good
(POSTBOX-NOTES: "Store durably first"), so a crash after the answer loses nothing. Files:

* ``<instance_id>.zip`` — the zip exactly as received. Its presence is the commit point: it
  is written to a temporary file, fsync'd, then hard-linked to its final name (atomic and
  never overwriting) and the directory fsync'd.
* ``<instance_id>.json`` — a small record beside it (MD5, size, time received, the caller's
  facts; ``processed_at`` once a worker took it), replaced atomically (temporary file, fsync,
  rename, directory fsync). It is written *before* the zip: a record without a zip is an
  interrupted store and is ignored (and replaced when the envelope comes again).
* ``<instance_id>.response.xml`` — the system response about the envelope, once the
  processing step wrote one (``set_response``); ``getApplicationResponse`` returns it.
* ``.tmp-*`` — temporary files; one left by a crash is ignored and removed when the spool is
  opened again (after ``TEMP_MAX_AGE`` seconds, so a store in progress in another process is
  never disturbed).

Idempotent by InstanceIdentifier (GİB resends): the same bytes again give the same answer
and no second copy; other bytes under the same identifier are refused (``Conflict``, the
service's fault 2001). Identifiers are GUIDs (Ek-1 §3.1.3), compared without case; file
names use the lower-case form. Plain files only; a later step imports them into the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import clock
from app.gib.envelope import is_uuid
from app.gib.package import md5_hex

SPOOL_DIR = ("postbox", "spool")
TEMP_PREFIX = ".tmp-"
#: A temporary file older than this (seconds) is left from a crash.
TEMP_MAX_AGE = 600.0


class SpoolError(Exception):
    """The spool cannot take this envelope."""


class InvalidIdentifier(SpoolError):
    """The identifier is not a GUID (and so never a file name here)."""


class Conflict(SpoolError):
    """Other bytes were already stored under this InstanceIdentifier."""


@dataclass(frozen=True)
class Stored:
    """What the spool holds for one envelope."""

    instance_id: str
    md5: str
    size: int
    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    duplicate: bool = False  # True: these bytes were already stored; nothing was written

    @property
    def processed(self) -> bool:
        return bool(self.meta.get("processed_at"))


def spool_dir(data_dir: Path) -> Path:
    return Path(data_dir).joinpath(*SPOOL_DIR)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":  # directories cannot be opened for fsync elsewhere
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _file_md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Spool:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self.clean_temporary()

    @classmethod
    def open(cls, data_dir: Path) -> Spool:
        return cls(spool_dir(data_dir))

    # -- names --------------------------------------------------------------------------

    @staticmethod
    def normalize(instance_id: str) -> str:
        value = (instance_id or "").strip()
        if not is_uuid(value):
            raise InvalidIdentifier(f"Zarf numarası GUID biçiminde değil: {value[:80]!r}")
        return value.lower()

    def zip_path(self, instance_id: str) -> Path:
        return self.directory / f"{self.normalize(instance_id)}.zip"

    def meta_path(self, instance_id: str) -> Path:
        return self.directory / f"{self.normalize(instance_id)}.json"

    def response_path(self, instance_id: str) -> Path:
        return self.directory / f"{self.normalize(instance_id)}.response.xml"

    # -- writing ------------------------------------------------------------------------

    def _write_temp(self, data: bytes) -> Path:
        temp = self.directory / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        os.close(fd)
        return temp

    def _replace(self, target: Path, data: bytes) -> None:
        temp = self._write_temp(data)
        try:
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        _fsync_dir(self.directory)

    def _write_meta(self, instance_id: str, meta: dict[str, Any]) -> None:
        data = json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
        self._replace(self.meta_path(instance_id), data)

    def store(self, instance_id: str, zip_bytes: bytes, md5: str | None = None,
              meta: dict[str, Any] | None = None) -> Stored:
        """Store the envelope durably; ``md5`` (when given) must be the bytes' MD5.

        Returns ``Stored`` (``duplicate=True`` when the same bytes were already there);
        raises ``Conflict`` when other bytes are stored under ``instance_id``."""
        ident = self.normalize(instance_id)
        computed = md5_hex(zip_bytes)
        if md5 is not None and md5.strip().lower() != computed:
            raise SpoolError("MD5 özeti baytlarla uyuşmuyor.")
        final = self.zip_path(ident)
        with self._lock:
            existing = self._existing(ident, computed)
            if existing is not None:
                return existing
            record = dict(meta or {})
            record.update(instance_id=ident, md5=computed, size=len(zip_bytes),
                          received_at=clock.now_utc().isoformat(timespec="seconds"),
                          processed_at=None)
            self._write_meta(ident, record)
            temp = self._write_temp(zip_bytes)
            try:
                os.link(temp, final)  # atomic and never replaces an existing envelope
            except FileExistsError:  # stored meanwhile by another process
                existing = self._existing(ident, computed)
                if existing is None:  # pragma: no cover - removed in between
                    raise
                return existing
            finally:
                with contextlib.suppress(OSError):
                    temp.unlink()
            _fsync_dir(self.directory)
            return Stored(ident, computed, len(zip_bytes), final, record)

    def _existing(self, ident: str, computed: str) -> Stored | None:
        final = self.zip_path(ident)
        if not final.exists():
            return None
        stored_md5 = _file_md5(final)
        if stored_md5 != computed:
            raise Conflict(f"{ident} zarf numarasıyla başka içerikte bir zarf zaten alınmış.")
        return Stored(ident, stored_md5, final.stat().st_size, final, self.meta(ident),
                      duplicate=True)

    def done_path(self, instance_id: str) -> Path:
        return self.directory / f"{self.normalize(instance_id)}.done"

    def mark_processed(self, instance_id: str, *, response: bytes | None = None,
                       **facts: Any) -> None:
        """Record that a worker has taken the envelope (it leaves ``pending()``), with the
        system response about it when there is one (what ``getApplicationResponse``
        answers). The record is the truth; an empty ``.done`` file beside it only spares
        ``pending()`` reading the records of processed envelopes."""
        ident = self.normalize(instance_id)
        with self._lock:
            if not self.zip_path(ident).exists():
                raise KeyError(ident)
            if response is not None:
                self._replace(self.response_path(ident), response)
            record = self.meta(ident)
            record.update(facts)
            record["processed_at"] = clock.now_utc().isoformat(timespec="seconds")
            self._write_meta(ident, record)
            with contextlib.suppress(OSError):
                os.close(os.open(self.done_path(ident), os.O_WRONLY | os.O_CREAT, 0o600))

    def note_failure(self, instance_id: str, failures: int, reason: str) -> None:
        """A processing attempt that failed (the envelope stays pending)."""
        ident = self.normalize(instance_id)
        with self._lock:
            record = self.meta(ident)
            record.update(failures=failures, last_failure=reason)
            self._write_meta(ident, record)

    def set_response(self, instance_id: str, xml: bytes) -> None:
        """Keep the system response about the envelope (what ``getApplicationResponse``
        answers once processing is done)."""
        ident = self.normalize(instance_id)
        if not self.zip_path(ident).exists():
            raise KeyError(ident)
        with self._lock:
            self._replace(self.response_path(ident), xml)

    # -- reading ------------------------------------------------------------------------

    def get(self, instance_id: str) -> Stored | None:
        try:
            ident = self.normalize(instance_id)
        except InvalidIdentifier:
            return None
        path = self.zip_path(ident)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return None
        record = self.meta(ident)
        return Stored(ident, str(record.get("md5") or _file_md5(path)), size, path, record)

    def read(self, instance_id: str) -> bytes:
        return self.zip_path(instance_id).read_bytes()

    def response(self, instance_id: str) -> bytes | None:
        try:
            return self.response_path(instance_id).read_bytes()
        except FileNotFoundError:
            return None

    def meta(self, instance_id: str) -> dict[str, Any]:
        """The record beside the zip; a minimal one when it is missing or unreadable."""
        ident = self.normalize(instance_id)
        try:
            record = json.loads(self.meta_path(ident).read_text(encoding="utf-8"))
            if isinstance(record, dict) and record.get("instance_id") == ident:
                return record
        except (OSError, ValueError):
            pass
        return {"instance_id": ident, "processed_at": None}

    def _envelopes(self) -> Iterator[tuple[str, Path]]:
        for path in sorted(self.directory.glob("*.zip")):
            if is_uuid(path.stem) and not path.name.startswith(TEMP_PREFIX):
                yield path.stem, path

    def _done(self) -> set[str]:
        return {p.stem for p in self.directory.glob("*.done")}

    def pending(self) -> list[Stored]:
        """The envelopes no worker has processed yet, oldest first."""
        found: list[Stored] = []
        done = self._done()
        for ident, path in self._envelopes():
            if ident in done:
                continue
            record = self.meta(ident)
            if record.get("processed_at"):
                continue
            with contextlib.suppress(FileNotFoundError):
                found.append(Stored(ident, str(record.get("md5") or _file_md5(path)),
                                    path.stat().st_size, path, record))
        found.sort(key=lambda s: (str(s.meta.get("received_at") or ""), s.instance_id))
        return found

    def pending_count(self) -> int:
        done = self._done()
        return sum(1 for ident, _ in self._envelopes()
                   if ident not in done and not self.meta(ident).get("processed_at"))

    def clean_temporary(self, max_age: float = TEMP_MAX_AGE) -> int:
        """Remove temporary files left by a crash (older than ``max_age`` seconds)."""
        removed = 0
        limit = clock.file_clock() - max_age  # file times are the computer's
        for temp in self.directory.glob(f"{TEMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                if temp.stat().st_mtime <= limit:
                    temp.unlink()
                    removed += 1
        return removed
