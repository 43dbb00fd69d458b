"""Sending to GİB from the app's point of view: which endpoint, which client, the lock."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from app.context import AppContext
from app.db.repositories import invoices, outbox
from app.db.repositories import settings as settings_repo
from app.db.repositories.events import list_events
from app.domain.errors import NotFoundError
from app.gib.client import DEFAULT_ENDPOINT, EFaturaClient
from app.outbox.lock import sync_lock
from app.usecases.sync import Sync, SyncPolicy, SyncReport

SETTING_ENDPOINT = "gib_endpoint"


def get_setting(ctx: AppContext, key: str, default: Any = None) -> Any:
    with ctx.db.session() as s:
        value = settings_repo.get_value(s, key)
    return default if value is None else value


def set_setting(ctx: AppContext, key: str, value: Any) -> None:
    with ctx.db.write_session() as s:
        settings_repo.put_value(s, key, value)


def endpoint(ctx: AppContext, override: str | None = None) -> str:
    return override or get_setting(ctx, SETTING_ENDPOINT, DEFAULT_ENDPOINT)


def _alias_resolver(ctx: AppContext):  # type: ignore[no-untyped-def]
    from app.gib.userlist import UserListStore

    store = UserListStore(ctx.db.engine)

    def resolve(vkn: str) -> str:
        alias = store.invoice_alias(vkn)
        return alias.alias if alias else ""

    return resolve


def policy_from_settings(ctx: AppContext) -> SyncPolicy:
    """``sync_poll_seconds`` (default 20) and ``sync_retry_seconds`` (first retry delay,
    default 30; later retries wait 2, 4, 10, 30 and 60 times as long)."""
    poll = float(get_setting(ctx, "sync_poll_seconds", 20))
    retry = float(get_setting(ctx, "sync_retry_seconds", 30))
    return SyncPolicy(poll_interval=timedelta(seconds=poll),
                      backoff=tuple(timedelta(seconds=retry * m) for m in (1, 2, 4, 10, 30, 60)))


def make_sync(ctx: AppContext, *, endpoint_url: str | None = None, timeout: float = 60.0,
              policy: SyncPolicy | None = None) -> Sync:
    policy = policy or policy_from_settings(ctx)
    client = EFaturaClient(endpoint(ctx, endpoint_url), timeout=timeout)
    return Sync(ctx, client, policy=policy, resolve_alias=_alias_resolver(ctx))


def sync(ctx: AppContext, *, endpoint_url: str | None = None, once: bool = False,
         timeout: float = 60.0, policy: SyncPolicy | None = None,
         max_seconds: float | None = None) -> SyncReport:
    """One pass (``once``) or passes until every envelope reached a final state (or
    ``max_seconds`` went by; the rest waits in the outbox)."""
    with sync_lock(ctx.data_dir):
        engine = make_sync(ctx, endpoint_url=endpoint_url, timeout=timeout, policy=policy)
        if once:
            return engine.run_once()
        return engine.run_until_done(sleep=time.sleep, max_seconds=max_seconds)


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
