"""Running the compiled schematron: the on-disk cache of compiled stylesheets, Saxon (saxonche)
and its executables, and the SVRL results.

The stylesheet text comes from :func:`app.ubl.schematron.compile_schematron`; results are read
from its SVRL (``svrl:failed-assert`` / ``svrl:successful-report`` with ``location``,
``pattern``, ``context`` and ``rule-id``).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from app import clock
from app.ubl.schematron import SVRL, SchematronError, compile_schematron, sources_digest
from app.ubl.schematron_rewrite import TODAY_PARAM


def _s(local: str) -> str:
    return f"{{{SVRL}}}{local}"


# ---------------------------------------------------------------------------------------------
# Cache on disk

_compile_count = 0  # how many times this process compiled a schematron (tests read it)


def compile_count() -> int:
    return _compile_count


def cached_stylesheet_path(main: Path, cache_dir: Path) -> Path:
    return Path(cache_dir) / f"schematron-{sources_digest(main)[:32]}.xsl"


def load_or_compile(main: Path, cache_dir: Path) -> tuple[str, Path, bool]:
    """The compiled stylesheet for ``main``: from ``cache_dir`` when the sources and the compiler
    version are unchanged, otherwise compiled now and written there. Returns
    ``(xslt_text, cache_path, compiled_now)``."""
    global _compile_count
    path = cached_stylesheet_path(main, cache_dir)
    try:
        return path.read_text(encoding="utf-8"), path, False
    except FileNotFoundError:
        pass
    xslt = compile_schematron(main)
    _compile_count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(xslt, encoding="utf-8")
    os.replace(tmp, path)
    return xslt, path, True


# ---------------------------------------------------------------------------------------------
# Running with Saxon

_processor = None
_processor_lock = threading.Lock()


def saxon_processor():
    """The one ``PySaxonProcessor`` of this process (Saxon-HE, no licence)."""
    global _processor
    with _processor_lock:
        if _processor is None:
            from saxonche import PySaxonProcessor

            _processor = PySaxonProcessor(license=False)
        return _processor


@dataclass(frozen=True)
class SchematronResult:
    kind: str  # "failed-assert" | "successful-report"
    message: str
    location: str
    pattern: str
    context: str
    rule_id: str
    test: str


_WS = re.compile(r"\s+")


class CompiledSchematron:
    """A compiled stylesheet held in memory, ready to run many times.

    Saxon's ``PyXsltExecutable`` is not thread-safe (saxonche documentation); every run takes
    this object's lock, so one instance may be shared by threads (runs are serialised).
    """

    def __init__(self, xslt_text: str) -> None:
        from saxonche import PySaxonApiError

        self._proc = saxon_processor()
        self._lock = threading.Lock()
        try:
            compiler = self._proc.new_xslt30_processor()
            self._exec = compiler.compile_stylesheet(stylesheet_text=xslt_text, encoding="UTF-8")
        except PySaxonApiError as exc:
            raise SchematronError(f"Derlenen şematron Saxon'da çalıştırılamıyor: {exc}") from exc

    def parse(self, xml_text: str):
        """A Saxon document node from XML text (build it once, run it many times)."""
        with self._lock:
            return self._proc.parse_xml(xml_text=xml_text, encoding="UTF-8")

    def _today(self):  # type: ignore[no-untyped-def]
        """Türkiye's date by Tezgâh's clock, as the xs:date the rules compare with."""
        return self._proc.make_atomic_value("date", clock.today().isoformat())

    def run(self, document, *, doc_type: str = "efatura") -> list[SchematronResult]:
        """Run on ``document`` (a node from :meth:`parse`) with GİB's ``type`` parameter."""
        from saxonche import PySaxonApiError

        with self._lock:
            self._exec.set_parameter("type", self._proc.make_string_value(doc_type))
            self._exec.set_parameter(TODAY_PARAM, self._today())
            try:
                out = self._exec.transform_to_string(xdm_node=document)
            except PySaxonApiError as exc:
                raise SchematronError(f"Şematron denetimi çalışırken hata: {exc}") from exc
        return parse_svrl(out)


_executables: dict[str, CompiledSchematron] = {}
_executables_lock = threading.Lock()


def compiled_schematron(xslt_text: str) -> CompiledSchematron:
    """The Saxon executable for ``xslt_text``, compiled once per process and shared (by every
    validator whose rules have the same schematron)."""
    key = hashlib.sha256(xslt_text.encode("utf-8")).hexdigest()
    with _executables_lock:
        compiled = _executables.get(key)
        if compiled is None:
            compiled = _executables[key] = CompiledSchematron(xslt_text)
        return compiled


def clear_memory_cache() -> None:
    """Forget the in-memory executables (benchmarks use it to measure a fresh start)."""
    with _executables_lock:
        _executables.clear()


def parse_svrl(svrl_text: str) -> list[SchematronResult]:
    if "failed-assert" not in svrl_text and "successful-report" not in svrl_text:
        return []
    root = etree.fromstring(svrl_text.encode("utf-8"))
    results = []
    for el in root:
        if el.tag not in (_s("failed-assert"), _s("successful-report")):
            continue
        text_el = el.find(_s("text"))
        message = _WS.sub(" ", "".join(text_el.itertext()) if text_el is not None else "").strip()
        results.append(
            SchematronResult(
                kind=etree.QName(el).localname,
                message=message,
                location=el.get("location", ""),
                pattern=el.get("pattern", ""),
                context=el.get("context", ""),
                rule_id=el.get("rule-id", ""),
                test=el.get("test", ""),
            )
        )
    return results
