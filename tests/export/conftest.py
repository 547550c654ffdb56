"""A small knowledge base of three wire-style articles, built once for the export tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimgraph

ARTICLES = [
    {
        "id": "wire-kursk-1",
        "title": "Ukraine says North Korean troops moved to Kursk",
        "outlet": "Kyiv Wire",
        "published": "2024-10-24",
        "url": "https://example.org/kursk-1",
        "text": "KYIV, Oct 24 - About 3,000 North Korean soldiers have been moved to the Kursk region, "
        "Ukraine's military intelligence spokesman Andriy Yusov said on Thursday.\n\n"
        "Russian forces shelled the town of Sumy overnight, regional governor Volodymyr Artiukh said.",
    },
    {
        "id": "wire-kursk-2",
        "title": "Seoul confirms troop deployment",
        "outlet": "Seoul Desk",
        "published": "2024-10-25",
        "text": "SEOUL, Oct 25 - Around 3,000 North Korean troops were deployed to the Kursk region, "
        "South Korea's National Intelligence Service said in a statement on Friday.\n\n"
        "\"We have seen no sign of a withdrawal,\" a NIS official told reporters.",
    },
    {
        "id": "wire-kursk-3",
        "title": "Moscow denies foreign troops",
        "outlet": "Moscow Bureau",
        "published": "2024-10-26",
        "text": "MOSCOW, Oct 26 - No North Korean soldiers are fighting in the Kursk region, "
        "Kremlin spokesman Dmitry Peskov told reporters on Saturday.",
    },
]


@pytest.fixture(scope="session")
def articles_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import json

    path = tmp_path_factory.mktemp("articles") / "wire.jsonl"
    path.write_text("".join(json.dumps(article) + "\n" for article in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory: pytest.TempPathFactory, articles_file: Path) -> Path:
    path = tmp_path_factory.mktemp("kb") / "wire.db"
    with claimgraph.open(path) as kb:
        kb.ingest([articles_file])
    return path


@pytest.fixture()
def kb(kb_path: Path):
    with claimgraph.open(kb_path) as opened:
        yield opened
