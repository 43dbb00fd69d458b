"""Our irsaliye yanıtı's own status follows the outbox (``app.outbox.records``,
``RECEIPT_STATUS_CHANNELS``): answered, it is ``queued``; ``sync`` to the local GİB simulator
over real HTTP takes it to ``completed`` (1300), and ``despatch show`` prints how it went. Sent
to an alias GİB knows for invoices only, it is ``failed`` with GİB's code (1181), and
``despatch resend`` sends the same signed answer again in a new envelope, once. A despatch
advice refused for its address is sent again after the user list is updated
(``app.usecases.despatch_resend``), or marked as dealt with."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.context import AppContext
from app.domain.errors import UserError
from app.gib.simulator import GibSimulator
from app.gib.userlist import DESPATCH_ADVICE, INVOICE, RegisteredUser, UserAlias, write_user_list
from app.ubl.despatch_read import read_despatch
from app.usecases import despatch_receiving, despatches
from app.usecases.company import set_company
from app.usecases.sending import sync
from app.usecases.signers import use_test_certificate
from app.usecases.userlist import import_user_list
from tests.fixtures.app import COMPANY, CUSTOMER, make_context
from tests.fixtures.despatch import (
    CUSTOMER_INVOICE_PK,
    CUSTOMER_PK,
    EXAMPLES,
    SUPPLIER_GB,
    DespatchSigners,
    despatch_signers,
    user_list_file,
)
from tests.integration.sending import FAST

pytestmark = pytest.mark.needs_http
T0 = "2020-01-01T00:00:00"


@pytest.fixture(scope="module")
def signers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DespatchSigners]:
    with despatch_signers(tmp_path_factory.mktemp("receipt-signers")) as found:
        yield found


@pytest.fixture
def sim(make_gib_simulator: Callable[..., GibSimulator], tmp_path: Path,
        installed_rules_dir: Path) -> GibSimulator:
    from app.ubl.validate import get_validator

    return make_gib_simulator(userlist_file=user_list_file(tmp_path / "gib-users.xml"),
                              validator=get_validator(installed_rules_dir))


def _customer(tmp_path: Path, rules: Path, users: Path) -> AppContext:
    """CUSTOMER's Tezgâh with its TEST certificate and ``users`` as GİB's list."""
    ctx = make_context(tmp_path / "customer", rules, company=False)
    set_company(ctx, {**CUSTOMER, "alias": "urn:mail:defaultgb@caglayan.invalid",
                      "despatch_sender_alias": "urn:mail:irsaliyegb@caglayan.invalid"})
    use_test_certificate(ctx.data_dir, CUSTOMER["vkn_tckn"], CUSTOMER["name"])
    import_user_list(ctx, users)
    return ctx


def _answered(ctx: AppContext, despatch_xml: bytes) -> str:
    """The received despatch advice, answered: everything arrived; its ETTN."""
    ettn = despatch_receiving.import_document(ctx, despatch_xml)["ettn"]
    lines = [{"line_id": ln.line_id, "received": str(ln.quantity)}
             for ln in read_despatch(despatch_xml).lines]
    result = despatch_receiving.respond_despatch(ctx, ettn, {"lines": lines})
    assert result["status"] == "queued"
    return ettn


def _ours(ctx: AppContext, ettn: str) -> dict:
    [answer] = despatches.show_despatch(ctx, ettn)["receipt_advices"]
    assert answer["direction"] == "out"
    return answer


def test_our_receipt_advice_moves_from_queued_to_completed_and_show_prints_it(
        tmp_path: Path, installed_rules_dir: Path, sim: GibSimulator,
        signers: DespatchSigners, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = _customer(tmp_path, installed_rules_dir, user_list_file(tmp_path / "users.xml"))
    ettn = _answered(ctx, signers.despatch())
    answer = _ours(ctx, ettn)
    assert (answer["status"], answer["status_name"]) == ("queued", "Giden kutusunda")
    assert answer["sending"]["state"] == "waiting"
    assert answer["sending"]["receiver_alias"] == SUPPLIER_GB.alias

    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (1, 0), report.messages
    answer = _ours(ctx, ettn)
    assert (answer["status"], answer["status_name"]) == ("completed", "Gönderene ulaştı")
    assert [e["gib_status"] for e in answer["sending"]["envelopes"]] == [1300]
    # the received despatch advice stays answered
    assert despatches.show_despatch(ctx, ettn)["status"] == "answered"

    assert main(["--data-dir", str(ctx.data_dir), "despatch", "show", ettn]) == 0
    out = capsys.readouterr().out
    assert f"Yanıtımız: {answer['number']} (Gönderene ulaştı)" in out
    assert f"Gönderim: Gönderildi → {SUPPLIER_GB.alias}" in out
    assert "GİB 1300" in out


def test_our_receipt_advice_refused_by_gib_is_failed_with_its_code(
        tmp_path: Path, installed_rules_dir: Path, sim: GibSimulator,
        signers: DespatchSigners, capsys: pytest.CaptureFixture[str]) -> None:
    # This Tezgâh's list gives the supplier's e-Fatura gönderici birim as its DespatchAdvice
    # GB; GİB's list (the simulator's) knows that alias for invoices only.
    wrong = "urn:mail:defaultgb@deneme.invalid"
    users = tmp_path / "ours.xml"
    users.write_bytes(write_user_list([RegisteredUser(
        COMPANY["vkn_tckn"], COMPANY["name"], "OZEL", T0, "ENTEGRASYON",
        (UserAlias(wrong, "GB", INVOICE, T0, T0, None),
         UserAlias(wrong, "GB", DESPATCH_ADVICE, T0, T0, None)))]))
    ctx = _customer(tmp_path, installed_rules_dir, users)
    ettn = _answered(ctx, signers.despatch())
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (0, 1), report.messages
    answer = _ours(ctx, ettn)
    assert (answer["status"], answer["status_name"]) == ("failed", "Hata")
    assert answer["sending"]["state"] == "failed"
    assert answer["sending"]["problem"].startswith("1181 ")
    assert [e["gib_status"] for e in answer["sending"]["envelopes"]] == [1181]

    assert main(["--data-dir", str(ctx.data_dir), "despatch", "show", ettn]) == 0
    out = capsys.readouterr().out
    assert f"Yanıtımız: {answer['number']} (Hata)" in out and "1181" in out

    # sent again, the same signed answer in a new envelope to the right alias: completed
    receipt = ["--data-dir", str(ctx.data_dir), "despatch"]
    assert main([*receipt, "resend", answer["ettn"], "--alias", SUPPLIER_GB.alias]) == 0
    assert _ours(ctx, ettn)["status"] == "queued"
    assert main([*receipt, "resend", answer["ettn"]]) == 1  # not twice
    assert "zaten yeniden gönderilmek" in capsys.readouterr().err
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (1, 0), report.messages
    again = _ours(ctx, ettn)
    assert again["status"] == "completed" and again["ettn"] == answer["ettn"]
    assert [e["gib_status"] for e in again["sending"]["envelopes"]] == [1181, 1300]
    assert len({e["uuid"] for e in again["sending"]["envelopes"]}) == 2


def _sender(tmp_path: Path, rules: Path, users: Path) -> AppContext:
    ctx = make_context(tmp_path / "company", rules, company=False)
    set_company(ctx, {**COMPANY, "alias": "urn:mail:defaultgb@deneme.invalid"})
    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    import_user_list(ctx, users)
    return ctx


def _issued(ctx: AppContext) -> str:
    from app.usecases.signing import company_signer

    data = json.loads((EXAMPLES / "TEMELIRSALIYE-SEVK.json").read_text(encoding="utf-8"))
    data.pop("series", None)
    ettn = despatches.create_draft(ctx, data)
    with company_signer(ctx, None) as sign:
        despatches.issue_despatch(ctx, ettn, sign=sign)
    return ettn


def test_a_despatch_refused_for_its_address_is_sent_again_after_the_list_is_updated(
        tmp_path: Path, installed_rules_dir: Path, sim: GibSimulator) -> None:
    from app.usecases.despatch_resend import mark_handled, resend
    from app.usecases.despatch_sending import sending_of

    # this Tezgâh's list: the customer's e-Fatura posta kutusu takes despatch advices too
    users = tmp_path / "ours.xml"
    users.write_bytes(write_user_list([RegisteredUser(
        CUSTOMER["vkn_tckn"], CUSTOMER["name"], "OZEL", T0, "ENTEGRASYON",
        (UserAlias(CUSTOMER_INVOICE_PK.alias, "PK", INVOICE, T0, T0, None),
         UserAlias(CUSTOMER_INVOICE_PK.alias, "PK", DESPATCH_ADVICE, T0, T0, None)))]))
    ctx = _sender(tmp_path, installed_rules_dir, users)
    first, second = _issued(ctx), _issued(ctx)
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (0, 1), report.messages  # one envelope
    assert {despatches.show_despatch(ctx, e)["status"] for e in (first, second)} == {"failed"}

    # the list updated, the first is sent again (its alias read again): completed
    import_user_list(ctx, user_list_file(tmp_path / "users.xml"))
    resend(ctx, first)
    assert despatches.show_despatch(ctx, first)["status"] == "queued"
    report = sync(ctx, endpoint_url=sim.url, policy=FAST, timeout=5)
    assert (report.completed, report.failed) == (1, 0), report.messages
    assert despatches.show_despatch(ctx, first)["status"] == "completed"
    info = sending_of(ctx, first)
    assert info["receiver_alias"] == CUSTOMER_PK.alias
    assert [e["gib_status"] for e in info["envelopes"]] == [1181, 1300]

    # the second is marked as dealt with: the outbox stops counting it, once
    mark_handled(ctx, second)
    assert sending_of(ctx, second)["state"] == "handled"
    assert despatches.show_despatch(ctx, second)["status"] == "failed"
    with pytest.raises(UserError, match="zaten çözüldü"):
        mark_handled(ctx, second)
    with pytest.raises(UserError):
        resend(ctx, second)
