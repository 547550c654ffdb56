"""Who a source phrase names: person, role and organisation, and how it resolves in context.

"a spokesman for Ukraine's military intelligence (GUR), Andriy Yusov" is one noun phrase
to the parser; here it becomes role ``spokesman``, organisation ``Ukraine's military
intelligence (GUR)`` and person ``Andriy Yusov``. The phrase is read off the dependency
parse (the role noun, its ``for``/``of`` complement, the proper-noun apposition), not off
the named entities, because the small English model folds titles into names and labels
unknown surnames as organisations or not at all.

:class:`SourceResolver` then walks an article's sources in reading order so that
"Yusov said" and "he added" point to the full name introduced earlier.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..model import SourceType
from .lexicon import AttributionLexicon
from .tags import is_pronoun, is_proper, is_punct

DETERMINERS = {"a", "an", "the", "this", "that", "these", "those"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them", "we", "it"}
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}


@dataclass(frozen=True)
class SourceInfo:
    """A source as read from one phrase: names plus character offsets of the mention."""

    name: str
    type: SourceType
    role: str | None = None
    organization: str | None = None
    start: int | None = 0  # None: the text names no one ("it is believed that …")
    end: int | None = 0
    pronoun: bool = False  # "he", "they": to be resolved to an earlier source
    surname_only: bool = False  # "Yusov": to be resolved to "Andriy Yusov"
    # "the spokesman", "the agency": only "the" and the noun, so it refers back to a source
    # named earlier (the last with that role; the last organisation)
    definite: bool = False


def phrase_tokens(head: Token) -> list[Token]:
    """The contiguous tokens of ``head``'s subtree, without edge punctuation.

    A relative clause hanging off the phrase ("Yusov, who visited the front,") is cut:
    it describes the source but is not its name.
    """
    cut = {t.i for child in head.children if child.dep_ == "relcl" for t in child.subtree}
    tokens = [t for t in head.subtree if t.i not in cut]
    start, end = tokens[0].i, tokens[-1].i
    tokens = [t for t in head.doc[start : end + 1] if t.i not in cut]
    while tokens and is_punct(tokens[0]) and tokens[0].text != "(":
        tokens.pop(0)
    while tokens and is_punct(tokens[-1]) and tokens[-1].text != ")":
        tokens.pop()
    return tokens or [head]


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text.strip()


def _strip_det(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[0].lower_ in DETERMINERS:
        tokens = tokens[1:]
    return tokens


def _is_name_part(token: Token) -> bool:
    """A proper noun, or the tail of a hyphenated name ("won" in "Park Sun-won")."""
    return is_proper(token) or (
        token.i >= 2 and token.nbor(-1).tag_ == "HYPH" and is_proper(token.nbor(-2))
    )


def _name_tokens(token: Token) -> list[Token]:
    """A proper-noun name around ``token``: its proper-noun compounds (and theirs), in order."""
    parts = [token]
    for child in token.children:
        if child.dep_ in ("compound", "flat") and _is_name_part(child):
            parts.extend(_name_tokens(child))
        elif child.tag_ == "HYPH" and child.i == token.i - 1:
            parts.append(child)
    return sorted(parts, key=lambda t: t.i)


def _capitalised(tokens: list[Token]) -> bool:
    """Every word of a name starts with a capital, hyphenated tails aside."""
    return all(t.text[:1].isupper() or t.tag_ == "HYPH" or t.nbor(-1).tag_ == "HYPH" for t in tokens)


def _looks_like_organization(tokens: list[Token], lexicon: AttributionLexicon) -> bool:
    """An acronym, an organisation word ("Ministry", "Service") or an organisation/place entity."""
    if any(t.lower_ in lexicon.org_words for t in tokens):
        return True
    if len(tokens) == 1 and tokens[0].text.isupper() and len(tokens[0].text) > 1:
        return True
    labels = {t.ent_type_ for t in tokens if t.ent_type_}
    return bool(labels) and labels <= ORG_LABELS


def _split_role(tokens: list[Token], lexicon: AttributionLexicon) -> tuple[list[Token], list[Token]]:
    """Split leading role words off a name: "Foreign Minister Sergei Lavrov" -> role, name."""
    for cut in range(len(tokens) - 1, 0, -1):
        head = tuple(t.lower_ for t in tokens[:cut])
        if any(head[i:] in lexicon.roles for i in range(len(head))) and tokens[cut - 1].lower_ in lexicon.role_heads:
            return tokens[:cut], tokens[cut:]
    return [], tokens


def describe_source(head: Token, lexicon: AttributionLexicon, tokens: list[Token] | None = None) -> SourceInfo:
    """Read the source named by the phrase headed by ``head``.

    head (Token): the head of the source phrase (a subject, an agent, the object of "according to").
    lexicon (AttributionLexicon): roles, collective sources and organisation words.
    tokens (list[Token] | None): the phrase's tokens where the parse does not delimit it
        ("GUR" in the headline "GUR: …"); by default ``head``'s subtree.
    RETURNS (SourceInfo): name, type, role and organisation, offsets of the whole phrase.
    """
    if head.tag_ in ("WP", "WDT"):
        # "the NIS, which told lawmakers …": the relative pronoun names the noun its clause
        # describes; the mention stays the pronoun, as for "he"
        clause = next((a for a in head.ancestors if a.dep_ == "relcl"), None)
        if clause is not None:
            return replace(describe_source(clause.head, lexicon), start=head.idx, end=head.idx + len(head))
    tokens = tokens or phrase_tokens(head)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if is_pronoun(head) and len(tokens) == 1:
        kind = SourceType.PERSON if head.lower_ in PERSON_PRONOUNS else SourceType.UNNAMED
        return SourceInfo(head.text, kind, start=start, end=end, pronoun=True)

    # the head with its left modifiers: "news reports", "military intelligence", "sources"
    head_words = [t.lower_ for t in tokens if t.i <= head.i and t.lower_ not in DETERMINERS]
    for size in range(len(head_words), 0, -1):
        collective = lexicon.collective.get(tuple(head_words[-size:]))
        if collective:
            organization = _complement(head, set())
            core = _strip_det(tokens)
            return SourceInfo(
                _text(core), SourceType(collective), organization=organization, start=start, end=end,
                # "the agency" refers back; "the Kremlin" is a name
                definite=tokens[0].lower_ == "the" and len(core) == size and not is_proper(head),
            )

    person = _find_person(head, tokens, lexicon)
    role_tokens: list[Token] = []
    if person:
        role_tokens, person = _split_role(person, lexicon)
    role = _role_of(head, lexicon) or (_text(role_tokens).lower() or None)
    role_head = head
    if person and not role:
        # a title the parser left outside the name: "Kharkiv mayor Ihor Terekhov"
        before = [t for t in tokens if t.i < person[0].i]
        if before and _role_of(before[-1], lexicon):
            role_head = before[-1]
            role = _role_of(role_head, lexicon)
    if person and not role:
        appositive_roles = [c for c in head.children if c.dep_ == "appos" and _role_of(c, lexicon)]
        if appositive_roles:
            role_head = appositive_roles[0]
            role = _role_of(role_head, lexicon)
    if role:
        role = lexicon.role_names.get(role, role)
    if person:
        skip = {t.i for t in person} | {t.i for t in role_tokens}
        organization = _complement(role_head, skip) if role else None
        if organization is None and _role_of(role_head, lexicon):
            organization = _role_modifiers(role_head, lexicon)
        name = _text(person)
        return SourceInfo(
            name, SourceType.PERSON, role=role, organization=organization, start=start, end=end,
            surname_only=len(person) == 1,
        )
    if role:
        organization = _complement(head, set()) or _role_modifiers(head, lexicon)
        core = _strip_det(tokens)
        definite = tokens[0].lower_ == "the" and " ".join(t.lower_ for t in core) == role
        return SourceInfo(
            _text(core), SourceType.UNNAMED, role=role, organization=organization, start=start, end=end,
            definite=definite,
        )
    core = _strip_det(tokens)
    if is_proper(head) or _looks_like_organization(core, lexicon):
        return SourceInfo(_text(core), SourceType.ORGANIZATION, start=start, end=end)
    return SourceInfo(_text(core), SourceType.UNNAMED, start=start, end=end)


def _find_person(head: Token, tokens: list[Token], lexicon: AttributionLexicon) -> list[Token] | None:
    """The person's name in a source phrase: the head itself or a proper-noun apposition."""
    in_phrase = {t.i for t in tokens}
    candidates = []
    if _is_name_part(head):
        candidates.append(head)
    candidates += [t for t in head.subtree if t.dep_ == "appos" and is_proper(t) and t.i in in_phrase]
    for token in candidates:
        name = _name_tokens(token)
        role, rest = _split_role(name, lexicon)
        if rest and not _looks_like_organization(rest, lexicon) and _capitalised(rest):
            if token is head and token.ent_type_ in ORG_LABELS and token.ent_type_ != "ORG":
                continue
            if token is head and token.ent_type_ == "ORG" and len(rest) == 1 and not role:
                continue
            return name
    return None


def _role_of(head: Token, lexicon: AttributionLexicon) -> str | None:
    """The role the phrase names ("deputy head", "spokesman"), from the head noun and its modifiers."""
    if head.lower_ not in lexicon.role_heads:
        return None
    words = [head]
    for child in reversed([c for c in head.lefts if c.dep_ in ("compound", "amod")]):
        candidate = tuple(t.lower_ for t in [child] + words)
        if candidate in lexicon.roles:
            words.insert(0, child)
        else:
            break
    return " ".join(t.lower_ for t in words)


def _role_modifiers(head: Token, lexicon: AttributionLexicon) -> str | None:
    """The organisation named before a role noun: "Ukraine's military intelligence spokesman"."""
    role_words = {t.i for t in head.lefts if tuple([t.lower_, head.lower_]) in lexicon.roles}
    mods = [c for c in head.lefts if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i not in role_words]
    if not mods:
        return None
    tokens = [t for m in mods for t in m.subtree]
    tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    # "Kursk's acting governor": the organisation is Kursk, without the possessive
    while tokens and tokens[-1].dep_ == "case":
        tokens.pop()
    return _text(tokens) or None


def _complement(head: Token, skip: set[int]) -> str | None:
    """The organisation after a role or collective noun: "for the GUR", "of the ministry", "in Kyiv"."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "in", "with", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                continue
            tokens = [t for t in objects[0].subtree if t.i not in skip]
            # an apposition that is the person ends the organisation: "administration Volodymyr Artyukh"
            if skip:
                first_skip = min(skip)
                tokens = [t for t in tokens if t.i < first_skip or t.i > max(skip)]
            while tokens and (is_punct(tokens[-1]) and tokens[-1].text != ")"):
                tokens.pop()
            tokens = _strip_det(tokens)
            return _text(tokens) or None
    return None


class SourceResolver:
    """Resolves surnames, pronouns, "the spokesman" and "the agency" to sources introduced earlier in an article.

    Feed sources in reading order with :meth:`resolve`; register names seen in the text
    (not only speakers) with :meth:`note_person`. "he"/"she" go to the last person who
    spoke (the text rarely says which gender a name carries, so gender is not guessed);
    "they"/"it" go to the last organisation or group that spoke.
    """

    def __init__(self) -> None:
        self.people: dict[str, SourceInfo] = {}  # surname (lower) -> fullest source seen
        self.last_person: SourceInfo | None = None
        self.last_group: SourceInfo | None = None
        self.by_role: dict[str, SourceInfo] = {}
        self.organizations: list[SourceInfo] = []  # named organisations that spoke, in order
        self.last_source: SourceInfo | None = None

    @staticmethod
    def _surnames(name: str) -> list[str]:
        """The words a later mention may use for ``name``: the last word, and the first where the
        given name is hyphenated and so probably follows the family name ("Lee Seong-kweun")."""
        parts = name.split()
        if len(parts) < 2:
            return []
        keys = [parts[-1].lower()]
        if "-" in parts[-1] and len(parts) == 2:
            keys.append(parts[0].lower())
        return keys

    def note_person(self, name: str) -> None:
        """Remember a full name mentioned in the text, so a later surname finds it."""
        for key in self._surnames(name):
            known = self.people.get(key)
            if known is None or (known.role is None and len(known.name.split()) < len(name.split())):
                self.people[key] = SourceInfo(name, SourceType.PERSON)

    def resolve(self, source: SourceInfo) -> SourceInfo:
        """The full source a mention stands for; keeps the mention's offsets."""
        resolved = source
        lower = source.name.lower()
        if source.pronoun:
            if lower in PERSON_PRONOUNS and self.last_person:
                resolved = self._at(self.last_person, source)
            elif lower not in PERSON_PRONOUNS and self.last_group:
                resolved = self._at(self.last_group, source)
        elif source.type is SourceType.PERSON:
            known = self.people.get(source.name.split()[-1].lower())
            if known and (source.surname_only or source.name == known.name):
                resolved = replace(
                    source,
                    name=known.name,
                    role=source.role or known.role,
                    organization=source.organization or known.organization,
                    surname_only=False,
                )
        elif source.definite and source.role:
            # "the spokesman added": the last source with that role
            known = self.by_role.get(source.role)
            if known:
                resolved = self._at(known, source)
        elif source.definite and source.type is SourceType.ORGANIZATION:
            # "the agency added": the last organisation named whose name ends in that noun
            # ("South Korea's spy agency"), else the last source, if it was an organisation
            # ("the NIS said … the agency added")
            noun = lower.split()[-1]
            known = next((org for org in reversed(self.organizations) if org.name.lower().split()[-1] == noun), None)
            if known is None and self.organizations and self.last_source is self.organizations[-1]:
                known = self.last_source
            if known:
                resolved = self._at(known, source)
        self._remember(resolved)
        return resolved

    @staticmethod
    def _at(known: SourceInfo, mention: SourceInfo) -> SourceInfo:
        return replace(known, start=mention.start, end=mention.end, pronoun=False, surname_only=False)

    def _remember(self, source: SourceInfo) -> None:
        if source.pronoun:
            return
        self.last_source = source
        if source.type is SourceType.PERSON:
            self.last_person = source
            for key in self._surnames(source.name):
                known = self.people.get(key)
                if known is None or source.role or not known.role:
                    self.people[key] = source
        else:
            self.last_group = source
            if source.type is SourceType.ORGANIZATION and not source.definite:
                self.organizations.append(source)
        if source.role:
            self.by_role[source.role] = source


def entity_people(doc_or_span: Span) -> list[tuple[int, str]]:
    """(start offset, name) of every multi-word PERSON entity, for :meth:`SourceResolver.note_person`."""
    return [(e.start_char, e.text) for e in doc_or_span.ents if e.label_ == "PERSON" and len(e) >= 2]
