"""The UBL side of every invoice kind (see ``app.domain.kinds.registry``)."""

from __future__ import annotations

from app.ubl.kinds import UblKind, market_hall

UBL_KINDS: tuple[UblKind, ...] = (
    *market_hall.UBL_KINDS,
)
