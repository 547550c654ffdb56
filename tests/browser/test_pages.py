"""The web app in headless Chromium over the demo corpus: what a reader clicks through.

Filter the claims page and keep the filter in the URL, follow a claim to its
article with the source, cue and content marked, a source's page, a story's
timeline chart, and an article full of markup that must stay text.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

SOURCE = "Dmitry Peskov"  # six claims in one demo article, one of them a denial ("another fake")
MARK_CLASSES = ("mark-source", "mark-cue", "mark-content")


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def claim_rows(page):
    return page.locator("table.claims tbody tr")


def filter_claims(page, **fields: str) -> None:
    """Fill the claims page's filter form and submit it, waiting for the new page."""
    page.goto("/claims")
    for name, value in fields.items():
        page.locator(f"form.filters [name={name}]").fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()


def test_the_filter_form_narrows_the_claims_and_the_url_keeps_it(page):
    page.goto("/claims")
    everything = page.locator("p.count").inner_text()

    filter_claims(page, source="Peskov", search="fake")

    query = query_of(page.url)
    assert query["source"] == ["Peskov"] and query["search"] == ["fake"]
    rows = claim_rows(page)
    texts = rows.locator("td.claim-text a").all_inner_texts()
    # The rows are the API's answer to the same query: Peskov's claims whose text or sentence says "fake".
    answer = page.request.get("/api/claims?" + urlsplit(page.url).query).json()
    assert texts == [claim["text"] for claim in answer["claims"]] and texts
    assert all("Peskov" in source for source in rows.locator("td:nth-child(2) a").all_inner_texts())
    assert "to comment on the satellite images published in Seoul" not in texts  # Peskov, but no "fake"
    count = page.locator("p.count").inner_text()
    assert f"of {rows.count()} claims" in count and count != everything

    # The URL is the bookmark: opened afresh it shows the same rows, the form filled in.
    shown = rows.all_inner_texts()
    page.goto(page.url)
    assert claim_rows(page).all_inner_texts() == shown
    assert page.locator("form.filters [name=source]").input_value() == "Peskov"


def test_a_filter_that_matches_nothing_says_so(page):
    filter_claims(page, source="Peskov", search="Kupiansk")
    assert claim_rows(page).count() == 0
    assert "No claims match" in page.locator("p.count").inner_text()


def test_a_bad_filter_value_is_a_400_page_naming_it(page):
    response = page.goto("/claims?since=2024-13-01")
    assert response.status == 400
    assert "since" in page.locator("main").inner_text()


def test_a_claim_leads_to_its_article_with_source_cue_and_content_marked(page):
    filter_claims(page, source=SOURCE)
    first = claim_rows(page).first.locator("td.claim-text a")
    claim_text = first.inner_text()
    first.click()

    assert urlsplit(page.url).path.startswith("/claims/")
    assert page.locator("blockquote.sentence mark").inner_text() == claim_text
    assert SOURCE in page.locator("ol.chain").inner_text()
    page.locator("p.meta a[href^='/articles/']").click()

    assert urlsplit(page.url).path.startswith("/articles/")
    # A claim may be in the headline ("Peskov: reports … are another fake") or the body: both are marked.
    text = page.locator("article.article")
    sources = text.locator("span.mark-source").all_inner_texts()
    cues = text.locator("span.mark-cue").all_inner_texts()
    contents = " ".join(text.locator("span.mark-content").all_inner_texts())
    assert SOURCE in sources or "Peskov" in sources
    assert "said" in cues
    assert claim_text[:40] in " ".join(contents.split())
    # Hovering a mark names the claim's source and facets.
    assert f"claim by {SOURCE}" in text.locator("span.mark-content").first.get_attribute("title")
    # Three kinds of mark, three looks.
    looks = {
        name: page.locator(f"p.legend .{name}").evaluate("e => { const s = getComputedStyle(e); return [s.backgroundColor, s.fontStyle, s.borderBottomStyle].join() }")
        for name in MARK_CLASSES
    }
    assert len(set(looks.values())) == len(MARK_CLASSES), looks
    # The article lists its claims, the one we came from among them.
    assert claim_text in page.locator("table.claims").inner_text()


def test_a_source_page_shows_its_track_record_and_only_its_claims(page):
    page.goto("/sources")
    page.get_by_role("link", name=SOURCE, exact=True).first.click()

    assert page.locator("h1").inner_text() == SOURCE
    assert "Track record" in page.locator("main").inner_text()
    assert page.locator("p.grade-code").inner_text().startswith("Reliability")
    rows = claim_rows(page)
    assert rows.count() >= 1
    sources = {rows.nth(index).locator("td").nth(1).locator("a").inner_text() for index in range(rows.count())}
    assert sources == {SOURCE}


def test_a_story_page_draws_its_timeline_chart(page):
    page.goto("/stories")
    page.locator("main a[href^='/stories/']").first.click()

    # The chart is drawn on request: wait until the browser has it, then check it decoded.
    chart = page.locator("figure.chart img")
    page.wait_for_function("img => img.complete", arg=chart.element_handle())
    assert chart.evaluate("img => img.naturalWidth") > 0
    assert page.locator("table.timeline tbody tr").count() >= 2


@pytest.mark.parametrize("path", ["/articles/xss", "/claims?article=xss"])
def test_markup_in_an_article_renders_as_text(page, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    response = page.goto(path)
    assert response.status == 200
    shown = page.locator("main").inner_text()

    assert "<img src=x onerror=" in shown  # the outlet, in the meta line or the table
    if path.startswith("/articles/"):
        assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
        assert "<script>alert('text')</script>" in page.locator("div.article-text").inner_text()
        assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("main script, main img").count() == 0
    assert page.evaluate("window.xssFired") is None
    assert dialogs == []
