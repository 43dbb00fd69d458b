"""The simulator's signature check goes through a typed ``Verifier``: whatever the verifier
says about validity is what decides, and anything but a valid ``VerificationResult`` is
refused (1177), never accepted."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest

from app.gib.simulator.checks import CheckResult, check_envelope
from app.gib.userlist import INVOICE, UserAlias
from app.signing import VerificationResult, Verifier, verify_document
from tests.fixtures.simulator import RECEIVER, SENDER, pack


def _aliases(vkn_tckn: str) -> list[UserAlias]:
    if vkn_tckn != RECEIVER.vkn_tckn:
        return []
    return [UserAlias(RECEIVER.alias, "PK", INVOICE, "2020-01-01", "2020-01-01", None)]


def _valid(signer: str = SENDER.vkn_tckn) -> VerificationResult:
    return VerificationResult(signature_found=True, signature_value_ok=True,
                              document_digest_ok=True, signed_properties_digest_ok=True,
                              cert_digest_ok=True, signer_vkn_tckn=signer)


def _check(invoice: bytes, verify: Verifier | None) -> CheckResult:
    packed = pack([invoice])
    return check_envelope(packed.file_name, packed.zip, validator=None, verify=verify,
                          lookup_aliases=_aliases)


@pytest.fixture
def signed(make_gib_invoice: Callable[..., bytes]) -> bytes:
    return make_gib_invoice()


def test_a_valid_verification_is_accepted(signed: bytes) -> None:
    seen: list[bytes] = []

    def verifier(xml: bytes) -> VerificationResult:
        seen.append(xml)
        return _valid()

    result = _check(signed, verifier)
    assert result.code is None, result.description
    assert len(seen) == 1 and seen[0] in signed  # the invoice as signed, byte for byte


def test_a_failing_verification_is_refused_with_its_reason(signed: bytes) -> None:
    def verifier(xml: bytes) -> VerificationResult:
        return VerificationResult(signature_found=True, problems=["Belge değiştirilmiş."])

    result = _check(signed, verifier)
    assert result.code == 1177
    assert "1. fatura: Belge değiştirilmiş." in result.description


def test_the_real_verifier_refuses_an_invoice_changed_after_signing(signed: bytes) -> None:
    tampered = signed.replace(b"<cbc:Note>", b"<cbc:Note>DEGISTI ", 1)
    assert _check(signed, verify_document).code is None
    result = _check(tampered, verify_document)
    assert result.code == 1177 and "imzalandıktan sonra değiştirilmiş" in result.description


@pytest.mark.parametrize("answer", [
    SimpleNamespace(ok=True, problems=[], signer_vkn_tckn=None),  # a renamed field
    SimpleNamespace(valid=lambda: True, problems=[], signer_vkn_tckn=None),  # not a bool
    True,
    None,
])
def test_an_answer_that_is_not_a_valid_result_is_refused(signed: bytes, answer: object) -> None:
    result = _check(signed, lambda xml: answer)  # type: ignore[arg-type,return-value]
    assert result.code == 1177


def test_a_verifier_that_fails_refuses_the_signature(signed: bytes) -> None:
    def verifier(xml: bytes) -> VerificationResult:
        raise ValueError("kart okunamadı")

    result = _check(signed, verifier)
    assert result.code == 1177 and "kart okunamadı" in result.description


def test_signed_by_someone_else_than_the_sender_is_1176(signed: bytes) -> None:
    assert _check(signed, lambda xml: _valid("9999999999")).code == 1176


def test_presence_only_skips_the_verifier(signed: bytes) -> None:
    assert _check(signed, None).code is None


def test_the_simulator_takes_its_verifier_from_the_config(make_gib_simulator, signed) -> None:
    refusing = make_gib_simulator(verifier=lambda xml: VerificationResult())
    assert refusing.verify is not None and not refusing.verify(signed).valid
    assert make_gib_simulator().verify is verify_document
    assert make_gib_simulator(signature_check="presence").verify is None
