"""The posta kutusu under load: BBB's service (the door, ``PostboxServer`` on 127.0.0.1, and its
worker, ``app.usecases.postbox.Worker``) receives 1,000 SENDERENVELOPEs of one signed
TICARIFATURA each (AAA → BBB, distinct ETTNs, signed before anything is timed) sent with
``EFaturaClient.send_document`` the way GİB's Merkez sends, from 1 and from 4 concurrent
clients. The clients run in a process of their own (spawned before timing), so the service's
process holds only the door, the worker and a thread that counts what is done.

Recorded (``benchmark.extra_info``, and printed: run with ``-s``): each request's answer
time (p50, p95, max; the project's client waits 60 s, ``app.gib.client.DEFAULT_TIMEOUT``),
the time from the first request until every envelope is processed (in the inbox, its system
response queued), throughput, and the peak resident set of the service's process (VmHWM,
reset just before the run). Asserted, never timings: every answer carries the MD5 of its zip,
each of the 1,000 invoices is in the inbox exactly once, 1,000 system responses (1200) wait
in the outbox.

Also: sending 100 queued system responses to the local GİB simulator (``sending.sync``), the
same 100 through the whole loop (door → worker → simulator), and a cProfile of
``inbox.process_spool`` over 100 envelopes (the top functions are printed).

Run with::

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks/test_bench_postbox.py \\
        --benchmark-only -p no:randomly -s

Size: ``TEZGAH_BENCH_POSTBOX_ENVELOPES`` (default 1,000). Figures:
docs/performance/postbox.md.
"""

from __future__ import annotations

import cProfile
import io
import multiprocessing
import os
import pstats
import resource
import statistics
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.db import tables as t
from app.postbox.service import ACCEPTED
from app.postbox.spool import Spool
from app.usecases import inbox, sending
from app.usecases.postbox import Worker, make_server
from tests.fixtures.simulator import Packed, pack

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(1800)]

SIZE = int(os.environ.get("TEZGAH_BENCH_POSTBOX_ENVELOPES", 1000))
SMALL = min(100, SIZE)


# -- set-up (not timed) ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def signed_invoices(_gib_invoice_template: bytes, gib_signer) -> list[tuple[str, bytes]]:  # type: ignore[no-untyped-def]
    """SIZE TICARIFATURAs from AAA to BBB, each with its own ETTN, signed (demo certificate)."""
    from app.signing.xades import sign_invoice

    out = []
    for _ in range(SIZE):
        ettn = str(uuid.uuid4()).upper()
        data = _gib_invoice_template.replace(b"F47AC10B-58CC-4372-A567-0E02B2C3D479",
                                             ettn.encode())
        data = data.replace(b"<cbc:URI>#Signature</cbc:URI>",
                            b"<cbc:URI>#Signature_" + ettn.replace("-", "").encode()
                            + b"</cbc:URI>")
        out.append((ettn, sign_invoice(data, gib_signer)))
    return out


def _packed(invoices: list[tuple[str, bytes]]) -> list[Packed]:
    return [pack([xml]) for _, xml in invoices]


def _peak_rss_reset() -> None:
    """Reset VmHWM (Linux ≥ 4.0), so the peak is this run's, not the set-up's."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _load() -> str:
    """The load averages (1, 5, 15 minutes), as ``uptime`` shows them."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# -- the senders, in a process of their own -------------------------------------------------

def _warm() -> int:
    import app.gib.client  # noqa: F401  (the import is the warm-up)

    return os.getpid()


def _send_all(url: str, packs: list[tuple[str, bytes, str]], clients: int) -> dict[str, Any]:
    """Send every (file name, zip, md5) with ``clients`` threads taking the next one; each
    request's answer time and whether the answer's hash is the zip's MD5."""
    from app.gib.client import EFaturaClient

    client = EFaturaClient(url, timeout=60)
    lock = threading.Lock()
    todo = iter(packs)
    results: list[tuple[float, float, str, str, str]] = []  # start, end, md5, hash, message
    errors: list[str] = []

    def run() -> None:
        while True:
            with lock:
                item = next(todo, None)
            if item is None:
                return
            name, data, md5 = item
            start = time.monotonic()
            try:
                answer = client.send_document(name, data, md5)
            except Exception as exc:  # recorded; the test fails on it
                errors.append(f"{name}: {type(exc).__name__}: {exc}")
                continue
            end = time.monotonic()
            with lock:
                results.append((start, end, md5, answer.hash, answer.message))

    threads = [threading.Thread(target=run) for _ in range(clients)]
    first = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    last = time.monotonic()
    return {"first": first, "last": last, "results": results, "errors": errors,
            "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


# -- the service ------------------------------------------------------------------------------

def _count(ctx: AppContext, query: Any) -> int:
    with ctx.db.session() as s:
        return int(s.scalar(query) or 0)


def _processed(ctx: AppContext) -> int:
    return _count(ctx, select(func.count(t.IncomingEnvelope.id)))


def _system_responses(ctx: AppContext, state: str | None = None) -> int:
    q = select(func.count(t.OutboxItem.id)).where(t.OutboxItem.channel == "efatura-system")
    if state is not None:
        q = q.where(t.OutboxItem.state == state)
    return _count(ctx, q)


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _receive(ctx: AppContext, packed: list[Packed], clients: int, *,
             worker: Worker, done: Callable[[], bool], measure: Callable[..., Any],
             timeout: float = 900.0) -> dict[str, Any]:
    """Door + worker up, the senders send, wait until ``done``; the figures. ``measure``
    (pytest-benchmark's ``pedantic``, one round) times the part from the first request
    until ``done``."""
    from app.ubl.validate import get_validator

    get_validator(ctx.rules_dir)  # the service has compiled its rules long before a rush
    server = make_server(ctx, "127.0.0.1", 0)
    server.service.on_stored = worker.wake
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    try:
        pool.submit(_warm).result(timeout=120)
        server.start()
        worker.start()
        packs = [(p.file_name, p.zip, p.md5) for p in packed]
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        _peak_rss_reset()
        load_before = _load()
        timed: dict[str, Any] = {}

        def send_and_wait() -> None:
            future = pool.submit(_send_all, server.url, packs, clients)
            deadline = time.monotonic() + timeout
            while not done():
                if future.done() and "backlog" not in timed:
                    timed["backlog"] = len(packed) - _processed(ctx)
                assert time.monotonic() < deadline, "not processed in time"
                time.sleep(0.05)
            timed["finished"] = time.monotonic()
            timed["future"] = future

        measure(send_and_wait)
        finished = timed["finished"]
        future = timed["future"]
        backlog_at_last_answer = timed.get("backlog", 0)
        sent = future.result(timeout=timeout)
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        peak_kb = _status_kb("VmHWM")
        load_after = _load()
    finally:
        worker.stop()
        server.stop()
        pool.shutdown()
    latencies = [end - start for start, end, *_ in sent["results"]]
    sending_s = sent["last"] - sent["first"]
    total_s = finished - sent["first"]
    figures = {
        "envelopes": len(packed), "clients": clients,
        "answer_p50_ms": round(_pct(latencies, 50) * 1000, 1) if latencies else None,
        "answer_p95_ms": round(_pct(latencies, 95) * 1000, 1) if latencies else None,
        "answer_max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "answer_mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "all_answered_s": round(sending_s, 2),
        "answers_per_s": round(len(latencies) / sending_s, 1) if sending_s else None,
        "backlog_at_last_answer": backlog_at_last_answer,
        "all_processed_s": round(total_s, 2),
        "processed_per_s": round(len(packed) / total_s, 1),
        "service_cpu_s": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime,
                               1),
        "service_peak_rss_mb": round(peak_kb / 1024, 1),
        "clients_maxrss_mb": round(sent["maxrss_kb"] / 1024, 1),
        "worker_rounds": worker.rounds,
        "load_before": load_before, "load_after": load_after,
    }
    return {"figures": figures, "sent": sent}


def _check_received(ctx: AppContext, invoices: list[tuple[str, bytes]], packed: list[Packed],
                    sent: dict[str, Any]) -> None:
    assert sent["errors"] == []
    assert len(sent["results"]) == len(packed)
    for _start, _end, md5, answer_hash, message in sent["results"]:
        assert answer_hash.lower() == md5.lower() and message == ACCEPTED
    items = inbox.list_inbox(ctx)
    ettns = [i["ettn"].upper() for i in items]
    assert len(ettns) == len(set(ettns)) == len(invoices)
    assert set(ettns) == {ettn for ettn, _ in invoices}
    assert all(i["signature_valid"] is True for i in items)
    assert _system_responses(ctx) == len(packed)
    with ctx.db.session() as s:
        codes = s.scalars(select(t.IncomingEnvelope.status_code)).all()
    assert sorted(codes) == [1200] * len(packed)
    assert Spool.open(ctx.data_dir).pending_count() == 0


def _poll_fast(ctx: AppContext) -> None:
    """Ask GİB for the status 0.05 s after sending instead of the default 20 s (the
    simulator answers at once), so the figure is the work, not the waiting."""
    from app import settings

    with ctx.db.write_session() as s:
        settings.put(s, settings.SYNC_POLL_SECONDS, 0.05)
        settings.put(s, settings.SYNC_RETRY_SECONDS, 0.05)


def _show(title: str, figures: dict[str, Any]) -> None:
    print(f"\n{title}")
    for key, value in figures.items():
        print(f"  {key:24} {value}")


@pytest.mark.parametrize("clients", [1, 4])
def test_bench_postbox_receives_and_processes(benchmark, receiver_ctx: AppContext,  # type: ignore[no-untyped-def]
                                              signed_invoices, clients: int) -> None:
    packed = _packed(signed_invoices)
    worker = Worker(receiver_ctx, send=False, interval=1.0)
    out = _receive(receiver_ctx, packed, clients, worker=worker,
                   done=lambda: _processed(receiver_ctx) >= len(packed),
                   measure=lambda f: benchmark.pedantic(f, rounds=1, iterations=1))
    _show(f"posta kutusu: {len(packed)} envelopes from {clients} client(s)", out["figures"])
    benchmark.extra_info.update(out["figures"])
    _check_received(receiver_ctx, signed_invoices, packed, out["sent"])


def test_bench_send_100_system_responses(benchmark, receiver_ctx: AppContext,  # type: ignore[no-untyped-def]
                                         signed_invoices, make_gib_simulator) -> None:
    """100 system responses queued by processing, then sent to the local GİB simulator:
    ``sending.sync`` until every one is done (SYSTEMENVELOPE, one each, 1200/1300)."""
    sim = make_gib_simulator()
    _poll_fast(receiver_ctx)
    spool = Spool.open(receiver_ctx.data_dir)
    for p in _packed(signed_invoices[:SMALL]):
        spool.store(p.uuid, p.zip, p.md5, {"file_name": p.file_name})
    assert inbox.process_spool(receiver_ctx).accepted == SMALL
    assert _system_responses(receiver_ctx, "waiting") == SMALL

    report = benchmark.pedantic(
        lambda: sending.sync(receiver_ctx, endpoint_url=sim.url, timeout=60, max_seconds=300),
        rounds=1, iterations=1)
    print(f"\nsending {SMALL} system responses: {benchmark.stats.stats.max:.2f} s, "
          f"packed {report.packed}, sent {report.sent}, completed {report.completed}")
    assert _system_responses(receiver_ctx, "done") == SMALL
    assert report.failed == 0


def test_bench_whole_loop_100(benchmark, receiver_ctx: AppContext,  # type: ignore[no-untyped-def]
                              signed_invoices, make_gib_simulator) -> None:
    """The whole loop for 100 envelopes from 4 clients: door → worker (process, then send
    the system responses to the local GİB simulator) until every system response is done."""
    sim = make_gib_simulator()
    _poll_fast(receiver_ctx)
    invoices = signed_invoices[:SMALL]
    packed = _packed(invoices)
    worker = Worker(receiver_ctx, endpoint_url=sim.url, send=True, interval=0.5)
    out = _receive(receiver_ctx, packed, 4, worker=worker,
                   done=lambda: _system_responses(receiver_ctx, "done") >= SMALL,
                   measure=lambda f: benchmark.pedantic(f, rounds=1, iterations=1))
    _show(f"whole loop: {SMALL} envelopes from 4 clients, system responses sent",
          out["figures"])
    benchmark.extra_info.update(out["figures"])
    _check_received(receiver_ctx, invoices, packed, out["sent"])


def test_bench_profile_process_spool_100(benchmark, receiver_ctx: AppContext,  # type: ignore[no-untyped-def]
                                         signed_invoices) -> None:
    """Where processing spends its time: cProfile around ``inbox.process_spool`` for 100
    stored envelopes (the validator compiled beforehand)."""
    from app.ubl.validate import get_validator

    get_validator(receiver_ctx.rules_dir)
    spool = Spool.open(receiver_ctx.data_dir)
    for p in _packed(signed_invoices[:SMALL]):
        spool.store(p.uuid, p.zip, p.md5, {"file_name": p.file_name})
    profile = cProfile.Profile()

    def run() -> inbox.ProcessReport:
        profile.enable()
        try:
            return inbox.process_spool(receiver_ctx)
        finally:
            profile.disable()

    report = benchmark.pedantic(run, rounds=1, iterations=1)
    assert report.accepted == SMALL
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(20)
    print(text.getvalue())
