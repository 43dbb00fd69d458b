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


# Heavier tests (a second or more each: many envelopes, killed processes, deadlines, whole
# code tables) that the edit loop leaves to whole runs, to stay within five minutes; each one's
# subject is still met in the loop by a lighter test. A file name takes the whole file.
LEFT_TO_WHOLE_RUNS = frozenset({
    "tests/integration/test_sync.py::test_every_fault_ends_delivered_exactly_once",
    "tests/integration/test_sync.py::test_status_query_faults_are_retried",
    "tests/unit/test_qrmatrix.py::test_every_version_matches_segno",
    "tests/unit/test_schematron_oracle.py::test_generated_and_broken_invoices_agree_with_the_iso_skeleton",
    "tests/integration/test_despatch_kill.py",
    "tests/integration/test_local_api.py::test_serve_prints_its_address_and_stops_on_sigterm",
    "tests/integration/test_demo.py",
    "tests/integration/test_gib_test_plan.py",
    "tests/integration/test_gib_test_plan_despatch.py",
    "tests/unit/test_backup_schedule.py::test_a_copy_altered_on_the_way_is_not_trusted",
    "tests/unit/test_tsa.py::test_misbehaving_tsa_gives_turkish_errors",
    "tests/integration/test_earsiv_daily_report.py::test_cli_report_out_without_tsa_and_status_json",
    "tests/integration/test_gib_cli.py::test_gib_simulator_command",
    "tests/integration/test_mail_smtp.py",
    "tests/integration/test_postbox_door.py::test_sigkill_right_after_the_answer_loses_nothing",
    "tests/unit/test_cli_trust.py::test_output_piped_into_head_ends_without_a_traceback",
    "tests/integration/test_backup_drill.py::test_the_drill_on_a_postgresql_server",
    "tests/integration/test_despatch_sending.py",
    "tests/integration/test_despatch_receipt_status.py",
    "tests/integration/test_gib_faults.py::test_trickled_answer_meets_the_overall_deadline_and_was_processed",
    "tests/unit/test_storage_failures.py::test_restore_streams_a_large_database",
    "tests/integration/test_watch_folder.py::test_a_watcher_killed_after_the_draft_never_makes_a_second_one",
    "tests/integration/test_watch_folder.py::test_folder_watch_runs_until_sigterm",
    "tests/unit/test_xslt_sandbox.py::test_nested_node_blow_up_is_stopped_at_the_timeout",
    "tests/unit/test_http.py::test_downloads_have_an_overall_deadline",
    "tests/unit/test_gib_envelope.py::test_one_hundred_invoices_fit",
    "tests/ui/test_api_settings.py::test_a_bad_port_is_refused_in_turkish",
    "tests/unit/test_boundary.py::test_hostile_invoice_json_is_refused_with_the_field_named",
    "tests/unit/test_boundary.py::test_random_json_gives_a_clear_error_or_an_issuable_draft",
})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(__file__).resolve().parent.parent
    for item in items:
        if item.path.parent.name == "ui" and item.path.name in SLOW_WINDOW_TESTS:
            item.add_marker(pytest.mark.slow)
        where = item.path.relative_to(root).as_posix()
        name = getattr(item, "originalname", item.name)
        if where in LEFT_TO_WHOLE_RUNS or f"{where}::{name}" in LEFT_TO_WHOLE_RUNS:
            item.add_marker(pytest.mark.slow)
        used = set(getattr(item, "fixturenames", ()))
        if used & SOFTHSM_FIXTURES:
            item.add_marker(pytest.mark.needs_softhsm)
        if used & HTTP_FIXTURES:
            item.add_marker(pytest.mark.needs_http)
