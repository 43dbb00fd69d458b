"""A PostgreSQL server that does not answer, a database that is not there, a write lock held
too long by another computer, a connection dropped in the middle of a write: a calm Turkish
message and an exit code from ``tezgah``, never a traceback, and never a password."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.cli import main
from app.db import engine
from app.db import errors as db_errors
from app.db.engine import LOCK_NAMESPACE, WRITE_LOCK, Database, close_all
from app.usecases import failures
from tests.fixtures.app import CUSTOMER
from tests.fixtures.postgres import PostgresCluster


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TEZGAH_DATABASE_URL", "")  # the command sets it; restored after
    yield
    close_all()


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str,
        *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(tmp_path / "data"), "--database-url", url, *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("Hata: "), err
    return code, err


def _customer_file(tmp_path: Path) -> Path:
    path = tmp_path / "musteri.json"
    path.write_text(json.dumps(CUSTOMER, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_database_that_does_not_exist(
        postgres_cluster: PostgresCluster, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres_cluster.url("boyle_bir_veritabani_yok")
    code, err = run(tmp_path, capsys, url, "invoice", "list")
    assert code == failures.EXIT_DAMAGED
    assert "Sunucuda böyle bir veritabanı yok" in err
    assert "postgresql://" in err and "boyle_bir_veritabani_yok" in err


def test_a_server_that_is_not_running(
        postgres_cluster: PostgresCluster, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    empty = Path(tempfile.mkdtemp(dir=tmp_path))  # a socket folder where no server listens
    url = f"postgresql://{postgres_cluster.user}@/tezgah?host={empty}"
    code, err = run(tmp_path, capsys, url, "invoice", "list")
    assert code == failures.EXIT_IO
    assert "Veritabanı sunucusuna bağlanılamadı" in err
    assert "sunucu bilgisayar kapalı" in err and "ağ bağlantısı" in err
    assert "Hiçbir kayıt kaybolmadı" in err


def test_a_port_where_nothing_listens(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(tmp_path, capsys, "postgresql://kasa@127.0.0.1:1/tezgah", "invoice", "list")
    assert code == failures.EXIT_IO
    assert "Veritabanı sunucusuna bağlanılamadı (postgresql://kasa@127.0.0.1:1/tezgah)" in err


def test_the_write_lock_held_by_another_computer_times_out(
        postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)  # read at each write session
    path = _customer_file(tmp_path)
    other = Database(postgres_url)  # another computer, in the middle of issuing
    try:
        with other.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"),
                         {"a": LOCK_NAMESPACE, "b": WRITE_LOCK})
            code, err = run(tmp_path, capsys, postgres_url, "customer", "add", "--json",
                            str(path))
            conn.rollback()
    finally:
        other.close()
    assert code == failures.EXIT_LOCKED
    assert "başka bir bilgisayar kullanıyor" in err and "yeniden deneyin" in err
    # nothing was written, and once the lock is free the same command works
    assert main(["--data-dir", str(tmp_path / "data"), "--database-url", postgres_url,
                 "customer", "list"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--data-dir", str(tmp_path / "data"), "--database-url", postgres_url,
                 "customer", "add", "--json", str(path)]) == 0


def test_a_connection_dropped_during_a_write(
        postgres_cluster: PostgresCluster, postgres_url: str) -> None:
    db = Database(postgres_url)
    try:
        with pytest.raises(OperationalError) as info, db.write_session() as s:
            pid = s.execute(text("SELECT pg_backend_pid()")).scalar()
            s.execute(text("CREATE TABLE half_written (x int)"))
            postgres_cluster.admin(f"SELECT pg_terminate_backend({pid})")
            s.execute(text("INSERT INTO half_written VALUES (1)"))
        failure = failures.explain(info.value)
        assert failure is not None and failure.kind == "server-connection-lost"
        assert "bağlantı koptu" in failure.message and "geri aldı" in failure.message
        assert failure.exit_code == failures.EXIT_IO
        with db.session() as s:  # the transaction was rolled back as a whole
            assert s.execute(text("SELECT to_regclass('half_written')")).scalar() is None
    finally:
        db.close()


@pytest.mark.parametrize(("error", "kind", "exit_code", "words"), [
    (psycopg.errors.lookup("53100")("could not extend file: No space left on device"),
     "disk-full", failures.EXIT_DISK_FULL, "sunucusunun diskinde yer kalmadı"),
    (psycopg.errors.lookup("53300")("sorry, too many clients already"),
     "server-busy", failures.EXIT_IO, "bağlantı sayısı dolu"),
    (psycopg.errors.lookup("55P03")("canceling statement due to lock timeout"),
     "locked", failures.EXIT_LOCKED, "başka bir bilgisayar"),
    (psycopg.errors.lookup("57014")("canceling statement due to statement timeout"),
     "locked", failures.EXIT_LOCKED, "başka bir bilgisayar"),
    (psycopg.errors.lookup("28P01")('password authentication failed for user "kasa"'),
     "server-authentication", failures.EXIT_NO_PERMISSION, "~/.pgpass"),
    (psycopg.OperationalError('connection failed: connection to server at "10.0.0.5", port '
                              '5432 failed: FATAL:  password authentication failed for user '
                              '"kasa"'),
     "server-authentication", failures.EXIT_NO_PERMISSION, "PGPASSWORD"),
    (psycopg.OperationalError('connection failed: connection to server at "10.0.0.5", port '
                              '5432 failed: FATAL:  sorry, too many clients already'),
     "server-busy", failures.EXIT_IO, "bağlantı sayısı dolu"),
    (psycopg.errors.ConnectionTimeout("connection timeout expired"),
     "server-unreachable", failures.EXIT_IO, "sunucu bilgisayar kapalı"),
    (psycopg.OperationalError("failed to resolve host 'sunucu': [Errno -2] Name or service "
                              "not known"),
     "server-unreachable", failures.EXIT_IO, "sunucu bilgisayar kapalı"),
    (psycopg.OperationalError("consuming input failed: server closed the connection "
                              "unexpectedly"),
     "server-connection-lost", failures.EXIT_IO, "bağlantı koptu"),
])
def test_each_kind_of_server_failure(error: psycopg.Error, kind: str, exit_code: int,
                                     words: str) -> None:
    wrapped = OperationalError("SELECT 1", {}, error)
    for exc in (wrapped, error):
        failure = failures.explain(exc)
        assert failure is not None, exc
        assert (failure.kind, failure.exit_code) == (kind, exit_code)
        assert words in failure.message


def test_a_password_never_reaches_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    error = psycopg.errors.lookup("28P01")('password authentication failed for user "kasa"')
    monkeypatch.setenv("TEZGAH_DATABASE_URL", "postgresql://kasa:gizli@sunucu/tezgah")
    failure = failures.explain(OperationalError("SELECT 1", {}, error))
    assert failure is not None and "gizli" not in failure.message
    monkeypatch.setenv("TEZGAH_DATABASE_URL", "postgresql://kasa@sunucu:5432/tezgah")
    failure = failures.explain(OperationalError("SELECT 1", {}, error))
    assert failure is not None
    assert "(postgresql://kasa@sunucu:5432/tezgah)" in failure.message


def test_other_driver_errors_are_left_alone() -> None:
    error = psycopg.errors.lookup("23505")("duplicate key value violates unique constraint")
    assert db_errors.classify(error) is None
    assert failures.explain(ValueError("a bug")) is None
