from __future__ import annotations

import re

import pytest

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.brat import parse_brat, read_polnear
from claimgraph.evaluation.scoring import AttributionSpans

from .brat_files import locate, span_line, write_polnear

BORDER_GUARD = (
    "Shelling continues near Novenke\n\n"
    "Russian forces are trying to open a combat zone near Novenke, a spokesman for the "
    "State Border Guard Service, Andriy Demchenko, said on Monday.\n\n"
    "\u201cThe enemy shells the border villages every day,\u201d Demchenko told reporters.\n"
)


def border_guard_ann(text: str = BORDER_GUARD) -> str:
    """Two attributions: indirect speech with a long source, and a direct quote."""
    second_speaker = text.index("Demchenko told")
    return (
        span_line("T1", "Source", text, locate(text, "a spokesman for the State Border Guard Service, Andriy Demchenko"))
        + span_line("T2", "Cue", text, locate(text, "said"))
        + span_line("T3", "Content", text, locate(text, "Russian forces are trying to open a combat zone near Novenke"))
        + span_line("T4", "Attribution", text, locate(text, "said"))
        + "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
        + span_line("T5", "Content", text, locate(text, "\u201cThe enemy shells the border villages every day,\u201d"))
        + span_line("T6", "Source", text, (second_speaker, second_speaker + len("Demchenko")))
        + span_line("T7", "Cue", text, locate(text, "told reporters"))
        + span_line("T8", "Attribution", text, locate(text, "told reporters"))
        + "E2\tAttribution:T8 Content:T5 Source:T6 Cue:T7\n"
    )


def test_reads_source_cue_and_content(tmp_path):
    folder = write_polnear(tmp_path, {"ukrinform_border": (BORDER_GUARD, {"a1b2": border_guard_ann()})})
    [document] = read_polnear(folder)
    assert document.name == "ukrinform_border"
    assert document.text == BORDER_GUARD
    first, second = document.attributions
    assert first == AttributionSpans(
        source=(locate(BORDER_GUARD, "a spokesman for the State Border Guard Service, Andriy Demchenko"),),
        cue=(locate(BORDER_GUARD, "said"),),
        content=(locate(BORDER_GUARD, "Russian forces are trying to open a combat zone near Novenke"),),
    )
    source_start = locate(BORDER_GUARD, "Demchenko told")[0]
    assert second.source == ((source_start, source_start + len("Demchenko")),)
    assert second.cue == (locate(BORDER_GUARD, "told reporters"),)


def test_uses_the_first_annotator_by_sorted_name(tmp_path):
    cue_only = span_line("T1", "Cue", BORDER_GUARD, locate(BORDER_GUARD, "said")) + "E1\tAttribution:T1 Cue:T1\n"
    folder = write_polnear(tmp_path, {"ukrinform_border": (BORDER_GUARD, {"f00d": border_guard_ann(), "4e07": cue_only})})
    [document] = read_polnear(folder)
    assert document.annotation_path.name == "ukrinform_border_4e07.ann"
    assert document.attributions == (AttributionSpans(cue=(locate(BORDER_GUARD, "said"),)),)


def test_discontinuous_span_keeps_its_fragments():
    text = "The counteroffensive, the general said, is going to plan.\n"
    first, second = locate(text, "The counteroffensive"), locate(text, "is going to plan")
    ann = (
        span_line("T1", "Content", text, first, second)
        + span_line("T2", "Source", text, locate(text, "the general"))
        + span_line("T3", "Cue", text, locate(text, "said"))
        + "E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3\n"
    )
    assert "\tThe counteroffensive is going to plan\n" in ann  # brat joins fragments with one space
    [attribution] = parse_brat(ann, text, origin="general.ann")
    assert attribution.content == (first, second)


def test_span_text_with_newlines_does_not_break_the_reader():
    text = (
        "\u201cWe will hold the line.\n\n"
        "We have the equipment now,\u201d the commander said.\n"
    )
    content = locate(text, "\u201cWe will hold the line.\n\nWe have the equipment now,\u201d")
    ann = (
        span_line("T1", "Content", text, content)
        + span_line("T2", "Source", text, locate(text, "the commander"))
        + span_line("T3", "Cue", text, locate(text, "said"))
        + "E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3\n"
    )
    assert ann.count("\n") == 6  # the T1 line runs over three physical lines
    [attribution] = parse_brat(ann, text, origin="commander.ann")
    assert attribution.content == (content,)
    assert attribution.source == (locate(text, "the commander"),)


def test_windows_line_endings_keep_offsets(tmp_path):
    text = BORDER_GUARD.replace("\n", "\r\n")
    folder = write_polnear(tmp_path, {"crlf": (text, {"a1b2": border_guard_ann(text)})})
    [document] = read_polnear(folder)
    assert document.text == text
    assert document.attributions[0].cue == (locate(text, "said"),)


def test_second_content_argument_is_a_separate_content_span():
    text = "\u201cThe talks failed,\u201d the envoy said. \u201cWe will try again in March.\u201d\n"
    first, second = locate(text, "\u201cThe talks failed,\u201d"), locate(text, "\u201cWe will try again in March.\u201d")
    ann = (
        span_line("T1", "Content", text, first)
        + span_line("T2", "Source", text, locate(text, "the envoy"))
        + span_line("T3", "Cue", text, locate(text, "said"))
        + span_line("T4", "Content", text, second)
        + "E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3 Content2:T4\n"
    )
    attributions = parse_brat(ann, text, origin="envoy.ann")
    assert [a.content for a in attributions] == [(first,), (second,)]
    assert {a.source for a in attributions} == {(locate(text, "the envoy"),)}


def test_no_source_events_notes_and_flags():
    text = "The ministry has faced criticism over the delays.\n"
    ann = (
        span_line("T1", "Content", text, locate(text, "over the delays"))
        + span_line("T2", "Cue", text, locate(text, "has faced criticism"))
        + span_line("T3", "Attribution-no-source", text, locate(text, "has faced criticism"))
        + span_line("T4", "Discuss", text, locate(text, "The ministry"))
        + "E1\tAttribution-no-source:T3 Content:T1 Cue:T2 \n"
        + "#1\tAnnotatorNotes T4\tIs the ministry the target rather than the source?\n"
    )
    assert parse_brat(ann, text, origin="ministry.ann") == [
        AttributionSpans(cue=(locate(text, "has faced criticism"),), content=(locate(text, "over the delays"),))
    ]


def test_limit_reads_the_first_articles_by_name(tmp_path):
    folder = write_polnear(
        tmp_path, {name: (BORDER_GUARD, {"a1b2": border_guard_ann()}) for name in ("c_third", "a_first", "b_second")}
    )
    assert [d.name for d in read_polnear(folder, limit=2)] == ["a_first", "b_second"]


@pytest.mark.parametrize(
    "bad_line, message",
    [
        ("T9 Cue 10 14 said\n", "line 3: expected an annotation id"),
        ("T9\tCue ten 14\tsaid\n", "line 3: expected '<label> <start> <end>"),
        ("T9\tCue 0 4\tsaid\n", "line 3: span text does not match the article"),
        ("T9\tCue 0 99999\tsaid\n", "line 3: offsets 0 99999 do not fit"),
        ("E9\tAttribution:T1 Cue:T77\n", "line 3: 'Cue:T77' refers to no T line"),
        ("X9\tsomething\n", "line 3: unknown annotation type 'X9'"),
        ("E9\t\n", "line 3: an E line needs at least its trigger"),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path, bad_line, message):
    text = BORDER_GUARD
    ann = span_line("T1", "Cue", text, locate(text, "said")) + "E1\tAttribution:T1 Cue:T1\n" + bad_line
    folder = write_polnear(tmp_path, {"broken": (text, {"a1b2": ann})})
    with pytest.raises(EvaluationDataError, match=r"^Malformed evaluation data in .*broken_a1b2\.ann, " + re.escape(message)):
        read_polnear(folder)


def test_missing_folder_is_e020(tmp_path):
    with pytest.raises(EvaluationDataError, match="Evaluation data not found at .*expected text/\\*.txt"):
        read_polnear(tmp_path / "nowhere")


def test_text_without_annotation_is_an_error(tmp_path):
    folder = write_polnear(tmp_path, {"orphan": (BORDER_GUARD, {})})
    with pytest.raises(EvaluationDataError, match="no annotation file orphan_<annotator>.ann"):
        read_polnear(folder)


def test_non_utf8_text_is_an_error(tmp_path):
    folder = write_polnear(tmp_path, {"latin": ("x", {"a1b2": ""})})
    (folder / "text" / "latin.txt").write_bytes("Kyiv said the caf\u00e9 was hit.".encode("cp1252"))
    with pytest.raises(EvaluationDataError, match="latin.txt: not UTF-8"):
        read_polnear(folder)
