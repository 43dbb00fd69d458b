"""What happened to an issued invoice, in plain Turkish, and what may be done next.

``after_issue_sentence`` says in one sentence what becomes of an invoice of a profile once
it is issued (the editor's result and the Giden Kutusu say the same). ``outcome`` explains a
final GİB answer and lists the allowed next steps; each step is a use case here:

- ``resend_in_new_envelope`` ("Alıcı etiketini düzelt ve yeniden gönder"): the same signed
  document, with its number and ETTN, in a new envelope — only for refusals of the envelope
  (``app.gib.codes.Remedy.NEW_ENVELOPE``: 1181 ADRES BULUNAMADI, 1172, 1171, 1110…1143).
  Ek-2 §4.1: an envelope that ends with a 1100…1200 error "bir sonraki aşamaya geçilmez",
  so the invoice was neither delivered nor recorded; 1163 is answered only for an invoice of
  an envelope that got past 1200. The receiver's alias is in the envelope header (Ek-1), not
  in the signed invoice, so fixing it leaves the invoice's bytes as they are.
- ``correct_as_new_invoice`` / ``reissue_as_earchive``: the invoice's content was refused
  (1150, 1160, 1161, 1176, 1177 …: ``Remedy.NEW_INVOICE``) or the buyer is not an e-Fatura
  user: a new draft, which gets a new number and a new ETTN when issued. The refused number
  stays used (the series has no gaps and the signed document stays in the archive); reusing
  the ETTN for a different document is what 1163 ("… SISTEMDE DAHA ONCE KAYITLI OLAN BIR
  FATURAYI ICERMEKTEDIR", Ek-2 §4.1) guards against. e-Arşiv only for a buyer who is not a
  registered e-Fatura user (UserList kılavuzu: registered users receive e-Fatura).
- ``return_draft`` ("İade faturası kes"): an İADE draft that references the original by
  number and date (UBL-TR ``cac:BillingReference/cac:InvoiceDocumentReference`` with
  ``DocumentTypeCode`` IADE, schematron IADEInvioceCheck; ``app.ubl.build``).
- ``mark_handled`` ("Çözüldü olarak işaretle"): the outbox stops counting the invoice; an
  event records who and when.
"""

from __future__ import annotations

import getpass
from typing import Any

from app import clock
from app.context import AppContext
from app.db.repositories import invoices as inv_repo
from app.db.repositories import outbox as outbox_repo
from app.db.repositories.events import add_event, list_events
from app.domain.codes import Profile
from app.domain.errors import NotFoundError, UserError
from app.domain.status import Status
from app.gib import codes
from app.outbox import machine
from app.outbox.states import DONE, ENVELOPED, FAILED, HANDLED, WAITING
from app.usecases.drafts import series_for_profile
from app.usecases.invoices import create_draft

# Step ids (the screens give them their labels).
RESEND_ALIAS = "resend_alias"  # Alıcı etiketini düzelt ve yeniden gönder
RESEND = "resend"  # Yeni zarfla yeniden gönder
NEW_COPY = "new_copy"  # Düzeltip yeni fatura olarak kes
EARCHIVE = "earchive"  # e-Arşiv olarak yeniden kes
RETURN = "return"  # İade faturası kes
HANDLED_STEP = "handled"  # Çözüldü olarak işaretle

EFATURA_AFTER_ISSUE = ("e-Fatura Giden Kutusu'na girer ve internet olduğunda GİB'e "
                       "kendiliğinden gönderilir; sonucu Giden Kutusu'nda ve faturanın "
                       "geçmişinde görünür.")
EARCHIVE_AFTER_ISSUE = ("e-Arşiv faturası GİB'e gönderilmez ve Giden Kutusu'na girmez; "
                        "yazdırıp ya da PDF'ini göndererek müşteriye verin.")


def after_issue_sentence(profile: str) -> str:
    """What happens to an invoice of ``profile`` after issuing, in one sentence."""
    return EARCHIVE_AFTER_ISSUE if profile == Profile.EARSIVFATURA else EFATURA_AFTER_ISSUE


def _row(s: Any, ettn: str) -> Any:
    row = inv_repo.out_by_ettn(s, ettn)
    if row is None or row.status == Status.DRAFT:
        raise NotFoundError(f"{ettn} ETTN'li kesilmiş fatura bulunamadı.")
    return row


def _last_code(events: list[dict[str, Any]]) -> int | None:
    for ev in reversed(events):
        if ev["kind"] in ("gib-status", "rejected") and ev.get("code"):
            try:
                return int(ev["code"])
            except ValueError:
                return None
    return None


def _registered_alias(ctx: AppContext, vkn_tckn: str) -> tuple[bool, str]:
    """(known as an e-Fatura user, its active alias) from GİB's user list kept locally."""
    from app.gib.userlist import UserListStore

    alias = UserListStore(ctx.db.engine).invoice_alias(vkn_tckn)
    return alias is not None, alias.alias if alias else ""


def _explain(code: int | None) -> tuple[str, str]:
    if code is None:
        return "GİB faturayı reddetti.", ""
    info = codes.status(code) if code not in codes.FAULT_CODES else codes.fault(code)
    return f"GİB faturayı reddetti ({code} {info.gib_text}): {info.meaning}", info.action


def outcome(ctx: AppContext, ettn: str) -> dict[str, Any] | None:
    """The final GİB outcome of an issued e-Fatura and the allowed next steps; None while
    there is no final outcome (or for an e-Arşiv invoice, which GİB is not sent).

    ``kind``: completed | already_sent | rejected | handled; ``text``: what happened and what
    it means, in Turkish; ``steps``: step ids in the order to show; ``alias``: the receiver
    alias to suggest for ``resend_alias``."""
    with ctx.db.session() as s:
        row = _row(s, ettn)
        items = outbox_repo.items_of_invoice(s, row.id)
        events = list_events(s, row.id)
        states = {i.state for i in items}
        current_alias = items[-1].receiver_alias if items else ""
        vkn, profile, status = row.customer_vkn_tckn, row.profile, row.status
    code = _last_code(events)
    result: dict[str, Any] = {"ettn": ettn, "code": code, "steps": [], "alias": current_alias}
    if status in (Status.ACCEPTED, Status.REJECTED):
        return _customer_answer(result, status, events)
    if status == Status.COMPLETED:
        result.update(kind="completed", text="GİB faturayı alıcıya ulaştırdı (1300); "
                                             "yapmanız gereken bir şey yok.")
        return result
    if states & {WAITING, ENVELOPED} or not states:
        return None
    if FAILED not in states and HANDLED not in states:
        if DONE in states and code is not None and codes.status(code).outcome is \
                codes.Outcome.ALREADY_SENT:
            info = codes.status(code)
            result.update(kind="already_sent",
                          text=f"GİB: {code} {info.gib_text}. {info.meaning} {info.action}")
            return result
        return None
    registered, listed_alias = _registered_alias(ctx, vkn)
    reason, action = _explain(code)
    remedy = codes.remedy(code)
    steps: list[str] = []
    if FAILED in states and remedy is codes.Remedy.NEW_ENVELOPE:
        steps.append(RESEND_ALIAS if code in codes.RECEIVER_ADDRESS_CODES else RESEND)
        meaning = ("Faturanın kendisinde sorun yok: aynı fatura, aynı numara ve ETTN ile yeni "
                   "bir zarfla yeniden gönderilebilir.")
    else:
        steps.append(NEW_COPY)
        meaning = ("Bu fatura numarası ve ETTN kullanıldı, fatura değiştirilemez: düzeltilmiş "
                   "fatura yeni bir numara ve ETTN ile kesilir.")
    if not registered and profile != Profile.EARSIVFATURA:
        steps.append(EARCHIVE)
    steps.append(RETURN)
    if FAILED in states:
        steps.append(HANDLED_STEP)
        result.update(kind="rejected")
    else:
        handled = next((e for e in reversed(events) if e["kind"] == "handled"), None)
        data = (handled or {}).get("data") or {}
        steps = [x for x in steps if x in (NEW_COPY, EARCHIVE, RETURN)]
        meaning = (f"Çözüldü olarak işaretlendi: {data.get('by', '')}, "
                   f"{(data.get('at') or '').replace('T', ' ')}.")
        result.update(kind="handled", handled_by=data.get("by"), handled_at=data.get("at"))
    result["steps"] = steps
    result["alias"] = listed_alias or current_alias
    result["text"] = " ".join(x for x in (reason, meaning, action) if x)
    return result


def _customer_answer(result: dict[str, Any], status: str,
                     events: list[dict[str, Any]]) -> dict[str, Any]:
    """The customer's KABUL / RED of a TICARIFATURA (Entegrasyon Kılavuzu §3.1): after a
    RED the invoice stands in the archive with its number; what follows is agreed with the
    customer — a corrected invoice (new number and ETTN) or, when goods came back, a return
    invoice (İADE)."""
    kind = "customer-accepted" if status == Status.ACCEPTED else "customer-rejected"
    event = next((e for e in reversed(events) if e["kind"] == kind), None)
    when = (event or {}).get("at", "")[:16].replace("T", " ")
    reason = ((event or {}).get("data") or {}).get("reason") or ""
    if status == Status.ACCEPTED:
        result.update(kind="customer_accepted",
                      text=f"Müşteri faturayı KABUL etti{f' ({when})' if when else ''}; "
                           "yapmanız gereken bir şey yok.")
        return result
    result.update(
        kind="customer_rejected", steps=[NEW_COPY, RETURN],
        text=(f"Müşteri faturayı REDDETTİ{f' ({when})' if when else ''}"
              f"{f': {reason}' if reason else ''}. Fatura numarası ve ETTN kullanıldı, fatura "
              "arşivde kalır. Müşteriyle anlaşıp düzeltilmiş bir fatura kesin (yeni numara "
              "ve ETTN ile) ya da mal geri geldiyse iade faturası düzenleyin."))
    return result


def _require_step(ctx: AppContext, ettn: str, step: str) -> dict[str, Any]:
    found = outcome(ctx, ettn)
    if found is None or step not in found["steps"]:
        raise UserError("Bu adım bu fatura için şu anda yapılamaz (GİB'in son yanıtına göre).")
    return found


def resend_in_new_envelope(ctx: AppContext, ettn: str, *, alias: str = "") -> None:
    """Send the same signed invoice again in a new envelope (only after an envelope-level
    refusal, see the module's docstring), to ``alias`` when given. Exactly once: the items
    go back to the outbox in one transaction that first checks they are still refused."""
    found = outcome(ctx, ettn)
    if found is None or not ({RESEND, RESEND_ALIAS} & set(found["steps"])):
        raise UserError("Bu fatura yeniden gönderilemez (GİB'in son yanıtına göre).")
    alias = alias.strip()
    if RESEND_ALIAS in found["steps"] and not alias:
        raise UserError("Alıcının e-Fatura posta kutusu etiketini yazın "
                        "(örnek urn:mail:defaultpk@firma.com.tr).", field="alias")
    if alias and not alias.startswith("urn:mail:"):
        raise UserError("Posta kutusu etiketi 'urn:mail:' ile başlar "
                        "(örnek urn:mail:defaultpk@firma.com.tr).", field="alias")
    with ctx.db.write_session() as s:
        row = _row(s, ettn)
        message = ("Aynı fatura yeni bir zarfla yeniden gönderilmek üzere giden kutusuna "
                   "alındı" + (f" (alıcı etiketi {alias})." if alias else "."))
        if not machine.requeue_failed(s, row.id, clock.local_now(), alias=alias,
                                      message=message):
            raise UserError("Bu fatura zaten yeniden gönderilmek üzere sırada.")


def mark_handled(ctx: AppContext, ettn: str, *, by: str = "", note: str = "") -> None:
    """The outbox stops counting the refused invoice; an event records who and when."""
    _require_step(ctx, ettn, HANDLED_STEP)
    if not by:
        try:
            by = getpass.getuser()
        except Exception:  # no user name from the system: still record the act
            by = "kullanıcı"
    with ctx.db.write_session() as s:
        row = _row(s, ettn)
        if not machine.mark_handled(s, row.id, clock.local_now(), by=by, note=note):
            raise UserError("Bu fatura zaten çözüldü olarak işaretlenmiş.")


def _copy(row_data: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in row_data.items() if k not in ("ettn", "issue_time", "signature")}
    data["issue_date"] = clock.today().isoformat()
    data["customer"] = dict(data.get("customer") or {})
    return data


def _new_draft(ctx: AppContext, ettn: str, step: str, build: Any, event: str) -> str:
    _require_step(ctx, ettn, step)
    with ctx.db.session() as s:
        row = _row(s, ettn)
        number, issue_date, data = row.number, row.issue_date.isoformat(), dict(row.data)
    new = create_draft(ctx, build(data, number, issue_date))
    with ctx.db.write_session() as s:
        add_event(s, _row(s, ettn).id, "follow-up", event.format(new=new),
                  data={"draft": new, "step": step})
    return new


def correct_as_new_invoice(ctx: AppContext, ettn: str) -> str:
    """A new draft with the refused invoice's content to correct (new number and ETTN when
    issued). Returns the draft's ETTN."""
    def build(data: dict[str, Any], _number: str, _date: str) -> dict[str, Any]:
        return _copy(data)

    return _new_draft(ctx, ettn, NEW_COPY, build,
                      "Düzeltilmek üzere yeni taslak oluşturuldu (ETTN {new}).")


def reissue_as_earchive(ctx: AppContext, ettn: str) -> str:
    """A new EARSIVFATURA draft with the same content, for a buyer who is not a registered
    e-Fatura user. Returns the draft's ETTN."""
    def build(data: dict[str, Any], _number: str, _date: str) -> dict[str, Any]:
        data = _copy(data)
        data["profile"] = Profile.EARSIVFATURA.value
        data["series"] = series_for_profile(ctx, Profile.EARSIVFATURA)
        data["customer"].pop("alias", None)
        return data

    return _new_draft(ctx, ettn, EARCHIVE, build,
                      "e-Arşiv olarak yeniden kesilmek üzere taslak oluşturuldu (ETTN {new}).")


def return_draft(ctx: AppContext, ettn: str) -> str:
    """An İADE draft for the invoice: same customer and lines, referencing its number and
    date (BillingReference/InvoiceDocumentReference, DocumentTypeCode IADE). TICARIFATURA
    has no İADE type, so the return is a TEMELFATURA. Returns the draft's ETTN."""
    def build(data: dict[str, Any], number: str, issue_date: str) -> dict[str, Any]:
        data = _copy(data)
        data["type"] = "IADE"
        if data.get("profile") == Profile.TICARIFATURA:
            data["profile"] = Profile.TEMELFATURA.value
        data["return_of"] = {"number": number, "date": issue_date}
        data["lines"] = [{k: v for k, v in ln.items()
                          if k not in ("withholding_code", "withholding_rate")}
                         for ln in data.get("lines", [])]
        data["notes"] = [f"{number} numaralı faturanın iadesidir."]
        data.pop("payment", None)
        return data

    return _new_draft(ctx, ettn, RETURN, build,
                      "İade faturası taslağı oluşturuldu (ETTN {new}).")


STEP_ACTIONS = {NEW_COPY: correct_as_new_invoice, EARCHIVE: reissue_as_earchive,
                RETURN: return_draft}
