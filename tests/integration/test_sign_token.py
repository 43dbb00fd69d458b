"""Signing on a real PKCS#11 token (SoftHSM2): success paths and every refusal."""

from __future__ import annotations

import subprocess
from pathlib import Path

import PyKCS11
import pytest

from app.domain.errors import CancelledError
from app.signing import (
    CertificateExpiredError,
    CertificateNotYetValidError,
    CertificateOwnerMismatchError,
    ModuleMissingError,
    PinLockedError,
    SignerConfig,
    TokenNotFoundError,
    WrongPinError,
    list_tokens,
    open_signer,
    sign_invoice,
    verify_document,
)
from tests.fixtures.token import SoftHsmToken

SP_ID_ATTR = "http://uri.etsi.org/01903/v1.3.2#:SignedProperties"


def xmlsec_ok(path: Path) -> bool:
    out = subprocess.run(
        ["xmlsec1", "--verify", "--insecure", "--id-attr:Id", SP_ID_ATTR, str(path)],
        capture_output=True, text=True,
    )
    return out.returncode == 0 and "SignedInfo References (ok/all): 2/2" in out.stderr


class CountingPin:
    """A PinHandler like the GUI's: records how often and with which warning it was asked."""

    def __init__(self, answers: list[str | None]) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[str, str | None]] = []

    def ask_pin(self, token_description: str, warning: str | None) -> str | None:
        self.calls.append((token_description, warning))
        return self.answers.pop(0)


@pytest.mark.parametrize(
    ("kind", "expected_id", "key_type"),
    [("mali_muhur", "vkn", "RSA"), ("e_imza", "tckn", "RSA"), ("ec", "vkn", "EC"),
     ("ec384", "vkn", "EC")],
)
def test_token_signature_verifies_with_tezgah_and_xmlsec1(
    softhsm: SoftHsmToken, unsigned_invoice: bytes, tmp_path: Path,
    kind: str, expected_id: str, key_type: str,
) -> None:
    owner = softhsm.vkn if expected_id == "vkn" else softhsm.tckn
    if expected_id == "tckn":  # a sole proprietor signs their own invoice with their e-imza
        unsigned_invoice = unsigned_invoice.replace(
            f'<cbc:ID schemeID="VKN">{softhsm.vkn}</cbc:ID>'.encode(),
            f'<cbc:ID schemeID="TCKN">{softhsm.tckn}</cbc:ID>'.encode())
    with open_signer(softhsm.config(kind), softhsm.user_pin, expected_vkn_tckn=owner) as signer:
        assert signer.key_type == key_type
        assert not signer.is_test
        signed = sign_invoice(unsigned_invoice, signer)
    r = verify_document(signed, trust=softhsm.trust())
    assert r.valid, r.problems
    assert r.trust is not None and r.trust.revocation_checked
    assert r.signer_vkn_tckn == owner
    if kind == "ec384":  # Kamu SM's EC mali mühür: P-384 with ECDSA-SHA384
        assert b"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384" in signed
    path = tmp_path / "signed.xml"
    path.write_bytes(signed)
    assert xmlsec_ok(path)
    # …and a changed amount is caught by the independent verifier too.
    bad = signed.replace(b'<cbc:PayableAmount currencyID="TRY">', b'<cbc:PayableAmount currencyID="TRY">1', 1)
    assert bad != signed
    path.write_bytes(bad)
    assert not xmlsec_ok(path)
    assert not verify_document(bad, trust=softhsm.trust()).valid


def test_certificate_is_chosen_by_the_company_vkn(softhsm: SoftHsmToken) -> None:
    # Several certificates on the card: the valid RSA one of the company wins (not the EC
    # one, not the expired one, not the person's e-imza).
    with open_signer(softhsm.config(None), softhsm.user_pin, expected_vkn_tckn=softhsm.vkn) as s:
        assert s.certificate == softhsm.certificates["mali_muhur"]
    with open_signer(softhsm.config(None), softhsm.user_pin, expected_vkn_tckn=softhsm.tckn) as s:
        assert s.certificate == softhsm.certificates["e_imza"]


def test_one_login_for_a_batch(softhsm: SoftHsmToken, unsigned_invoice: bytes) -> None:
    pin = CountingPin([softhsm.user_pin])
    with open_signer(softhsm.config(), pin, expected_vkn_tckn=softhsm.vkn) as signer:
        signed = [sign_invoice(unsigned_invoice, signer) for _ in range(5)]
    assert len(pin.calls) == 1
    assert all(verify_document(x, trust=softhsm.trust()).valid for x in signed)


def test_wrong_pin_signs_nothing_and_warns(fresh_token: SoftHsmToken) -> None:
    entered = False
    with (
        pytest.raises(WrongPinError) as exc,
        open_signer(fresh_token.config(), "000000", expected_vkn_tckn=fresh_token.vkn),
    ):
        entered = True
    assert not entered
    assert "PIN'i yanlış" in exc.value.message and "İmza atılmadı" in exc.value.message
    assert "000000" not in str(exc.value)
    # SoftHSM raises CKF_USER_PIN_COUNT_LOW after a failed login; Tezgâh passes it on.
    assert fresh_token.token_flags() & PyKCS11.CKF_USER_PIN_COUNT_LOW
    assert exc.value.warning and "deneme hakkınız azaldı" in exc.value.warning


def test_pin_handler_is_asked_again_with_the_warning(fresh_token: SoftHsmToken, unsigned_invoice: bytes) -> None:
    pin = CountingPin(["000000", fresh_token.user_pin])
    with open_signer(fresh_token.config(), pin, expected_vkn_tckn=fresh_token.vkn) as signer:
        assert verify_document(sign_invoice(unsigned_invoice, signer),
                               trust=fresh_token.trust()).valid
    assert [w is None for _d, w in pin.calls] == [True, False]
    assert fresh_token.label in pin.calls[0][0]


def test_cancelled_pin_entry(fresh_token: SoftHsmToken) -> None:
    with (
        pytest.raises(CancelledError),
        open_signer(fresh_token.config(), CountingPin([None])),
    ):
        pass


def test_final_try_is_announced_before_the_pin_is_asked(fresh_token: SoftHsmToken) -> None:
    fresh_token.set_pin_flags(PyKCS11.CKF_USER_PIN_FINAL_TRY)
    pin = CountingPin([None])
    with (
        pytest.raises(CancelledError),
        open_signer(fresh_token.config(), pin),
    ):
        pass
    assert pin.calls[0][1] is not None and "SON deneme" in pin.calls[0][1]


def test_locked_pin_is_refused_without_trying(fresh_token: SoftHsmToken) -> None:
    fresh_token.set_pin_flags(PyKCS11.CKF_USER_PIN_LOCKED)
    assert fresh_token.token_flags() & PyKCS11.CKF_USER_PIN_LOCKED
    pin = CountingPin([fresh_token.user_pin])
    with (
        pytest.raises(PinLockedError, match="bloke"),
        open_signer(fresh_token.config(), pin),
    ):
        pytest.fail("signed with a locked card")
    assert pin.calls == []  # never asked, never tried


def test_token_with_another_label_is_absent(softhsm: SoftHsmToken) -> None:
    cfg = SignerConfig(kind="pkcs11", module_path=softhsm.module, token_label="baska-kart")
    with (
        pytest.raises(TokenNotFoundError, match="'baska-kart' etiketli kart takılı değil"),
        open_signer(cfg, softhsm.user_pin),
    ):
        pytest.fail("signed without the card")


def test_no_token_at_all(empty_softhsm: str) -> None:
    cfg = SignerConfig(kind="pkcs11", module_path=empty_softhsm)
    with (
        pytest.raises(TokenNotFoundError, match="Takılı bir akıllı kart"),
        open_signer(cfg, "123456"),
    ):
        pytest.fail("signed without a card")


def test_missing_and_broken_module(tmp_path: Path) -> None:
    with (
        pytest.raises(ModuleMissingError, match="bulunamadı"),
        open_signer(SignerConfig(kind="pkcs11", module_path=str(tmp_path / "libakisp11.so")), "1"),
    ):
        pass
    junk = tmp_path / "libjunk.so"
    junk.write_bytes(b"not a shared library")
    with (
        pytest.raises(ModuleMissingError, match="yüklenemedi"),
        open_signer(SignerConfig(kind="pkcs11", module_path=str(junk)), "1"),
    ):
        pass


def test_expired_and_not_yet_valid_certificates(softhsm: SoftHsmToken) -> None:
    with (
        pytest.raises(CertificateExpiredError, match=r"süresi .* dolmuş"),
        open_signer(softhsm.config("expired"), softhsm.user_pin, expected_vkn_tckn=softhsm.vkn),
    ):
        pytest.fail("signed with an expired certificate")
    with (
        pytest.raises(CertificateNotYetValidError, match="henüz geçerli değil"),
        open_signer(softhsm.config("not_yet_valid"), softhsm.user_pin),
    ):
        pytest.fail("signed with a future certificate")


def test_certificate_of_another_taxpayer(softhsm: SoftHsmToken) -> None:
    with (
        pytest.raises(CertificateOwnerMismatchError, match="firmaya ait değil") as exc,
        open_signer(softhsm.config("e_imza"), softhsm.user_pin, expected_vkn_tckn=softhsm.vkn),
    ):
        pytest.fail("signed with someone else's certificate")
    assert softhsm.tckn in exc.value.message and softhsm.vkn in exc.value.message
    with (
        pytest.raises(CertificateOwnerMismatchError),
        open_signer(softhsm.config(None), softhsm.user_pin, expected_vkn_tckn="1234567890"),
    ):
        pass


def test_list_tokens_shows_certificates_without_pin(softhsm: SoftHsmToken) -> None:
    tokens = [t for t in list_tokens(softhsm.module) if t.label == softhsm.label]
    assert len(tokens) == 1
    certs = {c.id_hex: c.info for c in tokens[0].certificates}
    assert certs["01"].vkn_tckn == softhsm.vkn and certs["01"].kind == "mali_muhur"
    assert certs["02"].vkn_tckn == softhsm.tckn and certs["02"].kind == "e_imza"
    assert certs["03"].key_type == "EC"
    assert certs["04"].validity_problem() is not None


def test_final_try_is_not_risked_with_an_unattended_pin(fresh_token: SoftHsmToken) -> None:
    fresh_token.set_pin_flags(PyKCS11.CKF_USER_PIN_FINAL_TRY)
    with (
        pytest.raises(WrongPinError, match="SON bir PIN deneme hakkı") as exc,
        open_signer(fresh_token.config(), fresh_token.user_pin),
    ):
        pytest.fail("the last try was spent without asking")
    assert exc.value.warning and "SON deneme" in exc.value.warning


def test_card_removed_during_a_batch(fresh_token: SoftHsmToken, unsigned_invoice: bytes) -> None:
    signed = []
    with (
        pytest.raises(TokenNotFoundError, match="çıkarılmış"),
        open_signer(fresh_token.config(), fresh_token.user_pin) as signer,
    ):
        signed.append(sign_invoice(unsigned_invoice, signer))
        fresh_token.remove()
        signed.append(sign_invoice(unsigned_invoice, signer))
    assert len(signed) == 1 and verify_document(signed[0], trust=fresh_token.trust()).valid


def test_two_blocks_at_once_share_the_login(softhsm: SoftHsmToken, unsigned_invoice: bytes) -> None:
    # e.g. the outbox signing a response while the user issues an invoice: the inner block
    # must not log the outer one out when it ends.
    with open_signer(softhsm.config(), softhsm.user_pin) as outer:
        with open_signer(softhsm.config(), softhsm.user_pin) as inner:
            assert verify_document(sign_invoice(unsigned_invoice, inner),
                                   trust=softhsm.trust()).valid
        assert verify_document(sign_invoice(unsigned_invoice, outer), trust=softhsm.trust()).valid


@pytest.fixture
def odd_token(softhsm: SoftHsmToken):
    """A token whose objects are not neatly paired: the mali mühür key under another CKA_ID
    than its certificate (02 vs 01), and under CKA_ID 05 a certificate with a foreign key."""
    import secrets

    from app.signing.testcert import issue_certificate, make_test_ca, new_rsa_key
    from tests.fixtures.token import (
        USER_PIN,
        _cert_template,
        _init_token,
        _key_template,
        _softhsm_util,
    )

    label = f"odd-{secrets.token_hex(3)}"
    _init_token(softhsm.conf, label)
    ca_key, ca = make_test_ca()
    key, cert = issue_certificate(ca_key, ca, vkn_tckn=softhsm.vkn, name="Deneme A.Ş.")
    _k2, cert2 = issue_certificate(ca_key, ca, vkn_tckn=softhsm.vkn, name="Deneme A.Ş. 2")
    lib = PyKCS11.PyKCS11Lib().load(softhsm.module)
    try:
        slot = next(s for s in lib.getSlotList(tokenPresent=True)
                    if lib.getTokenInfo(s).label.replace("\x00", "").strip() == label)
        session = lib.openSession(slot, PyKCS11.CKF_SERIAL_SESSION | PyKCS11.CKF_RW_SESSION)
        session.login(USER_PIN)
        session.createObject(_key_template(key, b"\x02", "anahtar"))
        session.createObject(_cert_template(cert, b"\x01", "sertifika"))
        session.createObject(_key_template(new_rsa_key(), b"\x05", "yabanci"))
        session.createObject(_cert_template(cert2, b"\x05", "sertifika-2"))
        session.logout()
        session.closeSession()
    finally:
        lib.unload()
    from app.signing.testcert import make_crl
    from app.trust import TrustStore

    yield SignerConfig(kind="pkcs11", module_path=softhsm.module, token_label=label, cert_id_hex="01"), \
        SignerConfig(kind="pkcs11", module_path=softhsm.module, token_label=label, cert_id_hex="05"), \
        TrustStore.of([ca], crls=[make_crl(ca_key, ca)])
    _softhsm_util(softhsm.conf, "--delete-token", "--token", label, check=False)


def test_key_found_by_modulus_and_mismatched_key_refused(
    odd_token, softhsm: SoftHsmToken, unsigned_invoice: bytes
) -> None:
    from app.signing import SignatureFailedError

    paired_by_modulus, mismatched, trust = odd_token
    with open_signer(paired_by_modulus, softhsm.user_pin) as signer:
        assert verify_document(sign_invoice(unsigned_invoice, signer), trust=trust).valid
    with open_signer(mismatched, softhsm.user_pin) as signer, pytest.raises(
            SignatureFailedError, match="eşleşmiyor"):
        sign_invoice(unsigned_invoice, signer)


def test_overlapping_blocks_in_two_threads(softhsm: SoftHsmToken, unsigned_invoice: bytes) -> None:
    """The GUI and the outbox may sign at the same time: the block that ends first must not
    log the other out, and calls into the module must not interleave."""
    import threading

    both_open = threading.Barrier(2)
    first_closed = threading.Event()
    results: dict[str, list[bool]] = {"a": [], "b": []}
    errors: list[BaseException] = []
    trust = softhsm.trust()

    def worker(name: str) -> None:
        try:
            with open_signer(softhsm.config(), softhsm.user_pin) as signer:
                both_open.wait(timeout=30)
                for _ in range(5):
                    results[name].append(verify_document(sign_invoice(unsigned_invoice, signer),
                                                         trust=trust).valid)
                if name == "b":
                    first_closed.wait(timeout=30)  # "a" has ended its block by now
                    results[name].append(verify_document(sign_invoice(unsigned_invoice, signer),
                                                         trust=trust).valid)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            if name == "a":
                first_closed.set()

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert results == {"a": [True] * 5, "b": [True] * 6}
