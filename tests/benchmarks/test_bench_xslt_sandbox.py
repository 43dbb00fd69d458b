"""What the XSLT sandbox costs per preview: GİB's general.xslt over a GİB sample in this
process (lxml) and through ``render_untrusted_xslt`` (a fresh ``python -I`` child), and the
bare price of a child process that imports lxml and runs a one-template stylesheet, started
with ``subprocess`` (what the sandbox does), multiprocessing ``spawn`` and ``forkserver``.

Run: .venv/bin/python -m pytest tests/benchmarks/test_bench_xslt_sandbox.py --benchmark-only
Figures go to docs/performance.md (measured, never asserted)."""

from __future__ import annotations

import multiprocessing
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from app.pdf import render_untrusted_xslt
from app.pdf.xslt_child import transform
from app.pdf.xslt_sandbox import CHILD

TINY_XSLT = (b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
             b'<xsl:template match="/"><p>ok</p></xsl:template></xsl:stylesheet>')
TINY_XML = b"<a/>"


@pytest.fixture(scope="module")
def sample(ubl_samples_dir: Path) -> tuple[bytes, bytes]:
    return ((ubl_samples_dir / "TemelFaturaOrnegi.xml").read_bytes(),
            (ubl_samples_dir / "general.xslt").read_bytes())


def in_process(xml: bytes, xslt: bytes) -> str:
    compiled = etree.XSLT(etree.fromstring(xslt),
                          access_control=etree.XSLTAccessControl.DENY_ALL)
    return str(compiled(etree.fromstring(xml).getroottree()))


def test_bench_general_xslt_in_process(benchmark, sample: tuple[bytes, bytes]) -> None:
    assert "GIB20090000000001" in benchmark(in_process, *sample)


def test_bench_general_xslt_in_the_sandbox(benchmark, sample: tuple[bytes, bytes]) -> None:
    page = benchmark.pedantic(render_untrusted_xslt, args=sample, rounds=20, iterations=1)
    assert "GIB20090000000001" in page


def subprocess_child() -> bytes:
    payload = struct.pack(">Q", len(TINY_XSLT)) + TINY_XSLT + TINY_XML
    return subprocess.run([sys.executable, "-I", str(CHILD), "512", "10", "100000"],
                          input=payload, capture_output=True, check=True).stdout


def pool_child(context: multiprocessing.context.BaseContext) -> str:
    process = context.Process(target=transform, args=(TINY_XML, TINY_XSLT, 100_000, 512))
    process.start()
    process.join()
    return str(process.exitcode)


def test_bench_child_process_subprocess(benchmark) -> None:
    assert benchmark.pedantic(subprocess_child, rounds=20, iterations=1).startswith(b"OK")


def test_bench_child_process_spawn(benchmark) -> None:
    context = multiprocessing.get_context("spawn")
    assert benchmark.pedantic(pool_child, args=(context,), rounds=20, iterations=1) == "0"


def test_bench_child_process_forkserver(benchmark) -> None:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no forkserver on this platform")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["lxml.etree", "app.pdf.xslt_child"])
    pool_child(context)  # the fork server starts once, outside the measurement
    assert benchmark.pedantic(pool_child, args=(context,), rounds=20, iterations=1) == "0"
