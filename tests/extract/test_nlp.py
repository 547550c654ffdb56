"""The pipeline: loading, components, serialisation, batch extraction."""

from __future__ import annotations

import json
import warnings

import pytest

from claimgraph.errors import Warnings
from claimgraph.extract import extract_article, extract_articles, load_nlp
from claimgraph.extract.lexicon import LEXICON_FILES, AttributionLexicon, load_default_lexicon
from claimgraph.extract.nlp import DEFAULT_SPANS_KEY, ROLES_SPANS_KEY
from claimgraph.model import Article, AttributionKind, Document, Field


def test_load_nlp_is_cached_and_lean(nlp):
    assert load_nlp() is nlp
    assert "lemmatizer" not in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    assert nlp.pipe_names[-2:] == ["claimgraph_entity_fixer", "claimgraph_attribution"]
    assert nlp.pipe_names.index("claimgraph_paragraphs") < nlp.pipe_names.index("parser")


def test_components_write_spans_and_extensions(nlp):
    doc = nlp('"The line holds," said the head of the Sumy regional military administration Volodymyr Artyukh.')
    claims = doc.spans[DEFAULT_SPANS_KEY]
    assert [span.text for span in claims] == ['"The line holds,"']
    assert claims[0]._.attribution is doc._.attributions[0]
    assert [span.text for span in doc.spans[ROLES_SPANS_KEY]] == ["head"]
    assert ("Volodymyr Artyukh", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_attribution_component_round_trips_bytes_and_disk(nlp, tmp_path):
    component = nlp.get_pipe("claimgraph_attribution")
    data = component.to_bytes()
    assert json.loads(data)["reporting_verbs"]
    component.from_bytes(data)
    assert component.lexicon.verbs["said"].lemma == "say"
    component.to_disk(tmp_path / "attribution")
    component.from_disk(tmp_path / "attribution")
    assert component.lexicon.verbs["said"].lemma == "say"
    with pytest.raises(ValueError):
        component.from_disk(tmp_path / "missing")


def test_component_errors_go_to_the_error_handler(nlp):
    component = nlp.get_pipe("claimgraph_attribution")
    seen = []
    component.set_error_handler(lambda name, comp, docs, exc: seen.append((name, type(exc))))
    try:
        doc = nlp.make_doc("Text that was never parsed.")
        component(doc)  # no parse: the rules fail on sentence boundaries
    finally:
        component.set_error_handler(lambda name, comp, docs, exc: (_ for _ in ()).throw(exc))
    assert seen and seen[0][0] == "claimgraph_attribution"


def test_empty_lexicon_warns_with_its_code():
    raw = load_default_lexicon().to_dict() | {"roles": []}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        AttributionLexicon.from_dict(raw)
    assert any(str(w.message) == Warnings.W001.format(name="roles") for w in caught)


def test_every_lexicon_file_is_loaded():
    raw = load_default_lexicon().to_dict()
    assert set(raw) == set(LEXICON_FILES) and all(raw.values())


def test_extract_articles_keeps_titles_with_their_articles():
    articles = [
        Article(text="The ministry said 40 drones were shot down.", title="Drones downed – Air Force"),
        Article(text="Artillery fire continued near Kupiansk."),
        Article(text="Shelling hit Kherson overnight.", title="GUR: Kherson shelled"),
    ]
    documents = list(extract_articles(iter(articles), batch_size=2))
    assert [d.article for d in documents] == articles
    titles = [
        [c.attribution.source.name for c in d.claims if c.field is Field.TITLE and c.attribution.kind is AttributionKind.HEADLINE]
        for d in documents
    ]
    assert titles == [["Air Force"], [], ["GUR"]]


def test_extract_article_returns_the_json_contract():
    document = extract_article(
        Article(text="According to intelligence, 3,000 soldiers were moved.", title="", outlet="Kyiv Wire")
    )
    assert isinstance(document, Document)
    claim = document.to_dict()["claims"][0]
    assert set(claim) >= {"id", "text", "start", "end", "sentence", "attribution", "actors", "event_type"}
    assert claim["attribution"]["kind"] == AttributionKind.ACCORDING_TO.value
    assert claim["attribution"]["cue"] == {"text": "According to", "start": 0, "end": 12}
    assert claim["attribution"]["source"]["type"] == "organization"
    assert Document.from_dict(document.to_dict()).claims[0].attribution == document.claims[0].attribution


@pytest.mark.parametrize("bad", ["a string", None, [("not", "an article")]])
def test_extract_articles_rejects_what_is_not_articles(bad):
    with pytest.raises(TypeError):
        list(extract_articles(bad))


def test_empty_body_gives_no_claims():
    assert extract_article(Article(text="")).claims == []


def test_claimgraph_extract_stays_a_function_after_the_subpackage_is_used():
    import claimgraph
    import claimgraph.extract.nlp  # noqa: F401 - importing submodules must not shadow claimgraph.extract()

    for _ in range(2):
        document = claimgraph.extract("Officials said the bridge was destroyed.", outlet="Kyiv Wire")
        assert [c.attribution.source.name for c in document.claims] == ["Officials"]


def test_learned_cues_are_kept_only_where_they_report():
    nlp = load_nlp()
    assert nlp.get_pipe("claimgraph_attribution").cue_model is not None
    document = extract_article(Article(text="Russian forces attacked Kharkiv overnight, officials warned that more strikes were coming."))
    assert [c.attribution.source.name for c in document.claims if c.attribution.kind is not AttributionKind.OUTLET] == ["officials"]
