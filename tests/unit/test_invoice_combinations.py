"""The invoice JSON refuses, before anything is issued, every scenario × type pair GİB's rules
refuse — with GİB's reason in Turkish — and says plainly which allowed pairs Tezgâh does not
issue yet; the pairs it issues get past this check."""

from __future__ import annotations

import pytest

from app.domain import codes
from app.domain.combinations import GIB_PROFILES, GIB_TYPES, combination_problem
from app.domain.errors import UserError
from app.domain.invoice import InvoiceData
from tests.fixtures.app import invoice_json

PAIRS = [(p, t) for p in GIB_PROFILES for t in GIB_TYPES]


@pytest.mark.parametrize(("profile", "type_code"), PAIRS)
def test_every_gib_pair_is_refused_with_gibs_reason_or_issued(profile: str,
                                                              type_code: str) -> None:
    data = invoice_json(profile=profile, type=type_code)
    forbidden = combination_problem(profile, type_code)
    supported = (profile in codes.Profile.__members__ and type_code in
                 codes.InvoiceType.__members__ and
                 codes.InvoiceType(type_code) in codes.ALLOWED_TYPES[codes.Profile(profile)])
    if forbidden:
        with pytest.raises(UserError) as caught:
            InvoiceData.from_json(data)
        assert caught.value.message == forbidden and caught.value.field == "type"
    elif not supported:
        with pytest.raises(UserError, match="henüz") as caught:
            InvoiceData.from_json(data)
        assert caught.value.field in ("profile", "type")
    else:
        try:
            InvoiceData.from_json(data)
        except UserError as exc:  # later checks (a TEVKIFAT needs its withholding …)
            assert exc.field != "type" or "tipi kullanılamaz" not in exc.message, exc.message
            assert "henüz" not in exc.message and exc.message != forbidden


@pytest.mark.parametrize(("profile", "type_code", "change", "message"), [
    ("KAMU", "SATIS", {}, "Kamu senaryolu faturada 555"),
    ("TEMELFATURA", "ISTISNA", {"kdv_rate": "20"}, "İstisna faturasında 555"),
    ("TEMELFATURA", "SATIS", {"kdv_rate": "0"}, "KDV %0 olamaz"),
    ("TEMELFATURA", "SATIS", {"unit_price": "0"}, "0,00 olan kalem olamaz"),
])
def test_code_555_follows_gibs_2026_rule(profile: str, type_code: str, change: dict,
                                         message: str) -> None:
    data = invoice_json(profile=profile, type=type_code)
    data["lines"][0].update(exemption_code="555", **change)
    if change.get("unit_price") == "0":  # the 555 line is fine, another line has 0,00 KDV
        data["lines"][0].update(unit_price="10")
        data["lines"][1].update(unit_price="0")
    with pytest.raises(UserError, match=message):
        InvoiceData.from_json(data)


def test_code_555_on_taxed_lines_is_kept() -> None:
    data = invoice_json(profile="EARSIVFATURA", type="SATIS", delivery="KAGIT")
    data["lines"][0]["exemption_code"] = "555"
    invoice = InvoiceData.from_json(data)
    assert invoice.lines[0].exemption_code == "555"
    assert invoice.lines[0].exemption_reason == "Demirbaş KDV"
