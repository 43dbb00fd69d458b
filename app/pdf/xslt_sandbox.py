"""Untrusted XSLT (a received invoice's own stylesheet) runs in a separate process.

``render_untrusted_xslt(xml, xslt, *, timeout_s=…, memory_mb=…, max_output_bytes=…) -> str``
starts ``app/pdf/xslt_child.py`` with ``python -I`` (no ``app`` package, no environment
variables, no user site), hands it the stylesheet and the document on stdin and reads the
result from stdout. The child:

* limits itself on POSIX (address space, CPU seconds, no file writes, no core files, and
  no new file or socket once the input is read);
* parses both with no DTD, no entities, no network and a resolver that refuses every URI,
  so every ``xsl:include``, ``xsl:import`` and ``document()`` is refused (the stylesheet
  is one embedded document: anything outside it is refused);
* runs lxml's XSLT 1.0 with ``XSLTAccessControl.DENY_ALL`` (no file or network reading or
  writing: ``exsl:document`` is refused too) and without the regexp extension;
* caps the result's size.

The parent kills the child at the wall-clock timeout; on platforms without ``resource``
(Windows) that timeout and kill are the only limit — a Job Object would be the equivalent
of the rlimits there and is not implemented.

Anything that is not a result raises ``XsltRefused`` (a ``UserError``) with a Turkish
message and a ``reason``: ``timeout``, ``memory``, ``recursion``, ``access``, ``too_large``, ``invalid``,
``crashed``. A fresh process per call costs about 50 ms (docs/performance.md).
"""

from __future__ import annotations

import logging
import signal
import struct
import subprocess
import time
from pathlib import Path

from app import programs
from app.domain.errors import UserError

log = logging.getLogger("tezgah.pdf")

CHILD = Path(__file__).with_name("xslt_child.py")

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MEMORY_MB = 512
DEFAULT_MAX_OUTPUT_BYTES = 20 * 1024 * 1024

REASONS = ("timeout", "memory", "recursion", "access", "too_large", "invalid", "crashed")

# how the child dies at its CPU limit (SIGXCPU) or when killed (SIGKILL); POSIX only
_KILLED = {-getattr(signal, name) for name in ("SIGKILL", "SIGXCPU") if hasattr(signal, name)}

_WHO = "Faturanın kendi görünüm şablonu (gönderenin XSLT'si)"


class XsltRefused(UserError):
    """The untrusted stylesheet was not run to the end; ``reason`` says why (one of
    ``REASONS``), ``detail`` is the technical part (for the log)."""

    def __init__(self, reason: str, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.detail = detail


def _message(reason: str, timeout_s: float, memory_mb: int) -> str:
    if reason == "timeout":
        return (f"{_WHO} {timeout_s:g} saniyede bitmedi; güvenlik için durduruldu.")
    if reason == "memory":
        return (f"{_WHO} izin verilen belleği ({memory_mb} MB) aştı; güvenlik için "
                "durduruldu.")
    if reason == "access":
        return (f"{_WHO} fatura dışından bir dosyaya ya da adrese ulaşmak istedi; güvenlik "
                "için çalıştırılmadı.")
    if reason == "recursion":
        return f"{_WHO} kendini durmadan çağırıyor; güvenlik için durduruldu."
    if reason == "too_large":
        return f"{_WHO} aşırı büyük bir sayfa üretti; güvenlik için durduruldu."
    if reason == "invalid":
        return f"{_WHO} kullanılabilir bir XSLT 1.0 şablonu değil ya da çalışırken hata verdi."
    return f"{_WHO} çalışırken beklenmedik biçimde durdu."


def _refused(reason: str, timeout_s: float, memory_mb: int, detail: str) -> XsltRefused:
    log.warning("Güvenilmeyen XSLT reddedildi: %s (%s)", reason, detail[:300])
    return XsltRefused(reason, _message(reason, timeout_s, memory_mb), detail=detail)


def render_untrusted_xslt(xml: bytes, xslt: bytes, *, timeout_s: float = DEFAULT_TIMEOUT_S,
                          memory_mb: int = DEFAULT_MEMORY_MB,
                          max_output_bytes: int = DEFAULT_MAX_OUTPUT_BYTES) -> str:
    """The result of the untrusted stylesheet ``xslt`` over ``xml``, computed in a child
    process with time, memory and output limits; ``XsltRefused`` otherwise."""
    cpu_s = max(1, int(timeout_s + 0.999))
    command = [*programs.xslt_child_command(CHILD), str(int(memory_mb)), str(cpu_s),
               str(int(max_output_bytes))]
    payload = struct.pack(">Q", len(xslt)) + xslt + xml
    started = time.perf_counter()
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, close_fds=True,
                                **programs.child_popen_options())
    except OSError as exc:
        raise _refused("crashed", timeout_s, memory_mb, f"başlatılamadı: {exc}") from exc
    try:
        out, err = proc.communicate(payload, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise _refused("timeout", timeout_s, memory_mb, f"{timeout_s:g} s") from None
    except BaseException:
        proc.kill()
        proc.communicate()
        raise
    elapsed = time.perf_counter() - started
    head, _, body = out.partition(b"\n")
    if proc.returncode == 0 and head == b"OK":
        if len(body) > max_output_bytes:
            raise _refused("too_large", timeout_s, memory_mb, f"{len(body)} bayt")
        log.debug("Güvenilmeyen XSLT çalıştı: %d bayt, %.0f ms", len(body), elapsed * 1000)
        return body.decode("utf-8")
    if proc.returncode == 0 and head.startswith(b"ERR "):
        reason = head[4:].decode("ascii", "replace").strip()
        detail = body.decode("utf-8", "replace")
        raise _refused(reason if reason in REASONS else "crashed", timeout_s, memory_mb, detail)
    if proc.returncode in _KILLED:
        raise _refused("timeout", timeout_s, memory_mb, f"sinyal {-proc.returncode}")
    tail = err.decode("utf-8", "replace")[-500:]
    if "MemoryError" in tail or proc.returncode == -signal.SIGSEGV:
        # out of address space inside libxml2/libxslt shows up as MemoryError or a crash
        raise _refused("memory", timeout_s, memory_mb, f"çıkış {proc.returncode}: {tail}")
    raise _refused("crashed", timeout_s, memory_mb, f"çıkış {proc.returncode}: {tail}")


__all__ = ["REASONS", "XsltRefused", "render_untrusted_xslt"]
