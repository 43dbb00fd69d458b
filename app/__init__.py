"""Tezgâh core: everything except the Qt presentation. Never imports PySide6."""
