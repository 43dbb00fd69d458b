"""The child side of the XSLT sandbox (``app.pdf.xslt_sandbox``): run one untrusted
stylesheet over one document and print the result.

Started as ``python -I xslt_child.py MEMORY_MB CPU_S MAX_OUTPUT`` by its file path, so it
imports nothing but the standard library and lxml (not the ``app`` package). Input on
stdin: an 8-byte big-endian length, the stylesheet, then the document. Output on stdout:
``OK\\n`` and the result as UTF-8, or ``ERR <reason>\\n`` and a short technical detail.
``reason``: ``access`` (an include, import, document() or file/network access was
refused), ``memory``, ``recursion`` (libxslt's template depth limit), ``too_large`` (result
over the cap), ``invalid`` (not a usable XSLT 1.0 stylesheet or its run failed).

On POSIX the process limits itself before touching the input: address space
(RLIMIT_AS), CPU seconds (RLIMIT_CPU, the kernel kills it with SIGXCPU), no core files and
no file writes (RLIMIT_FSIZE 0); after reading stdin it cannot open any new file or socket
(RLIMIT_NOFILE 3). Other platforms have no ``resource`` module: there the parent's
wall-clock timeout and kill are the only limit (a Windows Job Object would be the
equivalent of the rlimits; not implemented).
"""

from __future__ import annotations

import struct
import sys

XSL_NS = "http://www.w3.org/1999/XSL/Transform"


def _limit(memory_mb: int, cpu_s: int) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: only the parent's timeout applies
        return
    mem = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def _no_new_files() -> None:
    try:
        import resource
    except ImportError:
        return
    # fds 0, 1 and 2 stay usable; no file, pipe or socket can be opened any more
    resource.setrlimit(resource.RLIMIT_NOFILE, (3, 3))


def _read_exact(stream, n: int) -> bytes:  # type: ignore[no-untyped-def]
    data = stream.read(n)
    if len(data) != n:
        raise EOFError("short input")
    return data


class _Refused(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _near_memory_limit(memory_mb: int) -> bool:
    try:
        import resource
    except ImportError:
        return False
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB (bytes on macOS)
    if sys.platform == "darwin":
        peak //= 1024
    return peak * 1024 >= memory_mb * 1024 * 1024 // 3


def transform(xml: bytes, xslt: bytes, max_output: int, memory_mb: int) -> str:
    from lxml import etree

    refused: list[str] = []

    class DenyAll(etree.Resolver):
        """Every URI the stylesheet asks for (include, import, document(), entities)."""

        def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
            refused.append(str(system_url))
            raise _Refused("access", f"dış kaynak istendi: {system_url}")

    def parser() -> etree.XMLParser:
        p = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                            dtd_validation=False, huge_tree=False)
        p.resolvers.add(DenyAll())
        return p

    try:
        style = etree.fromstring(xslt, parser())
        doc = etree.fromstring(xml, parser())
    except etree.XMLSyntaxError as exc:
        raise _Refused("invalid", f"XML okunamadı: {exc}") from exc
    if style.getroottree().docinfo.doctype or doc.getroottree().docinfo.doctype:
        raise _Refused("invalid", "DOCTYPE içeriyor")
    for name in ("include", "import"):
        found = style.find(f".//{{{XSL_NS}}}{name}")
        if found is not None:
            raise _Refused("access", f"xsl:{name} {found.get('href')!r}")
    try:
        compiled = etree.XSLT(style, access_control=etree.XSLTAccessControl.DENY_ALL,
                              regexp=False)
        result = compiled(doc.getroottree())
        text = str(result)
    except _Refused:
        raise
    except MemoryError as exc:
        raise _Refused("memory", "bellek sınırı") from exc
    except (etree.XSLTError, etree.XMLSyntaxError, ValueError, TypeError) as exc:
        messages = [e.message for e in getattr(exc, "error_log", ())
                    if e.message and e.message != "unknown error"]
        detail = " | ".join(messages[:3]) or str(exc) or type(exc).__name__
        everything = f"{exc} | {detail}"
        if refused or " rights for " in everything or " refused" in everything:
            raise _Refused("access", detail) from exc
        if "recursion" in detail:
            raise _Refused("recursion", detail) from exc
        if "memory" in detail.lower() or _near_memory_limit(memory_mb):
            # libxml2 reports a failed allocation as whatever failed next ("Undefined
            # variable" …): a run that came close to the address-space limit ran out of it
            raise _Refused("memory", detail) from exc
        raise _Refused("invalid", detail) from exc
    for entry in compiled.error_log:
        # exsl:document and friends may only log the refusal and go on
        if " rights for " in entry.message or " refused" in entry.message:
            raise _Refused("access", entry.message)
    if refused:
        raise _Refused("access", ", ".join(refused))
    if len(text) > max_output or len(text.encode("utf-8")) > max_output:
        raise _Refused("too_large", f"{len(text)} karakter")
    return text


def main(argv: list[str]) -> int:
    memory_mb, cpu_s, max_output = (int(a) for a in argv[1:4])
    _limit(memory_mb, cpu_s)
    out = sys.stdout.buffer
    try:
        stdin = sys.stdin.buffer
        (xslt_len,) = struct.unpack(">Q", _read_exact(stdin, 8))
        xslt = _read_exact(stdin, xslt_len)
        xml = stdin.read()
        from lxml import etree  # noqa: F401  (imported before the file limit)

        _no_new_files()
        text = transform(xml, xslt, max_output, memory_mb)
    except _Refused as exc:
        out.write(f"ERR {exc.reason}\n{exc.detail[:2000]}".encode())
        return 0
    except MemoryError:
        out.write(b"ERR memory\n")
        return 0
    out.write(b"OK\n" + text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
