"""What the simulator remembers, in a small SQLite file in its data directory, so a restart
keeps every envelope and its place on the 1000 → 1100 → 1200 → 1300 timeline, the posta
kutusu addresses it delivers to (``delivery_target``) and where each delivery stands
(``delivery``: 1200 → 1220 → 1300 | 1230, or 1210 → 1215; Ek-2 §4.1)."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from app import clock

from .. import codes

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
CREATE TABLE IF NOT EXISTS delivery_target (
    alias TEXT PRIMARY KEY COLLATE NOCASE,  -- e-Fatura alias (etiket) of a PK or GB
    url TEXT NOT NULL                       -- that business's EFatura service
);
CREATE TABLE IF NOT EXISTS delivery (
    envelope_id TEXT PRIMARY KEY,   -- an accepted envelope forwarded to its receiver
    alias TEXT NOT NULL,
    url TEXT NOT NULL,              -- the address when it was planned (the registry wins)
    code INTEGER NOT NULL,          -- 1200 (not tried yet), 1210, 1215, 1220, 1230, 1300
    description TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL,                   -- next attempt (1200, 1210) or next poll (1220)
    delivered_at REAL,
    response_code INTEGER,          -- the receiver's system response, once it came
    response_description TEXT
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
    #: Where the forwarding to the receiver's service stands (``None``: not forwarded, the
    #: envelope ends at 1300 as before; 1200 until the first attempt).
    delivery_code: int | None = None
    delivery_description: str | None = None

    def status_at(self, now: float) -> int:
        if now < self.queued_until:
            return 1000
        if not self.checked or now < self.processing_until:
            return 1100
        if self.code is not None:
            return self.code
        if now < self.done_at:
            return 1200
        if self.delivery_code is not None:
            return self.delivery_code
        return 1300

    def description_at(self, code: int) -> str | None:
        """The stored text for ``code`` when it is the envelope's own or its delivery's."""
        if code == self.code and self.description:
            return self.description
        if code == self.delivery_code and self.delivery_description:
            return self.delivery_description
        return None


#: Delivery codes after which nothing more happens (Ek-2 §4.1).
DELIVERY_FINAL = frozenset({1215, 1230, 1300})


@dataclass(frozen=True)
class DeliveryRow:
    envelope_id: str
    alias: str
    url: str
    code: int
    description: str | None
    attempts: int
    next_at: float | None
    delivered_at: float | None
    response_code: int | None
    response_description: str | None
    file_name: str = ""
    receiver_vkn: str | None = None

    def to_json(self) -> dict:
        return {"envelope_id": self.envelope_id, "alias": self.alias, "url": self.url,
                "code": self.code, "description": self.description, "attempts": self.attempts,
                "next_at": self.next_at, "delivered_at": self.delivered_at,
                "response_code": self.response_code,
                "response_description": self.response_description}


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
                     facts: dict, invoice_uuids: list[str],
                     deliver_to: tuple[str, str] | None = None,
                     duplicate_code: int = 1163) -> int | None:
        """Record the result of the checks. Documents of an accepted envelope are remembered;
        an ETTN already sent in an earlier accepted envelope turns the result into
        ``duplicate_code``: 1163 for invoices (Ek-2 §4.1), 1164 for other documents (a
        despatch or receipt advice). ``deliver_to`` (alias, URL): an accepted envelope is forwarded there
        once its 1200 time is over (in the same transaction, so its status never shows 1300
        first). Returns the final code (None = accepted)."""
        key = envelope_id.lower()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if code is None:
                    for u in invoice_uuids:
                        row = self._db.execute("SELECT envelope_id FROM invoice WHERE uuid = ?",
                                               (u.lower(),)).fetchone()
                        if row and row[0] != key:
                            code = duplicate_code
                            description = (f"{codes.status(code).gib_text.rstrip('.')} "
                                           f"({u}, zarf {row[0]})")
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
                if code is None and deliver_to is not None:
                    self._db.execute(
                        "INSERT OR REPLACE INTO delivery (envelope_id, alias, url, code, "
                        "attempts, next_at) SELECT id, ?, ?, 1200, 0, done_at FROM envelope "
                        "WHERE id = ?", (deliver_to[0], deliver_to[1], key))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return code

    def get(self, envelope_id: str) -> EnvelopeRow | None:
        with self._lock:
            cur = self._db.execute(
                "SELECT e.id, e.file_name, e.received_at, e.queued_until, e.processing_until, "
                "e.done_at, e.checked, e.code, e.description, e.envelope_date, e.sender_vkn, "
                "e.sender_alias, e.sender_name, e.receiver_vkn, e.receiver_alias, "
                "e.invoice_count, d.code, d.description "
                "FROM envelope e LEFT JOIN delivery d ON d.envelope_id = e.id WHERE e.id = ?",
                (envelope_id.lower(),))
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
        (None: accepted; 1215 or 1230 when its forwarding to the receiver failed). An ETTN
        delivered exactly once has one entry with None."""
        with self._lock:
            rows = self._db.execute(
                "SELECT ei.uuid, ei.envelope_id, "
                "CASE WHEN d.code IN (1215, 1230) THEN d.code ELSE e.code END "
                "FROM envelope_invoice ei JOIN envelope e ON e.id = ei.envelope_id "
                "LEFT JOIN delivery d ON d.envelope_id = e.id "
                "ORDER BY e.received_at").fetchall()
        out: dict[str, list[tuple[str, int | None]]] = {}
        for ettn, envelope_id, code in rows:
            out.setdefault(ettn.upper(), []).append((envelope_id, code))
        return out

    # -- delivery to posta kutusu services ------------------------------------------------

    def set_target(self, alias: str, url: str | None) -> None:
        """Register (or with ``url`` None/empty, forget) the service of an alias."""
        with self._lock:
            if url:
                self._db.execute("INSERT OR REPLACE INTO delivery_target (alias, url) "
                                 "VALUES (?, ?)", (alias, url))
            else:
                self._db.execute("DELETE FROM delivery_target WHERE alias = ?", (alias,))

    def target(self, alias: str | None) -> str | None:
        if not alias:
            return None
        with self._lock:
            row = self._db.execute("SELECT url FROM delivery_target WHERE alias = ?",
                                   (alias.strip(),)).fetchone()
        return row[0] if row else None

    def targets(self) -> dict[str, str]:
        with self._lock:
            return dict(self._db.execute(
                "SELECT alias, url FROM delivery_target ORDER BY alias").fetchall())

    _DELIVERY_COLUMNS = (
        "d.envelope_id, d.alias, d.url, d.code, d.description, d.attempts, d.next_at, "
        "d.delivered_at, d.response_code, d.response_description, e.file_name, e.receiver_vkn")

    def delivery(self, envelope_id: str) -> DeliveryRow | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {self._DELIVERY_COLUMNS} FROM delivery d JOIN envelope e "
                "ON e.id = d.envelope_id WHERE d.envelope_id = ?",
                (envelope_id.lower(),)).fetchone()
        return DeliveryRow(*row) if row else None

    def due_deliveries(self, now: float) -> list[DeliveryRow]:
        """Deliveries whose next attempt (1200, 1210) or poll (1220) is due."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {self._DELIVERY_COLUMNS} FROM delivery d JOIN envelope e "
                "ON e.id = d.envelope_id WHERE d.code IN (1200, 1210, 1220) "
                "AND d.next_at <= ? ORDER BY d.next_at", (now,)).fetchall()
        return [DeliveryRow(*r) for r in rows]

    def next_delivery_at(self) -> float | None:
        with self._lock:
            row = self._db.execute("SELECT MIN(next_at) FROM delivery "
                                   "WHERE code IN (1200, 1210, 1220)").fetchone()
        return row[0] if row else None

    def update_delivery(self, envelope_id: str, *, code: int, description: str | None,
                        next_at: float | None, attempts: int | None = None,
                        delivered_at: float | None = None, response_code: int | None = None,
                        response_description: str | None = None,
                        only_from: tuple[int, ...] = (1200, 1210, 1220)) -> bool:
        """Move a delivery on (only while its code is one of ``only_from``); a failed end
        (1215, 1230) frees the envelope's invoices for a new envelope (Ek-2 §4.1).
        ``False`` when the delivery was not in such a state."""
        key = envelope_id.lower()
        marks = ", ".join("?" for _ in only_from)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                cur = self._db.execute(
                    "UPDATE delivery SET code = ?, description = ?, next_at = ?, "
                    "attempts = COALESCE(?, attempts), "
                    "delivered_at = COALESCE(?, delivered_at), "
                    "response_code = COALESCE(?, response_code), "
                    "response_description = COALESCE(?, response_description) "
                    f"WHERE envelope_id = ? AND code IN ({marks})",
                    (code, description, next_at, attempts, delivered_at, response_code,
                     response_description, key, *only_from))
                changed = cur.rowcount > 0
                if changed and code in (1215, 1230):
                    self._db.execute("DELETE FROM invoice WHERE envelope_id = ?", (key,))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return changed

    def add_outgoing(self, envelope_id: str, file_name: str, zip_bytes: bytes, *,
                     facts: dict, alias: str, url: str) -> None:
        """An envelope the simulator itself sends to a service (test plan §7 c): stored as
        checked and accepted, with its delivery due at once."""
        key = envelope_id.lower()
        now = clock.timestamp()
        path = self.zip_path(key)
        path.write_bytes(zip_bytes)
        with self._lock:
            self._db.execute(
                "INSERT INTO envelope (id, file_name, received_at, queued_until, "
                "processing_until, done_at, checked, description, envelope_date, sender_vkn, "
                "sender_alias, sender_name, receiver_vkn, receiver_alias, invoice_count) "
                "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 0)",
                (key, file_name, now, now, now, now, "SIMULATORUN KENDI GONDERIMI",
                 facts.get("envelope_date"), facts.get("sender_vkn"), facts.get("sender_alias"),
                 facts.get("sender_name"), facts.get("receiver_vkn"),
                 facts.get("receiver_alias")))
            self._db.execute(
                "INSERT INTO delivery (envelope_id, alias, url, code, attempts, next_at) "
                "VALUES (?, ?, ?, 1200, 0, ?)", (key, alias, url, now))
