"""A rules package newer than the code is reported: new or dropped scenarios, types and KDV
exemption codes, and History.txt sections after the one Tezgâh was written against."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from app.ubl.rules_novelty import KNOWN_RULES_DATE, history_sections, novelties


def _schematron(gib_unpacked: Path, tmp_path: Path) -> Path:
    target = tmp_path / "schematron"
    shutil.copytree(gib_unpacked / "e-FaturaPaketi" / "schematron", target)
    return target


def test_the_current_package_is_the_one_tezgah_knows(gib_unpacked: Path,
                                                     tmp_path: Path) -> None:
    folder = _schematron(gib_unpacked, tmp_path)
    text = (folder / "History.txt").read_bytes().decode("cp1254")
    assert history_sections(text)[-1][0] == KNOWN_RULES_DATE
    # every scenario, type and KDV exemption code of GİB's lists is known (329–344 without
    # GİB's wording: offered as "İstisna kodu 3xx")
    assert novelties(folder) == []


def test_a_new_exemption_code_is_reported(gib_unpacked: Path, tmp_path: Path) -> None:
    folder = _schematron(gib_unpacked, tmp_path)
    codelist = folder / "UBL-TR_Codelist.xml"
    text = codelist.read_text(encoding="utf-8")
    assert ",344,350," in text
    codelist.write_text(text.replace(",344,350,", ",344,345,350,"), encoding="utf-8")
    found = novelties(folder)
    assert len(found) == 1 and "345" in found[0], found


def test_a_code_without_gib_wording_is_issued_with_its_code_or_the_written_reason() -> None:
    from app.domain.codes import InvoiceType
    from app.domain.invoice import parse_line

    line = parse_line({"name": "Kitap", "unit_price": "10", "kdv_rate": "0",
                       "exemption_code": "335"}, 1, InvoiceType.ISTISNA)
    assert (line.exemption_code, line.exemption_reason) == ("335", "İstisna kodu 335")
    line = parse_line({"name": "Kitap", "unit_price": "10", "kdv_rate": "0",
                       "exemption_code": "335", "exemption_reason": "Kanundaki ifade"}, 1,
                      InvoiceType.ISTISNA)
    assert line.exemption_reason == "Kanundaki ifade"


def test_a_newer_package_says_what_is_new(gib_unpacked: Path, tmp_path: Path) -> None:
    folder = _schematron(gib_unpacked, tmp_path)
    codelist = folder / "UBL-TR_Codelist.xml"
    text = codelist.read_text(encoding="utf-8")
    text = text.replace(",IDIS,'\"", ",IDIS,YENISENARYO,'\"", 1)
    text = text.replace(",YTBTEVKIFATIADE,'\"", ",YTBTEVKIFATIADE,YENITIP,'\"", 1)
    text = text.replace(",SATIS,IADE,", ",SATIS,", 1)
    codelist.write_text(text, encoding="utf-8")
    history = folder / "History.txt"
    history.write_bytes(history.read_bytes() + "\r\n20261201\r\n----------\r\n1) YeniKuralCheck "
                        "eklendi.\r\n".encode("cp1254"))
    found = " | ".join(novelties(folder))
    assert "bilmediği senaryo (ProfileID): YENISENARYO" in found
    assert "bilmediği fatura tipi (InvoiceTypeCode): YENITIP" in found
    assert "artık olmayan fatura tipi (InvoiceTypeCode): IADE" in found
    assert "01.12.2026 tarihli kural değişiklikleri" in found and "YeniKuralCheck" in found


def test_sections_are_read_with_their_dates() -> None:
    text = "20260109\n----\n1) A eklendi.\n2) B\n\n20260312\n----------\n1) C\n"
    assert history_sections(text) == [(date(2026, 1, 9), ["1) A eklendi.", "2) B"]),
                                      (date(2026, 3, 12), ["1) C"])]
