"""SIGKILL of the posta kutusu service (door and worker, a real ``tezgah postbox serve``
process) at random moments while envelopes arrive: every envelope answered with a hash is
processed exactly once, none is lost, and GİB (the simulator) gets exactly one system
response about each — the issue's "Done when", test plan §5.2.1 d."""

from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import settings
from app.context import AppContext
from app.db import tables as t
from app.gib.client import EFaturaClient
from app.gib.envelope import parse_envelope
from app.gib.errors import NotDelivered
from app.gib.simulator import GibSimulator
from app.gib.system_response import parse_system_responses
from tests.fixtures.postbox import make_receiver
from tests.fixtures.simulator import Packed, pack

pytestmark = [pytest.mark.needs_http, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
ENVELOPES = 24
KILLS = 4


def _start(data_dir: Path, gib_url: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "postbox", "serve",
         "--port", "0", "--gib-endpoint", gib_url, "--interval", "0.2"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("Posta kutusu servisi: "):
            return proc, line.split(": ", 1)[1].strip()
    proc.kill()
    raise AssertionError("the service did not start")


def _system_responses_at_gib(sim: GibSimulator) -> dict[str, int]:
    """Referenced envelope (upper case) → how many SYSTEMENVELOPEs about it reached GİB."""
    counts: dict[str, int] = {}
    for ident in sim.state.all_ids():
        with zipfile.ZipFile(io.BytesIO(sim.state.zip_path(ident).read_bytes())) as zf:
            xml = zf.read(zf.infolist()[0])
        if parse_envelope(xml).type != "SYSTEMENVELOPE":
            continue
        for response in parse_system_responses(xml):
            key = response.envelope_id.upper()
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_sigkill_while_envelopes_arrive_every_answered_one_processed_once(
        tmp_path: Path, installed_rules_dir: Path, gib_signer, _gib_signer_dir: Path,  # type: ignore[no-untyped-def]
        make_gib_simulator: Callable[..., GibSimulator],
        make_gib_invoice: Callable[..., bytes]) -> None:
    sim = make_gib_simulator()
    ctx: AppContext = make_receiver(tmp_path / "bbb", installed_rules_dir, _gib_signer_dir)
    with ctx.db.write_session() as s:
        settings.put(s, settings.SYNC_POLL_SECONDS, 0.1)
        settings.put(s, settings.SYNC_RETRY_SECONDS, 0.1)
    envelopes: list[Packed] = [pack([make_gib_invoice()]) for _ in range(ENVELOPES)]
    answered: set[str] = set()
    state = {"url": "", "proc": None}
    lock = threading.Lock()
    done = threading.Event()

    def gib_sends() -> None:
        """Like GİB's Merkez: each envelope until the posta kutusu answers with its hash."""
        for packed in envelopes:
            while True:
                with lock:
                    url = state["url"]
                try:
                    got = EFaturaClient(url, timeout=5).send_document(
                        packed.file_name, packed.zip, packed.md5)
                except NotDelivered:
                    time.sleep(0.05)
                    continue
                assert got.hash == packed.md5
                answered.add(packed.uuid.upper())
                break
        done.set()

    proc, url = _start(ctx.data_dir, sim.url)
    state.update(url=url, proc=proc)
    sender = threading.Thread(target=gib_sends, daemon=True)
    sender.start()
    rng = random.Random(20261129)
    try:
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.3, 1.5))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)
            proc, url = _start(ctx.data_dir, sim.url)
            with lock:
                state.update(url=url, proc=proc)
        assert done.wait(180), "GİB could not deliver every envelope"
        expected = {p.uuid.upper() for p in envelopes}
        assert answered == expected

        def settled() -> bool:
            with ctx.db.session() as s:
                received = s.scalar(select(func.count()).select_from(t.IncomingEnvelope))
                active = s.scalar(select(func.count()).select_from(t.Envelope).where(
                    t.Envelope.state.notin_(("completed", "failed"))))
            return received == ENVELOPES and active == 0 and \
                len(_system_responses_at_gib(sim)) == ENVELOPES

        deadline = time.monotonic() + 180
        while not settled():
            assert time.monotonic() < deadline, "the service did not finish its work"
            assert proc.poll() is None, "the service stopped"
            time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGTERM)
        if proc.wait(timeout=30) is None:
            proc.kill()
    with ctx.db.session() as s:
        uuids = [u.upper() for u in s.scalars(select(t.IncomingEnvelope.uuid))]
        invoices = s.scalar(select(func.count()).select_from(t.InboxItem))
        queued = s.scalar(select(func.count()).select_from(t.OutboxItem).where(
            t.OutboxItem.channel == "efatura-system"))
    assert sorted(uuids) == sorted(expected)  # every answered envelope, once
    assert invoices == ENVELOPES
    assert queued == ENVELOPES
    at_gib = _system_responses_at_gib(sim)
    assert set(at_gib) == expected
    assert set(at_gib.values()) == {1}, {k: v for k, v in at_gib.items() if v != 1}
