"""Train the attribution-cue model (``claimgraph.extract.cue_model``) on PolNeAR train; pick its thresholds on dev.

    .venv/bin/python scripts/train_attribution_model.py ../shared/eval/polnear/data/train ../shared/eval/polnear/data/dev

Steps, each cached under ``--cache`` (default ``/tmp/claimgraph_cue_cache``, never in the
repository: the corpus has no stated licence, so neither its texts nor their parses are
committed):

1. parse each split once with claimgraph's pipeline up to the attribution component
   (:func:`parsing_pipeline`: ``load_nlp()``'s parse, without the attribution component,
   which loads the very model this script replaces), stored as a spaCy ``DocBin``;
2. compute every token's features (:func:`claimgraph.extract.cue_model.token_features`),
   hash them and label the token 1 when it overlaps a gold ``Cue`` span (first annotator per
   article, as the evaluation reads it);
3. fit an L2-regularised logistic regression on train for each regularisation strength in
   ``--alpha`` (scikit-learn's averaged SGD, a training-time tool only: the benchmark extra
   installs it with textacy; liblinear reached the same dev scores 20 times slower);
4. choose the strength and the start and extension thresholds on dev, maximising cue
   overlap F1 (ties: exact F1) under the evaluation's own scorer;
5. write the weights, bias, thresholds and provenance to ``--output`` (by default the
   package's ``data/attribution_model/cue_model.npz``), with numpy only.

Only weights leave this script: the hashed model holds no word list and no text.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import time
from pathlib import Path

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from claimgraph.evaluation.attribution import score_predictions
from claimgraph.evaluation.brat import GoldDocument, read_polnear
from claimgraph.evaluation.scoring import AttributionSpans
from claimgraph.extract.cue_model import DEFAULT_MODEL_PATH, FEATURE_VERSION, CueModel, decode_cues, hash_features, token_features
from claimgraph.extract.nlp import DISABLED, MODEL_NAME

logger = logging.getLogger("train_attribution_model")

DEFAULT_CACHE = Path("/tmp/claimgraph_cue_cache")
DEFAULT_BUCKETS = 2**20
DEFAULT_ALPHAS = (1e-6, 3e-6, 1e-5)
SGD_EPOCHS = 15
THRESHOLD_GRID = [0.02, *(round(0.05 * k, 2) for k in range(1, 18))]


def parsing_pipeline() -> Language:
    """``load_nlp()``'s pipeline without its last component, the attribution finder.

    Built here rather than taken from ``load_nlp()`` because the attribution component
    loads the shipped cue model, which refuses to load once this script's features have
    changed (``FEATURE_VERSION``) — exactly when retraining is needed.
    ``tests/extract/test_cue_model.py`` checks the two pipelines stay in step.
    """
    nlp = spacy.load(MODEL_NAME, exclude=list(DISABLED))
    nlp.add_pipe("claimgraph_paragraphs", before="parser")
    nlp.add_pipe("claimgraph_entity_fixer")
    return nlp


def parse_split(documents: list[GoldDocument], cache: Path) -> list[Doc]:
    """The documents parsed as the extractor parses them, from ``cache`` when it is there."""
    nlp = parsing_pipeline()
    if cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [doc.text for doc in docs] == [document.text for document in documents]:
            return docs
        logger.info("%s holds other texts; parsing again", cache)
    started = time.perf_counter()
    docs = list(nlp.pipe((document.text for document in documents), batch_size=16))
    logger.info("parsed %d articles in %.0f s", len(docs), time.perf_counter() - started)
    cache.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(cache)
    return docs


def cue_labels(doc: Doc, document: GoldDocument) -> np.ndarray:
    """1 for each token that shares a character with a gold cue span, else 0."""
    covered = np.zeros(len(document.text) + 1, dtype=bool)
    for attribution in document.attributions:
        for start, end in attribution.cue or ():
            covered[start:end] = True
    return np.array([int(covered[token.idx : token.idx + len(token.text)].any()) for token in doc], dtype=np.int8)


def featurize(docs: list[Doc], documents: list[GoldDocument], n_buckets: int):
    """A sparse design matrix (rows: non-space tokens), labels, and each row's (document, token) index."""
    from scipy.sparse import csr_matrix

    indices: list[np.ndarray] = []
    indptr = [0]
    labels: list[int] = []
    rows: list[tuple[int, int]] = []
    for number, (doc, document) in enumerate(zip(docs, documents, strict=True)):
        doc_labels = cue_labels(doc, document)
        for i, feats in enumerate(token_features(doc)):
            if not feats:
                continue
            hashed = np.unique(hash_features(feats, n_buckets))
            indices.append(hashed)
            indptr.append(indptr[-1] + len(hashed))
            labels.append(int(doc_labels[i]))
            rows.append((number, i))
    column_indices = np.concatenate(indices)
    matrix = csr_matrix((np.ones(len(column_indices), dtype=np.float32), column_indices, np.array(indptr)), shape=(len(labels), n_buckets))
    return matrix, np.array(labels, dtype=np.int8), np.array(rows, dtype=np.int64)


def cached_features(split: str, docs: list[Doc], documents: list[GoldDocument], n_buckets: int, cache: Path):
    from scipy.sparse import load_npz, save_npz

    matrix_path = cache / f"{split}.{n_buckets}.v{FEATURE_VERSION}.X.npz"
    labels_path = cache / f"{split}.{n_buckets}.v{FEATURE_VERSION}.y.npz"
    if matrix_path.is_file() and labels_path.is_file():
        stored = np.load(labels_path)
        return load_npz(matrix_path), stored["labels"], stored["rows"]
    started = time.perf_counter()
    matrix, labels, rows = featurize(docs, documents, n_buckets)
    logger.info("%s: %d tokens, %d cue tokens, features in %.0f s", split, len(labels), int(labels.sum()), time.perf_counter() - started)
    save_npz(matrix_path, matrix)
    np.savez(labels_path, labels=labels, rows=rows)
    return matrix, labels, rows


def cue_predictions(docs: list[Doc], rows: np.ndarray, probabilities: np.ndarray, threshold: float, extend: float) -> list[list[AttributionSpans]]:
    """Decoded cues of every document as cue-only attributions, for the evaluation's scorer."""
    per_document: list[np.ndarray] = [np.zeros(len(doc)) for doc in docs]
    per_document_rows = rows[:, 0]
    for number, scores in enumerate(per_document):
        mask = per_document_rows == number
        scores[rows[mask, 1]] = probabilities[mask]
    predictions = []
    for doc, scores in zip(docs, per_document, strict=True):
        cues = decode_cues(scores, [token.is_space for token in doc], threshold, extend)
        predictions.append([AttributionSpans(cue=((doc[c.start_token].idx, doc[c.end_token - 1].idx + len(doc[c.end_token - 1].text)),)) for c in cues])
    return predictions


def tune_thresholds(docs, documents, rows, probabilities):
    """The (threshold, extend_threshold) pair with the best dev cue overlap F1 (then exact F1), and its metrics."""
    best = None
    for threshold in THRESHOLD_GRID:
        for extend in [t for t in THRESHOLD_GRID if t <= threshold]:
            result = score_predictions(documents, cue_predictions(docs, rows, probabilities, threshold, extend), system="cue model")
            key = (round(result.metrics["cue_overlap_f1"], 4), round(result.metrics["cue_f1"], 4))
            if best is None or key > best[0]:
                best = (key, threshold, extend, result.metrics)
    _, threshold, extend, metrics = best
    return threshold, extend, metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", help="PolNeAR-format training folder (text/, attributions/)")
    parser.add_argument("dev", help="PolNeAR-format folder for choosing the thresholds")
    parser.add_argument("--output", type=Path, default=DEFAULT_MODEL_PATH, help="where to write the model (.npz)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder for parses and features (outside the repository)")
    parser.add_argument("--buckets", type=int, default=DEFAULT_BUCKETS, help="hash buckets (number of weights)")
    parser.add_argument("--alpha", type=float, nargs="+", default=DEFAULT_ALPHAS, help="L2 regularisation strengths to try")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(asctime)s %(levelname)s: %(message)s", level=logging.INFO)
    from sklearn.linear_model import SGDClassifier

    splits = {}
    for split, folder in (("train", args.train), ("dev", args.dev)):
        documents = read_polnear(folder)
        docs = parse_split(documents, args.cache / f"{split}.spacy")
        matrix, labels, rows = cached_features(split, docs, documents, args.buckets, args.cache)
        splits[split] = (documents, docs, matrix, labels, rows)

    _, _, train_matrix, train_labels, _ = splits["train"]
    dev_documents, dev_docs, dev_matrix, _, dev_rows = splits["dev"]
    best = None
    for alpha in args.alpha:
        started = time.perf_counter()
        # averaged SGD on the log loss: logistic regression; fixed epochs and seed, so reruns agree
        classifier = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=SGD_EPOCHS, tol=None, average=True, random_state=0)
        classifier.fit(train_matrix, train_labels)
        logger.info("alpha %g: trained on %d tokens in %.0f s", alpha, len(train_labels), time.perf_counter() - started)
        probabilities = classifier.predict_proba(dev_matrix)[:, 1]
        threshold, extend, metrics = tune_thresholds(dev_docs, dev_documents, dev_rows, probabilities)
        logger.info(
            "alpha %g on dev: threshold %.2f, extend %.2f; cue overlap P/R/F1 %.3f/%.3f/%.3f, exact F1 %.3f",
            alpha, threshold, extend,
            metrics["cue_overlap_precision"], metrics["cue_overlap_recall"], metrics["cue_overlap_f1"], metrics["cue_f1"],
        )
        key = (round(metrics["cue_overlap_f1"], 4), round(metrics["cue_f1"], 4))
        if best is None or key > best[0]:
            best = (key, alpha, classifier, threshold, extend, metrics)
    _, alpha, classifier, threshold, extend, metrics = best
    model = CueModel(
        classifier.coef_[0].astype(np.float32),
        float(classifier.intercept_[0]),
        threshold=threshold,
        extend_threshold=extend,
        meta={
            "trained_on": f"PolNeAR v1.0.0 train ({len(splits['train'][0])} articles, {len(train_labels)} tokens; first annotator per article)",
            "thresholds_chosen_on": f"PolNeAR v1.0.0 dev ({len(dev_documents)} articles)",
            "spacy_model": MODEL_NAME,
            "regularisation_alpha": alpha,
            "n_buckets": args.buckets,
            "dev_cue_metrics": {name: round(value, 4) for name, value in metrics.items() if name.startswith("cue")},
            "trained": datetime.date.today().isoformat(),
        },
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.output)
    logger.info("wrote %s (%d bytes)", args.output, args.output.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
