"""Tezgâh's code lists against GİB's own list, and the storage guarantees."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.db.engine import open_database
from app.domain import codes
from app.ubl.rules import RulesStore


@pytest.fixture(scope="module")
def gib_codes(installed_rules_dir: Path) -> dict[str, set[str]]:
    path = RulesStore(installed_rules_dir).schematron_main().with_name("UBL-TR_Codelist.xml")
    return codes.read_gib_codelist(path)


def test_profiles_and_types_are_gibs(gib_codes: dict[str, set[str]]) -> None:
    efatura = gib_codes["ProfileIDType"] | gib_codes["ProfileIDTypeEarchive"]
    assert {p.value for p in codes.Profile} <= efatura
    assert {t.value for t in codes.InvoiceType} <= gib_codes["InvoiceTypeCodeList"]


def test_withholding_codes_and_rates_are_gibs(gib_codes: dict[str, set[str]]) -> None:
    for code, rate in codes.WITHHOLDING_CODES:
        assert code in gib_codes["WithholdingTaxType"]
        assert f"{code}{rate}" in gib_codes["WithholdingTaxTypeWithPercent"]


def test_exemption_units_currencies_and_taxes_are_gibs(gib_codes: dict[str, set[str]]) -> None:
    assert set(codes.EXEMPTION_CODES) <= gib_codes["TaxExemptionReasonCodeType"]
    assert set(codes.SPECIAL_BASE_CODES) <= gib_codes["ozelMatrahTaxExemptionReasonCodeType"]
    assert set(codes.EXPORT_REGISTERED_CODES) <= gib_codes["ihracExemptionReasonCodeType"]
    istisna = {k for k in codes.EXEMPTIONS_BY_TYPE[codes.InvoiceType.ISTISNA]}
    assert istisna <= gib_codes["istisnaTaxExemptionReasonCodeType"]
    assert codes.ZERO_KDV_DEFAULT_CODE not in gib_codes["istisnaTaxExemptionReasonCodeType"]
    assert set(codes.UNITS) <= gib_codes["UnitCodeList"]
    assert set(codes.CURRENCIES) <= gib_codes["CurrencyCodeList"]
    assert {codes.KDV_TAX_CODE, *codes.LINE_TAX_CODES} <= gib_codes["TaxType"]


def test_database_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.session() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar_one() >= 5000
        assert s.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() >= 1
    with pytest.raises(Exception, match="FOREIGN KEY"), db.session() as s:
        s.execute(text("INSERT INTO invoice_events (invoice_id, at, kind, code, message) "
                       "VALUES (999, '2026-01-01', 'x', '', '')"))


def test_migrations_are_idempotent_on_restart(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    from app.db.engine import MIGRATIONS_DIR, Database, script_heads

    heads = set(ScriptDirectory(str(MIGRATIONS_DIR)).get_heads())
    assert script_heads() == heads  # the quick start-up check reads the same heads
    first = Database(tmp_path / "t.sqlite3")
    first.migrate()
    with first.session() as s:
        applied = {r[0] for r in s.execute(text("SELECT version_num FROM alembic_version"))}
    first.close()
    assert applied == heads  # every branch of the schema is applied
    again = Database(tmp_path / "t.sqlite3")
    again.migrate()  # a second start finds the schema current and changes nothing
    with again.session() as s:
        assert {r[0] for r in s.execute(text("SELECT version_num FROM alembic_version"))} == heads
