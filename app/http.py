"""The one HTTP stack of Tezgâh: SOAP calls to GİB (``app.gib.client``) and downloads (GİB's
rule packages, ``app.ubl.rules``).

``requests`` over one pooled ``Session`` per process:

* TLS certificates are always verified. ``ca_file`` may name a CA to trust (a test
  simulator's, a company proxy's); nothing turns verification off. ``REQUESTS_CA_BUNDLE``
  may point at another CA bundle, as for any ``requests`` program.
* The system's proxy is used: ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``NO_PROXY`` (and on Windows
  and macOS the system's proxy settings, which ``requests`` reads through ``urllib``).
* Every call has a timeout (each connect and each read); answers and downloads are read as a
  stream and cut at a size cap.

Failures come out as ``HttpError`` with a Turkish message and ``sent`` (the request had been
written in full before the failure, so the server may have acted on it); the callers turn
them into their own typed errors.
"""

from __future__ import annotations

import logging
import ssl
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError, ProxyError

log = logging.getLogger("tezgah.http")

USER_AGENT = "Tezgah"
CHUNK = 1 << 16

_lock = threading.Lock()
_session: requests.Session | None = None


def session() -> requests.Session:
    """The process's pooled session (connections to one host are reused)."""
    global _session
    with _lock:
        if _session is None:
            s = requests.Session()
            adapter = HTTPAdapter(pool_connections=4, pool_maxsize=4, max_retries=0)
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


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float,
         max_bytes: int, ca_file: str | None = None) -> Response:
    """POST ``body``; the whole answer (up to ``max_bytes``, else ``too_large``)."""
    where = host_port(url)
    started = time.perf_counter()
    try:
        resp = session().post(url, data=body, headers=headers, timeout=timeout, stream=True,
                              verify=ca_file or True, allow_redirects=False)
        try:
            data = _read(resp, max_bytes, where)
        finally:
            resp.close()
    except requests.RequestException as exc:
        error = _translate(exc, where, timeout)
        log.warning("POST %s: %s (%s, %.0f ms)", url, error.kind, error.detail,
                    (time.perf_counter() - started) * 1000)
        raise error from exc
    elapsed = time.perf_counter() - started
    log.debug("POST %s: HTTP %d, %d bayt gönderildi, %d bayt alındı, %.0f ms", url,
              resp.status_code, len(body), len(data), elapsed * 1000)
    return Response(resp.status_code, resp.headers.get("Content-Type", ""), data, elapsed)


def _read(resp: requests.Response, max_bytes: int, where: str) -> bytes:
    chunks, total = [], 0
    for chunk in resp.iter_content(CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise HttpError("too_large", f"{where} beklenenden büyük bir yanıt gönderdi "
                            f"({max_bytes // (1024 * 1024)} MB'tan büyük); okuma durduruldu.",
                            sent=True)
        chunks.append(chunk)
    return b"".join(chunks)


def download(url: str, dest: Path, *, timeout: float, max_bytes: int) -> int:
    """GET ``url`` into ``dest`` as a stream; the byte count. HTTP errors are ``connect``."""
    where = host_port(url)
    started = time.perf_counter()
    total = 0
    try:
        with session().get(url, timeout=timeout, stream=True) as resp:
            if resp.status_code != 200:
                raise HttpError("connect", f"{where} isteği kabul etmedi (HTTP "
                                f"{resp.status_code}).", detail=f"HTTP {resp.status_code}")
            with Path(dest).open("wb") as out:
                for chunk in resp.iter_content(CHUNK):
                    total += len(chunk)
                    if total > max_bytes:
                        raise HttpError("too_large", f"{url} beklenenden büyük; indirme "
                                        "durduruldu.")
                    out.write(chunk)
    except requests.RequestException as exc:
        error = _translate(exc, where, timeout)
        log.warning("GET %s: %s (%s)", url, error.kind, error.detail)
        raise error from exc
    log.info("GET %s: %d bayt, %.0f ms", url, total, (time.perf_counter() - started) * 1000)
    return total
