"""Scheduled backups to a second place: another disk or a network folder.

The schedule is four business settings (``app.settings.BACKUP_*``): on/off, the folder, how
often (every day or every week, by Türkiye's calendar) and how many daily backups are kept.
Whoever runs — the posta kutusu service about once an hour, otherwise the window when it
opens and when it closes, or ``tezgah backup run-due`` from the system's scheduler — calls
:func:`run_due`, which does the work only when a backup is due and never two at once (an OS
file lock in the data folder, released with a killed process).

One run:

1. the backup is made by :func:`app.usecases.backup.backup` (checked database, read back
   before it gets its name) straight into the folder under a dated name
   ``tezgah-yedek-YYYYMMDD-HHMMSS.zip``;
2. it is read back once more from the folder (:func:`app.usecases.backup.verify_copy`): the
   database entry's SHA-256 against the one noted when it was made — network folders lie;
3. retention (:func:`to_delete`): kept are the newest backup of each of the last *N* days
   that have one (``BACKUP_KEEP``), the newest of each of the last 12 calendar months and the
   newest of each of the last 10 years (the legal keeping period of the documents); other
   files named like a Tezgâh backup are deleted. Nothing else in the folder is touched;
4. the outcome is recorded in the data folder (``yedek-durumu.json``): the last success
   (when, where, SHA-256, verified) and the last failure with its Turkish reason, for
   ``tezgah backup status`` and the window.

A failed backup never raises: it is recorded and returned, and the caller shows it.

On PostgreSQL the database is not a file in the data folder: the backup is a
``pg_dump --format=custom`` file ``tezgah-yedek-YYYYMMDD-HHMMSS.dump``, checked with
``pg_restore --list``, kept by the same retention; without ``pg_dump`` on the computer the
run records that it must be installed.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app import clock, settings
from app.context import AppContext
from app.domain.errors import UserError
from app.outbox.lock import exclusive_file_lock
from app.settings import JsonFile
from app.usecases import backup as backups

log = logging.getLogger("tezgah.db")

STATUS_FILE = "yedek-durumu.json"
LOCK_FILE = "yedek.lock"
PREFIX = "tezgah-yedek-"
#: Names this module makes and the only ones its retention may delete (``tezgah backup``'s
#: own default name, minutes only, is recognised too). ASCII digits only.
NAME = re.compile(r"^tezgah-yedek-([0-9]{8})-([0-9]{4}(?:[0-9]{2})?)(?:-([0-9]{1,3}))?"
                  r"\.(zip|dump)$", re.ASCII)
MONTHS_KEPT = 12
YEARS_KEPT = 10
#: A leftover ``.part`` of a killed run is removed once it is this old.
STALE_PART_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Schedule:
    enabled: bool
    folder: str
    frequency: str
    keep: int


@dataclass
class RunResult:
    """What :func:`run_due` did. ``state``: ``done``, ``failed``, ``not_due``, ``off`` or
    ``busy`` (another run holds the lock). ``message`` is Turkish, for the user."""

    state: str
    message: str = ""
    path: Path | None = None
    deleted: list[Path] = field(default_factory=list)
    warning: str = ""
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return self.state != "failed"


# -- the schedule ---------------------------------------------------------------------------


def schedule(ctx: AppContext) -> Schedule:
    with ctx.db.session() as s:
        return Schedule(settings.get(s, settings.BACKUP_ENABLED),
                        settings.get(s, settings.BACKUP_FOLDER),
                        settings.get(s, settings.BACKUP_FREQUENCY),
                        settings.get(s, settings.BACKUP_KEEP))


def set_schedule(ctx: AppContext, folder: str | Path, *, keep: int | None = None,
                 frequency: str | None = None) -> str:
    """Turn scheduled backups on into ``folder`` (which must exist and be writable); the
    Turkish warning to show ("" when none): the folder is on the data folder's disk."""
    target = Path(folder).expanduser()
    problem = folder_problem(target)
    if problem:
        raise UserError(problem, field="backup_folder")
    target = target.resolve()
    values: dict[str, Any] = {settings.BACKUP_ENABLED.key: True,
                              settings.BACKUP_FOLDER.key: str(target)}
    if keep is not None:
        values[settings.BACKUP_KEEP.key] = keep
    if frequency is not None:
        values[settings.BACKUP_FREQUENCY.key] = frequency
    with ctx.db.write_session() as s:
        settings.put_group(s, settings.BACKUP_SETTINGS, values, "Yedek")
    return same_disk_warning(ctx.data_dir, target)


def turn_off(ctx: AppContext) -> None:
    settings.write(ctx, settings.BACKUP_ENABLED, False)


def folder_problem(folder: Path) -> str:
    """Why backups cannot be written into ``folder`` (Turkish), or ""."""
    if not str(folder).strip():
        return "Yedek klasörü seçilmemiş."
    try:
        if not folder.exists():
            return (f"Yedek klasörü bulunamadı: {folder}. Disk takılı mı, ağ klasörü bağlı "
                    "mı? Klasör yoksa önce oluşturun.")
        if not folder.is_dir():
            return f"Yedek klasörü bir klasör değil: {folder}."
    except OSError as exc:
        return f"Yedek klasörüne ulaşılamıyor: {folder} ({exc.strerror or exc})."
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"Yedek klasörüne yazılamıyor: {folder}. Klasörün yazma iznini denetleyin."
    return ""


def same_disk_warning(data_dir: Path, folder: Path) -> str:
    """A Turkish warning when ``folder`` is on the same disk as the data folder."""
    try:
        same = Path(folder).stat().st_dev == Path(data_dir).stat().st_dev
    except OSError:
        return ""
    if not same:
        return ""
    return (f"Uyarı: yedek klasörü ({folder}) veri klasörüyle aynı diskte. Disk bozulursa "
            "yedekler de gider; başka bir disk, USB bellek ya da ağ klasörü seçin.")


# -- when a backup is due -------------------------------------------------------------------


def _status_file(data_dir: Path) -> JsonFile:
    return JsonFile(Path(data_dir) / STATUS_FILE)


def read_status(data_dir: Path) -> dict[str, Any]:
    """The recorded outcome of the scheduled backups (empty before the first)."""
    return _status_file(data_dir).load_or_empty()


def _moment(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return clock.to_istanbul(datetime.fromisoformat(text))
    except ValueError:
        return None


def _period_days(frequency: str) -> int:
    return 7 if frequency == "weekly" else 1


def next_due(ctx: AppContext, now: datetime | None = None) -> datetime | None:
    """When the next scheduled backup is due (Istanbul time); None when the schedule is off.
    Every day: from midnight of the day after the last success; every week: seven days
    after it, from midnight. Never made: now."""
    plan = schedule(ctx)
    if not plan.enabled:
        return None
    now = clock.to_istanbul(now) if now is not None else clock.now()
    last = _moment(read_status(ctx.data_dir).get("last_success"))
    if last is None:
        return now
    day = last.date() + timedelta(days=_period_days(plan.frequency))
    return datetime.combine(day, time(0, 0), tzinfo=clock.ISTANBUL)


def due(ctx: AppContext, now: datetime | None = None) -> bool:
    """Whether a scheduled backup should be made now (by Türkiye's calendar)."""
    at = next_due(ctx, now)
    if at is None:
        return False
    now = clock.to_istanbul(now) if now is not None else clock.now()
    return now >= at


# -- one run --------------------------------------------------------------------------------


class _Busy(Exception):
    pass


@contextmanager
def _lock(data_dir: Path) -> Iterator[None]:
    with exclusive_file_lock(Path(data_dir) / LOCK_FILE, _Busy):
        yield


def backup_name(now: datetime, suffix: str = "zip") -> str:
    return f"{PREFIX}{clock.to_istanbul(now):%Y%m%d-%H%M%S}.{suffix}"


def _free_name(folder: Path, now: datetime, suffix: str) -> Path:
    target = folder / backup_name(now, suffix)
    n = 1
    while target.exists() or target.with_name(target.name + ".part").exists():
        target = folder / f"{PREFIX}{clock.to_istanbul(now):%Y%m%d-%H%M%S}-{n}.{suffix}"
        n += 1
    return target


def run_due(ctx: AppContext, now: datetime | None = None, *, force: bool = False) -> RunResult:
    """Make the scheduled backup if it is due (or ``force``), verify it, apply retention and
    record the outcome. Never raises for a failed backup: the result says what happened."""
    now = clock.to_istanbul(now) if now is not None else clock.now()
    try:
        plan = schedule(ctx)
    except Exception as exc:  # the database cannot be read: no backup either
        log.exception("scheduled backup: settings could not be read")
        return RunResult("failed", f"Yedek ayarları okunamadı: {exc}")
    if not plan.enabled and not force:
        return RunResult("off", "Zamanlanmış yedek kapalı.")
    if not force and not due(ctx, now):
        return RunResult("not_due", "Yedek zamanı gelmedi.")
    try:
        with _lock(ctx.data_dir):
            result = _run(ctx, plan, now)
    except _Busy:
        return RunResult("busy", "Başka bir yedekleme şu anda sürüyor.")
    except OSError as exc:  # the lock file itself (data folder read-only …)
        result = RunResult("failed", f"Yedekleme başlatılamadı: {exc.strerror or exc}.")
    _record(ctx.data_dir, now, result)
    return result


def _run(ctx: AppContext, plan: Schedule, now: datetime) -> RunResult:
    folder = Path(plan.folder).expanduser()
    problem = folder_problem(folder)
    if problem:
        log.warning("scheduled backup not made: %s", problem)
        return RunResult("failed", f"Yedek alınamadı. {problem}")
    warning = same_disk_warning(ctx.data_dir, folder)
    try:
        if ctx.db.is_sqlite:
            target = _free_name(folder, now, "zip")
            backups.backup(ctx.data_dir, target)
            sha = backups.recorded_sha256(ctx.data_dir, target)
            if sha is None:
                raise UserError("Yedek yazıldı ama veri klasörüne not edilemedi; "
                                "doğrulanamadı.")
            backups.verify_copy(target, sha)
        else:
            target = _pg_dump(ctx, folder, now)
            sha = backups._sha256(target)
    except UserError as exc:
        log.warning("scheduled backup failed: %s", exc.message)
        return RunResult("failed", f"Yedek alınamadı. {exc.message}", warning=warning)
    except OSError as exc:
        log.warning("scheduled backup failed: %s", exc)
        return RunResult("failed", f"Yedek alınamadı: {folder} klasörüne yazılamadı "
                         f"({exc.strerror or exc}).", warning=warning)
    except Exception as exc:
        log.exception("scheduled backup failed unexpectedly")
        return RunResult("failed", f"Yedek alınamadı: beklenmeyen hata ({type(exc).__name__}: "
                         f"{exc}).", warning=warning)
    deleted = _apply_retention(folder, plan.keep, now, keep_also=target)
    log.info("scheduled backup written and verified: %s (%d old ones deleted)", target,
             len(deleted))
    return RunResult("done", f"Yedek alındı ve doğrulandı: {target}", path=target,
                     deleted=deleted, warning=warning, sha256=sha)


def _record(data_dir: Path, now: datetime, result: RunResult) -> None:
    status = read_status(data_dir)
    stamp = now.isoformat(timespec="seconds")
    status["last_attempt"] = stamp
    if result.state == "done":
        status.update({"last_success": stamp, "last_path": str(result.path),
                       "last_sha256": result.sha256, "verified": True,
                       "last_error": "", "last_error_at": ""})
    else:
        status.update({"last_error": result.message, "last_error_at": stamp})
    status["warning"] = result.warning
    try:
        _status_file(data_dir).save(status)
    except OSError as exc:
        log.warning("the backup's outcome could not be recorded in %s: %s", data_dir, exc)


# -- retention ------------------------------------------------------------------------------


def recognised(folder: Path) -> list[tuple[datetime, Path]]:
    """The Tezgâh backups in ``folder`` (by name), newest first."""
    found = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for path in entries:
        m = NAME.match(path.name)
        if m is None or not path.is_file() or path.is_symlink():
            continue
        hhmm = m.group(2) if len(m.group(2)) == 6 else m.group(2) + "00"
        try:
            at = datetime.strptime(m.group(1) + hhmm, "%Y%m%d%H%M%S")
        except ValueError:
            continue
        found.append((at.replace(tzinfo=clock.ISTANBUL) + timedelta(
            microseconds=int(m.group(3) or 0)), path))
    found.sort(key=lambda x: (x[0], x[1].name), reverse=True)
    return found


def to_delete(found: list[tuple[datetime, Path]], keep: int, now: datetime) -> list[Path]:
    """Which of ``found`` (newest first) retention removes: everything but the newest of
    each of the last ``keep`` days that have a backup, of each of the last 12 months and of
    each of the last 10 years (the newest backup is always kept)."""
    today = clock.to_istanbul(now).date()
    first_month = (today.year * 12 + today.month - 1) - (MONTHS_KEPT - 1)
    kept: set[Path] = set()
    days: set[date] = set()
    months: set[int] = set()
    years: set[int] = set()
    for at, path in found:
        if not kept:
            kept.add(path)
        day = at.date()
        if day not in days and len(days) < keep:
            days.add(day)
            kept.add(path)
        month = at.year * 12 + at.month - 1
        if month >= first_month and month not in months:
            months.add(month)
            kept.add(path)
        if at.year > today.year - YEARS_KEPT and at.year not in years:
            years.add(at.year)
            kept.add(path)
    return [path for _, path in found if path not in kept]


def _apply_retention(folder: Path, keep: int, now: datetime, keep_also: Path) -> list[Path]:
    deleted = []
    for path in to_delete(recognised(folder), keep, now):
        if path == keep_also:
            continue
        try:
            path.unlink()
            deleted.append(path)
        except OSError as exc:
            log.warning("old backup %s could not be deleted: %s", path, exc)
    # A killed run's half-written file (only ours, by name, and only an old one).
    with suppress(OSError):
        for part in folder.glob(PREFIX + "*.part"):
            if (NAME.match(part.name[:-len(".part")])
                    and clock.file_clock() - part.stat().st_mtime > STALE_PART_SECONDS):
                with suppress(OSError):
                    part.unlink()
    return deleted


# -- PostgreSQL -----------------------------------------------------------------------------


def _pg_dump(ctx: AppContext, folder: Path, now: datetime) -> Path:
    """``pg_dump`` of the shared database into ``folder``, read back from the disk with
    ``pg_restore --list`` (app.db.pgdump)."""
    from app.db import pgdump

    target = _free_name(folder, now, "dump")
    pgdump.write(ctx.db, target)
    backups._drop_cache(target)
    pgdump.check(target)
    return target


# -- for the command line and the window ----------------------------------------------------


def status(ctx: AppContext, now: datetime | None = None) -> dict[str, Any]:
    """Everything ``tezgah backup status`` and the window show."""
    plan = schedule(ctx)
    record = read_status(ctx.data_dir)
    folder = Path(plan.folder).expanduser() if plan.folder else None
    at = next_due(ctx, now)
    return {
        "enabled": plan.enabled, "folder": str(folder) if folder else "",
        "frequency": plan.frequency, "keep": plan.keep,
        "last_success": record.get("last_success", ""), "last_path": record.get("last_path", ""),
        "verified": bool(record.get("verified")) and bool(record.get("last_success")),
        "last_sha256": record.get("last_sha256", ""),
        "last_error": record.get("last_error", ""),
        "last_error_at": record.get("last_error_at", ""),
        "next_due": at.isoformat(timespec="seconds") if at else "",
        "due": due(ctx, now),
        "folder_problem": folder_problem(folder) if folder and plan.enabled else "",
        "warning": same_disk_warning(ctx.data_dir, folder) if folder and plan.enabled else "",
        "engine": "sqlite" if ctx.db.is_sqlite else "postgresql",
    }


def describe(info: dict[str, Any]) -> list[str]:
    """``status`` as Turkish lines."""
    def when(text: str) -> str:
        at = _moment(text)
        return f"{at:%d.%m.%Y %H:%M}" if at else "—"

    every = "her gün" if info["frequency"] == "daily" else "her hafta"
    lines = [f"Zamanlanmış yedek: {'açık' if info['enabled'] else 'kapalı'}"]
    if info["folder"]:
        lines.append(f"Yedek klasörü: {info['folder']} ({every}; son {info['keep']} günün "
                     f"yedeği, son {MONTHS_KEPT} ayın ve son {YEARS_KEPT} yılın her birinden "
                     "birer yedek saklanır)")
    if info["last_success"]:
        lines.append(f"Son yedek: {when(info['last_success'])} — {info['last_path']} "
                     f"({'doğrulandı' if info['verified'] else 'doğrulanmadı'})")
    else:
        lines.append("Son yedek: henüz alınmadı")
    if info["last_error"]:
        lines.append(f"Son hata ({when(info['last_error_at'])}): {info['last_error']}")
    if info["enabled"]:
        lines.append(f"Sıradaki yedek: {'şimdi' if info['due'] else when(info['next_due'])}")
    for extra in (info["folder_problem"], info["warning"]):
        if extra:
            lines.append(extra)
    return lines
