"""Whom a signature may be trusted from: trust anchors, chain and certificate-profile checks.

``TrustStore`` (anchors, CRLs, whether CRLs may be fetched; ``TrustStore()`` trusts nothing)
``load_store(data_dir, demo_mode=…)`` reads ``<data>/trust`` (``app.paths.trust_dir``);
``add_anchor`` / ``list_anchors`` / ``remove_anchor`` keep it. ``evaluate(cert, …)`` runs
the named checks of one signature — chain to an anchor at the signing time, validity at the
signing time, key usage, owner's VKN/TCKN against the document, revocation by CRL — and
returns a ``TrustReport`` (``.ok``, ``.chain_trusted``, ``.revocation_checked``,
``.checks``, ``.problems``). ``app.signing.verify`` calls it for every signature.
"""

from app.trust.checks import CHAIN_UNTRUSTED, Check, TrustReport, evaluate
from app.trust.store import (
    Anchor,
    AnchorInfo,
    TrustStore,
    add_anchor,
    list_anchors,
    load_store,
    read_certificates,
    remove_anchor,
)

__all__ = [
    "CHAIN_UNTRUSTED",
    "Anchor",
    "AnchorInfo",
    "Check",
    "TrustReport",
    "TrustStore",
    "add_anchor",
    "evaluate",
    "list_anchors",
    "load_store",
    "read_certificates",
    "remove_anchor",
]
