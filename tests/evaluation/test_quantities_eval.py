"""Quantity evaluation: gold readers, the prediction-to-gold mapping, counts and the result shape."""

import json
from pathlib import Path

import pytest

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.quantities import (
    GoldQuantity,
    change_of,
    evaluate,
    every_number,
    nothing,
    parse_value,
    read_gold,
    read_measeval,
    score_text,
    unit_key,
    value_of,
)
from claimgraph.model import QuantityBound, QuantityChange, QuantityRange

REPO = Path(__file__).resolve().parents[2]
DEV_FILE = REPO / "benchmarks" / "data" / "quantities_dev.json"
MEASEVAL = REPO.parent / "shared" / "eval" / "measeval" / "data" / "eval"

GOLD = [
    {
        "text": "Between 1,000 and 3,000 North Korean soldiers were sent, and up to 12,000 troops may follow.",
        "quantities": [
            {"value": "1000-3000", "unit": "soldiers", "change": "="},
            {"value": 12000, "unit": "troops", "change": "<"},
        ],
    },
    {"text": "The death toll rose to 45.", "quantities": [{"value": 45, "unit": "people", "change": "up"}]},
    {"text": "The talks began in 2024.", "quantities": []},
]


def quantity(low, high, bound=QuantityBound.EXACT, approximate=False, unit=None, change=None):
    return QuantityRange("x", 0, 1, low, high, bound, approximate, unit, None, change)


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "value,expected",
    [(500, (500.0, 500.0)), (1.5, (1.5, 1.5)), ("1000-3000", (1000.0, 3000.0)), (" 12 ", (12.0, 12.0))],
)
def test_parse_value(value, expected):
    assert parse_value(value) == expected


@pytest.mark.parametrize("value", ["many", "1000-", None, True, [1, 2]])
def test_parse_value_rejects(value):
    with pytest.raises(ValueError):
        parse_value(value)


@pytest.mark.parametrize(
    "predicted,value,change",
    [
        (quantity(500, 500), (500, 500), "="),
        (quantity(500, 500, approximate=True), (500, 500), "~"),
        (quantity(1000, 3000, QuantityBound.RANGE), (1000, 3000), "="),
        (quantity(3000, 9000, QuantityBound.RANGE, approximate=True), (3000, 9000), "~"),
        (quantity(11000, None, QuantityBound.AT_LEAST), (11000, 11000), ">"),
        (quantity(None, 12000, QuantityBound.AT_MOST), (12000, 12000), "<"),
        (quantity(45, 45, change=QuantityChange.UP), (45, 45), "up"),
        (quantity(300, 300, approximate=True, change=QuantityChange.DOWN), (300, 300), "down"),
    ],
)
def test_prediction_mapping(predicted, value, change):
    assert value_of(predicted) == value
    assert change_of(predicted) == change


@pytest.mark.parametrize(
    "unit,key",
    [
        ("soldiers", "soldier"),
        ("Soldiers", "soldier"),
        ("armoured vehicles", "vehicle"),
        ("people", "person"),
        ("servicemen", "serviceman"),
        ("casualties", "casualty"),
        ("%", "%"),
        ("km", "km"),
        (None, None),
        ("", None),
    ],
)
def test_unit_key(unit, key):
    assert unit_key(unit) == key


def test_score_text_counts_each_metric():
    gold = [
        GoldQuantity((1000.0, 3000.0), "soldiers", "="),
        GoldQuantity((12000.0, 12000.0), "troops", "<"),
        GoldQuantity((45.0, 45.0), None, "="),
    ]
    predicted = [
        quantity(1000, 3000, QuantityBound.RANGE, unit="soldiers"),  # all right
        quantity(12000, 12000, unit="troops"),  # value and unit right, change wrong
        quantity(7, 7),  # spurious
    ]
    counts = score_text(gold, predicted)
    assert (counts["value"].tp, counts["value"].fp, counts["value"].fn) == (2, 1, 1)
    assert (counts["value_unit"].tp, counts["value_unit"].fp, counts["value_unit"].fn) == (2, 1, 1)
    assert (counts["value_change"].tp, counts["value_change"].fp, counts["value_change"].fn) == (1, 2, 2)


def test_duplicate_values_match_one_to_one():
    gold = [GoldQuantity((12.0, 12.0), "drones", "=")]
    counts = score_text(gold, [quantity(12, 12, unit="drones"), quantity(12, 12, unit="drones")])
    assert (counts["value"].tp, counts["value"].fp, counts["value"].fn) == (1, 1, 0)


def test_evaluate_json_file(gold_file):
    result = evaluate(gold_file)
    data = result.to_dict()
    assert data["task"] == "quantities" and data["documents"] == 3
    for name in ("value_f1", "value_unit_f1", "value_change_f1", "value_precision", "value_recall"):
        assert 0.0 <= data["metrics"][name] <= 1.0
    assert data["metrics"]["value_f1"] == 1.0  # 1000-3000, 12000 and 45 are all found; 2024 is a year
    assert data["metrics"]["value_change_f1"] == 1.0


def test_baselines_score_below_the_parser(gold_file):
    texts = read_gold(gold_file)
    parser = evaluate(gold_file).metrics["value_f1"]
    assert evaluate(gold_file, system=every_number).metrics["value_f1"] < parser
    assert evaluate(gold_file, system=nothing).metrics["value_f1"] == 0.0
    assert evaluate(gold_file, system=lambda text: None).metrics["value_recall"] == 0.0
    assert len(texts) == 3


@pytest.mark.parametrize(
    "content,fragment",
    [
        ("{not json", "gold.json"),
        ('{"text": "a dict, not a list"}', "expected a JSON list"),
        ('[{"quantities": []}]', "entry 0"),
        ('[{"text": "x", "quantities": [{"unit": "troops"}]}]', '"value"'),
        ('[{"text": "x", "quantities": [{"value": 5, "change": "about"}]}]', "change 'about'"),
        ('[{"text": "x", "quantities": [{"value": "lots"}]}]', "lots"),
        ('[{"text": "x", "quantities": {"value": 5}}]', "must be a list"),
    ],
)
def test_malformed_json_names_the_file(tmp_path, content, fragment):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="Malformed evaluation data") as error:
        read_gold(path)
    assert fragment in str(error.value)


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(EvaluationDataError, match="no such file"):
        read_gold(tmp_path / "absent.json")


def test_measeval_reader_on_a_small_folder(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "tsv").mkdir()
    text = "Samples were held at 20 °C for about 3 days; depths ranged from 10 to 15 m, at 2 and 4 m."
    (tmp_path / "text" / "p1.txt").write_text(text, encoding="utf-8")
    header = "docId\tannotSet\tannotType\tstartOffset\tendOffset\tannotId\ttext\tother"
    rows = [
        ("Quantity", "20 °C", {"unit": "°C"}),
        ("Quantity", "about 3 days", {"unit": "days", "mods": ["IsApproximate"]}),
        ("Quantity", "from 10 to 15 m", {"unit": "m", "mods": ["IsRange"]}),
        ("Quantity", "2 and 4 m", {"unit": "m", "mods": ["IsList"]}),
        ("MeasuredEntity", "Samples", {"HasQuantity": "T1"}),
    ]
    lines = [header] + [
        f"p1\t1\t{kind}\t{text.index(span)}\t{text.index(span) + len(span)}\tT{n}\t{span}\t{json.dumps(other)}"
        for n, (kind, span, other) in enumerate(rows)
    ]
    (tmp_path / "tsv" / "p1.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (gold,) = read_measeval(tmp_path)
    assert [(q.value, q.unit, q.change) for q in gold.quantities] == [
        ((20.0, 20.0), "°C", "="),
        ((3.0, 3.0), "days", "~"),
        ((10.0, 15.0), "m", "="),
        ((2.0, 2.0), "m", "="),
        ((4.0, 4.0), "m", "="),
    ]


def test_measeval_layout_missing(tmp_path):
    with pytest.raises(EvaluationDataError, match="MeasEval"):
        read_gold(tmp_path)


def test_dev_file_scores():
    result = evaluate(DEV_FILE)
    assert result.documents >= 150
    # A regression guard, not a measure of quality: the parser was developed against this file.
    assert result.metrics["value_f1"] >= 0.95
    assert result.metrics["value_unit_f1"] >= 0.9


@pytest.mark.skipif(not MEASEVAL.is_dir(), reason="../shared/eval/measeval is not present")
def test_measeval_eval_split_runs():
    result = evaluate(MEASEVAL)
    assert result.documents == 135
    assert 0.0 < result.metrics["value_f1"] <= 1.0
