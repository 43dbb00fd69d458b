"""Alembic environment: runs on the connection handed over by ``app.db.engine``."""

from __future__ import annotations

from alembic import context

from app.db import tables  # noqa: F401  (registers the tables)
from app.db.base import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic` on the command line
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url")).connect()

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
