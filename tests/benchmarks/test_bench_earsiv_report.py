"""The daily e-Arşiv report of a large day (issue 12: 10,000 invoices): read from storage,
built, checked, signed (demo TEST certificate), time-stamped to XAdES-A by the simulator's
test TSA, stored and queued (``earsiv.prepare_report``), then sent through ``sending.sync``
to the simulator's EArsivWs until GİB's state 30. Time and memory of each step are recorded
(``benchmark.extra_info``, and printed: run with ``-s``); docs/performance/earsiv.md has the
figures.

The day: ``DISTINCT`` e-Arşiv invoices issued the real way (``issue_invoice``, the report
tests' mix of types, currencies and buyers), then copies of them up to ``SIZE``, each with
its own number (series ``EAC``) and UUID, re-signed with the demo certificate
(``sign_invoice``) and stored as an issued invoice created on the reported day. The report
reads only the stored signed bytes and the creation moment, so a copy is, for the report,
an invoice like any other; issuing 10,000 for real would take about ``SIZE × issue time``
(the figure of the issuing step is printed).

Size: ``TEZGAH_BENCH_EARSIV_INVOICES`` (default 10,000 in the benchmark,
``scripts/benchmark.sh -k earsiv``; 20 in ``test_earsiv_report_pipeline_on_a_small_day``, the
same flow as a plain test that the ordinary run includes — pytest's configuration skips the
benchmark itself there) and ``TEZGAH_BENCH_EARSIV_DISTINCT`` (default 14).
"""

from __future__ import annotations

import os
import resource
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from sqlalchemy import insert, select

import app.signing
from app import clock
from app.db import tables as t
from app.db.repositories import earsiv as earsiv_repo
from app.usecases import earsiv, sending
from app.usecases.signers import use_test_certificate
from tests.fixtures.app import COMPANY, make_context
from tests.integration.test_earsiv_daily_report import configure, received_reports
from tests.unit.test_earsiv_report import DAY, _draft, _issue

pytestmark = pytest.mark.timeout(3 * 3600)

IST = clock.ISTANBUL
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
DS = "http://www.w3.org/2000/09/xmldsig#"
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _size(default: int) -> tuple[int, int]:
    size = int(os.environ.get("TEZGAH_BENCH_EARSIV_INVOICES", default))
    distinct = min(size, int(os.environ.get("TEZGAH_BENCH_EARSIV_DISTINCT", 14)))
    return size, distinct


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * _PAGE


class Steps:
    """Wall time and memory of named steps: the process's resident memory sampled every
    5 ms during the step (peak, and its rise over the step's start: lxml's trees live in C
    memory, which tracemalloc would not see), and ru_maxrss at the end."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    @contextmanager
    def step(self, name: str, **extra: Any) -> Iterator[dict[str, Any]]:
        start_rss = _rss()
        peak = [start_rss]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.005):
                peak[0] = max(peak[0], _rss())

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        row: dict[str, Any] = {"step": name, **extra}
        started = time.perf_counter()
        try:
            yield row
        finally:
            row["seconds"] = round(time.perf_counter() - started, 3)
            stop.set()
            sampler.join()
            peak[0] = max(peak[0], _rss())
            row["rss_peak_mb"] = round(peak[0] / 2**20, 1)
            row["rss_rise_mb"] = round((peak[0] - start_rss) / 2**20, 1)
            self.rows.append(row)

    def wrap(self, owner: Any, attr: str, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """Time every call of ``owner.attr`` as the step ``name``."""
        real: Callable[..., Any] = getattr(owner, attr)

        def timed(*a: Any, **kw: Any) -> Any:
            with self.step(name):
                return real(*a, **kw)

        monkeypatch.setattr(owner, attr, timed)

    def table(self) -> str:
        lines = [f"{'step':<28}{'seconds':>10}{'RSS peak MB':>13}{'RSS rise MB':>13}  notes"]
        for r in self.rows:
            notes = ", ".join(f"{k}={v}" for k, v in r.items()
                              if k not in ("step", "seconds", "rss_peak_mb", "rss_rise_mb"))
            lines.append(f"{r['step']:<28}{r['seconds']:>10.2f}{r['rss_peak_mb']:>13.1f}"
                         f"{r['rss_rise_mb']:>13.1f}  {notes}")
        lines.append(f"ru_maxrss of the process: "
                     f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")
        return "\n".join(lines)


def _release_memory() -> None:
    """Give the setup's freed memory back to the system, so that the steps' resident-memory
    figures start from what the process really holds."""
    import ctypes
    import gc

    gc.collect()
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _unsigned_copy(signed: bytes, number: str, ettn: str) -> bytes:
    """The signed invoice with another number and UUID and its signature taken out (the
    place for the signature, an empty ExtensionContent, stays)."""
    root = etree.fromstring(signed)
    for content in root.iterfind(f"{{{EXT}}}UBLExtensions/{{{EXT}}}UBLExtension/"
                                 f"{{{EXT}}}ExtensionContent"):
        for sig in content.findall(f"{{{DS}}}Signature"):
            content.remove(sig)
    root.find(f"{{{CBC}}}ID").text = number
    root.find(f"{{{CBC}}}UUID").text = ettn
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _store_copies(ctx: Any, signer: Any, issued: list[Any], count: int) -> bytes | None:
    """``count`` copies of ``issued`` (round robin), re-signed, as issued invoices created
    on DAY (every 8 seconds from 00:00:10), in transactions of 500; the first copy's bytes."""
    import hashlib

    from app.signing import sign_invoice

    with ctx.db.session() as s:
        rows = {r["ettn"]: dict(r) for r in s.execute(
            select(t.Invoice.__table__).where(t.Invoice.ettn.in_([i.ettn for i in issued])))
            .mappings()}
    first = datetime(DAY.year, DAY.month, DAY.day, 0, 0, 10)  # naive Istanbul, as stored
    sample = None
    for start in range(0, count, 500):
        with ctx.db.write_session() as s:
            for j in range(start, min(count, start + 500)):
                src = issued[j % len(issued)]
                number, ettn = f"EAC{DAY.year}{j + 1:09d}", str(uuid.uuid4()).upper()
                signed = sign_invoice(_unsigned_copy(src.xml, number, ettn), signer)
                sample = sample or signed
                at = first + timedelta(seconds=8 * j)
                row = {k: v for k, v in rows[src.ettn].items() if k != "id"}
                row.update(ettn=ettn, number=number, series="EAC", issued_at=at,
                           created_at=at, updated_at=at)
                new_id = s.execute(insert(t.Invoice.__table__).values(**row)
                                   .returning(t.Invoice.__table__.c.id)).scalar_one()
                s.execute(insert(t.Document.__table__).values(
                    invoice_id=new_id, kind=earsiv_repo.INVOICE_DOCUMENT, content=signed,
                    sha256=hashlib.sha256(signed).hexdigest(), created_at=at))
    return sample


@pytest.mark.benchmark(group="earsiv-report")
def test_earsiv_report_of_a_large_day(benchmark, tmp_path: Path,  # type: ignore[no-untyped-def]
                                      installed_rules_dir: Path, make_gib_simulator,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    size, distinct = _size(10_000)
    steps = _report_day(size, distinct, tmp_path, installed_rules_dir, make_gib_simulator,
                        monkeypatch, lambda run: benchmark.pedantic(run, rounds=1, iterations=1))
    benchmark.extra_info.update(invoices=size, distinct=distinct, steps=steps.rows)


@pytest.mark.slow  # long waits or a whole pipeline: left out of --fast, in every full run
def test_earsiv_report_pipeline_on_a_small_day(tmp_path: Path, installed_rules_dir: Path,  # type: ignore[no-untyped-def]
                                                make_gib_simulator,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The same flow, small, in the ordinary test run (benchmarks are skipped there): the
    benchmark's code keeps working."""
    size, distinct = _size(20)
    _report_day(size, distinct, tmp_path, installed_rules_dir, make_gib_simulator,
                monkeypatch, lambda run: run())


def _report_day(size: int, distinct: int, tmp_path: Path, installed_rules_dir: Path,  # type: ignore[no-untyped-def]
                make_gib_simulator, monkeypatch: pytest.MonkeyPatch,
                measure: Callable[[Callable[[], None]], None]) -> Steps:
    from app.signing import open_signer, sign_invoice

    steps = Steps()
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    moment = [datetime(2026, 11, 27, 0, 0, 1, tzinfo=IST)]
    clock.set_clock(lambda: moment[0])
    try:
        cfg = use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
        with open_signer(cfg, None) as signer:
            with steps.step("issue (real)", invoices=distinct) as row:
                issued = [_issue(ctx, lambda x: sign_invoice(x, signer), data, kind,
                                 datetime(2026, 11, 27, 0, 0, 1, tzinfo=IST)
                                 + timedelta(seconds=i), moment)
                          for i, (kind, data) in enumerate(_draft(i) for i in range(distinct))]
            per_issue = row["seconds"] / distinct
            row["seconds_per_invoice"] = round(per_issue, 3)
            with steps.step("copies re-signed, stored", invoices=size - distinct) as row:
                sample = _store_copies(ctx, signer, issued, size - distinct)
            if size > distinct:
                row["seconds_per_invoice"] = round(row["seconds"] / (size - distinct), 4)
    finally:
        clock.set_clock(None)
    if sample is not None:  # a copy is a validly signed invoice of its own
        check = app.signing.verify_document(sample)
        assert check.intact, check.problems
    _release_memory()
    sizes = [len(i.xml) for i in issued]
    print(f"\nissuing {distinct} real invoices: {per_issue:.3f} s each; {size:,} would take "
          f"about {per_issue * size / 60:.0f} min. Signed invoice sizes: "
          f"{min(sizes):,}–{max(sizes):,} bytes.")

    sim = make_gib_simulator()
    configure(ctx, sim)
    steps.wrap(earsiv.repo, "invoices_created_on", "read stored invoices", monkeypatch)
    steps.wrap(earsiv, "build_report", "build", monkeypatch)
    steps.wrap(earsiv, "check_report", "check", monkeypatch)
    steps.wrap(app.signing, "sign_enveloped", "sign (XAdES-BES)", monkeypatch)
    steps.wrap(app.signing, "apply_level", "time-stamp (XAdES-A)", monkeypatch)
    result: dict[str, Any] = {}

    def run() -> None:
        with earsiv.company_signer(ctx, None) as signer:
            with steps.step("prepare_report (all)") as row:
                prepared = earsiv.prepare_report(ctx, DAY, signer, earsiv.tsa_config(ctx))
            row["report_bytes"] = len(prepared.xml)
        with steps.step("send (sending.sync)"):
            report = sending.sync(ctx, timeout=120, max_seconds=1800)
        result.update(prepared=prepared, report=report)

    measure(run)

    prepared = result["prepared"]
    assert prepared.invoices == size and prepared.stored and prepared.level == "A"
    assert result["report"].completed >= 1, result["report"].messages
    row = {r.day: r for r in earsiv.report_days(ctx)}[DAY]
    assert row.state == earsiv.ACCEPTED, row
    assert received_reports(sim) == [prepared.rapor_no]

    by_name = {r["step"]: r for r in steps.rows}
    inner = sum(by_name[n]["seconds"] for n in (
        "read stored invoices", "build", "check", "sign (XAdES-BES)", "time-stamp (XAdES-A)"))
    by_name["prepare_report (all)"]["store+queue+rest_seconds"] = round(
        by_name["prepare_report (all)"]["seconds"] - inner, 3)
    print(f"e-Arşiv report of {size:,} invoices ({distinct} issued, the rest copies):")
    print(steps.table())
    return steps
