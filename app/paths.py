"""Where Tezgâh keeps its files: one data directory holds everything the app writes."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "TEZGAH_DATA_DIR"
# A PostgreSQL server shared by several computers (``--database-url``); unset: the data
# folder's SQLite file.
ENV_DATABASE_URL = "TEZGAH_DATABASE_URL"
ENV_DEMO_DIR = "TEZGAH_DEMO_DIR"


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("Tezgah", appauthor=False))


def demo_data_dir() -> Path:
    """The demo's own folder (``tezgah demo`` without ``--data-dir``): ``TEZGAH_DEMO_DIR``, else
    the platform's user data dir ``Tezgah-Demo`` (on Linux ``~/.local/share/Tezgah-Demo``).
    Never the user's data folder (``default_data_dir``), so the real company stays apart."""
    env = os.environ.get(ENV_DEMO_DIR)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("Tezgah-Demo", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins, then ``TEZGAH_DATA_DIR``, then the platform's user data dir.
    A folder created here is private to the user (0700): it holds the signer's key."""
    path = Path(explicit) if explicit else default_data_dir()
    make_private_dir(path)
    return path


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) if missing; the folder itself gets mode 0700."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.chmod(0o700)


def database_path(data_dir: Path) -> Path:
    return data_dir / "tezgah.sqlite3"


def rules_dir(data_dir: Path) -> Path:
    return data_dir / "rules"


def signer_dir(data_dir: Path) -> Path:
    return data_dir / "signer"


def trust_dir(data_dir: Path) -> Path:
    """Trust anchors (root / issuing CA certificates, ``*.pem``) and CRLs ``verify`` uses;
    ``demo/`` beside them holds the demo TEST CA, trusted only in demo mode."""
    return data_dir / "trust"
