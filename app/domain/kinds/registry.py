"""Every invoice kind, in the order the editor shows their sections. Add a new kind's
module here (explicit imports: the packaged application must see each one)."""

from __future__ import annotations

from app.domain.kinds import (
    InvoiceKind,
    energy,
    export,
    idis,
    investment,
    market_hall,
    medicine,
    sgk,
    technology,
    traveller,
)

KINDS: tuple[InvoiceKind, ...] = (
    *market_hall.KINDS,
    *medicine.KINDS,
    *idis.KINDS,
    *energy.KINDS,
    *technology.KINDS,
    *sgk.KINDS,
    *traveller.KINDS,
    *export.KINDS,
    *investment.KINDS,
)
