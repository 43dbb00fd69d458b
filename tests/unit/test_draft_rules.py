"""The rules the invoice editor applies, kept in the core: the profile a receiver calls for,
the series a profile is numbered from, which line codes a type carries, and drafts saved
under a fixed ETTN."""

from __future__ import annotations

import uuid

from app.context import AppContext
from app.domain import codes
from app.domain.codes import InvoiceType, Profile
from app.usecases import drafts
from app.usecases.company import company_series
from app.usecases.invoices import show_invoice
from tests.fixtures.app import invoice_json


def test_profile_follows_the_receiver() -> None:
    assert codes.profile_for_receiver(Profile.TEMELFATURA, False) is Profile.EARSIVFATURA
    assert codes.profile_for_receiver(Profile.TICARIFATURA, False) is Profile.EARSIVFATURA
    assert codes.profile_for_receiver(Profile.EARSIVFATURA, True) is Profile.TEMELFATURA
    # a profile that already fits is kept
    assert codes.profile_for_receiver(Profile.TICARIFATURA, True) is Profile.TICARIFATURA
    assert codes.profile_for_receiver(Profile.EARSIVFATURA, False) is Profile.EARSIVFATURA


def test_line_codes_by_type() -> None:
    assert [t for t in InvoiceType if codes.carries_withholding(t)] == [
        InvoiceType.TEVKIFAT, InvoiceType.TEVKIFATIADE, InvoiceType.SGK, InvoiceType.YTBTEVKIFAT,
        InvoiceType.YTBTEVKIFATIADE]
    assert {t for t in InvoiceType if codes.carries_exemption_code(t)} == {
        InvoiceType.ISTISNA, InvoiceType.OZELMATRAH, InvoiceType.IHRACKAYITLI,
        InvoiceType.YTBISTISNA}
    assert list(codes.exemption_choices(InvoiceType.SATIS)) == [codes.ZERO_KDV_DEFAULT_CODE]
    assert codes.exemption_choices(InvoiceType.OZELMATRAH) is codes.SPECIAL_BASE_CODES


def test_series_by_profile_and_draft_saved_under_its_ettn(app_ctx: AppContext) -> None:
    efatura, earchive = company_series(app_ctx)
    assert drafts.series_for_profile(app_ctx, Profile.EARSIVFATURA) == earchive
    assert drafts.series_for_profile(app_ctx, Profile.TICARIFATURA) == efatura
    assert drafts.series_for_profile(app_ctx, Profile.TEMELFATURA) == efatura

    ettn = str(uuid.uuid4()).upper()
    assert drafts.save_draft(app_ctx, ettn, invoice_json(notes=["ilk"])) == ettn
    assert drafts.save_draft(app_ctx, ettn, invoice_json(notes=["ikinci"])) == ettn
    info = show_invoice(app_ctx, ettn)
    assert info["status"] == "draft" and info["data"]["notes"] == ["ikinci"]
