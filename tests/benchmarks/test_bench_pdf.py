"""PDF printing speed: one 10-line invoice, a batch of 100, peak memory.

Run: .venv/bin/python -m pytest tests/benchmarks/test_bench_pdf.py --benchmark-only
Figures go to docs/performance/pdf.md (they are measured, never asserted)."""

from __future__ import annotations

import resource
import tracemalloc
from pathlib import Path

import pytest

from app.pdf import karekod_payload, render_html, render_pdf, render_pdfs
from tests.unit.test_pdf_support import tezgah_invoice


@pytest.fixture(scope="module")
def ten_lines(ubl_samples_dir: Path) -> bytes:
    return tezgah_invoice(ubl_samples_dir, lines=10, rates=(10, 20))


@pytest.fixture(scope="module")
def two_hundred_lines(ubl_samples_dir: Path) -> bytes:
    return tezgah_invoice(ubl_samples_dir, lines=200, rates=(10, 20))


def test_bench_pdf_10_lines(benchmark, ten_lines: bytes) -> None:
    render_pdf(ten_lines)  # fonts registered once per process, outside the measurement
    pdf = benchmark(render_pdf, ten_lines)
    assert pdf.startswith(b"%PDF")


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
