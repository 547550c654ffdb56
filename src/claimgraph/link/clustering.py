"""Group documents about the same event: TF-IDF vectors and threshold agglomerative clustering.

    >>> from claimgraph.link.clustering import cluster_documents
    >>> cluster_documents(texts)  # one (topic, sub-topic within the topic) pair per text

Two levels, as news is organised: a **topic** is a kind of event seen through
its vocabulary (an earthquake, a celebrity entering rehab), a **sub-topic** one
real-world event of that kind (the earthquake in one place on one day). Topics
are found first over all documents; each topic's documents are then clustered
again with inverse document frequencies computed *inside the topic*, so words
every document of the topic shares ("quake", "magnitude") stop counting and
the names, places and years that tell two earthquakes apart decide.

Document vectors count content words: lower-cased word tokens that are not
stop words (spaCy's English list; no model is loaded), with a capitalised word
inside a sentence (a name) and a year counted twice, because names and years
are what separate two events of one kind (in development runs on ECB+,
counting them once did clearly worse; three times was no better). Term frequency is sub-linear
(``1 + log tf``); vectors are L2-normalised, so a dot product is the cosine.

Clustering is average-link agglomerative clustering that stops when no two
clusters are more similar than a threshold, so the number of clusters is never
given; one run can cut the tree at several thresholds, which is how they were
tuned. It is written here, over a dense similarity matrix with numpy and the
Lance–Williams update, instead of adding scikit-learn or SciPy as dependencies
for one loop: each merge costs O(n²) and the 982 ECB+ documents cluster, both
levels, in about 1.5 s. Ties break on the lowest index, so the result is
deterministic. For a growing archive, where O(n²) memory is too much, the
similarity matrix would have to come from blocked candidates instead.

The default thresholds were chosen on ECB+ topics 1–20 and reported on topics
21–45 as held-out data (``benchmarks/eval_clustering.py --tune``;
``docs/evaluation.md``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

TOPIC_THRESHOLD = 0.06
"""Average cosine above which two groups of documents share a topic (chosen on ECB+ topics 1–20)."""
SUBTOPIC_THRESHOLD = 0.125
"""Average cosine, with IDF inside the topic, above which two groups share one event (chosen on ECB+ topics 1–20)."""
SALIENT_WEIGHT = 2
"""How many times a name (capitalised inside a sentence) or a year counts."""

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*[A-Za-z]|\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SENTENCE_END = re.compile(r"[.!?\"'”’:;]\s*$|^\s*$", re.MULTILINE)


def content_terms(text: str) -> list[str]:
    """The terms one document contributes to its vector, in order, salient ones repeated.

    Words are lower-cased; stop words and one-letter tokens are dropped. A
    capitalised word that does not open a sentence (a name, most likely) and a
    four-digit year are repeated :data:`SALIENT_WEIGHT` times.
    """
    terms: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group()
        lowered = word.lower()
        if lowered in STOP_WORDS:
            continue
        opens_sentence = _SENTENCE_END.search(text, max(0, match.start() - 3), match.start()) is not None
        salient = _YEAR.fullmatch(word) is not None or (word[0].isupper() and not opens_sentence)
        terms.extend([lowered] * (SALIENT_WEIGHT if salient else 1))
    return terms


def tfidf_vectors(term_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """One L2-normalised TF-IDF row per document (``1 + log tf`` times smoothed IDF).

    Only terms found in at least two documents get a column, since a term of one
    document cannot make two documents similar; every term still counts in its
    document's norm, so the cosines are those of the full vectors.
    """
    counts = [Counter(terms) for terms in term_lists]
    document_frequency = Counter(term for count in counts for term in count)
    total = len(term_lists)
    idf = {term: math.log((1 + total) / (1 + df)) + 1 for term, df in document_frequency.items()}
    shared = sorted(term for term, df in document_frequency.items() if df >= 2)
    column = {term: index for index, term in enumerate(shared)}
    vectors = np.zeros((total, len(shared)), dtype=np.float64)
    for row, count in enumerate(counts):
        norm_squared = 0.0
        for term, tf in count.items():
            weight = (1 + math.log(tf)) * idf[term]
            norm_squared += weight * weight
            if term in column:
                vectors[row, column[term]] = weight
        if norm_squared:
            vectors[row] /= math.sqrt(norm_squared)
    return vectors


def agglomerate(similarity: np.ndarray, thresholds: Sequence[float]) -> list[list[int]]:
    """Average-link clusters of a symmetric similarity matrix, cut at each threshold (from the highest down).

    Clusters merge, the most similar pair first, while the best pair's average
    similarity is at least the threshold; average link never merges at a higher
    similarity than the merge before, so the cuts nest: each cluster at a lower
    threshold is a union of clusters at a higher one.

    thresholds (Sequence[float]): one cut per value, in any order.
    RETURNS (list[list[int]]): per threshold, in the order given, a cluster label per row,
        numbered in order of each cluster's first row.
    """
    size = len(similarity)
    linkage = np.array(similarity, dtype=np.float64).reshape(size, size)
    np.fill_diagonal(linkage, -np.inf)
    members = [[index] for index in range(size)]
    cuts: dict[float, list[int]] = {}
    for threshold in sorted(set(thresholds), reverse=True):
        while len(members) - members.count([]) > 1:
            a, b = divmod(int(np.argmax(linkage)), size)
            if linkage[a, b] < threshold:
                break
            # Lance–Williams for average link: the merged cluster's mean similarity to every other cluster.
            merged = (len(members[a]) * linkage[a] + len(members[b]) * linkage[b]) / (len(members[a]) + len(members[b]))
            linkage[a], linkage[:, a] = merged, merged
            linkage[b], linkage[:, b] = -np.inf, -np.inf
            linkage[a, a] = -np.inf
            members[a] += members[b]
            members[b] = []
        cuts[threshold] = _labels(members, size)
    return [cuts[threshold] for threshold in thresholds]


def _labels(members: list[list[int]], size: int) -> list[int]:
    labels = [0] * size
    for label, group in enumerate(sorted((group for group in members if group), key=min)):
        for index in group:
            labels[index] = label
    return labels


def split_topics(term_lists: Sequence[Sequence[str]], topics: Sequence[int], thresholds: Sequence[float]) -> list[list[int]]:
    """Sub-topic labels inside given topics, per threshold: each topic's documents clustered with IDF over that topic only.

    RETURNS (list[list[int]]): per threshold, in the order given, a sub-topic label per document,
        numbered from 0 inside each topic.
    """
    cuts = [[0] * len(term_lists) for _ in thresholds]
    for topic in sorted(set(topics)):
        indices = [index for index, label in enumerate(topics) if label == topic]
        vectors = tfidf_vectors([term_lists[index] for index in indices])
        for cut, labels in zip(cuts, agglomerate(vectors @ vectors.T, thresholds)):
            for index, label in zip(indices, labels):
                cut[index] = label
    return cuts


def cluster_documents(
    texts: Sequence[str],
    *,
    topic_threshold: float = TOPIC_THRESHOLD,
    subtopic_threshold: float = SUBTOPIC_THRESHOLD,
) -> list[tuple[int, int]]:
    """A (topic, sub-topic) label per text: topics over all texts, then sub-topics inside each topic.

    Sub-topic numbers restart in each topic; ``(topic, subtopic)`` together name one sub-topic.
    """
    term_lists = [content_terms(text) for text in texts]
    vectors = tfidf_vectors(term_lists)
    [topics] = agglomerate(vectors @ vectors.T, [topic_threshold])
    [subtopics] = split_topics(term_lists, topics, [subtopic_threshold])
    return list(zip(topics, subtopics))
