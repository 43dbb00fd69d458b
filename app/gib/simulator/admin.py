"""The simulator's own test API under ``/_sim/`` (JSON): fault switches, envelope states,
the delays and the user list it serves, the receivers' service addresses and the delivery
faults (``delivery``). Never part of GİB's service."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from app import clock

from . import delivery
from .faults import FaultRule
from .service import BANNER

if TYPE_CHECKING:
    from .server import GibSimulator

PREFIX = "/_sim/"
_DELAYS = ("queue_delay", "processing_delay", "delivery_delay", "delivery_retry_interval",
           "delivery_poll_interval", "delivery_timeout")
DELIVER = "/_sim/deliver"

Reply = tuple[int, Any]  # (HTTP status, JSON data)


def get(sim: GibSimulator, path: str) -> Reply | bytes | None:
    """GET: JSON data, the user list's bytes, or ``None`` for an unknown path."""
    if path == "/_sim/faults":
        return 200, [r.to_json() for r in sim.faults.active()]
    if path == "/_sim/userlist.xml":
        return sim.user_list_path().read_bytes()
    if path.startswith("/_sim/envelopes/"):
        envelope_id = path.rsplit("/", 1)[-1]
        row = sim.state.get(envelope_id)
        if row is None:
            return 404, {"error": "zarf bulunamadı"}
        found = sim.state.delivery(envelope_id)
        return 200, {"id": row.id, "status": row.status_at(clock.timestamp()),
                     "checked": row.checked, "code": row.code,
                     "description": row.description,
                     "delivery": found.to_json() if found else None, "simulator": BANNER}
    if path == DELIVER:
        return 200, _targets(sim)
    return None


def _targets(sim: GibSimulator) -> dict:
    return {"targets": sim.delivery_targets(), "failures": sim.deliverer.failures.to_json(),
            "retries": sim.config.delivery_retries,
            "retry_interval": sim.config.delivery_retry_interval,
            "poll_interval": sim.config.delivery_poll_interval}


def _deliver(sim: GibSimulator, path: str, data: dict) -> Reply:
    """``/_sim/deliver`` (the registry) and its delivery faults."""
    alias = str(data.get("alias") or "").strip()
    if not alias:
        return 400, {"error": "'alias' (etiket) gerekli"}
    vkn = str(data.get("vkn") or "").strip() or None
    try:
        if path == DELIVER:
            sim.register_target(alias, str(data.get("url") or "") or None)
            return 200, _targets(sim)
        if path == DELIVER + "/fail":
            delivery.fail_next(sim, alias, int(data.get("times", 1)),
                               str(data.get("kind") or "refused"))
            return 200, _targets(sim)
        if path == DELIVER + "/broken":
            return 200, delivery.send_broken(sim, alias, str(data.get("kind") or "wrong_md5"),
                                             vkn)
        if path == DELIVER + "/invalid-invoice":
            return 200, {"envelope_id": delivery.send_invalid_invoice(sim, alias, vkn)}
        if path == DELIVER + "/orphan-response":
            return 200, delivery.send_orphan_response(sim, alias, vkn)
    except (TypeError, ValueError) as exc:
        return 400, {"error": str(exc)}
    return 404, {"error": "bilinmeyen yol"}


def delete(sim: GibSimulator, path: str) -> Reply:
    if path == "/_sim/faults":
        sim.faults.clear()
        return 200, []
    if path.startswith(DELIVER + "/"):
        sim.register_target(path[len(DELIVER) + 1:], None)
        return 200, _targets(sim)
    return 404, {"error": "bilinmeyen yol"}


def post(sim: GibSimulator, path: str, body: bytes) -> Reply:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return 400, {"error": "JSON bekleniyordu"}
    if path == "/_sim/faults":
        if data.get("clear"):
            sim.faults.clear()
        else:
            try:
                sim.faults.add_rule(FaultRule.from_json(data))
            except ValueError as exc:
                return 400, {"error": str(exc)}
        return 200, [r.to_json() for r in sim.faults.active()]
    if path == "/_sim/config":
        try:
            values = {k: float(data[k]) for k in _DELAYS if k in data}
        except (TypeError, ValueError):
            return 400, {"error": "gecikmeler saniye cinsinden sayı olmalı"}
        for key, value in values.items():
            setattr(sim.config, key, max(0.0, value))
        if "delivery_retries" in data:
            try:
                sim.config.delivery_retries = max(0, int(data["delivery_retries"]))
            except (TypeError, ValueError):
                return 400, {"error": "delivery_retries bir tam sayı olmalı"}
        return 200, {**{k: getattr(sim.config, k) for k in _DELAYS},
                     "delivery_retries": sim.config.delivery_retries}
    if path == DELIVER or path.startswith(DELIVER + "/"):
        if not isinstance(data, dict):
            return 400, {"error": "JSON nesnesi bekleniyordu"}
        return _deliver(sim, path, data)
    return 404, {"error": "bilinmeyen yol"}
