"""Event type of a claim: one of PLOVER's sixteen categories, with a military sub-type.

:func:`classify_event` reads the predicate of a claim's content span (found through
"trying to", "plans to", "believed to" …, see :mod:`claimgraph.extract.clauses`) and
looks it up in ``data/event_cues.jsonl``: a verb cue ("deployed", "shelled",
"withdrew"), a light verb whose object names the event ("launched **a drone
attack**", "imposed **sanctions**", "took **control** of"), an adjective ("are
**present**"), or, when the predicate itself says nothing ("losses **amounted** to",
"cooperation **continues**"), the noun cue heading its subject. A cue anywhere else
— in a relative clause, in a prepositional phrase of some noun — does not decide the
type: "soldiers who survived the shelling were moved" is a deployment, not a strike.
Cues may require their object or subject to be of a noun class
(``data/noun_classes.jsonl``): "sent **troops**" is MOBILIZE, "sent **weapons**" is
AID, "sent a letter" is nothing.

How the project maps its sub-types onto PLOVER (PLOVER manual, draft 0.7; CAMEO to
PLOVER table 2021):

- ``deploy_forces``, ``presence_of_forces``, ``infiltration`` → MOBILIZE, "all
  military or police moves that fall short of the actual use of force" (mode
  *troops*). PLOVER's AID also covers "military assistance including … personnel";
  troops one state sends to another's war ("North Korea sent troops to Russia") are
  still coded MOBILIZE so that every report of the same deployment, whatever its
  wording, gets one type. Absence of forces is ``presence_of_forces`` with negated
  polarity (:mod:`claimgraph.extract.modality`).
- ``casualties``, ``shelling_strike``, ``ground_combat`` → ASSAULT ("deliberate
  actions which can potentially result in substantial physical harm"; CAMEO 19x
  conventional, artillery and aerial force map there).
- ``capture_place`` → ASSAULT. The 2021 conversion table maps CAMEO 192 "occupy
  territory" to COERCE, but the manual's THREATEN section counts "military
  occupations that have been or are being carried out" as ASSAULT, and captures in
  this war are the outcome of ground assaults (ACLED codes them as battles).
- ``withdrawal`` → RETREAT (mode *withdraw*); ``military_aid`` → AID (mode *military*).
- Verbal categories carry no sub-type. "Signed an agreement" is AGREE here, where
  the draft manual puts signing under SUPPORT and promises to sign under AGREE (it
  notes the boundary is unclear); claims about agreements are filtered as AGREE.
  PLOVER's DEMAND is the REQUEST category here.

Returns ``(None, None)`` when no cue applies. The parse runs without spaCy's
lemmatizer (DESIGN.md §4), so the lexicon lists inflected forms.

DOCS: src/claimgraph/data/README.md (section "Event types")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from ..datafiles import bundled_rows, read_jsonl_file
from ..model import EventSubtype, EventType
from .clauses import chain_subjects, is_copula, objects, predicate_chain
from .modality import ModalityLexicon
from .modality import load_lexicon as load_modality_lexicon

CUES_FILE = "event_cues.jsonl"
NOUN_CLASSES_FILE = "noun_classes.jsonl"
POS = ("verb", "noun", "adj")
# Prepositions and adverbs that give "troops were … in Kursk" its location.
_LOCATION_PREPS = frozenset({"in", "at", "near", "on", "inside", "within", "across", "along", "around", "throughout", "outside"})
_LOCATION_ADVERBS = frozenset({"there", "here"})
# How many words a multi-word noun cue or class phrase may have ("sabotage and reconnaissance groups").
_MAX_PHRASE_WORDS = 4

Event = tuple[EventType | None, EventSubtype | None]


@dataclass(frozen=True)
class EventCue:
    """One cue form and what it means, with the conditions under which it counts.

    ``light`` verbs carry no type of their own ("launched", "carried out"): their
    object's noun cue decides. ``object``/``subject`` name a noun class the
    predicate's object (or passive subject) / subject must belong to;
    ``no_object`` and ``location`` require no direct object / a place phrase.
    ``after_light`` nouns count only as the object of a light verb ("took control").
    ``passive_subject`` is the actor role of the passive subject's owner: "agent"
    for movement verbs ("North Korean soldiers were moved": North Korea moved them),
    "recipient" for harm ("Russian soldiers were killed").
    """

    type: EventType | None
    subtype: EventSubtype | None = None
    light: bool = False
    object: str | None = None
    subject: str | None = None
    no_object: bool = False
    location: bool = False
    after_light: bool = False
    passive_subject: str | None = None


@dataclass
class EventLexicon:
    """Cue forms by part of speech (lower-cased form → cues in file order) and the noun classes."""

    verbs: dict[str, list[EventCue]] = field(default_factory=dict)
    nouns: dict[str, list[EventCue]] = field(default_factory=dict)
    adjectives: dict[str, list[EventCue]] = field(default_factory=dict)
    noun_classes: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, cue_rows: Iterable[dict[str, Any]], class_rows: Iterable[dict[str, Any]], origin: str = CUES_FILE) -> EventLexicon:
        """Build the lexicon; a bad row raises ``ValueError`` naming the file and row."""
        lexicon = cls(noun_classes={r["class"]: frozenset(f.lower() for f in r["forms"]) for r in class_rows})
        tables = {"verb": lexicon.verbs, "noun": lexicon.nouns, "adj": lexicon.adjectives}
        for number, row in enumerate(cue_rows, start=1):
            try:
                if row.get("pos") not in POS:
                    raise ValueError(f"pos must be one of {POS}, not {row.get('pos')!r}")
                for key in ("object", "subject"):
                    if row.get(key) and row[key] not in lexicon.noun_classes:
                        raise ValueError(f"{key} names the unknown noun class {row[key]!r}")
                cue = EventCue(
                    type=EventType(row["type"]) if row.get("type") else None,
                    subtype=EventSubtype(row["subtype"]) if row.get("subtype") else None,
                    light=bool(row.get("light")),
                    object=row.get("object"),
                    subject=row.get("subject"),
                    no_object=bool(row.get("no_object")),
                    location=bool(row.get("location")),
                    after_light=bool(row.get("after_light")),
                    passive_subject=row.get("passive_subject"),
                )
                if cue.type is None and not cue.light:
                    raise ValueError("a cue needs a type unless it is a light verb")
                forms = row["forms"]
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{origin}: row {number}: {exc}") from None
            for form in forms:
                tables[row["pos"]].setdefault(form.lower(), []).append(cue)
        return lexicon

    @classmethod
    def from_disk(cls, cues_path: str | Path, classes_path: str | Path) -> EventLexicon:
        cues_path, classes_path = Path(cues_path), Path(classes_path)
        return cls.from_rows(
            read_jsonl_file(cues_path),
            read_jsonl_file(classes_path),
            str(cues_path),
        )

    def in_class(self, token: Token, name: str) -> bool:
        """Whether the noun phrase headed by ``token`` (or a conjunct of it) names a member of the class."""
        members = self.noun_classes.get(name, frozenset())
        heads = [token, *token.conjuncts]
        # "millions of artillery shells", "a contingent of troops": the class is the partitive's
        partitives = self.noun_classes.get("partitive", frozenset())
        heads += [
            pobj
            for head in list(heads)
            if head.lower_ in partitives or head.ent_type_ == "CARDINAL"
            for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        return any(phrase in members for t in heads for phrase in head_phrases(t))

    def verb_cues(self, token: Token) -> list[EventCue]:
        """Cues for a verb, phrasal forms first ("carried out", "pulled back", "shot down")."""
        found: list[EventCue] = []
        for child in token.children:
            if child.dep_ in ("prt", "prep", "advmod") and child.i == token.i + 1:
                found.extend(self.verbs.get(f"{token.lower_} {child.lower_}", []))
        found.extend(self.verbs.get(token.lower_, []))
        return found


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    """The cue lexicon and noun classes shipped in ``claimgraph/data``; read once per process."""
    return EventLexicon.from_rows(bundled_rows(CUES_FILE), bundled_rows(NOUN_CLASSES_FILE))


def head_phrases(token: Token) -> list[str]:
    """The phrases ending at a noun, longest first: "drone attack" and "attack" for "a drone attack"."""
    doc = token.doc
    phrases = []
    for size in range(_MAX_PHRASE_WORDS, 0, -1):
        start = token.i - size + 1
        if start < token.left_edge.i:
            continue
        phrases.append(" ".join(t.lower_ for t in doc[start : token.i + 1]))
    return phrases


def classify_event(span: Span, lexicon: EventLexicon | None = None, modality_lexicon: ModalityLexicon | None = None) -> Event:
    """PLOVER type and sub-type of the claim whose content is ``span``.

    span (Span): the claim's content span, inside a doc parsed by the project's pipeline.
    lexicon (EventLexicon | None): event cues; the shipped ones when None.
    modality_lexicon (ModalityLexicon | None): gives the transparent words the predicate is found through.
    RETURNS (tuple[EventType | None, EventSubtype | None]): e.g. ``(EventType.MOBILIZE,
        EventSubtype.DEPLOY_FORCES)`` for "North Korean soldiers were moved to Kursk";
        ``(None, None)`` when no cue governs the claim.
    """
    if not isinstance(span, Span):
        raise TypeError(f"classify_event takes a spaCy Span, not {type(span).__name__}")
    if len(span) == 0:
        return None, None
    return predicate_event(span, lexicon, modality_lexicon)[0]


def predicate_event(span: Span, lexicon: EventLexicon | None = None, modality_lexicon: ModalityLexicon | None = None) -> tuple[Event, EventCue | None, list[Token]]:
    """The event, the cue that decided it (None when none did) and the predicate chain."""
    lexicon = lexicon or load_lexicon()
    modality_lexicon = modality_lexicon or load_modality_lexicon()
    chain = predicate_chain(span, modality_lexicon.transparent, modality_lexicon.passive_only)
    predicate = chain[-1]
    if predicate.tag_.startswith("NN"):
        cue = _noun_cue(predicate, lexicon)
    else:
        cue = _predicate_cue(predicate, chain, lexicon)
    if cue is None:
        return (None, None), None, chain
    return (cue.type, cue.subtype), cue, chain


def _predicate_cue(predicate: Token, chain: list[Token], lexicon: EventLexicon) -> EventCue | None:
    subjects = chain_subjects(chain)
    passive = any(c.dep_ == "auxpass" for c in predicate.children)
    if passive or is_copula(predicate):
        # "troops are present / stationed in Kursk": a state, not a movement
        complements = [predicate] if passive else [c for c in predicate.children if c.dep_ == "acomp"]
        for complement in complements:
            for cue in lexicon.adjectives.get(complement.lower_, []):
                if _conditions_hold(cue, predicate, subjects, lexicon):
                    return cue
    for cue in lexicon.verb_cues(predicate):
        if not _conditions_hold(cue, predicate, subjects, lexicon):
            continue
        if not cue.light:
            return cue
        for argument in _theme(predicate):
            found = _noun_cue(argument, lexicon, after_light=True)
            if found is not None:
                return found
    # the predicate says nothing of its own: "losses amounted to …", "cooperation continues", "it was a drone attack"
    nominal = list(subjects)
    if is_copula(predicate):
        nominal += [c for c in predicate.children if c.dep_ == "attr"]
    for noun in nominal:
        found = _noun_cue(noun, lexicon)
        if found is not None:
            return found
    return None


def _theme(predicate: Token) -> list[Token]:
    """What a verb acts on: its object, or the subject of its passive ("sanctions were imposed")."""
    return objects(predicate) + [c for c in predicate.children if c.dep_ == "nsubjpass"]


def _conditions_hold(cue: EventCue, predicate: Token, subjects: list[Token], lexicon: EventLexicon) -> bool:
    if cue.object and not any(lexicon.in_class(t, cue.object) for t in _theme(predicate)):
        return False
    if cue.subject and not any(lexicon.in_class(t, cue.subject) for t in subjects):
        return False
    if cue.no_object and objects(predicate):
        return False
    if cue.location:
        # "troops were in Kursk"; in "there are no troops in Kursk" the place hangs on the noun
        holders = [predicate]
        if any(c.dep_ == "expl" for c in predicate.children):
            holders += [c for c in predicate.children if c.dep_ == "attr"]
        if not any(
            (c.dep_ == "prep" and c.lower_ in _LOCATION_PREPS) or (c.dep_ == "advmod" and c.lower_ in _LOCATION_ADVERBS)
            for holder in holders
            for c in holder.children
        ):
            return False
    return True


def _noun_cue(token: Token, lexicon: EventLexicon, *, after_light: bool = False) -> EventCue | None:
    for phrase in head_phrases(token):
        for cue in lexicon.nouns.get(phrase, []):
            if after_light or not cue.after_light:
                return cue
    return None
