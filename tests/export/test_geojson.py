"""GeoJSON export: a FeatureCollection valid per RFC 7946."""

from __future__ import annotations

import io
import json

from claimgraph.export import export

PROPERTIES = {
    "claim", "text", "source", "outlet", "published", "article", "event_type", "event_subtype",
    "place", "place_text", "admin1", "country", "precision", "geonameid", "grade",
}  # fmt: skip


def exported(kb, **filters) -> dict:
    out = io.StringIO()
    export(kb, "geojson", out, **filters)
    return json.loads(out.getvalue())


def test_feature_collection_is_valid_rfc7946(kb):
    collection = exported(kb)
    assert set(collection) == {"type", "features"}  # no "crs": RFC 7946 section 4
    assert collection["type"] == "FeatureCollection"
    assert collection["features"]
    ids = [feature["id"] for feature in collection["features"]]
    assert len(ids) == len(set(ids))
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert all(isinstance(value, (int, float)) for value in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(feature["properties"]) == PROPERTIES


def test_one_feature_per_claim_and_resolved_place_longitude_first(kb):
    claims = kb.claims()
    features = exported(kb)["features"]
    points = [place for stored in claims for place in stored.claim.places if place.lat is not None]
    assert len(features) == len(points)
    seoul = next(f for f in features if f["properties"]["place"] == "Seoul")
    # Seoul lies at about 37.6 N, 127.0 E: longitude first, as RFC 7946 section 3.1.1 says.
    assert seoul["geometry"]["coordinates"][0] > 100 > seoul["geometry"]["coordinates"][1]
    assert seoul["properties"]["country"] == "KR"
    assert seoul["properties"]["outlet"] == "Seoul Desk"
    assert seoul["properties"]["published"] == "2024-10-25"


def test_filters_choose_the_claims(kb):
    features = exported(kb, country="UA")["features"]
    assert {f["properties"]["place"] for f in features} == {"Sumy"}
