"""The learned cue model on PolNeAR-format data, alone and beside the rule-based extractor.

    .venv/bin/python benchmarks/eval_cue_model.py ../shared/eval/polnear/data/dev [--limit N] [--model PATH] [--markdown]

Parses each article once with claimgraph's pipeline (``load_nlp()``) and scores four
systems on the same parses, with the evaluation's own scorer
(``claimgraph.evaluation.attribution.score_predictions``):

- **extractor**: the pipeline as shipped (what ``claimgraph eval attribution`` scores): the
  rules, plus the cue model's attributions at cues the rules did not find, less war and
  physical-action verbs and a few non-reporting constructions;
- **rules**: the same attribution component with ``cue_model`` off;
- **cue model**: every cue :class:`~claimgraph.extract.cue_model.CueModel` predicts, with
  the source and content :func:`~claimgraph.extract.cue_model.attribution_spans` reads off
  the dependency tree around it;
- **rules ∪ cue model (unfiltered)**: the rules' attributions, plus the cue model's attributions at cues
  the rules did not find, without any source or content that overlaps one of the rules'
  (the rules are kept where both speak).

Prints P / R / F1 per role, exact and overlap, like ``benchmarks/eval_attribution.py``.
Thresholds are the model's own (chosen on dev by the training script), so dev figures
flatter it slightly; the test split is held out.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

from rich.console import Console
from spacy.tokens import Doc

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.attribution import COMPARISON_COLUMNS, claims_to_attributions, score_predictions
from claimgraph.evaluation.brat import read_polnear
from claimgraph.evaluation.result import comparison_markdown, comparison_table
from claimgraph.evaluation.scoring import AttributionSpans, Span
from claimgraph.extract.cue_model import CueModel, CueSpans, attribution_spans
from claimgraph.extract.document import build_document
from claimgraph.extract.nlp import load_nlp
from claimgraph.model import Article

logger = logging.getLogger("eval_cue_model")


def attributions_of(doc: Doc) -> list[AttributionSpans]:
    """The attributions the attribution component just wrote to ``doc``, as the evaluation reads them."""
    return claims_to_attributions(build_document(Article(text=doc.text), None, doc))


def model_attributions(doc: Doc, model: CueModel) -> list[AttributionSpans]:
    """The cue model's attributions in ``doc`` as character spans."""
    return [to_characters(doc, spans) for spans in attribution_spans(doc, model.predict(doc))]


def to_characters(doc: Doc, spans: CueSpans) -> AttributionSpans:
    def characters(token_range: tuple[int, int]) -> tuple[int, int]:
        start, end = token_range
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)

    return AttributionSpans(
        source=(characters(spans.source),) if spans.source else None,
        cue=(characters(spans.cue),),
        content=tuple(characters(fragment) for fragment in spans.content) or None,
    )


def union(rules: list[AttributionSpans], model: list[AttributionSpans]) -> list[AttributionSpans]:
    """The rules' attributions, plus the model's attributions at cues the rules did not find.

    A model attribution whose cue overlaps a cue of the rules is left out (the rules
    speak there); of the others, a source or content overlapping one of the rules' is
    dropped, so no words are claimed twice.
    """
    rule_cues = [attribution.cue for attribution in rules if attribution.cue]
    rule_sources = [attribution.source for attribution in rules if attribution.source]
    rule_contents = [attribution.content for attribution in rules if attribution.content]
    added = []
    for attribution in model:
        if any(_overlaps(attribution.cue, cue) for cue in rule_cues):
            continue
        source, content = attribution.source, attribution.content
        added.append(
            AttributionSpans(
                source=None if any(_overlaps(source, other) for other in rule_sources) else source,
                cue=attribution.cue,
                content=None if any(_overlaps(content, other) for other in rule_contents) else content,
            )
        )
    return rules + added


def _overlaps(a: Span | None, b: Span) -> bool:
    return a is not None and any(min(a_end, b_end) > max(a_start, b_start) for a_start, a_end in a for b_start, b_end in b)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", help="PolNeAR-format folder with text/ and attributions/")
    parser.add_argument("--limit", type=int, help="score only the first N articles by name")
    parser.add_argument("--model", help="a cue model .npz (default: the one shipped in claimgraph/data)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)
    try:
        documents = read_polnear(args.dir, limit=args.limit)
        model = CueModel.load(args.model)
    except (EvaluationDataError, ValueError) as error:
        logger.error("%s", error)
        return 1

    nlp = load_nlp()
    shipped = nlp.get_pipe("claimgraph_attribution")
    rules_only = nlp.create_pipe("claimgraph_attribution", config={"cue_model": False})
    started = time.perf_counter()
    with nlp.select_pipes(disable=["claimgraph_attribution"]):
        docs = list(nlp.pipe(document.text for document in documents))
    parse_seconds = time.perf_counter() - started
    extractor = [attributions_of(shipped(doc)) for doc in docs]
    rules = [attributions_of(rules_only(doc)) for doc in docs]
    started = time.perf_counter()
    learned = [model_attributions(doc, model) for doc in docs]
    model_seconds = time.perf_counter() - started
    logger.info("parsed in %.1f s; cue model and tree spans in %.1f s", parse_seconds, model_seconds)

    results = [
        score_predictions(documents, extractor, system="extractor (rules + cue model, war verbs blocked)"),
        score_predictions(documents, rules, system="rules"),
        score_predictions(documents, learned, system="cue model + tree spans"),
        score_predictions(documents, [union(r, m) for r, m in zip(rules, learned)], system="rules ∪ cue model (unfiltered)"),
    ]
    if args.markdown:
        sys.stdout.write(comparison_markdown(results, COMPARISON_COLUMNS))
    else:
        title = f"Attribution spans on {args.dir}: precision / recall / F1 per role, exact and overlap match"
        Console(width=max(Console().width, 200)).print(comparison_table(results, COMPARISON_COLUMNS, title=title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
