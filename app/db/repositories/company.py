"""The issuing company: one row (id 1) of ``company``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import tables as t

COMPANY_ID = 1


def data(s: Session) -> dict[str, Any] | None:
    """The stored party JSON, or None before the company is set up (the logo, up to 2 MB,
    is not read)."""
    table = t.Company.__table__
    return s.execute(select(table.c.data).where(table.c.id == COMPANY_ID)).scalar()


def save(s: Session, *, vkn_tckn: str, data: dict[str, Any], efatura_series: str,
         earchive_series: str, now: datetime) -> None:
    row = s.get(t.Company, COMPANY_ID)
    if row is None:
        row = t.Company(id=COMPANY_ID)
        s.add(row)
    row.vkn_tckn = vkn_tckn
    row.data = data
    row.efatura_series = efatura_series
    row.earchive_series = earchive_series
    row.updated_at = now


def set_logo(s: Session, image: bytes | None, now: datetime) -> bool:
    """Store (or remove) the logo; False when there is no company yet."""
    row = s.get(t.Company, COMPANY_ID)
    if row is None:
        return False
    row.logo = image
    row.updated_at = now
    return True


def logo(s: Session) -> bytes | None:
    row = s.get(t.Company, COMPANY_ID)
    return row.logo if row else None


def series(s: Session) -> tuple[str, str] | None:
    """(e-Fatura series, e-Arşiv series), or None before the company is set up."""
    row = s.get(t.Company, COMPANY_ID)
    return (row.efatura_series, row.earchive_series) if row else None
