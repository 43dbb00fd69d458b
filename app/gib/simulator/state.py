"""What the simulator remembers, in a small SQLite file in its data directory, so a restart
keeps every envelope and its place on the 1000 → 1100 → 1200 → 1300 timeline."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from app import clock

_SCHEMA = """
CREATE TABLE IF NOT EXISTS envelope (
    id TEXT PRIMARY KEY,            -- envelope UUID as received (file name stem), lower case
    file_name TEXT NOT NULL,
    received_at REAL NOT NULL,
    queued_until REAL NOT NULL,     -- 1000 ZARF KUYRUGA EKLENDI until then
    processing_until REAL NOT NULL, -- 1100 ZARF ISLENIYOR until then
    done_at REAL NOT NULL,          -- 1200 ZARF BASARIYLA ISLENDI until then, 1300 after
    checked INTEGER NOT NULL DEFAULT 0,
    code INTEGER,                   -- an 11xx error code when the checks failed
    description TEXT,
    envelope_date TEXT,
    sender_vkn TEXT, sender_alias TEXT, sender_name TEXT,
    receiver_vkn TEXT, receiver_alias TEXT,
    invoice_count INTEGER
);
CREATE TABLE IF NOT EXISTS invoice (
    uuid TEXT PRIMARY KEY,          -- ETTN of an invoice in an accepted envelope
    envelope_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS envelope_invoice (
    envelope_id TEXT NOT NULL,      -- every checked envelope …
    uuid TEXT NOT NULL,             -- … and every ETTN it carried, accepted or not
    PRIMARY KEY (envelope_id, uuid)
);
"""


@dataclass(frozen=True)
class EnvelopeRow:
    id: str
    file_name: str
    received_at: float
    queued_until: float
    processing_until: float
    done_at: float
    checked: bool
    code: int | None
    description: str | None
    envelope_date: str | None
    sender_vkn: str | None
    sender_alias: str | None
    sender_name: str | None
    receiver_vkn: str | None
    receiver_alias: str | None
    invoice_count: int | None

    def status_at(self, now: float) -> int:
        if now < self.queued_until:
            return 1000
        if not self.checked or now < self.processing_until:
            return 1100
        if self.code is not None:
            return self.code
        if now < self.done_at:
            return 1200
        return 1300


class SimulatorState:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.zip_dir = data_dir / "envelopes"
        self.zip_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(data_dir / "gib-simulator.sqlite3", check_same_thread=False,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def zip_path(self, envelope_id: str) -> Path:
        return self.zip_dir / f"{envelope_id.lower()}.zip"

    def receive(self, envelope_id: str, file_name: str, zip_bytes: bytes, *,
                queue_delay: float, processing_delay: float, delivery_delay: float) -> bool:
        """Store a newly received envelope; False when the ID is already known (2001)."""
        key = envelope_id.lower()
        now = clock.timestamp()
        path = self.zip_path(key)
        with self._lock:
            if self._db.execute("SELECT 1 FROM envelope WHERE id = ?", (key,)).fetchone():
                return False
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(zip_bytes)
            tmp.replace(path)
            queued = now + queue_delay
            processing = queued + processing_delay
            self._db.execute(
                "INSERT INTO envelope (id, file_name, received_at, queued_until, "
                "processing_until, done_at) VALUES (?, ?, ?, ?, ?, ?)",
                (key, file_name, now, queued, processing, processing + delivery_delay),
            )
        return True

    def finish_check(self, envelope_id: str, *, code: int | None, description: str,
                     facts: dict, invoice_uuids: list[str]) -> int | None:
        """Record the result of the checks. Invoices of an accepted envelope are remembered;
        an ETTN already sent in an earlier accepted envelope turns the result into 1163
        (Ek-2 §4.1). Returns the final code (None = accepted)."""
        key = envelope_id.lower()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if code is None:
                    for u in invoice_uuids:
                        row = self._db.execute("SELECT envelope_id FROM invoice WHERE uuid = ?",
                                               (u.lower(),)).fetchone()
                        if row and row[0] != key:
                            code = 1163
                            description = (f"GONDERILEN ZARF SISTEMDE DAHA ONCE KAYITLI OLAN BIR "
                                           f"FATURAYI ICERMEKTEDIR ({u}, zarf {row[0]})")
                            break
                if code is None:
                    self._db.executemany(
                        "INSERT OR IGNORE INTO invoice (uuid, envelope_id) VALUES (?, ?)",
                        [(u.lower(), key) for u in invoice_uuids])
                self._db.executemany(
                    "INSERT OR IGNORE INTO envelope_invoice (envelope_id, uuid) VALUES (?, ?)",
                    [(key, u.lower()) for u in invoice_uuids])
                self._db.execute(
                    "UPDATE envelope SET checked = 1, code = ?, description = ?, "
                    "envelope_date = ?, sender_vkn = ?, sender_alias = ?, sender_name = ?, "
                    "receiver_vkn = ?, receiver_alias = ?, invoice_count = ? WHERE id = ?",
                    (code, description, facts.get("envelope_date"), facts.get("sender_vkn"),
                     facts.get("sender_alias"), facts.get("sender_name"),
                     facts.get("receiver_vkn"), facts.get("receiver_alias"),
                     len(invoice_uuids), key),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return code

    def get(self, envelope_id: str) -> EnvelopeRow | None:
        with self._lock:
            cur = self._db.execute(
                "SELECT id, file_name, received_at, queued_until, processing_until, done_at, "
                "checked, code, description, envelope_date, sender_vkn, sender_alias, "
                "sender_name, receiver_vkn, receiver_alias, invoice_count "
                "FROM envelope WHERE id = ?", (envelope_id.lower(),))
            row = cur.fetchone()
        if row is None:
            return None
        values = list(row)
        values[6] = bool(values[6])
        return EnvelopeRow(*values)

    def unchecked(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute(
                "SELECT id FROM envelope WHERE checked = 0 ORDER BY received_at")]

    def all_ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT id FROM envelope ORDER BY received_at")]

    def invoice_receipts(self) -> dict[str, list[tuple[str, int | None]]]:
        """ETTN (upper case) → every checked envelope that carried it, with its result code
        (None: accepted). An ETTN delivered exactly once has one entry with None."""
        with self._lock:
            rows = self._db.execute(
                "SELECT ei.uuid, ei.envelope_id, e.code FROM envelope_invoice ei "
                "JOIN envelope e ON e.id = ei.envelope_id ORDER BY e.received_at").fetchall()
        out: dict[str, list[tuple[str, int | None]]] = {}
        for ettn, envelope_id, code in rows:
            out.setdefault(ettn.upper(), []).append((envelope_id, code))
        return out
