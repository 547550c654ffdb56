"""The learned cue model: shipped weights, cues in wire copy, non-cues, decoding, spans around a cue, features."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc

from claimgraph.evaluation.brat import GoldDocument
from claimgraph.evaluation.scoring import AttributionSpans
from claimgraph.extract.cue_model import (
    DEFAULT_MODEL_PATH,
    CueCandidate,
    CueModel,
    attribution_spans,
    cue_spans,
    decode_cues,
    hash_features,
    quotation_ranges,
    token_features,
)

REPO = Path(__file__).resolve().parents[2]

# (sentence, a word the predicted cue must contain)
CUES = [
    ("Andriy Yusov said the brigade had held its positions near Pokrovsk.", "said"),
    ("The brigade held its positions overnight, according to the General Staff.", "according"),
    ("“We see no sign of a withdrawal,” Yusov told reporters in Kyiv on Tuesday.", "told"),
    ("The defence ministry said in a statement that 42 drones were shot down overnight.", "said"),
    ("Kyrylo Budanov believes the North Korean units will be rotated out by spring.", "believes"),
]

# Not attributions. ("The plan calls for a ceasefire" is not here: PolNeAR marks "his plan
# calls for rates …" as an attribution, and the model follows the corpus it learned from.)
NOT_CUES = [
    "The said agreement was signed in Minsk in 2015.",
    "The bridge, called the Crimean Bridge, opened in 2018.",
    "The convoy crossed the border at dawn and reached Sudzha by noon.",
]


@pytest.fixture(scope="module")
def model():
    return CueModel.load()


def cue_texts(model: CueModel, doc: Doc) -> list[str]:
    return [cue.span(doc).text for cue in model.predict(doc)]


def test_default_model_is_shipped_small_and_cached():
    assert DEFAULT_MODEL_PATH.is_file()
    assert DEFAULT_MODEL_PATH.stat().st_size < 5_000_000
    model = CueModel.load()
    assert model is CueModel.load()
    assert "PolNeAR" in model.meta["trained_on"]
    assert 0 < model.extend_threshold <= model.threshold < 1


@pytest.mark.parametrize("sentence,word", CUES)
def test_finds_cue(nlp, model, sentence, word):
    cues = cue_texts(model, nlp(sentence))
    assert any(word in cue.split() for cue in cues), cues


def test_according_to_is_one_cue(nlp, model):
    doc = nlp("The brigade held its positions overnight, according to the General Staff.")
    assert "according to" in cue_texts(model, doc)


@pytest.mark.parametrize("sentence", NOT_CUES)
def test_no_cue(nlp, model, sentence):
    assert cue_texts(model, nlp(sentence)) == []


def test_candidates_are_ordered_contiguous_and_scored(nlp, model):
    doc = nlp("Yusov said the unit withdrew. “It was planned,” he told Reuters, according to the transcript.")
    cues = model.predict(doc)
    assert len(cues) >= 2
    assert [c.start_token for c in cues] == sorted(c.start_token for c in cues)
    for cue in cues:
        assert 0 <= cue.start_token < cue.end_token <= len(doc)
        assert model.threshold <= cue.score <= 1.0


def test_predict_rejects_text(model):
    with pytest.raises(TypeError, match="spaCy Doc"):
        model.predict("Yusov said so.")


# -- decoding ---------------------------------------------------------------------------


def test_decode_merges_adjacent_tokens_above_the_extension_threshold():
    scores = [0.0, 0.9, 0.4, 0.0, 0.35, 0.0]
    cues = decode_cues(scores, [False] * len(scores), threshold=0.5, extend_threshold=0.3)
    # 0.35 alone never reaches the start threshold
    assert cues == [CueCandidate(1, 3, 0.9)]


def test_decode_breaks_runs_at_whitespace_tokens():
    scores = [0.9, 0.9, 0.9]
    cues = decode_cues(scores, [False, True, False], threshold=0.5, extend_threshold=0.5)
    assert [(c.start_token, c.end_token) for c in cues] == [(0, 1), (2, 3)]


# -- storage ----------------------------------------------------------------------------


def test_save_and_load_round_trip(tmp_path, nlp, model):
    path = tmp_path / "cue_model.npz"
    model.save(path)
    loaded = CueModel.load(path)
    doc = nlp("Andriy Yusov said the brigade had held its positions.")
    assert loaded.threshold == model.threshold and loaded.meta["trained_on"] == model.meta["trained_on"]
    # weights are stored as float16, so scores agree to a few decimals
    assert np.allclose(loaded.token_scores(doc), model.token_scores(doc), atol=1e-2)


def test_load_names_a_missing_file(tmp_path):
    path = tmp_path / "nowhere.npz"
    with pytest.raises(ValueError, match="nowhere.npz"):
        CueModel.load(path)


def test_load_refuses_other_feature_versions(tmp_path, model):
    path = tmp_path / "old.npz"
    np.savez(path, weights=model.weights, meta=np.array('{"feature_version": 0}'))
    with pytest.raises(ValueError, match="feature version 0"):
        CueModel.load(path)


def test_bad_thresholds_are_refused():
    with pytest.raises(ValueError, match="thresholds"):
        CueModel(np.zeros(8), 0.0, threshold=0.2, extend_threshold=0.5)


# -- source and content around a cue ----------------------------------------------------


def spans_text(doc: Doc, sentence_cue: str):
    start = next(t.i for t in doc if t.text == sentence_cue)
    spans = cue_spans(doc, CueCandidate(start, start + 1, 1.0))
    source = doc[spans.source[0] : spans.source[1]].text if spans.source else None
    content = " … ".join(doc[s:e].text for s, e in spans.content)
    return source, content


def test_spans_of_indirect_speech_keep_that(nlp):
    doc = nlp("Defence Minister Rustem Umerov said that the brigade had held its positions.")
    assert spans_text(doc, "said") == ("Defence Minister Rustem Umerov", "that the brigade had held its positions")


def test_spans_of_a_quote_before_the_cue_keep_the_marks(nlp):
    doc = nlp("“We see no sign of a withdrawal,” Yusov told reporters.")
    assert spans_text(doc, "told") == ("Yusov", "“We see no sign of a withdrawal,”")


def test_spans_of_according_to(nlp):
    doc = nlp("The brigade held its positions overnight, according to the General Staff.")
    start = next(t.i for t in doc if t.text == "according")
    spans = cue_spans(doc, CueCandidate(start, start + 2, 1.0))
    assert doc[spans.source[0] : spans.source[1]].text == "the General Staff"
    assert [doc[s:e].text for s, e in spans.content] == ["The brigade held its positions overnight"]


def test_spans_of_a_colon_lead_in_take_the_next_paragraph(nlp):
    doc = nlp("The spokesman added:\n\n“No North Korean unit has crossed into Ukraine.”\n\nTalks resume on Monday.")
    assert spans_text(doc, "added") == ("The spokesman", "“No North Korean unit has crossed into Ukraine.”")


def test_spans_of_a_participle_take_its_object_not_the_main_clause(nlp):
    doc = nlp("Zelensky sent a letter to the council, calling for new sanctions on Pyongyang.")
    start = next(t.i for t in doc if t.text == "calling")
    spans = cue_spans(doc, CueCandidate(start, start + 2, 1.0))
    assert doc[spans.source[0] : spans.source[1]].text == "Zelensky"
    assert [doc[s:e].text for s, e in spans.content] == ["new sanctions on Pyongyang"]


def test_nested_attributions_share_no_words(nlp):
    doc = nlp("Budanov said the agency reported that 3,000 soldiers had been wounded.")
    said = next(t.i for t in doc if t.text == "said")
    reported = next(t.i for t in doc if t.text == "reported")
    outer, inner = attribution_spans(doc, [CueCandidate(said, said + 1, 1.0), CueCandidate(reported, reported + 1, 1.0)])
    assert [doc[s:e].text for s, e in inner.content] == ["that 3,000 soldiers had been wounded"]
    outer_tokens = {i for s, e in outer.content for i in range(s, e)}
    inner_tokens = {i for s, e in inner.content for i in range(s, e)} | set(range(*inner.cue)) | set(range(*inner.source))
    assert not outer_tokens & inner_tokens


def test_quotation_ranges_include_marks_and_close_at_paragraphs(nlp):
    doc = nlp("He said: “It is over.”\n\n\"An open quote\n\nAnd a new paragraph.")
    assert [doc[s:e].text for s, e in quotation_ranges(doc)] == ["“It is over.”", '"An open quote']


# -- features ---------------------------------------------------------------------------


def test_features_are_deterministic(nlp):
    text = "“The troops arrived by rail,” Kyrylo Budanov said on Tuesday.\n\nHe added: “More will follow.”"
    first, second = token_features(nlp(text)), token_features(nlp(text))
    assert first == second
    assert all(features == [] for features, token in zip(first, nlp(text)) if token.is_space)


def test_feature_hashing_is_stable_across_processes():
    # CRC-32, not Python's salted hash(): the shipped weights depend on these buckets.
    assert hash_features(["w=said", "dep=ROOT"], 2**20).tolist() == [736039, 764015]


@pytest.fixture(scope="module")
def training_script():
    spec = importlib.util.spec_from_file_location("train_attribution_model", REPO / "scripts" / "train_attribution_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_features_and_labels_are_deterministic(nlp, training_script):
    pytest.importorskip("scipy")  # the bench extra's; the training script builds a sparse matrix
    text = "Andriy Yusov said the brigade had held its positions.\n\nThe convoy crossed the border."
    cue_start = text.index("said")
    gold = GoldDocument("wire", text, (AttributionSpans(cue=((cue_start, cue_start + 4),)),), Path("wire_a.ann"))
    doc = nlp(text)
    first = training_script.featurize([doc], [gold], 2**18)
    second = training_script.featurize([nlp(text)], [gold], 2**18)
    assert (first[0] != second[0]).nnz == 0
    assert first[1].tolist() == second[1].tolist()
    labelled = [doc[int(i)].text for (_, i), label in zip(first[2], first[1]) if label]
    assert labelled == ["said"]


def test_training_parses_like_the_extractor(nlp, training_script):
    # the training pipeline is load_nlp()'s without the attribution component, nothing else
    assert training_script.parsing_pipeline().pipe_names == [name for name in nlp.pipe_names if name != "claimgraph_attribution"]
    assert nlp.pipe_names[-1] == "claimgraph_attribution"
