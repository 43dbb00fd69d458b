"""A damaged, emptied or lost database, a full, read-only or locked data folder, and backups
that are not what they claim: refused with a Turkish message, an exit code and a log entry,
never a traceback, and nothing half-written."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import subprocess
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.cli import main
from app.context import AppContext
from app.db import engine, files
from app.domain.errors import UserError
from app.usecases import backup, failures
from app.usecases.invoices import create_draft, issue_invoice, list_invoices
from tests.fixtures.app import CUSTOMER, invoice_json, make_context


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _db(ctx: AppContext) -> Path:
    return ctx.data_dir / "tezgah.sqlite3"


def _closed(ctx: AppContext) -> Path:
    """Close every connection (the WAL is checkpointed into the file) and return the file."""
    engine.close_all()
    return _db(ctx)


def _garbage_at_page(path: Path, table: str, size: int = 8192) -> None:
    """Overwrite ``size`` bytes of ``table``'s own pages (consecutive ones, never the
    schema's) with garbage."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = {r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))}
    conn.close()
    span = -(-size // page_size)
    first = min(p for p in pages if all(p + i in pages for i in range(span)))
    with open(path, "r+b") as f:
        f.seek((first - 1) * page_size)
        f.write(bytes((i * 37 + 11) % 256 for i in range(size)))


@pytest.fixture
def issued(app_ctx: AppContext) -> AppContext:
    for _ in range(3):
        issue_invoice(app_ctx, create_draft(app_ctx, invoice_json()), sign=None)
    return app_ctx


# --- 5: a damaged database is neither used nor backed up --------------------------------

def test_a_damaged_database_is_not_backed_up(issued: AppContext, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    d = str(issued.data_dir)
    good = tmp_path / "iyi.zip"
    assert run(capsys, "--data-dir", d, "backup", "--out", str(good))[0] == 0
    good_bytes = good.read_bytes()
    _garbage_at_page(_closed(issued), "documents")  # 8 KB of garbage inside the file
    target = tmp_path / "bozuk.zip"
    code, out, err = run(capsys, "--data-dir", d, "backup", "--out", str(target))
    assert code == failures.EXIT_DAMAGED, (out, err)
    assert "Yedek alındı" not in out and "Traceback" not in err
    assert "Yedek alınmadı" in err and "bozuk" in err and str(good) in err  # the way back
    assert not target.exists() and not target.with_name(target.name + ".part").exists()
    assert good.read_bytes() == good_bytes
    assert "failed its check" in (issued.data_dir / "tezgah.log").read_text(encoding="utf-8")


def test_a_damaged_ledger_or_header_is_refused_at_start(
        issued: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(issued.data_dir)
    _garbage_at_page(_closed(issued), "number_series", 4096)
    code, out, err = run(capsys, "--data-dir", d, "invoice", "list")
    assert code == failures.EXIT_DAMAGED and "Veritabanı bozuk" in err and "restore" in err
    assert "Traceback" not in err and out == ""
    engine.close_all()
    with open(_db(issued), "r+b") as f:
        f.write(b"\x00" * 100)  # the header itself
    code, _, err = run(capsys, "--data-dir", d, "customer", "list")
    assert code == failures.EXIT_DAMAGED and "Veritabanı bozuk" in err


def test_damage_found_while_working_says_the_way_back(
        issued: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    """Garbage in a large table passes the start check; reading it ends in the same
    message, not a traceback."""
    d = str(issued.data_dir)
    _garbage_at_page(_closed(issued), "invoices", 4096)
    code, _, err = run(capsys, "--data-dir", d, "invoice", "list")
    assert code == failures.EXIT_DAMAGED and "Veritabanı bozuk" in err and "Traceback" not in err


def test_an_emptied_or_lost_database_does_not_restart_numbering(
        issued: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = issued.data_dir
    saved = backup.backup(d, tmp_path / "yedek.zip")
    _closed(issued).write_bytes(b"")  # 0 bytes
    with pytest.raises(files.DatabaseUnusable, match=r"boş \(0 bayt\)") as exc:
        AppContext(d)
    assert "1'den yeniden başlar" in exc.value.message and str(saved) in exc.value.message
    _db(issued).unlink()
    code, _, err = run(capsys, "--data-dir", str(d), "invoice", "new", "--json", "-")
    assert code == failures.EXIT_DAMAGED and "Veritabanı yok" in err
    assert not _db(issued).exists()
    # The way back: restore the latest backup; the numbering goes on where it was.
    code, _out, err = run(capsys, "--data-dir", str(d), "restore", str(saved))
    assert code == 0, err
    ctx = AppContext(d)
    assert issue_invoice(ctx, create_draft(ctx, invoice_json()), sign=None).number == \
        "ABC2026000000004"


def test_a_folder_with_a_signer_but_no_database_is_not_a_first_start(tmp_path: Path) -> None:
    d = tmp_path / "eski"
    (d / "signer").mkdir(parents=True)
    (d / "signer" / "signer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(files.DatabaseUnusable, match="imza klasörü"):
        AppContext(d)
    fresh = AppContext(tmp_path / "yeni")  # a truly new folder starts fresh
    assert list_invoices(fresh) == []
    assert (fresh.data_dir / files.MARKER).exists()


def test_a_signer_set_up_before_anything_else_is_still_a_first_start(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(tmp_path / "ilk")
    code, _, err = run(capsys, "--data-dir", d, "signer", "test-certificate", "--vkn-tckn",
                       "3880530121", "--name", "Deneme A.Ş.")
    assert code == 0, err
    code, _, err = run(capsys, "--data-dir", d, "customer", "list")
    assert code == 0, err


# --- 12: restore trusts nothing in the zip ----------------------------------------------

def _zip(path: Path, db: bytes | Path, note: str = "Tezgâh yedeği\n") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if isinstance(db, Path):
            z.write(db, backup.DB_NAME)
        else:
            z.writestr(backup.DB_NAME, db)
        z.writestr(backup.NOTE_NAME, note)
    return path


def test_restore_refuses_what_is_not_a_whole_tezgah_database(
        issued: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = issued.data_dir
    before = [r["number"] for r in list_invoices(issued)]
    not_sqlite = _zip(tmp_path / "a.zip", b"PK but not a database " * 1000)
    with pytest.raises(UserError, match="SQLite veritabanı değil"):
        backup.restore(d, not_sqlite)
    good = backup.backup(d, tmp_path / "iyi.zip")
    broken_copy = tmp_path / "kopya.sqlite3"
    with zipfile.ZipFile(good) as z:
        broken_copy.write_bytes(z.read(backup.DB_NAME))
    _garbage_at_page(broken_copy, "documents")
    with pytest.raises(UserError, match="veritabanı bozuk"):
        backup.restore(d, _zip(tmp_path / "b.zip", broken_copy))
    other = sqlite3.connect(tmp_path / "other.sqlite3")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    with pytest.raises(UserError, match="Tezgâh veritabanı değil"):
        backup.restore(d, _zip(tmp_path / "c.zip", tmp_path / "other.sqlite3"))
    noted = "Tezgâh yedeği\nveritabanı: SHA-256 " + "0" * 64 + "\n"
    with zipfile.ZipFile(good) as z:
        whole = tmp_path / "butun.sqlite3"
        whole.write_bytes(z.read(backup.DB_NAME))
    with pytest.raises(UserError, match="özetle"):
        backup.restore(d, _zip(tmp_path / "d.zip", whole, noted))
    code, _, err = run(capsys, "--data-dir", str(d), "restore", str(not_sqlite))
    assert code == 1 and "SQLite veritabanı değil" in err and "Traceback" not in err
    assert [r["number"] for r in list_invoices(AppContext(d))] == before
    assert not list(d.glob(".geri-yukleme-*"))


def test_restore_checks_sizes_before_decompressing(
        issued: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = tmp_path / "bomba.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open(backup.DB_NAME, "w", force_zip64=True) as f:
            block = files.SQLITE_MAGIC + bytes(1024 * 1024 - len(files.SQLITE_MAGIC))
            for _ in range(64):
                f.write(block)
        z.writestr(backup.NOTE_NAME, "Tezgâh yedeği\n")
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def watch(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", watch)
    monkeypatch.setattr(backup, "MAX_DATABASE_BYTES", 32 * 1024 * 1024)
    with pytest.raises(UserError, match="en çok"):
        backup.restore(issued.data_dir, bomb)
    assert backup.DB_NAME not in opened  # refused from the zip's directory alone
    monkeypatch.setattr(backup, "MAX_DATABASE_BYTES", 1024**3)
    monkeypatch.setattr(backup.shutil, "disk_usage",
                        lambda _p: SimpleNamespace(total=0, used=0, free=10 * 1024 * 1024))
    with pytest.raises(UserError, match="diskinde yer yok"):
        backup.restore(issued.data_dir, bomb)
    assert backup.DB_NAME not in opened


def test_restore_streams_a_large_database(issued: AppContext, tmp_path: Path) -> None:
    """A 64 MB database goes through a restore without being held in memory."""
    conn = sqlite3.connect(_closed(issued))
    conn.execute("CREATE TABLE ballast (b BLOB)")
    conn.execute("INSERT INTO ballast VALUES (zeroblob(64 * 1024 * 1024))")
    conn.commit()
    conn.close()
    big = backup.backup(issued.data_dir, tmp_path / "buyuk.zip")
    tracemalloc.start()
    try:
        backup.restore(issued.data_dir, big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"restore held {peak / 1e6:.0f} MB in memory"
    assert len(list_invoices(AppContext(issued.data_dir))) == 3


def test_a_backup_is_verified_and_private(issued: AppContext, tmp_path: Path) -> None:
    target = backup.backup(issued.data_dir, tmp_path / "yedek.zip")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as z:
        note = z.read(backup.NOTE_NAME).decode()
        assert "SHA-256" in note
    record = (issued.data_dir / files.BACKUP_RECORD).read_text(encoding="utf-8")
    assert str(target.resolve()) in record
    assert files.latest_backup(issued.data_dir) == target.resolve()


def test_a_backup_that_reads_back_wrong_is_not_kept(
        issued: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = backup._write_zip

    def flip_a_byte(part: Path, *args):  # type: ignore[no-untyped-def]
        real(part, *args)
        data = bytearray(part.read_bytes())
        data[200] ^= 0xFF  # inside the database entry's compressed bytes
        part.write_bytes(bytes(data))

    monkeypatch.setattr(backup, "_write_zip", flip_a_byte)
    target = tmp_path / "yedek.zip"
    with pytest.raises(UserError, match="geri okunurken tutmadı"):
        backup.backup(issued.data_dir, target)
    assert not target.exists() and not target.with_name("yedek.zip.part").exists()


# --- 6: the machine says no -------------------------------------------------------------

def test_new_data_folder_and_database_are_private(tmp_path: Path) -> None:
    ctx = AppContext(tmp_path / "yeni" / "veri")
    assert stat.S_IMODE(ctx.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(_db(ctx).stat().st_mode) == 0o600
    create_draft(ctx, invoice_json())
    wal = _db(ctx).with_name("tezgah.sqlite3-wal")
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600


def _sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(("error", "exit_code", "words"), [
    (lambda: _sqlite_error("database or disk is full", 13), failures.EXIT_DISK_FULL,
     "Diskte yer kalmadı"),
    (lambda: _sqlite_error("attempt to write a readonly database", 8),
     failures.EXIT_READ_ONLY, "salt okunur"),
    (lambda: _sqlite_error("database is locked", 5), failures.EXIT_LOCKED,
     "başka bir Tezgâh"),
    (lambda: _sqlite_error("file is not a database", 26), failures.EXIT_DAMAGED,
     "Veritabanı bozuk"),
    (lambda: OSError(errno.ENOSPC, "No space left on device", "/x"),
     failures.EXIT_DISK_FULL, "Diskte yer kalmadı"),
    (lambda: OSError(errno.EROFS, "Read-only file system", "/x"), failures.EXIT_READ_ONLY,
     "Salt okunur"),
    (lambda: PermissionError(errno.EACCES, "Permission denied", "/x"),
     failures.EXIT_NO_PERMISSION, "Erişim izni yok"),
])
def test_injected_failures_of_the_machine_become_messages(
        error, exit_code: int, words: str, app_ctx: AppContext, tmp_path: Path,  # type: ignore[no-untyped-def]
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """As SQLAlchemy raises them from a write (wrapped) — the CLI maps each to its message,
    exit code and log line; the database is left as it was."""
    from sqlalchemy.exc import OperationalError

    from app.db.engine import Database

    def failing_write(self):  # type: ignore[no-untyped-def]
        exc = error()
        if isinstance(exc, sqlite3.Error):
            raise OperationalError("INSERT INTO customers …", {}, exc)
        raise exc

    monkeypatch.setattr(Database, "write_session", failing_write)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(CUSTOMER, ensure_ascii=False), encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", str(app_ctx.data_dir), "customer", "add",
                         "--json", str(path))
    assert code == exit_code, err
    assert words in err and "Traceback" not in err and err.startswith("Hata: ")
    log = (app_ctx.data_dir / "tezgah.log").read_text(encoding="utf-8")
    assert "ERROR tezgah.cli: tezgah customer" in log
    monkeypatch.undo()
    assert run(capsys, "--data-dir", str(app_ctx.data_dir), "customer", "list")[1] == ""


def test_a_full_disk_during_a_backup_leaves_no_part_file(
        issued: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = backup.backup(issued.data_dir, tmp_path / "yedek.zip")
    earlier_bytes = earlier.read_bytes()
    real_write = zipfile.ZipFile.write

    def full(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_write(self, *args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    code, _out, err = run(capsys, "--data-dir", str(issued.data_dir), "backup", "--out",
                         str(earlier))
    assert code == failures.EXIT_DISK_FULL and "Diskte yer kalmadı" in err
    assert earlier.read_bytes() == earlier_bytes
    assert not earlier.with_name("yedek.zip.part").exists()
    assert not list(issued.data_dir.glob(".yedek-*"))


def test_a_locked_database_is_reported_not_a_traceback(
        app_ctx: AppContext, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    engine.close_all()
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(_db(app_ctx), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        path = tmp_path / "m.json"
        path.write_text(json.dumps(CUSTOMER, ensure_ascii=False), encoding="utf-8")
        code, _, err = run(capsys, "--data-dir", str(app_ctx.data_dir), "customer", "add",
                           "--json", str(path))
    finally:
        holder.rollback()
        holder.close()
        engine.close_all()
    assert code == failures.EXIT_LOCKED and "başka bir Tezgâh" in err
    assert "Traceback" not in err


# --- 6, on a real small disk --------------------------------------------------------------

@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs; skipped where this machine does not allow mounting."""
    mount = tmp_path / "disk"
    mount.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs",
                               str(mount)], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        engine.close_all()
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=20)


def _fill(disk: Path, leave: int) -> None:
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / "dolgu", "wb") as f:
        f.write(b"\0" * max(free - leave, 0))


def test_a_real_full_disk_under_the_data_folder(
        tiny_disk: Path, installed_rules_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    ctx = make_context(tiny_disk / "veri", installed_rules_dir)
    engine.close_all()
    _fill(tiny_disk, 8 * 1024)
    lines = [{"name": f"Uzun bir satır adı {i} " + "x" * 200, "quantity": "1", "unit": "C62",
              "unit_price": "1", "kdv_rate": "20"} for i in range(400)]
    path = tmp_path / "i.json"
    path.write_text(json.dumps(invoice_json(lines=lines), ensure_ascii=False), encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", str(ctx.data_dir), "invoice", "new", "--json",
                         str(path))
    assert code in (failures.EXIT_DISK_FULL, failures.EXIT_IO), err
    assert "Traceback" not in err and "Logging error" not in err
    (tiny_disk / "dolgu").unlink()
    engine.close_all()
    conn = sqlite3.connect(_db(ctx))
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM invoices").fetchone()[0] == 0  # nothing half
    conn.close()


def test_a_real_full_disk_under_the_backup(
        tiny_disk: Path, issued: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(_closed(issued))
    conn.execute("CREATE TABLE ballast (b BLOB)")
    conn.execute("INSERT INTO ballast VALUES (randomblob(2 * 1024 * 1024))")
    conn.commit()
    conn.close()
    target = tiny_disk / "yedek.zip"
    code, _, err = run(capsys, "--data-dir", str(issued.data_dir), "backup", "--out",
                       str(target))
    assert code == failures.EXIT_DISK_FULL and "Diskte yer kalmadı" in err, err
    assert "Traceback" not in err
    assert list(tiny_disk.iterdir()) == []  # neither the zip nor its .part


def test_a_real_read_only_data_folder(
        tiny_disk: Path, installed_rules_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    ctx = make_context(tiny_disk / "veri", installed_rules_dir)
    engine.close_all()
    done = subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], capture_output=True,
                          text=True, timeout=20)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.strip()}")
    path = tmp_path / "m.json"
    path.write_text(json.dumps(CUSTOMER, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(ctx.data_dir), "customer", "add", "--json",
                       str(path))
    assert code in (failures.EXIT_READ_ONLY, failures.EXIT_NO_PERMISSION), err
    assert "Traceback" not in err and "Logging error" not in err


def test_output_files_are_written_whole_or_not_at_all(tmp_path: Path, monkeypatch) -> None:
    """``--out`` files (invoice xml/pdf, pdf, sign): a failing write leaves the old file as it
    was and no partial file beside it."""
    import os as os_mod

    from app.cli.io import write_bytes
    from app.domain.errors import UserError

    target = tmp_path / "fatura.pdf"
    write_bytes(target, b"old")
    real_fsync = os_mod.fsync

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os_mod, "fsync", full_disk)
    with pytest.raises(UserError, match="yazılamadı"):
        write_bytes(target, b"new content that does not fit")
    monkeypatch.setattr(os_mod, "fsync", real_fsync)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["fatura.pdf"]
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
