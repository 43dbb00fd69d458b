"""Business settings: the ``settings`` table (key → JSON value). ``app.settings`` knows the
keys, their types and defaults; this module only reads and writes the stored values."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.db import tables as t


def get_value(s: Session, key: str) -> Any | None:
    """The stored value of ``key``; None when it was never written."""
    row = s.get(t.Setting, key)
    return row.value if row else None


def put_value(s: Session, key: str, value: Any) -> None:
    row = s.get(t.Setting, key)
    if row is None:
        s.add(t.Setting(key=key, value=value))
    else:
        row.value = value
