"""Electric vehicle charging: the ENERJI scenario with the SARJ and SARJANLIK invoice types.

GİB's rules (``UBL-TR_Common_Schematron.xml``): in e-Fatura the ENERJI scenario carries
exactly the types SARJ and SARJANLIK, and these types need ENERJI (``InvoiceTypeCodeCheck``,
``type`` = ``efatura``); an e-Arşiv invoice (EARSIVFATURA) may be SARJ or SARJANLIK as well.
A charging invoice may also carry withholding (``GeneralWithholdingTaxTotalCheck`` lists
SARJ and SARJANLIK). The schematron asks for no other element of these types; what a charging
invoice says is taken from GİB's samples ``SARJ.xml`` and ``SARJANLIK.xml``:

- the charging period (``cac:InvoicePeriod``: start and end date and time) — both samples;
- the vehicle: its plate and its identity number as the buyer's ``PartyIdentification``
  with schemeID ``PLAKA`` and ``ARACKIMLIKNO`` (both in GİB's ``PartyIdentificationIDType``);
- the charging unit's report (``AdditionalDocumentReference/ID`` schemeID ``ESURaporID``,
  dated the period's start) — the SARJ sample;
- per line, the serial number of the unit (``Item/ItemInstance/SerialID``) — the SARJANLIK
  sample.

Tezgâh asks for the period (a charging invoice says when the energy was delivered); the rest
is written when given. The UBL side is ``app.ubl.kinds.energy``.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from app.domain.errors import UserError
from app.domain.errors import shown as _shown
from app.domain.kinds import DATE, InvoiceKind, KindField, Scope

KEY = "charging"
PROFILE = "ENERJI"
TYPES = frozenset({"SARJ", "SARJANLIK"})

_TIME_RE = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2}))?", re.ASCII)
# GİB's sample writes "06GIB06"; a plate is letters and digits (foreign plates too)
_PLATE_RE = re.compile(r"[A-Z0-9]{2,15}", re.ASCII)
_DOTLESS = str.maketrans({"i": "I", "ı": "I", "İ": "I"})  # plates use the Latin letters
_REF_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}", re.ASCII)

FIELDS = (
    KindField("start_date", "Şarj başlangıç tarihi", DATE, required=True),
    KindField("start_time", "Şarj başlangıç saati (SS:DD)", hint="Örnek: 06:00", max_len=8),
    KindField("end_date", "Şarj bitiş tarihi", DATE, required=True),
    KindField("end_time", "Şarj bitiş saati (SS:DD)", hint="Örnek: 07:30", max_len=8),
    KindField("plate", "Araç plakası", hint="Örnek: 06 ABC 123", max_len=20),
    KindField("vehicle_id", "Araç kimlik no", hint="Şarj ağının araca verdiği numara",
              max_len=35),
    KindField("report_id", "Şarj ünitesi rapor no (ESURaporID)",
              hint="Şarj ünitesinin dönem raporunun numarası", max_len=64),
)
LINE_FIELDS = (
    KindField("serial", "Şarj ünitesi seri no", hint="Şarjın yapıldığı ünitenin seri numarası",
              max_len=35),
)


def _time(value: str, field: str, label: str) -> str:
    """``6:00``, ``06.00``, ``06:00:00`` → ``06:00:00`` (xsd:time, as GİB's samples)."""
    if not value:
        return ""
    m = _TIME_RE.fullmatch(value.strip())
    if m is not None:
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second).strftime("%H:%M:%S")
    raise UserError(f"{label}: '{_shown(value)}' bir saat değil; saati SS:DD biçiminde yazın "
                    "(örnek: 06:00 ya da 23:59).", field=field)


def plate_text(value: str) -> str:
    """A plate as written on the invoice: capitals, no spaces or dashes (``06 abc 123`` →
    ``06ABC123``)."""
    return re.sub(r"[\s-]+", "", value).translate(_DOTLESS).upper()


def _parse(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    w = scope.where
    out = dict(values)
    out["start_time"] = _time(values["start_time"], f"{w}start_time",
                              "Şarj başlangıç saati")
    out["end_time"] = _time(values["end_time"], f"{w}end_time", "Şarj bitiş saati")
    start = datetime.combine(out["start_date"], time.fromisoformat(out["start_time"] or "00:00"))
    end = datetime.combine(out["end_date"], time.fromisoformat(out["end_time"] or "23:59:59"))
    if end < start:
        raise UserError("Şarj bitişi başlangıcından önce olamaz: bitiş tarihini ve saatini "
                        "başlangıçtan sonraya yazın.", field=f"{w}end_date")
    if values["plate"]:
        plate = plate_text(values["plate"])
        if not _PLATE_RE.fullmatch(plate):
            raise UserError(f"Araç plakası: '{_shown(values['plate'])}' geçerli bir plaka "
                            "değil; yalnızca harf ve rakam yazın (örnek: 06 ABC 123).",
                            field=f"{w}plate")
        out["plate"] = plate
    for key, label in (("vehicle_id", "Araç kimlik no"),
                       ("report_id", "Şarj ünitesi rapor no")):
        if values[key] and not _REF_RE.fullmatch(values[key]):
            raise UserError(f"{label}: '{_shown(values[key])}' geçersiz; harf, rakam ve - . / _ "
                            "dışında karakter ve boşluk olmadan yazın.", field=f"{w}{key}")
    return out


def _parse_line(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    serial = values["serial"]
    if serial and not _REF_RE.fullmatch(serial):
        raise UserError(f"{scope.line_index}. kalem: şarj ünitesi seri no '{_shown(serial)}' "
                        "geçersiz; harf, rakam ve - . / _ dışında karakter ve boşluk olmadan "
                        "yazın.", field=f"{scope.where}serial")
    return dict(values)


KIND = InvoiceKind(
    key=KEY,
    title="Elektrikli araç şarjı",
    profiles=frozenset({PROFILE}),
    types=TYPES,
    fields=FIELDS,
    line_fields=LINE_FIELDS,
    parse=_parse,
    parse_line=_parse_line,
    help=("Şarj faturası (SARJ: dönemlik, SARJANLIK: tek şarj) şarjın yapıldığı dönemi "
          "gösterir; plaka ve araç kimlik no alıcının bilgilerine, rapor no faturaya, seri no "
          "kaleme yazılır. e-Fatura kullanıcısına ENERJI senaryosuyla, diğer alıcılara "
          "e-Arşiv faturayla kesilir."),
)

KINDS = (KIND,)

__all__ = ["KEY", "KIND", "KINDS", "PROFILE", "TYPES", "plate_text"]
