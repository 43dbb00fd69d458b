"""Random despatch advices of every profile and type (parties, 1–20 lines, units, carriers,
drivers and plates, dates) pass GİB's XSD and schematron with no failed assert; rendering is
deterministic and the JSON reads back equal.

The edit loop runs a few examples per profile × type; the whole run (``slow``) many more."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain import codes
from app.domain.despatch import DespatchData, DespatchProfile, DespatchType
from app.domain.despatch_json import despatch_to_json
from app.domain.identity import tckn_from_prefix, vkn_check_digit
from app.domain.party import Party
from app.ubl.build import RenderContext
from app.ubl.despatch_build import render_despatch
from app.ubl.validate import get_validator
from tests.conftest import TEST_NOW
from tests.fixtures.app import COMPANY

COMBOS = [(p, t) for p in DespatchProfile for t in DespatchType]
FAST_EXAMPLES = 8  # per combination, in the edit loop
SLOW_EXAMPLES = 60  # per combination, in whole runs

# Names with Turkish letters and the characters XML escapes.
TEXT = st.text(alphabet="abcçğıöşüABCÇĞİÖŞÜ &<>'\"0123456789-.,/", min_size=1,
               max_size=40).filter(lambda s: s.strip() != "")
POSTAL = st.from_regex(r"(0[1-9]|[1-7][0-9]|8[01])[0-9]{3}", fullmatch=True)
# TimeCheck: no cbc:IssueDate after today (the suite's fixed day, tests/conftest.py)
DATES = st.dates(min_value=date(2020, 1, 1), max_value=TEST_NOW.date())
TIMES = st.times().map(lambda t: t.replace(microsecond=0).strftime("%H:%M:%S"))


def vkn(draw: st.DrawFn) -> str:
    nine = draw(st.from_regex(r"[0-9]{9}", fullmatch=True))
    return nine + vkn_check_digit(nine)


def tckn(draw: st.DrawFn) -> str:
    return tckn_from_prefix(draw(st.from_regex(r"[1-9][0-9]{8}", fullmatch=True)))


@st.composite
def addresses(draw: st.DrawFn, *, postal: bool) -> dict[str, Any]:
    address = {"street": draw(st.sampled_from(["", "Gül Sk.", "Atatürk Cd. No:5 & 7"])),
               "district": draw(st.sampled_from(["Çankaya", "Üsküdar", "Konak", "Kepez"])),
               "city": draw(st.sampled_from(["Ankara", "İstanbul", "İzmir", "Antalya"]))}
    if postal or draw(st.booleans()):
        address["postal_code"] = draw(POSTAL)
    return address


@st.composite
def parties(draw: st.DrawFn, *, postal: bool = False) -> dict[str, Any]:
    address = draw(addresses(postal=postal))
    if draw(st.booleans()):
        return {"vkn_tckn": vkn(draw), "name": draw(TEXT), "address": address,
                "tax_office": draw(st.sampled_from(["", "Kadıköy", "Çankaya"]))}
    return {"vkn_tckn": tckn(draw), "first_name": draw(TEXT), "family_name": draw(TEXT),
            "address": address}


def plate(draw: st.DrawFn) -> str:
    return draw(st.from_regex(r"(0[1-9]|[1-7][0-9]|8[01]) ?[A-Z]{1,3} ?[0-9]{2,4}",
                              fullmatch=True))


@st.composite
def shipments(draw: st.DrawFn) -> dict[str, Any]:
    shipment: dict[str, Any] = {}
    how = draw(st.sampled_from(["carrier", "driver", "both"]))
    if how in ("carrier", "both"):
        shipment["carrier"] = {"vkn_tckn": vkn(draw) if draw(st.booleans()) else tckn(draw),
                               "name": draw(TEXT), "district": "Tuzla", "city": "İstanbul"}
    if how in ("driver", "both"):
        shipment["driver"] = {"first_name": draw(TEXT), "family_name": draw(TEXT),
                              "tckn": tckn(draw),
                              "title": draw(st.sampled_from(["", "Şoför"]))}
    if "driver" in shipment or draw(st.booleans()):
        shipment["vehicle_plates"] = list(dict.fromkeys(
            "".join(plate(draw).split()) for _ in range(draw(st.integers(1, 3)))))
    if draw(st.booleans()):
        shipment["trailer_plates"] = list(dict.fromkeys(
            "".join(plate(draw).split()) for _ in range(draw(st.integers(1, 2)))))
    if draw(st.booleans()):
        shipment["delivery_address"] = draw(addresses(postal=True))
    if draw(st.booleans()):
        shipment["despatch_address"] = draw(addresses(postal=False))
    return shipment


@st.composite
def lines(draw: st.DrawFn, profile: DespatchProfile) -> list[dict[str, Any]]:
    result = []
    for i in range(draw(st.integers(1, 20))):
        line: dict[str, Any] = {
            "name": draw(TEXT),
            "quantity": format(draw(st.decimals("0.0001", "100000", places=4)), "f"),
            "unit": draw(st.sampled_from(sorted(codes.UNITS))),
        }
        if draw(st.booleans()):
            line["unit_price"] = format(draw(st.decimals("0", "50000", places=4)), "f")
        if draw(st.booleans()):
            line["seller_code"] = f"SK-{i}"
        if draw(st.booleans()):
            line["description"] = draw(TEXT)
        if profile is DespatchProfile.HKSIRSALIYE:
            line["hks"] = {"kunye_no": draw(st.from_regex(r"[0-9]{19}", fullmatch=True))}
        if profile is DespatchProfile.IDISIRSALIYE:
            labels = draw(st.lists(st.from_regex(r"[A-Z]{2}[0-9]{7}", fullmatch=True),
                                   min_size=1, max_size=3, unique=True))
            line["idis"] = {"etiket_no": ", ".join(labels)}
        result.append(line)
    return result


@st.composite
def despatches(draw: st.DrawFn, profile: DespatchProfile,
               kind: DespatchType) -> dict[str, Any]:
    shipment = draw(shipments())
    data: dict[str, Any] = {
        "profile": profile.value, "type": kind.value,
        "series": draw(st.from_regex(r"[A-Z0-9]{3}", fullmatch=True)),
        "issue_date": draw(DATES).isoformat(), "issue_time": draw(TIMES),
        "customer": draw(parties(postal="delivery_address" not in shipment)),
        "shipment": shipment,
        "lines": draw(lines(profile)),
        "notes": draw(st.lists(TEXT, max_size=2)),
    }
    if draw(st.booleans()):
        data["despatch_date"] = draw(DATES).isoformat()
        data["despatch_time"] = draw(TIMES)
    if draw(st.booleans()):
        data["buyer"] = draw(parties())
    if draw(st.booleans()):
        data["seller"] = draw(parties())
    if draw(st.booleans()):
        data["order_ref"] = {"number": draw(TEXT), "date": draw(DATES).isoformat()}
    if draw(st.booleans()):
        data["invoice_refs"] = [{"number": "ABC2026000000001",
                                 "date": draw(DATES).isoformat()}]
    if kind is DespatchType.MATBUDAN:
        data["printed"] = {"number": draw(TEXT), "date": draw(DATES).isoformat()}
    if profile is DespatchProfile.IDISIRSALIYE:
        data["idis"] = {"sevkiyat_no": draw(st.from_regex(r"SE-[0-9]{7}", fullmatch=True))}
    if draw(st.booleans()):
        data["currency"] = draw(st.sampled_from(["TRY", "USD", "EUR"]))
    return data


@st.composite
def suppliers(draw: st.DrawFn) -> Party:
    if draw(st.booleans()):
        return Party.from_dict(COMPANY)
    return Party.from_dict({"vkn_tckn": tckn(draw), "first_name": "Zeynep",
                            "family_name": "Çelik", "tax_office": "Konak",
                            "address": {"district": "Konak", "city": "İzmir"}})


def _check(validator, data: dict[str, Any], supplier: Party) -> None:  # type: ignore[no-untyped-def]
    despatch = DespatchData.from_json(data)
    ctx = RenderContext(supplier, f"{despatch.series}{despatch.issue_date.year}000000001",
                        unsigned=True)
    xml = render_despatch(despatch, ctx)
    report = validator.validate_despatch_advice(xml)
    assert report.ok, [str(p) for p in report.problems]
    assert render_despatch(despatch, ctx) == xml
    again = DespatchData.from_json(json.loads(json.dumps(despatch_to_json(despatch))))
    assert again == despatch


def _run(installed_rules_dir: Path, profile: DespatchProfile, kind: DespatchType,
         examples: int) -> None:
    validator = get_validator(installed_rules_dir)

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(despatches(profile, kind), suppliers())
    def run(data: dict[str, Any], supplier: Party) -> None:
        _check(validator, data, supplier)

    run()


@pytest.mark.parametrize(("profile", "kind"), COMBOS, ids=[f"{p}-{t}" for p, t in COMBOS])
def test_random_despatches_pass_gib_rules(profile: DespatchProfile, kind: DespatchType,
                                          installed_rules_dir: Path) -> None:
    _run(installed_rules_dir, profile, kind, FAST_EXAMPLES)


@pytest.mark.slow
@pytest.mark.parametrize(("profile", "kind"), COMBOS, ids=[f"{p}-{t}" for p, t in COMBOS])
def test_many_random_despatches_pass_gib_rules(profile: DespatchProfile, kind: DespatchType,
                                               installed_rules_dir: Path) -> None:
    _run(installed_rules_dir, profile, kind, SLOW_EXAMPLES)
