"""Document clustering and its ECB+ evaluation: the reader, B³ and pairwise scores, the clusterer, the CLI, the shared data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.clustering import (
    b_cubed,
    evaluate,
    one_cluster_clusterer,
    pairwise_counts,
    read_ecbplus,
    score,
    singleton_clusterer,
)
from claimgraph.link.clustering import agglomerate, cluster_documents, content_terms, tfidf_vectors

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared" / "eval" / "ecbplus"

# Two topics (earthquakes, ceasefires), each with two real-world events, as in ECB+.
ARTICLES = {
    "1_1ecb.xml": "A magnitude 7.6 earthquake struck off Sumatra on Wednesday, killing hundreds in Padang. "
    "Indonesian officials said rescuers were searching collapsed hotels in Padang for survivors of the Sumatra quake.",
    "1_2ecb.xml": "Rescuers in Padang pulled survivors from the rubble after the Sumatra earthquake. "
    "The Indonesian disaster agency said the quake off Sumatra had killed at least 700 people in Padang.",
    "1_1ecbplus.xml": "An 8.8 magnitude earthquake hit central Chile early Saturday, and a tsunami struck Concepcion. "
    "Chilean President Michelle Bachelet said the quake had killed hundreds around Concepcion.",
    "1_2ecbplus.xml": "Aftershocks rattled Concepcion as rescuers searched the rubble and Chile counted the dead from the earthquake. "
    "Bachelet declared a state of catastrophe in the Chilean region around Concepcion after the quake and tsunami.",
    "2_1ecb.xml": "Israel and Hamas agreed to a ceasefire in Gaza, ending weeks of fighting, mediators in Cairo said. "
    "The Gaza truce took effect at dawn and the ceasefire agreement was holding, an Egyptian mediator said.",
    "2_2ecb.xml": "The Gaza ceasefire between Israel and Hamas held overnight after the fighting ended, mediators in Cairo said. "
    "Hamas said the truce agreement brokered in Cairo was a step toward peace.",
    "2_1ecbplus.xml": "Colombia and FARC rebels signed a ceasefire agreement in Havana, ending decades of war, Cuban officials said. "
    "The Colombian truce would begin on Monday and the rebels pledged to keep the ceasefire.",
    "2_2ecbplus.xml": "FARC commanders ordered rebels to stop fighting under the ceasefire agreed in Havana with Colombia. "
    "Mediators in Havana said the truce would let the guerrillas disarm in Colombia.",
}


def _cromer_xml(name: str, text: str) -> str:
    """A CROMER document as ECB+ writes it: one <token> per word, numbered sentences, then empty markup."""
    tokens, token_id = [], 0
    for sentence_number, sentence in enumerate(text.split(". ")):
        for number, word in enumerate(sentence.rstrip(".").split() + ["."]):
            token_id += 1
            tokens.append(f'<token t_id="{token_id}" sentence="{sentence_number}" number="{number}">{word}</token>')
    return f'<Document doc_name="{name}" doc_id="DOC{token_id}">\n' + "\n".join(tokens) + "\n<Markables/>\n<Relations/>\n</Document>\n"


@pytest.fixture
def ecbplus_dir(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        folder = tmp_path / "ECB+" / name.split("_")[0]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(_cromer_xml(name, text), encoding="utf-8")
    (tmp_path / "ECB+" / "1" / ".DS_Store").write_bytes(b"\x00\x01")
    return tmp_path


def test_reader_gives_gold_topics_subtopics_and_token_text(ecbplus_dir: Path) -> None:
    documents = read_ecbplus(ecbplus_dir)
    assert [document.name for document in documents] == [
        "1_1ecb.xml", "1_1ecbplus.xml", "1_2ecb.xml", "1_2ecbplus.xml",
        "2_1ecb.xml", "2_1ecbplus.xml", "2_2ecb.xml", "2_2ecbplus.xml",
    ]  # fmt: skip
    assert [document.topic for document in documents] == [1, 1, 1, 1, 2, 2, 2, 2]
    assert documents[1].subtopic == (1, "ecbplus")
    assert documents[2].subtopic == (1, "ecb")
    first_sentence, second_sentence = documents[0].text.split("\n")
    assert first_sentence.startswith("A magnitude 7.6 earthquake struck off Sumatra")
    assert second_sentence.startswith("Indonesian officials said")


def test_reader_accepts_the_topic_folders_directly_and_filters_topics(ecbplus_dir: Path) -> None:
    documents = read_ecbplus(ecbplus_dir / "ECB+", topics={2})
    assert {document.topic for document in documents} == {2}
    assert len(documents) == 4


def test_reader_names_bad_input(ecbplus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    with pytest.raises(EvaluationDataError, match="ECB\\+ layout"):
        read_ecbplus(tmp_path_factory.mktemp("empty"))
    with pytest.raises(EvaluationDataError, match="no such directory"):
        read_ecbplus(ecbplus_dir / "missing")
    broken = ecbplus_dir / "ECB+" / "2" / "2_3ecb.xml"
    broken.write_text("<Document><token>Gaza", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="2_3ecb.xml.*not well-formed"):
        read_ecbplus(ecbplus_dir)
    broken.unlink()
    (ecbplus_dir / "ECB+" / "2" / "1_9ecb.xml").write_text(_cromer_xml("1_9ecb.xml", "Quake."), encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="document of topic 1 in folder 2"):
        read_ecbplus(ecbplus_dir)


def test_b_cubed_by_hand() -> None:
    # Gold {a1 a2 a3} {b1 b2}; predicted {a1 a2} {a3 b1 b2}.
    # Precision per item: 2/2, 2/2, 1/3, 2/3, 2/3 → 11/3 / 5; recall: 2/3, 2/3, 1/3, 2/2, 2/2 → 11/3 / 5.
    precision, recall, f1 = b_cubed("aaabb", [1, 1, 2, 2, 2])
    assert precision == pytest.approx(11 / 15)
    assert recall == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)
    # Everything in one cluster: precision 2/4 for every item, recall 1.
    assert b_cubed("aabb", [0, 0, 0, 0]) == pytest.approx((0.5, 1.0, 2 / 3))
    # Every item alone: precision 1, recall 1/2.
    assert b_cubed("aabb", [0, 1, 2, 3]) == pytest.approx((1.0, 0.5, 2 / 3))
    assert b_cubed("aabb", "xxyy") == pytest.approx((1.0, 1.0, 1.0))


def test_pairwise_by_hand() -> None:
    # Gold pairs: a1a2 a1a3 a2a3 b1b2; predicted pairs: a1a2 a3b1 a3b2 b1b2; shared: a1a2, b1b2.
    counts = pairwise_counts("aaabb", [1, 1, 2, 2, 2])
    assert (counts.tp, counts.fp, counts.fn) == (2, 2, 2)
    assert counts.f1 == pytest.approx(0.5)
    singletons = pairwise_counts("aabb", [0, 1, 2, 3])
    assert (singletons.tp, singletons.fp, singletons.fn, singletons.f1) == (0, 0, 2, 0.0)


def test_scorers_reject_label_lists_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="3 gold labels but 2 predicted"):
        b_cubed("aab", [0, 0])
    with pytest.raises(ValueError, match="3 gold labels but 2 predicted"):
        pairwise_counts("aab", [0, 0])


def test_content_terms_drop_stop_words_and_repeat_names_and_years() -> None:
    terms = content_terms("The quake hit Chile in 2010. Rescuers said the Chilean army helped.")
    assert terms == ["quake", "hit", "chile", "chile", "2010", "2010", "rescuers", "said", "chilean", "chilean", "army", "helped"]


def test_tfidf_cosines_are_those_of_the_full_vectors_though_a_term_of_one_document_gets_no_column() -> None:
    vectors = tfidf_vectors([["quake", "padang"], ["quake", "chile"], ["truce"]])
    assert vectors.shape == (3, 1)  # only "quake" is in two documents
    similarity = vectors @ vectors.T
    shared, own = np.log(4 / 3) + 1, np.log(4 / 2) + 1  # smoothed IDF of a term in two documents and in one
    assert similarity[0, 1] == pytest.approx(shared**2 / (shared**2 + own**2))  # the cosine of the full vectors
    assert similarity[0, 0] == pytest.approx(shared**2 / (shared**2 + own**2))  # "padang" is in the norm, not in a column
    assert similarity[2, 2] == 0.0


def test_agglomerate_cuts_one_tree_at_several_thresholds() -> None:
    similarity = np.array(
        [
            [1.0, 0.9, 0.3, 0.0],
            [0.9, 1.0, 0.5, 0.0],
            [0.3, 0.5, 1.0, 0.1],
            [0.0, 0.0, 0.1, 1.0],
        ]
    )
    # 0.95: nothing merges; 0.8: {0,1}; 0.4: {0,1} and 2 average (0.3 + 0.5) / 2 = 0.4 → {0,1,2}; 3 stays apart.
    assert agglomerate(similarity, [0.95, 0.8, 0.4]) == [[0, 1, 2, 3], [0, 0, 1, 2], [0, 0, 0, 1]]
    assert agglomerate(similarity, [0.41]) == [[0, 0, 1, 2]]
    assert agglomerate(np.zeros((0, 0)), [0.5]) == [[]]


def test_cluster_documents_finds_both_levels_without_being_told_how_many(ecbplus_dir: Path) -> None:
    documents = read_ecbplus(ecbplus_dir)
    labels = cluster_documents([document.text for document in documents])
    by_subtopic = {}
    for document, label in zip(documents, labels):
        by_subtopic.setdefault(document.subtopic, set()).add(label)
    assert all(len(found) == 1 for found in by_subtopic.values())  # each event kept together
    assert len({labels[0][0], labels[4][0]}) == 2  # earthquakes and ceasefires are different topics
    assert len({label for labels_ in by_subtopic.values() for label in labels_}) == 4


def test_score_gives_the_shared_result_and_the_baselines_their_bounds(ecbplus_dir: Path) -> None:
    documents = read_ecbplus(ecbplus_dir)
    result = score(documents, cluster_documents, system="claimgraph")
    assert result.to_dict()["task"] == "clustering"
    assert result.to_dict()["documents"] == 8
    assert result.metrics["subtopic_b3_f1"] == 1.0
    assert result.clusters == {"topic": (2, 2), "subtopic": (4, 4)}
    singletons = score(documents, singleton_clusterer, system="one per document").metrics
    assert singletons["topic_b3_precision"] == 1.0 and singletons["topic_b3_recall"] == pytest.approx(0.25)
    assert singletons["subtopic_pairwise_f1"] == 0.0
    one = score(documents, one_cluster_clusterer, system="all in one").metrics
    assert one["subtopic_b3_recall"] == 1.0 and one["subtopic_b3_precision"] == pytest.approx(0.25)


def test_cli_prints_the_json_result(ecbplus_dir: Path) -> None:
    outcome = CliRunner().invoke(cli, ["eval", "clustering", str(ecbplus_dir), "--format", "ecbplus", "--json"])
    assert outcome.exit_code == 0, outcome.output
    payload = json.loads(outcome.output)
    assert payload["task"] == "clustering" and payload["documents"] == 8
    assert {"topic_b3_f1", "subtopic_b3_f1", "subtopic_pairwise_f1"} <= payload["metrics"].keys()
    table = CliRunner().invoke(cli, ["eval", "clustering", str(ecbplus_dir)])
    assert "subtopic B³" in table.output


def test_cli_names_a_folder_without_ecbplus_documents(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(cli, ["eval", "clustering", str(tmp_path)])
    assert outcome.exit_code != 0
    assert str(tmp_path) in outcome.output and "ECB+ layout" in outcome.output


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared ECB+ data not present")
def test_shared_ecbplus_reaches_the_subtopic_target() -> None:
    result = evaluate(SHARED)
    assert result.documents == 982
    assert result.clusters["subtopic"][1] == 86
    assert result.metrics["subtopic_b3_f1"] >= 0.85
    assert result.metrics["topic_b3_f1"] >= 0.85
