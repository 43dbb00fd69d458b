"""Canonical XML as XMLDSig uses it (lxml/libxml2 C14N 1.0, inclusive).

- A same-document Reference (``URI=""`` or ``URI="#id"``) yields a node-set *without
  comments* (XMLDSig 1.0 §4.3.3.3), converted to octets with C14N 1.0 (§4.3.3.2).
- ``SignedInfo`` is canonicalised with the ``CanonicalizationMethod`` it names; GİB uses
  C14N 1.0 WithComments (XADES-NOTES).
- Inclusive C14N of an element renders every namespace in scope from its ancestors, which
  is why the namespaces must be declared on the root before signing.
Checked against GİB's own signed samples (tests/unit/test_sign_verify_gib_samples.py).
"""

from __future__ import annotations

from lxml import etree

C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
C14N_COMMENTS = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
EXC_C14N_COMMENTS = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
C14N_METHODS = {C14N, C14N_COMMENTS, EXC_C14N, EXC_C14N_COMMENTS}


def canonicalize(node: etree._Element | etree._ElementTree, algorithm: str = C14N) -> bytes:
    """C14N of an element's subtree (with its in-scope namespaces) or of a whole document."""
    if algorithm not in C14N_METHODS:
        raise ValueError(f"unsupported canonicalization {algorithm}")
    return etree.tostring(
        node,
        method="c14n",
        exclusive=algorithm in (EXC_C14N, EXC_C14N_COMMENTS),
        with_comments=algorithm in (C14N_COMMENTS, EXC_C14N_COMMENTS),
    )


def remove_keeping_text(elem: etree._Element) -> None:
    """Remove ``elem`` from its parent but keep the text after it (lxml moves ``tail``
    with the element; the enveloped-signature transform removes only the element)."""
    parent = elem.getparent()
    if parent is None:
        raise ValueError("cannot remove the root element")
    if elem.tail:
        prev = elem.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + elem.tail
        else:
            parent.text = (parent.text or "") + elem.tail
    parent.remove(elem)
