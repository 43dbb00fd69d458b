"""GİB's sender performance items (e-FaturaTestPlani §5.1.3 b and d) on loopback, from issued
drafts to 1300, signing on SoftHSM: 10 envelopes × 1 invoice (GİB allows 1 minute) and
10 envelopes × 100 invoices (GİB allows 5 minutes). Run: scripts/benchmark.sh"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.signing import open_signer, sign_invoice
from app.usecases.invoices import DraftIssuer, create_draft
from app.usecases.sending import make_sync, sync
from tests.fixtures.app import CUSTOMER, invoice_json
from tests.integration.sending import FAST, sending_context, user_list_file


def _flow(ctx, sim, softhsm, envelopes: int, per_envelope: int) -> None:  # type: ignore[no-untyped-def]
    drafts = [[create_draft(ctx, invoice_json(profile="TICARIFATURA",
                                              customer=CUSTOMER["vkn_tckn"]))
               for _ in range(per_envelope)] for _ in range(envelopes)]

    def run() -> None:
        engine = make_sync(ctx, endpoint_url=sim.url, timeout=30, policy=FAST)
        with open_signer(softhsm.config("mali_muhur"), softhsm.user_pin) as signer:
            # as a batch of drafts is issued (tezgah invoice issue, the GUI's batch)
            issuer = DraftIssuer(ctx, lambda x: sign_invoice(x, signer))
            for batch in drafts:
                for i, ettn in enumerate(batch):
                    issuer.issue(ettn, next_ettn=batch[i + 1] if i + 1 < len(batch) else None)
                engine.run_once()
        sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=30)

    return run


@pytest.mark.parametrize(("envelopes", "per_envelope"), [(10, 1), (10, 100)],
                         ids=["10x1", "10x100"])
@pytest.mark.benchmark(group="gib-sender-performance")
def test_gib_performance_items(benchmark, tmp_path: Path, installed_rules_dir: Path,  # type: ignore[no-untyped-def]
                               make_gib_simulator, softhsm, envelopes: int,
                               per_envelope: int) -> None:
    ctx = sending_context(tmp_path / "app", installed_rules_dir)
    sim = make_gib_simulator(userlist_file=user_list_file(tmp_path / "users.xml"))
    run = _flow(ctx, sim, softhsm, envelopes, per_envelope)
    benchmark.pedantic(run, rounds=1, iterations=1)
    total = envelopes * per_envelope
    benchmark.extra_info["invoices"] = total
    if benchmark.stats is not None:  # None with --benchmark-disable (a plain run of the test)
        benchmark.extra_info["seconds_per_invoice"] = benchmark.stats.stats.mean / total
    with ctx.db.session():
        pass
    from app.usecases.invoices import list_invoices

    assert {r["status"] for r in list_invoices(ctx, limit=total + 1)} == {"completed"}

