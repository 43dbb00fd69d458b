"""Signing's small parts: certificate facts, configuration file, module discovery, PKCS#12."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path, PureWindowsPath

import PyKCS11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app import clock
from app.domain.errors import UserError
from app.signing import (
    CertificateExpiredError,
    CertificateOwnerMismatchError,
    SignerConfig,
    WrongPasswordError,
    load_signer_config,
    open_signer,
    save_signer_config,
)
from app.signing.backends.pkcs11 import pin_warning
from app.signing.certinfo import describe, is_test_certificate, vkn_tckn_of
from app.signing.discovery import candidate_paths, find_modules
from app.signing.testcert import issue_certificate, make_test_ca, new_ec_key


def _cert_with_serial(value: str) -> x509.Certificate:
    key = new_ec_key()
    name = x509.Name([x509.NameAttribute(NameOID.SERIAL_NUMBER, value),
                      x509.NameAttribute(NameOID.COMMON_NAME, "Kişi")])
    now = clock.now_utc()
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(7)
            .not_valid_before(now).not_valid_after(now + timedelta(days=1))
            .sign(key, hashes.SHA256()))


@pytest.mark.parametrize(("serial", "expected"), [
    ("3880530121", "3880530121"),
    ("10000000146", "10000000146"),
    ("TCKN10000000146", "10000000146"),
    ("ABC-12", None),
    ("123456789012", None),
])
def test_vkn_tckn_from_subject_serial_number(serial: str, expected: str | None) -> None:
    assert vkn_tckn_of(_cert_with_serial(serial)) == expected


def test_test_marker_and_kinds() -> None:
    ca_key, ca = make_test_ca()
    _k, demo = issue_certificate(ca_key, ca, vkn_tckn="3880530121", name="Firma", test_marker=True)
    _k, real = issue_certificate(ca_key, ca, vkn_tckn="10000000146", name="Ayşe Yılmaz")
    assert is_test_certificate(demo) and not is_test_certificate(real)
    assert describe(demo).kind == "mali_muhur" and describe(real).kind == "e_imza"
    assert describe(real).issuer_cn == "Tezgâh TEST Sertifika Hizmet Sağlayıcısı"


def test_config_round_trip_and_errors(tmp_path: Path) -> None:
    assert load_signer_config(tmp_path) is None
    cfg = SignerConfig(kind="pkcs11", module_path="/usr/lib/libakisp11.so", token_label="AKİS",
                       cert_id_hex="0a1b")
    path = save_signer_config(tmp_path, cfg)
    assert load_signer_config(tmp_path) == cfg
    assert set(json.loads(path.read_text(encoding="utf-8"))) == {
        "kind", "module_path", "token_label", "cert_id_hex", "pkcs12_path"}
    with pytest.raises(UserError, match="modülünün"):
        SignerConfig(kind="pkcs11")
    with pytest.raises(UserError, match="hex"):
        SignerConfig(kind="pkcs11", module_path="/x.so", cert_id_hex="zz")
    path.write_text("{bozuk", encoding="utf-8")
    with pytest.raises(UserError, match="signer configure"):
        load_signer_config(tmp_path)


def test_module_candidates_cover_turkish_cards_on_every_platform() -> None:
    win = {PureWindowsPath(str(c.path)).name.lower() for c in candidate_paths("win32")}
    assert {"akisp11.dll", "etpkcs11.dll", "tckkp11.dll"} <= win
    mac = {str(c.path) for c in candidate_paths("darwin")}
    assert "/usr/local/lib/libakisp11.dylib" in mac
    linux = {str(c.path) for c in candidate_paths("linux")}
    assert {"/usr/lib/libakisp11.so", "/opt/akis/lib/libakisp11.so",
            "/usr/lib/libeTPkcs11.so", "/opt/eToken/lib/libeTPkcs11.so"} <= linux
    # Only files that exist are reported, each real file once.
    found = find_modules()
    assert all(c.path.is_file() for c in found)
    assert len({c.path.resolve() for c in found}) == len(found)


def test_pin_warnings_follow_the_token_flags() -> None:
    assert pin_warning(0) is None
    assert "azaldı" in pin_warning(PyKCS11.CKF_USER_PIN_COUNT_LOW)
    assert "SON deneme" in pin_warning(PyKCS11.CKF_USER_PIN_FINAL_TRY | PyKCS11.CKF_USER_PIN_COUNT_LOW)


def _p12(tmp_path: Path, password: str, **kw) -> Path:
    ca_key, ca = make_test_ca()
    key, cert = issue_certificate(ca_key, ca, name="Firma", **kw)
    path = tmp_path / "imza.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"x", key, cert, [ca], serialization.BestAvailableEncryption(password.encode())))
    return path


def test_pkcs12_refusals(tmp_path: Path) -> None:
    path = _p12(tmp_path, "doğru", vkn_tckn="3880530121")
    cfg = SignerConfig(kind="pkcs12", pkcs12_path=str(path))
    with pytest.raises(WrongPasswordError), open_signer(cfg, "yanlış"):
        pytest.fail("opened with a wrong password")
    with pytest.raises(CertificateOwnerMismatchError), open_signer(
            cfg, "doğru", expected_vkn_tckn="4700582260"):
        pytest.fail("signed for another company")
    with open_signer(cfg, "doğru", expected_vkn_tckn="3880530121") as s:
        assert s.key_type == "RSA" and not s.is_test and len(s.sign(b"abc")) == 256
    old = _p12(tmp_path, "p", vkn_tckn="3880530121",
               not_before=clock.now_utc() - timedelta(days=10),
               not_after=clock.now_utc() - timedelta(days=1))
    with pytest.raises(CertificateExpiredError), open_signer(
            SignerConfig(kind="pkcs12", pkcs12_path=str(old)), "p"):
        pytest.fail("signed with an expired certificate")
