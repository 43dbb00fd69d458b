"""Moving a shop's database to another engine (SQLite file → PostgreSQL server), verified.

The target is migrated to the same schema and must be empty. Every table is copied in
foreign-key order from one read snapshot of the source, in one transaction on the target:
a failure leaves the target as empty as it was. Stored values are copied as stored (a
compressed document stays the same bytes). The append-only guards are switched off inside
that transaction only (an issued invoice's lines may not otherwise be inserted) and are back
on when it commits; identity sequences are moved past the copied ids.

Then it is verified from the target as a new reader would see it: the row count of every
table, and every stored original (documents, envelopes, received envelopes) read back and
hashed: each document's SHA-256 against the one recorded with it, and every original's
hash against the source's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, MetaData, Table, func, select, text

from app.db.blobs import unpack
from app.db.engine import Database
from app.domain.errors import UserError

CHUNK = 500
SKIPPED = {"alembic_version"}
# (table, content column) of stored originals: compared by hash after the copy
ORIGINALS = (("documents", "content"), ("envelopes", "content"),
             ("incoming_envelopes", "content"))

Progress = Callable[[str, int], None]


@dataclass
class TransferReport:
    rows: dict[str, int] = field(default_factory=dict)  # table → rows copied
    originals_checked: int = 0
    target: str = ""  # where the data now is, as shown to the user (no password)
    archive_entries: int = 0  # chain entries ``tezgah archive verify`` found sound there


class TransferRefused(UserError):
    """The target is not a place the shop's data can be moved to (Turkish message)."""


def _metadata(conn: Connection) -> MetaData:
    md = MetaData()
    md.reflect(bind=conn)
    return md


def _ordered(md: MetaData) -> list[Table]:
    return [t for t in md.sorted_tables if t.name not in SKIPPED]


def _primary_order(table: Table) -> list:  # type: ignore[type-arg]
    return list(table.primary_key.columns) or list(table.columns)


def _rows(conn: Connection, table: Table) -> Iterator[list[dict]]:  # type: ignore[type-arg]
    result = conn.execution_options(yield_per=CHUNK).execute(
        select(table).order_by(*_primary_order(table)))
    for part in result.mappings().partitions(CHUNK):
        yield [dict(r) for r in part]


def _revision(conn: Connection) -> set[str]:
    return {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}


def transfer(source: Database, target: Database, *,
             progress: Progress | None = None) -> TransferReport:
    """Copy everything of ``source`` into the empty, migrated ``target``, then verify."""
    if target.is_sqlite:
        raise TransferRefused("Hedef bir PostgreSQL veritabanı olmalı "
                              "(postgresql://kullanıcı@sunucu:port/veritabanı).")
    report = TransferReport(target=target.location)
    with source.engine.connect() as src, target.engine.connect() as dst:
        if _revision(src) != _revision(dst):
            raise TransferRefused(
                "Kaynak ve hedef veritabanının şema sürümleri farklı; ikisini de bu Tezgâh "
                "sürümüyle açıp yeniden deneyin.")
        src_md, dst_md = _metadata(src), _metadata(dst)
        tables = _ordered(dst_md)
        missing = sorted(t.name for t in tables if t.name not in src_md.tables)
        if missing:
            raise TransferRefused("Kaynak veritabanında şu tablolar yok: " + ", ".join(missing))
        for table in tables:
            if dst.execute(select(func.count()).select_from(table)).scalar():
                raise TransferRefused(
                    f"Hedef veritabanı boş değil ('{table.name}' tablosunda kayıt var). "
                    "Taşıma yalnızca yeni, boş bir veritabanına yapılır; başka bir veritabanı "
                    "adı verin.")
        src.rollback()
        dst.rollback()
        # one read snapshot of the source (SQLite: a deferred transaction holds it)
        with src.begin(), dst.begin():
            names = [t.name for t in tables]
            for name in names:
                dst.execute(text(f'ALTER TABLE "{name}" DISABLE TRIGGER USER'))
            for table in tables:
                src_table = src_md.tables[table.name]
                columns = [c.name for c in table.columns if c.name in src_table.columns]
                count = 0
                for chunk in _rows(src, src_table):
                    dst.execute(table.insert(), [{c: row[c] for c in columns} for row in chunk])
                    count += len(chunk)
                    if progress:
                        progress(table.name, count)
                report.rows[table.name] = count
            for name in names:
                dst.execute(text(f'ALTER TABLE "{name}" ENABLE TRIGGER USER'))
            _advance_sequences(dst, tables)
    _verify(source, target, report, progress)
    return report


def _advance_sequences(dst: Connection, tables: list[Table]) -> None:
    """Move each serial/identity sequence past the highest copied id."""
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not _is_integer(pk[0]):
            continue
        seq = dst.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                          {"t": table.name, "c": pk[0].name}).scalar()
        if seq:
            dst.execute(text(f'SELECT setval(:s, COALESCE((SELECT max("{pk[0].name}") '
                             f'FROM "{table.name}"), 0) + 1, false)'), {"s": seq})


def _is_integer(column) -> bool:  # type: ignore[no-untyped-def]
    try:
        return column.type.python_type is int
    except NotImplementedError:
        return False


def _hashes(conn: Connection, md: MetaData, name: str, column: str) -> Iterator[tuple[int, str]]:
    table = md.tables.get(name)
    if table is None or column not in table.columns:
        return
    pk = _primary_order(table)[0]
    result = conn.execution_options(yield_per=CHUNK).execute(
        select(pk, table.c[column]).order_by(pk))
    for key, stored in result:
        yield key, hashlib.sha256(unpack(stored) if stored is not None else b"").hexdigest()


def _verify(source: Database, target: Database, report: TransferReport,
            progress: Progress | None) -> None:
    with source.engine.connect() as src, target.engine.connect() as dst:
        src_md, dst_md = _metadata(src), _metadata(dst)
        for name, copied in report.rows.items():
            theirs = src.execute(select(func.count()).select_from(src_md.tables[name])).scalar()
            ours = dst.execute(select(func.count()).select_from(dst_md.tables[name])).scalar()
            if not theirs == ours == copied:
                raise UserError(
                    f"Taşıma doğrulanamadı: '{name}' tablosunda kaynakta {theirs}, hedefte {ours} "
                    "kayıt var. Hedef veritabanını silip yeniden deneyin; kaynak değişmedi.")
        recorded = dict(dst.execute(text("SELECT id, sha256 FROM documents")).all()) \
            if "documents" in dst_md.tables else {}
        for name, column in ORIGINALS:
            theirs = dict(_hashes(src, src_md, name, column))
            for key, digest in _hashes(dst, dst_md, name, column):
                if theirs.get(key) != digest or (name == "documents" and recorded[key] != digest):
                    raise UserError(
                        f"Taşıma doğrulanamadı: '{name}' tablosundaki {key} numaralı belgenin "
                        "içeriği kaynaktakiyle aynı değil. Hedef veritabanını silip yeniden "
                        "deneyin; kaynak değişmedi.")
                report.originals_checked += 1
                if progress and report.originals_checked % CHUNK == 0:
                    progress("doğrulama", report.originals_checked)
