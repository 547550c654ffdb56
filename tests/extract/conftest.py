"""Fixtures shared by the extractor tests: the project's pipeline, loaded once, and claim spans."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Span

from claimgraph.extract.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def content_span(nlp) -> Callable[[str, str | None], Span]:
    """A claim's content span in a parsed sentence: ``content`` (the whole sentence, less its full stop, when None)."""

    def span_of(sentence: str, content: str | None) -> Span:
        doc = nlp(sentence)
        if content is None:
            content = sentence.rstrip(".")
        start = sentence.index(content)
        span = doc.char_span(start, start + len(content), alignment_mode="expand")
        assert span is not None
        return span

    return span_of
