"""Named points where a test can make the sync process die on the spot (SIGKILL).

``TEZGAH_FAILPOINT=<name>`` in the environment kills the process when it reaches that point;
nothing happens otherwise. The crash tests use it to prove that a sync killed between any
two steps resumes without losing an invoice or sending one twice.
"""

from __future__ import annotations

import os
import signal

ENV = "TEZGAH_FAILPOINT"
POINTS = ("after-pack", "after-mark-sending", "after-send", "after-mark-sent", "after-poll")


def hit(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
