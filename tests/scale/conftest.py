"""Wire-style articles for the scale tests, written for them."""

from __future__ import annotations

from datetime import date

import pytest

import claimgraph
from claimgraph.model import Article

WIRE = [
    (
        "Kyiv Wire",
        date(2025, 3, 10),
        "North Korean troops moved to Kursk",
        'Between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region in January, '
        "Andriy Yusov, a spokesman for Ukraine's military intelligence, said on Monday.",
    ),
    (
        "Seoul Desk",
        date(2025, 3, 11),
        "NIS: Pyongyang sent more troops",
        "South Korea's National Intelligence Service said Pyongyang had sent about 3,000 more soldiers "
        "to Russia, citing news reports.",
    ),
    (
        "Northern Dispatch",
        date(2025, 3, 12),
        "No Russian troops left in Sumy region",
        "Volodymyr Artyukh, the head of the Sumy regional military administration, said no Russian "
        "troops remain in the region.",
    ),
    ("Border Bulletin", date(2025, 3, 12), "", "Shelling damaged two schools in Krasnopillia overnight."),
    (
        "Kyiv Wire",
        date(2025, 3, 13),
        "Attacks continue near Novenke",
        "Russian forces are trying to open a combat zone near Novenke, a border guard spokesman said on Thursday.",
    ),
]


@pytest.fixture
def wire_articles() -> list[Article]:
    return [Article(text=text, title=title, outlet=outlet, published=published) for outlet, published, title, text in WIRE]



@pytest.fixture
def wire_folder(tmp_path, wire_articles):
    """The same articles as plain-text files with header blocks."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for number, article in enumerate(wire_articles):
        header = f"Title: {article.title}\nOutlet: {article.outlet}\nPublished: {article.published.isoformat()}\n\n"
        (folder / f"{number}.txt").write_text(header + article.text + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def stored_claims():
    """(id, text, grade) of every claim in a knowledge base, sorted: what two ingests must agree on."""

    def claims_in(db) -> list[tuple]:
        with claimgraph.open(db) as kb:
            return sorted((c.claim.id, c.claim.text, c.grade.code if c.grade else None) for c in kb.claims())

    return claims_in
