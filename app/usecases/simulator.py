"""The local GİB test simulator as a program of its own (``tezgah gib-simulator``).

It imitates GİB's EFatura service on this computer for tests and trials; it is never GİB.
It can also play GİB's Merkez towards a posta kutusu: ``parse_target("ALIAS=URL")`` reads a
``--deliver`` option (see ``app.gib.simulator.delivery``).
"""

from __future__ import annotations

from app.gib.simulator import BANNER, GibSimulator, SimulatorConfig
from app.gib.simulator.delivery import parse_target

__all__ = ["BANNER", "GibSimulator", "SimulatorConfig", "parse_target"]
