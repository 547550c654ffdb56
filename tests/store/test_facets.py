"""Store: facet tables written and read back, and the facet filters, on every database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from claimgraph.errors import StoreError
from claimgraph.model import Article, Document
from claimgraph.query import ClaimFilter
from claimgraph.store import Store
from claimgraph.store.schema import FACET_TABLES


def claim_texts(store: Store, **filters) -> list[str]:
    """The matching claims' texts, in store order; checks count_claims agrees."""
    flt = ClaimFilter(**filters)
    found = [stored.claim.text for stored in store.claims(flt)]
    assert store.count_claims(flt) == len(found)
    return found


def facet_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in FACET_TABLES}


# The claims of facet_documents, by the start of their text.
HEADLINE = "North Korean troops moved to Kursk region"
COOPERATION = "Military cooperation between North Korea and Russia continues"
MOVED = "Between 1,000 and 3,000 soldiers were moved to the Kursk region in January and February"
SENT = "Pyongyang had sent more troops"
REMAIN = "no Russian troops remain in the region"
TRIED = "Russian forces tried to open a combat zone near Novenke on March 10"
DOWNED = "Russian air defences shot down up to 12,000 drones over the Kharkov direction since October"
TRAINING = "More than 11,000 DPRK soldiers are reportedly training in Russia's Far East"
LAUNCHED = "The number of drones launched at Belgorod rose to about 300 a week"
SHELLING = "Shelling damaged two schools in Kharkiv overnight"
# The store's order: by publication date (TASS, GUR, Sumy, undated last), headline first, then position.
STORE_ORDER = [DOWNED, TRAINING, LAUNCHED, HEADLINE, COOPERATION, MOVED, SENT, REMAIN, TRIED, SHELLING]


def in_store_order(texts: list[str]) -> list[str]:
    return sorted(texts, key=STORE_ORDER.index)


def test_every_facet_field_round_trips(store, facet_documents):
    store.write_documents(facet_documents)
    written = {claim.id: claim for doc in facet_documents for claim in doc.claims}
    read = {stored.claim.id: stored.claim for stored in store.claims()}
    assert read == written
    assert [c.to_dict() for c in read.values()] == [written[i].to_dict() for i in read]
    far_east = read[next(i for i, c in written.items() if c.text == TRAINING)].places[1]
    assert (far_east.geonameid, far_east.lat, far_east.precision) == (None, None, "unresolved")


def test_facets_keep_their_order_within_a_claim(store, facet_documents):
    store.write_documents(facet_documents)
    (training,) = store.claims(ClaimFilter(search="DPRK soldiers"))
    assert [p.name for p in training.claim.places] == ["Russia", "Far East"]
    (cooperation,) = store.claims(ClaimFilter(search="cooperation"))
    assert [a.id for a in cooperation.claim.actors] == ["north_korea", "russia"]


def test_reading_a_page_loads_each_facet_table_once(facet_documents):
    statements = []
    with Store(":memory:", tracer=lambda sql, params: statements.append(sql)) as db:
        db.write_documents(facet_documents)
        statements.clear()
        assert len(db.claims()) == 10
    for table in FACET_TABLES:
        assert sum(f"FROM {table.name}" in sql for sql in statements) == 1, table.name


def test_facets_are_written_in_the_batch_transaction(store, facet_documents):
    gur, sumy, undated, tass = facet_documents
    store.write_documents([gur])
    before = facet_counts(store)
    tass.claims.append(tass.claims[0])  # a repeated claim id makes the claims insert fail
    with pytest.raises(StoreError):
        store.write_documents([sumy, tass])
    assert facet_counts(store) == before
    store.write_documents([sumy])
    assert facet_counts(store)["claim_places"] == before["claim_places"] + 2


def test_a_claim_without_facets_reads_back_empty_lists(store):
    doc = Document(article=Article(text="Kyiv said the attack failed.", title="Short"))
    store.write_documents([doc])
    assert facet_counts(store) == {t.name: 0 for t in FACET_TABLES}


@pytest.mark.parametrize(
    "filters,expected",
    [
        # place: name, admin1 or spelling, whole or as the first words; a region's places
        ({"place": "Sumy"}, [REMAIN, TRIED]),  # "Sumy" written for Sumska Oblast; Novenke lies in it
        ({"place": "sumska oblast"}, [REMAIN, TRIED]),
        ({"place": "Novenke"}, [TRIED]),
        ({"place": "Kursk"}, [HEADLINE, MOVED]),  # "Kursk region", Kursk Oblast
        ({"place": "Kharkov"}, [DOWNED, SHELLING]),  # a spelling stands for its gazetteer entry
        ({"place": "KHARKIV"}, [DOWNED, SHELLING]),
        ({"place": "Kharkiv Oblast"}, [DOWNED, SHELLING]),  # admin1
        ({"place": "Far East"}, [TRAINING]),  # unresolved places match by name
        ({"place": "Oblast"}, []),  # only whole leading words
        ({"place": "Kha"}, []),
        ({"place": "%"}, []),  # LIKE wildcards are literal
        ({"place": "Korea"}, []),
        # country: of a place, not of an actor
        ({"country": "ua"}, [REMAIN, TRIED, DOWNED, SHELLING]),
        ({"country": "RU"}, [HEADLINE, MOVED, TRAINING, LAUNCHED]),
        ({"country": "KP"}, []),  # North Korean actors, but no place in North Korea
        # actor: id, name or spelling; a spelling stands for its actor id
        ({"actor": "DPRK"}, [COOPERATION, SENT, TRAINING]),
        ({"actor": "north_korea"}, [COOPERATION, SENT, TRAINING]),
        ({"actor": "pyongyang"}, [COOPERATION, SENT, TRAINING]),
        ({"actor": "North Korean troops"}, [HEADLINE]),  # the armed forces, another actor id
        ({"actor": "Korea"}, []),  # no substrings
        ({"actor": "Russian forces"}, [REMAIN, TRIED, DOWNED]),
        # type: a PLOVER type or a sub-type
        ({"type": "assault"}, [TRIED, DOWNED, SHELLING]),
        ({"type": "deploy_forces"}, [HEADLINE, MOVED, SENT]),
        ({"type": "MOBILIZE"}, [HEADLINE, MOVED, SENT, REMAIN, TRAINING]),
        ({"type": "COOPERATE"}, [COOPERATION]),
        ({"type": "SANCTION"}, []),
        # polarity and modality
        ({"negated": True}, [REMAIN]),
        ({"modality": "attempted"}, [TRIED]),
        ({"modality": "HEDGED"}, [TRAINING]),
        ({"modality": "denied"}, []),
    ],
)
def test_facet_filters(facet_store, filters, expected):
    assert claim_texts(facet_store, **filters) == in_store_order(expected)


def test_affirmed_is_everything_not_negated(facet_store):
    assert len(claim_texts(facet_store, negated=False)) == len(claim_texts(facet_store)) - 1
    assert REMAIN not in claim_texts(facet_store, negated=False)


@pytest.mark.parametrize(
    "since,until,expected",
    [
        # A claim with time spans is dated by them, even though its article is later.
        ("2025-03-01", None, [HEADLINE, COOPERATION, SENT, REMAIN, TRIED]),
        (None, "2025-01-15", [MOVED, DOWNED]),  # January–February; October to publication
        ("2025-02-01", "2025-02-28", [MOVED, DOWNED, TRAINING, LAUNCHED]),  # the last two by publication date
        ("2025-03-10", "2025-03-10", [HEADLINE, COOPERATION, SENT, TRIED]),  # boundaries are inclusive
        ("2025-03-11", "2025-03-11", []),
        ("2024-01-01", "2024-09-30", []),
        (date(2025, 3, 12), None, [REMAIN]),  # date objects work as well as strings
    ],
)
def test_date_filters(facet_store, since, until, expected):
    assert claim_texts(facet_store, since=since, until=until) == in_store_order(expected)


def test_undated_claims_never_match_a_date_filter(facet_store):
    assert SHELLING not in claim_texts(facet_store, since="1900-01-01")
    assert SHELLING not in claim_texts(facet_store, until="2100-01-01")


@pytest.mark.parametrize(
    "filters,expected",
    [
        # ranges [low, high]: moved 1000–3000; downed at most 12,000; training more than 11,000;
        # launched about 300; shelling 2
        ({"min_quantity": 5000}, [DOWNED, TRAINING]),
        ({"max_quantity": 2000}, [MOVED, DOWNED, LAUNCHED, SHELLING]),  # "up to" has no low
        ({"min_quantity": 12001}, [TRAINING]),  # "more than" has no high
        ({"min_quantity": 12000}, [DOWNED, TRAINING]),  # bounds are inclusive
        ({"min_quantity": 2500, "max_quantity": 2600}, [MOVED, DOWNED]),  # inside a range; below "up to"
        ({"unit": "soldiers", "min_quantity": 2500, "max_quantity": 2600}, [MOVED]),
        ({"min_quantity": 3001, "max_quantity": 10999}, [DOWNED]),
        ({"min_quantity": 2, "max_quantity": 2}, [DOWNED, SHELLING]),
        ({"min_quantity": -5, "max_quantity": 1}, [DOWNED]),
        ({"unit": "Soldiers"}, [MOVED, TRAINING]),
        ({"unit": "soldiers", "min_quantity": 5000}, [TRAINING]),  # the same quantity meets both
        ({"unit": "drones", "min_quantity": 5000}, [DOWNED]),
        ({"unit": "schools", "min_quantity": 5000}, []),
        ({"unit": "troops"}, []),
    ],
)
def test_quantity_filters(facet_store, filters, expected):
    assert claim_texts(facet_store, **filters) == in_store_order(expected)


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"place": "Sumy", "negated": True}, [REMAIN]),
        ({"place": "Sumy", "negated": False}, [TRIED]),
        ({"country": "UA", "type": "ASSAULT", "since": "2025-03-01"}, [TRIED]),
        ({"actor": "north_korea", "type": "deploy_forces"}, [SENT]),
        ({"actor": "Russian forces", "place": "Kharkiv", "max_quantity": 20000}, [DOWNED]),
        ({"country": "RU", "min_quantity": 100, "until": "2025-02-28"}, [MOVED, TRAINING, LAUNCHED]),
        ({"place": "Sumy", "source": "border guard"}, [TRIED]),
        ({"place": "Sumy", "outlet": "Ukrinform"}, []),
        ({"type": "MOBILIZE", "kind": "headline"}, [HEADLINE]),
        # full-text search with facet filters
        ({"search": "troops", "place": "Sumy"}, [REMAIN]),
        ({"search": "troops", "country": "RU"}, [HEADLINE]),  # the headline's sentence says troops
        ({"search": "troop*", "actor": "north_korea"}, [SENT]),
        ({"search": "soldiers", "min_quantity": 10000}, [TRAINING]),
        ({"search": "Kursk", "since": "2025-03-01"}, [HEADLINE]),
        ({"search": "drones", "modality": "estimated"}, [LAUNCHED]),
    ],
)
def test_combined_filters(facet_store, filters, expected):
    assert claim_texts(facet_store, **filters) == in_store_order(expected)


def test_paging_applies_after_facet_filters(facet_store):
    everything = claim_texts(facet_store, country="UA")
    page = facet_store.claims(ClaimFilter(country="UA", limit=2, offset=1))
    assert [stored.claim.text for stored in page] == everything[1:3]
    assert facet_store.count_claims(ClaimFilter(country="UA", limit=1)) == len(everything)

