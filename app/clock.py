"""The one clock of Tezgâh's core.

Every moment the core uses — an invoice's issue date and time, the day its number is drawn
for, the signing time in XAdES, certificate validity checks, the 8-day answer deadline, the
e-Arşiv report day, the outbox's retry times and the GİB simulator's progress — comes from
:func:`now`. Documents are dated in Türkiye's time whatever the computer's own zone is, so
``now()`` is always aware and in Europe/Istanbul.

Tests (and the demo) move time with :func:`set_clock`, :func:`frozen_at` or
:func:`shifted_to`; certificates made for a test are made relative to this clock too, so a
test passes on any date the machine believes it is.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

#: Türkiye's time zone (UTC+3 all year since 2016; the zone database knows the past).
ISTANBUL: tzinfo = ZoneInfo("Europe/Istanbul")

#: Seconds added to the computer's clock for every process started with it set. The test
#: suite uses it to run the core (and the processes it starts) at a fixed calendar moment
#: whatever the machine's date; a shop never sets it.
OFFSET_ENV = "TEZGAH_CLOCK_OFFSET"

_lock = threading.Lock()
_source: Callable[[], datetime] | None = None


def _read_offset() -> timedelta:
    raw = os.environ.get(OFFSET_ENV, "").strip()
    try:
        return timedelta(seconds=float(raw)) if raw else timedelta(0)
    except ValueError:
        return timedelta(0)


_offset = _read_offset()


def _system_now() -> datetime:
    return datetime.now(UTC) + _offset


def offset_to(moment: datetime) -> float:
    """Seconds to put in ``TEZGAH_CLOCK_OFFSET`` so that the clock says ``moment`` now."""
    return (_aware(moment) - datetime.now(UTC)).total_seconds()


def now() -> datetime:
    """The current moment, aware, in Europe/Istanbul."""
    source = _source
    moment = source() if source is not None else _system_now()
    if moment.tzinfo is None:
        raise ValueError("the clock must give aware datetimes")
    return moment.astimezone(ISTANBUL)


def now_utc() -> datetime:
    """The current moment, aware, in UTC (for certificates and the wire)."""
    return now().astimezone(UTC)


def local_now() -> datetime:
    """Istanbul wall-clock time without a zone: what the database stores for row times."""
    return now().replace(tzinfo=None)


def today() -> date:
    """Today's date in Türkiye."""
    return now().date()


def timestamp() -> float:
    """Seconds since the epoch by this clock (replaces ``time.time()`` in the core)."""
    return now().timestamp()


def file_clock() -> float:
    """The computer's own clock, only to compare with file modification times (the operating
    system stamps them with it, whatever Tezgâh's clock says); never for a document's date."""
    return time.time()


def to_istanbul(moment: datetime) -> datetime:
    """``moment`` in Istanbul time; a naive value is taken as Istanbul wall-clock time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=ISTANBUL)
    return moment.astimezone(ISTANBUL)


# -- moving time (tests, demo) --------------------------------------------------------------


def set_clock(source: Callable[[], datetime] | None) -> None:
    """Use ``source`` for every later :func:`now`; ``None`` goes back to the system clock."""
    global _source
    with _lock:
        _source = source


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=ISTANBUL) if moment.tzinfo is None else moment


def fixed(moment: datetime) -> Callable[[], datetime]:
    """A clock that always says ``moment`` (naive means Istanbul time)."""
    at = _aware(moment)
    return lambda: at


def ticking_from(moment: datetime) -> Callable[[], datetime]:
    """A clock that starts at ``moment`` and runs at the real pace from there."""
    at = _aware(moment)
    started = time.monotonic()
    return lambda: at + timedelta(seconds=time.monotonic() - started)


@contextmanager
def _using(source: Callable[[], datetime]) -> Iterator[Callable[[], datetime]]:
    global _source
    with _lock:
        previous = _source
        _source = source
    try:
        yield source
    finally:
        with _lock:
            _source = previous


@contextmanager
def frozen_at(moment: datetime) -> Iterator[Callable[[], datetime]]:
    """Within the block the core's time stands still at ``moment``."""
    with _using(fixed(moment)) as source:
        yield source


@contextmanager
def shifted_to(moment: datetime) -> Iterator[Callable[[], datetime]]:
    """Within the block the core's time starts at ``moment`` and keeps running."""
    with _using(ticking_from(moment)) as source:
        yield source
