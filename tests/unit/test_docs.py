"""The documented invoice JSON: the example fits the schema and Tezgâh accepts it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema

from app.domain.invoice import InvoiceData

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_example_matches_the_schema_and_is_accepted() -> None:
    schema = json.loads((DOCS / "invoice.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    example = json.loads((DOCS / "invoice-example.json").read_text(encoding="utf-8"))
    jsonschema.validate(example, schema)
    invoice = InvoiceData.from_json(json.loads(
        (DOCS / "invoice-example.json").read_text(encoding="utf-8"), parse_float=Decimal))
    assert invoice.series == "TZG" and len(invoice.lines) == 2


def test_schema_rejects_what_tezgah_rejects() -> None:
    schema = json.loads((DOCS / "invoice.schema.json").read_text(encoding="utf-8"))
    example = json.loads((DOCS / "invoice-example.json").read_text(encoding="utf-8"))
    for broken in ({**example, "series": "TOOLONG"}, {**example, "lines": []},
                   {**example, "profile": "ORNEKSENARYO"}, {**example, "type": "ORNEKTIP"}):
        try:
            jsonschema.validate(broken, schema)
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"schema accepted {broken}")


def test_schema_lists_exactly_the_profiles_and_types_tezgah_issues() -> None:
    from app.domain.codes import InvoiceType, Profile

    schema = json.loads((DOCS / "invoice.schema.json").read_text(encoding="utf-8"))
    props = schema["properties"]
    assert props["profile"]["enum"] == [p.value for p in Profile]
    assert props["type"]["enum"] == [t.value for t in InvoiceType]
