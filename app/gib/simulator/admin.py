"""The simulator's own test API under ``/_sim/`` (JSON): fault switches, envelope states,
the delays and the user list it serves. Never part of GİB's service."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from app import clock

from .faults import FaultRule
from .service import BANNER

if TYPE_CHECKING:
    from .server import GibSimulator

PREFIX = "/_sim/"
_DELAYS = ("queue_delay", "processing_delay", "delivery_delay")

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
        return 200, {"id": row.id, "status": row.status_at(clock.timestamp()),
                     "checked": row.checked, "code": row.code,
                     "description": row.description, "simulator": BANNER}
    return None


def delete(sim: GibSimulator, path: str) -> Reply:
    if path == "/_sim/faults":
        sim.faults.clear()
        return 200, []
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
        return 200, {k: getattr(sim.config, k) for k in _DELAYS}
    return 404, {"error": "bilinmeyen yol"}
