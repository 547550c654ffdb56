"""The web app through FastAPI's TestClient: pages, their JSON twins, errors, escaping and the token."""

from __future__ import annotations

import re

import pytest

from .conftest import BAD_FILTER_VALUES, TOKEN

pytest.importorskip("fastapi", reason="the web app needs fastapi: pip install -e .[test]")
pytest.importorskip("httpx2", reason="FastAPI's TestClient needs httpx2: pip install -e .[test]")

SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img src=x onerror=alert(1)>"
ERROR_KEYS = {"ok", "error", "status", "title"}


def api_claims(client, **params):
    response = client.get("/api/claims", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def first_claim(client, **params):
    return api_claims(client, **params)["claims"][0]


def xss_article_id(client):
    return first_claim(client, search="depot")["article"]["id"]


# -- the claims page and its filters ------------------------------------------------


def test_claims_page_lists_every_claim_with_counts(client):
    total = api_claims(client)["total"]
    page = client.get("/claims")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f"Showing 1–{total} of {total} claims" in page.text
    assert 'href="/api/claims"' in page.text  # the JSON twin


def test_filters_come_from_the_url(client):
    pentagon = api_claims(client, source="Pentagon")
    assert pentagon["total"] >= 1
    assert all("Pentagon" in c["attribution"]["source"]["name"] for c in pentagon["claims"])
    page = client.get("/claims", params={"source": "Pentagon"})
    assert f"of {pentagon['total']} claims" in page.text
    assert 'value="Pentagon"' in page.text  # the form shows the filter in force


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2024-10-25"},
        {"until": "2024-10-25"},
        {"country": "ru"},
        {"type": "casualties"},
        {"negated": "false"},
        {"grade": "F"},
        {"corroborated": "false"},
        {"contradicted": "false"},
        {"search": "troops"},
        {"actor": "north_korea"},
        {"place": "Russia"},
    ],
)
def test_each_cli_filter_is_a_query_parameter(client, params):
    from claimgraph.kb import KnowledgeBase

    expected = api_claims(client, **params)
    with KnowledgeBase(client.app.state.kb.store.name) as kb:
        converted = {k: {"true": True, "false": False}.get(v, v) for k, v in params.items()}
        assert expected["total"] == kb.count_claims(**converted)
    assert set(expected["filters"]) == set(params)  # the parameter was taken, not ignored


def test_story_filter_and_empty_form_fields(client):
    story = client.get("/api/stories").json()["stories"][0]
    found = api_claims(client, story=story["id"], source="", place="")
    assert found["total"] == story["size"]


def test_paging_links_keep_the_filters(client):
    total = api_claims(client, search="troops")["total"]
    assert total >= 2
    page = client.get("/claims", params={"search": "troops", "limit": 1})
    assert f"Showing 1–1 of {total} claims" in page.text
    next_link = re.search(r'<a rel="next" href="([^"]+)"', page.text).group(1)
    assert "search=troops" in next_link and "limit=1" in next_link and "offset=1" in next_link
    second = client.get(next_link.replace("&amp;", "&"))
    assert f"Showing 2–2 of {total} claims" in second.text
    assert 'rel="prev"' in second.text
    api_page = api_claims(client, search="troops", limit=1)
    assert api_page["next"] == "/api/claims?search=troops&limit=1&offset=1"


def test_newest_first_is_the_reverse_order(client):
    oldest = [c["id"] for c in api_claims(client)["claims"]]
    newest = [c["id"] for c in api_claims(client, sort="-published")["claims"]]
    assert newest == oldest[::-1]
    paged = [c["id"] for offset in range(0, len(oldest), 2) for c in api_claims(client, sort="-published", limit=2, offset=offset)["claims"]]
    assert paged == newest


# -- one claim, article, source, story ------------------------------------------------


def test_claim_page_shows_sentence_chain_facets_grade_and_related(client):
    linked = next(c for c in api_claims(client)["claims"] if c["links"])
    page = client.get(f"/claims/{linked['id']}")
    assert page.status_code == 200
    assert "<mark>" in page.text  # the content inside its sentence
    assert '<ol class="chain">' in page.text and linked["attribution"]["source"]["name"] in page.text
    assert '<dl class="facets">' in page.text
    assert linked["grade"]["reasons"][0] in page.text
    link = linked["links"][0]
    assert f'href="/claims/{link["claim"]}"' in page.text
    assert f"relation-{link['relation']}" in page.text
    assert link["evidence"].split(";")[0] in page.text.replace("&#39;", "'")


def test_claim_api_uses_the_json_contract(client):
    claim = first_claim(client)
    body = client.get(f"/api/claims/{claim['id']}").json()
    assert body["ok"] is True
    assert body["claim"] == claim
    assert {"id", "text", "start", "end", "sentence", "attribution", "article", "story", "grade", "links"} <= set(body["claim"])
    assert isinstance(body["related"], list)


def test_article_page_marks_source_cue_and_content_with_facets_on_hover(client):
    claim = first_claim(client, source="Pentagon")
    page = client.get(f"/articles/{claim['article']['id']}")
    assert page.status_code == 200
    for css_class in ("mark-source", "mark-cue", "mark-content"):
        assert f'<span class="{css_class}" title="' in page.text
    assert re.search(r'<span class="mark-content" title="[^"]*claim by [^"]*Pentagon', page.text)
    assert claim["text"].split()[0] in page.text
    assert f'href="/claims/{claim["id"]}"' in page.text  # its claims listed
    document = client.get(f"/api/articles/{claim['article']['id']}").json()["document"]
    assert {"article", "claims", "mentions"} <= set(document)


def test_source_page_shows_track_record_and_its_claims(client):
    sources = client.get("/api/sources").json()["sources"]
    pentagon = next(s for s in sources if s["name"] == "Pentagon")
    page = client.get("/sources/Pentagon")
    assert page.status_code == 200
    assert "Track record" in page.text
    assert f"{pentagon['claims']} claim" in page.text
    body = client.get("/api/sources/Pentagon").json()
    assert body["source"] == pentagon
    assert body["claims"] and all(c["attribution"]["source"]["name"] == "Pentagon" for c in body["claims"])


NIS = "South Korea's National Intelligence Service"  # two claims; an apostrophe and spaces in the URL


def test_source_page_pages_its_claims_with_counts(client):
    everything = client.get(f"/api/sources/{NIS}").json()
    assert everything["total"] == len(everything["claims"]) == 2 and everything["next"] is None
    first = client.get(f"/sources/{NIS}", params={"limit": 1})
    assert first.status_code == 200
    assert "Showing 1–1 of 2 claims" in first.text
    next_link = re.search(r'<a rel="next" href="([^"]+)"', first.text).group(1).replace("&amp;", "&")
    assert next_link == "/sources/South%20Korea%27s%20National%20Intelligence%20Service?limit=1&offset=1"
    second = client.get(next_link)
    assert "Showing 2–2 of 2 claims" in second.text and 'rel="prev"' in second.text and 'rel="next"' not in second.text
    api = client.get(f"/api/sources/{NIS}", params={"limit": 1}).json()
    assert api["total"] == 2 and api["offset"] == 0 and api["limit"] == 1
    assert [c["id"] for c in api["claims"]] == [everything["claims"][0]["id"]]
    assert api["next"] == "/api/sources/South%20Korea%27s%20National%20Intelligence%20Service?limit=1&offset=1"
    assert client.get(api["next"]).json()["claims"] == everything["claims"][1:]


def test_source_page_past_its_last_claim_says_so(client):
    page = client.get("/sources/Pentagon", params={"offset": 5})
    assert page.status_code == 200 and "No claims on this page (1 in all)" in page.text
    assert client.get("/api/sources/Pentagon", params={"offset": 5}).json()["claims"] == []


@pytest.mark.parametrize(
    "params, message",
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": str(2**63)}, "offset"),  # past the databases' integers: a 400, not a 500
        ({"source": "x"}, "source"),
    ],
)
def test_bad_source_paging_is_400(client, params, message):
    for prefix in ("", "/api"):
        response = client.get(f"{prefix}/sources/Pentagon", params=params)
        assert response.status_code == 400 and message in response.text


def test_unknown_source_with_paging_is_404(client):
    assert client.get("/api/sources/Nobody", params={"limit": 1}).status_code == 404


def test_story_page_has_claims_timeline_and_chart(client):
    story = client.get("/api/stories").json()["stories"][0]
    page = client.get(f"/stories/{story['id']}")
    assert page.status_code == 200
    assert f'<img src="/stories/{story["id"]}/timeline.png"' in page.text
    chart = client.get(f"/stories/{story['id']}/timeline.png")
    assert chart.status_code == 200
    assert chart.headers["content-type"] == "image/png" and chart.content.startswith(b"\x89PNG")
    body = client.get(f"/api/stories/{story['id']}").json()
    assert body["story"] == story
    assert len(body["claims"]) == story["size"]
    assert body["timeline"] and {"claim", "date", "low", "high", "source"} <= set(body["timeline"][0])


def test_openapi_schema_lists_the_api(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/claims", "/api/claims/{claim_id}", "/api/articles/{article_id}", "/api/sources", "/api/stories", "/api/stories/{story_id}"):
        assert path in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"source", "actor", "place", "country", "type", "since", "until", "negated", "grade", "corroborated", "contradicted", "story", "search", "sort", "limit", "offset"} <= parameters


# -- escaping -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["article", "claims", "claim", "source", "sources"])
def test_stored_markup_renders_as_text(client, page):
    article_id = xss_article_id(client)
    claim = first_claim(client, search="depot")
    url = {
        "article": f"/articles/{article_id}",
        "claims": "/claims",
        "claim": f"/claims/{claim['id']}",
        "source": "/sources/" + next(s["name"] for s in client.get("/api/sources").json()["sources"] if "onerror" in s["name"]),
        "sources": "/sources",
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    assert SCRIPT not in response.text and ONERROR not in response.text
    assert "<script" not in response.text and "onerror=alert" not in response.text.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text or "&lt;img src=x onerror=alert(1)&gt;" in response.text


def test_a_javascript_url_is_no_link(client):
    claim = first_claim(client, search="depot")
    assert claim["article"]["url"] == "javascript:alert(1)"
    for url in (f"/articles/{claim['article']['id']}", f"/claims/{claim['id']}"):
        assert "javascript:" not in client.get(url).text


def test_only_http_urls_become_links():
    from claimgraph.web.app import web_url

    assert web_url(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"
    assert web_url("http://example.org") == "http://example.org"
    for url in ("JavaScript:alert(1)", "data:text/html,x", "//evil.example", "", None):
        assert web_url(url) is None


def test_article_text_markup_is_escaped_inside_marks(client):
    page = client.get(f"/articles/{xss_article_id(client)}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # in the title and the quoted content
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


# -- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, message",
    [
        *BAD_FILTER_VALUES,
        ({"limit": "100000"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"sort": "source"}, "sort"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_filter_values_are_400_with_a_message(client, params, message):
    api = client.get("/api/claims", params=params)
    assert api.status_code == 400
    body = api.json()
    assert set(body) == ERROR_KEYS and body["ok"] is False and body["status"] == 400 and body["title"] == "Bad Request"
    assert message in body["error"]
    page = client.get("/claims", params=params)
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert message in page.text.replace("&#39;", "'")


@pytest.mark.parametrize(
    "path",
    ["/claims/0000000000000000", "/articles/nope", "/sources/Nobody%20at%20all", "/stories/nope", "/stories/nope/timeline.png", "/no/such/page"],
)
def test_unknown_ids_are_404(client, path):
    page = client.get(path)
    assert page.status_code == 404 and "404 Not Found" in page.text
    if not path.startswith(("/no/", "/stories/nope/")):
        api = client.get("/api" + path)
        assert api.status_code == 404
        assert set(api.json()) == ERROR_KEYS and api.json()["status"] == 404


def test_the_app_is_read_only(client):
    for method in ("post", "put", "delete", "patch"):
        response = client.request(method.upper(), "/api/claims")
        assert response.status_code == 405
        assert response.json()["ok"] is False


@pytest.mark.parametrize(
    "url",
    [
        "/api/claims?search=%22unclosed",
        "/api/claims?search=AND%20OR%20NOT",
        "/api/claims?search=*",
        "/api/claims?source=%00",
        "/api/claims?place=%27%3B%20DROP%20TABLE%20claims%3B--",
        "/api/claims?min_quantity=nan",
        "/api/claims?min_quantity=1e400",
        "/api/claims?offset=99999999",
        "/api/claims?sort=-published&offset=99999999",
        "/claims?actor=%F0%9F%92%A5",
        "/sources/%2F..%2F..",
        "/api/articles/%00",
        "/static/../app.py",
    ],
)
def test_odd_input_never_gives_a_server_error(client, url):
    assert client.get(url).status_code < 500


def test_sql_in_a_filter_is_only_text(client):
    before = api_claims(client)["total"]
    assert api_claims(client, place="'; DROP TABLE claims;--")["total"] == 0
    assert api_claims(client)["total"] == before


# -- the token ---------------------------------------------------------------------------


def test_token_is_required_on_every_request(token_client):
    token_client.cookies.clear()
    for path in ("/claims", "/api/claims", "/openapi.json", "/static/claimgraph.css"):
        response = token_client.get(path)
        assert response.status_code == 401, path
    body = token_client.get("/api/claims").json()
    assert set(body) == ERROR_KEYS and body["status"] == 401
    assert token_client.get("/api/claims", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert token_client.get("/api/claims", params={"token": "wrong"}).status_code == 401


def test_token_in_the_header(token_client):
    response = token_client.get("/api/claims", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.json()["ok"] is True


def test_token_in_the_query_string_sets_a_cookie_for_links(token_client):
    token_client.cookies.clear()
    response = token_client.get("/claims", params={"token": TOKEN})
    assert response.status_code == 200
    assert f"token={TOKEN}" not in response.text  # links do not repeat the secret
    assert token_client.get("/sources").status_code == 200  # the cookie carries it
    token_client.cookies.clear()
    assert token_client.get("/sources").status_code == 401
