"""The data files claimgraph reads: those bundled in ``claimgraph/data`` and a user's own in the same formats.

Lexicons, rule tables, settings and the demo corpus are found and read here, so a loader
elsewhere names only its file, and a bad line is reported the same way whichever file holds it.
``data/README.md`` documents what each file means.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


def bundled(*parts: str) -> Traversable:
    """A file or folder shipped in ``claimgraph/data``."""
    return resources.files("claimgraph").joinpath("data", *parts)


def read_bundled(*parts: str) -> str:
    """The text of a file shipped in ``claimgraph/data``."""
    return bundled(*parts).read_text(encoding="utf-8")


def read_jsonl(text: str, origin: str) -> list[dict[str, Any]]:
    """Rows of a JSONL lexicon; blank lines are skipped, a bad line raises ``ValueError`` naming it."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{origin}:{number}: not a JSON object ({exc.msg})") from None
    return rows


def read_jsonl_file(path: Path | Traversable) -> list[dict[str, Any]]:
    """Rows of a JSONL file on disk or in the package; errors name the file."""
    return read_jsonl(path.read_text(encoding="utf-8"), str(path))


def bundled_rows(name: str) -> list[dict[str, Any]]:
    """Rows of a JSONL file shipped in ``claimgraph/data``."""
    return read_jsonl_file(bundled(name))


@contextmanager
def demo_articles() -> Iterator[tuple[Path, ...]]:
    """The demo corpus's articles as files on disk, sorted by name (their date), while the context lasts.

    Only ``demo/*.txt``: the folder's README.md is documentation, and the ingest readers
    would take it for a text article.
    """
    with resources.as_file(bundled("demo")) as folder:
        yield tuple(sorted(folder.glob("*.txt")))
