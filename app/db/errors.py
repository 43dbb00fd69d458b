"""What went wrong with the PostgreSQL server, read from an exception: ``classify`` returns a
kind (below) or None. The Turkish words are ``app.usecases.failures``'s; this module only
knows the driver (psycopg 3) and SQLAlchemy's wrapper of it, which the layers above may not
import.

Kinds: ``unreachable`` (no server answers: refused, no socket, timeout, unknown host),
``authentication``, ``no-database``, ``lock-timeout`` (the write lock or a series lock was
waited for too long, or a deadlock), ``connection-lost`` (the connection dropped during a
transaction), ``disk-full`` (on the server), ``too-many-connections``.

SQLSTATE codes are used where the server sent one; a connection that never opened has none
(libpq's own message), so its words are read instead.
"""

from __future__ import annotations

import sys

UNREACHABLE = "unreachable"
AUTHENTICATION = "authentication"
NO_DATABASE = "no-database"
LOCK_TIMEOUT = "lock-timeout"
CONNECTION_LOST = "connection-lost"
DISK_FULL = "disk-full"
TOO_MANY_CONNECTIONS = "too-many-connections"

_BY_SQLSTATE = {
    "28P01": AUTHENTICATION,  # invalid_password
    "28000": AUTHENTICATION,  # invalid_authorization_specification (pg_hba)
    "3D000": NO_DATABASE,  # invalid_catalog_name
    "55P03": LOCK_TIMEOUT,  # lock_not_available (lock_timeout)
    "57014": LOCK_TIMEOUT,  # query_canceled (statement_timeout)
    "40P01": LOCK_TIMEOUT,  # deadlock_detected
    "53100": DISK_FULL,  # disk_full
    "53300": TOO_MANY_CONNECTIONS,  # too_many_connections
    "08001": UNREACHABLE,  # sqlclient_unable_to_establish_sqlconnection
    "08004": UNREACHABLE,  # sqlserver_rejected_establishment_of_sqlconnection
    "57P03": UNREACHABLE,  # cannot_connect_now (starting up or shutting down)
    "08006": CONNECTION_LOST,  # connection_failure
    "08003": CONNECTION_LOST,  # connection_does_not_exist
    "08007": CONNECTION_LOST,  # transaction_resolution_unknown
    "57P01": CONNECTION_LOST,  # admin_shutdown
    "57P02": CONNECTION_LOST,  # crash_shutdown
}

# libpq's words when no SQLSTATE came (checked in this order).
_BY_WORDS = (
    (NO_DATABASE, ("does not exist",), ("database",)),
    (AUTHENTICATION, ("password authentication failed", "no password supplied",
                      "authentication failed", "no pg_hba.conf entry"), ()),
    (TOO_MANY_CONNECTIONS, ("too many clients", "too many connections",
                            "remaining connection slots are reserved"), ()),
    (DISK_FULL, ("no space left on device", "could not extend file"), ()),
    (LOCK_TIMEOUT, ("lock timeout", "statement timeout", "deadlock detected"), ()),
)
_CONNECT_PREFIXES = ("connection failed", "connection is bad", "failed to resolve host",
                     "connection timeout", "couldn't resolve host", "could not translate host")
_UNREACHABLE_WORDS = ("connection refused", "no such file or directory", "timeout expired",
                      "timed out", "could not translate host", "name or service not known",
                      "failed to resolve host", "no route to host", "network is unreachable",
                      "temporary failure in name resolution", "is the server running")
_LOST_WORDS = ("server closed the connection", "consuming input failed", "connection is lost",
               "the connection is closed", "terminating connection", "ssl syscall error",
               "connection reset", "broken pipe", "eof detected", "sending query failed")


def classify(exc: BaseException) -> str | None:
    """The kind of PostgreSQL failure ``exc`` is (a psycopg error, or SQLAlchemy's wrapper of
    one); None for anything else."""
    psycopg = sys.modules.get("psycopg")
    if psycopg is None:  # never loaded: no PostgreSQL in this process
        return None
    original = getattr(exc, "orig", None)
    invalidated = bool(getattr(exc, "connection_invalidated", False))
    error = original if isinstance(original, psycopg.Error) else exc
    if not isinstance(error, psycopg.Error):
        return None
    sqlstate = str(getattr(error, "sqlstate", None) or "")
    if sqlstate in _BY_SQLSTATE:
        return _BY_SQLSTATE[sqlstate]
    words = str(error).lower()
    for kind, needles, also in _BY_WORDS:
        if any(n in words for n in needles) and all(a in words for a in also):
            return kind
    if isinstance(error, psycopg.errors.ConnectionTimeout) or words.startswith(_CONNECT_PREFIXES):
        return UNREACHABLE
    if invalidated or any(w in words for w in _LOST_WORDS):
        return CONNECTION_LOST
    if isinstance(error, psycopg.OperationalError) and any(w in words for w in _UNREACHABLE_WORDS):
        return UNREACHABLE
    return None
