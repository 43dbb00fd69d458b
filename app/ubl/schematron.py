"""GİB's ISO Schematron compiled to an XSLT 2.0 stylesheet (run with Saxon, saxonche).

GİB's business rules (``UBL-TR_Main_Schematron.xml``) use XPath 2.0, so lxml's XSLT 1.0 cannot
run them. This module is a small Schematron compiler of its own (its XPath rewriting helpers are
in :mod:`app.ubl.schematron_rewrite`; the cache of compiled stylesheets, Saxon and the SVRL
results in :mod:`app.ubl.schematron_runtime`):

* ``sch:include href="file#id"`` is replaced by the element with that id in the file (GİB
  includes the ``codes`` pattern of ``UBL-TR_Codelist.xml`` and the ``abstracts`` pattern of
  ``UBL-TR_Common_Schematron.xml``); without a fragment, by the file's root element.
* ``sch:ns`` become namespace declarations of the stylesheet; ``xs`` is always declared
  (GİB's rules call ``xs:date`` without declaring it — gib README).
* ``sch:let`` at schema level becomes a global ``xsl:param`` (so ``type`` can be passed:
  GİB's ``Açıklamalar.txt`` — ``type`` is ``efatura`` or ``earchive``); at pattern level a global
  ``xsl:variable`` (GİB's code lists are pattern lets used by rules of other patterns); at rule
  level a local variable evaluated with the rule's context node, declared before the rule's
  checks (as the ISO skeleton does), so extended abstract rules see it too.
* Abstract rules (``abstract="true"``) are expanded where a rule says ``sch:extends rule="…"``
  (recursively): each becomes one named template called by every rule that extends it, or is
  copied inline when a rule-level let is in scope.
* Each pattern gets its own mode; its rules become templates with descending priorities, so a
  node is fired by the *first* rule of the pattern whose context matches it (ISO Schematron
  §6.5 — the same technique as the ISO skeleton).
* GİB's main schematron also has a few rules directly under ``sch:schema`` (the "General
  Rules": currency, unit, country codes, IssueDate …). They are treated as one extra pattern
  ("general").
* ``sch:assert`` fires when its test is false, ``sch:report`` when it is true; messages keep
  ``sch:value-of`` and ``sch:name``.

Three things make it fast and sturdy without changing any result (a test compares them with the
plain compilation on GİB's samples); each can be switched off:

* ``optimise_code_lists``: GİB tests codes as ``contains($List, concat(',', X, ','))`` against
  lists of up to 2 000 codes, which Saxon scans slowly; those become hash lookups in literal
  XPath 3.1 maps (see :func:`rewrite_code_list_lookups`).
* ``restrict_walks``: a pattern walks only the subtrees that can hold a match (see
  :func:`walk_roots`) instead of the whole document.
* ``catch_errors``: each check runs in ``xsl:try``; a rule that raises a dynamic error (GİB's
  DespatchCarrierDriverCheck does on some samples) is reported as failed and the others still
  run.

The maps and ``xsl:try`` are XPath 3.1 / XSLT 3.0, so the stylesheet then declares version 3.0
(Saxon 12+ is an XSLT 3.0 processor); with those two off it is plain XSLT 2.0.

The result is SVRL (``svrl:failed-assert`` / ``svrl:successful-report`` with ``location`` as an
XPath with the schematron's own prefixes, ``pattern``, ``context`` and ``rule-id`` — the
abstract rule the check came from).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from app.domain.errors import UserError
from app.ubl.schematron_rewrite import (
    TODAY_PARAM,
    literal_string,
    may_match_attribute,
    may_match_other_nodes,
    on_tezgah_clock,
    rewrite_code_list_lookups,
    walk_roots,
)

# Bump whenever the generated stylesheet changes: it is part of the cache key.
COMPILER_VERSION = "tezgah-sch-7"

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
SVRL = "http://purl.oclc.org/dsdl/svrl"
XS = "http://www.w3.org/2001/XMLSchema"
TZ = "urn:tezgah:schematron"  # namespace of the stylesheet's own helper functions
MAP_NS = "http://www.w3.org/2005/xpath-functions/map"
ERR_NS = "http://www.w3.org/2005/xqt-errors"

_SCH_NS = {"sch": SCH}


class SchematronError(UserError):
    """The schematron itself cannot be read or compiled."""


def _x(local: str) -> str:
    return f"{{{XSL}}}{local}"


def _s(local: str) -> str:
    return f"{{{SVRL}}}{local}"


def _is_sch(el: etree._Element, local: str) -> bool:
    return isinstance(el.tag, str) and el.tag == f"{{{SCH}}}{local}"


def _parse_file(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        return etree.parse(str(path), parser)
    except (OSError, etree.XMLSyntaxError) as exc:
        raise SchematronError(f"Şematron dosyası okunamadı: {path.name} ({exc})") from exc


# ---------------------------------------------------------------------------------------------
# Includes


def _split_href(href: str) -> tuple[str, str | None]:
    if "#" in href:
        file_part, frag = href.split("#", 1)
        return file_part, frag or None
    return href, None


def source_files(main: Path) -> list[Path]:
    """The main schematron and every file it includes, recursively, in a stable order."""
    seen: list[Path] = []

    def walk(path: Path) -> None:
        path = path.resolve()
        if path in seen:
            return
        seen.append(path)
        tree = _parse_file(path)
        for inc in tree.getroot().iter(f"{{{SCH}}}include"):
            file_part, _ = _split_href(inc.get("href", ""))
            if file_part:
                walk(path.parent / file_part)

    walk(Path(main))
    return seen


def sources_digest(main: Path) -> str:
    """sha256 of the schematron sources and the compiler version: the compiled-cache key."""
    h = hashlib.sha256(COMPILER_VERSION.encode())
    for path in source_files(main):
        h.update(b"\0" + path.name.encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def _resolve_includes(el: etree._Element, base: Path, depth: int = 0) -> None:
    if depth > 20:
        raise SchematronError("Şematron dosyaları birbirini sonsuz döngüyle içeriyor.")
    for inc in list(el.iter(f"{{{SCH}}}include")):
        file_part, frag = _split_href(inc.get("href", ""))
        target_path = (base.parent / file_part) if file_part else base
        doc = _parse_file(target_path).getroot()
        if frag is None:
            found = doc
        else:
            found = next((e for e in doc.iter() if e.get("id") == frag), None)
            if found is None:
                raise SchematronError(
                    f"Şematron eklemesi çözülemedi: '{inc.get('href')}' ({frag} bulunamadı)."
                )
        copy = etree.fromstring(etree.tostring(found))
        _resolve_includes(copy, target_path, depth + 1)
        copy.tail = inc.tail
        inc.getparent().replace(inc, copy)


# ---------------------------------------------------------------------------------------------
# Compilation


@dataclass
class _Check:
    kind: str  # "assert" | "report"
    el: etree._Element
    origin: str  # the abstract rule's id, or the rule's own id


class _Compiler:
    def __init__(
        self,
        main: Path,
        *,
        optimise_code_lists: bool = True,
        restrict_walks: bool = True,
        catch_errors: bool = True,
    ) -> None:
        self.main = Path(main)
        self.restrict_walks = restrict_walks
        self.catch_errors = catch_errors
        root = _parse_file(self.main).getroot()
        if root.tag != f"{{{SCH}}}schema":
            raise SchematronError(f"{self.main.name} bir ISO Schematron şeması değil.")
        _resolve_includes(root, self.main)
        self.schema = root
        self.abstracts: dict[str, etree._Element] = {}
        for rule in root.iter(f"{{{SCH}}}rule"):
            if rule.get("abstract") == "true":
                rid = rule.get("id")
                if not rid:
                    raise SchematronError("Şematronda kimliği (id) olmayan soyut kural var.")
                self.abstracts[rid] = rule
        self.namespaces: dict[str, str] = {}
        for ns in root.iter(f"{{{SCH}}}ns"):
            prefix, uri = ns.get("prefix"), ns.get("uri")
            if prefix and uri is not None:
                self.namespaces.setdefault(prefix, uri)
        self.namespaces.setdefault("xs", XS)
        # Global lets holding literal code lists (schema- or pattern-level), unless a rule-level
        # let or a range variable could shadow the name.
        local_names = {
            let.get("name")
            for rule in root.iter(f"{{{SCH}}}rule")
            for let in rule.iter(f"{{{SCH}}}let")
        }
        self.code_lists: dict[str, str] = {}
        if optimise_code_lists:
            for let in root.iter(f"{{{SCH}}}let"):
                parent = let.getparent()
                name, text = let.get("name"), literal_string(let.get("value"))
                if (
                    text is not None
                    and name not in local_names
                    and parent is not None
                    and (_is_sch(parent, "schema") or _is_sch(parent, "pattern"))
                    and text.count(",") >= 2
                ):
                    self.code_lists[name] = text
            range_vars = set(
                re.findall(
                    r"(?:for|some|every|let)\s+\$([\w.-]+)",
                    " ".join(e.get("test", "") for e in root.iter()),
                )
            )
            for name in range_vars:
                self.code_lists.pop(name, None)

    # -- messages ---------------------------------------------------------------------------

    def _message(self, parent: etree._Element, out: etree._Element) -> None:
        """Copy the mixed content of an assert/report as XSLT instructions into ``out``."""

        def text(value: str | None) -> None:
            if value:
                etree.SubElement(out, _x("text")).text = value

        text(parent.text)
        for child in parent:
            if not isinstance(child.tag, str):
                text(child.tail)
                continue
            if _is_sch(child, "value-of"):
                etree.SubElement(out, _x("value-of"), select=child.get("select", "."))
            elif _is_sch(child, "name"):
                path = child.get("path")
                select = f"name({path})" if path else "name(.)"
                etree.SubElement(out, _x("value-of"), select=select)
            else:  # sch:emph, sch:dir, sch:span, foreign elements: their text
                self._message(child, out)
            text(child.tail)

    # -- rules ------------------------------------------------------------------------------

    def _abstract(self, ref: str | None, stack: tuple[str, ...]) -> etree._Element:
        if ref is None:
            raise SchematronError("sch:extends yalnızca rule= ile desteklenir.")
        if ref in stack:
            raise SchematronError(f"Soyut kural kendini genişletiyor: {ref}")
        target = self.abstracts.get(ref)
        if target is None:
            raise SchematronError(f"Şematronda '{ref}' soyut kuralı bulunamadı.")
        return target

    def _body(
        self,
        rule: etree._Element,
        out: etree._Element,
        origin: str,
        stack: tuple[str, ...],
        lets_in_scope: bool,
    ) -> None:
        """Emit a rule's lets (first, as the ISO skeleton does: visible to every check of the
        rule, extended ones included), then its asserts, reports and extends in order.

        An extended abstract rule becomes a call of a named template shared by every rule that
        extends it — unless a rule-level let is in scope, which the abstract rule's checks may
        use: then it is copied inline (ISO: extends includes the abstract rule's content)."""
        children = [c for c in rule if isinstance(c.tag, str)]
        lets = [c for c in children if _is_sch(c, "let")]
        for let in lets:
            self._variable(let, "variable", out)
        lets_in_scope = lets_in_scope or bool(lets)
        for child in children:
            if _is_sch(child, "assert") or _is_sch(child, "report"):
                kind = "assert" if _is_sch(child, "assert") else "report"
                self._check(_Check(kind, child, origin), out)
            elif _is_sch(child, "extends"):
                ref = child.get("rule")
                target = self._abstract(ref, stack)
                if lets_in_scope:
                    self._body(target, out, ref, (*stack, ref), True)
                else:
                    call = etree.SubElement(out, _x("call-template"), name=self._named(ref))
                    for param in ("tz:ctx", "tz:pat"):
                        etree.SubElement(call, _x("with-param"), name=param, select=f"${param}")

    def _named(self, ref: str) -> str:
        """The named template holding abstract rule ``ref`` (generated on first use)."""
        name = self._named_templates.get(ref)
        if name is None:
            name = f"tz:abstract-{len(self._named_templates) + 1}"
            self._named_templates[ref] = name
            tpl = etree.SubElement(self._sheet, _x("template"), name=name)
            etree.SubElement(tpl, _x("param"), name="tz:ctx")
            etree.SubElement(tpl, _x("param"), name="tz:pat")
            self._body(self.abstracts[ref], tpl, ref, (ref,), False)
        return name

    def _variable(self, let: etree._Element, tag: str, parent: etree._Element) -> None:
        var = etree.SubElement(parent, _x(tag), name=let.get("name"))
        if let.get("value") is not None:
            var.set("select", on_tezgah_clock(let.get("value")))
        else:  # a let with content: its content is the value
            for child in let:
                var.append(etree.fromstring(etree.tostring(child)))
            var.text = let.text

    def _result(self, check: _Check, parent: etree._Element, tag: str) -> etree._Element:
        res = etree.SubElement(parent, _s(tag))
        for name, value in (
            ("test", check.el.get("test", "true()")),
            ("rule-id", check.origin),
            ("id", check.el.get("id") or ""),
            ("role", check.el.get("role") or check.el.get("flag") or ""),
        ):
            if value:  # a literal result attribute is an AVT: double the braces
                res.set(name, value.replace("{", "{{").replace("}", "}}"))
        etree.SubElement(res, _x("attribute"), name="pattern", select="$tz:pat")
        etree.SubElement(res, _x("attribute"), name="context", select="$tz:ctx")
        etree.SubElement(res, _x("attribute"), name="location", select="tz:path(.)")
        return res

    def _check(self, check: _Check, parent: etree._Element) -> None:
        test = check.el.get("test", "true()")
        # A dynamic error in one rule (e.g. GİB's string() on two cbc:FirstName) must not lose
        # every other result: with catch_errors it is reported as a failure of that rule.
        wrapper = etree.SubElement(parent, _x("try")) if self.catch_errors else parent
        choose = etree.SubElement(wrapper, _x("choose"))
        fast = rewrite_code_list_lookups(test, self.code_lists) if self.code_lists else test
        fast = on_tezgah_clock(fast)
        when = etree.SubElement(choose, _x("when"), test=fast)
        if check.kind == "assert":
            target = etree.SubElement(choose, _x("otherwise"))
            tag = "failed-assert"
        else:
            target = when
            tag = "successful-report"
        res = self._result(check, target, tag)
        txt = etree.SubElement(res, _s("text"))
        self._message(check.el, txt)
        if self.catch_errors:
            catch = etree.SubElement(wrapper, _x("catch"))
            call = etree.SubElement(catch, _x("call-template"), name="tz:rule-error")
            lit = (check.origin or "").replace("'", "''")
            etree.SubElement(call, _x("with-param"), name="rule", select=f"'{lit}'")
            etree.SubElement(call, _x("with-param"), name="code", select="string($err:code)")
            etree.SubElement(call, _x("with-param"), name="description", select="$err:description")
            for param in ("tz:ctx", "tz:pat"):
                etree.SubElement(call, _x("with-param"), name=param, select=f"${param}")

    def _rule_error_template(self, sheet: etree._Element) -> None:
        """What a rule that raised a dynamic error reports (called from its xsl:catch)."""
        tpl = etree.SubElement(sheet, _x("template"), name="tz:rule-error")
        for name in ("rule", "code", "description", "tz:ctx", "tz:pat"):
            etree.SubElement(tpl, _x("param"), name=name)
        res = etree.SubElement(tpl, _s("failed-assert"))
        for name, select in (
            ("rule-id", "$rule"),
            ("error", "$code"),
            ("pattern", "$tz:pat"),
            ("context", "$tz:ctx"),
            ("location", "tz:path(.)"),
        ):
            etree.SubElement(res, _x("attribute"), name=name, select=select)
        txt = etree.SubElement(res, _s("text"))
        etree.SubElement(txt, _x("value-of"), select=(
            "concat('GİB şematron kuralı (', $rule, ') bu belgede değerlendirilemedi: ', "
            "$description)"
        ))

    def compile(self) -> str:
        nsmap = {"xsl": XSL, "svrl": SVRL, "tz": TZ}
        if self.code_lists:
            nsmap["map"] = MAP_NS
        if self.catch_errors:
            nsmap["err"] = ERR_NS
        for prefix, uri in self.namespaces.items():
            if prefix not in nsmap:
                nsmap[prefix] = uri
        sheet = etree.Element(
            _x("stylesheet"),
            nsmap=nsmap,
            # XSLT 2.0 throughout; the code-list maps (XPath 3.1) and xsl:try (XSLT 3.0) make it
            # declare 3.0 (Saxon 12+ is an XSLT 3.0 processor).
            version="3.0" if (self.code_lists or self.catch_errors) else "2.0",
            attrib={"exclude-result-prefixes": " ".join(p for p in nsmap if p not in ("svrl",))},
        )
        etree.SubElement(sheet, _x("output"), method="xml", indent="no", encoding="UTF-8")
        # "Today" for rules such as cbc:IssueDate ≤ current-date(): passed in from Tezgâh's
        # clock (Türkiye's date), not Saxon's system clock in the computer's zone.
        etree.SubElement(sheet, _x("param"), name=TODAY_PARAM, select="current-date()",
                         attrib={"as": "xs:date"})
        self._sheet = sheet
        self._named_templates: dict[str, str] = {}

        # Patterns in document order; rules directly under sch:schema form one extra pattern.
        patterns: list[tuple[str, list[etree._Element], list[etree._Element]]] = []
        loose_rules: list[etree._Element] = []
        global_names: set[str] = set()

        def declare(let: etree._Element, tag: str) -> None:
            name = let.get("name")
            if name in global_names:
                raise SchematronError(f"Şematronda '{name}' değişkeni iki kez tanımlanmış.")
            global_names.add(name)
            self._variable(let, tag, sheet)

        for child in self.schema:
            if not isinstance(child.tag, str):
                continue
            if _is_sch(child, "let"):
                declare(child, "param")
            elif _is_sch(child, "pattern"):
                if child.get("abstract") == "true":
                    raise SchematronError("Soyut şematron desenleri (pattern) desteklenmiyor.")
                lets = [c for c in child if isinstance(c.tag, str) and _is_sch(c, "let")]
                rules = [
                    c
                    for c in child
                    if isinstance(c.tag, str) and _is_sch(c, "rule") and c.get("abstract") != "true"
                ]
                for let in lets:
                    declare(let, "variable")
                pid = child.get("id") or f"pattern-{len(patterns) + 1}"
                patterns.append((pid, rules, lets))
            elif _is_sch(child, "rule") and child.get("abstract") != "true":
                loose_rules.append(child)
        if loose_rules:
            patterns.append(("general", loose_rules, []))

        self._helpers(sheet)
        if self.catch_errors:
            self._rule_error_template(sheet)
        if self.code_lists:
            self._code_list_maps(sheet)

        root_tpl = etree.SubElement(sheet, _x("template"), match="/")
        out = etree.SubElement(root_tpl, _s("schematron-output"))
        for index, (pid, rules, _lets) in enumerate(patterns):
            if not rules:
                continue
            mode = f"tz:p{index}"
            contexts = [r.get("context", "") for r in rules]
            roots = walk_roots(contexts) if self.restrict_walks else None
            if roots is None:
                etree.SubElement(out, _x("apply-templates"), select="/", mode=mode)
            else:
                # Walk only the subtrees that can hold a match: the outermost candidates.
                var = f"tz:r{index}"
                etree.SubElement(out, _x("variable"), name=var, select=roots)
                etree.SubElement(
                    out, _x("apply-templates"), select=f"${var} except ${var}/descendant::*",
                    mode=mode,
                )
            visit_attrs = any(may_match_attribute(c) for c in contexts)
            visit_other = any(may_match_other_nodes(c) for c in contexts)
            children = "node()" if visit_other else "*"
            visit = f"@*|{children}" if visit_attrs else children

            n = len(rules)
            for pos, rule in enumerate(rules):
                context = rule.get("context")
                if not context:
                    raise SchematronError(f"'{pid}' desenindeki bir kuralın context'i yok.")
                label = rule.get("id") or context
                tpl = etree.SubElement(
                    sheet, _x("template"), match=context, mode=mode, priority=str(1000 + n - pos)
                )
                for param, value in (("tz:ctx", label), ("tz:pat", pid)):
                    lit = value.replace("'", "''")
                    etree.SubElement(tpl, _x("variable"), name=param, select=f"'{lit}'")
                self._body(rule, tpl, rule.get("id") or "", (), False)
                etree.SubElement(tpl, _x("apply-templates"), select=visit, mode=mode)
            # No rule matched: keep walking.
            dflt = etree.SubElement(
                sheet, _x("template"), match="/|*", mode=mode, priority="-10"
            )
            etree.SubElement(dflt, _x("apply-templates"), select=visit, mode=mode)
            etree.SubElement(
                sheet, _x("template"), match="@*|text()|comment()|processing-instruction()",
                mode=mode, priority="-10",
            )
        return etree.tostring(sheet, encoding="unicode", pretty_print=True)

    def _code_list_maps(self, sheet: etree._Element) -> None:
        """One literal map per code list (Saxon builds it once, at compile time) and
        ``tz:listed`` (see :func:`rewrite_code_list_lookups`)."""
        for name, text in self.code_lists.items():
            keys = dict.fromkeys(text.split(",")[1:-1])
            quote = "'" if "'" not in text else '"'
            entries = ",".join(f"{quote}{k}{quote}:true()" for k in keys)
            etree.SubElement(
                sheet, _x("variable"), name=f"tz:set-{name}", select=f"map{{{entries}}}",
                **{"as": "map(*)"},
            )
        fn = etree.SubElement(sheet, _x("function"), name="tz:listed", **{"as": "xs:boolean"})
        etree.SubElement(fn, _x("param"), name="set", **{"as": "map(*)"})
        etree.SubElement(fn, _x("param"), name="list", **{"as": "xs:string"})
        etree.SubElement(fn, _x("param"), name="value", **{"as": "xs:string"})
        etree.SubElement(
            fn, _x("sequence"),
            select="if (contains($value, ',')) then contains($list, concat(',', $value, ',')) "
            "else map:contains($set, $value)",
        )

    def _helpers(self, sheet: etree._Element) -> None:
        """``tz:path($node)``: an XPath of the node with the schematron's prefixes."""
        by_uri: dict[str, str] = {}
        for prefix, uri in self.namespaces.items():
            by_uri.setdefault(uri, prefix)

        fn = etree.SubElement(sheet, _x("function"), name="tz:qname", **{"as": "xs:string"})
        etree.SubElement(fn, _x("param"), name="n", **{"as": "node()"})
        choose = etree.SubElement(fn, _x("choose"))
        when = etree.SubElement(choose, _x("when"), test="namespace-uri($n) eq ''")
        etree.SubElement(when, _x("sequence"), select="local-name($n)")
        for uri, prefix in by_uri.items():
            lit = uri.replace("'", "''")
            when = etree.SubElement(choose, _x("when"), test=f"namespace-uri($n) eq '{lit}'")
            etree.SubElement(when, _x("sequence"), select=f"concat('{prefix}:', local-name($n))")
        other = etree.SubElement(choose, _x("otherwise"))
        etree.SubElement(other, _x("sequence"), select="concat('*:', local-name($n))")

        fn = etree.SubElement(sheet, _x("function"), name="tz:step", **{"as": "xs:string"})
        etree.SubElement(fn, _x("param"), name="n", **{"as": "node()"})
        choose = etree.SubElement(fn, _x("choose"))
        when = etree.SubElement(choose, _x("when"), test="$n instance of element()")
        etree.SubElement(
            when,
            _x("sequence"),
            select="concat('/', tz:qname($n), '[', "
            "count($n/preceding-sibling::*[node-name(.) eq node-name($n)]) + 1, ']')",
        )
        when = etree.SubElement(choose, _x("when"), test="$n instance of attribute()")
        etree.SubElement(when, _x("sequence"), select="concat('/@', tz:qname($n))")
        when = etree.SubElement(choose, _x("when"), test="$n instance of text()")
        etree.SubElement(
            when, _x("sequence"),
            select="concat('/text()[', count($n/preceding-sibling::text()) + 1, ']')",
        )
        other = etree.SubElement(choose, _x("otherwise"))
        etree.SubElement(other, _x("sequence"), select="'/node()'")

        fn = etree.SubElement(sheet, _x("function"), name="tz:path", **{"as": "xs:string"})
        etree.SubElement(fn, _x("param"), name="n", **{"as": "node()"})
        etree.SubElement(
            fn,
            _x("sequence"),
            select="if ($n instance of document-node()) then '/' else string-join("
            "for $a in $n/ancestor-or-self::node()[not(. instance of document-node())] "
            "return tz:step($a), '')",
        )


def compile_schematron(
    main: Path,
    *,
    optimise_code_lists: bool = True,
    restrict_walks: bool = True,
    catch_errors: bool = True,
) -> str:
    """Compile ``main`` (with its includes) to the text of an XSLT stylesheet (XSLT 2.0; with
    ``optimise_code_lists`` code-list tests use XPath 3.1 maps, see
    :func:`rewrite_code_list_lookups`; with ``restrict_walks`` a pattern walks only the subtrees
    that can hold a match, see :func:`walk_roots`; with ``catch_errors`` a rule that raises a
    dynamic error is reported as failed instead of aborting the run — XSLT 3.0 ``xsl:try``)."""
    return _Compiler(
        Path(main),
        optimise_code_lists=optimise_code_lists,
        restrict_walks=restrict_walks,
        catch_errors=catch_errors,
    ).compile()
