"""GİB's sender performance items (e-FaturaTestPlani §5.1.3 b and d) on loopback, from issued
drafts to 1300, signing on SoftHSM: 10 envelopes × 1 invoice (GİB allows 1 minute) and
10 envelopes × 100 invoices (GİB allows 5 minutes). Run: scripts/benchmark.sh

The simulator plays GİB and verifies every invoice's signature. In the ``10x1`` and ``10x100``
items it runs as threads of the measured process, so that work (about 2 ms per invoice)
competes with Tezgâh's own for the interpreter; ``10x100-own-process`` runs the same simulator
as its own program (``tezgah gib-simulator``), as GİB runs on its own machines, so the figure
is Tezgâh's side alone."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.signing import open_signer, sign_invoice
from app.usecases.invoices import DraftIssuer, create_draft
from app.usecases.sending import make_sync, sync
from tests.fixtures.app import CUSTOMER, invoice_json
from tests.integration.sending import FAST, sending_context, user_list_file


def _flow(ctx, url: str, softhsm, envelopes: int, per_envelope: int) -> None:  # type: ignore[no-untyped-def]
    drafts = [[create_draft(ctx, invoice_json(profile="TICARIFATURA",
                                              customer=CUSTOMER["vkn_tckn"]))
               for _ in range(per_envelope)] for _ in range(envelopes)]

    def run() -> None:
        engine = make_sync(ctx, endpoint_url=url, timeout=30, policy=FAST)
        with open_signer(softhsm.config("mali_muhur"), softhsm.user_pin) as signer:
            # as a batch of drafts is issued (tezgah invoice issue, the GUI's batch)
            issuer = DraftIssuer(ctx, lambda x: sign_invoice(x, signer))
            for batch in drafts:
                for i, ettn in enumerate(batch):
                    issuer.issue(ettn, next_ettn=batch[i + 1] if i + 1 < len(batch) else None)
                engine.run_once()
        sync(ctx, endpoint_url=url, policy=FAST, timeout=30)

    return run


@contextlib.contextmanager
def _simulator_process(work: Path, users: Path, wsdl: Path) -> Iterator[str]:
    """``tezgah gib-simulator`` as its own process, configured like the ``make_gib_simulator``
    fixture (no delays, no XSD/schematron, signatures verified); yields its service URL."""
    log = (work / "simulator.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(work / "home"), "gib-simulator",
         "--port", "0", "--data", str(work / "sim"), "--userlist", str(users),
         "--wsdl", str(wsdl), "--rules", str(work / "no-rules"), "--queue-delay", "0",
         "--processing-delay", "0", "--delivery-delay", "0"],
        stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        url = ""
        while not url and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("EFatura servisi: "):
                url = line.split(": ", 1)[1].strip()
        assert url, (work / "simulator.log").read_text(encoding="utf-8", errors="replace")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
        log.close()


@pytest.mark.parametrize(("envelopes", "per_envelope", "own_process"),
                         [(10, 1, False), (10, 100, False), (10, 100, True)],
                         ids=["10x1", "10x100", "10x100-own-process"])
@pytest.mark.benchmark(group="gib-sender-performance")
def test_gib_performance_items(benchmark, tmp_path: Path, installed_rules_dir: Path,  # type: ignore[no-untyped-def]
                               make_gib_simulator, gib_unpacked: Path, softhsm,
                               envelopes: int, per_envelope: int, own_process: bool,
                               capsys: pytest.CaptureFixture[str]) -> None:
    ctx = sending_context(tmp_path / "app", installed_rules_dir)
    users = user_list_file(tmp_path / "users.xml")
    with contextlib.ExitStack() as stack:
        if own_process:
            url = stack.enter_context(_simulator_process(
                tmp_path, users, gib_unpacked / "e-FaturaPaketi" / "wsdl" / "EFatura_Test.wsdl"))
        else:
            url = make_gib_simulator(userlist_file=users).url
        run = _flow(ctx, url, softhsm, envelopes, per_envelope)
        benchmark.pedantic(run, rounds=1, iterations=1)
    total = envelopes * per_envelope
    benchmark.extra_info["invoices"] = total
    if benchmark.stats is not None:  # None with --benchmark-disable (a plain run of the test)
        seconds = benchmark.stats.stats.mean
        benchmark.extra_info["seconds_per_invoice"] = seconds / total
        # the same-run reference: the token's own cost of as many RSA signatures (SignedInfo
        # is about 1 KB), one login, no XML around them
        bare, _wall, _cpu = softhsm.bare_sign_times("mali_muhur",
                                                    [b"%06d" % i * 170 for i in range(total)])
        with capsys.disabled():
            print(f"\n{benchmark.name}: {seconds:.2f} s for {total} invoices "
                  f"({seconds / total * 1000:.1f} ms each); bare C_Sign × {total} on the same "
                  f"token: {bare:.2f} s; load average {os.getloadavg()}")
    with ctx.db.session():
        pass
    from app.usecases.invoices import list_invoices

    assert {r["status"] for r in list_invoices(ctx, limit=total + 1)} == {"completed"}
