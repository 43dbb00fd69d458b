"""The UBL side of every invoice kind (see ``app.domain.kinds.registry``)."""

from __future__ import annotations

from app.ubl.kinds import UblKind, idis, market_hall, medicine

UBL_KINDS: tuple[UblKind, ...] = (
    *market_hall.UBL_KINDS,
    *medicine.UBL_KINDS,
    *idis.UBL_KINDS,
)
