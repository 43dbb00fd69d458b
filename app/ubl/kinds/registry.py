"""The UBL side of every invoice kind (see ``app.domain.kinds.registry``)."""

from __future__ import annotations

from app.ubl.kinds import (
    UblKind,
    energy,
    export,
    idis,
    investment,
    market_hall,
    medicine,
    sgk,
    technology,
    traveller,
    withholding_return,
)

UBL_KINDS: tuple[UblKind, ...] = (
    *market_hall.UBL_KINDS,
    *medicine.UBL_KINDS,
    *idis.UBL_KINDS,
    *energy.UBL_KINDS,
    *technology.UBL_KINDS,
    *sgk.UBL_KINDS,
    *withholding_return.UBL_KINDS,
    *traveller.UBL_KINDS,
    *export.UBL_KINDS,
    *investment.UBL_KINDS,
)
