"""Tables of the local database. Changes here need an Alembic migration in ``migrations/``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, DecimalText
from app.db.blobs import StoredDocument
from app.domain.invoice import DEFAULT_EARCHIVE_SERIES, DEFAULT_EFATURA_SERIES


class Company(Base):
    """The issuing business (one row)."""

    __tablename__ = "company"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vkn_tckn: Mapped[str] = mapped_column(String(11))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # Party.to_dict()
    earchive_series: Mapped[str] = mapped_column(String(3), default=DEFAULT_EARCHIVE_SERIES)
    efatura_series: Mapped[str] = mapped_column(String(3), default=DEFAULT_EFATURA_SERIES)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vkn_tckn: Mapped[str] = mapped_column(String(11), unique=True, index=True)
    display_name: Mapped[str] = mapped_column(String(300), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # Party.to_dict()
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    unit: Mapped[str] = mapped_column(String(3))
    unit_price: Mapped[Decimal] = mapped_column(DecimalText)
    kdv_rate: Mapped[Decimal] = mapped_column(DecimalText)
    seller_code: Mapped[str | None] = mapped_column(String(100), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class NumberSeries(Base):
    """The last number used per document kind, series and year. Advanced only in the
    issuing transaction."""

    __tablename__ = "number_series"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True,
                                      default="invoice")  # app.domain.documents.DocumentKind
    series: Mapped[str] = mapped_column(String(3), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
    last_date: Mapped[date | None] = mapped_column(Date, nullable=True)  # of the last number


class Invoice(Base):
    """An invoice: a draft (no number), an issued one (immutable) or a received one."""

    __tablename__ = "invoices"
    # Our own invoices have unique ETTNs and numbers (partial unique indexes in the
    # migration); received ones are kept as sent to us, even when a sender reuses an ETTN.
    __table_args__ = (
        Index("uq_invoices_out_ettn", "ettn", unique=True,
              sqlite_where=text("direction = 'out'"),
              postgresql_where=text("direction = 'out'")),
        Index("uq_invoices_out_number", "number", unique=True,
              sqlite_where=text("direction = 'out'"),
              postgresql_where=text("direction = 'out'")),
        # The invoice list's COUNT and filters read this index only (Alembic 0011).
        Index("ix_invoices_list", "direction", "status", "issue_date"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ettn: Mapped[str] = mapped_column(String(36), index=True)
    direction: Mapped[str] = mapped_column(String(3), default="out")  # out | in
    status: Mapped[str] = mapped_column(String(20), index=True)  # see app.domain.status
    number: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    profile: Mapped[str] = mapped_column(String(30))
    type: Mapped[str] = mapped_column(String(30))
    series: Mapped[str] = mapped_column(String(3))
    issue_date: Mapped[date] = mapped_column(Date, index=True)
    issue_time: Mapped[str] = mapped_column(String(8))
    currency: Mapped[str] = mapped_column(String(3))
    customer_vkn_tckn: Mapped[str] = mapped_column(String(11), index=True)
    customer_name: Mapped[str] = mapped_column(String(300), index=True)
    tax_exclusive: Mapped[Decimal] = mapped_column(DecimalText)
    tax_total: Mapped[Decimal] = mapped_column(DecimalText)
    payable: Mapped[Decimal] = mapped_column(DecimalText, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the invoice JSON (header + lines)
    signed: Mapped[bool] = mapped_column(default=False)
    # Received invoices: did the signature verify when it was imported (the reasons are in
    # ``data["signature"]``)? None: never checked (our own invoices, older imports).
    signature_valid: Mapped[bool | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    issued_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", cascade="all, delete-orphan", order_by="InvoiceLine.position")


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    unit: Mapped[str] = mapped_column(String(3))
    unit_price: Mapped[Decimal] = mapped_column(DecimalText)
    discount_rate: Mapped[Decimal] = mapped_column(DecimalText)
    kdv_rate: Mapped[Decimal] = mapped_column(DecimalText)
    net: Mapped[Decimal] = mapped_column(DecimalText)
    kdv_amount: Mapped[Decimal] = mapped_column(DecimalText)
    withholding_code: Mapped[str] = mapped_column(String(5), default="")
    exemption_code: Mapped[str] = mapped_column(String(5), default="")

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class Document(Base):
    """Exact bytes of a legal document (signed invoice XML, received XML, envelope …)."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True,
                                                   nullable=True)
    kind: Mapped[str] = mapped_column(String(30))  # invoice | received | app-response …
    # Stored compressed when that is smaller (a BLOB still); reads give the exact bytes.
    content: Mapped[bytes] = mapped_column(StoredDocument)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class InvoiceEvent(Base):
    """Append-only history of an invoice (triggers forbid UPDATE and DELETE)."""

    __tablename__ = "invoice_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(20), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class InvoiceCancellation(Base):
    """The cancellation (İPTAL) of an issued e-Arşiv invoice: when, why, by whom and from
    where. One per invoice; append-only (triggers forbid UPDATE and DELETE, Alembic 0009).
    The invoice keeps its number and its signed XML; its status becomes ``cancelled``."""

    __tablename__ = "invoice_cancellations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), unique=True)
    cancelled_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # Istanbul wall clock
    reason: Mapped[str] = mapped_column(Text)
    cancelled_by: Mapped[str] = mapped_column(String(100), default="")  # the OS user
    via: Mapped[str] = mapped_column(String(20), default="")  # cli | ui | …


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class OutboxItem(Base):
    """A stored document waiting to reach its receiver through a channel (one row per
    document; ``invoice_id`` names the invoice it belongs to, if any)."""

    __tablename__ = "outbox_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(30))  # app.domain.documents.DocumentKind
    channel: Mapped[str] = mapped_column(String(30))  # app.channels: efatura …
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True,
                                                   nullable=True)
    receiver_vkn_tckn: Mapped[str] = mapped_column(String(11))
    receiver_alias: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(20), index=True)  # waiting|enveloped|done|failed
    envelope_id: Mapped[int | None] = mapped_column(ForeignKey("envelopes.id"), nullable=True)
    problem: Mapped[str] = mapped_column(Text, default="")  # why it waits, in Turkish
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Envelope(Base):
    """A SENDERENVELOPE as it was (or will be) sent: its UUID and zip are fixed at packing,
    so every resend is byte-identical and GİB can recognise it (2001)."""

    __tablename__ = "envelopes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    channel: Mapped[str] = mapped_column(String(30), server_default="efatura")
    receiver_vkn_tckn: Mapped[str] = mapped_column(String(11))
    receiver_alias: Mapped[str] = mapped_column(String(200))
    sender_alias: Mapped[str] = mapped_column(String(200))
    # ready → sending → sent → processing → completed | failed; retry after NotDelivered
    state: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    polls: Mapped[int] = mapped_column(Integer, default=0)
    next_action_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_message: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)  # the zip
    md5: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class EnvelopeDocument(Base):
    """Which documents each envelope carried (history; a document may be re-sent in a new
    envelope after GİB refused the first for a reason on its side)."""

    __tablename__ = "envelope_documents"
    envelope_id: Mapped[int] = mapped_column(ForeignKey("envelopes.id"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True,
                                             index=True)

class IncomingEnvelope(Base):
    """An envelope GİB delivered to the posta kutusu service, kept as received (migration
    0010): its zip, its header and the verdict sent back (``status_code``: 1200 or 11xx;
    None for a SYSTEMENVELOPE, which is not answered)."""

    __tablename__ = "incoming_envelopes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    type: Mapped[str] = mapped_column(String(20))  # SENDERENVELOPE | POSTBOXENVELOPE | …
    element_type: Mapped[str] = mapped_column(String(30))  # INVOICE | APPLICATIONRESPONSE
    sender_vkn_tckn: Mapped[str] = mapped_column(String(11))
    sender_alias: Mapped[str] = mapped_column(String(200))
    sender_name: Mapped[str] = mapped_column(String(300))
    receiver_vkn_tckn: Mapped[str] = mapped_column(String(11))
    receiver_alias: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # Istanbul wall clock
    processed_at: Mapped[datetime] = mapped_column(DateTime)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    description: Mapped[str] = mapped_column(Text)
    document_count: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(20))  # service | pull
    content: Mapped[bytes] = mapped_column(LargeBinary)  # the zip as received
    md5: Mapped[str] = mapped_column(String(32))
    response_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"),
                                                              nullable=True)


class InboxItem(Base):
    """An incoming invoice in the Gelen Kutusu: when it came, until when it may be answered,
    whether it was opened and our KABUL / RED (migration 0010)."""

    __tablename__ = "inbox_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), unique=True)
    envelope_id: Mapped[int] = mapped_column(ForeignKey("incoming_envelopes.id"))
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    answer_due: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    read_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    answer: Mapped[str] = mapped_column(String(10), default="")  # "" | KABUL | RED
    answer_reason: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    answer_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"),
                                                            nullable=True)


class InvoiceAnswer(Base):
    """A KABUL / RED received about one of our invoices (``invoice_id`` None when no invoice
    of ours matches its reference). ``counted``: it was the first answer within eight days,
    the one that decides (Entegrasyon Kılavuzu §3.1)."""

    __tablename__ = "invoice_answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True,
                                                   nullable=True)
    envelope_id: Mapped[int] = mapped_column(ForeignKey("incoming_envelopes.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    code: Mapped[str] = mapped_column(String(20))  # KABUL | RED | IADE …
    reason: Mapped[str] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(String(100))  # DocumentReference/ID as written
    answered_on: Mapped[str] = mapped_column(String(10))  # its IssueDate
    received_at: Mapped[datetime] = mapped_column(DateTime)
    counted: Mapped[bool] = mapped_column(Boolean)



# GİB's registered-user list (``app.gib.userlist``): replaced as a whole at each import.
def _user_list_tables(suffix: str = "", metadata: MetaData = Base.metadata) -> tuple[Table, Table]:
    user = Table(
        f"gib_user{suffix}", metadata,
        Column("identifier", String(11), primary_key=True),
        Column("title", String, nullable=False, default=""),
        Column("type", String(8), nullable=False, default=""),
        Column("first_creation_time", String(32), nullable=False, default=""),
        Column("account_type", String(32), nullable=False, default=""),
    )
    alias = Table(
        f"gib_user_alias{suffix}", metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("identifier", String(11), nullable=False),
        Column("document_type", String(32), nullable=False),
        Column("alias", String, nullable=False),
        Column("role", String(2), nullable=False, default=""),
        Column("creation_time", String(32), nullable=False, default=""),
        Column("deletion_time", String(32), nullable=True),
        Column("deleted", Boolean, nullable=False, default=False),
    )
    if not suffix:  # staging tables of an import are indexed only once swapped in
        Index("ix_gib_user_alias_identifier", alias.c.identifier)
    return user, alias


gib_user, gib_user_alias = _user_list_tables()


# The archive hash chain (Alembic 0012) lives in its own module; imported here so that
# ``Base.metadata`` (migrations, schema checks) knows it.
from app.db.tables_archive import ArchiveEntry as ArchiveEntry  # noqa: E402

# The change stamps other seats poll (Alembic 0013), likewise.
from app.db.tables_changes import ChangeStamp as ChangeStamp  # noqa: E402

# e-İrsaliye despatch advices (Alembic 0015), likewise.
from app.db.tables_despatches import Despatch as Despatch  # noqa: E402

# The invoice change log the local API reads (Alembic 0014), likewise.
from app.db.tables_invoice_changes import InvoiceChange as InvoiceChange  # noqa: E402

# Irsaliye yanıtları, ours and received (Alembic 0016), likewise.
from app.db.tables_receipts import ReceiptAdvice as ReceiptAdvice  # noqa: E402
