"""The company's configured signer as a signing step for issuing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from app.context import AppContext
from app.domain.errors import UserError
from app.usecases.company import require_company
from app.usecases.invoices import SignFunction


def signer_kind(ctx: AppContext) -> str | None:
    """``pkcs11``, ``pkcs12`` or None when no signer is configured."""
    from app.signing import load_signer_config

    cfg = load_signer_config(ctx.data_dir)
    return cfg.kind if cfg else None


@contextmanager
def company_signer(ctx: AppContext, secret: object) -> Iterator[SignFunction]:
    """One token session (one PIN entry) for everything signed inside the ``with`` block.
    ``secret``: a PIN or password string, a ``PinHandler`` (terminal or PIN dialog), or None
    for the demo certificate."""
    from app.signing import load_signer_config, open_signer, sign_invoice

    cfg = load_signer_config(ctx.data_dir)
    if cfg is None:
        raise UserError("İmza aracı ayarlanmamış. Mali mühür/e-imza için 'tezgah signer "
                        "configure --pkcs11 --module …', denemek için 'tezgah signer "
                        "test-certificate' çalıştırın; ya da geliştirme için --no-sign kullanın.")
    company = require_company(ctx)
    with open_signer(cfg, secret, expected_vkn_tckn=company.vkn_tckn) as signer:
        yield lambda xml: sign_invoice(xml, signer)
