"""Shared fixtures. GİB's packages are read from ``../shared/gib`` beside the project."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

# The suite runs at one calendar moment whatever the machine's date (or libfaketime) says:
# the core's clock, and every process the tests start, read their time as the machine's
# clock shifted by TEZGAH_CLOCK_OFFSET (app/clock.py). Set before anything imports ``app``.
TEST_NOW = datetime(2026, 11, 28, 12, 0, 0, tzinfo=ZoneInfo("Europe/Istanbul"))
os.environ["TEZGAH_CLOCK_OFFSET"] = repr((TEST_NOW - datetime.now(ZoneInfo("UTC"))).total_seconds())

import pytest  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
GIB_DIR = Path(os.environ.get("TEZGAH_GIB_DIR", REPO_ROOT.parent / "shared" / "gib"))

pytest_plugins = ["tests.fixtures.gib", "tests.fixtures.token", "tests.fixtures.app", "tests.fixtures.simulator",
                  "tests.fixtures.postbox", "tests.fixtures.postgres"]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def gib_dir() -> Path:
    if not (GIB_DIR / "UBL-TR1.2.1_Paketi.zip").exists():
        pytest.fail(f"GİB packages not found at {GIB_DIR}")
    return GIB_DIR


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


# Markers that follow from what a test uses, so they cannot be forgotten: a test that asks
# for a SoftHSM token needs SoftHSM2, one that asks for the GİB simulator talks HTTP.
SOFTHSM_FIXTURES = frozenset({"softhsm", "fresh_token", "empty_softhsm"})
HTTP_FIXTURES = frozenset({"make_gib_simulator", "gib_simulator", "gib_client", "simulator"})


# Window tests of flows the edit loop does not need every time (first start, settings tabs,
# e-mail, the postbox, each scenario's section …): whole runs (CI) keep them; the edit loop
# (``scripts/test.sh --fast``) keeps the core GUI flows — typing and issuing an invoice by
# keyboard, the editor's rules, every scenario × type offered, autosave, the counter's words.
SLOW_WINDOW_TESTS = frozenset({
    "test_dashboard_earsiv.py", "test_delete_drafts.py", "test_editor_accommodation.py",
    "test_editor_delivery.py", "test_editor_energy.py", "test_editor_export.py",
    "test_editor_hks.py", "test_editor_idis.py", "test_editor_internet_sale.py",
    "test_editor_investment.py", "test_editor_kamu.py", "test_editor_sgk.py",
    "test_editor_traveller.py", "test_email_settings.py", "test_endpoint.py",
    "test_first_start.py", "test_inbox_page.py", "test_invoice_print_and_save.py",
    "test_invoice_view_email.py", "test_language.py", "test_outcomes.py",
    "test_postbox_settings.py", "test_received_signature.py", "test_rules_install.py",
    "test_token_setup.py",
})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.parent.name == "ui" and item.path.name in SLOW_WINDOW_TESTS:
            item.add_marker(pytest.mark.slow)
        used = set(getattr(item, "fixturenames", ()))
        if used & SOFTHSM_FIXTURES:
            item.add_marker(pytest.mark.needs_softhsm)
        if used & HTTP_FIXTURES:
            item.add_marker(pytest.mark.needs_http)
