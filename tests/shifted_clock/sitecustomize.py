"""Loaded (through PYTHONPATH) by every Python process of the shifted-clock test run only.

scripts/test.sh runs tests under libfaketime with the machine's *calendar* moved
(``faketime -f +3y``) and the monotonic clock left real (``FAKETIME_DONT_FAKE_MONOTONIC=1``;
with a faked monotonic clock, lock and event time-outs wait years, since libfaketime does not
translate ``sem_clockwait``). In that mode libfaketime's ``clock_nanosleep`` wrapper shifts an
absolute CLOCK_MONOTONIC deadline by the calendar offset, which Python's ``time.sleep`` uses:
the sleep fails with EINVAL (+3y) or lasts a year (-1y). Here ``time.sleep`` waits with
``select`` instead, a relative time-out libfaketime leaves alone. Nothing of Tezgâh changes.
"""

import os
import select
import time

if os.environ.get("FAKETIME"):
    _monotonic = time.monotonic

    def _sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        end = _monotonic() + seconds
        while (left := end - _monotonic()) > 0:
            select.select([], [], [], left)

    time.sleep = _sleep
