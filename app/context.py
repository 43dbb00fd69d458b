"""What every use case needs: the data directory and its open database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.db.engine import Database, open_database
from app.paths import resolve_data_dir, rules_dir


@dataclass
class AppContext:
    data_dir: Path
    db: Database = field(init=False)

    def __post_init__(self) -> None:
        self.data_dir = resolve_data_dir(self.data_dir)
        self.db = open_database(self.data_dir)

    @property
    def rules_dir(self) -> Path:
        return rules_dir(self.data_dir)

    @classmethod
    def open(cls, data_dir: str | Path | None) -> AppContext:
        return cls(resolve_data_dir(data_dir))
