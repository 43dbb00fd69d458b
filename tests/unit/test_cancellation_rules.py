"""The cancellation rules (app.domain.cancellation) without a database: which invoice may be
cancelled, the reason, and the rule shown with its source."""

from __future__ import annotations

import pytest

from app.domain.cancellation import (
    CANCELLABLE,
    EARSIV_RULE,
    GUIDE,
    OTHER_EFATURA_RULE,
    TEMEL_RULE,
    TICARI_RULE,
    CancellationRefused,
    check_cancellable,
    clean_reason,
    rule_for,
)
from app.domain.status import STATUS_NAMES, Status


def _check(**kw: str) -> object:
    args = {"direction": "out", "profile": "EARSIVFATURA", "status": "issued",
            "number": "EAR2026000000001", **kw}
    return check_cancellable(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", sorted(CANCELLABLE))
def test_an_issued_earsiv_invoice_may_be_cancelled(status: str) -> None:
    assert _check(status=status) is EARSIV_RULE


def test_the_status_and_its_turkish_name() -> None:
    assert Status.CANCELLED == "cancelled" and STATUS_NAMES[Status.CANCELLED] == "İPTAL"


@pytest.mark.parametrize("kw,words", [
    ({"status": "draft", "number": None}, "Taslak iptal edilmez"),
    ({"status": "cancelled"}, "zaten iptal edilmiş"),
    ({"status": "failed"}, "\"Hata\""),
    ({"direction": "in", "status": "received"}, "gelen bir faturadır"),
    ({"profile": "TEMELFATURA"}, "portal.efatura.gov.tr/FaturaIptal"),
    ({"profile": "TICARIFATURA"}, "Ret Uygulama Yanıtı"),
])
def test_refusals_say_why_in_turkish(kw: dict[str, str], words: str) -> None:
    with pytest.raises(CancellationRefused) as info:
        _check(**kw)
    assert words in info.value.message


@pytest.mark.parametrize("profile,rule", [("TEMELFATURA", TEMEL_RULE),
                                          ("TICARIFATURA", TICARI_RULE),
                                          ("IHRACAT", OTHER_EFATURA_RULE),
                                          ("EARSIVFATURA", EARSIV_RULE)])
def test_every_rule_names_its_source(profile: str, rule: object) -> None:
    assert rule_for(profile) is rule
    assert GUIDE in rule_for(profile).source and "bölüm" in rule_for(profile).source
    assert "Kaynak: " in str(rule_for(profile))


def test_the_efatura_rules_carry_the_8_days_and_the_buyers_part() -> None:
    assert "8 gün" in TEMEL_RULE.text and "onaylan" in TEMEL_RULE.text
    assert "8 gün" in TICARI_RULE.text and "alıcı" in TICARI_RULE.text
    assert "Alıcı onayı aranmaz" in EARSIV_RULE.text and "faturaIptal" in EARSIV_RULE.text
    assert "EARSIV-NOTES.md" in EARSIV_RULE.source


def test_the_reason() -> None:
    assert clean_reason("  Müşteri\n vazgeçti ") == "Müşteri vazgeçti"
    assert clean_reason("Yanlış\x00 tutar\x1b[31m") == "Yanlış tutar [31m"
    for bad in ("", "  ", None, "x" * 501, "\x01\x02  ", "\u200b\x7f"):
        with pytest.raises(CancellationRefused) as info:
            clean_reason(bad)
        assert info.value.field == "reason"
    assert clean_reason("x" * 500) == "x" * 500
