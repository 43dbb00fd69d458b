"""Signing speed on a real PKCS#11 token (SoftHSM2): a batch of 1,000 invoices in one login.

Run with ``.venv/bin/python -m pytest tests/benchmarks/test_bench_sign.py --benchmark-only -s``.
Figures go to docs/performance/signing.md. The token's own time is measured twice: inside
the batch (every ``Signer.sign`` call timed) and by a bare PyKCS11 sign loop over payloads
of the same size, side by side in the same run.
"""

from __future__ import annotations

import statistics
import time

import pytest

from app.signing import open_signer, sign_invoice, verify_document
from app.signing.c14n import C14N_COMMENTS, canonicalize
from app.xmlsafe import parse_bytes
from tests.fixtures.token import SoftHsmToken

pytestmark = pytest.mark.benchmark
N = 1000


class TimedSigner:
    """Delegates to the token signer and adds up the time spent inside the token call."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.token_seconds: list[float] = []
        self.token_cpu: list[float] = []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def sign(self, data: bytes) -> bytes:
        t, c = time.perf_counter(), time.thread_time()
        out = self.inner.sign(data)
        self.token_cpu.append(time.thread_time() - c)
        self.token_seconds.append(time.perf_counter() - t)
        return out


@pytest.fixture(scope="module")
def invoices(unsigned_invoice: bytes) -> list[bytes]:
    return [
        unsigned_invoice.replace(b"GIB2009000000011", f"GIB2026{i:09d}".encode()) for i in range(N)
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


@pytest.mark.parametrize("kind", ["mali_muhur", "ec"])
def test_bench_sign_1000_in_one_batch(benchmark, softhsm: SoftHsmToken, invoices: list[bytes], kind: str):
    figures: dict[str, float] = {}

    def batch() -> list[bytes]:
        per_invoice: list[float] = []
        per_invoice_cpu: list[float] = []
        t0, c0 = time.perf_counter(), time.thread_time()
        with open_signer(softhsm.config(kind), softhsm.user_pin) as token_signer:
            t_open = time.perf_counter() - t0
            signer = TimedSigner(token_signer)
            out = []
            for doc in invoices:
                t, c = time.perf_counter(), time.thread_time()
                out.append(sign_invoice(doc, signer))
                per_invoice_cpu.append(time.thread_time() - c)
                per_invoice.append(time.perf_counter() - t)
        total = time.perf_counter() - t0
        total_cpu = time.thread_time() - c0
        token = signer.token_seconds
        overhead = [a - b for a, b in zip(per_invoice, token, strict=True)]
        overhead_cpu = [a - b for a, b in zip(per_invoice_cpu, signer.token_cpu, strict=True)]
        figures.update(
            total_cpu=total_cpu,
            median_invoice_cpu=statistics.median(per_invoice_cpu),
            median_token_cpu=statistics.median(signer.token_cpu),
            median_overhead_cpu=statistics.median(overhead_cpu),
            mean_overhead_cpu=statistics.fmean(overhead_cpu),
            token_share_cpu=sum(signer.token_cpu) / sum(per_invoice_cpu),
        )
        figures.update(
            total=total, open_and_login=t_open,
            median_invoice=statistics.median(per_invoice),
            median_token=statistics.median(token),
            median_overhead=statistics.median(overhead),
            mean_overhead=statistics.fmean(overhead),
            token_share=sum(token) / sum(per_invoice),
        )
        return out

    signed = benchmark.pedantic(batch, rounds=3, iterations=1)
    assert len(signed) == N
    trust = softhsm.trust()
    assert verify_document(signed[0], trust=trust).valid
    assert verify_document(signed[-1], trust=trust).valid

    # The bare PKCS#11 loop: the same mechanism over SignedInfo-sized payloads, one login.
    si = canonicalize(parse_bytes(signed[0]).getroot().find(
        ".//{http://www.w3.org/2000/09/xmldsig#}SignedInfo"), C14N_COMMENTS)
    if kind == "ec":
        import hashlib

        payloads = [hashlib.sha256(si + str(i).encode()).digest() for i in range(N)]
    else:
        payloads = [si + str(i).encode() for i in range(N)]
    bare_total, bare, bare_cpu = softhsm.bare_sign_times(kind, payloads)
    figures.update(bare_total=bare_total, bare_median=statistics.median(bare),
                   bare_median_cpu=statistics.median(bare_cpu))
    benchmark.extra_info.update({k: round(v, 6) for k, v in figures.items()})
    print(
        f"\n[{kind}] {N} invoices in one batch (last round): total {figures['total']:.2f} s "
        f"(open+login {_ms(figures['open_and_login'])}); per invoice median "
        f"{_ms(figures['median_invoice'])}, of which token {_ms(figures['median_token'])}, "
        f"Tezgâh overhead median {_ms(figures['median_overhead'])} "
        f"(mean {_ms(figures['mean_overhead'])}); token share {figures['token_share']:.0%}.\n"
        f"[{kind}] bare PKCS#11 loop: {N} signatures {figures['bare_total']:.2f} s, median "
        f"{_ms(figures['bare_median'])}\n"
        f"[{kind}] CPU time (thread): batch {figures['total_cpu']:.2f} s; per invoice median "
        f"{_ms(figures['median_invoice_cpu'])}, token {_ms(figures['median_token_cpu'])}, "
        f"Tezgâh overhead median {_ms(figures['median_overhead_cpu'])} "
        f"(mean {_ms(figures['mean_overhead_cpu'])}); token share {figures['token_share_cpu']:.0%}; "
        f"bare loop median {_ms(figures['bare_median_cpu'])}"
    )
