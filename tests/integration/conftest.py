"""Fixtures for the sending tests: an app ready to send, a simulator that knows its parties,
and a signing step with the demo certificate."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.context import AppContext
from app.gib.simulator import GibSimulator
from app.signing import create_test_certificate, open_signer, sign_invoice
from tests.integration.sending import sending_context, user_list_file


@pytest.fixture
def ctx(tmp_path: Path, installed_rules_dir: Path) -> AppContext:
    return sending_context(tmp_path / "app", installed_rules_dir)


@pytest.fixture
def simulator(make_gib_simulator: Callable[..., GibSimulator], tmp_path: Path,
              installed_rules_dir: Path) -> GibSimulator:
    """A simulator checking XSD and schematron like GİB, with short status delays."""
    from app.ubl.validate import get_validator

    return make_gib_simulator(userlist_file=user_list_file(tmp_path / "users.xml"),
                              validator=get_validator(installed_rules_dir),
                              queue_delay=0.05, processing_delay=0.05, delivery_delay=0.1)


@pytest.fixture
def demo_sign(ctx: AppContext) -> Iterator[Callable[[bytes], bytes]]:
    cfg = create_test_certificate(ctx.data_dir, "3880530121", "Deneme Tekstil A.Ş.")
    with open_signer(cfg, None) as signer:
        yield lambda xml: sign_invoice(xml, signer)
