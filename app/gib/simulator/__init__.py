"""Tezgâh's local GİB test simulator (never the real GİB); see ``server.py``."""

from .faults import FaultKind, FaultRule, FaultSwitches
from .server import BANNER, SERVICE_PATH, GibSimulator, SimulatorConfig

__all__ = [
    "BANNER",
    "SERVICE_PATH",
    "FaultKind",
    "FaultRule",
    "FaultSwitches",
    "GibSimulator",
    "SimulatorConfig",
]
