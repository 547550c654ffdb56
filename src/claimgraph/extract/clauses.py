"""Where a claim's main predicate is, and which of its tokens speak about it.

The event, polarity/modality and actor facets all need the same two answers from
the dependency parse of a claim's content span:

- the *predicate chain*: the span's root, followed down through "transparent"
  verbs and adjectives that only wrap the real predicate ("were **trying** to
  **open** a combat zone", "are **believed** to **be** in Kursk", "are **likely**
  to **send**"); the last link is the event's predicate;
- the *scope*: the span's tokens minus subordinate clauses (relative clauses,
  adverbial clauses, clausal complements, appositions, coordinated verbs), so
  that "troops that **never** returned were counted" is not negated and a
  shelling mentioned in a relative clause does not make the claim an attack.

The transparent words come from ``data/modality_cues.jsonl`` (rows with
``"transparent": true``); they are passed in, so this module holds no word lists.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Span, Token

# Dependencies that open a clause of their own: what is inside does not scope over the claim.
SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "csubjpass", "parataxis", "appos", "pcomp"})
# Dependencies of a predicate's core arguments.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
_COPULA_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am"})


def is_copula(token: Token) -> bool:
    return token.lower_ in _COPULA_FORMS


def predicate_chain(span: Span, transparent: Container[str], passive_only: Container[str] = ()) -> list[Token]:
    """The span's root, then each predicate a transparent word hands down to through its ``xcomp``.

    span (Span): a claim's content span in a parsed doc.
    transparent (Container[str]): lower-cased word forms that pass on to their infinitive.
    passive_only (Container[str]): forms that are transparent only in the passive ("is said to").
    RETURNS (list[Token]): root first, the event's predicate last; never empty.
    """
    chain = [headline_participle(span) or span.root]
    while len(chain) < 8:  # a cycle-free parse never nests deeper; the bound keeps a bad parse finite
        current = chain[-1]
        next_token = None
        if _passes_on(current, transparent, passive_only):
            next_token = _xcomp(current, span)
        if next_token is None and is_copula(current):
            # "are likely to send": the adjective is the transparent word
            for child in current.children:
                if child.dep_ == "acomp" and child.lower_ in transparent:
                    next_token = _xcomp(child, span)
                    if next_token is not None:
                        chain.append(child)
                    break
        if next_token is None or next_token in chain:
            return chain
        chain.append(next_token)
    return chain


def headline_participle(span: Span) -> Token | None:
    """The participle that carries a verbless headline clause: "Seven soldiers **killed** in east".

    Headlines drop the auxiliary, so the parser makes the noun the root and the verb its
    ``acl``; when the span has no finite verb above that noun, the participle is the predicate.
    """
    root = span.root
    if not root.tag_.startswith("NN"):
        return None
    for child in root.rights:
        if child.dep_ == "acl" and child.tag_ in ("VBN", "VBD") and child.i < span.end:
            return child
    return None


def _passes_on(token: Token, transparent: Container[str], passive_only: Container[str]) -> bool:
    if token.lower_ in transparent:
        return True
    return token.lower_ in passive_only and any(c.dep_ == "auxpass" for c in token.children)


def _xcomp(token: Token, span: Span) -> Token | None:
    for child in token.children:
        if child.dep_ in ("xcomp", "acl") and span.start <= child.i < span.end and child.tag_.startswith("VB"):
            return child
    return None


def scope(span: Span, chain: list[Token]) -> list[Token]:
    """The span's tokens that belong to the claim's own clause (subordinate clauses left out).

    span (Span): the claim's content span.
    chain (list[Token]): its predicate chain (:func:`predicate_chain`).
    RETURNS (list[Token]): tokens in document order.
    """
    on_chain = {t.i for t in chain}
    kept = []
    for token in span:
        node = token
        inside = True
        while node.i not in on_chain and span.start <= node.i < span.end:
            if node.dep_ in SUBORDINATE_DEPS or (node.dep_ == "conj" and node.tag_.startswith("VB") and node.head.i in on_chain):
                inside = False
                break
            if node.head.i == node.i:  # the sentence root: Token objects are views, compare positions
                break
            node = node.head
        if inside:
            kept.append(token)
    return kept


def subjects(predicate: Token) -> list[Token]:
    """Subjects of a predicate, counting the ``attr`` of "there are …" and the subjects of its auxiliary chain."""
    found = [c for c in predicate.children if c.dep_ in SUBJECT_DEPS]
    if any(c.dep_ == "expl" for c in predicate.children):
        found.extend(c for c in predicate.children if c.dep_ == "attr")
    return found


def chain_subjects(chain: list[Token]) -> list[Token]:
    """The subjects of the predicate chain, nearest the event's predicate first ("forces were trying to open")."""
    for token in reversed(chain):
        found = subjects(token)
        if found:
            return found
    return []


def objects(predicate: Token) -> list[Token]:
    return [c for c in predicate.children if c.dep_ in OBJECT_DEPS]


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("North Korea and Russia")."""
    return [token, *token.conjuncts]


def governor(span: Span) -> Token | None:
    """The word outside the span that governs it: the attribution cue of "Peskov **denied** that …"."""
    head = span.root.head
    if span.start <= head.i < span.end:
        return None
    return head
