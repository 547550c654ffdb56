"""GeoJSON export: a FeatureCollection with one Point per claim and resolved place (RFC 7946).

QGIS and Leaflet read it as it is. A claim naming two places gives two features;
places without a point (``precision`` ``unresolved``) give none. Coordinates are
``[longitude, latitude]`` in WGS 84, as RFC 7946 requires (section 3.1.1), and
no ``crs`` member is written (section 4). Each feature's ``id`` is the claim id
and the place's position in the claim (``"3f1c…:0"``), stable across exports.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..kb import KnowledgeBase
from ..link import LinkedClaim
from ..model import Place


def write(kb: KnowledgeBase, claims: list[LinkedClaim], out: TextIO) -> None:
    """Write the FeatureCollection of ``claims`` as one JSON document."""
    json.dump(feature_collection(claims), out, ensure_ascii=False, indent=1)
    out.write("\n")


def feature_collection(claims: list[LinkedClaim]) -> dict[str, Any]:
    """The FeatureCollection: one Feature per claim and place with a point."""
    features = [
        claim_feature(stored, index, place)
        for stored in claims
        for index, place in enumerate(stored.claim.places)
        if place.lat is not None and place.lon is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def claim_feature(stored: LinkedClaim, index: int, place: Place) -> dict[str, Any]:
    """One claim at one of its places."""
    claim = stored.claim
    return {
        "type": "Feature",
        "id": f"{claim.id}:{index}",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "claim": claim.id,
            "text": claim.text,
            "source": claim.attribution.source.name,
            "outlet": stored.outlet,
            "published": stored.published.isoformat() if stored.published else None,
            "article": claim.article_id,
            "event_type": claim.event_type.value if claim.event_type else None,
            "event_subtype": claim.event_subtype.value if claim.event_subtype else None,
            "place": place.name,
            "place_text": place.text,
            "admin1": place.admin1,
            "country": place.country,
            "precision": place.precision,
            "geonameid": place.geonameid,
            "grade": stored.grade.code if stored.grade else None,
        },
    }
