"""The stance of a text towards a headline claim: agree, disagree, discuss or unrelated.

    >>> from claimgraph.link.stance import classify_stance
    >>> classify_stance("Army seizes Avdiivka", "The ministry denied that the army had seized Avdiivka.").label
    'disagree'

Hand-written rules rather than a trained model: the only public stance data here
(the FNC-1 competition test set) has no training split, and the linking code wants
a decision it can explain in a ``contradicts`` link's evidence. The rules, in order:

1. **Relatedness** is lexical: the share of the headline's content words (lower
   case, crudely stemmed, function words left out) that occur in the body. Below
   ``StanceThresholds.related_overlap`` the pair is ``unrelated``.
2. The body's **relevant sentences** are its lead sentence and every sentence
   that shares at least ``relevant_words`` content words with the headline: a
   refutation elsewhere in the body is usually about something else.
3. **disagree** when the relevant sentences hold at least ``disagree_refutes``
   refuting cues ("denied", "hoax", "no evidence"; ``data/stance_cues.jsonl``)
   and the headline holds none: a headline that itself reports a denial ("Kremlin
   denies …") is agreed with by a body that reports it too.
4. **discuss** when the relevant sentences hold at least ``discuss_hedges``
   hedging or attribution cues per sentence ("reportedly", "according to",
   "claims"): the body reports who claims it without endorsing it.
5. Otherwise **agree**.

Each decision carries its reasons (the overlap, the cue words found) as short
strings a person can read. The text is never parsed: over 25,000 FNC-1 pairs the
parser would cost minutes for a lexical decision. :func:`prepare_text` splits and
indexes a body once so that many headlines can be compared with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import bundled_rows
from ..errors import ClaimgraphError

CUES_FILE = "stance_cues.jsonl"
CUE_KINDS = ("refute", "hedge")
LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED_LABELS = ("agree", "disagree", "discuss")

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
# Function words and reporting boilerplate: words that make any two texts overlap.
_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with without as into onto over under about after before
    is are was were be been being am has have had do does did will would shall should can could may might must
    it its it's this that these those there here he she they we you i me him her them us his hers their our your
    my not no nor so than then too very just also only up down out off again more most other some such any all
    each both few own same what which who whom whose when where why how s t says said say new after via one two
    just now over get gets got""".split()
)


@dataclass(frozen=True)
class StanceThresholds:
    """The cut-offs of the rules (module docstring). Defaults were set on FNC-1 pairs with an even body id.

    related_overlap (float): share of the headline's content words the body must contain to be related.
    relevant_words (int): content words a body sentence must share with the headline to be relevant.
    disagree_refutes (int): refuting cues in the relevant sentences that make the body disagree.
    discuss_hedges (float): hedging cues per relevant sentence that make the body discuss.
    """

    related_overlap: float = 0.35
    relevant_words: int = 1
    disagree_refutes: int = 1
    discuss_hedges: float = 0.2


@dataclass(frozen=True)
class Stance:
    """The stance of a body towards a headline.

    label (str): ``agree``, ``disagree``, ``discuss`` or ``unrelated``.
    overlap (float): share of the headline's content words found in the body, 0–1.
    reasons (tuple[str, ...]): why, in words ("overlap 0.62", "refuting cue 'denied'").
    """

    label: str
    overlap: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PreparedSentence:
    """One sentence: its content stems and the cue phrases found in it, by kind."""

    stems: frozenset[str]
    cues: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class PreparedText:
    """A text split into sentences and indexed once, to be compared with many headlines."""

    stems: frozenset[str]
    sentences: tuple[PreparedSentence, ...]


@lru_cache(maxsize=1)
def load_cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cue phrases of ``data/stance_cues.jsonl`` by kind (``refute``, ``hedge``), each as a tuple of tokens."""
    cues: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in CUE_KINDS}
    for number, entry in enumerate(bundled_rows(CUES_FILE), start=1):
        if entry.get("cue") not in cues or not entry.get("phrase"):
            raise ClaimgraphError(f"{CUES_FILE} entry {number}: needs a phrase and a cue in {', '.join(CUE_KINDS)}")
        cues[entry["cue"]].append(tuple(_TOKEN.findall(entry["phrase"].lower())))
    return {kind: tuple(phrases) for kind, phrases in cues.items()}


def stem(word: str) -> str:
    """A crude suffix-stripping stem, enough to match "strikes" with "strike" and "killed" with "kill"."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_stems(tokens: Iterable[str]) -> frozenset[str]:
    """The stems of the tokens that are not function words."""
    return frozenset(stem(token) for token in tokens if token not in _STOPWORDS)


def find_cues(tokens: list[str]) -> dict[str, tuple[str, ...]]:
    """The cue phrases of each kind that occur in the token list, as written in the cue file."""
    padded = " " + " ".join(tokens) + " "
    return {
        kind: tuple(" ".join(phrase) for phrase in phrases if " " + " ".join(phrase) + " " in padded)
        for kind, phrases in load_cues().items()
    }


def prepare_text(text: str) -> PreparedText:
    """Split ``text`` into sentences and index their content stems and cues."""
    sentences = []
    for raw in _SENTENCE_END.split(text):
        tokens = _TOKEN.findall(raw.lower())
        if tokens:
            sentences.append(PreparedSentence(content_stems(tokens), find_cues(tokens)))
    stems = frozenset().union(*(sentence.stems for sentence in sentences)) if sentences else frozenset()
    return PreparedText(stems, tuple(sentences))


def overlap(headline: PreparedText, body: PreparedText) -> float:
    """Share of the headline's content stems that occur in the body (0 for a headline without content words)."""
    if not headline.stems:
        return 0.0
    return len(headline.stems & body.stems) / len(headline.stems)


def classify_stance(
    headline: str | PreparedText, body: str | PreparedText, thresholds: StanceThresholds = StanceThresholds()
) -> Stance:
    """The stance of ``body`` towards the claim in ``headline`` (rules in the module docstring).

    headline (str | PreparedText): the claim, e.g. a headline; prepared with :func:`prepare_text` or raw.
    body (str | PreparedText): the text whose stance is wanted; prepare it once to compare it with many headlines.
    thresholds (StanceThresholds): the cut-offs of the rules.
    RETURNS (Stance): the label, the lexical overlap and the reasons.
    """
    if isinstance(headline, str):
        headline = prepare_text(headline)
    if isinstance(body, str):
        body = prepare_text(body)
    share = overlap(headline, body)
    reasons = [f"overlap {share:.2f}"]
    if share < thresholds.related_overlap:
        return Stance("unrelated", share, tuple(reasons))
    relevant = [
        sentence
        for position, sentence in enumerate(body.sentences)
        if position == 0 or len(sentence.stems & headline.stems) >= thresholds.relevant_words
    ]
    refutes = [cue for sentence in relevant for cue in sentence.cues["refute"]]
    hedges = [cue for sentence in relevant for cue in sentence.cues["hedge"]]
    headline_refutes = [cue for sentence in headline.sentences for cue in sentence.cues["refute"]]
    if len(refutes) >= thresholds.disagree_refutes and not headline_refutes:
        reasons.append("refuting " + ", ".join(f"'{cue}'" for cue in sorted(set(refutes))))
        return Stance("disagree", share, tuple(reasons))
    if headline_refutes and refutes:
        reasons.append("headline reports a refutation: " + ", ".join(f"'{cue}'" for cue in sorted(set(headline_refutes))))
    if relevant and len(hedges) / len(relevant) >= thresholds.discuss_hedges:
        reasons.append("hedging " + ", ".join(f"'{cue}'" for cue in sorted(set(hedges))))
        return Stance("discuss", share, tuple(reasons))
    reasons.append("asserted without hedging")
    return Stance("agree", share, tuple(reasons))
