"""Polarity and modality of a claim: does the source say it happened, and how sure is it?

:func:`polarity_and_modality` reads a claim's content span in its parsed doc and
answers two questions:

- **polarity**: ``negated`` when the claim's own clause is negated: "North Korean
  troops **have not been** noted", "**no** Russian troops remain", "they **never**
  crossed", "Russia **failed** to capture" — or when the source *denies* it: the
  span is the complement of a denial verb outside it ("Peskov **denied** that North
  Korean troops were in Russia"). A negation inside a subordinate clause does not
  count ("troops that never returned were counted" is affirmed); two negations
  cancel ("Peskov did not deny that …", "denied that no troops …").
- **modality**: ``denied`` (a denial verb governs the span), ``attempted`` ("trying
  to", "attempts to", "failed to"), ``planned`` ("plans to", "is preparing to",
  "will"), ``hedged`` ("reportedly", "allegedly", "may", "likely", "so far",
  "believed to", a governing "believes" / "suspects"), ``estimated`` ("an
  estimated 3,000", "the number is estimated at", a governing "estimates"), else
  ``asserted``. When several apply, the first in that order wins: a denial says
  most about the claim, then whether the event was only attempted or intended,
  then how sure the source is.

The semantics of a denial: the claim's ``text`` is the proposition the source
rejects, so its polarity is ``negated`` (what the source commits to is that the
proposition is false) and its modality is ``denied`` (the source said so by
rejecting it, usually someone else's claim). A denial therefore contradicts an
affirmed claim of the same proposition, as "no troops remain" contradicts
"troops remain". A span whose *own* predicate is the denial ("Moscow denied the
reports", the outlet's claim that a denial happened) is affirmed and asserted: the
event is the denial itself (REJECT, see :mod:`claimgraph.extract.events`).

Written as rules over the parse rather than with a negation/speculation model:
the cue words are few and closed-class, the scope question ("does this *not*
govern the claim's predicate?") is a dependency question, and the cue list stays
editable in ``data/modality_cues.jsonl``.

DOCS: src/claimgraph/data/README.md (section "Polarity and modality")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from ..datafiles import bundled_rows, read_jsonl_file
from ..model import Modality, Polarity
from .clauses import OBJECT_DEPS, SUBJECT_DEPS, governor, predicate_chain, scope

LEXICON_FILE = "modality_cues.jsonl"
# Order of precedence when several modalities are cued in one claim.
MODALITY_PRECEDENCE = (Modality.DENIED, Modality.ATTEMPTED, Modality.PLANNED, Modality.HEDGED, Modality.ESTIMATED)
SCOPES = ("claim", "argument", "governor")
_ARGUMENT_DEPS = SUBJECT_DEPS | OBJECT_DEPS | {"attr"}


@dataclass(frozen=True)
class ModalityCue:
    """One cue phrase: the modality it signals, whether it negates, and where it must stand.

    ``scope`` is ``claim`` (anywhere in the claim's own clause), ``argument`` (on a
    subject or object of the predicate: "**no** troops", "**none** of them") or
    ``governor`` (the word outside the span that governs it: "**denied** that …").
    """

    words: tuple[str, ...]
    modality: Modality | None
    negates: bool = False
    scope: str = "claim"
    tag: str | None = None  # the cue counts only with this tag: "may" as a modal (MD), not the month
    transparent: bool = False  # counts only as a link of the predicate chain: "**trying** to open", not "about 300"
    passive_only: bool = False  # … and only in the passive: "is **said** to be"


@dataclass(frozen=True)
class ModalityLexicon:
    """The cue phrases, plus the transparent words the predicate chain passes through."""

    cues: tuple[ModalityCue, ...]
    transparent: frozenset[str]
    passive_only: frozenset[str]

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]], origin: str = LEXICON_FILE) -> ModalityLexicon:
        """Build the lexicon from JSONL rows; a bad row raises ``ValueError`` naming the file and row."""
        cues: list[ModalityCue] = []
        transparent: set[str] = set()
        passive_only: set[str] = set()
        for number, row in enumerate(rows, start=1):
            try:
                phrases = [p.lower() for p in row["phrases"]]
                modality = Modality(row["modality"]) if row.get("modality") else None
                cue_scope = row.get("scope", "claim")
                if cue_scope not in SCOPES:
                    raise ValueError(f"scope must be one of {SCOPES}, not {cue_scope!r}")
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{origin}: row {number}: {exc}") from None
            if modality is not None or row.get("negates"):
                for phrase in phrases:
                    cues.append(
                        ModalityCue(tuple(phrase.split()), modality, bool(row.get("negates")), cue_scope, row.get("tag"), bool(row.get("transparent")), bool(row.get("passive_only")))
                    )
            if row.get("transparent"):
                (passive_only if row.get("passive_only") else transparent).update(p for p in phrases if " " not in p)
        # longest phrases first, so "no longer" is read before "no"
        cues.sort(key=lambda c: -len(c.words))
        return cls(tuple(cues), frozenset(transparent), frozenset(passive_only))

    @classmethod
    def from_disk(cls, path: str | Path) -> ModalityLexicon:
        path = Path(path)
        return cls.from_rows(read_jsonl_file(path), str(path))


@lru_cache(maxsize=1)
def load_lexicon() -> ModalityLexicon:
    """The cue lexicon shipped in ``claimgraph/data``; read once per process."""
    return ModalityLexicon.from_rows(bundled_rows(LEXICON_FILE))


def polarity_and_modality(span: Span, lexicon: ModalityLexicon | None = None) -> tuple[Polarity, Modality]:
    """Polarity and modality of the claim whose content is ``span``.

    span (Span): the claim's content span, inside a doc parsed by the project's pipeline.
    lexicon (ModalityLexicon | None): cue lexicon; the shipped one when None.
    RETURNS (tuple[Polarity, Modality]): e.g. ``(Polarity.NEGATED, Modality.DENIED)`` for
        the content of "Peskov denied that North Korean troops were in Russia".
    """
    if not isinstance(span, Span):
        raise TypeError(f"polarity_and_modality takes a spaCy Span, not {type(span).__name__}")
    lexicon = lexicon or load_lexicon()
    if len(span) == 0:
        return Polarity.AFFIRMED, Modality.ASSERTED
    chain = predicate_chain(span, lexicon.transparent, lexicon.passive_only)
    in_scope = {t.i for t in scope(span, chain)}
    on_chain = {t.i for t in chain}
    links = {t.i for t in chain[:-1]}  # the words that handed the predicate on ("is set up" is no plan)
    arguments = {c.i for t in chain for c in t.children if c.dep_ in _ARGUMENT_DEPS and c.i in in_scope}
    arguments |= {c.i for t in chain if any(c.dep_ == "expl" for c in t.children) for c in t.children if c.dep_ == "attr"}

    negations = 0
    cued: set[Modality] = set()
    for cue, tokens in _matches(span, lexicon, in_scope, scope_name=("claim", "argument")):
        if cue.transparent:
            applies = all(t.i in links and (not cue.passive_only or any(c.dep_ == "auxpass" for c in t.children)) for t in tokens)
        elif cue.scope == "argument":
            applies = any(t.i in arguments or (t.head.i in arguments and t.dep_ in ("det", "neg", "advmod")) for t in tokens)
        elif cue.negates:
            applies = any(t.i in on_chain or t.head.i in on_chain for t in tokens)
        else:
            applies = True
        if not applies:
            continue
        negations += cue.negates
        if cue.modality is not None:
            cued.add(cue.modality)

    head = governor(span)
    if head is not None and head.tag_.startswith("NN") and head.dep_ in OBJECT_DEPS:
        head = head.head  # "dismissed reports that …", "denied claims that …"
    if head is not None and not any(c.dep_ == "neg" for c in head.children):
        # "plans | to send more troops": a transparent verb the attribution left outside the span
        wraps = span.root.dep_ == "xcomp" and head.lower_ in lexicon.transparent | lexicon.passive_only
        for cue in lexicon.cues:
            if cue.words == (head.lower_,) and (cue.scope == "governor" or (wraps and cue.scope == "claim")):
                negations += cue.negates
                if cue.modality is not None:
                    cued.add(cue.modality)
                break

    polarity = Polarity.NEGATED if negations % 2 else Polarity.AFFIRMED
    modality = next((m for m in MODALITY_PRECEDENCE if m in cued), Modality.ASSERTED)
    return polarity, modality


def _matches(span: Span, lexicon: ModalityLexicon, in_scope: set[int], scope_name: tuple[str, ...]) -> Iterable[tuple[ModalityCue, list[Token]]]:
    """Cue phrases inside the claim's scope, each token used by at most one (the longest) cue."""
    doc = span.doc
    used: set[int] = set()
    for token in span:
        if token.i in used or token.i not in in_scope:
            continue
        for cue in lexicon.cues:
            if cue.scope not in scope_name or cue.words[0] != token.lower_:
                continue
            end = token.i + len(cue.words)
            if end > span.end:
                continue
            tokens = list(doc[token.i : end])
            # a phrase is in scope when its first word is: the "to" of "attempts to cross" belongs to the infinitive
            if [t.lower_ for t in tokens] != list(cue.words):
                continue
            if cue.tag is not None and token.tag_ != cue.tag:
                continue
            used.update(t.i for t in tokens)
            yield cue, tokens
            break
