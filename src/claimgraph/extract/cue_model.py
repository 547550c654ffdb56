"""A learned attribution-cue detector: which tokens of a parsed article mark reporting.

    >>> from claimgraph.extract.cue_model import CueModel
    >>> model = CueModel.load()                      # the model shipped in claimgraph/data
    >>> [doc[c.start_token : c.end_token].text for c in model.predict(doc)]
    ['said', 'according to']
    >>> spans = attribution_spans(doc, model.predict(doc))   # source and content around each cue

A cue is the word or phrase that marks an attribution: "said", "told reporters",
"according to", "in a statement", a colon before a quotation, and (as PolNeAR
annotates them) beliefs and intentions such as "believes", "wants", "plans". The
hand lexicons of :mod:`claimgraph.extract.attribution` are precise but miss that long
tail; this model scores every token of a ``Doc`` parsed by
:func:`claimgraph.extract.nlp.load_nlp` and returns the runs of cue tokens.

The model is a logistic regression over hashed sparse features of each token and its
neighbourhood in the dependency parse (word, tag, dependency label, head, children,
neighbours, whether it sits inside a quotation, …; see :func:`token_features`). Each
feature string is hashed with CRC-32 into a fixed number of buckets, so the shipped
model is one array of weights plus a bias and two thresholds, read with numpy alone:
no new runtime dependency and no vocabulary (no text of the training corpus) in the
file. Written here rather than as a spaCy ``SpanCategorizer`` component because that
needs its own trained embedding layer and runs a network over every token, while a
linear model over the parse the pipeline already computes needs one weight vector and,
with the spans below, about 40 ms per 800-word article (a quarter of the parse; measured
on PolNeAR dev). It is trained by ``scripts/train_attribution_model.py`` on
PolNeAR train; the thresholds were chosen on PolNeAR dev.

:func:`attribution_spans` then reads each cue's source and content off the dependency tree
(subject, agent or "according to" object; clausal complement, adjacent quotation, colon
lead-in, objects, or the rest of the sentence), giving each word to at most one
attribution as PolNeAR does.

Decoding uses two thresholds: a token whose probability reaches ``threshold`` starts
a cue, and the cue grows over adjacent tokens whose probability reaches the lower
``extend_threshold`` ("said" → "said in a statement", "according" → "according to").
Whitespace tokens are never cues and end a run.

The pipeline runs without spaCy's lemmatizer and attribute ruler (DESIGN.md §4), so
the features read ``token.lower_`` and ``token.tag_``, never ``lemma_`` or ``pos_``.
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "attribution_model" / "cue_model.npz"
FEATURE_VERSION = 2
"""Bumped whenever :func:`token_features` changes; a model trained on other features is refused."""

QUOTE_MARKS = {'"', "“", "”", "«", "»", "„", "''", "``"}
OPENING_QUOTE_MARKS = {"“", "«", "„", "``"}
CLOSING_QUOTE_MARKS = {"”", "»", "''"}
# Children whose dependency label says what a verb governs: a clause ("said that …"), a
# subject, an object, an infinitive, an agent ("was told by …").
CHILD_LABELS_OF_INTEREST = ("ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "agent", "prep", "advcl", "parataxis", "dative", "aux", "neg", "prt", "mark")
# Children kept with their word: particles and prepositions decide "called for" vs "called", "according to".
WORDED_CHILD_LABELS = ("prep", "prt", "aux", "mark", "neg", "dative")


@dataclass(frozen=True)
class CueCandidate:
    """A predicted cue: tokens ``start_token`` … ``end_token - 1`` of the doc, and the model's confidence (0–1)."""

    start_token: int
    end_token: int
    score: float

    def span(self, doc: Doc) -> Span:
        """The cue as a spaCy span of ``doc``."""
        return doc[self.start_token : self.end_token]


def quotation_flags(doc: Doc) -> list[bool]:
    """For each token, whether it lies inside a quotation (the marks themselves count as outside).

    Straight quotes alternate, curly quotes open and close by direction, and a paragraph
    break (a blank line) closes any quotation still open, as in wire copy where a quote
    that runs on reopens in the next paragraph.
    """
    flags = []
    inside = False
    for token in doc:
        text = token.text
        if token.is_space and text.count("\n") >= 2:
            inside = False
        if text in QUOTE_MARKS:
            if text in OPENING_QUOTE_MARKS:
                inside = True
            elif text in CLOSING_QUOTE_MARKS:
                inside = False
            else:
                inside = not inside
            flags.append(False)
        else:
            flags.append(inside)
    return flags


def _shape(token: Token) -> str:
    text = token.text
    if token.is_punct or not any(ch.isalnum() for ch in text):
        return "punct"
    if text.isdigit():
        return "digit"
    if text.isupper() and len(text) > 1:
        return "upper"
    if text[:1].isupper():
        return "title"
    return "lower"


def _is_quote_mark(token: Token) -> bool:
    return token.text in QUOTE_MARKS


def token_features(doc: Doc) -> list[list[str]]:
    """The feature strings of every token of ``doc`` (an empty list for whitespace tokens).

    Deterministic: the same parse always gives the same strings in the same order.

    doc (Doc): parsed (tags, dependencies, sentences) by the claimgraph pipeline.
    RETURNS (list[list[str]]): one list per token.
    """
    in_quote = quotation_flags(doc)
    paragraph_start = _paragraph_starts(doc)
    features: list[list[str]] = []
    n_tokens = len(doc)
    for token in doc:
        if token.is_space:
            features.append([])
            continue
        i = token.i
        word, tag, dep = token.lower_, token.tag_, token.dep_
        head = token.head
        sent = token.sent
        position = (i - sent.start) / max(1, len(sent) - 1)
        feats = [
            f"w={word}",
            f"suf={word[-3:]}",
            f"shape={_shape(token)}",
            f"tag={tag}",
            f"dep={dep}",
            f"w|tag={word}|{tag}",
            f"w|dep={word}|{dep}",
            f"tag|dep={tag}|{dep}",
            f"hw={head.lower_}",
            f"ht={head.tag_}",
            f"w|hw={word}|{head.lower_}",
            f"dep|hw={dep}|{head.lower_}",
            f"dep|ht|hd={dep}|{head.tag_}|{head.dep_}",
            f"hhw={head.head.lower_}",
            f"dep|hhw={dep}|{head.dep_}|{head.head.lower_}",
            f"quote={in_quote[i]}",
            f"quote|tag={in_quote[i]}|{tag}",
            f"pos={min(4, int(position * 5))}",
            f"sent_start={i == sent.start}",
            f"ent={token.ent_type_}",
        ]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n_tokens:
                neighbour = doc[j]
                feats.append(f"w{offset}={neighbour.lower_}")
                feats.append(f"t{offset}={neighbour.tag_}")
            else:
                feats.append(f"w{offset}=<none>")
        feats.append(f"shape-1={_shape(doc[i - 1]) if i > 0 else '<none>'}")
        feats.append(f"shape+1={_shape(doc[i + 1]) if i + 1 < n_tokens else '<none>'}")
        feats.append(f"from_paragraph={min(4, i - paragraph_start[i])}")
        head_labels = sorted({c.dep_ for c in head.children if c.dep_ in CHILD_LABELS_OF_INTEREST and c != token})
        feats.append(f"head_has={'+'.join(head_labels)}")
        feats.append(f"dep|head_has={dep}|{'+'.join(head_labels)}")
        previous_word = doc[i - 1].lower_ if i > 0 else "<none>"
        next_word = doc[i + 1].lower_ if i + 1 < n_tokens else "<none>"
        feats.append(f"w-1|w={previous_word}|{word}")
        feats.append(f"w|w+1={word}|{next_word}")
        feats.append(f"quote_adjacent={_next_to_quote(doc, i)}")
        child_labels = set()
        for child in token.children:
            label = child.dep_
            if label in CHILD_LABELS_OF_INTEREST:
                child_labels.add(label)
            if label in WORDED_CHILD_LABELS:
                feats.append(f"child={label}|{child.lower_}")
                feats.append(f"w|child={word}|{label}|{child.lower_}")
            if label in ("nsubj", "nsubjpass", "agent"):
                feats.append(f"subj_kind={label}|{child.tag_}|{child.ent_type_}")
            if label in ("ccomp", "xcomp", "parataxis"):
                first = doc[child.left_edge.i]
                feats.append(f"clause_start={label}|{first.lower_ if first.tag_ in ('IN', 'WDT', 'WRB', 'TO') else first.tag_}")
                feats.append(f"clause_side={label}|{'right' if child.i > i else 'left'}")
            if label == "punct" and (child.text == ":" or _is_quote_mark(child)):
                feats.append(f"punct_child={child.text if child.text == ':' else 'quote'}|{'right' if child.i > i else 'left'}")
        for label in sorted(child_labels):
            feats.append(f"has={label}")
            feats.append(f"w|has={word}|{label}")
        feats.append(f"children={'+'.join(sorted(child_labels))}")
        feats.append(f"w|children={word}|{'+'.join(sorted(child_labels))}")
        features.append(feats)
    return features


def _paragraph_starts(doc: Doc) -> list[int]:
    """For each token, the index of the first token of its paragraph (after the last line break)."""
    starts = []
    start = 0
    for token in doc:
        starts.append(start)
        if token.is_space and "\n" in token.text:
            start = token.i + 1
    return starts


def _next_to_quote(doc: Doc, i: int) -> str:
    """Whether a quotation mark sits within two tokens before or after token ``i``, skipping commas."""
    sides = []
    for step, name in ((-1, "before"), (1, "after")):
        j = i + step
        for _ in range(2):
            if not 0 <= j < len(doc):
                break
            if _is_quote_mark(doc[j]):
                sides.append(name)
                break
            if doc[j].text not in (",", ":", "—", "–", "-"):
                break
            j += step
    return "+".join(sides) or "none"


def hash_features(features: Sequence[str], n_buckets: int) -> np.ndarray:
    """The bucket of each feature string: CRC-32 of its UTF-8 bytes modulo ``n_buckets`` (stable across runs)."""
    return np.fromiter((zlib.crc32(feature.encode("utf-8")) % n_buckets for feature in features), dtype=np.int64, count=len(features))


class CueModel:
    """Scores tokens as attribution cues with a hashed-feature logistic regression.

    weights (np.ndarray): one float per hash bucket.
    bias (float): the intercept.
    threshold (float): the probability at which a token starts a cue.
    extend_threshold (float): the probability at which an adjacent token joins a cue.
    meta (dict): provenance (training data, scores), stored with the weights.
    """

    def __init__(self, weights: np.ndarray, bias: float, *, threshold: float, extend_threshold: float, meta: dict | None = None) -> None:
        if weights.ndim != 1 or not len(weights):
            raise ValueError(f"cue model weights must be a non-empty vector, got shape {weights.shape}")
        if not 0.0 < extend_threshold <= threshold < 1.0:
            raise ValueError(f"cue model thresholds must satisfy 0 < extend_threshold <= threshold < 1, got {extend_threshold}, {threshold}")
        self.weights = weights.astype(np.float32)
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.extend_threshold = float(extend_threshold)
        self.meta = dict(meta or {})

    @property
    def n_buckets(self) -> int:
        return len(self.weights)

    @classmethod
    def load(cls, path: str | Path | None = None) -> CueModel:
        """The model stored at ``path``; without a path, the one shipped in ``claimgraph/data`` (loaded once per process).

        path (str | Path | None): an ``.npz`` file written by :meth:`save`.
        RETURNS (CueModel): the model.
        RAISES (ValueError): naming the file when it is missing, unreadable or for other features.
        """
        if path is None:
            return _default_model()
        return cls._read(Path(path))

    @classmethod
    def _read(cls, path: Path) -> CueModel:
        try:
            with np.load(path, allow_pickle=False) as stored:
                weights = stored["weights"]
                meta = json.loads(str(stored["meta"]))
        except (OSError, KeyError, ValueError, json.JSONDecodeError) as error:
            raise ValueError(f"Cannot load the cue model {path}: {error}; retrain it with scripts/train_attribution_model.py") from None
        if meta.get("feature_version") != FEATURE_VERSION:
            raise ValueError(
                f"Cannot load the cue model {path}: it was trained on feature version {meta.get('feature_version')}, "
                f"this code computes version {FEATURE_VERSION}; retrain it with scripts/train_attribution_model.py"
            )
        return cls(weights, meta["bias"], threshold=meta["threshold"], extend_threshold=meta["extend_threshold"], meta=meta)

    def save(self, path: str | Path) -> None:
        """Write the weights (float16, to keep the package small) and the metadata to one ``.npz`` file."""
        meta = {**self.meta, "feature_version": FEATURE_VERSION, "bias": self.bias, "threshold": self.threshold, "extend_threshold": self.extend_threshold}
        np.savez_compressed(Path(path), weights=self.weights.astype(np.float16), meta=np.array(json.dumps(meta, sort_keys=True)))

    def token_scores(self, doc: Doc) -> np.ndarray:
        """The probability that each token of ``doc`` belongs to a cue (0.0 for whitespace)."""
        scores = np.zeros(len(doc), dtype=np.float64)
        for i, feats in enumerate(token_features(doc)):
            if feats:
                # each bucket counts once, as in training (binary features)
                logit = self.bias + float(self.weights[np.unique(hash_features(feats, self.n_buckets))].sum())
                scores[i] = 1.0 / (1.0 + np.exp(-logit))
        return scores

    def predict(self, doc: Doc) -> list[CueCandidate]:
        """The cues of ``doc``: runs of adjacent cue tokens, in text order.

        doc (Doc): parsed by the claimgraph pipeline (``load_nlp()``), so tags and dependencies match training.
        RETURNS (list[CueCandidate]): contiguous token spans, each scored by its most confident token.
        """
        if not isinstance(doc, Doc):
            raise TypeError(f"CueModel.predict takes a spaCy Doc, not {type(doc).__name__}")
        return decode_cues(self.token_scores(doc), [token.is_space for token in doc], self.threshold, self.extend_threshold)


def decode_cues(scores: Sequence[float], is_space: Sequence[bool], threshold: float, extend_threshold: float) -> list[CueCandidate]:
    """Runs of tokens scoring at least ``extend_threshold`` that hold a token scoring at least ``threshold``.

    scores (Sequence[float]): per-token probabilities.
    is_space (Sequence[bool]): whitespace tokens, which end a run and never join one.
    RETURNS (list[CueCandidate]): in text order.
    """
    candidates = []
    start = None
    for i in range(len(scores) + 1):
        inside = i < len(scores) and not is_space[i] and scores[i] >= extend_threshold
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            best = max(scores[start:i])
            if best >= threshold:
                candidates.append(CueCandidate(start, i, float(best)))
            start = None
    return candidates


@functools.lru_cache(maxsize=1)
def _default_model() -> CueModel:
    return CueModel._read(DEFAULT_MODEL_PATH)


# -- source and content around a predicted cue ---------------------------------------

TokenRange = tuple[int, int]
"""Tokens ``start`` … ``end - 1`` of a doc."""

SUBJECT_LABELS = ("nsubj", "nsubjpass", "csubj")
CLAUSE_LABELS = ("ccomp", "xcomp", "csubj")
# Verb attachments through which a cue shares its governor's subject: "continued to say",
# "…, saying", "said and added" (a cue without a subject of its own).
SUBJECT_SHARING_LABELS = ("xcomp", "advcl", "conj", "ccomp", "relcl", "acl")
CONTENT_MIN_TOKENS = 2
OBJECT_LABELS = ("dobj", "oprd", "attr", "acomp", "dative")
# Prepositions that introduce what is said ("described X as Y", "likened X to Y", "called for Y"),
# unlike time and place adjuncts ("said on Friday", "said in Ohio").
COMPLEMENT_PREPOSITIONS = ("as", "to", "for", "of", "about", "on", "that", "with", "against")


@dataclass(frozen=True)
class CueSpans:
    """The source and content that the parse places around one cue, as token ranges of the doc.

    cue (TokenRange): the cue's tokens.
    source (TokenRange | None): the speaker phrase, when the parse names one.
    content (tuple[TokenRange, ...]): the content's fragments in text order; empty when none is found.
    """

    cue: TokenRange
    source: TokenRange | None
    content: tuple[TokenRange, ...]


def quotation_ranges(doc: Doc) -> list[TokenRange]:
    """Quotations as token ranges that include their marks (see :func:`quotation_flags`)."""
    inside = quotation_flags(doc)
    ranges = []
    start = None
    for token in doc:
        i = token.i
        if inside[i] and start is None:
            start = i - 1 if i > 0 and _is_quote_mark(doc[i - 1]) else i
        elif not inside[i] and start is not None:
            end = i + 1 if _is_quote_mark(token) else i
            while end > start and doc[end - 1].is_space:
                end -= 1
            ranges.append((start, end))
            start = None
    if start is not None:
        ranges.append((start, len(doc)))
    return ranges


def cue_spans(doc: Doc, cue: CueCandidate, quotations: list[TokenRange] | None = None) -> CueSpans:
    """Source and content of a predicted cue, read off the dependency tree around it.

    Source: the subject of the cue's verb (or of the verb it hangs from: "continued to
    say", "…, saying"), the passive agent ("was told by X"), the object of "according
    to", or a nominal cue's possessor or "by X". Content, by preference: the clausal
    complement ("said that …", "wants to …"), a quotation next to the cue, the objects
    ("called for X", "calling Clinton a "champion""), the clause an "according to X"
    phrase or an inverted cue ("…, he said") hangs from, else the rest of the sentence on
    the side away from the source.

    doc (Doc): parsed by the claimgraph pipeline.
    cue (CueCandidate): one cue from :meth:`CueModel.predict`.
    quotations (list[TokenRange] | None): :func:`quotation_ranges` of ``doc``, when the caller computed them already.
    RETURNS (CueSpans): token ranges; the content leaves out the cue and the source, unless a
        quotation taken whole holds them.
    """
    if quotations is None:
        quotations = quotation_ranges(doc)
    cue_tokens = doc[cue.start_token : cue.end_token]
    anchor = _anchor(cue_tokens)
    taken = set(range(cue.start_token, cue.end_token))
    source_head = _source_head(anchor, taken)
    source = None
    if source_head is not None:
        source = _phrase(source_head, taken)
        if source is not None:
            taken |= set(range(*source))
    content = _content(doc, anchor, cue_tokens, source, taken, quotations)
    return CueSpans(cue=(cue.start_token, cue.end_token), source=source, content=content)


def attribution_spans(doc: Doc, cues: Sequence[CueCandidate]) -> list[CueSpans]:
    """:func:`cue_spans` of every cue of ``doc``, with each word given to at most one attribution.

    As in PolNeAR (and claimgraph's rules), attributions do not share words: where the
    content read off for one cue runs over another attribution's cue, source or content
    ("X said Y reported Z"), those words leave it. Shorter contents keep their words
    first; a content left with fewer than two tokens is dropped.

    doc (Doc): parsed by the claimgraph pipeline.
    cues (Sequence[CueCandidate]): from :meth:`CueModel.predict`.
    RETURNS (list[CueSpans]): one per cue, in the order given.
    """
    quotations = quotation_ranges(doc)
    found = [cue_spans(doc, cue, quotations) for cue in cues]
    claimed = {i for spans in found for start, end in (spans.cue, spans.source or (0, 0)) for i in range(start, end)}
    resolved = list(found)
    for k in sorted(range(len(found)), key=lambda k: sum(end - start for start, end in found[k].content)):
        spans = found[k]
        own = [i for start, end in spans.content for i in range(start, end)]
        kept = [i for i in own if i not in claimed]
        if len(kept) < len(own):
            fragments = tuple(f for f in (_trim(doc, start, end, keep_quotes=True) for start, end in _runs(kept)) if f is not None)
            if sum(end - start for start, end in fragments) < CONTENT_MIN_TOKENS:
                fragments = ()
            resolved[k] = CueSpans(cue=spans.cue, source=spans.source, content=fragments)
        claimed.update(i for start, end in resolved[k].content for i in range(start, end))
    return resolved


def _runs(indices: list[int]) -> list[TokenRange]:
    """Sorted token indices as maximal runs of consecutive indices."""
    runs: list[TokenRange] = []
    for i in sorted(indices):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _anchor(cue_tokens: Span) -> Token:
    """The cue token the rest of the sentence attaches to: a verb whose head lies outside the cue, if any."""
    outside = [t for t in cue_tokens if not (cue_tokens.start <= t.head.i < cue_tokens.end) or t.head == t]
    for token in outside or list(cue_tokens):
        if token.tag_.startswith("VB"):
            return token
    return (outside or list(cue_tokens))[0]


def _source_head(anchor: Token, taken: set[int]) -> Token | None:
    if anchor.lower_ in ("according", "per") or (anchor.dep_ == "prep" and anchor.lower_ in ("to", "by")):
        return _preposition_object(anchor)
    verb = anchor
    for _ in range(3):
        for child in verb.children:
            if child.dep_ == "agent":
                obj = _preposition_object(child)
                if obj is not None and obj.i not in taken:
                    return obj
        for child in verb.children:
            if child.dep_ in SUBJECT_LABELS and child.i not in taken:
                return child
        if not verb.tag_.startswith("VB"):
            for child in verb.children:
                if child.dep_ == "poss" and child.i not in taken:
                    return child
                if child.dep_ == "prep" and child.lower_ == "by":
                    return _preposition_object(child)
        if verb.dep_ not in SUBJECT_SHARING_LABELS and not (verb.dep_ in ("pobj", "dobj", "prep") and not verb.tag_.startswith("VB")):
            break
        verb = verb.head
    return None


def _preposition_object(token: Token) -> Token | None:
    """The object of ``token``'s preposition: "according to X" → X, "by X" → X."""
    for child in token.children:
        if child.dep_ == "pobj":
            return child
        if child.dep_ == "prep":
            found = _preposition_object(child)
            if found is not None:
                return found
    return None


def _phrase(head: Token, taken: set[int]) -> TokenRange | None:
    """The contiguous subtree of ``head`` that avoids ``taken`` tokens, without edge punctuation."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    # keep the part of the subtree that holds the head when the cue sits inside it
    for i in range(head.i, start - 1, -1):
        if i in taken:
            start = i + 1
            break
    for i in range(head.i, end):
        if i in taken:
            end = i
            break
    return _trim(head.doc, start, end)


def _trim(doc: Doc, start: int, end: int, *, keep_quotes: bool = False) -> TokenRange | None:
    """``start``–``end`` without whitespace and punctuation at either edge (quotation marks kept on request)."""

    def droppable(token: Token) -> bool:
        if keep_quotes and _is_quote_mark(token):
            return False
        return token.is_space or token.is_punct or token.text in ("--", "—", "–")

    while start < end and droppable(doc[start]):
        start += 1
    while end > start and droppable(doc[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def _content(doc: Doc, anchor: Token, cue_tokens: Span, source: TokenRange | None, taken: set[int], quotations: list[TokenRange]) -> tuple[TokenRange, ...]:
    # The anchor first, then the cue's other words: "pointed to X", "showing support for X".
    governors = [anchor, *(token for token in cue_tokens if token != anchor)]
    # 1. a clause the cue governs: "said (that) …", "wants to …"
    for child in (child for governor in governors for child in governor.children):
        if child.dep_ in CLAUSE_LABELS and child.i not in taken:
            clause = _phrase(child, taken)
            if clause is not None and clause[1] - clause[0] >= CONTENT_MIN_TOKENS:
                return (_widen_to_quotation(clause, quotations),)
    # 2. a quotation just before or after the cue (or its source)
    quotation = _adjacent_quotation(doc, cue_tokens, source, quotations)
    if quotation is not None:
        return (quotation,)
    # 2b. a colon lead-in ("he added:", "made the following comment:"): what follows the colon,
    #     up to the end of its paragraph, which may be the next one
    colon = _colon_after(doc, cue_tokens, source)
    if colon is not None:
        following = _paragraph_after(doc, colon + 1)
        if following is not None and not taken & set(range(*following)) and following[1] - following[0] >= CONTENT_MIN_TOKENS:
            return (_widen_to_quotation(following, quotations),)
    # 3. the complements after the cue: "denied the reports", "called Clinton a "champion"",
    #    "described the incident as …", "called for an investigation"
    complements = [
        child
        for governor in governors
        for child in governor.children
        if child.i >= cue_tokens.end
        and child.i not in taken
        and (child.dep_ in OBJECT_LABELS or child.dep_ == "prep" and child.lower_ in COMPLEMENT_PREPOSITIONS or governor != anchor and child.dep_ in ("pobj", "pcomp"))
    ]
    if complements:
        start, end = min(c.left_edge.i for c in complements), max(c.right_edge.i for c in complements) + 1
        phrase = _trim(doc, max(start, cue_tokens.end), end, keep_quotes=True)
        if phrase is not None and not taken & set(range(*phrase)) and phrase[1] - phrase[0] >= CONTENT_MIN_TOKENS:
            return (_widen_to_quotation(phrase, quotations),)
    # 4. "according to X, …" and inverted cues "…, he said": the clause the cue hangs from
    if anchor.lower_ in ("according", "per") or anchor.dep_ in ("parataxis", "advcl", "prep") and anchor.head != anchor:
        clause_head = anchor.head
        own = {t.i for t in anchor.subtree} | taken
        tokens = [t.i for t in clause_head.subtree if t.i not in own]
        fragments = _fragments(doc, tokens, quotations)
        if fragments:
            return fragments
    # 5. the rest of the sentence on the side away from the source
    sent = anchor.sent
    source_after = source is not None and source[0] >= cue_tokens.end
    side = range(sent.start, cue_tokens.start) if source_after else range(cue_tokens.end, sent.end)
    rest = _trim(doc, side.start, side.stop, keep_quotes=True) if len(side) else None
    if rest is not None and not taken & set(range(*rest)) and rest[1] - rest[0] >= CONTENT_MIN_TOKENS:
        return (_widen_to_quotation(rest, quotations),)
    return ()


def _colon_after(doc: Doc, cue_tokens: Span, source: TokenRange | None) -> int | None:
    """The index of a colon that ends the cue or directly follows it (or its source), else ``None``."""
    if cue_tokens[-1].text == ":":
        return cue_tokens.end - 1
    i = max(cue_tokens.end, source[1] if source and source[0] >= cue_tokens.end else cue_tokens.end)
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    return i if i < len(doc) and doc[i].text == ":" else None


def _paragraph_after(doc: Doc, start: int) -> TokenRange | None:
    """From ``start`` (skipping line breaks) to the end of that paragraph, trimmed."""
    while start < len(doc) and doc[start].is_space:
        start += 1
    end = start
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    return _trim(doc, start, end, keep_quotes=True)


def _fragments(doc: Doc, tokens: list[int], quotations: list[TokenRange]) -> tuple[TokenRange, ...]:
    """Token indices as trimmed contiguous fragments, each widened to the quotation it lies in."""
    trimmed = [_trim(doc, start, end, keep_quotes=True) for start, end in _runs(tokens)]
    return tuple(_widen_to_quotation(f, quotations) for f in trimmed if f is not None)


def _widen_to_quotation(content: TokenRange, quotations: list[TokenRange]) -> TokenRange:
    """The content with the quotation it lies in, or ends in, taken whole (PolNeAR marks quotes with their marks).

    A clause inside a quotation is the whole quotation, however many sentences it runs
    over; a paraphrase that ends inside a quotation ("… said the ruling "will force us
    to act."") runs to the closing mark.
    """
    start, end = content
    for q_start, q_end in quotations:
        if q_start <= start and end <= q_end:
            return (q_start, q_end)
        if start < q_start < end <= q_end:
            return (start, q_end)
    return content


def _adjacent_quotation(doc: Doc, cue_tokens: Span, source: TokenRange | None, quotations: list[TokenRange]) -> TokenRange | None:
    """A quotation that ends just before, or starts just after, the cue and its source (within the paragraph)."""
    left = min(cue_tokens.start, source[0]) if source else cue_tokens.start
    right = max(cue_tokens.end, source[1]) if source else cue_tokens.end
    for q_start, q_end in quotations:
        between = doc[q_end:left] if q_end <= left else doc[right:q_start] if q_start >= right else None
        if between is not None and len(between) <= 2 and all(t.is_punct or (t.is_space and "\n\n" not in t.text) for t in between):
            return (q_start, q_end)
    return None
