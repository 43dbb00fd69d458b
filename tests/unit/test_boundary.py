"""Whatever arrives as invoice, customer or product JSON is either refused at once with a
Turkish message naming the field, or stored as a draft that can be issued (GİB's XSD and
schematron pass, ``--no-sign``). Never a traceback, never a draft that cannot be issued."""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Iterator
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import clock
from app.cli import main
from app.context import AppContext
from app.domain.errors import UserError
from app.domain.fields import bad_character, places_of
from app.domain.invoice import InvoiceData
from app.usecases import catalog
from app.usecases.invoices import create_draft, issue_invoice
from tests.fixtures.app import CUSTOMER, invoice_json, make_context

ARABIC_VKN = "٤٧٠٠٥٨٢٢٦٠"  # 4700582260 in Arabic-Indic digits


def line(**changes: Any) -> dict[str, Any]:
    return {"name": "Kalem", "quantity": "1", "unit": "C62", "unit_price": "10",
            "kdv_rate": "20", **changes}


def customer(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(CUSTOMER), **changes}


def address(**changes: Any) -> dict[str, Any]:
    return customer(address={**CUSTOMER["address"], **changes})


# Inputs that used to crash `invoice new` or give a draft that could never be issued.
HOSTILE_INVOICES: dict[str, tuple[dict[str, Any], str]] = {
    "control character in a name": (invoice_json(lines=[line(name="a\x01b")]), "lines[0].name"),
    "lone surrogate": (invoice_json(lines=[line(name="a\ud800b")]), "lines[0].name"),
    "NUL in seller code": (invoice_json(lines=[line(seller_code="\x00")]), "lines[0].seller_code"),
    "bell in e-mail": (invoice_json(customer=customer(email="a\x07@b.com")), "customer.email"),
    "bidi override": (invoice_json(customer=customer(name="Firma \u202eA.Ş.")), "customer.name"),
    "price 1e20 (JSON number)": (invoice_json(lines=[line(unit_price=Decimal("1e20"))]),
                                 "lines[0].unit_price"),
    "price 1e400": (invoice_json(lines=[line(unit_price="1e400")]), "lines[0].unit_price"),
    "26-digit quantity": (invoice_json(lines=[line(quantity=12345678901234567890123456)]),
                          "lines[0].quantity"),
    "26-digit price": (invoice_json(lines=[line(unit_price="12345678901234567890123456")]),
                       "lines[0].unit_price"),
    "line total too large": (invoice_json(lines=[line(quantity="100000000",
                                                      unit_price="100000000")]),
                             "lines[0].unit_price"),
    "invoice total too large": (invoice_json(lines=[line(quantity="1000000",
                                                         unit_price="999999999")] * 2000),
                                "lines"),
    "address as text": (invoice_json(customer=customer(address="x")), "customer.address"),
    "address as list": (invoice_json(customer=customer(address=[1])), "customer.address"),
    "city as object": (invoice_json(customer=address(city={"a": 1})), "customer.address.city"),
    "unknown country": (invoice_json(customer=address(country="XXXX")),
                        "customer.address.country"),
    "name as list": (invoice_json(customer=customer(name=[1, 2])), "customer.name"),
    "notes as object": (invoice_json(notes={"a": 1}), "notes"),
    "note as object": (invoice_json(notes=[{"a": 1}]), "notes[0]"),
    "other taxes as object": (invoice_json(lines=[line(other_taxes={"a": 1})]),
                              "lines[0].other_taxes"),
    "other tax as number": (invoice_json(lines=[line(other_taxes=[1])]),
                            "lines[0].other_taxes[0]"),
    "negative other tax": (invoice_json(lines=[line(other_taxes=[{"code": "0071",
                                                                  "rate": "-50"}])]),
                           "lines[0].other_taxes[0].rate"),
    "huge other tax": (invoice_json(lines=[line(other_taxes=[{"code": "0071",
                                                              "rate": "1e30"}])]),
                       "lines[0].other_taxes[0].rate"),
    "nested despatch number": (invoice_json(despatch_refs=[{"number": {"a": [1]}}]),
                               "despatch_refs[0].number"),
    "despatch refs as object": (invoice_json(despatch_refs={"number": "x"}), "despatch_refs"),
    "payment IBAN fails mod-97": (invoice_json(payment={"iban": "TR330006100519786457841327"}),
                                  "payment.iban"),
    "payment IBAN too short": (invoice_json(payment={"iban": "TR00"}), "payment.iban"),
    "order ref as list": (invoice_json(order_ref=[1, 2]), "order_ref"),
    "year 1": (invoice_json(issue_date="0001-01-01"), "issue_date"),
    "before 2005": (invoice_json(issue_date="2004-12-31"), "issue_date"),
    "exchange rate 1e30": (invoice_json(currency="USD", exchange_rate="1e30"), "exchange_rate"),
    "exchange rate with 18 places": (invoice_json(currency="USD",
                                                  exchange_rate="0.000000000000000001"),
                                     "exchange_rate"),
    "name of 100 000 characters": (invoice_json(lines=[line(name="a" * 100_000)]),
                                   "lines[0].name"),
    "Arabic-Indic VKN": (invoice_json(customer=customer(vkn_tckn=ARABIC_VKN)),
                         "customer.vkn_tckn"),
    "Arabic-Indic price": (invoice_json(lines=[line(unit_price="١٠")]), "lines[0].unit_price"),
    "Arabic-Indic date": (invoice_json(issue_date="٢٠٢٦-١١-٢٠"), "issue_date"),
    "bad alias": (invoice_json(customer=customer(alias="urn:mail:\x01")), "customer.alias"),
    "lines null": (invoice_json(lines=None), "lines"),
}


@pytest.mark.parametrize("case", list(HOSTILE_INVOICES), ids=list(HOSTILE_INVOICES))
def test_hostile_invoice_json_is_refused_with_the_field_named(app_ctx: AppContext,
                                                             case: str) -> None:
    data, field = HOSTILE_INVOICES[case]
    with pytest.raises(UserError) as exc:
        create_draft(app_ctx, data)
    assert exc.value.field == field, exc.value.message
    assert bad_character(exc.value.message) is None


@pytest.mark.parametrize(("product", "field"), [
    ({"name": "x", "unit_price": "1", "id": "1.5"}, "id"),
    ({"name": "x", "unit_price": "1", "id": [1]}, "id"),
    ({"name": "x", "unit_price": "1", "id": 10 ** 30}, "id"),
    ({"name": "x", "unit_price": "1e400"}, "unit_price"),
    ({"name": "x", "unit_price": "12345678901234567890123456"}, "unit_price"),
    ({"name": "\x00"}, "name"),
    ({"name": "x", "unit_price": "1", "seller_code": ["a"]}, "seller_code"),
])
def test_hostile_products_are_refused(app_ctx: AppContext, product: dict, field: str) -> None:
    with pytest.raises(UserError) as exc:
        catalog.save_product(app_ctx, product)
    assert exc.value.field == field


@pytest.mark.parametrize(("data", "field"), [
    (customer(address="x"), "address"),
    (customer(name="\udc80"), "name"),
    (customer(vkn_tckn=ARABIC_VKN), "vkn_tckn"),
    (customer(iban="TR330006100519786457841327"), "iban"),
])
def test_hostile_customers_are_refused(app_ctx: AppContext, data: dict, field: str) -> None:
    with pytest.raises(UserError) as exc:
        catalog.save_customer(app_ctx, data)
    assert exc.value.field == field


@pytest.mark.parametrize(("text", "what"), [
    ("[" * 100_000 + "]" * 100_000, "derin"),
    ('{"name": "x", "unit_price": ' + "9" * 5000 + "}", "uzun bir sayı"),
    ('{"name": "x", "unit_price": NaN}', "NaN"),
    ("[1, null]", "nesne"),
    ("null", "nesne"),
])
@pytest.mark.parametrize("command", [["product", "add"], ["customer", "add"], ["invoice", "new"]])
def test_cli_reads_hostile_files_without_a_traceback(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, installed_rules_dir: Path,
        command: list[str], text: str, what: str) -> None:
    make_context(tmp_path / "data", installed_rules_dir)
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "data"), *command, "--json", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Hata:") and "Traceback" not in err
    if what in ("derin", "uzun bir sayı", "NaN"):
        assert what in err


def test_a_vkn_in_arabic_indic_digits_is_not_a_vkn() -> None:
    from app.domain.identity import check_vkn_tckn, is_valid_vkn

    assert is_valid_vkn("4700582260")
    assert not is_valid_vkn(ARABIC_VKN)
    assert not is_valid_vkn("４７００５８２２６０")  # fullwidth
    with pytest.raises(UserError, match="0–9"):
        check_vkn_tckn(ARABIC_VKN)


def test_places_and_characters() -> None:
    assert places_of(Decimal("12.3400")) == 2
    assert places_of(Decimal("1E+3")) == 0
    assert places_of(Decimal("1E-5")) == 5
    assert bad_character("Çağlayan Şişecilik") is None
    assert bad_character("a\nb") == "\n"
    assert bad_character("a\nb", multiline=True) is None
    assert bad_character("\ufffe") == "\ufffe"


# -- the property: clear error or issuable draft --------------------------------------------

def _text_chars() -> st.SearchStrategy[str]:
    # every code point, lone surrogates included (a JSON "\ud800" escape makes one)
    return st.characters(exclude_categories=())


NUMBER_TEXTS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.from_regex(r"-?[0-9]{1,30}([.,][0-9]{0,12})?", fullmatch=True),
    st.sampled_from(["1e20", "1e400", "-0", "0.0000", "1.234,50", "NaN", "Infinity", "١٠",
                     "9" * 26, "0.00000001", "99999999999999.99", "1E+2", " 12 "]),
)
PLAUSIBLE = st.sampled_from([
    "TEMELFATURA", "TICARIFATURA", "EARSIVFATURA", "SATIS", "IADE", "TEVKIFAT", "ISTISNA",
    "OZELMATRAH", "IHRACKAYITLI", "ABC", "X1Z", "USD", "EUR", "TRY", "2026-11-01",
    "27.11.2026", "2004-01-01", "2099-12-31", "10:15", "23:59:59", "ABC2026000000001",
    "TR330006100519786457841326", "urn:mail:defaultpk@firma.com.tr", "DE", "TR", "KGM", "C62",
    "601", "603", "351", "301", "801", "701", "0071", "4080", "0", "1", "10", "20", "100",
    "11111111111", "10000000146", "4700582260", "3880530121", ARABIC_VKN, "",
    "a@b.com", "Ayşe Yılmaz", "ĞÜŞİÖÇ ğüşıöç", "Kadıköy",
])
LEAVES = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.text(_text_chars(), max_size=12),
    NUMBER_TEXTS, PLAUSIBLE,
)
JSON_VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=6,
)

LINE_KEYS = ["name", "quantity", "unit", "unit_price", "discount_rate", "kdv_rate",
             "withholding_code", "withholding_rate", "exemption_code", "exemption_reason",
             "seller_code", "description", "other_taxes"]
PATHS: list[tuple[Any, ...]] = [
    *[(k,) for k in ["profile", "type", "series", "issue_date", "issue_time", "currency",
                     "exchange_rate", "customer", "lines", "notes", "return_of", "order_ref",
                     "despatch_refs", "payment", "ettn"]],
    *[("customer", k) for k in ["vkn_tckn", "name", "first_name", "family_name", "tax_office",
                                "address", "email", "phone", "web", "alias", "iban"]],
    *[("customer", "address", k) for k in ["street", "building_no", "district", "city",
                                           "postal_code", "country"]],
    *[("lines", 0, k) for k in LINE_KEYS],
    ("lines", 0), ("lines", 1, "name"), ("lines", 0, "other_taxes", 0, "rate"),
    ("lines", 0, "other_taxes", 0, "code"), ("payment", "iban"), ("payment", "due_date"),
    ("return_of", "number"), ("return_of", "date"), ("despatch_refs", 0),
]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    """Put ``value`` at ``path``, making the containers on the way when they are missing."""
    for i, key in enumerate(path):
        if isinstance(data, dict) and isinstance(key, str):
            pass
        elif isinstance(data, list) and isinstance(key, int):
            data.extend([None] * (key + 1 - len(data)))
        else:  # an earlier mutation put something else here
            return
        if i == len(path) - 1:
            data[key] = value
            return
        kind = list if isinstance(path[i + 1], int) else dict
        child = data.get(key) if isinstance(data, dict) else data[key]
        if not isinstance(child, kind):
            child = kind()
            data[key] = child
        data = child


def _bases() -> list[dict[str, Any]]:
    """Valid invoices of several kinds, the starting points of the mutations."""
    tea = line(name="Çay", quantity="2.5", unit="KGM", unit_price="245.50", kdv_rate="1")
    return [
        invoice_json(lines=[tea]),
        invoice_json(type="TEVKIFAT", lines=[line(withholding_code="603", kdv_rate="20"), tea]),
        invoice_json(type="IADE", return_of={"number": "ABC2026000000007",
                                             "date": "2026-11-01"}, lines=[tea]),
        invoice_json(profile="EARSIVFATURA", customer={
            "vkn_tckn": "11111111111", "first_name": "Nihai", "family_name": "Tüketici",
            "address": {"district": "Konak", "city": "İzmir"}}, lines=[tea]),
        invoice_json(currency="USD", exchange_rate="34.5678", notes=["Teşekkürler"],
                     lines=[line(other_taxes=[{"code": "0071", "rate": "25"}])]),
        invoice_json(type="ISTISNA", lines=[line(kdv_rate="0", exemption_code="301"), tea],
                     payment={"iban": "TR330006100519786457841326", "due_date": "2026-12-31"},
                     order_ref={"number": "S-1", "date": "2026-11-01"}, despatch_refs=["IR-1"]),
    ]


TEXTS = st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=20),
    st.text(_text_chars(), max_size=8),
)
DATES = st.dates().flatmap(lambda d: st.sampled_from([d.isoformat(), d.strftime("%d.%m.%Y")]))
RELEVANT = st.one_of(PLAUSIBLE, NUMBER_TEXTS, TEXTS, DATES,
                     st.integers(min_value=-5, max_value=10 ** 6))


@st.composite
def mutated_invoices(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(draw(st.sampled_from(_bases())))
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2, 3]))):
        path = draw(st.sampled_from(PATHS))
        value = draw(RELEVANT) if draw(st.integers(0, 9)) < 7 else draw(JSON_VALUES)
        _set(data, path, value)
    # as `tezgah invoice new` would read it: through JSON (fractions as Decimal)
    return json.loads(json.dumps(data, default=str), parse_float=Decimal)


@pytest.fixture(scope="module")
def template_dir(tmp_path_factory: pytest.TempPathFactory, installed_rules_dir: Path) -> Path:
    data = tmp_path_factory.mktemp("template") / "data"
    make_context(data, installed_rules_dir)
    return data


@pytest.fixture
def fresh_contexts(template_dir: Path, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[Any]:
    def make() -> AppContext:
        target = tmp_path_factory.mktemp("ex") / "data"
        shutil.copytree(template_dir, target, symlinks=True)
        return AppContext(target)
    yield make


def test_random_json_gives_a_clear_error_or_an_issuable_draft(fresh_contexts: Any) -> None:
    examples = int(os.environ.get("BOUNDARY_EXAMPLES", "150"))
    counts = {"refused": 0, "issued": 0}

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(mutated_invoices())
    def run(data: dict[str, Any]) -> None:
        try:
            invoice = InvoiceData.from_json(copy.deepcopy(data)) \
                if not isinstance(data.get("customer"), str) else None
        except UserError as exc:
            assert exc.field, exc.message
            assert bad_character(exc.message) is None, exc.message.encode("utf-8")
            counts["refused"] += 1
            return
        ctx = fresh_contexts()
        try:
            ettn = create_draft(ctx, data)
        except UserError as exc:
            # a customer given by number must be registered first
            assert invoice is None, exc.message
            return
        assert invoice is not None
        day = max(clock.today(), invoice.issue_date)
        with clock.frozen_at(datetime.combine(day, time(23, 59))):
            issue_invoice(ctx, ettn, sign=None)
        counts["issued"] += 1

    run()
    assert counts["issued"] >= examples // 10, counts  # the property reaches issuing


# -- ASCII digits everywhere identifiers and numbers are read -------------------------------

_DIGIT_SCAN_SKIP: tuple[str, ...] = ()


def test_no_unicode_digit_checks_in_the_core(repo_root: Path) -> None:
    """``str.isdigit()``/``isnumeric()``/``isdecimal()`` and ``\\d`` (without re.ASCII) accept
    Arabic-Indic, fullwidth … digits; the core checks ASCII digits only."""
    import re

    unicode_check = re.compile(r"\.is(digit|numeric|decimal)\(\)")
    backslash_d = re.compile(r"""r["'][^"']*\\d""")
    offenders = []
    for path in sorted([*(repo_root / "app").rglob("*.py"), *(repo_root / "ui").rglob("*.py")]):
        if any(part in _DIGIT_SCAN_SKIP for part in path.relative_to(repo_root).parts):
            continue
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = text.split("#", 1)[0]
            if unicode_check.search(code) and "isascii()" not in code:
                offenders.append(f"{path.relative_to(repo_root)}:{n}: {text.strip()}")
            if backslash_d.search(code) and "re.ASCII" not in code:
                offenders.append(f"{path.relative_to(repo_root)}:{n}: {text.strip()}")
    assert offenders == []


@pytest.mark.parametrize("digits", ["٤٧٠٠٥٨٢٢٦٠", "４７００５８２２６０", "४७००५८२२६०"])
def test_identifier_checks_refuse_non_ascii_digits(digits: str) -> None:
    from app.domain.identity import is_valid_tckn, is_valid_vkn
    from app.domain.money import parse_typed_decimal, to_decimal
    from app.domain.party import iban_ok

    assert not is_valid_vkn(digits)
    assert not is_valid_tckn(digits + "1")
    assert parse_typed_decimal(digits) is None
    with pytest.raises(UserError):
        to_decimal(digits)
    assert not iban_ok("TR33" + "٠" * 22)
