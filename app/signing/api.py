"""``open_signer``: the one way the rest of Tezgâh gets a ready ``Signer``."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from app.signing.config import SignerConfig
from app.signing.signer import PinHandler, Signer


@contextlib.contextmanager
def open_signer(
    cfg: SignerConfig,
    secret: str | PinHandler | None = None,
    *,
    expected_vkn_tckn: str | None = None,
) -> Iterator[Signer]:
    """Open the configured signer for one batch: one PKCS#11 login per ``with`` block.

    ``secret`` is the PIN (PKCS#11) or password (PKCS#12), or a ``PinHandler`` that asks
    for it (and again after a wrong PIN). For the demo PKCS#12 certificate it may be None:
    its password is kept beside it. Refuses with a specific ``SigningError`` subclass:
    module missing, no token, wrong PIN, locked PIN, no certificate, expired / not yet
    valid certificate, VKN/TCKN not ``expected_vkn_tckn``.
    """
    handler = secret if not isinstance(secret, str | None) else None
    pin = secret if isinstance(secret, str) else None
    # Each backend is imported when it is used: a .p12 signer never loads PyKCS11.
    if cfg.kind == "pkcs12":
        from app.signing.backends.pkcs12 import open_pkcs12

        assert cfg.pkcs12_path is not None
        with open_pkcs12(Path(cfg.pkcs12_path), pin, handler, expected_vkn_tckn) as s:
            yield s
    else:
        from app.signing.backends.pkcs11 import open_pkcs11

        assert cfg.module_path is not None
        with open_pkcs11(
            cfg.module_path, cfg.token_label, cfg.cert_id_hex, pin, handler, expected_vkn_tckn
        ) as s:
            yield s
