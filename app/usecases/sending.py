"""Sending to GİB from the app's point of view: which endpoint, which client, the lock."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from app import settings
from app.channels.base import Channel
from app.context import AppContext
from app.db.repositories import invoices, outbox
from app.db.repositories.events import list_events
from app.domain.errors import NotFoundError, UserError
from app.gib.client import EFaturaClient
from app.outbox.lock import sync_lock
from app.usecases.sync import Sync, SyncPolicy, SyncReport

log = logging.getLogger("tezgah.outbox")


def endpoint(ctx: AppContext, override: str | None = None) -> str:
    return override or settings.read(ctx, settings.GIB_ENDPOINT)


def endpoint_info(ctx: AppContext, override: str | None = None) -> dict[str, str]:
    """Which GİB service the sending uses: ``url`` and ``kind`` — ``test`` (GİB's test
    service), ``live`` (real invoices) or ``other`` (e.g. the local GİB test simulator)."""
    url = endpoint(ctx, override)
    return {"url": url, "kind": settings.endpoint_kind(url)}


def choose_endpoint(ctx: AppContext, kind: str) -> dict[str, str]:
    """Send to GİB's ``test`` or ``live`` service from now on."""
    if kind not in settings.ENDPOINTS:
        raise UserError(f"Bilinmeyen GİB ortamı: {kind!r} (test ya da live).")
    settings.write(ctx, settings.GIB_ENDPOINT, settings.ENDPOINTS[kind])
    return endpoint_info(ctx)


def _alias_resolver(ctx: AppContext):  # type: ignore[no-untyped-def]
    from app.gib.userlist import UserListStore

    store = UserListStore(ctx.db.engine)

    def resolve(vkn: str) -> str:
        alias = store.invoice_alias(vkn)
        return alias.alias if alias else ""

    return resolve


def policy_from_settings(ctx: AppContext) -> SyncPolicy:
    """``app.settings.SYNC_POLL_SECONDS`` (default 20) and ``SYNC_RETRY_SECONDS`` (first retry
    delay, default 30; later retries wait 2, 4, 10, 30 and 60 times as long)."""
    with ctx.db.session() as s:
        poll = settings.get(s, settings.SYNC_POLL_SECONDS)
        retry = settings.get(s, settings.SYNC_RETRY_SECONDS)
    return SyncPolicy(poll_interval=timedelta(seconds=poll),
                      backoff=tuple(timedelta(seconds=retry * m) for m in (1, 2, 4, 10, 30, 60)))


def make_sync(ctx: AppContext, *, endpoint_url: str | None = None, timeout: float = 60.0,
              policy: SyncPolicy | None = None) -> Sync:
    policy = policy or policy_from_settings(ctx)
    client = EFaturaClient(endpoint(ctx, endpoint_url), timeout=timeout)
    return Sync(ctx, client, policy=policy, resolve_alias=_alias_resolver(ctx))


# The other channels the outbox sends through, besides GİB's EFatura service: each factory
# gets the context, the e-Fatura endpoint in use (the simulator's in demo mode) and the
# timeout, and returns its channel — or None when it is not set up (no e-mail server, no
# e-Arşiv reporting yet), in which case its documents wait in the outbox.
ChannelFactory = Callable[[AppContext, str, float], Channel | None]
CHANNEL_FACTORIES: list[ChannelFactory] = []


def _email_channel(ctx: AppContext, endpoint_url: str, timeout: float) -> Channel | None:
    """e-Arşiv invoices delivered ELEKTRONIK: e-mail, when a mail server is set up."""
    from app.usecases.email_delivery import email_channel

    return email_channel(ctx, endpoint_url, timeout)


CHANNEL_FACTORIES.append(_email_channel)


def _earsiv_channel(ctx: AppContext, efatura_endpoint: str, timeout: float) -> Channel | None:
    from app.usecases.earsiv import channel_factory

    return channel_factory(ctx, efatura_endpoint, timeout)


CHANNEL_FACTORIES.append(_earsiv_channel)  # the daily e-Arşiv report (EArsivWs)


def _system_response_channel(ctx: AppContext, efatura_endpoint: str, timeout: float
                             ) -> Channel | None:
    from app.usecases.inbox import system_response_channel

    return system_response_channel(ctx, efatura_endpoint, timeout)


def _answer_channel(ctx: AppContext, efatura_endpoint: str, timeout: float) -> Channel | None:
    from app.usecases.inbox import answer_channel

    return answer_channel(ctx, efatura_endpoint, timeout)


# What receiving sends back: system responses of the posta kutusu, our KABUL / RED answers.
CHANNEL_FACTORIES.extend([_system_response_channel, _answer_channel])


def _despatch_channel(ctx: AppContext, efatura_endpoint: str, timeout: float
                      ) -> Channel | None:
    from app.usecases.despatch_sending import despatch_channel

    return despatch_channel(ctx, efatura_endpoint, timeout)


def _receipt_advice_channel(ctx: AppContext, efatura_endpoint: str, timeout: float
                            ) -> Channel | None:
    from app.usecases.despatch_sending import receipt_advice_channel

    return receipt_advice_channel(ctx, efatura_endpoint, timeout)


# e-İrsaliye: our despatch advices and our receipt advices (irsaliye yanıtı).
CHANNEL_FACTORIES.extend([_despatch_channel, _receipt_advice_channel])


def make_syncs(ctx: AppContext, *, endpoint_url: str | None = None, timeout: float = 60.0,
               policy: SyncPolicy | None = None) -> list[Sync]:
    """One engine per channel: e-Fatura first, then every configured channel."""
    policy = policy or policy_from_settings(ctx)
    efatura = make_sync(ctx, endpoint_url=endpoint_url, timeout=timeout, policy=policy)
    engines = [efatura]
    for factory in CHANNEL_FACTORIES:
        channel = factory(ctx, efatura.client.endpoint, timeout)
        if channel is not None:
            # a channel whose receivers' aliases come from elsewhere says how to find them
            engines.append(Sync(ctx, None, policy=policy, channel=channel,
                                resolve_alias=getattr(channel, "resolve_alias", None)))
    return engines


def sync(ctx: AppContext, *, endpoint_url: str | None = None, once: bool = False,
         timeout: float = 60.0, policy: SyncPolicy | None = None,
         max_seconds: float | None = None, earsiv_signer: Any = None) -> SyncReport:
    """One pass (``once``) or passes until every envelope reached a final state (or
    ``max_seconds`` went by; the rest waits in the outbox). ``earsiv_signer``: a ``Signer``
    the caller opened (the card), for the e-Arşiv reports' WS-Security
    (``app.usecases.earsiv.signer_for_sync``)."""
    if endpoint_url is None and settings.read(ctx, settings.DEMO_FOLDER):
        # a folder `tezgah demo` filled sends to the in-process GİB test simulator, never to GİB
        from app.usecases.demo import demo_simulator_endpoint

        with demo_simulator_endpoint(ctx) as url:
            return sync(ctx, endpoint_url=url, once=once, timeout=timeout, policy=policy,
                        max_seconds=max_seconds, earsiv_signer=earsiv_signer)
    from app.usecases.earsiv import signer_for_sync

    with sync_lock(ctx.data_dir), signer_for_sync(ctx, earsiv_signer):
        engines = make_syncs(ctx, endpoint_url=endpoint_url, timeout=timeout, policy=policy)
        report = SyncReport()
        for engine in engines:
            if once:
                part = engine.run_once()
            else:
                part = engine.run_until_done(sleep=time.sleep, max_seconds=max_seconds)
            report.add(part)
        from app.usecases.earsiv import record_accepted_reports

        record_accepted_reports(ctx)  # the invoices of each report GİB accepted: Raporlandı
    busy = report.packed or report.sent or report.completed or report.failed or report.messages
    log.log(logging.INFO if busy else logging.DEBUG,
            "eşitleme: endpoint=%s kanallar=%s zarflanan=%d gönderilen=%d tamamlanan=%d "
            "hatalı=%d bekleyen=%d", engines[0].client.endpoint,
            ",".join(e.channel.name for e in engines), report.packed,
            report.sent, report.completed, report.failed, report.retrying)
    for message in dict.fromkeys(report.messages):
        log.info("eşitleme: %s", message)
    return report


def invoice_status(ctx: AppContext, ettn: str) -> dict[str, Any]:
    with ctx.db.session() as s:
        row = invoices.out_by_ettn(s, ettn)
        if row is None:
            raise NotFoundError(f"{ettn} ETTN'li fatura bulunamadı.")
        envelopes = outbox.envelopes_of_invoice(s, row.id)
        from app.domain.status import STATUS_NAMES, Status

        return {
            "ettn": row.ettn, "number": row.number, "status": row.status,
            "status_name": STATUS_NAMES[Status(row.status)],
            "envelopes": [{"uuid": e.uuid, "state": e.state, "attempts": e.attempts,
                           "gib_status": e.status_code, "message": e.last_message}
                          for e in envelopes],
            "events": list_events(s, row.id),
        }


def recipient(ctx: AppContext, vkn_tckn: str) -> dict[str, Any]:
    """e-Fatura or e-Arşiv for this customer, decided by GİB's registered-user list.

    Registered for invoices → e-Fatura (TEMELFATURA/TICARIFATURA) to its active posta kutusu
    alias; not registered → e-Arşiv (UserList kılavuzu: only registered users receive
    e-Fatura)."""
    from app.gib.userlist import UserListStore

    store = UserListStore(ctx.db.engine)
    alias = store.invoice_alias(vkn_tckn)
    if alias is None:
        return {"einvoice": False, "alias": "", "profile": "EARSIVFATURA",
                "known_list": store.count() > 0}
    return {"einvoice": True, "alias": alias.alias, "profile": "TEMELFATURA",
            "known_list": True}


def apply_system_response_file(ctx: AppContext, data: bytes) -> list[dict[str, Any]]:
    """Apply a SYSTEMENVELOPE (or a bare ApplicationResponse) received outside the web
    service — e.g. saved from GİB's portal — to the envelopes and invoices it names."""
    from app.gib.system_response import parse_system_responses

    applied = []
    report = SyncReport()
    engine = Sync(ctx, None, policy=policy_from_settings(ctx))
    for response in parse_system_responses(data):
        with ctx.db.session() as s:
            env_id = outbox.envelope_id_by_uuid(s, response.envelope_id)
        if env_id is None:
            applied.append({"envelope": response.envelope_id, "applied": False,
                            "message": "Bu zarf Tezgâh'ta kayıtlı değil."})
            continue
        engine.apply_status(env_id, response.status_code, response.description, report)
        applied.append({"envelope": response.envelope_id, "applied": True,
                        "status": response.status_code})
    return applied
