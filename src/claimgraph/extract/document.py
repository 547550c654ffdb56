"""Turn parsed headline and body ``Doc``\\ s into a :class:`~claimgraph.model.Document`.

Every attribution the pipeline found becomes a :class:`~claimgraph.model.Claim`. What
remains is the outlet's own reporting: each sentence that holds no part of an
attribution (no source, cue or content) and has a verb becomes a claim of the outlet
(``kind=outlet``). A sentence without a verb — a dateline, a photo credit, a section
label — asserts nothing and is left out. The outlet source is the article's outlet, or
an outlet named ``"unknown outlet"`` when the article does not say.

A wire dateline opening the body ("SEOUL, Oct. 18 (Yonhap) --", "MOSCOW, October 18.
/TASS/.") says where the copy was filed, not what is claimed: the first claim starts
after it, so its place is not the claim's place. The dateline forms are hand-written
patterns (:data:`DATELINE`); spaCy has no notion of them.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Span

from ..model import (
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Document,
    Field,
    Mention,
    Source,
    SourceType,
    TextSpan,
)
from .attribution import FoundAttribution
from .nlp import ROLES_SPANS_KEY
from .sources import SourceInfo
from .tags import is_verb

UNKNOWN_OUTLET = "unknown outlet"
_DATELINE_PLACE = r"[A-Z][A-Za-z’'.\-]+(?:[ \-][A-Z][A-Za-z’'.\-]+){0,3}"
DATELINE = re.compile(
    rf"""\s*(?:
        {_DATELINE_PLACE}(?:,\ [^()\n]{{1,30}}?)?\ \([A-Za-z .]{{1,30}}\)\s*(?:--|[—–-])   # SEOUL, Oct. 18 (Yonhap) --
      | [A-Z]{{2,}}(?:[ \-][A-Z]{{2,}})*,\ [^/\n]{{1,30}}?\.\ /[A-Za-z .]{{1,30}}/\.      # MOSCOW, October 18. /TASS/.
      | [A-Z]{{2,}}(?:[ \-][A-Z]{{2,}})*,\ [^–—\n]{{1,30}}?\ [—–-]\ [A-Z][A-Za-z .]{{1,30}}?\.  # MOSCOW, 30 October – RIA Novosti.
      | [A-Z]{{2,}}(?:[ \-][A-Z]{{2,}})*,\ (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{{0,6}}\.?\ \d{{1,2}}\ (?:--|[—–])  # KHARKIV, Nov. 2 --
    )\s*""",
    re.VERBOSE,
)
MENTION_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def build_document(article: Article, title_doc: Doc | None, body_doc: Doc) -> Document:
    """Claims and mentions of one article from its parsed headline and body.

    article (Article): the article the docs were parsed from.
    title_doc (Doc | None): the parsed headline, if the article has one.
    body_doc (Doc): the parsed body (``article.text``).
    RETURNS (Document): claims in reading order, headline first; mentions likewise.
    """
    claims: list[Claim] = []
    mentions: list[Mention] = []
    for doc, field_ in ((title_doc, Field.TITLE), (body_doc, Field.TEXT)):
        if doc is None:
            continue
        found: list[FoundAttribution] = doc._.attributions or []
        claims.extend(_attributed_claim(article, doc, a, field_) for a in found)
        claims.extend(_outlet_claims(article, doc, found, field_))
        mentions.extend(_mentions(doc, field_))
    claims.sort(key=lambda c: (c.field is Field.TEXT, c.start))
    _name_headline_sources(claims)
    dateline = DATELINE.match(article.text)
    if dateline:
        claims = [c for c in (_after_dateline(c, dateline.end(), article.text) for c in claims) if c is not None]
    return Document(article=article, claims=claims, mentions=mentions)


def _name_headline_sources(claims: list[Claim]) -> None:
    """Give a headline's short source the body's full name for it.

    Headlines shorten: "…, spy agency says" is "South Korea's spy agency" in the body,
    "Yusov: …" is "Andriy Yusov". The first body source whose name ends with the
    headline's, word for word, names it; the headline keeps its own offsets.
    """
    body = [c.attribution.source for c in claims if c.field is Field.TEXT and c.attribution.source.type is not SourceType.OUTLET]
    for claim in claims:
        source = claim.attribution.source
        if claim.field is not Field.TITLE or source.type is SourceType.OUTLET:
            continue
        short = source.name.casefold()
        full = next((b for b in body if b.name.casefold().endswith(" " + short)), None)
        if full is not None:
            named = dataclasses.replace(
                source, name=full.name, type=full.type,
                role=source.role or full.role, organization=source.organization or full.organization,
            )
            claim.attribution = dataclasses.replace(claim.attribution, source=named)


def _after_dateline(claim: Claim, floor: int, text: str) -> Claim | None:
    """The claim without the body's opening dateline; None when the dateline was all of it."""
    if claim.field is not Field.TEXT or claim.start >= floor or claim.fragments:
        return claim
    if claim.end <= floor:
        return None
    return dataclasses.replace(claim, start=floor, text=text[floor : claim.end], id="")


def _source(info: SourceInfo, field_: Field) -> Source:
    return Source(
        name=info.name,
        type=info.type,
        role=info.role,
        organization=info.organization,
        start=info.start,
        end=info.end,
        field=field_,
    )


def _attributed_claim(article: Article, doc: Doc, found: FoundAttribution, field_: Field) -> Claim:
    text = doc.text
    start, end = found.content_range
    cue = TextSpan(text[found.cue[0] : found.cue[1]], found.cue[0], found.cue[1], field_) if found.cue else None
    chain = tuple(Source(name=s.name, type=s.type, role=s.role, organization=s.organization) for s in found.chain)
    attribution = Attribution(kind=found.kind, source=_source(found.source, field_), cue=cue, chain=chain)
    fragments = tuple(found.content) if len(found.content) > 1 else ()
    return Claim(
        article_id=article.id,
        text=" … ".join(text[a:b] for a, b in found.content),
        start=start,
        end=end,
        sentence=text[found.sentence[0] : found.sentence[1]].strip(),
        attribution=attribution,
        field=field_,
        fragments=fragments,
    )


def _outlet_source(article: Article, field_: Field) -> Source:
    return Source(name=article.outlet or UNKNOWN_OUTLET, type=SourceType.OUTLET, field=field_)


def _outlet_claims(article: Article, doc: Doc, found: list[FoundAttribution], field_: Field) -> list[Claim]:
    """Sentences untouched by any attribution that assert something (they have a verb)."""
    taken: list[tuple[int, int]] = []
    for a in found:
        taken.extend(a.content)
        if a.source.start is not None:
            taken.append((a.source.start, a.source.end))
        if a.cue:
            taken.append(a.cue)
    claims = []
    text = doc.text
    for sent in doc.sents:
        if any(lo < sent.end_char and sent.start_char < hi for lo, hi in taken):
            continue
        if not _asserts(sent):
            continue
        start, end = _trim(sent)
        attribution = Attribution(kind=AttributionKind.OUTLET, source=_outlet_source(article, field_))
        claims.append(
            Claim(
                article_id=article.id,
                text=text[start:end],
                start=start,
                end=end,
                sentence=sent.text.strip(),
                attribution=attribution,
                field=field_,
            )
        )
    return claims


def _asserts(sent: Span) -> bool:
    """A sentence states something when it has a verb; datelines and labels do not."""
    return any(is_verb(t) for t in sent)


def _trim(sent: Span) -> tuple[int, int]:
    """The sentence's character range without surrounding whitespace."""
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    end = sent.start_char + len(text.rstrip())
    return start, end


def _mentions(doc: Doc, field_: Field) -> list[Mention]:
    spans = [e for e in doc.ents if e.label_ in MENTION_LABELS]
    spans += list(doc.spans.get(ROLES_SPANS_KEY, []))
    return [
        Mention(s.text, s.start_char, s.end_char, s.label_, field_) for s in sorted(spans, key=lambda s: s.start_char)
    ]
