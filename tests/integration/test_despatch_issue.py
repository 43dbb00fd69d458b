"""e-İrsaliye drafts issued: each docs/examples/despatch example becomes a draft and is
issued with the next gapless number of the company's despatch series, signed, valid by GİB's
XSD and schematron and verifiable; a refused one uses no number and stays a draft; the
despatch document is in the archive chain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from app.domain.errors import NotFoundError, UserError, ValidationFailed
from app.usecases import despatches
from app.usecases.invoices import create_draft as create_invoice_draft
from tests.fixtures.app import COMPANY, invoice_json, make_context

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch")
                  .glob("*.json"))


def _example(path: Path, **overrides: Any) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("series", None)  # the company's despatch series
    data.update(overrides)
    return data


def _by_date(paths: list[Path]) -> list[Path]:
    def key(p: Path) -> str:
        d = json.loads(p.read_text(encoding="utf-8"))
        return f"{d['issue_date']}T{d.get('issue_time', '')}"
    return sorted(paths, key=key)


def test_each_example_is_issued_with_gapless_numbers(tmp_path: Path, installed_rules_dir: Path,
                                                     each_engine: str) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    from app.usecases.signers import use_test_certificate
    from app.usecases.signing import company_signer

    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    ettns = [despatches.create_draft(ctx, _example(p)) for p in _by_date(EXAMPLES)]
    assert [r["status"] for r in despatches.list_despatches(ctx)] == ["draft"] * len(ettns)
    with company_signer(ctx, None) as sign:
        issuer = despatches.DespatchIssuer(ctx, sign)
        numbers = [issuer.issue(e).number for e in ettns]
    assert numbers == [f"IRS2026{i:09d}" for i in range(1, len(ettns) + 1)]

    from app.ubl.validate import get_validator
    from app.usecases.trust import verify_with_trust

    validator = get_validator(ctx.rules_dir)
    for ettn, number in zip(ettns, numbers, strict=True):
        info = despatches.show_despatch(ctx, ettn)
        # a signed one waits in the outbox for GİB from its issuing transaction on
        assert (info["number"], info["status"], info["signed"]) == (number, "queued", True)
        xml = despatches.despatch_xml(ctx, ettn)
        assert f"<cbc:ID>{number}</cbc:ID>".encode() in xml
        assert f"<cbc:UUID>{ettn}</cbc:UUID>".encode() in xml  # the draft's ETTN
        assert validator.validate_despatch_advice(xml).ok
        [verdict] = verify_with_trust(ctx.data_dir, xml, fetch_crls=False)
        assert verdict.intact and verdict.signer_vkn_tckn == COMPANY["vkn_tckn"], verdict.problems
        assert despatches.find_despatch(ctx, number) == ettn
    # issued ones are kept as they are: by the use cases, and by the database's triggers
    with pytest.raises(UserError, match="kesilmiş"):
        despatches.delete_drafts(ctx, [ettns[0]])
    with pytest.raises(UserError, match="zaten kesilmiş"):
        despatches.issue_despatch(ctx, ettns[0], sign=None)
    from app.db.repositories import despatches as repo
    from app.db.tables import Despatch

    for change in ({"number": "IRS2026000000099"}, {"status": "draft"}):
        with pytest.raises(Exception, match="immutable"), ctx.db.write_session() as s:
            s.query(Despatch).filter(Despatch.ettn == ettns[0]).update(change)
    with pytest.raises(Exception, match="cannot be deleted"), ctx.db.write_session() as s:
        row = repo.out_by_ettn(s, ettns[0])
        assert row is not None
        s.delete(row)
        s.flush()
    # the signed documents are in the archive's chain: tezgah archive verify holds
    from app.usecases import archive

    report = archive.verify(ctx)
    assert report.ok, report
    with ctx.db.session() as s:
        kinds = [k for (k,) in s.execute(sa.text("SELECT kind FROM archive_chain ORDER BY seq"))]
    assert kinds == ["despatch-advice"] * len(ettns)


def test_a_refused_despatch_uses_no_number_and_stays_a_draft(
        tmp_path: Path, installed_rules_dir: Path, monkeypatch: pytest.MonkeyPatch,
        each_engine: str) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    first, second = (despatches.create_draft(ctx, _example(EXAMPLES[-1])) for _ in range(2))

    from app.ubl import validate

    real = validate.get_validator(ctx.rules_dir)

    class Breaking:
        """GİB's validator, shown a copy with a Note where the schema allows none."""

        def validate_despatch_advice(self, xml: bytes):  # type: ignore[no-untyped-def]
            return real.validate_despatch_advice(xml.replace(
                b"<cbc:DespatchAdviceTypeCode>",
                b"<cbc:Note>x</cbc:Note><cbc:DespatchAdviceTypeCode>", 1))

    monkeypatch.setattr(validate, "get_validator", lambda _rules: Breaking())
    with pytest.raises(ValidationFailed):
        despatches.issue_despatch(ctx, first, sign=None)
    assert despatches.show_despatch(ctx, first)["status"] == "draft"
    monkeypatch.undo()
    assert despatches.issue_despatch(ctx, second, sign=None).number == "IRS2026000000001"
    assert despatches.issue_despatch(ctx, first, sign=None).number == "IRS2026000000002"


def test_a_future_date_or_goods_leaving_before_issue_are_refused(
        tmp_path: Path, installed_rules_dir: Path) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    sevk = next(p for p in EXAMPLES if p.name == "TEMELIRSALIYE-SEVK.json")
    late = despatches.create_draft(ctx, _example(sevk, despatch_time="08:00"))
    with pytest.raises(UserError) as exc:
        despatches.issue_despatch(ctx, late, sign=None)
    assert exc.value.field == "despatch_date"
    future = despatches.create_draft(ctx, _example(sevk, issue_date="2026-12-01",
                                                   despatch_date="2026-12-01"))
    with pytest.raises(UserError) as exc:
        despatches.issue_despatch(ctx, future, sign=None)
    assert exc.value.field == "issue_date"
    assert {r["status"] for r in despatches.list_despatches(ctx)} == {"draft"}


def test_drafts_update_delete_and_the_series_setting(tmp_path: Path,
                                                     installed_rules_dir: Path) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    from app.usecases.company import set_company

    set_company(ctx, {**COMPANY, "despatch_series": "svk"})
    assert despatches.despatch_series(ctx) == "SVK"
    with pytest.raises(UserError) as exc:
        set_company(ctx, {**COMPANY, "despatch_series": "IRSX"})
    assert exc.value.field == "despatch_series"
    despatches.set_despatch_series(ctx, "")
    assert despatches.despatch_series(ctx) == "IRS"
    despatches.set_despatch_series(ctx, "SVK")
    ettn = despatches.create_draft(ctx, _example(EXAMPLES[-1]))
    assert despatches.show_despatch(ctx, ettn)["series"] == "SVK"
    despatches.update_draft(ctx, ettn, _example(EXAMPLES[-1], notes=["Yeni not"]))
    assert despatches.show_despatch(ctx, ettn)["data"]["notes"] == ["Yeni not"]
    with pytest.raises(UserError) as exc:
        despatches.set_despatch_series(ctx, "çok uzun")
    assert exc.value.field == "despatch_series"
    assert despatches.issue_despatch(ctx, ettn, sign=None).number == "SVK2026000000001"
    other = despatches.create_draft(ctx, _example(EXAMPLES[-1]))
    assert despatches.delete_drafts(ctx, [other]) == [other]
    with pytest.raises(NotFoundError):
        despatches.show_despatch(ctx, other)


def test_a_draft_from_an_invoice(tmp_path: Path, installed_rules_dir: Path) -> None:
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    invoice = create_invoice_draft(ctx, invoice_json())
    prefilled = despatches.draft_json_from_invoice(ctx, invoice)
    assert prefilled["customer"]["vkn_tckn"] == "4700582260" and prefilled["shipment"] == {}
    with pytest.raises(UserError):  # no carrier nor driver yet
        despatches.create_draft(ctx, prefilled)
    shipment = json.loads(EXAMPLES[-1].read_text(encoding="utf-8"))["shipment"]
    ettn = despatches.create_draft_from_invoice(ctx, invoice, shipment)
    info = despatches.show_despatch(ctx, ettn)
    assert [ln["name"] for ln in info["data"]["lines"]] == ["Kırmızı şişe 1 lt", "Çay"]
    assert despatches.issue_despatch(ctx, ettn, sign=None).number.startswith("IRS2026")


def test_archive_verify_names_an_altered_despatch_advice(tmp_path: Path,
                                                         installed_rules_dir: Path) -> None:
    from app.usecases import archive

    ctx = make_context(tmp_path / "data", installed_rules_dir)
    ettn = despatches.create_draft(ctx, _example(EXAMPLES[-1]))
    issued = despatches.issue_despatch(ctx, ettn, sign=None)
    xml = despatches.despatch_xml(ctx, ettn)
    with ctx.db.engine.begin() as conn:  # an intruder with the database file in hand
        conn.execute(sa.text("DROP TRIGGER documents_no_update"))
        conn.execute(sa.text("UPDATE documents SET content = :c"),
                     {"c": xml.replace(b"Pamuklu", b"Sentetik")})
    report = archive.verify(ctx)
    assert [p.status for p in report.problems] == [archive.ALTERED]
    message = report.problems[0].message
    assert message.startswith(f"{archive.ALTERED}: e-İrsaliye {issued.number} (ETTN {ettn})")
    assert "20.11.2026" in message


def test_a_despatch_overtaken_while_being_prepared_takes_the_next_number(
        tmp_path: Path, installed_rules_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another despatch advice issued while one is being prepared (another computer on the
    same database): the first is prepared again with the next number, nothing is lost."""
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    first, second = (despatches.create_draft(ctx, _example(EXAMPLES[-1])) for _ in range(2))
    real = despatches._prepare
    numbers_prepared: list[str] = []

    def meanwhile(d: Any, supplier: Any, number: str, sign: Any, validator: Any) -> bytes:
        numbers_prepared.append(number)
        if len(numbers_prepared) == 1:
            assert despatches.issue_despatch(ctx, second, sign=None).number == number
        return real(d, supplier, number, sign, validator)

    monkeypatch.setattr(despatches, "_prepare", meanwhile)
    assert despatches.issue_despatch(ctx, first, sign=None).number == "IRS2026000000002"
    assert numbers_prepared == ["IRS2026000000001", "IRS2026000000001", "IRS2026000000002"]
    assert "<cbc:ID>IRS2026000000002</cbc:ID>" in despatches.despatch_xml(ctx, first).decode()


def test_an_answered_despatch_stays_answered_when_gibs_progress_comes_later(
        tmp_path: Path, installed_rules_dir: Path) -> None:
    """The receiver's receipt advice may arrive before this side's sync collects GİB's
    1300: the outbox's later step does not turn "answered" back into "completed"."""
    from app.db.repositories import outbox as outbox_repo
    from app.db.tables import Despatch
    from app.usecases.signers import use_test_certificate

    ctx = make_context(tmp_path / "data", installed_rules_dir)
    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    answered, waiting = (despatches.create_draft(ctx, _example(p)) for p in EXAMPLES[:2])
    for ettn in (answered, waiting):
        despatches.issue_despatch(ctx, ettn, sign=None)  # unsigned copies will do here
    with ctx.db.write_session() as s:
        rows = {r.ettn: r for r in s.scalars(sa.select(Despatch))}
        rows[answered].status = "answered"
        ids = [rows[answered].document_id, rows[waiting].document_id]
    with ctx.db.write_session() as s:
        outbox_repo.set_despatch_status(s, ids, "completed")
    assert despatches.show_despatch(ctx, answered)["status"] == "answered"
    assert despatches.show_despatch(ctx, waiting)["status"] == "completed"


def test_a_stopped_batch_ends_before_the_next_draft(tmp_path: Path,
                                                    installed_rules_dir: Path) -> None:
    """The window's Durdur: asked before each draft; the issued one stays, the rest drafts."""
    ctx = make_context(tmp_path / "data", installed_rules_dir)
    ettns = [despatches.create_draft(ctx, _example(p)) for p in _by_date(EXAMPLES)[:3]]
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 1

    results = despatches.issue_despatches(ctx, ettns, None, sign=False, should_stop=stop)
    assert [r.number for r in results] == ["IRS2026000000001"]
    assert [despatches.show_despatch(ctx, e)["status"] for e in ettns[1:]] == ["draft", "draft"]
