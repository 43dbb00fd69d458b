"""The one HTTP stack of Tezgâh: SOAP calls to GİB (``app.gib.client``) and downloads (GİB's
rule packages, ``app.ubl.rules``).

``requests`` over one pooled ``Session`` per process:

* TLS certificates are always verified. ``ca_file`` may name a CA to trust (a test
  simulator's, a company proxy's); nothing turns verification off. ``REQUESTS_CA_BUNDLE``
  may point at another CA bundle, as for any ``requests`` program.
* The system's proxy is used: ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``NO_PROXY`` (and on Windows
  and macOS the system's proxy settings, which ``requests`` reads through ``urllib``).
* Every call has an overall deadline, not only a timeout per socket operation (which a
  server sending or reading one byte a second never trips): a timer shuts the request's
  socket down when the deadline passes, whatever it is waiting for (connecting, sending the
  body, a trickled status line, headers or body), and the answer, read as a stream, is
  checked against the deadline between chunks. ``post``'s ``timeout`` is that deadline;
  ``download`` has its own (``DOWNLOAD_DEADLINE`` unless told) besides its per-read
  ``timeout``. Name resolution (DNS) happens before there is a socket and is not cut.
  Answers and downloads are cut at a size cap too.

Failures come out as ``HttpError`` with a Turkish message and ``sent`` (the request had been
written in full before the failure, so the server may have acted on it); the callers turn
them into their own typed errors.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError, ProxyError

log = logging.getLogger("tezgah.http")

USER_AGENT = "Tezgah"
CHUNK = 1 << 16
#: Overall deadline of one download (GİB's rule packages are tens of megabytes).
DOWNLOAD_DEADLINE = 15 * 60.0

_lock = threading.Lock()
_session: requests.Session | None = None
_current = threading.local()  # the Deadline of the request this thread is making


class Deadline:
    """The overall deadline of one request. A timer thread shuts the request's socket down
    when it passes; whatever the request was blocked in then fails at once, and the caller
    turns that failure into a ``timeout``. ``sent``: the request was written in full."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self.sent = False
        self._done = False
        self._conn: Any = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._done = True
            self._conn = None
        self._timer.cancel()
        _current.deadline = None

    def left(self) -> float:
        return self.at - time.monotonic()

    def attach(self, conn: Any) -> None:
        with self._lock:
            self._conn = conn
            if self.expired:
                self._cut()

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            self._cut()

    def _cut(self) -> None:
        sock = getattr(self._conn, "sock", None)
        if sock is not None:
            # the plain socket's shutdown, also under TLS (SSLSocket.shutdown would drop its
            # TLS object under the reading thread's feet)
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _watch(conn: Any) -> None:
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.attach(conn)


class _Watched:
    """Connections that put themselves under the current request's deadline."""

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _watch(self)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self)
        super().request(*args, **kwargs)  # type: ignore[misc]
        deadline = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.sent = True


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _Adapter(HTTPAdapter):
    """requests' adapter with connections that honour ``Deadline`` (directly and through an
    HTTP(S) proxy; a SOCKS proxy keeps its own connections: only per-read timeouts there)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _POOLS
        return manager


def session() -> requests.Session:
    """The process's pooled session (connections to one host are reused)."""
    global _session
    with _lock:
        if _session is None:
            s = requests.Session()
            adapter = _Adapter(pool_connections=4, pool_maxsize=4, max_retries=0)
            s.mount("https://", adapter)
            s.mount("http://", adapter)
            s.headers.update({"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
            _session = s
        return _session


class HttpError(Exception):
    """``kind``: ``tls`` (certificate not verified), ``timeout``, ``connect`` (no connection
    or it broke), ``too_large``. ``message`` is Turkish; ``detail`` the technical reason."""

    def __init__(self, kind: str, message: str, *, detail: str = "", sent: bool = False) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.detail = detail
        self.sent = sent


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    elapsed: float  # seconds, request to the last byte


def _reason(exc: BaseException) -> BaseException:
    """The innermost cause urllib3 wrapped (``MaxRetryError.reason`` and the like)."""
    seen = exc
    for _ in range(8):
        inner = getattr(seen, "reason", None)
        if not isinstance(inner, BaseException) and seen.args and isinstance(seen.args[0],
                                                                               BaseException):
            inner = seen.args[0]
        if not isinstance(inner, BaseException) or inner is seen:
            break
        seen = inner
    return seen


def _cert_problem(exc: BaseException) -> str | None:
    current: BaseException | None = exc
    for _ in range(10):
        if current is None:
            break
        if isinstance(current, ssl.SSLCertVerificationError):
            return current.verify_message or str(current)
        nested = _reason(current)
        current = nested if nested is not current else (current.__cause__ or current.__context__)
    text = str(exc)
    return "sertifika doğrulanamadı" if "CERTIFICATE_VERIFY_FAILED" in text else None


def _translate(exc: requests.RequestException, where: str, timeout: float) -> HttpError:
    if isinstance(exc, requests.exceptions.SSLError):
        problem = _cert_problem(exc)
        if problem is not None:
            return HttpError("tls", f"{where} sunucusunun sertifikası doğrulanamadı: {problem}. "
                             "Bağlantı güvenli değil; hiçbir şey gönderilmedi.", detail=problem)
        return HttpError("connect", f"{where} ile güvenli bağlantı kurulamadı.",
                         detail=str(_reason(exc)))
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return HttpError("timeout", f"{where} {timeout:g} saniye içinde bağlantıyı kabul etmedi.",
                         detail=str(_reason(exc)))
    if isinstance(exc, requests.exceptions.Timeout):
        return HttpError("timeout", f"{where} {timeout:g} saniye içinde yanıt vermedi.",
                         detail=str(_reason(exc)), sent=True)
    if isinstance(exc, requests.exceptions.ProxyError):
        return HttpError("connect", f"Vekil sunucuya (proxy) bağlanılamadı ({where}).",
                         detail=str(_reason(exc)))
    reason = _reason(exc)
    not_sent = isinstance(reason, NewConnectionError | ProxyError | ConnectionRefusedError)
    detail = str(reason) or type(reason).__name__
    return HttpError("connect", f"{where} ile bağlantı kurulamadı ya da koptu ({detail}).",
                     detail=detail, sent=not not_sent)


def host_port(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    return f"{parts.hostname}:{parts.port or default}"


def _overdue(where: str, deadline: Deadline) -> HttpError:
    if deadline.sent:
        return HttpError("timeout", f"{where} {deadline.seconds:g} saniye içinde yanıtını "
                         "bitirmedi; bağlantı kesildi.", detail="overall deadline", sent=True)
    return HttpError("timeout", f"{where} ile istek {deadline.seconds:g} saniye içinde "
                     "gönderilemedi; bağlantı kesildi.", detail="overall deadline")


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float,
         max_bytes: int, ca_file: str | None = None) -> Response:
    """POST ``body``; the whole answer (up to ``max_bytes``, else ``too_large``) within
    ``timeout`` seconds from start to the last byte (else ``timeout``)."""
    where = host_port(url)
    started = time.perf_counter()
    with Deadline(timeout) as deadline:
        try:
            resp = session().post(url, data=body, headers=headers, timeout=(timeout, timeout),
                                  stream=True, verify=ca_file or True, allow_redirects=False)
            try:
                data = _read(resp, max_bytes, where, deadline)
            finally:
                resp.close()
        except HttpError:
            raise
        except Exception as exc:
            error = _failure(exc, where, deadline, timeout)
            log.warning("POST %s: %s (%s, %.0f ms)", url, error.kind, error.detail,
                        (time.perf_counter() - started) * 1000)
            raise error from exc
    elapsed = time.perf_counter() - started
    log.debug("POST %s: HTTP %d, %d bayt gönderildi, %d bayt alındı, %.0f ms", url,
              resp.status_code, len(body), len(data), elapsed * 1000)
    return Response(resp.status_code, resp.headers.get("Content-Type", ""), data, elapsed)


def get(url: str, headers: dict[str, str], *, timeout: float, max_bytes: int,
        ca_file: str | None = None) -> Response:
    """GET, with the same whole-answer deadline and size cap as ``post``."""
    where = host_port(url)
    started = time.perf_counter()
    with Deadline(timeout) as deadline:
        try:
            resp = session().get(url, headers=headers, timeout=(timeout, timeout), stream=True,
                                 verify=ca_file or True, allow_redirects=False)
            try:
                data = _read(resp, max_bytes, where, deadline)
            finally:
                resp.close()
        except HttpError:
            raise
        except Exception as exc:
            error = _failure(exc, where, deadline, timeout)
            log.warning("GET %s: %s (%s)", url, error.kind, error.detail)
            raise error from exc
    return Response(resp.status_code, resp.headers.get("Content-Type", ""), data,
                    time.perf_counter() - started)


def _failure(exc: Exception, where: str, deadline: Deadline, timeout: float) -> HttpError:
    """The typed error for a request that raised ``exc``; anything that is not the network's
    (a bug) is raised again as it is."""
    if deadline.expired:
        return _overdue(where, deadline)
    if isinstance(exc, requests.RequestException):
        return _translate(exc, where, timeout)
    raise exc


def _chunks(resp: requests.Response, max_bytes: int, where: str, deadline: Deadline,
            too_large: HttpError) -> Iterator[bytes]:
    """The body in chunks, checked against the overall deadline and a size cap."""
    total = 0
    for chunk in resp.iter_content(CHUNK):
        if deadline.left() <= 0:
            raise _overdue(where, deadline)
        total += len(chunk)
        if total > max_bytes:
            raise too_large
        yield chunk


def _read(resp: requests.Response, max_bytes: int, where: str, deadline: Deadline) -> bytes:
    too_large = HttpError("too_large", f"{where} beklenenden büyük bir yanıt gönderdi "
                          f"({max_bytes // (1024 * 1024)} MB'tan büyük); okuma durduruldu.",
                          sent=True)
    return b"".join(_chunks(resp, max_bytes, where, deadline, too_large))


def download(url: str, dest: Path, *, timeout: float, max_bytes: int,
             deadline: float = DOWNLOAD_DEADLINE) -> int:
    """GET ``url`` into ``dest`` as a stream; the byte count. HTTP errors are ``connect``.
    ``timeout`` is per connect and read; the whole download must end within ``deadline``."""
    where = host_port(url)
    started = time.perf_counter()
    total = 0
    with Deadline(deadline) as overall:
        try:
            with session().get(url, timeout=timeout, stream=True) as resp:
                if resp.status_code != 200:
                    raise HttpError("connect", f"{where} isteği kabul etmedi (HTTP "
                                    f"{resp.status_code}).", detail=f"HTTP {resp.status_code}")
                too_large = HttpError("too_large", f"{url} beklenenden büyük; indirme durduruldu.")
                with Path(dest).open("wb") as out:
                    for chunk in _chunks(resp, max_bytes, where, overall, too_large):
                        total += len(chunk)
                        out.write(chunk)
        except HttpError:
            raise
        except Exception as exc:
            error = _failure(exc, where, overall, timeout)
            log.warning("GET %s: %s (%s)", url, error.kind, error.detail)
            raise error from exc
    log.info("GET %s: %d bayt, %.0f ms", url, total, (time.perf_counter() - started) * 1000)
    return total
