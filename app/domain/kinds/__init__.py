"""What a scenario (ProfileID) or an invoice type adds to the common invoice.

An IHRACAT invoice carries customs and delivery terms, a YOLCUBERABERFATURA the traveller's
passport and the tax-free intermediary, an HKS line its künye number … Each such addition is
one *kind* in a module of its own beside this one (``export.py``, ``traveller.py`` …), so
that each GİB concept has one place. A kind declares:

- when it applies (a set of profiles, a set of types, or a function of both);
- its fields, on the invoice (JSON: an object under the kind's ``key``) and on each line
  (JSON: an object under the same ``key`` in the line), each with a Turkish label, the input
  the editor shows (text, date, choice, number) and whether it is required;
- optionally ``parse`` / ``parse_line`` to check and normalise the values further (they
  return the values dict with the same keys: the block is kept as that dict on
  ``InvoiceData.kinds[key]`` / ``InvoiceLineData.kinds[key]`` and written back to JSON from
  it), and ``check`` for rules across the whole invoice (e.g. "every line has a künye
  number").

The common reading (types, lengths, characters, required fields, choices) is done here for
every kind, with the same Turkish messages as the rest of the invoice. The UBL side of each
kind is in ``app.ubl.kinds``; the editor builds its sections and line columns from the
fields declared here.

``KINDS`` lists the kinds in the order the editor shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain import fields
from app.domain.errors import UserError
from app.domain.errors import shown as _shown

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData

TEXT, DATE, CHOICE, NUMBER = "text", "date", "choice", "number"


@dataclass(frozen=True)
class KindField:
    """One field a kind adds. ``label`` is what the user reads (Turkish, with the unit or
    format in it when one is expected); ``hint`` is the editor's placeholder / tooltip."""

    key: str
    label: str
    input: str = TEXT  # TEXT, DATE, CHOICE or NUMBER
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (code, words) for CHOICE
    hint: str = ""
    max_len: int = fields.SHORT_TEXT
    places: int = fields.RATE_PLACES  # NUMBER: decimal places accepted


@dataclass(frozen=True)
class Scope:
    """Where a block is being read: the invoice's profile and type codes, and the JSON path
    prefix of the block (for the ``field`` of an error)."""

    profile: str
    type: str
    where: str  # e.g. "export." or "lines[2].hks."
    line_index: int | None = None  # 1-based when reading a line


@dataclass(frozen=True)
class InvoiceKind:
    key: str  # JSON key of the block on the invoice and on its lines
    title: str  # the editor's section title
    profiles: frozenset[str] = frozenset()  # applies in these scenarios …
    types: frozenset[str] = frozenset()  # … or to these invoice types
    when: Callable[[str, str], bool] | None = None  # … or when this says so (profile, type)
    fields: tuple[KindField, ...] = ()
    line_fields: tuple[KindField, ...] = ()
    #: checked invoice-level values → the same keys, normalised (``InvoiceData.kinds[key]``)
    parse: Callable[[dict[str, Any], Scope], dict[str, Any]] | None = None
    #: checked line-level values → the same keys, normalised (``InvoiceLineData.kinds[key]``)
    parse_line: Callable[[dict[str, Any], Scope], dict[str, Any]] | None = None
    #: rules across the whole invoice, after everything is read
    check: Callable[[InvoiceData], None] | None = None
    #: the editor's explanation under the section title
    help: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def applies(self, profile: str, type_code: str) -> bool:
        if self.when is not None:
            return self.when(profile, type_code)
        return profile in self.profiles or type_code in self.types


def _registered() -> tuple[InvoiceKind, ...]:
    # Explicit imports (no discovery): the packaged application must see every module.
    from app.domain.kinds import registry

    return registry.KINDS


def all_kinds() -> tuple[InvoiceKind, ...]:
    return _registered()


def active(profile: str, type_code: str) -> tuple[InvoiceKind, ...]:
    """The kinds an invoice of this scenario and type carries, in the editor's order."""
    return tuple(k for k in _registered() if k.applies(str(profile), str(type_code)))


def read_value(spec: KindField, raw: object, where: str, context: str) -> Any:
    """One field's value, checked: ``""`` / ``None`` when empty."""
    name = f"{where}{spec.key}"
    label = f"{context}{spec.label}"
    if spec.input == DATE:
        if raw in (None, ""):
            return None
        if isinstance(raw, date):
            return raw
        text = raw.strip() if isinstance(raw, str) else ""
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                if len(text) == 10:
                    return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise UserError(f"{label}: '{_shown(raw)}' bir tarih değil; 2026-11-27 ya da "
                        "27.11.2026 yazın.", field=name)
    if spec.input == NUMBER:
        if raw in (None, ""):
            return None
        return fields.number(raw, name, label, places=spec.places)
    value = fields.text(raw, name, label, max_len=spec.max_len)
    if spec.input == CHOICE and value:
        codes_ = [c for c, _w in spec.choices]
        match = next((c for c in codes_ if c.upper() == value.upper()), None)
        if match is None:
            shown = ", ".join(f"{c} ({w})" for c, w in spec.choices[:12])
            raise UserError(f"{label}: '{_shown(value)}' geçersiz; şunlardan biri olmalı: "
                            f"{shown}.", field=name)
        value = match
    return value


def read_block(specs: tuple[KindField, ...], raw: object, scope: Scope, title: str,
               context: str = "") -> dict[str, Any]:
    """The checked values of a block (every declared key present; unknown keys refused)."""
    data = fields.mapping(raw, scope.where.rstrip("."), title) if raw is not None else {}
    known = {s.key for s in specs}
    unknown = sorted(k for k in data if k not in known)
    if unknown:
        raise UserError(f"{context}{title}: '{_shown(unknown[0])}' alanı tanınmıyor; "
                        f"kullanılabilenler: {', '.join(sorted(known))}.",
                        field=f"{scope.where}{unknown[0]}")
    values: dict[str, Any] = {}
    for spec in specs:
        value = read_value(spec, data.get(spec.key), scope.where, context)
        if spec.required and value in (None, ""):
            raise UserError(f"{context}{title}: {spec.label} yazılmalı.",
                            field=f"{scope.where}{spec.key}")
        values[spec.key] = value
    return values


def parse_invoice_blocks(data: Mapping[str, Any], profile: str, type_code: str) -> dict[str, Any]:
    """Every active kind's invoice-level block; a block of a kind that does not apply to
    this scenario and type is refused (it would be silently lost otherwise)."""
    blocks: dict[str, Any] = {}
    active_keys = set()
    for kind in active(profile, type_code):
        active_keys.add(kind.key)
        if not kind.fields and kind.parse is None:
            continue
        scope = Scope(profile, type_code, f"{kind.key}.")
        values = read_block(kind.fields, data.get(kind.key), scope, kind.title)
        blocks[kind.key] = kind.parse(values, scope) if kind.parse else values
    for kind in _registered():
        if kind.key not in active_keys and data.get(kind.key) not in (None, {}, ""):
            raise UserError(f"'{kind.key}' bilgileri ({kind.title}) bu senaryo ve fatura "
                            "tipinde kullanılmaz; kaldırın ya da senaryoyu/tipi değiştirin.",
                            field=kind.key)
    return blocks


def parse_line_blocks(raw: Mapping[str, Any], index: int, profile: str | None,
                      type_code: str) -> dict[str, Any]:
    """Every active kind's block on one line (``index`` 1-based). Without a profile (a
    line being typed before the scenario is known) only type-driven kinds are read."""
    blocks: dict[str, Any] = {}
    context = f"{index}. kalem: "
    for kind in _registered():
        present = raw.get(kind.key) not in (None, {}, "")
        applies = kind.applies(profile or "", type_code) if profile is not None else (
            kind.applies("", type_code) or present)
        if not applies:
            if present and profile is not None:
                raise UserError(f"{context}'{kind.key}' bilgileri ({kind.title}) bu senaryo ve "
                                "fatura tipinde kullanılmaz.",
                                field=f"lines[{index - 1}].{kind.key}")
            continue
        if not kind.line_fields and kind.parse_line is None:
            continue
        scope = Scope(profile or "", type_code, f"lines[{index - 1}].{kind.key}.", index)
        values = read_block(kind.line_fields, raw.get(kind.key), scope, kind.title, context)
        blocks[kind.key] = kind.parse_line(values, scope) if kind.parse_line else values
    return blocks


def check_invoice(invoice: InvoiceData) -> None:
    for kind in active(invoice.profile.value, invoice.type.value):
        if kind.check is not None:
            kind.check(invoice)


def value(block: Any, key: str, default: Any = "") -> Any:
    """A value of a block kept as a plain dict (kinds without a dataclass of their own)."""
    if isinstance(block, Mapping):
        result = block.get(key, default)
        return default if result is None else result
    return getattr(block, key, default)


def to_json(block: Any, specs: tuple[KindField, ...]) -> dict[str, str]:
    """A block back as JSON values (dates ISO, numbers plain), empty values left out."""
    out: dict[str, str] = {}
    for spec in specs:
        v = value(block, spec.key, None)
        if v in (None, ""):
            continue
        if isinstance(v, date):
            out[spec.key] = v.isoformat()
        elif isinstance(v, Decimal):
            out[spec.key] = format(v, "f")
        else:
            out[spec.key] = str(v)
    return out


__all__ = [
    "CHOICE", "DATE", "NUMBER", "TEXT", "InvoiceKind", "KindField", "Scope", "active",
    "all_kinds", "check_invoice", "parse_invoice_blocks", "parse_line_blocks", "read_block",
    "read_value", "to_json", "value",
]
