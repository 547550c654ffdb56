"""STIX 2.1 export: a bundle built and checked by the ``stix2`` library.

Mapping (docs/exports.md):

* each claim's source is an ``identity`` (``individual`` for a person,
  ``organization`` for an organisation or outlet, ``unknown`` for unnamed sources
  and "media reports"), and so is each outlet (``organization``);
* each article is a ``report`` (``report_types`` ``["threat-report"]``, the
  vocabulary's nearest term) created by its outlet, listing everything made from it;
* each resolved place is a ``location`` (latitude, longitude, country, admin1 as
  ``administrative_area``);
* each claim is a ``note``: the claim text as ``content``, its sentence as
  ``abstract``, its source as ``authors`` and ``created_by_ref``, its Admiralty
  grade and reasons in ``content`` and as a ``grade-B2`` label, pointing at its
  report and locations;
* each link between two exported claims is a ``relationship`` between their notes,
  the relation as ``relationship_type`` (``updated_by`` → ``updated-by``: STIX
  allows only lowercase letters, digits and hyphens), the evidence as
  ``description``. Links are symmetric or come in inverse pairs, so one
  relationship is written per pair: ``updates`` and ``cites`` but not their
  inverses, and ``same`` / ``corroborates`` / ``contradicts`` from the claim with
  the smaller id.

Ids are UUID 5 over claimgraph's own ids (:data:`NAMESPACE`) and every timestamp
is fixed — a report's and a note's are the article's publication date, the rest
:data:`EPOCH` — so exporting the same claims again gives the same bundle byte for byte.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timezone
from typing import Any, TextIO

import stix2

from ..kb import KnowledgeBase
from ..link import LinkedClaim
from ..model import Place, Source, SourceType

#: Namespace of every object id; any fixed UUID would do, this one is uuid5(URL, claimgraph's repository name).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "claimgraph")

#: ``created``/``modified`` of identities, locations and relationships, and the dates of
#: reports and notes from undated articles: the records describe what the knowledge
#: base holds, not when it was exported, and a fixed time keeps re-exports identical.
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

IDENTITY_CLASS = {
    SourceType.PERSON: "individual",
    SourceType.ORGANIZATION: "organization",
    SourceType.OUTLET: "organization",
    SourceType.UNNAMED: "unknown",
    SourceType.MEDIA_REPORTS: "unknown",
}

#: Relations written as relationships; their inverses are the same pair seen from the other claim.
DIRECTED_RELATIONS = ("updates", "cites")
SYMMETRIC_RELATIONS = ("same", "corroborates", "contradicts")


def write(kb: KnowledgeBase, claims: list[LinkedClaim], out: TextIO) -> None:
    """Write the bundle of ``claims`` as one JSON document."""
    out.write(build_bundle(claims).serialize(pretty=True))
    out.write("\n")


def stix_id(kind: str, key: str) -> str:
    """The STIX id of an object of type ``kind`` made from the claimgraph record named by ``key``."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def build_bundle(claims: list[LinkedClaim]) -> stix2.Bundle:
    """The STIX bundle of ``claims``: identities, reports, locations, notes and relationships."""
    fixed = {"created": EPOCH, "modified": EPOCH, "allow_custom": False}
    objects: dict[str, Any] = {}  # by id: an identity or location shared by claims is made once
    report_refs: dict[str, list[str]] = {}
    articles: dict[str, LinkedClaim] = {}
    exported = {stored.claim.id for stored in claims}

    for stored in claims:
        claim = stored.claim
        articles.setdefault(claim.article_id, stored)
        refs = report_refs.setdefault(claim.article_id, [])
        source = claim.attribution.source
        source_id = stix_id("identity", f"source:{source.key}")
        objects.setdefault(source_id, source_identity(source_id, source, fixed))
        location_ids = []
        for place in claim.places:
            if place.lat is None and place.country is None:
                continue  # unresolved: nothing STIX could locate
            location_id = stix_id("location", place_key(place))
            objects.setdefault(location_id, place_location(location_id, place, fixed))
            location_ids.append(location_id)
        note_id = stix_id("note", claim.id)
        report_id = stix_id("report", claim.article_id)
        dated = {**fixed, "created": _timestamp(stored.published), "modified": _timestamp(stored.published)}
        objects[note_id] = stix2.Note(
            id=note_id,
            abstract=claim.sentence,
            content=note_content(stored),
            authors=[source.name],
            created_by_ref=source_id,
            labels=[f"grade-{stored.grade.code}"] if stored.grade else None,
            object_refs=[report_id, *dict.fromkeys(location_ids)],
            **dated,
        )
        refs.extend([note_id, source_id, *location_ids])
        for link in stored.links:
            if link["claim"] in exported and _writes_link(claim.id, link):
                relationship_id = stix_id("relationship", f"{claim.id}:{link['relation']}:{link['claim']}")
                objects[relationship_id] = stix2.Relationship(
                    id=relationship_id,
                    relationship_type=link["relation"].replace("_", "-"),
                    source_ref=note_id,
                    target_ref=stix_id("note", link["claim"]),
                    description=link.get("evidence") or None,
                    confidence=round(link["score"] * 100) if link.get("score") is not None else None,
                    **fixed,
                )
                refs.append(relationship_id)

    for article_id, stored in articles.items():
        outlet_id = None
        if stored.outlet:
            outlet_id = stix_id("identity", f"outlet:{' '.join(stored.outlet.casefold().split())}")
            objects.setdefault(
                outlet_id,
                stix2.Identity(id=outlet_id, name=stored.outlet, identity_class="organization", roles=["outlet"], **fixed),
            )
            report_refs[article_id].append(outlet_id)
        report_id = stix_id("report", article_id)
        published = _timestamp(stored.published)
        objects[report_id] = stix2.Report(
            id=report_id,
            name=stored.article_title or f"article {article_id}",
            report_types=["threat-report"],
            published=published,
            created_by_ref=outlet_id,
            object_refs=list(dict.fromkeys(report_refs[article_id])),
            external_references=[_article_reference(article_id, stored.url)],
            created=published,
            modified=published,
            allow_custom=False,
        )
    bundle_id = stix_id("bundle", " ".join(sorted(objects)))
    return stix2.Bundle(*objects.values(), id=bundle_id, allow_custom=False)


def source_identity(identity_id: str, source: Source, fixed: dict[str, Any]) -> stix2.Identity:
    details = [part for part in (source.role, source.organization) if part]
    return stix2.Identity(
        id=identity_id,
        name=source.name,
        identity_class=IDENTITY_CLASS[source.type],
        roles=[source.role] if source.role else None,
        description=", ".join(details) or None,
        **fixed,
    )


def place_key(place: Place) -> str:
    """What makes two places one location: the gazetteer id, else the point."""
    if place.geonameid is not None:
        return f"geonames:{place.geonameid}"
    return f"point:{place.lat}:{place.lon}:{place.country}"


def place_location(location_id: str, place: Place, fixed: dict[str, Any]) -> stix2.Location:
    point = {"latitude": place.lat, "longitude": place.lon} if place.lat is not None and place.lon is not None else {}
    return stix2.Location(
        id=location_id,
        name=place.name,
        country=place.country,
        administrative_area=place.admin1,
        **point,
        **fixed,
    )


def note_content(stored: LinkedClaim) -> str:
    """The claim, then its grade and the reasons for it, one per line."""
    lines = [stored.claim.text]
    if stored.grade:
        lines.append(f"Admiralty grade {stored.grade.code}: {'; '.join(stored.grade.reasons)}".rstrip(": "))
    return "\n".join(lines)


def _writes_link(claim_id: str, link: dict[str, Any]) -> bool:
    """Whether this side of a link is the one written (see the module docstring)."""
    if link["relation"] in DIRECTED_RELATIONS:
        return True
    return link["relation"] in SYMMETRIC_RELATIONS and claim_id < link["claim"]


def _timestamp(day: date | None) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.utc) if day else EPOCH


def _article_reference(article_id: str, url: str | None) -> dict[str, str]:
    reference = {"source_name": "claimgraph", "external_id": article_id}
    if url:
        reference["url"] = url
    return reference
