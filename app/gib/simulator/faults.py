"""Fault-injection switches of the GİB test simulator.

A switch is a ``FaultRule``: what to do wrong, for which operation (``sendDocument``,
``getApplicationResponse`` or both) and how many times (``None``: until cleared). They are
set from Python (``simulator.faults.add(...)``) or over HTTP on the simulator only
(``POST /_sim/faults`` with JSON ``{"kind": "drop", "times": 1}``; ``DELETE /_sim/faults``).

The e-Arşiv service (``earsiv.py``) takes the same switches for its operations
``sendDocumentFile`` and ``getBatchStatus``; a rule without ``operation`` fires for the next
request of either service. ``batch_failed`` is e-Arşiv's only (its default operation is
``sendDocumentFile``): the report is accepted, then its status ends at ``status`` (a
durumKodu other than 30) with ``message`` instead of 30.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from enum import StrEnum


class FaultKind(StrEnum):
    DROP = "drop"  # close the connection without answering, before processing
    SLOW = "slow"  # wait ``seconds``, then answer normally
    HTTP_500 = "http500"  # answer HTTP 500 with a non-SOAP body, without processing
    HANG = "hang"  # hold the request ``seconds`` (past the client's timeout), then close
    FAULT_2005 = "fault2005"  # EFaturaFault 2005 SISTEM HATASI, without processing
    FAULT_2007 = "fault2007"  # EFaturaFault 2007 (temporary refusal), without processing
    LOSE_RESPONSE = "lose_response"  # process the request, then close without answering
    TRICKLE = "trickle"  # process the request, then answer one byte every ``seconds``
    BATCH_FAILED = "batch_failed"  # e-Arşiv: accept the report, then fail it (``status``)


_DEFAULT_SECONDS = {FaultKind.SLOW: 2.0, FaultKind.TRICKLE: 1.0}
_DEFAULT_OPERATION = {FaultKind.BATCH_FAILED: "sendDocumentFile"}


@dataclass
class FaultRule:
    kind: FaultKind
    times: int | None = None
    operation: str | None = None
    seconds: float = 30.0
    status: int | None = None  # batch_failed: the final durumKodu
    message: str = ""  # batch_failed: its durumAciklama

    def __post_init__(self) -> None:
        if self.operation is None:
            self.operation = _DEFAULT_OPERATION.get(self.kind)

    def to_json(self) -> dict:
        data = asdict(self)
        data["kind"] = self.kind.value
        if self.kind is not FaultKind.BATCH_FAILED:
            del data["status"], data["message"]
        return data

    @classmethod
    def from_json(cls, data: dict) -> FaultRule:
        try:
            kind = FaultKind(data["kind"])
        except (KeyError, ValueError) as exc:
            allowed = ", ".join(k.value for k in FaultKind)
            raise ValueError(f"Bilinmeyen hata türü; şunlardan biri olmalı: {allowed}") from exc
        times = data.get("times")
        default_seconds = _DEFAULT_SECONDS.get(kind, 30.0)
        status = data.get("status")
        return cls(kind=kind, times=int(times) if times is not None else None,
                   operation=data.get("operation") or None,
                   seconds=float(data.get("seconds", default_seconds)),
                   status=int(status) if status is not None else None,
                   message=str(data.get("message") or ""))


class FaultSwitches:
    """Thread-safe list of active fault rules; the first matching rule fires."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []

    def add(self, kind: FaultKind | str, *, times: int | None = None,
            operation: str | None = None, seconds: float | None = None,
            status: int | None = None, message: str = "") -> FaultRule:
        kind = FaultKind(kind)
        rule = FaultRule(kind=kind, times=times, operation=operation,
                         seconds=seconds if seconds is not None else
                         _DEFAULT_SECONDS.get(kind, 30.0), status=status, message=message)
        with self._lock:
            self._rules.append(rule)
        return rule

    def add_rule(self, rule: FaultRule) -> None:
        with self._lock:
            self._rules.append(rule)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def active(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def take(self, operation: str) -> FaultRule | None:
        """The rule that fires for this request (its count is used up), or ``None``."""
        with self._lock:
            for rule in self._rules:
                if rule.operation and rule.operation != operation:
                    continue
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules.remove(rule)
                return rule
        return None
