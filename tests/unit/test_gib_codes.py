"""Status codes (Ek-2 §4) and fault codes (Ek-3 §8) match GİB's guides, and their meanings
lead to the right action."""

from __future__ import annotations

import re
from pathlib import Path

from app.gib import codes
from app.gib.errors import NotDelivered, Rejected, from_fault

EK2 = "Ek-2e-FaturaUygulamasiSistemYanitiSemaYapisi-v1.5.txt"
EK3 = "Ek-3e-FaturaUygulamasiYazilimStandartlariVeNesneYapisi-v1.4.txt"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _guide_table(path: Path, first: int, last: int) -> dict[int, str]:
    """``code → text`` rows of a guide's table; a text wrapped onto the line before its code
    (as the PDF extract does for long texts) is joined back."""
    lines = path.read_text(encoding="utf-8").splitlines()
    table: dict[int, str] = {}
    for i, line in enumerate(lines):
        m = re.match(r"^\s+(\d{4})\s*(.*)$", line)
        if not m or not first <= int(m.group(1)) <= last:
            continue
        text = m.group(2).strip()
        if not text:  # the text stands on the lines around the code
            before = lines[i - 1].strip()
            after = lines[i + 1].strip()
            text = f"{before} {after}"
        elif lines[i - 1].strip() and not re.match(r"^\s+\d{4}", lines[i - 1]) and \
                lines[i + 1].strip() and not re.match(r"^\s+\d{4}", lines[i + 1]) and \
                "Durum" not in lines[i - 1] and "Hata" not in lines[i - 1]:
            text = f"{lines[i - 1].strip()} {text} {lines[i + 1].strip()}"
        table[int(m.group(1))] = _norm(text)
    return table


def test_every_status_code_of_ek2_with_gibs_text(gib_dir: Path) -> None:
    guide = _guide_table(gib_dir / "guides" / EK2, 1000, 1300)
    assert len(guide) == 38
    assert set(guide) == set(codes.STATUS_CODES)
    for code, text in guide.items():
        ours = codes.STATUS_CODES[code].gib_text
        assert _norm(ours) in text or text in _norm(ours), (code, text, ours)


def test_every_fault_code_of_ek3_with_gibs_text(gib_dir: Path) -> None:
    text = _norm((gib_dir / "guides" / EK3).read_text(encoding="utf-8"))
    assert set(codes.FAULT_CODES) == set(range(2000, 2008))
    for code, info in codes.FAULT_CODES.items():
        # (the PDF extract puts 2007 in the middle of its two-line text)
        assert info.gib_text in text or info.gib_text in text.replace(f" {code} ", " "), code


def test_outcomes_follow_ek2_section_4_1() -> None:
    in_progress = {c for c, s in codes.STATUS_CODES.items() if not s.final}
    assert in_progress == {1000, 1100, 1200, 1210, 1220}
    assert [c for c, s in codes.STATUS_CODES.items() if s.success] == [1300]
    # 1215 and 1230: the same invoices may be sent again (Ek-2 §4.1)
    assert codes.status(1215).outcome is codes.Outcome.RESEND
    assert codes.status(1230).outcome is codes.Outcome.RESEND
    assert codes.status(1163).outcome is codes.Outcome.ALREADY_SENT
    assert codes.status(1160).outcome is codes.Outcome.FIX_AND_RESEND
    for s in codes.STATUS_CODES.values():
        assert s.meaning and s.action  # Turkish text for the user


def test_unknown_codes_are_final_and_explained() -> None:
    unknown = codes.status(1999)
    assert unknown.final and "1999" in unknown.meaning
    assert codes.fault(2999).retryable


def test_fault_codes_become_the_right_error() -> None:
    for code in (2005, 2007):
        err = from_fault(code, codes.fault(code).gib_text)
        assert isinstance(err, NotDelivered) and not err.maybe_received
    for code in (2000, 2001, 2002, 2003, 2004, 2006):
        err = from_fault(code, codes.fault(code).gib_text)
        assert isinstance(err, Rejected) and err.code == code
        assert codes.fault(code).gib_text in err.message
    assert from_fault(2001, "ZARF ID SISTEMDE MEVCUT").already_received
    assert from_fault(2004, "ZARF ID BULUNAMADI").envelope_unknown


def test_what_may_follow_a_final_refusal() -> None:
    """Ek-2 §4.1: an envelope refused between 1100 and 1200 delivered and recorded nothing;
    a refusal of the envelope lets the same invoice go in a new one, a refusal of the invoice
    needs a new invoice (new number and ETTN)."""
    for code in (1181, 1172, 1171, 1130, 1143, 2000, 2006):
        assert codes.remedy(code) is codes.Remedy.NEW_ENVELOPE, code
    for code in (1150, 1160, 1161, 1176, 1177, 1999, None):
        assert codes.remedy(code) is codes.Remedy.NEW_INVOICE, code
    for code in (1300, 1163, 1215, 1230, 1200):
        assert codes.remedy(code) is codes.Remedy.NONE, code
    assert {1172, 1181} == codes.RECEIVER_ADDRESS_CODES
