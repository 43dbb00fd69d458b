"""The local HTTP API (``tezgah api serve``) over real HTTP: a real server on 127.0.0.1 and a
port of its own, the real database, the TEST certificate and a SoftHSM card.

Creating, issuing and fetching an invoice; the token (none, a wrong one, a replaced one);
issuing refused while the owner has not allowed it; one PIN for a batch on the card and a
wrong PIN issuing none; hostile input answered as Turkish JSON errors; the change feed and
its cursor; and the OpenAPI document describing every route it serves."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import requests
from referencing import Registry, Resource

from app import settings
from app.api.openapi import document
from app.api.routes import ROUTES
from app.api.server import ApiServer, serve_in_thread
from app.cli import main
from app.context import AppContext
from app.usecases import api_token, invoices, local_api
from app.usecases.signers import use_test_certificate
from tests.fixtures.app import COMPANY, invoice_json, make_context


@dataclass
class Api:
    ctx: AppContext
    server: ApiServer
    token: str

    @property
    def url(self) -> str:
        return self.server.url

    def headers(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.token}"}

    def get(self, path: str, **kw: Any) -> requests.Response:
        kw.setdefault("headers", self.headers())
        return requests.get(self.url + path, timeout=60, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> requests.Response:
        kw.setdefault("headers", self.headers())
        if body is not None:
            kw["data"] = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return requests.post(self.url + path, timeout=120, **kw)


def _start(ctx: AppContext) -> Iterator[Api]:
    server, thread = serve_in_thread(ctx, "127.0.0.1", 0)
    try:
        yield Api(ctx, server, api_token.new_token(ctx))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def api(tmp_path: Path, installed_rules_dir: Path) -> Iterator[Api]:
    """The API of a company signing with the TEST certificate, batch signing allowed."""
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    settings.write(ctx, settings.API_BATCH_SIGNING, True)
    yield from _start(ctx)


def _draft(api: Api, **overrides: Any) -> str:
    r = api.post("/invoices", invoice_json(**overrides))
    assert r.status_code == 201, r.text
    return str(r.json()["ettn"])


def _raw(api: Api, request: bytes) -> tuple[int, bytes]:
    """A request written byte for byte (what ``requests`` would correct); the status and
    the body of the answer."""
    host, port = api.server.server_address[:2]
    with socket.create_connection((str(host), int(port)), timeout=30) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def _refusal(r: requests.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["hata"] and "Traceback" not in r.text
    assert set(body) >= {"hata", "alan", "error"}
    return dict(body)


def test_creates_issues_and_fetches_an_invoice_and_lists_its_changes(
        tmp_path: Path, installed_rules_dir: Path, each_engine: str) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    settings.write(ctx, settings.API_BATCH_SIGNING, True)
    for api in _start(ctx):
        start = api.get("/changes")
        assert start.status_code == 200, start.text
        assert start.json()["changes"] == [] and start.json()["more"] is False

        ettn = _draft(api)
        r = api.get(f"/invoices/{ettn}")
        assert r.status_code == 200 and r.json()["status"] == "draft"
        assert r.json()["number"] is None

        r = api.post("/invoices/issue", {"ettns": [ettn]})
        assert r.status_code == 200, r.text
        assert r.json()["issued"] == [{"ettn": ettn, "number": "ABC2026000000001",
                                       "status": "queued", "status_name": "Kuyrukta"}]
        info = api.get(f"/invoices/{ettn}").json()
        assert info["number"] == "ABC2026000000001" and info["status"] == "queued"
        assert info["signed"] is True

        pdf = api.get(f"/invoices/{ettn}/pdf")
        assert pdf.status_code == 200, pdf.text
        assert pdf.headers["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")

        listed = api.get("/invoices", params={"status": "queued", "limit": "5"})
        assert [x["ettn"] for x in listed.json()["invoices"]] == [ettn]

        feed = api.get("/changes", params={"since": start.json()["next"]}).json()
        assert [(c["ettn"], c["number"], c["status"]) for c in feed["changes"]] == [
            (ettn, "ABC2026000000001", "queued")]
        again = api.get("/changes", params={"since": feed["next"]}).json()
        assert again["changes"] == [] and again["more"] is False

        # A deleted draft is named in the feed once more, as deleted.
        other = _draft(api)
        invoices.delete_draft(ctx, other)
        gone = api.get("/changes", params={"since": again["next"]}).json()
        assert [(c["ettn"], c["status"], c["deleted"]) for c in gone["changes"]] == [
            (other, "deleted", True)]
        # From the beginning, paged one invoice at a time: each invoice once, in order.
        seen, cursor, more = [], "", True
        while more:
            page = api.get("/changes", params={"since": cursor, "limit": "1"}).json()
            seen += [c["ettn"] for c in page["changes"]]
            cursor, more = page["next"], page["more"]
        assert seen == [ettn, other]


def test_refused_without_the_token_and_with_a_wrong_one(api: Api) -> None:
    ettn = _draft(api)
    for headers in ({}, api.headers("tzg_yanlis"), {"Authorization": api.token},
                    {"Authorization": "Basic " + api.token}):
        for r in (requests.get(f"{api.url}/invoices/{ettn}", headers=headers, timeout=30),
                  requests.get(f"{api.url}/changes", headers=headers, timeout=30),
                  requests.post(f"{api.url}/invoices", headers=headers, timeout=30,
                                data=json.dumps(invoice_json()))):
            body = _refusal(r, 401)
            assert "tezgah api token" in body["hata"]
            assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert invoices.list_invoices(api.ctx) and len(invoices.list_invoices(api.ctx)) == 1
    # The description is public; it holds nothing of the shop's.
    assert requests.get(f"{api.url}/openapi.json", timeout=30).status_code == 200


def test_a_new_token_from_the_command_replaces_the_old_one(
        api: Api, capsys: pytest.CaptureFixture[str]) -> None:
    assert api.get("/invoices").status_code == 200
    assert main(["--data-dir", str(api.ctx.data_dir), "api", "token"]) == 0
    out = capsys.readouterr().out
    new = out.rstrip("\n").splitlines()[-1]
    assert new.startswith("tzg_") and " " not in new and new != api.token
    _refusal(api.get("/invoices"), 401)
    assert api.get("/invoices", headers=api.headers(new)).status_code == 200
    kept = api_token.token_file(api.ctx.data_dir)
    assert new not in kept.read_text(encoding="utf-8")  # only its hash
    if os.name == "posix":
        assert kept.stat().st_mode & 0o077 == 0


def test_issuing_is_refused_while_batch_signing_is_off(api: Api) -> None:
    settings.write(api.ctx, settings.API_BATCH_SIGNING, False)
    ettn = _draft(api)
    body = _refusal(api.post("/invoices/issue", {"ettns": [ettn]}), 403)
    assert "masaüstünde" in body["hata"] and "Ayarlar" in body["hata"]
    info = invoices.show_invoice(api.ctx, ettn)
    assert info["status"] == "draft" and info["number"] is None
    _refusal(api.get(f"/invoices/{ettn}/pdf"), 409)


def test_a_batch_on_the_card_takes_one_pin_and_a_wrong_pin_issues_none(
        tmp_path: Path, installed_rules_dir: Path, fresh_token) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    assert main(["--data-dir", str(ctx.data_dir), "signer", "configure", "--pkcs11",
                 "--module", fresh_token.module, "--token-label", fresh_token.label]) == 0
    settings.write(ctx, settings.API_BATCH_SIGNING, True)
    for api in _start(ctx):
        ettns = [_draft(api), _draft(api)]
        body = _refusal(api.post("/invoices/issue", {"ettns": ettns}), 400)
        assert body["alan"] == "pin"

        body = _refusal(api.post("/invoices/issue", {"ettns": ettns, "pin": "000000"}), 400)
        assert body["alan"] == "pin" and "PIN" in body["hata"]
        assert "000000" not in json.dumps(body, ensure_ascii=False)
        for ettn in ettns:
            info = invoices.show_invoice(ctx, ettn)
            assert info["status"] == "draft" and info["number"] is None

        r = api.post("/invoices/issue", {"ettns": ettns, "pin": fresh_token.user_pin})
        assert r.status_code == 200, r.text
        assert [x["number"] for x in r.json()["issued"]] == ["ABC2026000000001",
                                                             "ABC2026000000002"]
        assert fresh_token.user_pin not in r.text
        assert api.get(f"/invoices/{ettns[1]}/pdf").content.startswith(b"%PDF")

        # The card pulled out: a clear refusal, the draft stays a draft, no number used.
        fresh_token.remove()
        third = _draft(api)
        body = _refusal(api.post("/invoices/issue", {"ettns": [third],
                                                     "pin": fresh_token.user_pin}), 503)
        assert "Traceback" not in body["hata"]
        info = invoices.show_invoice(ctx, third)
        assert info["status"] == "draft" and info["number"] is None


def test_hostile_input_gets_turkish_json_errors(api: Api) -> None:
    body = _refusal(api.post("/invoices", data=b'{"profile": '), 400)
    assert "JSON" in body["hata"]
    _refusal(api.post("/invoices", data=b"[1, 2]"), 400)
    _refusal(api.post("/invoices", data=b"\xff\xfe"), 400)
    _refusal(api.post("/invoices", data=b'{"x": NaN}'), 400)
    _refusal(api.post("/invoices", data=b"[" * 100_000), 400)
    bad_line = invoice_json()
    bad_line["lines"][0]["quantity"] = "on iki"
    body = _refusal(api.post("/invoices", bad_line), 400)
    assert body["alan"] and "quantity" in body["alan"]
    body = _refusal(api.post("/invoices", invoice_json(customer="1111111111")), 404)
    assert body["alan"] == "customer"
    assert invoices.list_invoices(api.ctx) == []
    status, answer = _raw(api, b"POST /invoices HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                          + api.token.encode() + b"\r\nContent-Length: 52428800\r\n\r\n{")
    assert status == 413 and "bayt" in json.loads(answer)["hata"]
    status, answer = _raw(api, b"POST /invoices HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                          + api.token.encode() + b"\r\n\r\n")
    assert status == 411 and json.loads(answer)["hata"]
    status, answer = _raw(api, b"GET / HTTP/1.1 fazla\r\n\r\n")
    assert status == 400 and json.loads(answer)["hata"]
    body = _refusal(api.get("/nereye"), 404)
    assert "/openapi.json" in body["hata"]
    r = requests.delete(f"{api.url}/invoices", headers=api.headers(), timeout=30)
    _refusal(r, 405)
    assert r.headers["Allow"] == "GET, POST"
    _refusal(api.get("/invoices/00000000-0000-4000-8000-000000000000"), 404)
    assert _refusal(api.get("/changes", params={"since": "bozuk"}), 400)["alan"] == "since"
    assert _refusal(api.get("/invoices", params={"limit": "çok"}), 400)["alan"] == "limit"
    assert _refusal(api.get("/invoices", params={"status": "uçtu"}), 400)["alan"] == "status"
    assert _refusal(api.post("/invoices/issue", {"ettns": "x"}), 400)["alan"] == "ettns"
    assert _refusal(api.post("/invoices/issue", {"ettns": []}), 400)["alan"] == "ettns"
    missing = _refusal(api.post("/invoices/issue", {
        "ettns": ["00000000-0000-4000-8000-000000000000"]}), 404)
    assert missing["alan"] == "ettns"
    ettn = _draft(api)
    assert api.post("/invoices/issue", {"ettns": [ettn]}).status_code == 200
    again = _refusal(api.post("/invoices/issue", {"ettns": [ettn]}), 409)
    assert "ABC2026000000001" in again["hata"] and again["alan"] == "ettns"


def test_the_openapi_document_describes_every_route(api: Api) -> None:
    served = requests.get(f"{api.url}/openapi.json", timeout=30).json()
    assert served == json.loads(json.dumps(document()))
    assert served["openapi"].startswith("3.1")
    for route in ROUTES:
        operation = served["paths"][route.template][route.method.lower()]
        assert operation["responses"], route
        if not route.public:
            assert operation["security"] == [{"bearer": []}], route
            assert "401" in operation["responses"], route
    described = {(m.upper(), p) for p, ops in served["paths"].items() for m in ops}
    assert described == {(r.method, r.template) for r in ROUTES}
    assert served["components"]["securitySchemes"]["bearer"] == {
        **served["components"]["securitySchemes"]["bearer"], "type": "http", "scheme": "bearer"}

    # Every schema is a valid JSON Schema (OpenAPI 3.1 uses draft 2020-12), and what the
    # server answers fits the schema it describes.
    for schema in served["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
    registry = Registry().with_resource("urn:tezgah-api", Resource.from_contents(
        {**served, "$schema": "https://json-schema.org/draft/2020-12/schema"}))

    def check(name: str, value: Any) -> None:
        jsonschema.Draft202012Validator(
            {"$ref": f"urn:tezgah-api#/components/schemas/{name}"}, registry=registry,
        ).validate(value)

    created = api.post("/invoices", invoice_json())
    check("TaslakOlusturuldu", created.json())
    ettn = created.json()["ettn"]
    check("Fatura", api.get(f"/invoices/{ettn}").json())
    check("FaturaListesi", api.get("/invoices").json())
    issued = api.post("/invoices/issue", {"ettns": [ettn]}).json()
    check("KesilenFaturalar", issued)
    check("Degisiklikler", api.get("/changes").json())
    check("Hata", api.get("/changes", params={"since": "bozuk"}).json())
    check("Hata", requests.get(f"{api.url}/changes", timeout=30).json())


def test_serve_prints_its_address_and_stops_on_sigterm(
        tmp_path: Path, installed_rules_dir: Path) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    token = api_token.new_token(ctx)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(ctx.data_dir), "api", "serve",
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("Yerel API: http://127.0.0.1:"), first
        banner = [first]
        while not banner[-1].startswith("Durdurmak"):  # the rest of what it prints at start
            banner.append(proc.stdout.readline())
            assert banner[-1], banner
        url = first.split(": ", 1)[1].strip()
        r = requests.get(f"{url}/invoices", headers={"Authorization": f"Bearer {token}"},
                         timeout=30)
        assert r.status_code == 200 and r.json() == {"invoices": []}
        # The API watches the folder too: a till's file becomes a draft the API lists.
        folder = ctx.data_dir / "gelen-dosyalar"
        folder.mkdir(exist_ok=True)
        dropped = folder / "kasa-1.json"
        dropped.write_text(json.dumps(invoice_json(), ensure_ascii=False), encoding="utf-8")
        os.utime(dropped, (1_600_000_000, 1_600_000_000))  # long finished, whatever the clock
        listed: list = []
        for _ in range(600):  # the scan runs every few seconds; at most a minute
            listed = requests.get(f"{url}/invoices", headers={
                "Authorization": f"Bearer {token}"}, timeout=30).json()["invoices"]
            if listed:
                break
            time.sleep(0.1)
        assert [i["status"] for i in listed] == ["draft"]
        assert not dropped.exists() and list((folder / "islenen").iterdir())
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Yerel API durdu." in out
    assert f"İzlenen klasör: {ctx.data_dir / 'gelen-dosyalar'}\n" in banner
    assert "kasa-1.json: taslak" in out
    log = [json.loads(line.split(" ", 2)[2]) for line in err.splitlines() if '"method"' in line]
    assert log[0] == {**log[0], "method": "GET", "path": "/invoices", "status": 200}
    assert {e["path"] for e in log} == {"/invoices"}
    assert token not in err and "Traceback" not in err


def test_on_postgresql_a_change_committed_late_is_not_skipped(
        tmp_path: Path, installed_rules_dir: Path, postgres_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers run side by side on PostgreSQL: a transaction that wrote first (a smaller
    ``seq``) may commit after a reader already took a later change. The next read still
    hands it out."""
    import psycopg

    monkeypatch.setenv("TEZGAH_DATABASE_URL", postgres_url)
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    slow = invoices.create_draft(ctx, invoice_json())
    start = local_api.changes_since(ctx, "")
    assert [c["ettn"] for c in start["changes"]] == [slow]

    with psycopg.connect(postgres_url) as conn:
        conn.execute("UPDATE invoices SET issue_time = '11:00:00' WHERE ettn = %s", (slow,))
        fast = invoices.create_draft(ctx, invoice_json())  # commits while the update waits
        seen = local_api.changes_since(ctx, start["next"])
        assert [c["ettn"] for c in seen["changes"]] == [fast]
        conn.commit()
    late = local_api.changes_since(ctx, seen["next"])
    # The late one, oldest change first; ``fast`` may come again (its transaction began
    # while the other still ran): at least once, never skipped.
    assert late["changes"][0]["ettn"] == slow
    assert {c["ettn"] for c in late["changes"]} <= {slow, fast}
    # Once nothing is running any more, nothing is handed out twice.
    quiet = local_api.changes_since(ctx, late["next"])
    assert quiet["changes"] == []
    assert local_api.changes_since(ctx, quiet["next"])["changes"] == []


def test_a_draft_without_a_series_takes_the_companys(api: Api) -> None:
    """A till need not know the shop's series: the company's series for the scenario is
    used, as for a file left in the watched folder."""
    data = {k: v for k, v in invoice_json().items() if k != "series"}
    r = api.post("/invoices", data)
    assert r.status_code == 201, r.text
    ettn = r.json()["ettn"]
    # The company of the tests keeps Tezgâh's default series: TZG for e-Fatura, EAR for e-Arşiv.
    assert api.get(f"/invoices/{ettn}").json()["data"]["series"] == "TZG"
    r = api.post("/invoices", {**data, "profile": "EARSIVFATURA", "type": "SATIS"})
    assert r.status_code == 201, r.text
    assert api.get(f"/invoices/{r.json()['ettn']}").json()["data"]["series"] == "EAR"
