"""Tezgâh's PySide6 desktop app: presentation only; every rule lives in ``app``."""
