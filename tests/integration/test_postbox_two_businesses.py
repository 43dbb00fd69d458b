"""Two businesses on Tezgâh exchange a TICARIFATURA through the GİB simulator over real HTTP,
each with its own posta kutusu service (door + worker) on 127.0.0.1: A issues and sends, the
simulator delivers to B's service, B's worker checks it and sends 1200 back, A sees 1300; B
answers KABUL / RED in its app, the simulator delivers the POSTBOXENVELOPE to A's service, A's
invoice becomes "Kabul edildi" / "Reddedildi" (test plan §5.2.1, §6.1, §6.2)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app.context import AppContext
from app.db import tables as t
from app.gib.client import EFaturaClient
from app.gib.simulator import GibSimulator
from app.gib.userlist import INVOICE, RegisteredUser, UserAlias, write_user_list
from app.signing import TEST_CA_FILE, create_test_certificate, open_signer, save_signer_config
from app.signing import sign_invoice as sign_xml
from app.usecases import inbox
from app.usecases.company import set_company
from app.usecases.postbox import Worker, make_server
from app.usecases.postbox_api import handler
from app.usecases.trust import add as trust_add
from tests.fixtures.app import COMPANY, CUSTOMER, make_context
from tests.integration.sending import SENDER_ALIAS, T0, issue_some

# slow: whole exchanges over HTTP (every full run keeps them; the edit loop skips them)
pytestmark = [pytest.mark.needs_http, pytest.mark.slow]

A_PK = "urn:mail:defaultpk@deneme.invalid"
B_GB = "urn:mail:defaultgb@caglayan.invalid"
B_PK = "urn:mail:defaultpk@caglayan.invalid"


def _users(path: Path) -> Path:
    users = [
        RegisteredUser(COMPANY["vkn_tckn"], COMPANY["name"], "OZEL", T0, "ENTEGRASYON",
                       (UserAlias(SENDER_ALIAS, "GB", INVOICE, T0, T0, None),
                        UserAlias(A_PK, "PK", INVOICE, T0, T0, None))),
        RegisteredUser(CUSTOMER["vkn_tckn"], CUSTOMER["name"], "OZEL", T0, "ENTEGRASYON",
                       (UserAlias(B_GB, "GB", INVOICE, T0, T0, None),
                        UserAlias(B_PK, "PK", INVOICE, T0, T0, None))),
    ]
    path.write_bytes(write_user_list(users))
    return path


@dataclass
class Business:
    ctx: AppContext
    server: object
    worker: Worker

    @property
    def url(self) -> str:
        return self.server.url  # type: ignore[attr-defined]


def _business(base: Path, rules_dir: Path, company: dict, sim_url: str) -> AppContext:
    ctx = make_context(base, rules_dir, company=False)
    set_company(ctx, company)
    cfg = create_test_certificate(ctx.data_dir, company["vkn_tckn"], company["name"])
    save_signer_config(ctx.data_dir, cfg)
    with ctx.db.write_session() as s:
        from app import settings

        settings.put(s, settings.GIB_ENDPOINT, sim_url)
        settings.put(s, settings.SYNC_POLL_SECONDS, 0.05)
        settings.put(s, settings.SYNC_RETRY_SECONDS, 0.05)
    return ctx


def _trust_each_other(a: AppContext, b: AppContext) -> None:
    for me, other in ((a, b), (b, a)):
        ca = me.data_dir.parent / f"{other.data_dir.name}-ca.pem"
        shutil.copyfile(other.data_dir / "signer" / TEST_CA_FILE, ca)
        trust_add(me.data_dir, ca)


@pytest.fixture
def world(tmp_path: Path, installed_rules_dir: Path,
          make_gib_simulator: Callable[..., GibSimulator]) -> Iterator[dict]:
    from app.ubl.validate import get_validator

    sim = make_gib_simulator(userlist_file=_users(tmp_path / "users.xml"),
                             validator=get_validator(installed_rules_dir), queue_delay=0.05,
                             processing_delay=0.05, delivery_delay=0.05,
                             delivery_retry_interval=0.2, delivery_poll_interval=0.3,
                             delivery_timeout=5.0)
    a = _business(tmp_path / "a", installed_rules_dir, {**COMPANY, "alias": SENDER_ALIAS},
                  sim.url)
    b = _business(tmp_path / "b", installed_rules_dir, {**CUSTOMER, "alias": B_GB}, sim.url)
    from app.usecases import catalog

    catalog.save_customer(a, {**CUSTOMER, "alias": B_PK})
    _trust_each_other(a, b)
    businesses = {}
    for name, ctx in (("a", a), ("b", b)):
        server = make_server(ctx, "127.0.0.1", 0)
        server.service.api = handler(ctx)
        worker = Worker(ctx, endpoint_url=sim.url, interval=0.1)
        server.service.on_stored = worker.wake
        server.start()
        worker.start()
        businesses[name] = Business(ctx, server, worker)
    a_srv, b_srv = businesses["a"], businesses["b"]
    for alias, url in {SENDER_ALIAS: a_srv.url, A_PK: a_srv.url, B_PK: b_srv.url,
                       B_GB: b_srv.url}.items():
        sim.register_target(alias, url)
    yield {"sim": sim, "a": a_srv, "b": b_srv}
    for biz in businesses.values():
        biz.worker.stop()
        biz.server.stop()  # type: ignore[attr-defined]


def _wait(what: str, check: Callable[[], object], timeout: float = 30.0) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"beklenen olmadı: {what}")


def _status(ctx: AppContext, ettn: str) -> str:
    with ctx.db.session() as s:
        return s.scalar(select(t.Invoice.status).where(t.Invoice.ettn == ettn,
                                                       t.Invoice.direction == "out")) or ""


def _issue_and_send(a: Business) -> str:
    """A issues; its service's worker sends what waits in A's outbox (the same folder)."""
    from app.signing import load_signer_config

    with open_signer(load_signer_config(a.ctx.data_dir), None) as signer:
        (ettn,) = issue_some(a.ctx, lambda xml: sign_xml(xml, signer), 1)
    a.worker.wake()
    return ettn


def _sender_status(sim: GibSimulator, ettn: str) -> int | None:
    return sim.status(_envelope_of(sim, ettn))


def _envelope_of(sim: GibSimulator, ettn: str) -> str:
    receipts = sim.state.invoice_receipts()
    return receipts[ettn.upper()][-1][0] if ettn.upper() in receipts else ""


@pytest.mark.parametrize("accept", [True, False], ids=["6_1_1_kabul", "6_1_2_red"])
def test_ticarifatura_a_sends_b_receives_b_answers_a_sees_it(world: dict, accept: bool) -> None:
    a, b, sim = world["a"], world["b"], world["sim"]
    ettn = _issue_and_send(a)
    # B's service received it, its worker checked it and told GİB 1200; A's envelope is 1300
    item = _wait("B'nin gelen kutusunda fatura",
                 lambda: next((i for i in inbox.list_inbox(b.ctx) if i["ettn"] == ettn), None))
    assert item["signature_valid"] is True, item["signature_verdict"]
    assert item["sender_vkn_tckn"] == COMPANY["vkn_tckn"] and item["days_left"] == 8
    _wait("A'nın zarfı 1300", lambda: _sender_status(sim, ettn) == 1300)

    _wait("A'da faturanın durumu Tamamlandı", lambda: _status(a.ctx, ettn) == "completed")
    # B answers in its app; B's worker sends the POSTBOXENVELOPE; A's service receives it
    inbox.respond(b.ctx, ettn, accept=accept, reason="" if accept else "Fiyat farkı var")
    want = "accepted" if accept else "rejected"
    _wait(f"A'da faturanın durumu {want}", lambda: _status(a.ctx, ettn) == want)
    from app.usecases.invoices import show_invoice

    events = [e["kind"] for e in show_invoice(a.ctx, ettn)["events"]]
    assert ("customer-accepted" if accept else "customer-rejected") in events
    from app.usecases import outcomes

    found = outcomes.outcome(a.ctx, ettn)
    if accept:
        assert found is not None and found["kind"] == "customer_accepted" and not found["steps"]
    else:  # RED leads to the next steps: a corrected invoice or a return invoice
        assert found is not None and found["kind"] == "customer_rejected"
        assert "Fiyat farkı var" in found["text"]
        assert found["steps"] == [outcomes.NEW_COPY, outcomes.RETURN]
        draft = outcomes.return_draft(a.ctx, ettn)
        assert show_invoice(a.ctx, draft)["type"] == "IADE"
    # A's worker answered the POSTBOXENVELOPE with 1200: B's answer envelope ends at 1300
    with b.ctx.db.session() as s:
        answer_env = s.scalar(select(t.Envelope.uuid).where(t.Envelope.channel == "efatura-answer"))
    assert answer_env
    _wait("B'nin yanıt zarfı 1300", lambda: sim.status(answer_env) == 1300)
    # exactly once: one system response from each side, one answer
    for ctx, channel, n in ((b.ctx, "efatura-system", 1), (a.ctx, "efatura-system", 1),
                            (b.ctx, "efatura-answer", 1)):
        with ctx.db.session() as s:
            count = len(s.scalars(select(t.OutboxItem.id).where(
                t.OutboxItem.channel == channel)).all())
        assert count == n, (ctx.data_dir.name, channel, count)


def test_pull_from_a_service_elsewhere_collects_once_and_answers_through_it(
        world: dict, tmp_path: Path, installed_rules_dir: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A desktop of B that does not share the service's folder: collects with a token,
    nothing twice, and its RED goes out through the service."""
    from app.usecases import postbox as postbox_uc
    from app.usecases.postbox_api import pull

    a, b = world["a"], world["b"]
    ettn = _issue_and_send(a)
    _wait("B'nin servisinde fatura",
          lambda: any(i["ettn"] == ettn for i in inbox.list_inbox(b.ctx)))
    desk = make_context(tmp_path / "b-desk", installed_rules_dir, company=False)
    set_company(desk, {**CUSTOMER, "alias": B_GB})
    save_signer_config(desk.data_dir, _copy_signer(b.ctx, desk))
    shutil.copyfile(a.ctx.data_dir / "signer" / TEST_CA_FILE, tmp_path / "a-ca.pem")
    trust_add(desk.data_dir, tmp_path / "a-ca.pem")
    base = b.url.rsplit("/EFaturaMerkez", 1)[0]
    from app.domain.errors import UserError

    with pytest.raises(UserError, match="API anahtarını kabul etmedi"):
        pull(desk, base, token="tzg_yanlis")
    from app.cli import main

    token = postbox_uc.new_token(b.ctx, "kasa-1")
    monkeypatch.setenv("TEZGAH_PK_TOKEN", token)
    assert main(["--data-dir", str(desk.data_dir), "inbox", "pull", "--from", base,
                 "--token-env", "TEZGAH_PK_TOKEN"]) == 0
    assert "1 tanesi yeni" in capsys.readouterr().out
    assert [i["ettn"] for i in inbox.list_inbox(desk)] == [ettn]
    # the token is kept only in the private secret file, never in the database
    assert token.encode() not in (desk.data_dir / "tezgah.sqlite3").read_bytes()
    assert (desk.data_dir / "postbox" / "api-token").stat().st_mode & 0o077 == 0
    again = pull(desk)  # the remembered address, token and cursor
    assert again["new"] == 0 and again["envelopes"] == 0
    inbox.respond(desk, ettn, accept=False, reason="Eksik teslimat")
    assert inbox.show(b.ctx, ettn, mark_read=False)["answer"] == "RED"
    _wait("A'da faturanın durumu rejected", lambda: _status(a.ctx, ettn) == "rejected")
    with desk.db.session() as s:  # the desktop sent nothing itself
        assert s.scalar(select(t.OutboxItem.id)) is None


def _copy_signer(src: AppContext, dst: AppContext):  # type: ignore[no-untyped-def]
    from app.signing import load_signer_config

    shutil.copytree(src.data_dir / "signer", dst.data_dir / "signer", dirs_exist_ok=True)
    cfg = load_signer_config(src.data_dir)
    assert cfg is not None and cfg.pkcs12_path
    return type(cfg)(**{**cfg.__dict__, "pkcs12_path": str(
        dst.data_dir / "signer" / Path(cfg.pkcs12_path).name)})


def test_client_polls_receivers_get_application_response(world: dict) -> None:
    """GİB's Merkez may poll the posta kutusu's getApplicationResponse (Ek-3 §7.2.2): once
    processed, B's service answers with the system response it sent (1200)."""
    a, b, sim = world["a"], world["b"], world["sim"]
    ettn = _issue_and_send(a)
    _wait("B'de fatura", lambda: any(i["ettn"] == ettn for i in inbox.list_inbox(b.ctx)))
    env = _envelope_of(sim, ettn)
    answer = EFaturaClient(b.url, timeout=5).get_application_response(env)
    assert answer.status_code == 1200
