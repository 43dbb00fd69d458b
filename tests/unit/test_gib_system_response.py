"""System responses (Ek-2): GİB's samples parse; what the simulator builds parses back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.domain.errors import UserError
from app.gib.envelope import EnvelopeParty
from app.gib.system_response import (
    build_system_envelope,
    parse_system_response,
    parse_system_responses,
)

ENVELOPE = "e002da78-223f-438c-addb-16badeb047b5"


@pytest.mark.parametrize(
    ("name", "system_envelope_id"),
    [
        ("1_SISTEM_YANITI_MERKEZ.xml", "c8330dd2-a6df-4335-9ec7-3c62a73a35ca"),
        ("1_SISTEM_YANITI_POSTA_KUTUSU.xml", "159159CF-4E2E-4868-BA42-CD0459DA824F"),
        ("1_SISTEM_YANITI_GTB_POSTA_KUTUSU.xml", None),  # a bare ApplicationResponse
    ],
)
def test_gibs_system_response_samples_parse(efatura_samples_dir: Path, name: str,
                                            system_envelope_id: str | None) -> None:
    res = parse_system_response((efatura_samples_dir / name).read_bytes())
    assert res.envelope_id == ENVELOPE
    assert res.status_code == 1200
    assert res.description == "BASARIYLA ISLENDI"
    assert res.status is not None and res.status.gib_text == "ZARF BASARIYLA ISLENDI"
    assert res.system_envelope_id == system_envelope_id
    assert [ln.line_id for ln in res.lines] == ["0"]
    assert res.document_lines == []  # the only line is about the envelope


def test_merkez_sample_details(efatura_samples_dir: Path) -> None:
    res = parse_system_response((efatura_samples_dir / "1_SISTEM_YANITI_MERKEZ.xml").read_bytes())
    assert res.response_uuid == "74472467-65e3-4e52-ac9f-ef367e8967fc"
    assert res.issue_date == "2013-06-19" and res.issue_time == "14:47:58"


def test_built_system_envelope_round_trips() -> None:
    xml = build_system_envelope(
        envelope_id="6f2b5c1e-1111-4000-8000-000000000001", envelope_date="2026-11-27",
        code=1160, description="XML SEMA KONTROLUNDEN GECEMEDI: ayrıntı & <açıklama>",
        sender=EnvelopeParty("0000000000", "GIB-TEST", "Simülatör"),
        receiver=EnvelopeParty("1288331521", "urn:mail:defaultgb@aaa.com.tr", "AAA"),
        created=datetime(2026, 11, 27, 10, 0, 0), notes=["not"],
        system_envelope_id="6f2b5c1e-2222-4000-8000-000000000002",
    )
    [res] = parse_system_responses(xml)
    assert res.envelope_id == "6f2b5c1e-1111-4000-8000-000000000001"
    assert res.status_code == 1160 and res.description.endswith("& <açıklama>")
    assert res.system_envelope_id == "6f2b5c1e-2222-4000-8000-000000000002"
    assert res.notes == ["not"]
    assert not res.status.success and res.status.final
    assert parse_system_response(xml.decode()).status_code == 1160  # str works too


def test_per_document_lines_are_kept() -> None:
    xml = build_system_envelope(
        envelope_id="6f2b5c1e-1111-4000-8000-000000000001", envelope_date="2026-11-27",
        code=1150, description="SCHEMATRON", sender=EnvelopeParty("0000000000", "GIB"),
        receiver=EnvelopeParty("1288331521", "a"), created=datetime(2026, 11, 27),
    ).replace(
        b"</cac:DocumentResponse>",
        b"<cac:LineResponse><cac:LineReference><cbc:LineID>1</cbc:LineID><cac:DocumentReference>"
        b"<cbc:ID>F47AC10B-58CC-4372-A567-0E02B2C3D479</cbc:ID><cbc:IssueDate>2026-11-27"
        b"</cbc:IssueDate></cac:DocumentReference></cac:LineReference><cac:Response>"
        b"<cbc:ReferenceID>x</cbc:ReferenceID><cbc:ResponseCode>1150</cbc:ResponseCode>"
        b"<cbc:Description>Fatura numarasi hatali</cbc:Description></cac:Response>"
        b"</cac:LineResponse></cac:DocumentResponse>",
    )
    res = parse_system_response(xml)
    assert res.status_code == 1150
    [doc] = res.document_lines
    assert doc.document_id == "F47AC10B-58CC-4372-A567-0E02B2C3D479"
    assert doc.code == 1150 and doc.description == "Fatura numarasi hatali"


def test_not_a_system_response_is_refused(efatura_samples_dir: Path) -> None:
    with pytest.raises(UserError):
        parse_system_response((efatura_samples_dir / "1_TEMEL_FATURA.xml").read_bytes())
    with pytest.raises(UserError):
        parse_system_response(b"<x/>")
