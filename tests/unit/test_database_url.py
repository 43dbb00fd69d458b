"""Choosing the database: the data folder's SQLite file, or a PostgreSQL server named by
``--database-url`` / ``TEZGAH_DATABASE_URL`` — never with a password in the URL — and the
SQLite-only steps refused with a Turkish message on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.db.engine import Database, close_all, display_url, normalise_url
from app.domain.errors import UserError
from app.usecases import backup


@pytest.fixture(autouse=True)
def _close_databases():  # type: ignore[no-untyped-def]
    yield
    close_all()


@pytest.mark.parametrize("url", [
    "postgresql://kasa@sunucu:5432/tezgah", "postgres://kasa@sunucu:5432/tezgah",
    "postgresql+psycopg://kasa@sunucu:5432/tezgah"])
def test_a_plain_postgresql_url_gets_the_psycopg_driver(url: str) -> None:
    assert normalise_url(url) == "postgresql+psycopg://kasa@sunucu:5432/tezgah"
    assert display_url(normalise_url(url)) == "postgresql://kasa@sunucu:5432/tezgah"


@pytest.mark.parametrize("url", [
    "postgresql://kasa:gizli@sunucu/tezgah", "postgresql://kasa@sunucu/tezgah?password=gizli"])
def test_a_url_with_a_password_is_refused(url: str) -> None:
    with pytest.raises(UserError, match="PGPASSWORD") as info:
        normalise_url(url)
    assert "gizli" not in info.value.message
    assert ".pgpass" in info.value.message


def test_an_unknown_url_is_refused() -> None:
    with pytest.raises(UserError, match="postgresql://"):
        normalise_url("mysql://kasa@sunucu/tezgah")


def test_the_command_line_refuses_a_password_in_the_url(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEZGAH_DATABASE_URL", "")  # restored after the test
    code = main(["--data-dir", str(tmp_path / "data"), "--database-url",
                 "postgresql://kasa:gizli@127.0.0.1:1/tezgah", "invoice", "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert "PGPASSWORD" in err and "gizli" not in err


def test_the_data_folder_keeps_its_sqlite_file_without_a_url(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEZGAH_DATABASE_URL", raising=False)
    from app.context import AppContext

    ctx = AppContext(tmp_path / "data")
    assert ctx.db.is_sqlite and ctx.db.path == (tmp_path / "data" / "tezgah.sqlite3").resolve()


def test_a_file_backup_is_refused_on_postgresql(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEZGAH_DATABASE_URL", "postgresql://kasa@sunucu/tezgah")
    with pytest.raises(UserError, match=r"PostgreSQL.*pg_dump"):
        backup.backup(tmp_path, tmp_path / "yedek.zip")
    with pytest.raises(UserError, match="PostgreSQL"):
        backup.restore(tmp_path, tmp_path / "yedek.zip")


def test_a_file_backup_is_refused_when_ayarlar_points_at_a_server(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The URL saved on this computer counts as much as the environment: the SQLite file
    left in the folder is no longer the shop's database."""
    from app.settings import write_database_url

    monkeypatch.delenv("TEZGAH_DATABASE_URL", raising=False)
    write_database_url(tmp_path, "postgresql://kasa@sunucu/tezgah")
    with pytest.raises(UserError, match=r"PostgreSQL.*pg_dump"):
        backup.backup(tmp_path, tmp_path / "yedek.zip")
    with pytest.raises(UserError, match="PostgreSQL"):
        backup.restore(tmp_path, tmp_path / "yedek.zip")


def test_postgresql_opens_migrates_and_serialises_writers(postgres_url: str) -> None:
    db = Database(postgres_url)
    assert db.dialect == "postgresql" and "gizli" not in db.location
    db.migrate()  # already current: nothing to do
    with db.write_session() as s:
        held = s.connection().exec_driver_sql(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
            "AND pid = pg_backend_pid()").scalar_one()
    assert held == 1
    with db.claim(2, 99) as first:
        other = Database(postgres_url)
        with other.claim(2, 99) as second:
            assert first and not second
        other.close()
    db.close()
