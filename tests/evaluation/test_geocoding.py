"""Geocoding evaluation: the three XML layouts, the metrics, bad input, and the shared-data run."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.geocoding import (
    UNRESOLVED_KM,
    claimgraph_resolver,
    evaluate,
    haversine_km,
    naive_resolver,
    read_gold,
    score,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared" / "eval" / "geoparsing"

TEXT = "Russian troops shelled Kharkiv, officials in the U.S. said. Qwertyzxcv was also hit."

GWN_XML = f"""<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><text>{TEXT}</text><toponyms>
<toponym><extractedName>Russian</extractedName><start>0</start><end>7</end><geonamesID>2017370</geonamesID><latitude>60.0</latitude><longitude>100.0</longitude></toponym>
<toponym><extractedName>Kharkiv</extractedName><start>23</start><end>30</end><geonamesID>706483</geonamesID><latitude>49.98</latitude><longitude>36.25</longitude></toponym>
<toponym><extractedName>U.S.</extractedName><start>49</start><end>53</end><geonamesID>6252001</geonamesID><latitude>39.76</latitude><longitude>-98.5</longitude></toponym>
<toponym><extractedName>Qwertyzxcv</extractedName><start>60</start><end>70</end><latitude>10.0</latitude><longitude>10.0</longitude></toponym>
<toponym><extractedName>officials</extractedName><start>32</start><end>41</end><nonLocational>Yes</nonLocational></toponym>
</toponyms></article></articles>"""

GEOVIRUS_XML = f"""<articles><article><source>x</source><text>{TEXT}</text><locations>
<location><name>Kharkiv</name><start>23</start><end>30</end><lat>49.99</lat><lon>36.23</lon><page>p</page></location>
</locations></article></articles>"""

LGL_XML = f"""<articles><article docid="1"><title>t</title><text>{TEXT}</text><toponyms>
<toponym><start>23</start><end>30</end><phrase>Kharkiv</phrase><gaztag geonameid="706483"><name>Kharkiv</name><lat>49.98</lat><lon>36.25</lon></gaztag></toponym>
</toponyms></article></articles>"""


@pytest.fixture
def gold_file(tmp_path):
    def write(content: str) -> Path:
        path = tmp_path / "gold.xml"
        path.write_text(content, encoding="utf-8")
        return path

    return write


def test_read_the_three_layouts(gold_file):
    gwn = read_gold(gold_file(GWN_XML))
    assert len(gwn) == 1 and len(gwn[0].toponyms) == 4  # the non-locational toponym has no point
    assert gwn[0].toponyms[0].geonameid == 2017370
    assert TEXT[gwn[0].toponyms[1].start : gwn[0].toponyms[1].end] == "Kharkiv"
    assert read_gold(gold_file(GEOVIRUS_XML))[0].toponyms[0].geonameid is None
    assert read_gold(gold_file(LGL_XML))[0].toponyms[0].geonameid == 706483


def test_one_based_offsets_are_moved_onto_the_name(gold_file):
    # GeoVirus counts from 1: its Kharkiv spans 24-31 of TEXT, where TEXT[23:30] is the name.
    toponym = read_gold(gold_file(GEOVIRUS_XML.replace("<start>23</start><end>30</end>", "<start>24</start><end>31</end>")))[0].toponyms[0]
    assert (toponym.start, toponym.end) == (23, 30)


def test_metrics(gold_file):
    result = evaluate(gold_file(GWN_XML))
    assert result.task == "geocoding" and result.documents == 1
    assert result.metrics["acc_161km"] == pytest.approx(3 / 4)
    assert result.metrics["unresolved"] == 0.0  # Qwertyzxcv is estimated at the article's place, Kharkiv, far from its gold
    assert result.metrics["acc_geonameid"] == pytest.approx(1.0)  # Russia, Kharkiv and the U.S. by id
    assert result.to_dict()["metrics"].keys() >= {"acc_161km", "median_km", "unresolved"}
    naive = score(read_gold(gold_file(GWN_XML)), naive_resolver, system="naive")
    assert naive.metrics["acc_161km"] < result.metrics["acc_161km"]  # no demonym, no abbreviation


def test_unresolved_counts_as_half_the_earth(gold_file):
    result = score(read_gold(gold_file(GWN_XML)), lambda name, text, start: None, system="nothing")
    assert result.metrics == {"acc_161km": 0.0, "median_km": UNRESOLVED_KM, "unresolved": 1.0, "acc_geonameid": 0.0}


def test_haversine():
    assert haversine_km(50.45, 30.52, 50.45, 30.52) == 0.0
    assert haversine_km(50.45, 30.52, 49.99, 36.23) == pytest.approx(409, abs=5)  # Kyiv–Kharkiv


@pytest.mark.parametrize(
    "content,message",
    [("<articles><article>", "not well-formed"), ("<articles></articles>", "no <article>")],
)
def test_bad_gold(gold_file, content, message):
    with pytest.raises(EvaluationDataError, match=message):
        read_gold(gold_file(content))


def test_missing_file(tmp_path):
    with pytest.raises(EvaluationDataError, match="no such file"):
        read_gold(tmp_path / "absent.xml")


def test_context_is_computed_once_per_article(gold_file):
    resolver = claimgraph_resolver()
    assert resolver("Kharkiv", TEXT).name == "Kharkiv"
    assert resolver("Qwertyzxcv", TEXT).precision == "vicinity"  # estimated at the article's place


def test_approximate_resolver_estimates_unknown_names(gold_file):
    text = "Police in New Orleans closed Royal Street on Tuesday."
    assert claimgraph_resolver(approximate=False)("Royal Street", text) is None
    estimate = claimgraph_resolver()("Royal Street", text)
    assert estimate.precision == "vicinity" and estimate.name == "New Orleans"


@pytest.mark.skipif(not (SHARED / "GWN.xml").is_file(), reason="../shared/eval/geoparsing is absent")
def test_geowebnews_beats_the_naive_baseline():
    articles = read_gold(SHARED / "GWN.xml")
    ours = score(articles, claimgraph_resolver(), system="claimgraph")
    naive = score(articles, naive_resolver, system="naive")
    assert ours.metrics["acc_161km"] >= 0.84 > naive.metrics["acc_161km"]
    assert ours.metrics["unresolved"] < 0.06


@pytest.mark.skipif(not (SHARED / "corpora" / "GeoVirus.xml").is_file(), reason="../shared/eval/geoparsing is absent")
def test_geovirus_beats_the_naive_baseline():
    articles = read_gold(SHARED / "corpora" / "GeoVirus.xml")
    ours = score(articles, claimgraph_resolver(), system="claimgraph")
    naive = score(articles, naive_resolver, system="naive")
    assert ours.metrics["acc_161km"] >= 0.80 > naive.metrics["acc_161km"]
