"""The map page in headless Chromium over the demo corpus: markers, their claims, the outlines, the time range.

Everything the map draws comes from the package (no tile server is reachable), so
these tests also show that the map works offline.
"""

from __future__ import annotations

import re

MARKERS = ".leaflet-marker-icon"  # single places and clusters alike
PLACE_MARKERS = ".leaflet-marker-icon:not(.marker-cluster)"


def open_map(page, url: str = "/map") -> None:
    """Open the map and wait until its claims are drawn (map.js sets data-markers)."""
    page.goto(url)
    page.wait_for_selector("#map[data-markers]")
    page.locator(MARKERS).first.wait_for()


def zoom_to_a_single_place(page) -> None:
    """Click clusters open until a marker for a single place is on screen."""
    for _ in range(8):
        if page.locator(PLACE_MARKERS).count():
            return
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)  # the cluster's zoom animation
    raise AssertionError("no single-place marker after opening eight clusters")


def test_the_demo_claims_are_markers_on_the_map(page):
    open_map(page)
    assert int(page.locator("#map").get_attribute("data-markers")) > 0
    assert page.locator(MARKERS).count() > 0
    # A cluster shows how many claims it holds.
    counts = [int(text) for text in page.locator(".marker-cluster span").all_inner_texts()]
    assert all(count > 0 for count in counts)
    assert re.search(r"\d+ of the \d+ matching claims have a place on the map", page.locator("#map-count").inner_text())


def test_a_marker_popup_links_to_its_claims(page):
    open_map(page)
    zoom_to_a_single_place(page)
    page.locator(PLACE_MARKERS).first.click()
    link = page.locator(".leaflet-popup-content a[href^='/claims/']").first
    link.wait_for()
    claim_text = link.inner_text()
    with page.expect_navigation():
        link.click()
    assert re.search(r"/claims/[0-9a-f]+$", page.url)
    assert page.locator("blockquote.sentence").inner_text().strip()
    assert claim_text.split()[0] in page.locator("blockquote.sentence").inner_text()


def test_outlines_are_drawn_offline_and_tiles_are_off(page):
    open_map(page)
    page.wait_for_function("document.querySelectorAll('#map path.leaflet-interactive, #map svg path').length > 100")
    assert page.locator(".leaflet-tile").count() == 0  # OpenStreetMap tiles only when switched on
    assert page.get_by_label("OpenStreetMap tiles (online)").is_visible()


def test_the_filters_and_the_published_range_narrow_the_markers(page):
    open_map(page)
    everything = int(page.locator("#map").get_attribute("data-markers"))
    open_map(page, "/map?country=KP")
    assert 0 < int(page.locator("#map").get_attribute("data-markers")) <= everything

    open_map(page)
    last = page.locator("#time-to").get_attribute("max")
    # Only the last publication day, as a reader dragging the "From" handle to the end.
    page.eval_on_selector("#time-from", "(input, last) => { input.value = last; input.dispatchEvent(new Event('input')); }", last)
    narrowed = int(page.locator("#map").get_attribute("data-markers"))
    assert 0 < narrowed < everything
    assert re.match(r"(\d{4}-\d\d-\d\d) to \1: \d+ claims", page.locator("#time-range").inner_text())
