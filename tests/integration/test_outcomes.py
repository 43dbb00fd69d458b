"""After a final GİB answer: the outcome in plain Turkish and the allowed next steps, each a
use case — a fixed alias goes out again in a new envelope exactly once (1181 → 1300), a
refused content offers only new invoices, and marking as handled takes it off the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import clock
from app.context import AppContext
from app.domain.errors import UserError
from app.gib.simulator import GibSimulator
from app.usecases import catalog, outcomes
from app.usecases.invoices import issue_invoice, show_invoice
from app.usecases.sending import apply_system_response_file, invoice_status, sync
from app.usecases.sync import Sync, outbox_rows
from app.usecases.userlist import import_user_list
from tests.fixtures.app import CUSTOMER
from tests.integration.sending import FAST, RECEIVER_ALIAS, issue_some, user_list_file

WRONG_ALIAS = "urn:mail:yanlis@caglayan.invalid"


def system_response(env_uuid: str, code: int) -> bytes:
    """GİB's system envelope answering ``code`` for the envelope."""
    from app.gib.envelope import EnvelopeParty
    from app.gib.system_response import build_system_envelope

    return build_system_envelope(
        envelope_id=env_uuid, envelope_date="2026-11-27", code=code, description=str(code),
        sender=EnvelopeParty("3900383669", "GIB", "GİB"),
        receiver=EnvelopeParty("3880530121", "urn:mail:defaultgb@deneme.invalid", "Deneme"),
        created=clock.local_now())


def _refused(ctx: AppContext, code: int, demo_sign) -> str:  # type: ignore[no-untyped-def]
    """An issued invoice whose envelope GİB answered with ``code`` (applied as GİB's
    system response would be)."""
    [ettn] = issue_some(ctx, demo_sign, 1)
    engine = Sync(ctx, None, policy=FAST)
    assert engine.pack() == 1
    env_uuid = invoice_status(ctx, ettn)["events"][-1]["data"]["envelope"]
    [applied] = apply_system_response_file(ctx, system_response(env_uuid, code))
    assert applied["applied"]
    return ettn


def test_1181_fix_the_alias_and_the_same_invoice_is_delivered_once(
        ctx: AppContext, simulator: GibSimulator, demo_sign, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_user_list(ctx, user_list_file(tmp_path / "list.xml"))
    catalog.save_customer(ctx, {**CUSTOMER, "alias": WRONG_ALIAS})
    [ettn] = issue_some(ctx, demo_sign, 1)
    number = show_invoice(ctx, ettn)["number"]
    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5)
    assert show_invoice(ctx, ettn)["status"] == "failed"

    found = outcomes.outcome(ctx, ettn)
    assert found is not None and found["kind"] == "rejected" and found["code"] == 1181
    assert "1181 ADRES BULUNAMADI" in found["text"] and "aynı numara ve ETTN" in found["text"]
    # registered buyer: no e-Arşiv; the alias to suggest comes from GİB's list
    assert found["steps"] == [outcomes.RESEND_ALIAS, outcomes.RETURN, outcomes.HANDLED_STEP]
    assert found["alias"] == RECEIVER_ALIAS
    [row] = outbox_rows(ctx)
    assert row["rejected"]

    with pytest.raises(UserError):
        outcomes.resend_in_new_envelope(ctx, ettn, alias="yanlis")
    outcomes.resend_in_new_envelope(ctx, ettn, alias=RECEIVER_ALIAS)
    with pytest.raises(UserError):  # a second press does not queue it twice
        outcomes.resend_in_new_envelope(ctx, ettn, alias=RECEIVER_ALIAS)
    [row] = outbox_rows(ctx)
    assert row["state"] == "waiting" and not row["rejected"]

    sync(ctx, endpoint_url=simulator.url, policy=FAST, timeout=5)
    info = invoice_status(ctx, ettn)
    assert info["status"] == "completed" and info["number"] == number
    assert [e["gib_status"] for e in info["envelopes"]] == [1181, 1300]
    assert len({e["uuid"] for e in info["envelopes"]}) == 2  # a new envelope, same invoice
    assert [e["gib_status"] for e in info["envelopes"]].count(1300) == 1
    assert outbox_rows(ctx) == []
    assert outcomes.outcome(ctx, ettn)["kind"] == "completed"


def test_refused_content_offers_only_new_invoices(ctx: AppContext, demo_sign,
                                                  tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_user_list(ctx, user_list_file(tmp_path / "list.xml"))
    ettn = _refused(ctx, 1160, demo_sign)
    found = outcomes.outcome(ctx, ettn)
    assert found["kind"] == "rejected" and "1160" in found["text"]
    assert found["steps"] == [outcomes.NEW_COPY, outcomes.RETURN, outcomes.HANDLED_STEP]
    with pytest.raises(UserError):
        outcomes.resend_in_new_envelope(ctx, ettn, alias=RECEIVER_ALIAS)
    with pytest.raises(UserError):
        outcomes.resend_in_new_envelope(ctx, ettn)
    original = show_invoice(ctx, ettn)
    new = outcomes.correct_as_new_invoice(ctx, ettn)
    assert new != ettn and show_invoice(ctx, new)["status"] == "draft"
    result = issue_invoice(ctx, new, sign=demo_sign)
    assert result.number != original["number"]  # a new number and a new ETTN
    assert show_invoice(ctx, ettn)["events"][-1]["kind"] == "follow-up"


def test_mark_handled_takes_it_off_the_outbox(ctx: AppContext, demo_sign) -> None:  # type: ignore[no-untyped-def]
    ettn = _refused(ctx, 1177, demo_sign)
    assert [r["rejected"] for r in outbox_rows(ctx)] == [True]
    outcomes.mark_handled(ctx, ettn, by="ayse")
    assert outbox_rows(ctx) == []
    ev = show_invoice(ctx, ettn)["events"][-1]
    assert ev["kind"] == "handled" and ev["data"]["by"] == "ayse" and ev["data"]["at"]
    found = outcomes.outcome(ctx, ettn)
    assert found["kind"] == "handled" and found["handled_by"] == "ayse"
    assert outcomes.HANDLED_STEP not in found["steps"]
    with pytest.raises(UserError):
        outcomes.mark_handled(ctx, ettn, by="ayse")


def test_unregistered_buyer_can_get_an_earchive_copy_and_a_return(ctx: AppContext,
                                                                   demo_sign) -> None:  # type: ignore[no-untyped-def]
    ettn = _refused(ctx, 1181, demo_sign)  # the app's user list is empty: not registered
    found = outcomes.outcome(ctx, ettn)
    assert found["steps"] == [outcomes.RESEND_ALIAS, outcomes.EARCHIVE, outcomes.RETURN,
                              outcomes.HANDLED_STEP]
    original = show_invoice(ctx, ettn)
    earchive = show_invoice(ctx, outcomes.reissue_as_earchive(ctx, ettn))
    assert earchive["profile"] == "EARSIVFATURA" and earchive["status"] == "draft"
    assert earchive["ettn"] != ettn and not earchive["data"]["customer"].get("alias")
    ret = show_invoice(ctx, outcomes.return_draft(ctx, ettn))
    assert ret["type"] == "IADE" and ret["profile"] == "TEMELFATURA"
    assert ret["data"]["return_of"] == {"number": original["number"],
                                        "date": original["issue_date"]}


def test_one_sentence_per_profile_after_issuing() -> None:
    efatura = outcomes.after_issue_sentence("TICARIFATURA")
    assert efatura == outcomes.after_issue_sentence("TEMELFATURA")
    assert "Giden Kutusu'na girer" in efatura
    earchive = outcomes.after_issue_sentence("EARSIVFATURA")
    assert "GİB'e gönderilmez" in earchive and "Giden Kutusu'na girmez" in earchive


def test_tezgah_outbox_says_what_gib_answered_and_what_can_be_done(
        ctx: AppContext, demo_sign, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    _refused(ctx, 1181, demo_sign)
    capsys.readouterr()
    assert main(["--data-dir", str(ctx.data_dir), "outbox"]) == 0
    out = capsys.readouterr().out
    assert "[GİB reddetti]" in out and "1181 ADRES BULUNAMADI" in out
    assert "alıcı etiketini düzelt ve yeniden gönder" in out
    assert "failed" not in out
