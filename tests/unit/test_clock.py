"""The core's one clock: Türkiye's time whatever the computer's zone, movable for tests, and
the only source of "today" — GİB's schematron included."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app import clock
from app.ubl.validate import get_validator


def test_now_is_aware_and_in_istanbul() -> None:
    now = clock.now()
    assert now.tzinfo is not None
    assert now.utcoffset() == timedelta(hours=3)
    assert clock.local_now().tzinfo is None
    assert abs((clock.now_utc() - now).total_seconds()) < 5


def test_istanbul_date_even_when_utc_is_still_yesterday() -> None:
    # 22:30 UTC on 31.12 is 01:30 on 1.1 in Türkiye: the invoice date is the Turkish one.
    with clock.frozen_at(datetime(2030, 12, 31, 22, 30, tzinfo=UTC)):
        assert clock.today() == date(2031, 1, 1)
        assert clock.now().hour == 1
        assert clock.local_now() == datetime(2031, 1, 1, 1, 30)


def test_frozen_and_shifted_clocks_restore_the_previous_one() -> None:
    before = clock.now()
    with clock.frozen_at(datetime(2040, 5, 6, 7, 8, 9)):
        assert clock.now() == datetime(2040, 5, 6, 7, 8, 9, tzinfo=clock.ISTANBUL)
        with clock.shifted_to(datetime(2001, 1, 1)):
            assert clock.today() == date(2001, 1, 1)
        assert clock.today() == date(2040, 5, 6)
    assert abs((clock.now() - before).total_seconds()) < 60


def test_processes_started_by_the_suite_share_its_calendar_moment(tmp_path: Path) -> None:
    """TEZGAH_CLOCK_OFFSET (set in tests/conftest.py) moves a child's clock by the same amount,
    so a CLI process and the test agree on the date whatever the machine says."""
    code = "from app import clock; print(clock.now().isoformat())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ), timeout=60, check=True)
    child = datetime.fromisoformat(out.stdout.strip())
    assert abs((child - clock.now()).total_seconds()) < 60
    env = dict(os.environ, TEZGAH_CLOCK_OFFSET=str(clock.offset_to(datetime(2035, 3, 4, 12, 0))))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=60, check=True)
    assert out.stdout.startswith("2035-03-04T12:0")


def test_no_core_module_reads_the_computers_calendar() -> None:
    """Only app/clock.py may ask the system for the time (the simulator included)."""
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"datetime\.now\(|date\.today\(|time\.time\(|datetime\.utcnow\(|"
                         r"QDate\.currentDate\(|QDateTime\.currentDateTime\(")
    offenders = []
    for folder in ("app", "ui"):
        for path in sorted((root / folder).rglob("*.py")):
            if path.name == "clock.py" and path.parent.name == "app":
                continue
            for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line.split("#", 1)[0]):
                    offenders.append(f"{path.relative_to(root)}:{no}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize(("today", "fails"), [(date(2031, 1, 1), False), (date(2030, 12, 31), True)])
def test_gib_issue_date_rule_reads_tezgahs_clock(installed_rules_dir: Path, ubl_samples_dir: Path,
                                                 today: date, fails: bool) -> None:
    """GİB's rule "cbc:IssueDate may not be after today" uses Türkiye's date from app.clock,
    not the computer's: an invoice dated 1.1.2031 is valid from 00:00 that day in Türkiye."""
    data = (ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes()
    data = re.sub(rb"<cbc:IssueDate>[^<]*</cbc:IssueDate>", b"<cbc:IssueDate>2031-01-01</cbc:IssueDate>",
                  data, count=1)
    validator = get_validator(installed_rules_dir)
    with clock.frozen_at(datetime(today.year, today.month, today.day, 0, 30)):
        report = validator.validate(data)
    messages = [p.message for p in report.problems]
    assert any("günün tarihinden ileri" in m for m in messages) is fails, messages


def test_kabul_red_answer_deadline_is_eight_days_on_the_core_clock() -> None:
    from app.domain.deadlines import answer_deadline, days_left_to_answer, may_still_answer

    received = datetime(2026, 11, 20, 15, 0, tzinfo=clock.ISTANBUL)
    assert answer_deadline(received) == datetime(2026, 11, 28, 15, 0, tzinfo=clock.ISTANBUL)
    with clock.frozen_at(datetime(2026, 11, 28, 14, 59)):
        assert may_still_answer(received) and days_left_to_answer(received) == 0
    with clock.frozen_at(datetime(2026, 11, 28, 15, 1)):
        assert not may_still_answer(received)
    with clock.frozen_at(datetime(2026, 11, 21, 9, 0)):
        assert days_left_to_answer(received) == 7


def test_earsiv_report_is_due_by_the_end_of_the_next_day_in_turkiye() -> None:
    from app.domain.deadlines import earsiv_report_due, earsiv_report_overdue

    due = earsiv_report_due(date(2026, 12, 31))
    assert due == datetime(2027, 1, 1, 23, 59, 59, tzinfo=clock.ISTANBUL)
    # 21:30 UTC on 1.1 is already 00:30 on 2.1 in Türkiye: overdue.
    assert earsiv_report_overdue(date(2026, 12, 31), datetime(2027, 1, 1, 21, 30, tzinfo=UTC))
    assert not earsiv_report_overdue(date(2026, 12, 31), datetime(2027, 1, 1, 20, 30, tzinfo=UTC))


def test_a_new_invoice_is_dated_in_turkiye_whatever_the_computers_zone(monkeypatch) -> None:
    """At 00:30 UTC it is 03:30 in Türkiye: the invoice's date and time (and its number's
    year on New Year's night) follow Türkiye, as its signature's time does."""
    import time as time_mod

    from app.domain.invoice import InvoiceData
    from tests.fixtures.app import invoice_json

    monkeypatch.setenv("TZ", "UTC")
    time_mod.tzset()
    try:
        data = invoice_json()
        del data["issue_date"], data["issue_time"]
        with clock.frozen_at(datetime(2026, 12, 31, 21, 30, tzinfo=UTC)):
            inv = InvoiceData.from_json(data)
        assert inv.issue_date == date(2027, 1, 1)
        assert inv.issue_time.strftime("%H:%M") == "00:30"
    finally:
        monkeypatch.undo()
        time_mod.tzset()
