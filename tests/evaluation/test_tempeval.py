"""TempEval-3 reader and scorer, on a TimeML file written for the test and, when present, the shared data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.tempeval import GoldTimex, evaluate, read_corpus, read_timeml, score_document
from claimgraph.extract.times import Timex, tag_times

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>WIRE20250311.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-03-11" temporalFunction="false" functionInDocument="CREATION_TIME">20250311</TIMEX3></DCT>
<TEXT>
KYIV - Ukrainian forces withdrew from the village <TIMEX3 tid="t1" type="DATE" value="2025-03-10">yesterday</TIMEX3>, the
General Staff said. Fighting has lasted <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> and troops are
<TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3> <EVENT eid="e1" class="STATE">dug in</EVENT> along the river,
the 47th brigade said on <TIMEX3 tid="t4" type="DATE" value="2025-03-07">Friday</TIMEX3>.
</TEXT>
</TimeML>
"""

SHARED_TRAINING = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "tempeval3" / "Training"


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "wire.tml").write_text(TIMEML, encoding="utf-8")
    return tmp_path


def test_reader_gives_text_offsets_dct_and_values(corpus):
    doc = read_timeml(corpus / "wire.tml")
    assert doc.doc_id == "WIRE20250311.0001"
    assert doc.dct == date(2025, 3, 11)
    assert [doc.text[g.start : g.end] for g in doc.timexes] == ["yesterday", "three years", "now", "Friday"]
    assert [g.value for g in doc.timexes] == ["2025-03-10", "P3Y", "PRESENT_REF", "2025-03-07"]
    assert "<EVENT" not in doc.text and "dug in" in doc.text


def test_claimgraph_scores_perfectly_on_the_wire_copy(corpus):
    result = evaluate(corpus)
    assert result.task == "timex" and result.documents == 1
    assert result.metrics["extent_strict_f1"] == 1.0
    assert result.metrics["value_f1"] == 1.0
    assert result.metrics["value_accuracy"] == 1.0
    assert set(result.to_dict()) == {"task", "documents", "metrics"}


def test_scorer_counts_strict_relaxed_and_value_matches():
    text = "from January to February 2025 and last week"
    gold = [GoldTimex(5, 12, "DATE", "2025-01"), GoldTimex(16, 29, "DATE", "2025-02"), GoldTimex(34, 43, "DATE", "2025-W10")]
    predicted = [
        # overlaps two golds but claims only the one it overlaps most, "February 2025", whose value differs
        Timex("January to February 2025", 5, 29, "DATE", "2025-01"),
        Timex("last week", 34, 43, "DATE", "2025-W09"),  # exact extent, wrong value
        Timex("and", 30, 33, "DATE", "PRESENT_REF"),  # spurious
    ]
    counts = score_document(gold, predicted, text)
    assert (counts.gold, counts.predicted) == (3, 3)
    assert counts.strict == 1
    assert counts.relaxed == 2
    assert counts.value == 0


def test_values_are_compared_as_strings_as_the_official_scorer_does():
    # TempEval-3's scorer tests g.value == s.value; TimeBank writes most week numbers with two
    # digits ("1998-W07"), so tag_times does too and a one-digit "W7" gold value is a miss
    text = "last week"
    assert score_document([GoldTimex(0, 9, "DATE", "2025-W2")], [Timex(text, 0, 9, "DATE", "2025-W02")], text).value == 0
    (timex,) = tag_times(text, published=date(2025, 1, 14))
    assert timex.value == "2025-W02"


def test_baseline_tagger_is_pluggable(corpus):
    result = evaluate(corpus, tagger=lambda text, dct: [], system="nothing")
    assert result.system == "nothing"
    assert result.metrics["value_f1"] == 0.0 and result.metrics["value_accuracy"] == 0.0


def test_missing_or_malformed_data_raises_a_named_error(tmp_path):
    with pytest.raises(EvaluationDataError, match="no TimeML"):
        read_corpus(tmp_path)
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>no dct</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="broken.tml"):
        read_corpus(tmp_path)


@pytest.mark.skipif(not SHARED_TRAINING.is_dir(), reason="shared TempEval-3 data not present")
def test_shared_training_offsets_match_the_annotated_text():
    files = sorted(SHARED_TRAINING.rglob("*.tml"))[:5]
    for path in files:
        doc = read_timeml(path)
        assert doc.timexes, path
        for gold in doc.timexes:
            covered = doc.text[gold.start : gold.end]
            assert covered and covered == covered.strip(), (path, gold)
