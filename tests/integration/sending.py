"""Shared set-up for sending tests: an app whose company and customer are registered users in
the simulator, signing with the demo certificate or SoftHSM."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.context import AppContext
from app.gib.userlist import INVOICE, RegisteredUser, UserAlias, write_user_list
from app.usecases import catalog
from app.usecases.company import set_company
from app.usecases.invoices import create_draft, issue_invoice
from app.usecases.sync import SyncPolicy
from tests.fixtures.app import COMPANY, CUSTOMER, invoice_json, make_context

SENDER_ALIAS = "urn:mail:defaultgb@deneme.invalid"
RECEIVER_ALIAS = "urn:mail:defaultpk@caglayan.invalid"
T0 = "2020-01-01T00:00:00"
FAST = SyncPolicy(poll_interval=timedelta(0), backoff=(timedelta(0),))


def user_list_file(path: Path) -> Path:
    users = [
        RegisteredUser(COMPANY["vkn_tckn"], COMPANY["name"], "OZEL", T0, "ENTEGRASYON",
                       (UserAlias(SENDER_ALIAS, "GB", INVOICE, T0, T0, None),
                        UserAlias("urn:mail:defaultpk@deneme.invalid", "PK", INVOICE, T0, T0, None))),
        RegisteredUser(CUSTOMER["vkn_tckn"], CUSTOMER["name"], "OZEL", T0, "ENTEGRASYON",
                       (UserAlias(RECEIVER_ALIAS, "PK", INVOICE, T0, T0, None),)),
    ]
    path.write_bytes(write_user_list(users))
    return path


def sending_context(base: Path, rules_dir: Path) -> AppContext:
    ctx = make_context(base, rules_dir, company=False)
    set_company(ctx, {**COMPANY, "alias": SENDER_ALIAS})
    catalog.save_customer(ctx, {**CUSTOMER, "alias": RECEIVER_ALIAS})
    return ctx


def issue_some(ctx: AppContext, sign: Any, count: int, **overrides: Any) -> list[str]:
    ettns = []
    for _ in range(count):
        fields = {"profile": "TICARIFATURA", "customer": CUSTOMER["vkn_tckn"], **overrides}
        ettn = create_draft(ctx, invoice_json(**fields))
        issue_invoice(ctx, ettn, sign=sign)
        ettns.append(ettn)
    return ettns


def received_by_simulator(sim_data_dir: Path) -> dict[str, int]:
    """ETTN → how many envelopes that reached the simulator carried it (accepted or not),
    read from the simulator's own store: exactly once means 1 everywhere."""
    with sqlite3.connect(sim_data_dir / "gib-simulator.sqlite3") as conn:
        rows = conn.execute("SELECT uuid, count(*) FROM envelope_invoice GROUP BY uuid").fetchall()
    return {u.upper(): n for u, n in rows}


def envelopes_at_simulator(sim_data_dir: Path) -> int:
    with sqlite3.connect(sim_data_dir / "gib-simulator.sqlite3") as conn:
        return conn.execute("SELECT count(*) FROM envelope").fetchone()[0]
