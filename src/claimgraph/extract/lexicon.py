"""The attribution lexicons: reporting verbs, phrases and nouns, citing cues, roles, collective sources.

Each lexicon is a JSONL file under ``claimgraph/data/`` (documented in ``data/README.md``);
this module reads them into one :class:`AttributionLexicon`, the thing the pipeline
components consult. The lexicon round-trips through a plain dict, so a component can
serialise it with ``to_bytes``/``to_disk`` like spaCy's own rulers.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

from ..datafiles import bundled_rows
from ..errors import Warnings

LEXICON_FILES = {
    "reporting_verbs": "reporting_verbs.jsonl",
    "reporting_phrases": "reporting_phrases.jsonl",
    "reporting_nouns": "reporting_nouns.jsonl",
    "citing_cues": "citing_cues.jsonl",
    "collective_sources": "collective_sources.jsonl",
    "roles": "roles.jsonl",
    "organization_words": "organization_words.jsonl",
    "non_reporting_verbs": "non_reporting_verbs.jsonl",
    "non_speaker_nouns": "non_speaker_nouns.jsonl",
}


@dataclass(frozen=True)
class VerbEntry:
    """One reporting verb: its lemma and which complements may carry the content.

    A clause ("said that …"), a quotation and a colon always may; ``object`` lets a
    plain noun phrase be the content ("denied the reports"); ``xcomp`` lets an
    infinitive be ("vowed to retake the village"); ``preposition`` names the
    preposition whose object is the content ("called for a ceasefire").
    """

    lemma: str
    object: bool = False
    xcomp: bool = False
    preposition: str | None = None  # "call for": the content is the preposition's object
    passive_only: bool = False  # "is believed to": a cue only in the passive


@dataclass
class AttributionLexicon:
    """All attribution word lists, keyed for fast look-up by lower-cased text."""

    verbs: dict[str, VerbEntry] = field(default_factory=dict)  # inflected form -> entry
    phrases: list[tuple[str, ...]] = field(default_factory=list)  # ("according", "to")
    nouns: set[str] = field(default_factory=set)  # last word of "press conference", …
    clause_nouns: set[str] = field(default_factory=set)  # "claim" in "Moscow's claim that …"
    citing: list[tuple[str, ...]] = field(default_factory=list)  # ("citing",), ("referring", "to")
    collective: dict[tuple[str, ...], str] = field(default_factory=dict)  # words -> SourceType value
    roles: set[tuple[str, ...]] = field(default_factory=set)  # ("press", "secretary")
    role_names: dict[str, str] = field(default_factory=dict)  # abbreviation -> full role: "rep." -> "representative"
    org_words: set[str] = field(default_factory=set)  # "ministry", "directorate", "gur"
    non_reporting: set[str] = field(default_factory=set)  # verb forms that take a clause but report nothing
    non_speakers: set[str] = field(default_factory=set)  # "plan", "law": subjects that cannot speak
    raw: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def role_heads(self) -> set[str]:
        """The last word of every role ("secretary" for "press secretary")."""
        return {r[-1] for r in self.roles}

    @classmethod
    def from_dict(cls, raw: dict[str, list[dict[str, Any]]]) -> AttributionLexicon:
        """Build the look-up tables from the JSONL rows, one list per lexicon name."""
        lex = cls(raw=raw)
        for row in raw.get("reporting_verbs", []):
            entry = VerbEntry(
                row["lemma"], bool(row.get("object")), bool(row.get("xcomp")), row.get("preposition"), bool(row.get("passive_only"))
            )
            for form in row.get("forms", [row["lemma"]]):
                lex.verbs[form.lower()] = entry
        lex.phrases = [tuple(r["phrase"].lower().split()) for r in raw.get("reporting_phrases", [])]
        lex.nouns = {r["noun"].lower().split()[-1] for r in raw.get("reporting_nouns", [])}
        lex.clause_nouns = {r["noun"].lower() for r in raw.get("reporting_nouns", []) if r.get("clause")}
        lex.citing = [tuple(r["phrase"].lower().split()) for r in raw.get("citing_cues", [])]
        # matched without determiners: "the ministry" in the file matches "ministry" and "a ministry"
        lex.collective = {
            tuple(w for w in r["phrase"].lower().split() if w not in ("a", "an", "the")): r["type"]
            for r in raw.get("collective_sources", [])
        }
        lex.roles = {tuple(r["role"].lower().split()) for r in raw.get("roles", [])}
        lex.role_names = {r["role"].lower(): r["canonical"] for r in raw.get("roles", []) if r.get("canonical")}
        lex.org_words = {r["word"].lower() for r in raw.get("organization_words", [])}
        lex.non_speakers = {f.lower() for r in raw.get("non_speaker_nouns", []) for f in r["forms"]}
        lex.non_reporting = {f.lower() for r in raw.get("non_reporting_verbs", []) for f in r.get("forms", [r["lemma"]])}
        for name in LEXICON_FILES:
            if not raw.get(name):
                warnings.warn(Warnings.W001.format(name=name))
        return lex

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return self.raw


def load_default_lexicon() -> AttributionLexicon:
    """The lexicons shipped in ``claimgraph/data``."""
    raw = {name: bundled_rows(fname) for name, fname in LEXICON_FILES.items()}
    return AttributionLexicon.from_dict(raw)
