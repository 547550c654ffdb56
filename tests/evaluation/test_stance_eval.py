"""Stance evaluation: the FNC-1 weighted score and F1 on hand-computed cases, the two readers, the CLI, the shared data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.stance import (
    bodies_path,
    class_f1,
    evaluate,
    fnc_score,
    read_emergent,
    read_fnc1,
    stance_metrics,
)

SHARED_FNC1 = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "fnc1"

BODIES = {
    "10": "KYIV (Reuters) - Ukraine's air force denied that a Russian missile had destroyed an F-16 fighter jet, calling the report fake.",
    "11": "BRUSSELS (Reuters) - EU ministers agreed on Monday to extend grain tariff exemptions until June.",
}
STANCES = [
    ("Russian missile destroys F-16 fighter jet in Ukraine", "10", "disagree"),
    ("Russian missile destroys F-16 fighter jet in Ukraine", "11", "unrelated"),
]


def write_csv(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def fnc1_stances(tmp_path):
    write_csv(tmp_path / "tiny_bodies.csv", ["Body ID", "articleBody"], list(BODIES.items()))
    return write_csv(tmp_path / "tiny_stances.csv", ["Headline", "Body ID", "Stance"], STANCES)


def test_fnc_score_by_hand():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    predicted = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    # Earned: 1.0 (right stance) + 0.25 (related, wrong stance) + 0 + 0.25 (right unrelated) + 0 = 1.5;
    # maximum: three related pairs at 1.0 and two unrelated at 0.25 = 3.5.
    assert fnc_score(gold, predicted) == pytest.approx(1.5 / 3.5)
    assert fnc_score(gold, gold) == 1.0
    assert fnc_score([], []) == 0.0


def test_class_f1_and_macro_f1_by_hand():
    gold = ["agree", "agree", "discuss", "unrelated"]
    predicted = ["agree", "discuss", "discuss", "unrelated"]
    assert class_f1(gold, predicted, "agree") == pytest.approx(2 / 3)  # TP 1, one predicted, two gold
    assert class_f1(gold, predicted, "disagree") == 0.0
    metrics = stance_metrics(gold, predicted, "fnc1")
    assert metrics["accuracy"] == pytest.approx(3 / 4)
    assert metrics["macro_f1"] == pytest.approx((2 / 3 + 0 + 2 / 3 + 1) / 4)
    assert set(metrics) == {"accuracy", "macro_f1", "fnc_score", "f1_agree", "f1_disagree", "f1_discuss", "f1_unrelated"}


def test_emergent_metrics_use_emergent_labels_and_no_fnc_score():
    metrics = stance_metrics(["agree", "discuss"], ["agree", "agree"], "emergent")
    assert set(metrics) == {"accuracy", "macro_f1", "f1_for", "f1_against", "f1_observing"}
    assert metrics["f1_for"] == pytest.approx(2 / 3)


def test_read_fnc1_joins_bodies_and_shares_prepared_texts(fnc1_stances):
    pairs = read_fnc1(fnc1_stances)
    assert [(pair.group, pair.label) for pair in pairs] == [("10", "disagree"), ("11", "unrelated")]
    assert pairs[0].headline is pairs[1].headline


def test_bodies_path_needs_a_stances_file_name(tmp_path):
    assert bodies_path(tmp_path / "competition_test_stances.csv").name == "competition_test_bodies.csv"
    with pytest.raises(EvaluationDataError, match="stances"):
        bodies_path(tmp_path / "pairs.csv")


def test_read_fnc1_errors_name_the_file(tmp_path, fnc1_stances):
    write_csv(tmp_path / "bad_stances.csv", ["Headline", "Body ID", "Stance"], [("Troops cross border", "10", "maybe")])
    write_csv(tmp_path / "bad_bodies.csv", ["Body ID", "articleBody"], list(BODIES.items()))
    with pytest.raises(EvaluationDataError, match=r"bad_stances\.csv line 2: unknown stance 'maybe'"):
        read_fnc1(tmp_path / "bad_stances.csv")
    write_csv(tmp_path / "orphan_stances.csv", ["Headline", "Body ID", "Stance"], [("Troops cross border", "99", "agree")])
    with pytest.raises(EvaluationDataError, match="not found|no such file"):
        read_fnc1(tmp_path / "orphan_stances.csv")
    write_csv(tmp_path / "orphan_bodies.csv", ["Body ID", "articleBody"], list(BODIES.items()))
    with pytest.raises(EvaluationDataError, match="body id '99'"):
        read_fnc1(tmp_path / "orphan_stances.csv")
    write_csv(tmp_path / "cols_stances.csv", ["Title", "Body ID"], [("x", "10")])
    with pytest.raises(EvaluationDataError, match="missing column"):
        read_fnc1(tmp_path / "cols_stances.csv")


def test_read_emergent_maps_labels(tmp_path):
    path = write_csv(
        tmp_path / "emergent.csv",
        ["claimHeadline", "articleHeadline", "articleHeadlineStance"],
        [
            ("Russian missile destroys F-16 in Ukraine", "Ukraine denies F-16 was destroyed, calls report fake", "against"),
            ("Russian missile destroys F-16 in Ukraine", "Russia claims missile destroyed F-16, reports say", "Observing"),
        ],
    )
    pairs = read_emergent(path)
    assert [pair.label for pair in pairs] == ["disagree", "discuss"]
    result = evaluate(path, format="emergent")
    assert result.predictions == ["disagree", "discuss"]
    assert result.metrics["accuracy"] == 1.0
    assert [baseline.system for baseline in result.baselines] == ["majority"]


def test_evaluate_fnc1_with_baselines(fnc1_stances):
    result = evaluate(fnc1_stances, format="fnc1")
    assert result.predictions == ["disagree", "unrelated"]
    assert result.metrics["fnc_score"] == 1.0
    assert [baseline.system for baseline in result.baselines] == ["majority", "overlap+majority"]
    # The overlap baseline finds the related pair and gives it the only related gold label.
    assert result.baselines[1].predictions == ["disagree", "unrelated"]
    assert evaluate(fnc1_stances, format="fnc1", limit=1).documents == 1


def test_cli_json_and_table(fnc1_stances):
    runner = CliRunner()
    outcome = runner.invoke(cli, ["eval", "stance", str(fnc1_stances), "--format", "fnc1", "--json"])
    assert outcome.exit_code == 0, outcome.output
    payload = json.loads(outcome.output)
    assert payload["task"] == "stance" and payload["documents"] == 2
    assert payload["metrics"]["fnc_score"] == 1.0
    table = runner.invoke(cli, ["eval", "stance", str(fnc1_stances), "--format", "fnc1"])
    assert table.exit_code == 0 and "overlap+majority" in table.output


def test_cli_reports_bad_data_without_traceback(tmp_path):
    path = write_csv(tmp_path / "x_stances.csv", ["Headline", "Body ID", "Stance"], [("Troops cross border", "1", "agree")])
    outcome = CliRunner().invoke(cli, ["eval", "stance", str(path), "--format", "fnc1"])
    assert outcome.exit_code != 0
    assert "x_bodies.csv" in outcome.output and "Traceback" not in outcome.output


@pytest.mark.skipif(not SHARED_FNC1.is_dir(), reason="shared FNC-1 data (../shared/eval/fnc1) is absent")
def test_shared_fnc1_smoke():
    result = evaluate(SHARED_FNC1 / "competition_test_stances.csv", format="fnc1", limit=2000)
    assert result.documents == 2000
    majority, overlap_only = result.baselines
    assert result.metrics["macro_f1"] > overlap_only.metrics["macro_f1"] > majority.metrics["macro_f1"]
    assert result.metrics["f1_unrelated"] > 0.9
