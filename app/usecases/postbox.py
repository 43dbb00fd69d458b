"""The posta kutusu service as a program of its own (``tezgah postbox serve``).

The command line reaches ``app.postbox`` only through here (the import contract)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.context import AppContext
from app.postbox.service import SERVICE_PATH, PostboxConfig, PostboxServer

__all__ = ["SERVICE_PATH", "TlsFiles", "make_server", "serve"]


@dataclass(frozen=True)
class TlsFiles:
    certfile: Path
    keyfile: Path | None = None


def make_server(ctx: AppContext, host: str, port: int, tls: TlsFiles | None = None, *,
                max_body_bytes: int | None = None, public_url: str | None = None) -> PostboxServer:
    """The server bound to ``host:port`` (not yet serving); the spool is in the data folder."""
    from app.usecases.demo import find_gib_packages

    config = PostboxConfig(data_dir=ctx.data_dir, host=host, port=port,
                           tls_certfile=tls.certfile if tls else None,
                           tls_keyfile=tls.keyfile if tls else None,
                           gib_packages_dir=find_gib_packages(), public_url=public_url)
    if max_body_bytes is not None:
        config.max_body_bytes = max_body_bytes
    return PostboxServer(config)


def serve(ctx: AppContext, host: str, port: int, tls: TlsFiles | None = None, *,
          max_body_bytes: int | None = None, public_url: str | None = None,
          ready: Callable[[PostboxServer], None] | None = None) -> None:
    """Run the service until interrupted (KeyboardInterrupt); ``ready`` is told the server
    once it listens."""
    server = make_server(ctx, host, port, tls, max_body_bytes=max_body_bytes,
                         public_url=public_url)
    if ready is not None:
        ready(server)
    server.serve_forever()
