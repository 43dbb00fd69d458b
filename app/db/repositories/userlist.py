"""GİB's registered-user list in the database (tables ``gib_user`` and ``gib_user_alias`` of
``app.db.tables``, created by the migrations).

An import writes into staging tables (``…_import``) in short transactions and swaps them in
with one quick transaction; if reading fails half-way the old list stays as it was. The
staging tables exist only during an import and belong to this module.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData, Row, create_engine, func, select
from sqlalchemy.engine import Engine

from app.db.tables import _user_list_tables, gib_user, gib_user_alias

UserRow = tuple[str, str, str, str, str]  # identifier, title, type, first creation, account
AliasRow = tuple[str, str, str, str, str, str | None, bool]
# identifier, document type, alias, role, creation time, deletion time, deleted

_staging_metadata = MetaData()
_staging_user, _staging_alias = _user_list_tables("_import", _staging_metadata)


def create_standalone(engine: Engine) -> None:
    """The two tables in a file that is not an app database (a list kept on its own, e.g.
    by a test or a benchmark); the app's own database gets them from its migrations."""
    gib_user.create(engine, checkfirst=True)
    gib_user_alias.create(engine, checkfirst=True)


def begin_import(engine: Engine) -> None:
    with engine.begin() as conn:
        _staging_metadata.drop_all(conn)
        _staging_user.create(conn)
        _staging_alias.create(conn)


def write_batch(engine: Engine, users: list[UserRow], aliases: list[AliasRow]) -> None:
    # plain DB-API executemany: several times faster than Core for big lists
    with engine.begin() as conn:
        mark = "?" if conn.dialect.name == "sqlite" else "%s"  # the driver's own style
        if users:
            conn.exec_driver_sql(
                f"INSERT INTO {_staging_user.name} (identifier, title, type, "
                f"first_creation_time, account_type) VALUES ({', '.join([mark] * 5)})", users)
        if aliases:
            conn.exec_driver_sql(
                f"INSERT INTO {_staging_alias.name} (identifier, document_type, alias, "
                "role, creation_time, deletion_time, deleted) "
                f"VALUES ({', '.join([mark] * 7)})", aliases)


def swap_in(engine: Engine) -> None:
    """The staged list replaces the stored one, in one transaction."""
    with engine.begin() as conn:
        if conn.dialect.name != "sqlite":
            # PostgreSQL names constraints and indexes schema-wide: the staging tables'
            # would clash with the next import's, so their rows are copied instead (one
            # transaction as well; readers see the old list until it commits).
            conn.execute(gib_user_alias.delete())
            conn.execute(gib_user.delete())
            for target, staged in ((gib_user, _staging_user), (gib_user_alias, _staging_alias)):
                names = [c.name for c in staged.columns]
                conn.execute(target.insert().from_select(
                    names, select(*(staged.c[n] for n in names))))
            _staging_metadata.drop_all(conn)
            return
        gib_user_alias.drop(conn)
        gib_user.drop(conn)
        conn.exec_driver_sql(f"ALTER TABLE {_staging_user.name} RENAME TO {gib_user.name}")
        conn.exec_driver_sql(f"ALTER TABLE {_staging_alias.name} RENAME TO {gib_user_alias.name}")
        for index in gib_user_alias.indexes:
            index.create(conn)


def abort_import(engine: Engine) -> None:
    with engine.begin() as conn:
        _staging_metadata.drop_all(conn)


def count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(gib_user)).scalar_one())


def user(engine: Engine, identifier: str) -> tuple[Row, list[Row]] | None:
    """The user row and its alias rows (in list order), or None."""
    with engine.connect() as conn:
        row = conn.execute(select(gib_user).where(gib_user.c.identifier == identifier)).first()
        if row is None:
            return None
        aliases = list(conn.execute(
            select(gib_user_alias).where(gib_user_alias.c.identifier == identifier)
            .order_by(gib_user_alias.c.id)).all())
    return row, aliases


def engine_of(engine_or_path: object) -> Engine:
    """The engine to keep the list in: the app's engine, any object with an ``engine``
    attribute (the app's ``Database``), or a path to an SQLite file of the list's own, in
    which the two tables are then created."""
    if isinstance(engine_or_path, Engine):
        return engine_or_path
    if isinstance(engine_or_path, str | Path):
        engine = create_engine(f"sqlite:///{Path(engine_or_path)}")
        create_standalone(engine)
        return engine
    return engine_or_path.engine  # type: ignore[attr-defined]
