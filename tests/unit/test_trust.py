"""``verify`` trusts a signature only from a trusted chain, a certificate valid at the signing
time and made for signing, whose VKN/TCKN is the document owner's, and not revoked — each
check named in the result; ``tezgah trust`` keeps the anchors; ``tezgah verify`` exit codes
0 valid, 1 invalid, 2 unreadable, 3 valid but revocation not checked."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app import clock
from app.cli import main
from app.signing import sign_invoice, verify_document
from app.signing.backends.pkcs12 import Pkcs12Signer
from app.signing.certinfo import MALI_MUHUR_EKU
from app.signing.testcert import issue_certificate, make_crl, make_test_ca, new_rsa_key
from app.trust import CHAIN_UNTRUSTED, TrustStore
from tests.fixtures.token import COMPANY_NAME, COMPANY_VKN, PERSON_TCKN, make_vkn

OTHER_VKN = make_vkn("470058226")


@pytest.fixture(scope="module")
def ca():  # type: ignore[no-untyped-def]
    return make_test_ca("Tezgâh Güven Testi Kök SM")


def _leaf(ca_key, ca_cert, *, vkn_tckn: str | None = COMPANY_VKN, name: str = COMPANY_NAME,
          key_usage: dict | None = None, eku: list[x509.ObjectIdentifier] | None = None,
          crl_url: str | None = None, not_before: datetime | None = None,
          not_after: datetime | None = None):  # type: ignore[no-untyped-def]
    """A signing certificate built by hand, for shapes ``issue_certificate`` does not make."""
    key = new_rsa_key()
    now = clock.now_utc()
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "TR")]
    if vkn_tckn:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, vkn_tckn))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, name))
    ku = {"digital_signature": True, "content_commitment": False, "key_encipherment": False,
          "data_encipherment": False, "key_agreement": False, "key_cert_sign": False,
          "crl_sign": False, "encipher_only": False, "decipher_only": False, **(key_usage or {})}
    b = (x509.CertificateBuilder().subject_name(x509.Name(attrs)).issuer_name(ca_cert.subject)
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(not_before or now - timedelta(days=1))
         .not_valid_after(not_after or now + timedelta(days=365))
         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
         .add_extension(x509.KeyUsage(**ku), critical=True)
         .add_extension(x509.ExtendedKeyUsage(eku or [x509.ObjectIdentifier(MALI_MUHUR_EKU)]),
                        critical=False))
    if crl_url:
        b = b.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            [x509.UniformResourceIdentifier(crl_url)], None, None, None)]), critical=False)
    return key, b.sign(ca_key, hashes.SHA256())


def _sign(unsigned: bytes, key, cert) -> bytes:  # type: ignore[no-untyped-def]
    return sign_invoice(unsigned, Pkcs12Signer(key, cert))


def _store(ca, *, revoked: list[x509.Certificate] = (), crl: bool = True) -> TrustStore:  # type: ignore[no-untyped-def,assignment]
    ca_key, ca_cert = ca
    crls = [make_crl(ca_key, ca_cert, revoked=[(c.serial_number, clock.now_utc())
                                                for c in revoked])] if crl else []
    return TrustStore.of([ca_cert], crls=crls)


def _statuses(r) -> dict[str, str]:  # type: ignore[no-untyped-def]
    assert r.trust is not None
    return {c.name: c.status for c in r.trust.checks}


def _message(r, name: str) -> str:  # type: ignore[no-untyped-def]
    return next(c.message for c in r.trust.checks if c.name == name)


def test_a_mali_muhur_of_a_trusted_ca_is_valid_with_every_check_named(ca, unsigned_invoice):
    key, cert = issue_certificate(*ca, vkn_tckn=COMPANY_VKN, name=COMPANY_NAME)
    r = verify_document(_sign(unsigned_invoice, key, cert), trust=_store(ca))
    assert r.valid and r.intact, r.problems
    assert _statuses(r) == {"chain": "ok", "validity": "ok", "key_usage": "ok", "owner": "ok",
                            "revocation": "ok"}
    assert r.trust.document_owner == COMPANY_VKN and not r.trust.demo_anchor


def test_an_unknown_ca_is_never_valid(ca, unsigned_invoice):
    other = make_test_ca("Bilinmeyen SM")
    key, cert = issue_certificate(*other, vkn_tckn=COMPANY_VKN, name=COMPANY_NAME)
    signed = _sign(unsigned_invoice, key, cert)
    for store in (_store(ca), None, TrustStore()):
        r = verify_document(signed, trust=store)
        assert r.intact and not r.valid
        assert _statuses(r)["chain"] == "failed"
        assert any(p.startswith(CHAIN_UNTRUSTED) for p in r.problems)


def test_a_self_signed_certificate_without_a_tax_number(ca, unsigned_invoice):
    key = new_rsa_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kendi Yaptım")])
    now = clock.now_utc()
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=9))
            .sign(key, hashes.SHA256()))
    r = verify_document(_sign(unsigned_invoice, key, cert), trust=_store(ca))
    assert r.intact and not r.valid
    st = _statuses(r)
    assert st["chain"] == "failed" and st["owner"] == "failed"
    assert "VKN/TCKN yok" in _message(r, "owner")


def test_another_companys_mali_muhur(ca, unsigned_invoice):
    key, cert = issue_certificate(*ca, vkn_tckn=OTHER_VKN, name="Başka A.Ş.")
    r = verify_document(_sign(unsigned_invoice, key, cert), trust=_store(ca))
    assert not r.valid and _statuses(r)["owner"] == "failed"
    assert "başka bir mükellefe ait" in _message(r, "owner")
    assert OTHER_VKN in _message(r, "owner") and COMPANY_VKN in _message(r, "owner")


def test_a_personal_e_imza_cannot_sign_for_a_company(ca, unsigned_invoice):
    key, cert = issue_certificate(*ca, vkn_tckn=PERSON_TCKN, name="Ayşe Yılmaz")
    r = verify_document(_sign(unsigned_invoice, key, cert), trust=_store(ca))
    assert not r.valid and _statuses(r)["owner"] == "failed"
    assert "Kişisel e-imza" in _message(r, "owner") and "mali mühür" in _message(r, "owner")


def test_a_sole_proprietor_signs_with_their_own_e_imza(ca, unsigned_invoice):
    own = unsigned_invoice.replace(f'<cbc:ID schemeID="VKN">{COMPANY_VKN}</cbc:ID>'.encode(),
                                   f'<cbc:ID schemeID="TCKN">{PERSON_TCKN}</cbc:ID>'.encode())
    key, cert = issue_certificate(*ca, vkn_tckn=PERSON_TCKN, name="Ayşe Yılmaz")
    r = verify_document(_sign(own, key, cert), trust=_store(ca))
    assert r.valid, r.problems
    assert _statuses(r)["owner"] == "ok"


@pytest.mark.parametrize(("when", "words"), [("expired", "geçerli değildi"),
                                             ("not_yet_valid", "geçerli değildi")])
def test_a_certificate_not_valid_at_signing_time(ca, unsigned_invoice, when: str, words: str):
    now = clock.now_utc()
    span = ((now - timedelta(days=400), now - timedelta(hours=1)) if when == "expired"
            else (now + timedelta(days=30), now + timedelta(days=400)))
    key, cert = issue_certificate(*ca, vkn_tckn=COMPANY_VKN, name=COMPANY_NAME,
                                  not_before=span[0], not_after=span[1])
    r = verify_document(_sign(unsigned_invoice, key, cert), trust=_store(ca))
    assert r.intact and not r.valid
    st = _statuses(r)
    assert st["validity"] == "failed" and st["chain"] == "ok"  # the chain itself is sound
    assert words in _message(r, "validity")


@pytest.mark.parametrize("shape", ["key_encipherment_only", "tls_server_only", "a_ca"])
def test_a_certificate_not_made_for_signing(ca, unsigned_invoice, shape: str):
    if shape == "a_ca":
        key, cert = make_test_ca("Bir CA")  # signing with a CA's own key
        store = TrustStore.of([ca[1], cert])
    else:
        kwargs = ({"key_usage": {"digital_signature": False, "key_encipherment": True}}
                  if shape == "key_encipherment_only" else
                  {"eku": [ExtendedKeyUsageOID.SERVER_AUTH]})
        key, cert = _leaf(*ca, **kwargs)
        store = _store(ca)
    r = verify_document(_sign(unsigned_invoice, key, cert), trust=store)
    assert not r.valid and _statuses(r)["key_usage"] == "failed"


def test_a_certificate_revoked_in_a_supplied_crl(ca, unsigned_invoice):
    key, cert = issue_certificate(*ca, vkn_tckn=COMPANY_VKN, name=COMPANY_NAME)
    r = verify_document(_sign(unsigned_invoice, key, cert), trust=_store(ca, revoked=[cert]))
    assert r.intact and not r.valid
    assert _statuses(r)["revocation"] == "failed" and "iptal edilmiş" in _message(r, "revocation")


def test_a_crl_of_another_ca_or_a_stale_one_leaves_revocation_unknown(ca, unsigned_invoice):
    key, cert = issue_certificate(*ca, vkn_tckn=COMPANY_VKN, name=COMPANY_NAME)
    other_key, other = make_test_ca("Başka SM")
    stale = make_crl(*ca, last_update=clock.now_utc() - timedelta(days=3),
                     next_update=clock.now_utc() - timedelta(hours=2))
    forged = make_crl(other_key, other)
    store = TrustStore.of([ca[1]], crls=[stale, forged])
    r = verify_document(_sign(unsigned_invoice, key, cert), trust=store)
    assert r.valid and not r.trust.revocation_checked  # valid, but said so
    assert _statuses(r)["revocation"] == "unknown" and "eskimiş" in _message(r, "revocation")


# -- the command line ------------------------------------------------------------------


def _pem(path: Path, obj) -> Path:  # type: ignore[no-untyped-def]
    path.write_bytes(obj.public_bytes(serialization.Encoding.PEM))
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def crl_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A plain HTTP server on 127.0.0.1 serving ``<dir>/*.crl``: (base URL, dir)."""
    folder = tmp_path / "www"
    folder.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):  # type: ignore[no-untyped-def]
            super().__init__(*a, directory=str(folder), **kw)

        def log_message(self, *a):  # type: ignore[no-untyped-def]
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", folder
    finally:
        server.shutdown()
        server.server_close()


def test_verify_exit_codes(ca, unsigned_invoice, tmp_path: Path, crl_server,
                           capsys: pytest.CaptureFixture[str]):
    base, www = crl_server
    ca_key, ca_cert = ca
    ca_pem = _pem(tmp_path / "kok.pem", ca_cert)
    data = ["--data-dir", str(tmp_path / "data")]

    # The CRL named in the certificate is reachable: valid, revocation checked → 0.
    key, cert = _leaf(ca_key, ca_cert, crl_url=f"{base}/sm.crl")
    (www / "sm.crl").write_bytes(make_crl(ca_key, ca_cert).public_bytes(serialization.Encoding.DER))
    signed = tmp_path / "imzali.xml"
    signed.write_bytes(_sign(unsigned_invoice, key, cert))
    assert main([*data, "verify", str(signed), "--trust", str(ca_pem)]) == 0
    out = capsys.readouterr().out
    assert "SONUÇ: İMZA GEÇERLİ" in out and "İptal durumu (CRL):" in out and f"{base}/sm.crl" in out

    # Not trusted without the one-off anchor → 1, saying why.
    assert main([*data, "verify", str(signed)]) == 1
    out = capsys.readouterr().out
    assert CHAIN_UNTRUSTED in out and "SONUÇ: İMZA GEÇERSİZ" in out and "GEÇERLİ\n" not in out

    # Revoked on the CRL the certificate names → 1.
    (www / "sm.crl").write_bytes(make_crl(ca_key, ca_cert, revoked=[
        (cert.serial_number, clock.now_utc())]).public_bytes(serialization.Encoding.DER))
    assert main([*data, "verify", str(signed), "--trust", str(ca_pem), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert not result["valid"] and result["intact"]
    assert [c["status"] for c in result["trust"]["checks"] if c["name"] == "revocation"] == [
        "failed"]

    # The CRL address does not answer → valid, but revocation unknown → 3, said in the result.
    dead = _free_port()
    key, cert = _leaf(ca_key, ca_cert, crl_url=f"http://127.0.0.1:{dead}/sm.crl")
    signed.write_bytes(_sign(unsigned_invoice, key, cert))
    assert main([*data, "verify", str(signed), "--trust", str(ca_pem)]) == 3
    out = capsys.readouterr().out
    assert "iptal durumu denetlenemedi" in out and "ulaşılamadı" in out
    # …and a CRL given by hand settles it → 0.
    crl = tmp_path / "liste.crl"
    crl.write_bytes(make_crl(ca_key, ca_cert).public_bytes(serialization.Encoding.PEM))
    assert main([*data, "verify", str(signed), "--trust", str(ca_pem), "--crl", str(crl)]) == 0
    capsys.readouterr()

    # Another company's seal → 1; an unreadable file → 2.
    key, cert = issue_certificate(ca_key, ca_cert, vkn_tckn=OTHER_VKN, name="Başka A.Ş.")
    signed.write_bytes(_sign(unsigned_invoice, key, cert))
    assert main([*data, "verify", str(signed), "--trust", str(ca_pem), "--crl", str(crl)]) == 1
    assert "İMZA SAHİBİ YETKİSİZ" in capsys.readouterr().out
    broken = tmp_path / "bozuk.xml"
    broken.write_bytes(b"<Invoice><kapanmadi>")
    assert main([*data, "verify", str(broken)]) == 2
    assert main([*data, "verify", str(tmp_path / "yok.xml")]) == 2


def test_trust_add_list_remove_round_trip(ca, unsigned_invoice, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]):
    ca_key, ca_cert = ca
    data = ["--data-dir", str(tmp_path / "data")]
    key, cert = issue_certificate(ca_key, ca_cert, vkn_tckn=COMPANY_VKN, name=COMPANY_NAME)
    signed = tmp_path / "imzali.xml"
    signed.write_bytes(_sign(unsigned_invoice, key, cert))
    crl = tmp_path / "liste.crl"
    crl.write_bytes(make_crl(ca_key, ca_cert).public_bytes(serialization.Encoding.DER))

    assert main([*data, "trust", "list"]) == 0
    assert "Güvenilen kök sertifika yok" in capsys.readouterr().out
    assert main([*data, "verify", str(signed)]) == 1
    capsys.readouterr()

    assert main([*data, "trust", "add", str(_pem(tmp_path / "kok.pem", ca_cert))]) == 0
    assert main([*data, "trust", "add", str(crl)]) == 0
    assert "Güven Testi" in capsys.readouterr().out
    assert main([*data, "trust", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["self_signed"] and not listed["demo_only"]
    assert (tmp_path / "data" / "trust" / listed["file"]).exists()
    assert main([*data, "verify", str(signed)]) == 0  # anchor and CRL from the data folder
    capsys.readouterr()

    # A signer's own certificate is not a trust anchor.
    assert main([*data, "trust", "add", str(_pem(tmp_path / "yaprak.pem", cert))]) == 1
    assert "CA" in capsys.readouterr().err

    assert main([*data, "trust", "remove", listed["fingerprint"][:10]]) == 0
    assert "Kaldırıldı" in capsys.readouterr().out
    assert main([*data, "trust", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main([*data, "verify", str(signed)]) == 1
    assert main([*data, "trust", "remove", "abcdef12"]) == 1


def test_demo_test_ca_is_trusted_only_in_demo_mode(unsigned_invoice, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]):
    import shutil

    from app.signing import open_signer
    from app.usecases.signers import configure_pkcs12, use_test_certificate

    folder = tmp_path / "data"
    cfg = use_test_certificate(folder, COMPANY_VKN, COMPANY_NAME)
    with open_signer(cfg, None) as signer:
        signed_bytes = sign_invoice(unsigned_invoice, signer)
    signed = tmp_path / "demo.xml"
    signed.write_bytes(signed_bytes)
    data = ["--data-dir", str(folder)]
    assert main([*data, "verify", str(signed)]) == 0  # its CRL is kept beside the anchor
    out = capsys.readouterr().out
    assert "yalnız demo" in out and "GİB kabul etmez" in out
    assert main([*data, "trust", "list"]) == 0
    assert "[yalnız demo modu]" in capsys.readouterr().out

    # The company moves to a real certificate file: the TEST CA is no longer trusted.
    real = tmp_path / "gercek.p12"
    shutil.copy(cfg.pkcs12_path, real)
    configure_pkcs12(folder, str(real))
    assert main([*data, "verify", str(signed)]) == 1
    assert CHAIN_UNTRUSTED in capsys.readouterr().out
