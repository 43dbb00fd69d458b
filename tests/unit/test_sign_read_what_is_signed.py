"""Readers read what the signature covers (issue 15, item 1).

The document Reference of GİB's signature (``URI=""``, enveloped transform only) digests the
document *without comments* (XMLDSig §4.3.3.3), and CDATA sections and character references
are not in the canonical form either. So a comment, a CDATA section or a character reference
can be put inside a signed amount and the signature stays valid. Whatever does that, every
value Tezgâh reads (the UBL reader and its views: import, printing; the verifier's own
properties: signing time, signer) must stay the same.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from app.pdf.printable import printable
from app.signing import open_signer, sign_invoice, verify_document
from app.ubl.namespaces import DS
from app.ubl.parse import parse_invoice, parsed_invoice
from app.ubl.reader import read_ubl


@pytest.fixture(scope="module")
def signed(demo_signer, unsigned_invoice: bytes) -> bytes:
    _d, cfg = demo_signer
    with open_signer(cfg, None) as s:
        data = sign_invoice(unsigned_invoice, s)
    assert _holds(verify_document(data))
    return data


def _holds(r) -> bool:  # type: ignore[no-untyped-def]
    """The signature verifies: its value, both digests and the certificate digest. (Whether
    its certificate is trusted is another question, asked elsewhere.)"""
    return (r.signature_found and r.signature_value_ok and r.document_digest_ok
            and r.signed_properties_digest_ok and r.cert_digest_ok)


def _read_all(data: bytes) -> tuple:
    """Every value Tezgâh reads from a signed invoice: the reader, its views, the verdict."""
    ubl = read_ubl(data)
    verdict = verify_document(data).to_dict()
    return ubl, parsed_invoice(ubl), printable(ubl), verdict


def _split(signed: bytes, element: bytes, insert: bytes, at: int = 1) -> bytes:
    """``insert`` put ``at`` characters into the text of the first ``element``."""
    text = signed.decode("utf-8")
    m = re.search("<" + element.decode() + "(?: [^>]*)?>([^<]*)<", text)
    assert m and len(m.group(1)) > at
    pos = m.start(1) + at
    return (text[:pos] + insert.decode() + text[pos:]).encode("utf-8")


@pytest.mark.parametrize("insert", [b"<!---->", b"<!-- 0 -->", b"<![CDATA[]]>"])
def test_a_comment_inside_a_signed_amount_changes_nothing_that_is_read(
        signed: bytes, insert: bytes) -> None:
    bad = _split(signed, b"cbc:PayableAmount", insert)
    assert _holds(verify_document(bad))  # the digest does not see the comment
    assert read_ubl(bad).monetary_total.payable == read_ubl(signed).monetary_total.payable
    assert parse_invoice(bad).payable == parse_invoice(signed).payable
    assert printable(read_ubl(bad)).payable == printable(read_ubl(signed)).payable


def test_a_comment_inside_a_note_or_a_name_changes_nothing_that_is_read(signed: bytes) -> None:
    bad = _split(_split(signed, b"cbc:Note", b"<!--x-->", 5), b"cbc:Name", b"<!--x-->", 2)
    assert _holds(verify_document(bad))
    assert _read_all(bad) == _read_all(signed)


def test_a_comment_inside_the_signing_time_changes_nothing_the_verifier_reads(
        signed: bytes) -> None:
    # Cut at the minutes: "2026-11-28T12:00" alone would read as a time with no zone, and
    # the certificate's validity at signing time could then not be checked.
    bad = _split(signed, b"xades:SigningTime", b"<!---->", 16)
    good, changed = verify_document(signed), verify_document(bad)
    assert _holds(changed) and changed.problems == good.problems
    assert changed.signing_time == good.signing_time
    assert changed.signing_time.tzinfo is not None


# ------------------------------------------------------------------ property


MARK = "tezgah-mark-{}"
#: What a marker comment becomes: a comment, a processing instruction, a CDATA section
#: around the next character, a character reference for the next character.
KINDS = ("comment", "pi", "cdata", "charref")


def _text_slots(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """(element, "text" | "tail") for every element, the root's tail excepted."""
    slots: list[tuple[etree._Element, str]] = []
    for el in root.iter():
        slots.append((el, "text"))
        if el is not root:
            slots.append((el, "tail"))
    return slots


def _mutate(signed: bytes, picks: list[tuple[int, int, str]]) -> tuple[bytes, list[str]]:
    """Put a marker comment at each (slot, offset) pick, serialise, then turn each marker
    into its kind. Returns the bytes and, per pick, where it landed ("signedinfo", "other")."""
    tree = etree.ElementTree(etree.fromstring(signed))
    root = tree.getroot()
    slots = _text_slots(root)
    places = []
    for i, (slot, offset, _kind) in enumerate(picks):
        el, where = slots[slot % len(slots)]
        mark = etree.Comment(MARK.format(i))
        in_si = any(a.tag == f"{{{DS}}}SignedInfo" for a in el.iterancestors()) or (
            el.tag == f"{{{DS}}}SignedInfo" and where == "text")
        places.append("signedinfo" if in_si else "other")
        if where == "text":
            text = el.text or ""
            k = offset % (len(text) + 1)
            el.text, mark.tail = text[:k], text[k:]
            el.insert(0, mark)
        else:
            tail = el.tail or ""
            k = offset % (len(tail) + 1)
            el.tail, mark.tail = tail[:k], tail[k:]
            el.addnext(mark)
    out = etree.tostring(tree, xml_declaration=True, encoding="UTF-8").decode("utf-8")
    for i, (_slot, _offset, kind) in enumerate(picks):
        marker = f"<!--{MARK.format(i)}-->"
        at = out.index(marker)
        after = out[at + len(marker):at + len(marker) + 1]
        plain_next = after not in ("", "<", "&", "]", "\r")
        if kind == "pi":
            new, eat = f"<?tezgah x{i}?>", 0
        elif kind == "cdata" and plain_next:
            new, eat = f"<![CDATA[{after}]]>", 1
        elif kind == "charref" and plain_next:
            new, eat = f"&#{ord(after)};", 1
        else:
            new, eat = f"<!-- {i} -->", 0
        out = out[:at] + new + out[at + len(marker) + eat:]
    return out.encode("utf-8"), places


picks = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 10_000), st.sampled_from(KINDS)),
    min_size=1, max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(picks=picks)
def test_any_change_that_keeps_the_signature_verifying_keeps_every_read_value(
        signed: bytes, picks: list[tuple[int, int, str]]) -> None:
    baseline = _read_all(signed)
    data, places = _mutate(signed, picks)
    result = verify_document(data)
    pis = any(kind == "pi" for _s, _o, kind in picks)
    if not pis and "signedinfo" not in places:
        # Comments, CDATA sections and character references are outside the canonical
        # form of the signed parts: the signature must still verify ...
        assert _holds(result), result.problems
    if _holds(result):
        # ... and then nothing read may differ.
        got = _read_all(data)
        assert got[:3] == baseline[:3]
        assert result.to_dict() == baseline[3]


def test_the_mutation_helper_is_faithful(signed: bytes) -> None:
    """Serialising the parsed tree with no marks keeps the signature (the property test
    would prove nothing otherwise), and a mark in SignedInfo breaks it."""
    same, _ = _mutate(signed, [])
    assert _holds(verify_document(same))
    root = etree.fromstring(signed)
    slots = _text_slots(root)
    si = next(i for i, (el, where) in enumerate(slots)
              if el.tag == f"{{{DS}}}SignedInfo" and where == "text")
    broken, places = _mutate(signed, [(si, 0, "comment")])
    assert places == ["signedinfo"] and not _holds(verify_document(broken))
