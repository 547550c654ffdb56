"""An article's text as HTML with its sources, cues and claim contents marked.

Hand-written rather than left to a template: the marks are nested ``<span>``
elements cut at stored character offsets, so the text between them must be
escaped piece by piece (``markupsafe.escape``) and the result handed to Jinja2
as ``Markup``. Spans that cross one another are split the way the CLI's
``article`` view splits them (:func:`claimgraph.cli.nest_spans`), so every
character keeps its marks and the HTML stays well formed.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..cli import claim_spans, describe_event, describe_place, describe_time, nest_spans
from ..model import Claim, Document, Field

# One CSS class per kind of span (static/claimgraph.css gives each its own style).
SPAN_CLASSES = {"source": "mark-source", "cue": "mark-cue", "content": "mark-content"}


def claim_facets(claim: Claim) -> str:
    """One line naming a claim's source and facets, for a hover title."""
    source = claim.attribution.source
    parts = [f"{claim.attribution.kind.value} claim by {source.name}"]
    event = describe_event(claim)
    if event:
        parts.append(event)
    parts.extend(describe_place(place) for place in claim.places)
    parts.extend(quantity.describe() for quantity in claim.quantities)
    parts.extend(describe_time(span) for span in claim.times)
    return " · ".join(parts)


def _titles(document: Document, field: Field) -> dict[tuple[int, int, str], list[str]]:
    """Each span's hover lines: the facets of every claim it belongs to."""
    titles: dict[tuple[int, int, str], list[str]] = {}
    for claim in document.claims:
        facets = claim_facets(claim)
        spans = []
        if claim.field is field:
            spans.extend((start, end, "content") for start, end in claim.fragments or ((claim.start, claim.end),))
        source, cue = claim.attribution.source, claim.attribution.cue
        if source.start is not None and source.end is not None and source.field is field:
            spans.append((source.start, source.end, "source"))
        if cue is not None and cue.field is field:
            spans.append((cue.start, cue.end, "cue"))
        for span in spans:
            lines = titles.setdefault(span, [])
            if facets not in lines:
                lines.append(facets)
    return titles


def marked_article(document: Document, field_name: str) -> Markup:
    """The article's ``"title"`` or ``"text"`` as escaped HTML with its spans marked.

    Each mark is ``<span class="mark-source|mark-cue|mark-content" title="…">``,
    the title naming the source and facets of the claims the span belongs to.
    """
    field = Field(field_name)
    text = document.article.title if field is Field.TITLE else document.article.text
    titles = _titles(document, field)
    events: list[tuple[int, int, int, Markup]] = []
    for start, end, kind in nest_spans(claim_spans(document, field)):
        # A piece of a split span takes the titles of the spans of its kind that hold it.
        lines = [line for (s, e, k), held in titles.items() if k == kind and s <= start and end <= e for line in held]
        title = "\n".join(dict.fromkeys(lines))
        opening = Markup('<span class="{}" title="{}">').format(SPAN_CLASSES[kind], title)
        # At one offset: closings before openings; the inner span closes first, the outer opens first.
        events.append((start, 1, -end, opening))
        events.append((end, 0, -start, Markup("</span>")))
    pieces: list[Markup] = []
    position = 0
    for offset, _, _, tag in sorted(events, key=lambda event: event[:3]):
        pieces.append(escape(text[position:offset]))
        pieces.append(tag)
        position = offset
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def marked_sentence(claim: Claim) -> Markup:
    """The claim's sentence as escaped HTML with the claim's content in a ``<mark>``."""
    at = claim.sentence.find(claim.text)
    if at < 0:
        return escape(claim.sentence)
    end = at + len(claim.text)
    return Markup("{}<mark>{}</mark>{}").format(claim.sentence[:at], claim.text, claim.sentence[end:])
