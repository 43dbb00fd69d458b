"""XPath rewriting helpers of the schematron compiler (:mod:`app.ubl.schematron`).

They read or rewrite the XPath text of GİB's rule contexts and tests without parsing XPath
fully; each is conservative (when unsure it says so and the compiler keeps the plain form):

* :func:`rewrite_code_list_lookups`: GİB's code-list idiom ``contains($List, concat(',', X,
  ','))`` as a hash lookup in a literal map;
* :func:`walk_roots` (with :func:`split_union`): the subtrees a pattern's rules can match in;
* :func:`strip_predicates`, :func:`may_match_attribute`, :func:`may_match_other_nodes`: whether
  a pattern's walk must visit attributes or text/comment/PI nodes.
"""

from __future__ import annotations

import re


def strip_predicates(expr: str) -> str:
    out, depth = [], 0
    for ch in expr:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def may_match_attribute(context: str) -> bool:
    bare = strip_predicates(context)
    return "@" in bare or "attribute::" in bare


def may_match_other_nodes(context: str) -> bool:
    bare = strip_predicates(context)
    return any(k in bare for k in ("text()", "node()", "comment()", "processing-instruction("))


_LOOKUP_HEAD = re.compile(r"contains\(\s*\$([A-Za-z_][\w.-]*)\s*,\s*concat\(\s*','\s*,\s*")
_LOOKUP_TAIL = re.compile(r"\s*,\s*','\s*\)\s*\)")


def literal_string(value: str | None) -> str | None:
    """The string of an XPath string literal (``'…'`` or ``"…"``), else None."""
    if value is None:
        return None
    v = value.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"" and v[0] not in v[1:-1]:
        return v[1:-1]
    return None


def _top_level_arg(expr: str, start: int) -> int | None:
    """Index of the first top-level ',' at or after ``start`` (parentheses, brackets and
    string literals skipped); None when a closing parenthesis comes first."""
    depth, i, n = 0, start, len(expr)
    while i < n:
        ch = expr[i]
        if ch in "'\"":
            end = expr.find(ch, i + 1)
            if end < 0:
                return None
            i = end + 1
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth == 0:
                return None
            depth -= 1
        elif ch == "," and depth == 0:
            return i
        i += 1
    return None


def rewrite_code_list_lookups(expr: str, lists: dict[str, str]) -> str:
    """Rewrite GİB's code-list idiom ``contains($List, concat(',', X, ','))`` into a hash
    lookup ``tz:listed($tz:set-List, $List, concat('', X))`` with the same result.

    ``$List`` is a global let holding a literal ``',A,B,…,'``. For a value without a comma,
    ``',X,'`` occurs in the list exactly when X is one of the segments between two commas, so a
    map of those segments answers the same; a value with a comma falls back to ``contains``.
    Saxon scans a long string slowly (GİB's unit list has 2 000+ codes: ~0.1 ms per test)."""
    out, pos = [], 0
    while True:
        m = _LOOKUP_HEAD.search(expr, pos)
        if m is None:
            break
        name = m.group(1)
        comma = _top_level_arg(expr, m.end()) if name in lists else None
        tail = _LOOKUP_TAIL.match(expr, comma) if comma is not None else None
        if tail is None:
            out.append(expr[pos : m.end()])
            pos = m.end()
            continue
        arg = expr[m.end() : comma]
        out.append(expr[pos : m.start()])
        out.append(f"tz:listed($tz:set-{name}, ${name}, concat('', {arg}))")
        pos = tail.end()
    out.append(expr[pos:])
    return "".join(out)


_QNAME = r"[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?"
_FIRST_STEP = re.compile(rf"^(//)?({_QNAME})(\[.*)?$|^(//)?({_QNAME})(\[[^/]*\])?/.*$", re.S)
_ATTRIBUTE = re.compile(rf"^(?://)?@({_QNAME})$")


def split_union(context: str) -> list[str]:
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(context):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(context[start:i])
            start = i + 1
    parts.append(context[start:])
    return [p.strip() for p in parts]


def walk_roots(contexts: list[str]) -> str | None:
    """An XPath selecting elements whose subtrees hold every node any of ``contexts`` can
    match, or None when a context is too general to tell (then the whole document is walked).

    A pattern ``N/…``, ``N[…]/…``, ``N`` or ``//N…`` only matches N elements or their
    descendants; ``@a`` / ``//@a`` only attributes of elements that have one. For an invoice
    this skips GİB's envelope, ApplicationResponse, user-account and despatch patterns, and the
    "General Rules" visit only the few elements they are about."""
    roots: list[str] = []
    for context in contexts:
        for part in split_union(context):
            attr = _ATTRIBUTE.match(part)
            if attr:
                roots.append(f"//*[@{attr.group(1)}]")
                continue
            m = _FIRST_STEP.match(part)
            if m is None:
                return None
            name = m.group(2) or m.group(5)
            if "::" in part.split("/")[0] or name in ("node", "text", "comment"):
                return None
            roots.append(f"//{name}")
    return " | ".join(dict.fromkeys(roots)) if roots else None


#: The global parameter that stands for XPath's ``current-date()`` in the compiled rules.
TODAY_PARAM = "tezgah-today"
_CURRENT_DATE = re.compile(r"(?<![\w:.-])(?:fn:)?current-date\(\s*\)")


def on_tezgah_clock(expr: str) -> str:
    """``expr`` with XPath's ``current-date()`` read from :data:`TODAY_PARAM` instead.

    GİB's rules use it once (UBL-TR_Common_Schematron: cbc:IssueDate may not be after today)."""
    return _CURRENT_DATE.sub("$" + TODAY_PARAM, expr)
