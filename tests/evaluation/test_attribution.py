from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from claimgraph.evaluation.attribution import (
    CITRON_PARC3,
    COMPARISON_COLUMNS,
    METRIC_PREFIXES,
    annotator_agreement,
    claims_to_attributions,
    evaluate,
    score_system,
    span_errors,
)
from claimgraph.evaluation.brat import read_polnear
from claimgraph.evaluation.result import comparison_markdown
from claimgraph.evaluation.scoring import AttributionSpans, Counts
from claimgraph.model import (
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Document,
    Field,
    Source,
    SourceType,
    TextSpan,
)

from .brat_files import locate, span_line, write_polnear

POLNEAR_DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "polnear" / "data" / "dev"

NIS = (
    "South Korea's National Intelligence Service said on Wednesday that Pyongyang had sent "
    "about 3,000 more troops to Russia. \u201cThe deployment is continuing,\u201d a lawmaker said "
    "after a closed-door briefing.\n"
)
SEOUL = "Seoul summoned the Russian ambassador, the foreign ministry said.\n"


def gold_ann(text: str, source: str, cue: str, content: str) -> str:
    return (
        span_line("T1", "Source", text, locate(text, source))
        + span_line("T2", "Cue", text, locate(text, cue))
        + span_line("T3", "Content", text, locate(text, content))
        + "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    )


@pytest.fixture
def folder(tmp_path):
    return write_polnear(
        tmp_path,
        {
            "a_nis": (NIS, {"4e07": gold_ann(NIS, "South Korea's National Intelligence Service", "said", "Pyongyang had sent about 3,000 more troops to Russia")}),
            "b_seoul": (SEOUL, {"4e07": gold_ann(SEOUL, "the foreign ministry", "said", "Seoul summoned the Russian ambassador")}),
        },
    )


def oracle(folder: Path):
    """A system that returns the gold attributions of each text."""
    gold = {document.text: list(document.attributions) for document in read_polnear(folder)}
    return lambda text: gold[text]


def test_perfect_and_empty_systems(folder):
    perfect = evaluate(folder, system=oracle(folder))
    assert perfect.documents == 2
    assert all(perfect.metrics[f"{prefix}_f1"] == 1.0 for prefix in METRIC_PREFIXES)

    def silent(text):
        return None

    empty = evaluate(folder, system=silent)
    assert empty.counts["source"] == Counts(tp=0, fp=0, fn=2)
    assert empty.metrics["content_overlap_recall"] == 0.0


def test_partial_system_micro_averages_over_documents(folder):
    def nis_speaker_only(text):
        if text != NIS:
            return []
        return [AttributionSpans(source=(locate(NIS, "National Intelligence Service"),), cue=(locate(NIS, "said"),))]

    result = evaluate(folder, system=nis_speaker_only)
    assert result.counts["source"] == Counts(tp=0, fp=1, fn=2)
    assert result.counts["source_overlap"] == Counts(tp=1, fp=0, fn=1)
    assert result.metrics["source_overlap_precision"] == 1.0
    assert result.metrics["source_overlap_recall"] == 0.5
    assert result.metrics["cue_f1"] == pytest.approx(2 / 3)


def test_system_with_pipe_is_run_in_one_batch(folder):
    class Batched:
        name = "batched"

        def __init__(self):
            self.batches = []

        def __call__(self, text):
            raise AssertionError("a system with pipe() must be run through pipe()")

        def pipe(self, texts):
            self.batches.append(list(texts))
            return [[] for _ in self.batches[-1]]

    system = Batched()
    result = score_system(read_polnear(folder), system)
    assert system.batches == [[NIS, SEOUL]]
    assert result.system == "batched"


def test_system_returning_too_few_predictions_is_an_error(folder):
    class Short:
        def __call__(self, text):
            return []

        def pipe(self, texts):
            return [[]]

    with pytest.raises(ValueError, match="1 predictions for 2 texts"):
        score_system(read_polnear(folder), Short())


def test_json_shape_and_table(folder):
    result = evaluate(folder, system=oracle(folder), limit=1)
    data = result.to_dict()
    assert set(data) == {"task", "documents", "metrics"}
    assert data["task"] == "attribution" and data["documents"] == 1
    for name in ("source_f1", "cue_f1", "content_f1", "source_overlap_f1", "cue_overlap_f1", "content_overlap_f1"):
        assert 0.0 <= data["metrics"][name] <= 1.0
    console = Console(width=120, record=True)
    console.print(result.to_table())
    rendered = console.export_text()
    assert "content_overlap" in rendered and "1.000" in rendered


def test_comparison_markdown_marks_missing_published_figures(folder):
    result = evaluate(folder, system=oracle(folder))
    markdown = comparison_markdown([result, CITRON_PARC3], COMPARISON_COLUMNS)
    header, rule, ours, citron = markdown.splitlines()
    assert header.startswith("| system | source exact | cue exact | content exact | source overlap |")
    assert "1.000 / 1.000 / 1.000" in ours
    assert citron.startswith("| BBC Citron (published") and "– / – / 0.820" in citron and "| – | – |" in citron


def test_span_errors_name_missed_spurious_and_boundary_spans(folder):
    nis = read_polnear(folder, limit=1)[0]
    predicted = [
        AttributionSpans(
            source=(locate(NIS, "National Intelligence Service"),),
            cue=(locate(NIS, "said"),),
            content=(locate(NIS, "about 3,000 more troops"),),
        ),
        AttributionSpans(source=(locate(NIS, "a lawmaker"),)),
    ]
    errors = [error.to_dict(NIS) for error in span_errors(nis, predicted)]
    assert [(e["role"], e["kind"], e["gold"], e["predicted"]) for e in errors] == [
        ("source", "boundary", "South Korea's National Intelligence Service", "National Intelligence Service"),
        ("source", "spurious", None, "a lawmaker"),
        ("content", "boundary", "Pyongyang had sent about 3,000 more troops to Russia", "about 3,000 more troops"),
    ]


def test_annotator_agreement_scores_later_annotators_against_the_first(tmp_path):
    first = gold_ann(SEOUL, "the foreign ministry", "said", "Seoul summoned the Russian ambassador")
    second = gold_ann(SEOUL, "foreign ministry", "said", "Seoul summoned the Russian ambassador")
    folder = write_polnear(tmp_path, {"seoul": (SEOUL, {"4e07": first, "6b86": second}), "nis": (NIS, {"4e07": ""})})
    agreement = annotator_agreement(folder)
    assert agreement.documents == 1
    assert agreement.counts["source"] == Counts(tp=0, fp=1, fn=1)
    assert agreement.counts["source_overlap"] == Counts(tp=1, fp=0, fn=0)
    assert agreement.counts["content"] == Counts(tp=1, fp=0, fn=0)


def test_claims_become_spans_and_outlet_claims_are_left_out():
    text = "Kyiv said the bridge was hit. The economy, he said, is growing. Power was restored overnight."
    article = Article(text=text)
    kyiv = Source("Kyiv", SourceType.ORGANIZATION, start=0, end=4)
    economy, growing = locate(text, "The economy"), locate(text, "is growing")
    he = locate(text, "he said")[0]
    claims = [
        Claim(article.id, "the bridge was hit", *locate(text, "the bridge was hit"), "Kyiv said the bridge was hit.",
              Attribution(AttributionKind.INDIRECT, kyiv, cue=TextSpan("said", 5, 9))),
        Claim(article.id, "The economy is growing", economy[0], growing[1], "The economy, he said, is growing.",
              Attribution(AttributionKind.INDIRECT, Source("Kyiv", SourceType.ORGANIZATION, start=he, end=he + 2),
                          cue=TextSpan("said", he + 3, he + 7)),
              fragments=(economy, growing)),
        Claim(article.id, "Power was restored overnight", *locate(text, "Power was restored overnight"),
              "Power was restored overnight.", Attribution(AttributionKind.OUTLET, Source("Ukrinform", SourceType.OUTLET))),
        Claim(article.id, "Bridge hit", 0, 10, "Bridge hit - Kyiv",
              Attribution(AttributionKind.HEADLINE, Source("Kyiv", SourceType.ORGANIZATION)), field=Field.TITLE),
    ]
    attributions = claims_to_attributions(Document(article, claims))
    assert attributions == [
        AttributionSpans(source=((0, 4),), cue=((5, 9),), content=(locate(text, "the bridge was hit"),)),
        AttributionSpans(source=((he, he + 2),), cue=((he + 3, he + 7),), content=(economy, growing)),
    ]


def test_first_polnear_dev_documents():
    if not POLNEAR_DEV.is_dir():
        pytest.skip(f"PolNeAR dev data not present at {POLNEAR_DEV}")
    result = evaluate(POLNEAR_DEV, limit=3)
    data = result.to_dict()
    assert data["task"] == "attribution" and data["documents"] == 3
    assert all(0.0 <= value <= 1.0 for value in data["metrics"].values())
    assert result.counts["content"].tp + result.counts["content"].fn > 0  # the gold spans were read
