"""e-İrsaliye records (Alembic 0015): despatch advices we issue (``direction`` out) and
those we receive (``direction`` in, status ``received``; Alembic 0016 adds their sender and
arrival).

A despatch advice is a draft (no number) until it is issued; issuing gives it its number in
its own series (``number_series.kind`` ``despatch-advice``), stores the signed document in
``documents`` (kind ``despatch-advice``, chained in ``archive_chain`` like every original)
and points to it with ``document_id``. Triggers keep an issued one as it was issued.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class Despatch(Base):
    """One despatch advice (irsaliye): its header for lists and its JSON for everything else."""

    __tablename__ = "despatches"
    __table_args__ = (
        Index("uq_despatches_out_ettn", "ettn", unique=True,
              sqlite_where=text("direction = 'out'"),
              postgresql_where=text("direction = 'out'")),
        Index("uq_despatches_out_number", "number", unique=True,
              sqlite_where=text("direction = 'out'"),
              postgresql_where=text("direction = 'out'")),
        Index("ix_despatches_list", "direction", "status", "issue_date"),
        # A received despatch advice is known by its sender and ETTN (Alembic 0016): the
        # same ETTN from another sender is another document.
        Index("uq_despatches_in_sender_ettn", "sender_vkn_tckn", "ettn", unique=True,
              sqlite_where=text("direction = 'in'"),
              postgresql_where=text("direction = 'in'")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ettn: Mapped[str] = mapped_column(String(36), index=True)
    direction: Mapped[str] = mapped_column(String(3), default="out")  # out | in
    # draft | issued | queued | sent | answered … (app.domain.despatch_status)
    status: Mapped[str] = mapped_column(String(20))
    number: Mapped[str | None] = mapped_column(String(16), nullable=True)
    profile: Mapped[str] = mapped_column(String(30))
    type: Mapped[str] = mapped_column(String(30))
    series: Mapped[str] = mapped_column(String(3))
    issue_date: Mapped[date] = mapped_column(Date)
    issue_time: Mapped[str] = mapped_column(String(8))
    despatch_date: Mapped[date] = mapped_column(Date)
    despatch_time: Mapped[str] = mapped_column(String(8))
    receiver_vkn_tckn: Mapped[str] = mapped_column(String(11), index=True)
    receiver_name: Mapped[str] = mapped_column(String(300))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the despatch JSON
    signed: Mapped[bool] = mapped_column(default=False)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    issued_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Alembic 0016, for received ones (direction in): who sent it and when it arrived
    sender_vkn_tckn: Mapped[str] = mapped_column(String(11), default="",
                                                 server_default="")
    sender_name: Mapped[str] = mapped_column(String(300), default="", server_default="")
    received_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
