"""Exceptions and message texts, by code.

Each exception has its own name and says, in its message, what to do next.
Messages live here under codes (E001…) so the CLI, the web app and the docs
quote the same words.
"""

from __future__ import annotations


class Errors:
    E001 = "Cannot read {origin}: {reason}"
    E002 = "{origin} is empty: there is no article text to read"
    E003 = "{origin} could not be decoded as text (tried {tried}); re-save it as UTF-8 or check that it is not a binary file"
    E004 = "{origin}: unsupported input format {fmt!r}; use .txt, .html, .jsonl, .csv, .xml/.rss/.atom or a directory"
    E005 = "{origin}: {reason}"
    E006 = "{origin} is {size} bytes, over the {limit}-byte limit for one input; split it into smaller files"
    E007 = "{origin}: impossible or unreadable publication date {value!r}; use ISO 8601 (2025-03-10)"
    E010 = "No article with id {id!r} in {db}; list ids with `claimgraph claims`"
    E011 = "Cannot open database {db}: {reason}"
    E012 = "Cannot write {count} article(s) to {db}: {reason}; nothing from this batch was stored, earlier batches are intact"
    E013 = "A worker process parsing articles stopped unexpectedly (out of memory with {jobs} workers?); the batches written so far are kept: ingest again with fewer jobs"
    E014 = "Parsing on a Dask cluster needs Dask: pip install 'claimgraph[dask]' (the workers need it and claimgraph too)"
    E015 = "Cannot use the Dask scheduler at {address}: {reason}; start one with `dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`"
    E020 = "Evaluation data not found at {path}: expected text/*.txt and attributions/*.ann (PolNeAR layout)"
    E021 = "Malformed evaluation data in {origin}: {reason}; fix or remove that file and run the evaluation again"
    E030 = "Cannot open the gazetteer {path}: {reason}; rebuild it with `python scripts/build_gazetteer.py`"
    E040 = "No claim with id {id!r} in {db}; list ids with `claimgraph claims --format csv`"
    E041 = "Cannot read the grading priors {path}: {reason}; see docs/linking.md for the format ([sources.\"NAME\"] reliability = \"B\")"
    E042 = "No story with id {id!r} in {db}; list ids with `claimgraph stories`"
    E043 = "No story in {db} matches {query!r}; list stories with `claimgraph stories` and pass one with --story ID"


class Warnings:
    W001 = "The attribution lexicon {name!r} is empty: attribution will miss every cue it would hold; check claimgraph/data/{name}.jsonl"


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose."""


class IngestError(ClaimgraphError):
    """An input could not be read as articles; names the input."""

    def __init__(self, origin: str, message: str) -> None:
        super().__init__(message)
        self.origin = origin


class ArticleNotFound(ClaimgraphError):
    """No stored article has the given id."""


class ClaimNotFound(ClaimgraphError):
    """No stored claim has the given id."""


class StoryNotFound(ClaimgraphError):
    """No stored story has the given id, or none matches a timeline query."""


class GradingConfigError(ClaimgraphError):
    """A grading priors file could not be read or holds a bad value."""


class StoreError(ClaimgraphError):
    """The knowledge base could not be opened or written."""


class EvaluationDataError(ClaimgraphError):
    """Gold data for an evaluation is missing or malformed."""


class GazetteerError(ClaimgraphError):
    """The place gazetteer could not be opened."""
