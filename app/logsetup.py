"""Where Tezgâh logs: one setup for the command line (``tezgah``, ``--verbose``) and the window.

``tezgah.log`` in the data folder (rotated at 1 MB, three old files kept) gets INFO and
above; ``--verbose`` also writes everything from DEBUG up to stderr. One logger per
subsystem, all under ``tezgah``:

* ``tezgah.gib`` — GİB web-service calls: endpoint, SOAP action, envelope UUID, HTTP status,
  time;
* ``tezgah.http`` — the HTTP stack (``app.http``): method, URL, status, sizes, time, TLS and
  proxy failures;
* ``tezgah.signing`` — the PKCS#11 module and token: module path, slot, token label, return
  codes (``CKR_…``);
* ``tezgah.outbox`` — sync passes: how many envelopes were packed, sent, completed, failed;
* ``tezgah.db`` — the database file: failed integrity checks, refused databases, backups
  written and verified, restores;
* ``tezgah.ui`` — the window: unexpected errors with their tracebacks, failures of the
  machine (disk full, read-only, locked, damaged database);
* ``tezgah.cli`` — the command line: which command ran, and the failure of the machine that
  ended it (its traceback only at DEBUG, i.e. with ``--verbose``).

A log file that cannot be written (full disk, read-only folder) is skipped without a word:
the failure itself is reported to the user by the front end.

Never logged: PINs, passwords, invoice, envelope or SOAP bodies.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
from pathlib import Path

LOG_FILE = "tezgah.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
ROOT = "tezgah"
LOGGERS = ("tezgah.gib", "tezgah.http", "tezgah.signing", "tezgah.outbox", "tezgah.db",
           "tezgah.ui", "tezgah.cli")


class _LogFile(logging.handlers.RotatingFileHandler):
    """Opened on the first record, so a command that logs nothing creates nothing."""

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        # A full disk or a read-only folder must not print logging's own traceback on top
        # of the message the user gets for that very failure.
        if self.stream is not None:
            with contextlib.suppress(OSError):
                self.stream.close()
            self.stream = None  # type: ignore[assignment]


class _Stderr(logging.StreamHandler):
    """``--verbose``: everything to the stderr of the moment (tests swap ``sys.stderr``)."""

    def __init__(self) -> None:
        super().__init__()

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # type: ignore[no-untyped-def]
        pass


def log_path(data_dir: str | Path) -> Path:
    return (Path(data_dir) / LOG_FILE).resolve()


def configure(data_dir: str | Path, *, verbose: bool = False) -> Path:
    """Log to ``<data_dir>/tezgah.log`` (replacing the file of an earlier data folder in this
    process) and, with ``verbose``, to stderr. Calling it again is harmless."""
    root = logging.getLogger(ROOT)
    path = log_path(data_dir)
    for handler in list(root.handlers):
        if isinstance(handler, _LogFile) and handler.baseFilename != str(path):
            root.removeHandler(handler)
            handler.close()
    if not any(isinstance(h, _LogFile) for h in root.handlers):
        handler = _LogFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                           delay=True)
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.setLevel(logging.INFO)
        root.addHandler(handler)
    if verbose and not any(isinstance(h, _Stderr) for h in root.handlers):
        err = _Stderr()
        err.setFormatter(logging.Formatter(FORMAT))
        err.setLevel(logging.DEBUG)
        root.addHandler(err)
    level = logging.DEBUG if any(isinstance(h, _Stderr) for h in root.handlers) else logging.INFO
    root.setLevel(level)
    return path


def stop_verbose() -> None:
    """Remove the stderr handler of ``--verbose`` (a second ``tezgah`` run in one process)."""
    root = logging.getLogger(ROOT)
    for handler in list(root.handlers):
        if isinstance(handler, _Stderr):
            root.removeHandler(handler)
    root.setLevel(logging.INFO)
