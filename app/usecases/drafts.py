"""Drafts as the invoice editor keeps them: stored under a fixed ETTN, numbered from the
series that belongs to their profile."""

from __future__ import annotations

import contextlib
from typing import Any

from app.context import AppContext
from app.domain.codes import Profile
from app.domain.errors import NotFoundError
from app.usecases.company import company_series, internet_sale_series
from app.usecases.invoices import create_draft, update_draft


def save_draft(ctx: AppContext, ettn: str, data: dict[str, Any]) -> str:
    """Create the draft with this ETTN or update it; return the ETTN."""
    try:
        update_draft(ctx, ettn, data)
    except NotFoundError:
        create_draft(ctx, {**data, "ettn": ettn})
    return ettn


def series_for_profile(ctx: AppContext, profile: Profile, *,
                       internet_sale: bool = False) -> str:
    """The company's series an invoice of ``profile`` is numbered from: e-Arşiv invoices
    from the e-Arşiv series (an internet sale from the internet-sale series when one is set),
    e-Fatura (TEMELFATURA, TICARIFATURA) from the e-Fatura one."""
    efatura, earchive = company_series(ctx)
    if profile is Profile.EARSIVFATURA and internet_sale:
        return internet_sale_series(ctx)
    return earchive if profile is Profile.EARSIVFATURA else efatura


def with_company_series(ctx: AppContext, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (invoice JSON) with the company's series for its profile where it names
    none: a program that hands invoices over (the local API, the watched folder) need not
    know the shop's series. A profile that is not GİB's is left for the JSON check to name."""
    if data.get("series"):
        return data
    with contextlib.suppress(ValueError, AttributeError):
        profile = Profile(str(data.get("profile") or Profile.TEMELFATURA.value).strip().upper())
        return {**data, "series": series_for_profile(ctx, profile)}
    return data
