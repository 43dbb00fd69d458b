"""Trust anchors and verifying with them: ``tezgah trust add | list | remove`` and
``tezgah verify --trust``, and the demo TEST CA that demo mode trusts.

The anchors are files under ``<data>/trust`` (``app.trust``); demo mode is "the company
signs with the generated TEST certificate" (``app.settings.signs_with_demo_certificate``),
and only then are the anchors in ``<data>/trust/demo`` read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.paths import signer_dir
from app.settings import signs_with_demo_certificate
from app.signing import TEST_CA_FILE, TEST_CRL_FILE, VerificationResult, verify_all
from app.trust import AnchorInfo, TrustStore, add_anchor, list_anchors, load_store, remove_anchor

__all__ = [
    "AnchorInfo",
    "TrustStore",
    "add",
    "anchors",
    "install_demo_anchor",
    "remove",
    "trust_store",
    "verify_with_trust",
]


def trust_store(data_dir: Path, *, extra_anchors: Sequence[Path] = (),
                crls: Sequence[Path] = (), fetch_crls: bool = True) -> TrustStore:
    """The data folder's anchors and CRLs (demo ones in demo mode) plus one-off files."""
    store = load_store(Path(data_dir), demo_mode=signs_with_demo_certificate(Path(data_dir)),
                       fetch_crls=fetch_crls)
    return store.with_files([Path(p) for p in extra_anchors], [Path(p) for p in crls])


def verify_with_trust(data_dir: Path, data: bytes, *, extra_anchors: Sequence[Path] = (),
                      crls: Sequence[Path] = (), fetch_crls: bool = True
                      ) -> list[VerificationResult]:
    """One result per signed document in ``data``, judged by the folder's trust anchors."""
    store = trust_store(data_dir, extra_anchors=extra_anchors, crls=crls, fetch_crls=fetch_crls)
    return verify_all(data, trust=store)


def add(data_dir: Path, source: Path) -> list[AnchorInfo]:
    """Trust the CA certificate(s) in ``source`` from now on (a CRL file is kept too)."""
    return add_anchor(Path(data_dir), Path(source))


def anchors(data_dir: Path) -> list[AnchorInfo]:
    return list_anchors(Path(data_dir))


def remove(data_dir: Path, ident: str) -> AnchorInfo:
    return remove_anchor(Path(data_dir), ident)


def install_demo_anchor(data_dir: Path) -> list[AnchorInfo]:
    """Trust the demo TEST CA (and keep its CRL) in demo mode only (``<data>/trust/demo``)."""
    folder = signer_dir(Path(data_dir))
    added = add_anchor(Path(data_dir), folder / TEST_CA_FILE, demo_only=True)
    if (folder / TEST_CRL_FILE).exists():
        add_anchor(Path(data_dir), folder / TEST_CRL_FILE, demo_only=True)
    return added
