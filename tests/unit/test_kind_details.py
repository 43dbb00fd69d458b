"""What the PDF prints of a scenario's data is read from exactly what the signature covers:
a comment or processing instruction inside a signed value does not cut it short, a long
value is cut to a length a page can hold, and the Turkish date form is used."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from app.ubl.kinds import describe, text_of, tr_date
from app.xmlsafe import parse_bytes

KUNYE = "1234567890123456789"


def _hks_sample(ubl_samples_dir: Path) -> etree._Element:
    return parse_bytes((ubl_samples_dir / "HKS-Ornek1.xml").read_bytes()).getroot()


def _kunye_rows(root: etree._Element) -> list[str]:
    details = next(d for d in describe(root) if any(d.lines))
    return [v for rows in details.lines for label, v in rows if "Künye" in label]


def test_a_comment_inside_a_signed_value_does_not_cut_it(ubl_samples_dir: Path) -> None:
    root = _hks_sample(ubl_samples_dir)
    ids = root.xpath("//*[local-name()='AdditionalItemIdentification']/*[@schemeID='KUNYENO']")
    assert ids
    ids[0].text = KUNYE[:7]
    ids[0].append(etree.Comment(" gizli "))
    ids[0][-1].tail = KUNYE[7:]
    ids[0].append(etree.ProcessingInstruction("pi", "x"))
    ids[0][-1].tail = ""
    assert _kunye_rows(root)[0] == KUNYE  # as the signature's c14n sees it, not "1234567"


def test_long_values_are_cut_and_dates_are_turkish() -> None:
    el = etree.fromstring(f"<a>{'9' * 5000}\n\t x</a>")
    assert len(text_of(el)) == 200 and text_of(el, 10) == "9" * 10
    assert text_of(None) == ""
    assert tr_date("2026-11-29") == "29.11.2026"
    assert tr_date("2026-١١-29") == "2026-١١-29"  # not ASCII digits: shown as written
    assert tr_date("29.11.2026") == "29.11.2026"
