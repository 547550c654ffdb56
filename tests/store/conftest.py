"""Store fixtures: hand-built documents and one store per database configuration.

Every store test runs against SQLite in memory, SQLite in a file (WAL) and, when a
server is reachable, PostgreSQL (each test in a schema of its own, dropped after).
Set CLAIMGRAPH_TEST_POSTGRES to a SQLAlchemy URL to test another server.
"""

from __future__ import annotations

import os
import uuid
from datetime import date
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from claimgraph.model import (
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Document,
    Field,
    Mention,
    QuantityBound,
    QuantityRange,
    Source,
    SourceType,
    TextSpan,
)
from claimgraph.store import Store

POSTGRES_URL = os.environ.get("CLAIMGRAPH_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

GUR_ARTICLE = Article(
    title="North Korean troops moved to Kursk region – GUR",
    text=(
        "Military cooperation between North Korea and Russia continues, a spokesman for Ukraine's "
        "military intelligence, Andriy Yusov, told the outlet. "
        '"Between 1,000 and 3,000 soldiers were moved to the Kursk region in January and February," '
        "Yusov said. "
        "South Korea's intelligence agency reported that Pyongyang had sent more troops, citing news reports."
    ),
    outlet="Ukrinform",
    published=date(2025, 3, 10),
    url="https://example.org/ukrinform/gur-kursk",
    origin="gur.txt",
)

SUMY_ARTICLE = Article(
    title="No Russian troops left in Sumy region, governor says",
    text=(
        "The head of the Sumy regional military administration Volodymyr Artyukh said no Russian troops "
        "remain in the region. According to the border guard service, Russian forces tried to open a "
        "combat zone near Novenke on March 10."
    ),
    outlet="Українська правда",
    published=date(2025, 3, 12),
    origin="sumy.jsonl:2",
)

UNDATED_ARTICLE = Article(
    title="Schools damaged in Kharkiv",
    text="Shelling damaged two schools in Kharkiv overnight. No casualties were reported.",
    outlet="Reuters",
)

YUSOV = dict(name="Andriy Yusov", type=SourceType.PERSON, role="spokesman", organization="Ukraine's military intelligence")


def span_of(haystack: str, needle: str) -> tuple[int, int]:
    start = haystack.index(needle)
    return start, start + len(needle)


def make_claim(
    article: Article,
    content: str,
    sentence: str,
    kind: AttributionKind,
    source: dict,
    *,
    mention: str | None = None,
    cue: str | None = None,
    chain: tuple[Source, ...] = (),
    field: Field = Field.TEXT,
) -> Claim:
    """A claim whose offsets are found in the article: content and cue inside sentence."""
    string = article.title if field is Field.TITLE else article.text
    sentence_start, _ = span_of(string, sentence)
    start = sentence_start + sentence.index(content)
    cue_span = None
    if cue is not None:
        cue_start = sentence_start + sentence.index(cue)
        cue_span = TextSpan(cue, cue_start, cue_start + len(cue), field)
    source_start = source_end = None
    if mention is not None:
        source_start = sentence_start + sentence.index(mention)
        source_end = source_start + len(mention)
    return Claim(
        article_id=article.id,
        text=content,
        start=start,
        end=start + len(content),
        sentence=sentence,
        attribution=Attribution(
            kind=kind,
            source=Source(start=source_start, end=source_end, field=field, **source),
            cue=cue_span,
            chain=chain,
        ),
        field=field,
    )


def gur_document() -> Document:
    a = GUR_ARTICLE
    first, second, third = (
        "Military cooperation between North Korea and Russia continues, a spokesman for Ukraine's "
        "military intelligence, Andriy Yusov, told the outlet.",
        '"Between 1,000 and 3,000 soldiers were moved to the Kursk region in January and February," Yusov said.',
        "South Korea's intelligence agency reported that Pyongyang had sent more troops, citing news reports.",
    )
    claims = [
        make_claim(
            a, "North Korean troops moved to Kursk region", a.title, AttributionKind.HEADLINE,
            dict(name="GUR", type=SourceType.ORGANIZATION), mention="GUR", cue="–", field=Field.TITLE,
        ),
        make_claim(
            a, "Military cooperation between North Korea and Russia continues", first, AttributionKind.INDIRECT,
            YUSOV, mention="Andriy Yusov", cue="told",
        ),
        make_claim(
            a, "Between 1,000 and 3,000 soldiers were moved to the Kursk region in January and February",
            second, AttributionKind.DIRECT, {**YUSOV, "role": None}, mention="Yusov", cue="said",
        ),
        make_claim(
            a, "Pyongyang had sent more troops", third, AttributionKind.INDIRECT,
            dict(name="South Korea's intelligence agency", type=SourceType.ORGANIZATION),
            mention="South Korea's intelligence agency", cue="reported",
            chain=(Source(name="news reports", type=SourceType.MEDIA_REPORTS),),
        ),
    ]
    range_text = "1,000 and 3,000 soldiers"
    claims[2].quantities.append(
        QuantityRange(range_text, *span_of(a.text, range_text), low=1000, high=3000, bound=QuantityBound.RANGE, unit="soldiers")
    )
    mentions = [
        Mention("GUR", *span_of(a.title, "GUR"), "ORG", Field.TITLE),
        Mention("Andriy Yusov", *span_of(a.text, "Andriy Yusov"), "PERSON"),
        Mention("Kursk", *span_of(a.text, "Kursk"), "GPE"),
    ]
    return Document(article=a, claims=claims, mentions=mentions)


def sumy_document() -> Document:
    a = SUMY_ARTICLE
    first, second = (
        "The head of the Sumy regional military administration Volodymyr Artyukh said no Russian troops "
        "remain in the region.",
        "According to the border guard service, Russian forces tried to open a combat zone near Novenke on March 10.",
    )
    claims = [
        make_claim(
            a, "no Russian troops remain in the region", first, AttributionKind.INDIRECT,
            dict(name="Volodymyr Artyukh", type=SourceType.PERSON, role="head",
                 organization="Sumy regional military administration"),
            mention="Volodymyr Artyukh", cue="said",
        ),
        make_claim(
            a, "Russian forces tried to open a combat zone near Novenke on March 10", second,
            AttributionKind.ACCORDING_TO, dict(name="border guard service", type=SourceType.ORGANIZATION),
            mention="border guard service", cue="According to",
        ),
    ]
    return Document(article=a, claims=claims, mentions=[Mention("Novenke", *span_of(a.text, "Novenke"), "GPE")])


def undated_document() -> Document:
    a = UNDATED_ARTICLE
    sentence = "Shelling damaged two schools in Kharkiv overnight."
    claims = [
        make_claim(a, sentence[:-1], sentence, AttributionKind.OUTLET, dict(name="Reuters", type=SourceType.OUTLET))
    ]
    return Document(article=a, claims=claims)


def _postgres_store(request: pytest.FixtureRequest) -> Store:
    """A store in a fresh PostgreSQL schema, dropped when the test ends; skips if no server."""
    admin = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    schema = f"claimgraph_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as err:
        admin.dispose()
        reason = " ".join(str(err.orig).split())
        pytest.skip(f"PostgreSQL not reachable at {make_url(POSTGRES_URL).render_as_string()}: {reason}")

    def drop_schema() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    request.addfinalizer(drop_schema)
    separator = "&" if "?" in POSTGRES_URL else "?"
    return Store(f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}")


@pytest.fixture(params=["sqlite-memory", "sqlite-file", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path) -> Store:
    if request.param == "sqlite-memory":
        db = Store(":memory:")
    elif request.param == "sqlite-file":
        db = Store(str(tmp_path / "kb.db"))
    else:
        db = _postgres_store(request)
    yield db
    db.close()


@pytest.fixture
def postgres_store(request: pytest.FixtureRequest) -> Store:
    """For tests of what only PostgreSQL has."""
    db = _postgres_store(request)
    yield db
    db.close()


@pytest.fixture
def documents() -> list[Document]:
    return [gur_document(), sumy_document(), undated_document()]
