"""benchmarks/eval_attribution.py end to end on a two-article folder."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from .brat_files import locate, span_line, write_polnear

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_attribution.py"

ARTICLE = (
    "Kursk deployment continues\n\n"
    "North Korean troops remain in the Kursk region, John Kirby told reporters on Friday. "
    "\u201cWe are watching this very closely,\u201d Kirby said.\n"
)


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("eval_attribution", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def folder(tmp_path):
    ann = (
        span_line("T1", "Source", ARTICLE, locate(ARTICLE, "John Kirby"))
        + span_line("T2", "Cue", ARTICLE, locate(ARTICLE, "told"))
        + span_line("T3", "Content", ARTICLE, locate(ARTICLE, "North Korean troops remain in the Kursk region"))
        + "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    )
    return write_polnear(tmp_path, {"kirby": (ARTICLE, {"4e07": ann, "6b86": ann})})


def test_json_rows_for_every_system_and_reference(script, folder, capsys):
    errors_path = folder / "errors.jsonl"
    assert script.main([str(folder), "--json", "--errors", str(errors_path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    systems = [row["system"] for row in rows]
    assert systems[0] == "claimgraph" and systems[-1].startswith("BBC Citron")
    assert "nothing" in systems and "PolNeAR annotators (pairs)" in systems
    agreement = rows[systems.index("PolNeAR annotators (pairs)")]
    assert agreement["documents"] == 1 and agreement["metrics"]["content_f1"] == 1.0
    assert all(row["task"] == "attribution" for row in rows[:-1])
    for line in errors_path.read_text("utf-8").splitlines():
        assert json.loads(line)["kind"] in {"missed", "spurious", "boundary"}


def test_markdown_table(script, folder, capsys):
    assert script.main([str(folder), "--markdown", "--limit", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| system | source exact |")
    assert any(line.startswith("| nothing | 0.000 / 0.000 / 0.000 |") for line in lines)


def test_missing_folder_exits_1(script, tmp_path, caplog):
    assert script.main([str(tmp_path / "nowhere")]) == 1
    assert "Evaluation data not found" in caplog.text
