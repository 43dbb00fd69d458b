"""PDF printing speed: one 10-line invoice, a batch of 100, peak memory.

The warm 10-line figure is printed beside its reference measured in the same run: GİB's own
``general.xslt`` (from the UBL-TR package) turning the same invoice into HTML with lxml, the
stylesheet compiled once (what a viewer of GİB's portal does per invoice).

Run: .venv/bin/python -m pytest tests/benchmarks/test_bench_pdf.py --benchmark-only -s
Figures go to docs/performance/pdf.md (they are measured, never asserted)."""

from __future__ import annotations

import resource
import time
import tracemalloc
from pathlib import Path

import pytest
from lxml import etree

from app.pdf import karekod_payload, render_html, render_pdf, render_pdfs
from tests.unit.test_pdf_support import tezgah_invoice


@pytest.fixture(scope="module")
def ten_lines(ubl_samples_dir: Path) -> bytes:
    return tezgah_invoice(ubl_samples_dir, lines=10, rates=(10, 20))


@pytest.fixture(scope="module")
def two_hundred_lines(ubl_samples_dir: Path) -> bytes:
    return tezgah_invoice(ubl_samples_dir, lines=200, rates=(10, 20))


@pytest.fixture(scope="module")
def gib_general_xslt(ubl_samples_dir: Path) -> etree.XSLT:
    """GİB's visualisation stylesheet, compiled once."""
    return etree.XSLT(etree.parse(str(ubl_samples_dir / "general.xslt")))


def _min_ms(fn, *args, rounds: int = 200) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def test_bench_pdf_10_lines(benchmark, ten_lines: bytes, gib_general_xslt: etree.XSLT) -> None:
    """The warm 10-line PDF; GİB's general.xslt → HTML of the same invoice beside it."""
    render_pdf(ten_lines)  # fonts, styles, QR tables built once per process, outside the measurement
    pdf = benchmark(render_pdf, ten_lines)
    assert pdf.startswith(b"%PDF")
    doc = etree.fromstring(ten_lines)
    html = str(gib_general_xslt(doc))
    assert "<html" in html.lower()
    reference = _min_ms(lambda: str(gib_general_xslt(doc)))
    own = _min_ms(render_pdf, ten_lines)
    benchmark.extra_info["gib_general_xslt_html_min_ms"] = round(reference, 2)
    benchmark.extra_info["render_pdf_min_ms_same_run"] = round(own, 2)
    with open("/proc/loadavg") as fh:
        benchmark.extra_info["loadavg"] = fh.read().split()[0]
    print(f"\nPDF of a 10-line invoice, warm: min {own:.2f} ms; GİB general.xslt → HTML of the "
          f"same invoice: min {reference:.2f} ms ({own / reference:.1f}×); "
          f"load average {benchmark.extra_info['loadavg']}")


def test_bench_gib_general_xslt_10_lines(benchmark, ten_lines: bytes,
                                         gib_general_xslt: etree.XSLT) -> None:
    """Reference for the row above: GİB's general.xslt → HTML, same invoice, warm."""
    doc = etree.fromstring(ten_lines)
    assert "<html" in benchmark(lambda: str(gib_general_xslt(doc))).lower()


def test_bench_pdf_batch_100(benchmark, ten_lines: bytes) -> None:
    render_pdf(ten_lines)
    pdf = benchmark.pedantic(render_pdfs, args=([ten_lines] * 100,), rounds=3, iterations=1)
    assert pdf.startswith(b"%PDF")


def test_bench_pdf_200_lines(benchmark, two_hundred_lines: bytes) -> None:
    render_pdf(two_hundred_lines)
    pdf = benchmark.pedantic(render_pdf, args=(two_hundred_lines,), rounds=5, iterations=1)
    assert pdf.startswith(b"%PDF")


def test_bench_karekod_payload(benchmark, ten_lines: bytes) -> None:
    assert benchmark(karekod_payload, ten_lines)["odenecek"]


def test_bench_html_10_lines(benchmark, ten_lines: bytes) -> None:
    render_html(ten_lines)
    assert "e-Fatura" in benchmark(render_html, ten_lines)


def test_bench_pdf_peak_memory(benchmark, ten_lines: bytes) -> None:
    """Python heap peak (tracemalloc) while printing 20 invoices one by one, and the
    process's maximum resident set size afterwards; reported in extra_info."""
    render_pdf(ten_lines)

    def run() -> int:
        tracemalloc.start()
        try:
            for _ in range(20):
                render_pdf(ten_lines)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak = benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info["tracemalloc_peak_mib"] = round(peak / 2**20, 2)
    benchmark.extra_info["max_rss_mib"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(f"\npeak Python heap {peak / 2**20:.2f} MiB, "
          f"max RSS {benchmark.extra_info['max_rss_mib']} MiB")
    assert peak > 0
