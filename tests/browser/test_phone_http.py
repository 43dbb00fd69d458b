"""The phone page over plain HTTP (no browser): the security headers on every answer, no
data without a session, the CSRF check of the two POSTs, the slow-down after wrong keys, and
a revoked key ending its session."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import requests

from app.usecases import phone_page
from app.usecases.postbox import TlsFiles, make_server
from tests.browser.conftest import PhoneShop
from tests.fixtures.app import make_context

pytestmark = pytest.mark.needs_http

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _request(shop: PhoneShop, method: str, path: str, *, body: bytes = b"",
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    netloc = urlsplit(shop.base).netloc
    conn = http.client.HTTPConnection(netloc, timeout=30)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, {k: v for k, v in response.getheaders()}, data
    finally:
        conn.close()


def _login(shop: PhoneShop, key: str, **extra: str) -> tuple[int, dict[str, str], bytes]:
    netloc = urlsplit(shop.base).netloc
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Host": netloc,
               "Origin": shop.base, **extra}
    return _request(shop, "POST", "/telefon/giris", body=urlencode({"anahtar": key}).encode(),
                    headers=headers)


def _session_cookie(headers: dict[str, str]) -> str:
    cookie = headers["Set-Cookie"]
    return cookie.split(";", 1)[0]


def _private_paths(shop: PhoneShop) -> list[str]:
    sent = next(iter(shop.sent))
    return ["/telefon/", "/telefon/giden", "/telefon/gelen", "/telefon/yok",
            f"/telefon/giden/{sent}.pdf", f"/telefon/gelen/{shop.calm_ettn}.pdf",
            f"/telefon/gelen/{shop.hostile_ettn}.pdf"]


def test_every_address_refuses_without_a_session(phone_shop: PhoneShop) -> None:
    shop = phone_shop
    for path in _private_paths(shop):
        for cookie in ("", "tezgah_telefon=uydurma", "tezgah_telefon="):
            headers = {"Cookie": cookie} if cookie else {}
            status, answer, body = _request(shop, "GET", path, headers=headers)
            assert status == 303, (path, status)
            assert answer["Location"] == "/telefon/giris", path
            assert body == b"", path
    status, answer, _ = _request(shop, "GET", "/telefon")
    assert (status, answer["Location"]) == (303, "/telefon/")
    status, _, body = _request(shop, "GET", "/telefon/giris")
    assert status == 200
    assert "Telefon girişi".encode() in body
    assert shop.sent[next(iter(shop.sent))]["customer_name"].encode() not in body


def test_security_headers_on_every_answer(phone_shop: PhoneShop) -> None:
    shop = phone_shop
    status, answer, _ = _login(shop, shop.key)
    assert status == 303 and answer["Location"] == "/telefon/"
    cookie = answer["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/telefon" in cookie
    assert "Secure" not in cookie  # plain HTTP here; TLS adds it
    session = {"Cookie": _session_cookie(answer)}
    answers = [_request(shop, "GET", "/telefon/giris"), _login(shop, "YANLIS"),
               _request(shop, "GET", "/telefon/")]
    answers += [_request(shop, "GET", p, headers=session) for p in _private_paths(shop)]
    for status, headers, _body in answers:
        for name, value in HEADERS.items():
            assert headers.get(name) == value, (name, status)
        csp = headers["Content-Security-Policy"]
        assert csp.startswith("default-src 'self'") and "script-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
    pdfs = [(s, h, b) for s, h, b in answers if h.get("Content-Type") == "application/pdf"]
    assert len(pdfs) == 3 and all(b.startswith(b"%PDF") for _, _, b in pdfs)
    home = _request(shop, "GET", "/telefon/", headers=session)[2].decode()
    assert "<script>alert(1)</script>" not in home and "&lt;script&gt;" in home


def test_posts_from_elsewhere_are_refused(phone_shop: PhoneShop) -> None:
    shop = phone_shop
    status, _, _ = _login(shop, shop.key, Origin="http://kotu.example")
    assert status == 403
    status, _, _ = _login(shop, shop.key, Origin="null")  # no Sec-Fetch-Site
    assert status == 403
    status, _, _ = _login(shop, shop.key, Origin="null", **{"Sec-Fetch-Site": "cross-site"})
    assert status == 403
    status, answer, _ = _login(shop, shop.key, Origin="null",
                               **{"Sec-Fetch-Site": "same-origin"})
    assert status == 303 and answer["Location"] == "/telefon/"
    session = _session_cookie(answer)
    # a logout posted from another site leaves the session alone
    netloc = urlsplit(shop.base).netloc
    status, _, _ = _request(shop, "POST", "/telefon/cikis", headers={
        "Cookie": session, "Host": netloc, "Origin": "http://kotu.example",
        "Content-Length": "0"})
    assert status == 403
    assert _request(shop, "GET", "/telefon/", headers={"Cookie": session})[0] == 200
    status, answer, _ = _request(shop, "POST", "/telefon/cikis", headers={
        "Cookie": session, "Host": netloc, "Origin": shop.base, "Content-Length": "0"})
    assert (status, answer["Location"]) == (303, "/telefon/giris")
    assert "Max-Age=0" in answer["Set-Cookie"]
    assert _request(shop, "GET", "/telefon/", headers={"Cookie": session})[0] == 303


def test_wrong_keys_slow_down_and_a_revoked_key_ends_its_session(
        phone_shop: PhoneShop) -> None:
    shop = phone_shop
    status, answer, _ = _login(shop, shop.key.lower().replace("-", " "))  # typed loosely
    assert status == 303
    session = {"Cookie": _session_cookie(answer)}
    for _ in range(5):
        status, _, body = _login(shop, "AAAAA-BBBBB-CCCCC-DDDDD")
        assert status == 401
        assert "Anahtar yanlış".encode() in body
    status, answer, body = _login(shop, shop.key)  # even the right key waits now
    assert status == 429 and int(answer["Retry-After"]) > 0
    assert "Çok fazla yanlış deneme".encode() in body
    assert _request(shop, "GET", "/telefon/", headers=session)[0] == 200
    phone_page.revoke_key(shop.ctx, "telefonum")
    assert _request(shop, "GET", "/telefon/", headers=session)[0] == 303


def test_the_cookie_is_secure_over_tls_and_behind_an_https_address(
        tmp_path: Path, installed_rules_dir: Path) -> None:
    from tests.fixtures.smtp import make_ca_and_server_cert

    ctx = make_context(tmp_path / "data", installed_rules_dir)
    key = phone_page.new_key(ctx, "telefonum")
    ca, cert, pem_key = make_ca_and_server_cert(tmp_path / "tls")
    for tls, secure in ((TlsFiles(cert, pem_key), False), (None, True)):
        server = make_server(ctx, "127.0.0.1", 0, tls)
        server.service.phone = phone_page.handler(ctx, secure=secure)
        with server:
            netloc = urlsplit(server.base_url).netloc
            answer = requests.post(
                server.base_url + "/telefon/giris", data={"anahtar": key},
                headers={"Origin": server.base_url, "Host": netloc}, allow_redirects=False,
                verify=str(ca) if tls else True, timeout=30)
            assert answer.status_code == 303, answer.text
            assert "; Secure" in answer.headers["Set-Cookie"]
            assert requests.get(server.base_url + "/telefon/", allow_redirects=False,
                                timeout=30, verify=str(ca) if tls else True,
                                ).headers["Location"] == "/telefon/giris"
