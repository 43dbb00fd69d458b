"""Small web pieces of the posta kutusu service, for the owner's phone page
(``app.usecases.phone_page``): the request and answer the door hands over, the server-side
session store and the slow-down after wrong keys.

Times here are ``time.monotonic()`` (a session's age, a lock-out), never the calendar.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WebRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    remote: str
    secure: bool  # the service itself speaks TLS

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass
class WebResponse:
    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Session:
    name: str
    expires: float


class SessionStore:
    """Random session ids (256 bits) → the key's name, in memory: a restart of the service
    logs every phone out. A session ends ``lifetime`` seconds after the login, at logout, or
    when its key is revoked (``valid`` asks ``still_allowed``). At most ``limit`` sessions;
    the oldest goes first."""

    def __init__(self, lifetime: float, *, limit: int = 200,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.lifetime = lifetime
        self.limit = limit
        self._clock = clock
        self._sessions: dict[str, _Session] = {}
        self._lock = threading.Lock()

    def create(self, name: str) -> str:
        sid = secrets.token_urlsafe(32)
        with self._lock:
            self._purge()
            while len(self._sessions) >= self.limit:
                oldest = min(self._sessions, key=lambda k: self._sessions[k].expires)
                del self._sessions[oldest]
            self._sessions[sid] = _Session(name, self._clock() + self.lifetime)
        return sid

    def valid(self, sid: str, still_allowed: Callable[[str], bool]) -> str | None:
        """The key name of a live session, or None (an ended one is forgotten)."""
        if not sid or len(sid) > 100:
            return None
        with self._lock:
            found = self._sessions.get(sid)
            if found is None:
                return None
            if found.expires <= self._clock():
                del self._sessions[sid]
                return None
        if not still_allowed(found.name):
            self.end(sid)
            return None
        return found.name

    def end(self, sid: str) -> None:
        with self._lock:
            self._sessions.pop(sid, None)

    def _purge(self) -> None:
        now = self._clock()
        for sid in [k for k, v in self._sessions.items() if v.expires <= now]:
            del self._sessions[sid]


@dataclass
class _Failures:
    count: int = 0
    until: float = 0.0
    last: float = 0.0


class LoginThrottle:
    """The slow-down after wrong keys, per remote address: ``free`` wrong keys are allowed,
    then each further one locks the address out for ``base`` seconds, doubling up to
    ``ceiling``. A right key clears the count; a quiet ``forget`` seconds does too."""

    def __init__(self, *, free: int = 5, base: float = 30.0, ceiling: float = 900.0,
                 forget: float = 3600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.base, self.ceiling, self.forget = free, base, ceiling, forget
        self._clock = clock
        self._by_remote: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, remote: str) -> int:
        """Seconds left before ``remote`` may try again (0: now)."""
        with self._lock:
            found = self._by_remote.get(remote)
            now = self._clock()
            if found is None:
                return 0
            if now - found.last > self.forget:
                del self._by_remote[remote]
                return 0
            return max(0, int(found.until - now + 0.999))

    def failed(self, remote: str) -> None:
        with self._lock:
            now = self._clock()
            found = self._by_remote.setdefault(remote, _Failures())
            found.count += 1
            found.last = now
            if found.count >= self.free:
                found.until = now + min(self.ceiling,
                                        self.base * 2 ** (found.count - self.free))
            if len(self._by_remote) > 10_000:  # bounded: the oldest addresses go
                for key in sorted(self._by_remote, key=lambda k: self._by_remote[k].last)[:1000]:
                    del self._by_remote[key]

    def succeeded(self, remote: str) -> None:
        with self._lock:
            self._by_remote.pop(remote, None)
