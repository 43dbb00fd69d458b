"""Writes the example invoice of every scenario × type Tezgâh issues that has none yet,
composed from one part per scenario and one per type (``docs/examples/invoices/parts/``).

    .venv/bin/python scripts/invoice_examples.py          # list what is missing
    .venv/bin/python scripts/invoice_examples.py --write  # write it, and the README list

A scenario part (``parts/profiles/<PROFILE>.json``) holds the customer and everything the
scenario adds to the invoice (``series``, ``payment``, a kind's block such as ``export``),
``each_line`` (merged into every line, e.g. ``{"hks": {"kunye_no": …}}``) and ``about`` (the
README's words). A type part (``parts/types/<TYPE>.json``) holds the lines and what the type
adds (``return_of``, a kind's block), ``about`` and ``each_line`` too; ``for_profiles`` may
replace any of its keys for one scenario (``{"ENERJI": {"lines": […]}}``). ``properties``
tells the random-invoice tests what to keep: ``{"customer": "fixed"}`` uses the part's customer
instead of a random one (a scenario whose buyer must be foreign, a traveller …). Examples already written by hand are
never overwritten; a composed one may be edited by hand afterwards (it is then kept).
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain import codes  # noqa: E402

EXAMPLES = ROOT / "docs" / "examples" / "invoices"
PARTS = EXAMPLES / "parts"
BEGIN, END = "<!-- composed examples -->", "<!-- /composed examples -->"
FORMAT_DOC = ROOT / "docs" / "invoice-json.md"
MATRIX_BEGIN, MATRIX_END = "<!-- example matrix -->", "<!-- /example matrix -->"
#: keys of a part that are not invoice JSON: the README's words, per-line additions, a type
#: part's per-scenario replacements, and hints for tests/unit/test_invoice_properties.py
META = ("about", "each_line", "for_profiles", "properties")
ORDER = ("profile", "type", "series", "issue_date", "issue_time", "currency", "exchange_rate",
         "customer", "lines", "return_of", "notes")


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        elif key == "notes" and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        else:
            out[key] = copy.deepcopy(value)
    return out


def compose_part(kind: str, code: str) -> dict[str, Any] | None:
    path = PARTS / kind / f"{code}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def compose(profile: str, type_code: str) -> tuple[dict[str, Any], str] | None:
    """The example of a pair and its README words; None when a part is missing."""
    p, t = compose_part("profiles", profile), compose_part("types", type_code)
    if p is None or t is None:
        return None
    t = merge(t, t.get("for_profiles", {}).get(profile, {}))
    about = f"{t.get('about', '')} {p.get('about', '')}".strip()
    each_line = merge(p.pop("each_line", {}), t.pop("each_line", {}))
    for key in META:
        p.pop(key, None)
        t.pop(key, None)
    data = merge(p, t)
    data["profile"], data["type"] = profile, type_code
    data["lines"] = [merge(each_line, ln) for ln in data.get("lines", [])]
    ordered = {k: data[k] for k in ORDER if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    return ordered, about


def pairs() -> list[tuple[str, str]]:
    return [(p.value, t.value) for p, types in codes.ALLOWED_TYPES.items() for t in types]


def main(argv: list[str]) -> int:
    write = "--write" in argv
    missing, unbuildable, listed = [], [], []
    for profile, type_code in pairs():
        name = f"{profile}-{type_code}"
        path = EXAMPLES / f"{name}.json"
        composed = compose(profile, type_code)
        readme_words = composed[1] if composed else ""
        if not path.exists():
            if composed is None:
                unbuildable.append(name)
                continue
            missing.append(name)
            if write:
                path.write_text(json.dumps(composed[0], ensure_ascii=False, indent=2) + "\n",
                                encoding="utf-8")
        listed.append((name, readme_words))
    readme = EXAMPLES / "README.md"
    text = readme.read_text(encoding="utf-8")
    hand = [n for n, _w in listed if f"({n}.json)" in text.split(BEGIN)[0]]
    block = [BEGIN, ""]
    for name, words in listed:
        if name in hand:
            continue
        profile, type_code = name.split("-")
        block.append(f"- [{name}]({name}.json) — {codes.profile_words(profile)} × "
                     f"{codes.type_words(type_code)}{': ' + words if words else ''}")
    block += ["", END]
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + "\n".join(block) + tail
    else:
        text = text.rstrip("\n") + "\n\n## Birleştirilmiş örnekler\n\n" + \
            "Senaryo ve tip parçalarından (`parts/`) `scripts/invoice_examples.py` ile yazıldı.\n\n" + \
            "\n".join(block) + "\n"
    if write:
        readme.write_text(text, encoding="utf-8")
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    new_doc = _with_matrix(doc)
    stale = new_doc != doc
    if write and stale:
        FORMAT_DOC.write_text(new_doc, encoding="utf-8")
    elif stale:
        print("güncel değil: docs/invoice-json.md (örnek tablosu)")
    for name in missing:
        print(("yazıldı: " if write else "eksik: ") + name)
    for name in unbuildable:
        print(f"parçası yok: {name}")
    return 1 if unbuildable or ((missing or stale) and not write) else 0


def _with_matrix(doc: str) -> str:
    """docs/invoice-json.md with its list of examples per scenario rewritten."""
    if MATRIX_BEGIN not in doc:
        return doc
    rows = [MATRIX_BEGIN, "", "| senaryo | tipler (her biri bir örnek dosya) |", "|---|---|"]
    for profile, types in codes.ALLOWED_TYPES.items():
        links = " · ".join(f"[{codes.type_words(t.value)}](examples/invoices/"
                           f"{profile.value}-{t.value}.json)" for t in types)
        rows.append(f"| {codes.profile_words(profile.value)} (`{profile.value}`) | {links} |")
    rows += ["", MATRIX_END]
    head, rest = doc.split(MATRIX_BEGIN, 1)
    return head + "\n".join(rows) + rest.split(MATRIX_END, 1)[1]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
