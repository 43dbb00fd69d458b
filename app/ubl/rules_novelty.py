"""What an installed GİB rules package says that this version of Tezgâh does not know.

GİB changes its code lists and rules a few times a year (``schematron/History.txt``). The
installed package always decides validation — an invoice is checked against GİB's current
rules — but a new scenario, invoice type or exemption code needs Tezgâh to know it before it
can be issued. So after a rules install or update, and when the rules are shown, what the
package adds or drops compared with what Tezgâh was written for is reported in Turkish
instead of being half-applied silently:

- ProfileIDs and InvoiceTypeCodes of ``UBL-TR_Codelist.xml`` against ``app.domain.combinations``;
- the KDV exemption, special-base and export-registered codes (3xx, 7xx, 8xx, 555) of
  ``TaxExemptionReasonCodeType`` against ``app.domain.codes``;
- ``History.txt`` sections newer than ``KNOWN_RULES_DATE`` (their items, as GİB wrote them).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from app.domain import codes, combinations

#: The newest ``History.txt`` section this version of Tezgâh was written against.
KNOWN_RULES_DATE = date(2026, 3, 12)

CODELIST = "UBL-TR_Codelist.xml"
HISTORY = "History.txt"
_LET_RE = r'<sch:let\s+name="{name}"\s+value="\'([^\']*)\'"'
_SECTION_RE = re.compile(r"^[ \t\r]*(20[0-9]{6})[ \t\r]*$", re.MULTILINE | re.ASCII)


def _codes_of(text: str, name: str) -> list[str]:
    match = re.search(_LET_RE.format(name=re.escape(name)), text)
    if match is None:
        return []
    return [c for c in match.group(1).split(",") if c]


def _known_exemption_codes() -> set[str]:
    return (set(codes.exemption_codes_with_unnamed()) | set(codes.SPECIAL_BASE_CODES)
            | set(codes.EXPORT_REGISTERED_CODES) | {codes.DEMIRBAS_KDV_CODE})


def _kdv_range(code: str) -> bool:
    """The KDV exemption families Tezgâh offers on lines (3xx, 7xx, 8xx) and 555."""
    return code == codes.DEMIRBAS_KDV_CODE or (len(code) == 3 and code[0] in "378")


def history_sections(text: str) -> list[tuple[date, list[str]]]:
    """``History.txt`` as (date, items) per section, oldest first."""
    marks = list(_SECTION_RE.finditer(text))
    sections = []
    for i, mark in enumerate(marks):
        body = text[mark.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        items = [line.strip() for line in body.splitlines()
                 if line.strip() and not set(line.strip()) <= {"-"}]
        try:
            day = date(int(mark.group(1)[:4]), int(mark.group(1)[4:6]), int(mark.group(1)[6:]))
        except ValueError:
            continue
        sections.append((day, items))
    return sections


def _read(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8", "cp1254"):  # GİB's History.txt is Windows-1254
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def novelties(schematron_dir: Path) -> list[str]:
    """Turkish sentences about what the package in ``schematron_dir`` adds or drops compared
    with what Tezgâh knows; empty when there is nothing of the kind."""
    out: list[str] = []
    codelist = Path(schematron_dir) / CODELIST
    if codelist.is_file():
        text = _read(codelist)
        profiles = _codes_of(text, "ProfileIDType") + _codes_of(text, "ProfileIDTypeEarchive")
        types = _codes_of(text, "InvoiceTypeCodeList")
        exemptions = [c for c in _codes_of(text, "TaxExemptionReasonCodeType") if _kdv_range(c)]
        for what, found, known in (("senaryo (ProfileID)", profiles, combinations.GIB_PROFILES),
                                   ("fatura tipi (InvoiceTypeCode)", types,
                                    combinations.GIB_TYPES)):
            if not found:
                continue
            new = [c for c in found if c not in known]
            gone = [c for c in known if c not in found]
            if new:
                out.append(f"GİB'in kural paketinde Tezgâh'ın bu sürümünün bilmediği {what}: "
                           f"{', '.join(new)}. Bunlarla fatura kesilemez; Tezgâh'ın yeni "
                           "sürümünü bekleyin.")
            if gone:
                out.append(f"GİB'in kural paketinde artık olmayan {what}: {', '.join(gone)}. "
                           "Bunlarla kesilen faturaları GİB'in kuralları reddeder.")
        if exemptions:
            known_ex = _known_exemption_codes()
            new_ex = [c for c in exemptions if c not in known_ex]
            gone_ex = sorted(c for c in known_ex if c not in exemptions)
            if new_ex:
                out.append("GİB'in kural paketinde Tezgâh'ın bilmediği KDV istisna/muafiyet "
                           f"kodları: {', '.join(new_ex)}.")
            if gone_ex:
                out.append("GİB'in kural paketinde artık olmayan KDV istisna/muafiyet kodları: "
                           f"{', '.join(gone_ex)}; bunları kullanan faturalar reddedilir.")
    history = Path(schematron_dir) / HISTORY
    if history.is_file():
        for day, items in history_sections(_read(history)):
            if day > KNOWN_RULES_DATE:
                shown = "; ".join(items[:8]) + (" …" if len(items) > 8 else "")
                out.append(f"GİB'in {day:%d.%m.%Y} tarihli kural değişiklikleri Tezgâh'ın bu "
                           f"sürümünden yeni (kurallar uygulanıyor, Tezgâh'ın bunlara göre "
                           f"güncellenmesi gerekebilir): {shown}")
    return out
