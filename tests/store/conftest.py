"""Store fixtures: hand-built documents and one store per database configuration.

The documents carry facets as the facet extractors would fill them (gazetteer ids,
names and admin1 as the shipped GeoNames gazetteer gives them, e.g. "Sumska
Oblast"), so that every facet field is written and read back, and the facet
filters have claims to find and claims to leave out.

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
    Actor,
    ActorRole,
    ActorType,
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Document,
    EventSubtype,
    EventType,
    Field,
    Mention,
    Modality,
    Place,
    Polarity,
    QuantityBound,
    QuantityChange,
    QuantityRange,
    Source,
    SourceType,
    TextSpan,
    TimeGranularity,
    TimeSpan,
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

TASS_ARTICLE = Article(
    title="Air defences downed drones over Kharkov direction, ministry says",
    text=(
        "Russian air defences shot down up to 12,000 drones over the Kharkov direction since October, "
        "the Defence Ministry said on Thursday. "
        "More than 11,000 DPRK soldiers are reportedly training in Russia's Far East, the agency said, "
        "citing unnamed sources. "
        "The number of drones launched at Belgorod rose to about 300 a week, the governor said."
    ),
    outlet="TASS",
    published=date(2025, 2, 20),
    url="https://example.org/tass/air-defence",
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


def string_of(article: Article, claim: Claim) -> str:
    return article.title if claim.field is Field.TITLE else article.text


def actor(article: Article, claim: Claim, text: str, actor_id: str, name: str, type_: ActorType, country: str | None,
          role: ActorRole = ActorRole.OTHER) -> Actor:
    return Actor(text, *span_of(string_of(article, claim), text), actor_id, name, type_, country, role)


def place(article: Article, claim: Claim, text: str, entry: dict) -> Place:
    return Place(text, *span_of(string_of(article, claim), text), **entry)


# Gazetteer entries as claimgraph.extract.places resolves them.
KURSK_OBLAST = dict(name="Kursk Oblast", geonameid=538555, feature="ADM1", admin1="Kursk Oblast", country="RU",
                    lat=51.5, lon=36.0, precision="region")
SUMY_OBLAST = dict(name="Sumska Oblast", geonameid=692196, feature="ADM1", admin1="Sumska Oblast", country="UA",
                   lat=51.083, lon=34.033, precision="region")
NOVENKE = dict(name="Novenke", geonameid=805767, feature="PPL", admin1="Sumska Oblast", country="UA",
               lat=51.22, lon=35.105, precision="locality")
KHARKIV = dict(name="Kharkiv", geonameid=706483, feature="PPLA", admin1="Kharkiv Oblast", country="UA",
               lat=49.982, lon=36.255, precision="locality")
RUSSIA = dict(name="Russia", geonameid=2017370, feature="PCL", admin1=None, country="RU",
              lat=60.0, lon=100.0, precision="country")
BELGOROD = dict(name="Belgorod", geonameid=578072, feature="PPLA", admin1="Belgorod Oblast", country="RU",
                lat=50.61, lon=36.58, precision="locality")

NORTH_KOREA = dict(actor_id="north_korea", name="North Korea", type_=ActorType.STATE, country="KP")
NORTH_KOREAN_FORCES = dict(actor_id="north_korea_armed_forces", name="Korean People's Army",
                           type_=ActorType.ARMED_FORCES, country="KP")
RUSSIA_STATE = dict(actor_id="russia", name="Russia", type_=ActorType.STATE, country="RU")
RUSSIAN_FORCES = dict(actor_id="russia_armed_forces", name="Armed Forces of the Russian Federation",
                      type_=ActorType.ARMED_FORCES, country="RU")


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
    headline, cooperation, moved, sent = claims
    headline.actors.append(actor(a, headline, "North Korean troops", **NORTH_KOREAN_FORCES, role=ActorRole.AGENT))
    headline.places.append(place(a, headline, "Kursk region", KURSK_OBLAST))
    headline.event_type, headline.event_subtype = EventType.MOBILIZE, EventSubtype.DEPLOY_FORCES
    cooperation.actors += [
        actor(a, cooperation, "North Korea", **NORTH_KOREA, role=ActorRole.AGENT),
        actor(a, cooperation, "Russia", **RUSSIA_STATE, role=ActorRole.AGENT),
    ]
    cooperation.event_type = EventType.COOPERATE
    range_text = "1,000 and 3,000 soldiers"
    moved.quantities.append(
        QuantityRange(range_text, *span_of(a.text, range_text), low=1000, high=3000, bound=QuantityBound.RANGE, unit="soldiers")
    )
    moved.places.append(place(a, moved, "Kursk region", KURSK_OBLAST))
    months = "in January and February"
    moved.times.append(
        TimeSpan(months, *span_of(a.text, months), date(2025, 1, 1), date(2025, 2, 28), TimeGranularity.MONTH)
    )
    moved.event_type, moved.event_subtype = EventType.MOBILIZE, EventSubtype.DEPLOY_FORCES
    sent.actors.append(actor(a, sent, "Pyongyang", **NORTH_KOREA, role=ActorRole.AGENT))
    sent.event_type, sent.event_subtype = EventType.MOBILIZE, EventSubtype.DEPLOY_FORCES
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
    remain, tried = claims
    remain.actors.append(actor(a, remain, "Russian troops", **RUSSIAN_FORCES))
    remain.places.append(place(a, remain, "Sumy", SUMY_OBLAST))
    remain.event_type, remain.event_subtype = EventType.MOBILIZE, EventSubtype.PRESENCE_OF_FORCES
    remain.polarity = Polarity.NEGATED
    tried.actors.append(actor(a, tried, "Russian forces", **RUSSIAN_FORCES, role=ActorRole.AGENT))
    tried.places.append(place(a, tried, "Novenke", NOVENKE))
    tried.times.append(
        TimeSpan("on March 10", *span_of(a.text, "on March 10"), date(2025, 3, 10), date(2025, 3, 10), TimeGranularity.DAY)
    )
    tried.event_type, tried.event_subtype = EventType.ASSAULT, EventSubtype.GROUND_COMBAT
    tried.modality = Modality.ATTEMPTED
    return Document(article=a, claims=claims, mentions=[Mention("Novenke", *span_of(a.text, "Novenke"), "GPE")])


def tass_document() -> Document:
    """Open-ended and approximate quantities, a spelling variant, an alias, a hedge, an unresolved place."""
    a = TASS_ARTICLE
    first, second, third = (
        "Russian air defences shot down up to 12,000 drones over the Kharkov direction since October, "
        "the Defence Ministry said on Thursday.",
        "More than 11,000 DPRK soldiers are reportedly training in Russia's Far East, the agency said, "
        "citing unnamed sources.",
        "The number of drones launched at Belgorod rose to about 300 a week, the governor said.",
    )
    ministry = dict(name="Defence Ministry", type=SourceType.ORGANIZATION, organization="Russia")
    downed, training, launched = [
        make_claim(
            a, "Russian air defences shot down up to 12,000 drones over the Kharkov direction since October",
            first, AttributionKind.INDIRECT, ministry, mention="Defence Ministry", cue="said",
        ),
        make_claim(
            a, "More than 11,000 DPRK soldiers are reportedly training in Russia's Far East", second,
            AttributionKind.INDIRECT, dict(name="the agency", type=SourceType.UNNAMED), mention="the agency",
            cue="said", chain=(Source(name="unnamed sources", type=SourceType.UNNAMED),),
        ),
        make_claim(
            a, "The number of drones launched at Belgorod rose to about 300 a week", third, AttributionKind.INDIRECT,
            dict(name="governor", type=SourceType.PERSON), mention="the governor", cue="said",
        ),
    ]
    downed.actors.append(actor(a, downed, "Russian air defences", **RUSSIAN_FORCES, role=ActorRole.AGENT))
    downed.quantities.append(
        QuantityRange("up to 12,000 drones", *span_of(a.text, "up to 12,000 drones"), low=None, high=12000.0,
                      bound=QuantityBound.AT_MOST, unit="drones")
    )
    downed.places.append(place(a, downed, "Kharkov", KHARKIV))
    downed.times.append(
        TimeSpan("since October", *span_of(a.text, "since October"), date(2024, 10, 1), date(2025, 2, 20),
                 TimeGranularity.MONTH, anchored=True)
    )
    downed.event_type, downed.event_subtype = EventType.ASSAULT, EventSubtype.SHELLING_STRIKE
    training.actors.append(actor(a, training, "DPRK", **NORTH_KOREA))
    training.quantities.append(
        QuantityRange("More than 11,000 DPRK soldiers", *span_of(a.text, "More than 11,000 DPRK soldiers"), low=11000.0,
                      high=None, bound=QuantityBound.AT_LEAST, unit="soldiers", qualifier="DPRK")
    )
    training.places += [
        place(a, training, "Russia", RUSSIA),
        Place("Far East", *span_of(a.text, "Far East"), name="Far East"),  # unresolved: no id, no point
    ]
    training.event_type, training.event_subtype = EventType.MOBILIZE, EventSubtype.PRESENCE_OF_FORCES
    training.modality = Modality.HEDGED
    launched.quantities.append(
        QuantityRange("about 300", *span_of(a.text, "about 300"), low=300.0, high=300.0, approximate=True,
                      unit="drones", change=QuantityChange.UP)
    )
    launched.places.append(place(a, launched, "Belgorod", BELGOROD))
    launched.modality = Modality.ESTIMATED
    return Document(article=a, claims=[downed, training, launched])


def undated_document() -> Document:
    a = UNDATED_ARTICLE
    sentence = "Shelling damaged two schools in Kharkiv overnight."
    shelling = make_claim(
        a, sentence[:-1], sentence, AttributionKind.OUTLET, dict(name="Reuters", type=SourceType.OUTLET)
    )
    shelling.quantities.append(
        QuantityRange("two schools", *span_of(a.text, "two schools"), low=2.0, high=2.0, unit="schools")
    )
    shelling.places.append(place(a, shelling, "Kharkiv", KHARKIV))
    shelling.event_type, shelling.event_subtype = EventType.ASSAULT, EventSubtype.SHELLING_STRIKE
    return Document(article=a, claims=[shelling])


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


STORE_KINDS = ["sqlite-memory", "sqlite-file", "postgresql"]


def open_store(kind: str, request: pytest.FixtureRequest, directory) -> Store:
    if kind == "sqlite-memory":
        return Store(":memory:")
    if kind == "sqlite-file":
        return Store(str(directory / "kb.db"))
    return _postgres_store(request)


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path) -> Store:
    db = open_store(request.param, request, tmp_path)
    yield db
    db.close()


@pytest.fixture(scope="module", params=STORE_KINDS)
def facet_store(request: pytest.FixtureRequest, tmp_path_factory) -> Store:
    """A store per configuration holding the facet documents, shared by a module's read-only tests."""
    db = open_store(request.param, request, tmp_path_factory.mktemp("kb"))
    db.write_documents([gur_document(), sumy_document(), undated_document(), tass_document()])
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


@pytest.fixture
def facet_documents() -> list[Document]:
    """The three documents and one more with open-ended quantities, a spelling variant and an alias."""
    return [gur_document(), sumy_document(), undated_document(), tass_document()]
