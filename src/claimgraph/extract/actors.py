"""Actors in a claim: who is named, resolved to a canonical id, and their part in the event.

Two entry points share one alias table (``data/actor_aliases.jsonl``):

- :func:`find_actors` takes a claim's content span in a parsed doc and returns
  :class:`~claimgraph.model.Actor` records with offsets into the doc's text and a
  role from the dependency parse: the subject of the claim's predicate is the
  *agent* ("**North Korea** sent troops to Russia"), so is the "by" phrase of a
  passive ("troops were sent by **Pyongyang**"); objects and "to / into / against /
  on / with" phrases are *recipients* ("… to **Russia**"); "between X and Y"
  makes both agents; anything else is *other*. A passive subject is the
  recipient of harm ("**Russian** soldiers were killed") but the agent of a
  movement, whose owner moved it ("**North Korean** soldiers were moved to the
  Kursk region"); the event cue decides which (``passive_subject`` in
  ``data/event_cues.jsonl``).
- :func:`find_actor_mentions` matches the same aliases in plain text, without a
  parse (every role ``other``), for titles, notes and evaluation rows.

What the table resolves: names, acronyms (case-sensitive: "NIS", "GUR", "HUR",
"DPRK") and multi-word aliases (case-insensitive, "Defence"/"Defense" and curly
apostrophes alike). A state's **demonym or possessive before a forces noun**
("North Korean soldiers", "Russian occupiers", "Russia's troops", "Russian
drones") names that state's armed forces (id ``<state>_armed_forces``, from the
table when it has the row, else named "<State> armed forces"); before an
officials noun ("Russian officials", "the Ukrainian side") it names the state;
before anything else ("Russian territory") it names no actor — places are the
place facet's. **Capitals as metonyms** ("Moscow", "Pyongyang", "Kyiv") name
their state only where they act like one: as subject, possessor, "by" agent,
party to "between", or object of a verbal event ("Kyiv accused **Moscow**"); "drones
attacked Kyiv" leaves Kyiv to the place facet. **Context aliases** ("the
North", "the South") count only when the same document names the actor another way.
"The Kremlin" is its own actor (type ``government``, country RU), so that the
presidency's statements can be told from those of the Russian state at large;
linking should block on ``country`` when it wants all of Russia.

DOCS: src/claimgraph/data/README.md (section "Actors")
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from ..datafiles import bundled_rows, read_jsonl_file
from ..model import Actor, ActorRole, ActorType, EventType
from .clauses import OBJECT_DEPS, SUBJECT_DEPS
from .events import EventCue, EventLexicon, predicate_event
from .events import load_lexicon as load_event_lexicon

ALIASES_FILE = "actor_aliases.jsonl"
# Noun classes (data/noun_classes.jsonl) after a demonym: these name the armed forces, these the state.
FORCES_CLASSES = ("forces", "weapons", "attacks")
STATE_CLASSES = ("officials",)
ALIAS_KINDS = ("aliases", "acronyms", "metonyms", "context_aliases")
# Prepositions whose object receives the event: "sent troops to Russia", "sanctions on North Korea".
RECIPIENT_PREPS = frozenset({"to", "into", "against", "on", "at", "toward", "towards", "with", "for"})
# Events whose object may be a capital standing for its state ("accused Moscow"), unlike "attacked Kyiv".
VERBAL_EVENTS = frozenset(
    {EventType.AGREE, EventType.CONSULT, EventType.SUPPORT, EventType.CONCEDE, EventType.COOPERATE, EventType.AID,
     EventType.REQUEST, EventType.ACCUSE, EventType.REJECT, EventType.THREATEN, EventType.SANCTION}
)
# Dependencies by which a word belongs to the noun phrase of its head ("North Korean" → "soldiers").
_NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "conj", "nummod", "det", "case"})
# How many words may stand between a demonym and its noun in plain text ("Russian special forces").
_PLAIN_TEXT_GAP = 2
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z]")


@dataclass(frozen=True)
class ActorEntry:
    """One row of the alias table: the canonical actor."""

    id: str
    name: str
    type: ActorType
    country: str | None


@dataclass(frozen=True)
class AliasMatch:
    """An alias found in a text: where, which actor, and what kind of alias it was."""

    start: int
    end: int
    entry: ActorEntry
    kind: str  # "aliases", "acronyms", "metonyms", "context_aliases" or "demonyms"


class ActorTable:
    """The alias table, compiled into regular expressions once.

    aliases (list[tuple[str, ActorEntry, str]]): (alias as written, actor, kind).
    demonyms (list[tuple[str, ActorEntry]]): (demonym as written, state).
    class_nouns (dict[str, frozenset[str]]): the noun classes of ``data/noun_classes.jsonl``.
    """

    def __init__(self, entries: dict[str, ActorEntry], aliases: list[tuple[str, ActorEntry, str]],
                 demonyms: list[tuple[str, ActorEntry]], class_nouns: dict[str, frozenset[str]]) -> None:
        self.entries = entries
        self.class_nouns = class_nouns
        self._by_key: dict[tuple[str, bool], tuple[ActorEntry, str]] = {}
        patterns: list[tuple[int, str]] = []
        for alias, entry, kind in aliases:
            # acronyms, one-word names and context aliases match as written: "US" is not "us", "Turkey" not "turkey"
            exact = kind in ("acronyms", "context_aliases") or " " not in alias
            self._by_key[(alias_key(alias), exact)] = (entry, kind)
            patterns.append((len(alias), _alias_regex(alias, ignore_case=not exact)))
        self._demonyms = {alias_key(d): entry for d, entry in demonyms}
        self.alias_pattern = _alternation(p for _, p in sorted(patterns, key=lambda x: -x[0]))
        demonym_regexes = [_alias_regex(d, ignore_case=False) for d, _ in sorted(demonyms, key=lambda x: -len(x[0]))]
        self.demonym_pattern = _alternation(demonym_regexes)
        # plain text: a demonym or a state's possessive, up to two words, then a forces or officials noun
        states = sorted((a for a, e, k in aliases if k == "aliases" and e.type is ActorType.STATE), key=len, reverse=True)
        heads = demonym_regexes + [_alias_regex(a, ignore_case=" " in a) + r"['’]s" for a in states]
        nouns = sorted({n for c in (*FORCES_CLASSES, *STATE_CLASSES) for n in class_nouns.get(c, ())}, key=len, reverse=True)
        self.qualified_noun_pattern = re.compile(
            rf"(?<!\w)(?P<head>{'|'.join(heads)})(?:\s+(?!and\b|or\b)[\w-]+){{0,{_PLAIN_TEXT_GAP}}}?\s+"
            rf"(?P<noun>{'|'.join(_alias_regex(n, ignore_case=True) for n in nouns)})(?!\w)"
        )

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]], class_nouns: dict[str, frozenset[str]], origin: str = ALIASES_FILE) -> ActorTable:
        """Compile the table; a bad row, a repeated id or an alias given to two actors raises ``ValueError`` naming the file."""
        entries: dict[str, ActorEntry] = {}
        aliases: list[tuple[str, ActorEntry, str]] = []
        demonyms: list[tuple[str, ActorEntry]] = []
        owner: dict[str, str] = {}
        for number, row in enumerate(rows, start=1):
            try:
                entry = ActorEntry(row["id"], row["name"], ActorType(row["type"]), row.get("country"))
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{origin}: row {number}: {exc}") from None
            if entry.id in entries:
                raise ValueError(f"{origin}: row {number}: the id {entry.id!r} is used twice")
            entries[entry.id] = entry
            for kind in ALIAS_KINDS:
                for alias in row.get(kind, []):
                    key = alias_key(alias)
                    if owner.setdefault(key, entry.id) != entry.id:
                        raise ValueError(f"{origin}: row {number}: the alias {alias!r} already names {owner[key]!r}")
                    aliases.append((alias, entry, kind))
            demonyms.extend((d, entry) for d in row.get("demonyms", []))
        return cls(entries, aliases, demonyms, class_nouns)

    @classmethod
    def from_disk(cls, path: str | Path, class_nouns: dict[str, frozenset[str]]) -> ActorTable:
        path = Path(path)
        return cls.from_rows(read_jsonl_file(path), class_nouns, str(path))

    def aliases_in(self, text: str) -> Iterator[AliasMatch]:
        """Every alias in ``text``, leftmost-longest, not overlapping."""
        for match in self.alias_pattern.finditer(text):
            found = self._lookup(match.group())
            if found is None:
                continue
            if found[1] == "context_aliases" and _CAPITALISED_NEXT.match(text, match.end()):
                continue  # "the North Korean units": part of a longer name
            yield AliasMatch(match.start(), match.end(), *found)

    def demonyms_in(self, text: str) -> Iterator[AliasMatch]:
        for match in self.demonym_pattern.finditer(text):
            entry = self._demonyms.get(alias_key(match.group()))
            if entry is not None:
                yield AliasMatch(match.start(), match.end(), entry, "demonyms")

    def state_of_possessive(self, text: str) -> ActorEntry | None:
        """The state named by "Russia's" or the state a demonym belongs to."""
        text = re.sub(r"['’]s$", "", text)
        if alias_key(text) in self._demonyms:
            return self._demonyms[alias_key(text)]
        found = self._lookup(text)
        return found[0] if found and found[0].type is ActorType.STATE else None

    def _lookup(self, text: str) -> tuple[ActorEntry, str] | None:
        key = alias_key(text)
        return self._by_key.get((key, True)) if (key, True) in self._by_key else self._by_key.get((key, False))

    def armed_forces(self, state: ActorEntry) -> ActorEntry:
        """The armed forces of a state: the table's ``<id>_armed_forces`` row, else one named after the state."""
        key = f"{state.id}_armed_forces"
        return self.entries.get(key) or ActorEntry(key, f"{state.name} armed forces", ActorType.ARMED_FORCES, state.country)

    def noun_denotes(self, phrases: Iterable[str]) -> str | None:
        """``"forces"`` or ``"state"`` for a noun a demonym may qualify ("soldiers", "officials"), else None."""
        for phrase in phrases:
            if any(phrase in self.class_nouns.get(c, ()) for c in FORCES_CLASSES):
                return "forces"
            if any(phrase in self.class_nouns.get(c, ()) for c in STATE_CLASSES):
                return "state"
        return None

    def qualified(self, head: ActorEntry, denotes: str) -> ActorEntry:
        return self.armed_forces(head) if denotes == "forces" else head


def alias_key(text: str) -> str:
    """The form aliases are compared in: case-folded, one space, straight apostrophe, "defence"."""
    text = " ".join(text.replace("’", "'").split()).casefold()
    return re.sub(r"defense", "defence", text)


def _alias_regex(alias: str, *, ignore_case: bool) -> str:
    pattern = re.escape(alias)
    pattern = re.sub(r"\\ ", r"\\s+", pattern)
    pattern = pattern.replace("'", "['’]")
    pattern = re.sub(r"([Dd])efence", r"\1efen[cs]e", pattern)
    if alias[:1].islower():
        pattern = f"[{alias[0]}{alias[0].upper()}]{pattern[1:]}"  # "the North" also at a sentence's start
    return f"(?i:{pattern})" if ignore_case else pattern


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")


@lru_cache(maxsize=1)
def load_table() -> ActorTable:
    """The alias table shipped in ``claimgraph/data``; compiled once per process."""
    return ActorTable.from_rows(bundled_rows(ALIASES_FILE), load_event_lexicon().noun_classes)


def find_actor_mentions(text: str, *, offset: int = 0, metonyms: bool = False, table: ActorTable | None = None) -> list[Actor]:
    """Actors named in plain text, without a parse; every role is ``other``.

    text (str): any text (a title, an evaluation row's notes).
    offset (int): added to every offset (the text's position in its article).
    metonyms (bool): also take capitals for their states ("Moscow said"); off by
        default because without a parse "Moscow" the city cannot be told from Moscow the state.
    table (ActorTable | None): the alias table; the shipped one when None.
    RETURNS (list[Actor]): in text order.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_actor_mentions takes a str, not {type(text).__name__}")
    table = table or load_table()
    found: dict[int, Actor] = {}
    named = list(table.aliases_in(text))
    taken: set[int] = set()
    for match in table.qualified_noun_pattern.finditer(text):
        # a longer alias wins: "Ukraine's military intelligence" is GUR, not Ukraine's military
        if any(m.start < match.end() and m.end > match.end("head") for m in named):
            continue
        state = table.state_of_possessive(match.group("head"))
        denotes = table.noun_denotes([alias_key(match.group("noun"))])
        if state is None or denotes is None:
            continue
        found[match.start()] = _actor(table.qualified(state, denotes), match.group(), match.start() + offset, ActorRole.OTHER)
        taken.update(range(match.start(), match.end()))
    named_ids = {m.entry.id for m in named if m.kind != "context_aliases"}
    for match in named:
        if match.start in taken or (match.kind == "metonyms" and not metonyms):
            continue
        if match.kind == "context_aliases" and match.entry.id not in named_ids:
            continue
        found[match.start] = _actor(match.entry, text[match.start : match.end], match.start + offset, ActorRole.OTHER)
    return [found[k] for k in sorted(found)]


def find_actors(span: Span, table: ActorTable | None = None, lexicon: EventLexicon | None = None) -> list[Actor]:
    """Actors named in a claim's content span, with their roles in its main event.

    span (Span): the claim's content span, inside a doc parsed by the project's pipeline.
    table (ActorTable | None): the alias table; the shipped one when None.
    lexicon (EventLexicon | None): event cues (for passive subjects); the shipped ones when None.
    RETURNS (list[Actor]): in text order; offsets index into ``span.doc.text``.
    """
    if not isinstance(span, Span):
        raise TypeError(f"find_actors takes a spaCy Span, not {type(span).__name__}")
    table = table or load_table()
    if len(span) == 0:
        return []
    doc = span.doc
    (event_type, _), cue, chain = predicate_event(span, lexicon or load_event_lexicon())
    base = span.start_char
    actors: list[Actor] = []
    used: set[int] = set()
    named_in_doc: set[str] | None = None
    for match in table.aliases_in(span.text):
        tokens = doc.char_span(base + match.start, base + match.end, alignment_mode="expand")
        if tokens is None or used & set(range(tokens.start, tokens.end)):
            continue
        root = tokens.root
        if match.kind == "context_aliases":
            if named_in_doc is None:
                named_in_doc = {m.entry.id for m in table.aliases_in(doc.text) if m.kind != "context_aliases"}
            if match.entry.id not in named_in_doc:
                continue
        if match.kind == "metonyms" and not _acts_as_state(root, event_type):
            continue
        entry, mention = match.entry, tokens
        if entry.type is ActorType.STATE and root.dep_ == "poss":
            # "Russia's troops": the state's armed forces
            denotes = table.noun_denotes(_phrases(root.head))
            if denotes == "forces" and root.head.i < span.end:
                entry, mention = table.armed_forces(entry), doc[tokens.start : root.head.i + 1]
        used.update(range(mention.start, mention.end))
        actors.append(_actor(entry, mention.text, mention.start_char, _role(mention.root, chain, cue)))
    for match in table.demonyms_in(span.text):
        tokens = doc.char_span(base + match.start, base + match.end, alignment_mode="expand")
        if tokens is None or used & set(range(tokens.start, tokens.end)):
            continue
        noun = _qualified_noun(tokens[-1])
        denotes = table.noun_denotes(_phrases(noun)) if noun is not None else None
        if noun is None or denotes is None:
            continue
        # "North Korean soldiers" is one mention; in "Russian and North Korean troops" "Russian" stands alone
        contiguous = (
            tokens.end <= noun.i < span.end
            and noun.i - tokens.end <= 3
            and not any(t.dep_ in ("cc", "conj") for t in doc[tokens.end : noun.i])
        )
        mention = doc[tokens.start : noun.i + 1] if contiguous else tokens
        used.update(range(mention.start, mention.end))
        actors.append(_actor(table.qualified(match.entry, denotes), mention.text, mention.start_char, _role(noun, chain, cue)))
    return sorted(actors, key=lambda a: a.start)


def _actor(entry: ActorEntry, text: str, start: int, role: ActorRole) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), id=entry.id, name=entry.name, type=entry.type, country=entry.country, role=role)


def _phrases(noun: Token) -> list[str]:
    return [alias_key(p) for p in (noun.lower_, *(f"{c.lower_} {noun.lower_}" for c in noun.lefts if c.dep_ == "compound"))]


def _qualified_noun(token: Token) -> Token | None:
    """The noun a demonym qualifies: "North Korean soldiers", "Russian and North Korean troops"."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in ("amod", "compound", "nmod") and token.head.tag_.startswith("NN"):
        return token.head
    if token.tag_.startswith("NN") and token.dep_ not in ("amod", "compound"):
        return token  # the demonym heads its phrase: "the Russian military"
    return None


def _acts_as_state(token: Token, event_type: EventType | None) -> bool:
    """Whether a capital stands for its state here: subject, possessor, "by" agent, "between", verbal object."""
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        token = token.head
    if token.dep_ in SUBJECT_DEPS or token.dep_ == "poss":
        return True
    if token.dep_ == "pobj":
        return token.head.dep_ == "agent" or token.head.lower_ in ("between", "with")
    return token.dep_ in OBJECT_DEPS and event_type in VERBAL_EVENTS


def _role(token: Token, chain: list[Token], cue: EventCue | None) -> ActorRole:
    """The role of the noun phrase headed by ``token`` in the event of the predicate chain."""
    on_chain = {t.i for t in chain}
    node = token
    while node.dep_ in _NOUN_PHRASE_DEPS and node.head.i != node.i:
        node = node.head
    if node.i == chain[0].i:
        # a nominal claim headed by the actor's phrase: "North Korean troops in Kursk"
        return ActorRole.OTHER if chain[0].tag_.startswith("VB") else ActorRole.AGENT
    theme_is_agent = cue is not None and cue.passive_subject == "agent"
    if node.head.i in on_chain:
        if node.dep_ in ("nsubj", "csubj"):
            return ActorRole.AGENT
        if node.dep_ in ("nsubjpass", "csubjpass"):
            return ActorRole.AGENT if theme_is_agent else ActorRole.RECIPIENT
        if node.dep_ in OBJECT_DEPS or node.dep_ == "attr":
            return ActorRole.OTHER if theme_is_agent else ActorRole.RECIPIENT
    if node.dep_ == "pobj":
        preposition = node.head
        attached_to = preposition.head
        if preposition.dep_ == "agent" and attached_to.i in on_chain:
            return ActorRole.AGENT
        # on the predicate, or on a noun that is its subject or object: "sanctions on North Korea"
        if attached_to.i in on_chain or (
            attached_to.dep_ in SUBJECT_DEPS | OBJECT_DEPS and attached_to.head.i in on_chain
        ) or attached_to.i == chain[0].i:
            if preposition.lower_ == "between":
                return ActorRole.AGENT
            if preposition.lower_ in RECIPIENT_PREPS:
                return ActorRole.RECIPIENT
    return ActorRole.OTHER
