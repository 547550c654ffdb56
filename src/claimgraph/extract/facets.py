"""Facets of each claim: who acts, how many, where, when, what kind of event, how firmly.

Runs after attribution on the parse the pipeline already made (nothing is parsed
again) and fills, per claim, the fields that the facet modules compute:

- actors, event type, polarity and modality from the claim's content span
  (:mod:`.actors`, :mod:`.events`, :mod:`.modality`);
- quantities, places and times found once over the whole article and given to
  the claims they fall inside: a quantity's counted noun may sit elsewhere in
  the sentence ("3 were wounded"), a place is resolved in the context of the
  whole article ("Novenke in Sumy region" stays inside Sumy Oblast;
  :mod:`.places`), and "two days later" or "since October" need what came
  before (:mod:`.times`). A claim with no time inside its content takes the
  times of its sentence ("On March 10 a spokesman said …": the statement's
  date); failing that, a present-tense claim ("no Russian troops remain") holds
  at the publication date, recorded as an anchored span over its verb.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from spacy.tokens import Doc, Span

from ..model import Document, Field, Place, QuantityRange, TimeGranularity, TimeSpan
from .actors import find_actors
from .events import classify_event
from .modality import polarity_and_modality
from .places import PlaceContext, find_places
from .quantities import find_quantities
from .times import find_times

PRESENT_TENSE_TAGS = frozenset({"VBP", "VBZ"})
T = TypeVar("T", QuantityRange, Place, TimeSpan)


def attach_facets(document: Document, text_doc: Doc, title_doc: Doc | None) -> None:
    """Fill the facet fields of every claim in ``document`` in place.

    document (Document): the article and its claims, as attribution left them.
    text_doc (Doc): the parse of ``document.article.text``.
    title_doc (Doc | None): the parse of the title, where the article has one.
    """
    article = document.article
    context = PlaceContext.from_text(f"{article.title}\n{article.text}")
    found = {
        Field.TEXT: ArticleFacets.find(article.text, article.published, context),
        Field.TITLE: ArticleFacets.find(article.title, article.published, context),
    }
    for claim in document.claims:
        doc = title_doc if claim.field is Field.TITLE else text_doc
        if doc is None:
            continue
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        facets = found[claim.field]
        claim.actors = find_actors(span)
        claim.event_type, claim.event_subtype = classify_event(span)
        claim.polarity, claim.modality = polarity_and_modality(span)
        claim.quantities = within(facets.quantities, claim.start, claim.end)
        claim.places = within(facets.places, claim.start, claim.end)
        sentences = doc[span[0].sent.start : span[-1].sent.end]
        claim.times = (
            within(facets.times, claim.start, claim.end)
            or within(facets.times, sentences.start_char, sentences.end_char)
            or present_time(span, article.published)
        )


@dataclass(frozen=True)
class ArticleFacets:
    """The quantities, places and times of one article string, found once for all its claims."""

    quantities: list[QuantityRange]
    places: list[Place]
    times: list[TimeSpan]

    @classmethod
    def find(cls, text: str, published: date | None, context: PlaceContext) -> ArticleFacets:
        return cls(
            quantities=find_quantities(text),
            places=find_places(text, context=context, demonyms=False),
            times=find_times(text, published=published),
        )


def within(items: list[T], start: int, end: int) -> list[T]:
    """The facets whose span lies inside ``[start, end)``."""
    return [item for item in items if start <= item.start and item.end <= end]


def present_time(span: Span, published: date | None) -> list[TimeSpan]:
    """'Now' for a present-tense claim: the publication date, as an anchored span over its verb."""
    verb = span.root
    # Tags, not morphology: the pipeline runs without the attribute ruler (DESIGN.md §4).
    if published is not None and verb.tag_ in PRESENT_TENSE_TAGS:
        return [
            TimeSpan(
                text=verb.text,
                start=verb.idx,
                end=verb.idx + len(verb.text),
                start_date=published,
                end_date=published,
                granularity=TimeGranularity.DAY,
                anchored=True,
            )
        ]
    return []
