"""The watched folder ("gelen dosyalar"): an invoice JSON or an unsigned UBL-TR invoice that
another program (a till, an ERP) writes into it becomes a draft.

The folder is ``<data folder>/gelen-dosyalar`` unless the ``WATCH_FOLDER`` setting names
another one. Each scan takes every complete ``*.json`` / ``*.xml`` file (any case) of the
folder itself — not of its sub-folders — once:

* a file is complete when it has not changed for ``QUIET_SECONDS`` (by its modification
  time), or when a watcher that scans again and again finds it unchanged (size and time)
  between two scans; hidden names (``.x``, ``~x``) and ``*.tmp`` / ``*.part`` are never
  taken, so a writer that writes under such a name and renames the file into place when
  done is never read half-written;
* it is claimed by renaming it into ``isleniyor/`` (an atomic rename: of two watchers on
  one folder only one gets it), with a stamp that keeps every name unique;
* a JSON file holds one invoice (an object) or several (a list; all become drafts or none);
  a UBL file holds one invoice whose supplier is this company;
* done: the drafts are stored and the file goes to ``islenen/``; refused: it goes to
  ``hatalı/`` with ``<name>.txt`` beside it saying in Turkish what is wrong and what to fix.

Exactly once: before any draft is made, the ETTNs the file's drafts get are written beside
the claimed file (``<name>.taslak``, with the file's SHA-256). A scan that finds a claimed
file left behind (the process died) makes only the drafts of those ETTNs that do not exist
yet, then moves the file: a file never becomes two drafts. One scan at a time runs on a
folder (an OS lock on ``.tezgah.lock`` in it); a watcher that finds it busy skips the turn.
A failure that is not the file's fault (the database is locked or gone) leaves the claimed
file where it is; the next scan tries it again.

Reading where the folder is (``folder_path``) loads no document code: ``tezgah folder path``
stays light.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from app import clock, settings
from app.context import AppContext
from app.db.repositories import invoices as invoices_repo
from app.domain.errors import NotFoundError, UserError
from app.domain.invoice import InvoiceData
from app.outbox import failpoints
from app.outbox.lock import exclusive_file_lock
from app.usecases.company import require_company

log = logging.getLogger("tezgah.folder")

DEFAULT_FOLDER_NAME = "gelen-dosyalar"
CLAIMED, PROCESSED, FAILED = "isleniyor", "islenen", "hatalı"
SUFFIXES = (".json", ".xml")
PARTIAL_SUFFIXES = (".tmp", ".part")
JOURNAL_SUFFIX = ".taslak"
LOCK_NAME = ".tezgah.lock"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_INVOICES_PER_FILE = 500
#: A file that changed less than this many seconds ago may still be being written.
QUIET_SECONDS = 2.0
#: Named point where a crash test kills the process (``app.outbox.failpoints``).
FAILPOINT_AFTER_DRAFT = "folder-after-draft"


# -- the report -----------------------------------------------------------------------------

@dataclass(frozen=True)
class FileOutcome:
    name: str  # the name the file had in the folder
    moved_to: Path | None  # where it is now (None: left in isleniyor/ to try again)
    ettns: tuple[str, ...] = ()
    reason: str = ""  # why it was refused (Turkish), or why it waits
    field: str | None = None
    already: bool = False  # its drafts were made before a restart; only moved now

    @property
    def ok(self) -> bool:
        return self.moved_to is not None and not self.reason

    @property
    def refused(self) -> bool:
        return self.moved_to is not None and bool(self.reason)


@dataclass
class ScanReport:
    folder: Path
    outcomes: list[FileOutcome] = field(default_factory=list)
    waiting: int = 0  # files still being written: taken by a later scan
    busy: bool = False  # another watcher was scanning the folder: nothing done

    @property
    def drafts(self) -> int:
        return sum(len(o.ettns) for o in self.outcomes if o.ok and not o.already)

    @property
    def refused(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.refused]

    @property
    def retrying(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.moved_to is None]

    @property
    def failed_folder(self) -> Path:
        return self.folder / FAILED

    def summary(self) -> str:
        """One Turkish line for a status bar; empty when nothing happened."""
        parts = []
        if self.drafts:
            parts.append(f"Klasörden {self.drafts} taslak geldi")
        if self.refused:
            parts.append(f"{len(self.refused)} dosya hatalı: "
                         f"{self.folder.name}/{FAILED}")
        if self.retrying:
            parts.append(f"{len(self.retrying)} dosya işlenemedi, yeniden denenecek")
        return "; ".join(parts)


# -- where ----------------------------------------------------------------------------------

def folder_path(ctx: AppContext) -> Path:
    """The watched folder: the ``WATCH_FOLDER`` setting (relative to the data folder when
    not absolute) or ``<data folder>/gelen-dosyalar``."""
    configured = settings.read(ctx, settings.WATCH_FOLDER).strip()
    if not configured:
        return ctx.data_dir / DEFAULT_FOLDER_NAME
    path = Path(configured).expanduser()
    return path if path.is_absolute() else ctx.data_dir / path


def watching_enabled(ctx: AppContext) -> bool:
    return bool(settings.read(ctx, settings.WATCH_FOLDER_ENABLED))


class _Busy(Exception):
    pass


# -- one scan -------------------------------------------------------------------------------

def scan(ctx: AppContext, folder: Path | None = None, *,
         quiet_seconds: float = QUIET_SECONDS,
         seen: dict[str, tuple[int, int]] | None = None) -> ScanReport:
    """Process every complete file of the folder once (see the module's description).

    ``seen``, kept by a caller that scans again and again (``Watching``), remembers the
    size and time of the files that looked new: one that is the same at the next scan is
    complete too, whatever its time says."""
    folder = folder or folder_path(ctx)
    report = ScanReport(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"İzlenen klasör oluşturulamadı: {folder} ({exc.strerror or exc}). "
                        "Ayarlar'dan klasörü denetleyin.") from exc
    try:
        with exclusive_file_lock(folder / LOCK_NAME, _Busy):
            _Scan(ctx, folder, report, seen).run(quiet_seconds)
    except _Busy:
        report.busy = True
    return report


class _Scan:
    def __init__(self, ctx: AppContext, folder: Path, report: ScanReport,
                 seen: dict[str, tuple[int, int]] | None) -> None:
        self.ctx, self.folder, self.report, self.seen = ctx, folder, report, seen
        self.claimed = folder / CLAIMED

    def run(self, quiet_seconds: float) -> None:
        if self.claimed.is_dir():  # left behind by a scan that did not finish
            for path in sorted(self.claimed.iterdir()):
                if path.is_file() and path.name.lower().endswith(SUFFIXES):
                    self._process(path, _original_name(path.name))
                elif path.name.endswith(JOURNAL_SUFFIX) and not _journal_owner(path).exists():
                    path.unlink(missing_ok=True)  # its file was moved before the crash
                elif path.name.endswith(JOURNAL_SUFFIX + ".tmp"):
                    path.unlink(missing_ok=True)
        now = clock.file_clock()
        for path in sorted(self.folder.iterdir(), key=lambda p: p.name):
            if not _candidate(path.name):
                continue
            try:
                st = path.lstat()
            except OSError:
                continue  # another watcher took it
            if path.is_symlink() or not path.is_file():
                if path.is_symlink():
                    self._refuse_unclaimed(path, "Dosya bir kısayol (sembolik bağlantı); "
                                                 "dosyanın kendisini bırakın.")
                continue
            if now - st.st_mtime < quiet_seconds and not self._unchanged(path.name, st):
                self.report.waiting += 1
                continue
            target = self._claim(path)
            if target is not None:
                self._process(target, path.name)
        if self.seen is not None:  # forget what is gone
            present = {p.name for p in self.folder.iterdir()}
            for name in [n for n in self.seen if n not in present]:
                del self.seen[name]

    def _unchanged(self, name: str, st: os.stat_result) -> bool:
        """The file looks the same as at the previous scan of this watcher (a writer whose
        clock runs ahead of this computer's makes files that look new for a long time)."""
        if self.seen is None:
            return False
        signature = (st.st_size, st.st_mtime_ns)
        if self.seen.get(name) == signature:
            return True
        self.seen[name] = signature
        return False

    # -- claiming and moving ----------------------------------------------------------------
    def _claim(self, path: Path) -> Path | None:
        self.claimed.mkdir(exist_ok=True)
        target = self.claimed / _stamped(path.name)
        try:
            os.rename(path, target)
        except FileNotFoundError:
            return None  # another watcher claimed it first
        except OSError:  # Windows: the writer still has it open; the next scan tries again
            self.report.waiting += 1
            return None
        return target

    def _move(self, path: Path, where: str) -> Path:
        folder = self.folder / where
        folder.mkdir(exist_ok=True)
        target = folder / path.name
        if target.exists():  # never overwrite: the stamp makes this rare
            target = folder / _stamped(path.name)
        os.replace(path, target)
        return target

    def _refuse_unclaimed(self, path: Path, reason: str) -> None:
        target = self._claim(path)
        if target is not None:
            self._refuse(target, path.name, UserError(reason))

    def _refuse(self, path: Path, name: str, exc: UserError) -> None:
        failed = self.folder / FAILED
        failed.mkdir(exist_ok=True)
        (failed / f"{path.name}.txt").write_text(_explanation(name, self.folder.name, exc),
                                                 encoding="utf-8")
        moved = self._move(path, FAILED)
        _journal(path).unlink(missing_ok=True)
        log.info("watched folder: %s refused: %s", name, exc.message)
        self.report.outcomes.append(FileOutcome(name, moved, reason=exc.message,
                                                field=exc.field))

    # -- one claimed file -------------------------------------------------------------------
    def _process(self, path: Path, name: str) -> None:
        try:
            self._make_drafts(path, name)
        except UserError as exc:
            self._refuse(path, name, exc)
        except Exception as exc:  # the database, the disk: not the file's fault
            from app.usecases.failures import explain

            log.exception("watched folder: %s not processed; tried again later", name)
            failure = explain(exc, self.ctx.data_dir)
            reason = failure.message if failure is not None else f"{type(exc).__name__}: {exc}"
            self.report.outcomes.append(FileOutcome(name, None, reason=reason))

    def _make_drafts(self, path: Path, name: str) -> None:
        size = path.stat().st_size
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
        if max(size, len(data)) > MAX_FILE_BYTES:
            raise UserError(f"Dosya çok büyük ({max(size, len(data)):,} bayt); en fazla "
                            f"{MAX_FILE_BYTES:,} bayt kabul edilir. Faturaları daha küçük "
                            "dosyalara bölün.".replace(",", "."))
        digest = hashlib.sha256(data).hexdigest()
        ettns = _read_journal(path, digest)
        if ettns and all(_exists(self.ctx, e) for e in ettns):
            self._done(path, name, ettns, already=True)  # made before the process stopped
            return
        invoices = read_invoices(self.ctx, name, data)
        for i, inv in enumerate(invoices):  # every one is checked before any is stored
            try:
                check_invoice(self.ctx, inv)
            except UserError as exc:
                raise UserError(_which(i, len(invoices)) + exc.message,
                                field=_field(i, len(invoices), exc.field)) from exc
        if ettns is None or len(ettns) != len(invoices):
            ettns = [_given_ettn(inv) or str(uuid.uuid4()).upper() for inv in invoices]
            for i, ettn in enumerate(ettns):
                if _exists(self.ctx, ettn):
                    raise UserError(f"{_which(i, len(ettns))}{ettn} ETTN'li bir fatura zaten "
                                    "var; aynı fatura ikinci kez taslak yapılmaz. Yeni bir "
                                    "fatura için ETTN'yi (UUID) değiştirin ya da silin.",
                                    field=_field(i, len(ettns), "ettn"))
            _write_journal(path, digest, ettns)
        from app.usecases.invoices import create_draft, delete_drafts

        try:
            for i, (inv, ettn) in enumerate(zip(invoices, ettns, strict=True)):
                if _exists(self.ctx, ettn):
                    continue  # made before the process stopped
                try:
                    create_draft(self.ctx, {**inv, "ettn": ettn})
                except UserError as exc:
                    raise UserError(_which(i, len(ettns)) + exc.message,
                                    field=_field(i, len(ettns), exc.field)) from exc
                failpoints.hit(FAILPOINT_AFTER_DRAFT)
        except UserError:
            made = [e for e in ettns if _exists(self.ctx, e)]
            if made:  # all or nothing: the drafts of this file made so far go
                delete_drafts(self.ctx, made)
            raise
        self._done(path, name, ettns, already=False)

    def _done(self, path: Path, name: str, ettns: list[str], *, already: bool) -> None:
        moved = self._move(path, PROCESSED)
        _journal(path).unlink(missing_ok=True)
        log.info("watched folder: %s → %d draft(s)", name, len(ettns))
        self.report.outcomes.append(FileOutcome(name, moved, tuple(ettns), already=already))


def _candidate(name: str) -> bool:
    low = name.lower()
    if name.startswith((".", "~")) or low.endswith(PARTIAL_SUFFIXES):
        return False
    return low.endswith(SUFFIXES)


def _stamped(name: str) -> str:
    """A name no other file of the folder has: the moment and a random part before it."""
    return f"{clock.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}-{name}"


def _original_name(stamped: str) -> str:
    parts = stamped.split("-", 3)
    return parts[3] if len(parts) == 4 else stamped


def _journal(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def _journal_owner(journal: Path) -> Path:
    return journal.with_name(journal.name.removesuffix(JOURNAL_SUFFIX))


def _write_journal(path: Path, digest: str, ettns: list[str]) -> None:
    journal = _journal(path)
    tmp = journal.with_name(journal.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"sha256": digest, "ettns": ettns}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, journal)


def _read_journal(path: Path, digest: str) -> list[str] | None:
    try:
        stored = json.loads(_journal(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("sha256") != digest:
        return None
    ettns = stored.get("ettns")
    return ettns if isinstance(ettns, list) and all(isinstance(e, str) for e in ettns) else None


def _given_ettn(inv: dict[str, Any]) -> str:
    value = inv.get("ettn")
    return value.strip().upper() if isinstance(value, str) else ""


def _exists(ctx: AppContext, ettn: str) -> bool:
    with ctx.db.session() as s:
        return invoices_repo.out_ettn_exists(s, ettn)


def _which(i: int, count: int) -> str:
    return f"{i + 1}. fatura: " if count > 1 else ""


def _field(i: int, count: int, name: str | None) -> str | None:
    if count == 1:
        return name
    return f"[{i}]" + (f".{name}" if name and not name.startswith("[") else name or "")


def _explanation(name: str, folder_name: str, exc: UserError) -> str:
    lines = ["Bu dosyadan taslak oluşturulamadı.", "", f"Dosya: {name}",
             f"Neden: {exc.message}"]
    if exc.field:
        lines.append(f"Alan: {exc.field}")
    lines += ["", f"Ne yapmalı: dosyayı düzeltip yeniden {folder_name} klasörüne bırakın. "
              f"Bu klasördeki ({FAILED}) dosyalar bir daha işlenmez.",
              f"Zaman: {clock.now():%d.%m.%Y %H:%M:%S}", ""]
    return "\n".join(lines)


# -- reading a file -------------------------------------------------------------------------

def read_invoices(ctx: AppContext, name: str, data: bytes) -> list[dict[str, Any]]:
    """The invoice JSONs of one file (JSON: an object or a list; UBL: one invoice), with the
    company's series where a file names none."""
    try:
        if name.lower().endswith(".xml"):
            from app.ubl.draft_import import ubl_to_invoice_json

            company = require_company(ctx)
            invoices = [ubl_to_invoice_json(data, company=company, max_bytes=MAX_FILE_BYTES)]
        else:
            invoices = _json_invoices(data)
    except (UserError, OSError):
        raise
    except Exception as exc:  # a file nobody foresaw: refused, not tried again for ever
        log.exception("watched folder: %s could not be read", name)
        raise UserError(f"Dosya okunamadı ({type(exc).__name__}); ayrıntı tezgah.log "
                        "dosyasında. Dosyayı fatura JSON'u olarak vermeyi deneyin.") from exc
    from app.usecases.drafts import with_company_series

    return [with_company_series(ctx, inv) for inv in invoices]


def check_invoice(ctx: AppContext, data: dict[str, Any]) -> None:
    """The checks ``create_draft`` makes, without storing anything."""
    from app.usecases.catalog import find_customer

    customer = data.get("customer")
    party = None
    if isinstance(customer, str):
        try:
            party = find_customer(ctx, customer)
        except NotFoundError as exc:
            raise NotFoundError(exc.message, field="customer") from None
    InvoiceData.from_json(data, customer=party)


def _json_invoices(data: bytes) -> list[dict[str, Any]]:
    if not data.strip():
        raise UserError("Dosya boş; bir fatura JSON'u bekleniyordu.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("Dosya UTF-8 metin değil; fatura JSON'unu UTF-8 olarak kaydedin.") from None
    try:
        value = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise UserError(f"Dosya geçerli bir JSON değil (satır {exc.lineno}, sütun "
                        f"{exc.colno}): {exc.msg}.") from None
    except RecursionError:
        raise UserError("Dosya çok derin iç içe geçmiş; bir fatura JSON'u olamaz.") from None
    except ValueError:  # an integer of thousands of digits
        raise UserError("Dosyada çok uzun bir sayı var; sayıları metin olarak ve makul "
                        "uzunlukta yazın.") from None
    invoices = value if isinstance(value, list) else [value]
    if not invoices:
        raise UserError("Dosyadaki liste boş; en az bir fatura olmalı.")
    if len(invoices) > MAX_INVOICES_PER_FILE:
        raise UserError(f"Dosyada {len(invoices)} fatura var; bir dosyada en fazla "
                        f"{MAX_INVOICES_PER_FILE} fatura olabilir.")
    for i, inv in enumerate(invoices):
        if not isinstance(inv, dict):
            raise UserError(f"{_which(i, len(invoices))}fatura bir JSON nesnesi ({{…}}) "
                            "olmalı.", field=_field(i, len(invoices), None))
    return [dict(inv) for inv in invoices]


def _no_constant(name: str) -> Any:
    raise UserError(f"JSON'da {name} geçerli bir değer değil; sayıları metin olarak yazın.")


# -- watching in a thread -------------------------------------------------------------------

class Watching:
    """A thread that scans the folder every ``interval`` seconds until ``stop``."""

    def __init__(self, ctx: AppContext, interval: float,
                 on_report: Callable[[ScanReport], None], folder: Path | None,
                 only_when_enabled: bool,
                 on_error: Callable[[Exception], None] | None = None) -> None:
        self.ctx, self.interval, self.on_report = ctx, interval, on_report
        self.on_error = on_error
        self.folder, self.only_when_enabled = folder, only_when_enabled
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._seen: dict[str, tuple[int, int]] = {}
        self._thread = threading.Thread(target=self._loop, name="tezgah-folder", daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._once()
            self._wake.wait(self.interval)
            self._wake.clear()

    def _once(self) -> None:
        try:
            if self.only_when_enabled and not watching_enabled(self.ctx):
                return
            report = scan(self.ctx, self.folder, seen=self._seen)
        except Exception as exc:  # the next turn tries again
            log.warning("watched folder not scanned: %s", exc)
            if self.on_error is not None:
                with contextlib.suppress(Exception):
                    self.on_error(exc)
            return
        try:
            self.on_report(report)
        except Exception:
            log.exception("watched folder: the report could not be delivered")

    def scan_now(self) -> None:
        """Scan at once instead of at the end of the interval."""
        self._wake.set()

    def stop(self, timeout: float | None = 30.0) -> None:
        """Stop after the scan under way (if any) and wait for the thread."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)


def start_watching(ctx: AppContext, interval: float,
                   on_report: Callable[[ScanReport], None], *, folder: Path | None = None,
                   only_when_enabled: bool = True,
                   on_error: Callable[[Exception], None] | None = None) -> Watching:
    """Scan now and then every ``interval`` seconds in a daemon thread; ``on_report(report)``
    is called in that thread after each scan. With ``only_when_enabled`` the
    ``WATCH_FOLDER_ENABLED`` setting is read before each scan (turning it off in Ayarlar
    pauses the watching). An error in one scan (the folder is unreachable, the database
    locked) is logged, given to ``on_error`` (in that thread) and never ends the loop.
    ``Watching.scan_now()`` asks for a scan at once, ``Watching.stop()`` ends the thread."""
    if interval <= 0:
        raise UserError("Tarama aralığı sıfırdan büyük olmalı.")
    watching = Watching(ctx, interval, on_report, folder, only_when_enabled, on_error)
    watching._thread.start()
    return watching

