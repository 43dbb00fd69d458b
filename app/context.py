"""What every use case needs: the data directory and its open database (the folder's SQLite
file, or the PostgreSQL database of ``--database-url`` / ``TEZGAH_DATABASE_URL`` / the URL
saved on this computer in Ayarlar → Veritabanı)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.db.engine import Database, configured_url, open_database
from app.paths import resolve_data_dir, rules_dir
from app.settings import read_database_url


@dataclass
class AppContext:
    data_dir: Path
    database_url: str | None = None
    db: Database = field(init=False)

    def __post_init__(self) -> None:
        self.data_dir = resolve_data_dir(self.data_dir)
        self.database_url = configured_url(self.database_url, read_database_url(self.data_dir))
        self.db = open_database(self.data_dir, self.database_url)

    @property
    def rules_dir(self) -> Path:
        return rules_dir(self.data_dir)

    @classmethod
    def open(cls, data_dir: str | Path | None, database_url: str | None = None) -> AppContext:
        return cls(resolve_data_dir(data_dir), database_url)
