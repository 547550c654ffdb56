"""Claims built from the parse: wire datelines are not part of what is claimed."""

from __future__ import annotations

import pytest

from claimgraph.extract import extract_article
from claimgraph.extract.document import DATELINE
from claimgraph.model import Article

DATELINED = [
    ("SEOUL, Oct. 18 (Yonhap) -- North Korea has decided to send about 12,000 troops to Russia.", "SEOUL"),
    ("MOSCOW, October 18. /TASS/. The Kremlin has no information about the reports.", "MOSCOW"),
    ("WASHINGTON (AP) — North Korea has sent about 10,000 soldiers to train in eastern Russia.", "WASHINGTON"),
    ("TOKYO, Nov. 2 (Kyodo) - Japan summoned the Russian ambassador over the deployment.", "TOKYO"),
    ("MOSCOW, 30 October – RIA Novosti. Russian forces took control of two villages.", "MOSCOW"),
    ("KHARKIV, Nov. 2 -- Two drones hit a fuel depot overnight, the governor said.", "KHARKIV"),
    ("SEOUL, October 18 — North Korea has decided to send about 12,000 troops to Russia.", "SEOUL"),
]


@pytest.mark.parametrize("text,place", DATELINED)
def test_dateline_is_not_part_of_the_first_claim(text, place):
    document = extract_article(Article(text=text, outlet="Wire"))
    first = document.claims[0]
    assert not first.text.startswith(place)
    assert text[first.start : first.end] == first.text
    assert all(p.text != place.title() and p.text != place for c in document.claims for p in c.places)


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv, the capital, was hit on Monday - officials said.",
        "Russian forces (units) - attacked the village at dawn.",
        "North Korea is preparing about 10,000 soldiers to fight on Russia's side.",
    ],
)
def test_sentences_that_are_not_datelines_keep_their_start(text):
    document = extract_article(Article(text=text, outlet="Wire"))
    assert min(claim.start for claim in document.claims) == 0


@pytest.mark.parametrize(
    "text",
    [
        "NATO, Russia and Ukraine -- all three sent delegations.",
        "KYIV, Sumy 2 -- a list, not a dateline.",
        "Kyiv, Nov. 2 -- mixed case is a sentence.",
    ],
)
def test_not_a_dateline(text):
    assert DATELINE.match(text) is None


def test_a_headline_source_takes_the_full_name_the_body_gives_it():
    article = Article(
        title="N. Korea has decided to send 12,000 troops to Russia, spy agency says",
        text="SEOUL, Oct. 18 (Yonhap) -- North Korea has decided to send about 12,000 troops to Russia, "
        "South Korea's spy agency said on Friday.\n\nYusov said the first group had already arrived.",
        outlet="Yonhap",
    )
    headline = extract_article(article).claims[0]
    source = headline.attribution.source
    assert source.name == "South Korea's spy agency"
    # the offsets still point at the headline's own words
    assert article.title[source.start : source.end] == "spy agency"


def test_a_headline_source_the_body_does_not_name_longer_stays():
    article = Article(
        title="Yusov: 3,000 North Korean soldiers moved to Kursk",
        text="About 3,000 North Korean soldiers were moved to the Kursk region, the GUR said.",
        outlet="Ukrinform",
    )
    assert extract_article(article).claims[0].attribution.source.name == "Yusov"
