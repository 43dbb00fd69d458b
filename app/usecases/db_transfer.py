"""``tezgah db migrate-to``: a one-computer shop's SQLite database moved to a PostgreSQL
server that several computers share, verified before it is called done (app.db.transfer)."""

from __future__ import annotations

from pathlib import Path

from app.db.engine import open_database
from app.db.transfer import Progress, TransferReport, transfer
from app.domain.errors import UserError


def migrate_to(data_dir: Path, url: str, *, progress: Progress | None = None) -> TransferReport:
    """Copy the SQLite database of ``data_dir`` into the empty PostgreSQL database at
    ``url`` (migrated to the same schema first) and verify it. The SQLite file is only
    read; it stays as it was, to go back to."""
    source = open_database(data_dir)
    if not source.is_sqlite:
        raise UserError("Kaynak veritabanı zaten bir PostgreSQL sunucusu; taşıma bir SQLite "
                        "dosyasından yapılır.")
    target = open_database(data_dir, url)
    report = transfer(source, target, progress=progress)
    # the archive's own proof, as a new reader of the server sees it (app.usecases.archive)
    from app.context import AppContext
    from app.usecases import archive

    checked = archive.verify(AppContext.open(data_dir, url))
    if not checked.ok:
        raise UserError("Taşınan arşiv doğrulanamadı: " + "; ".join(
            p.message for p in checked.problems[:5]) + ". Hedef veritabanını silip yeniden "
            "deneyin; SQLite dosyası değişmedi.")
    report.archive_entries = checked.entries
    return report
