"""The local GİB test simulator as a program of its own (``tezgah gib-simulator``).

It imitates GİB's EFatura service on this computer for tests and trials; it is never GİB.
"""

from __future__ import annotations

from app.gib.simulator import BANNER, GibSimulator, SimulatorConfig

__all__ = ["BANNER", "GibSimulator", "SimulatorConfig"]
