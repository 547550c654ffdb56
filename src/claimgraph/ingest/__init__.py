"""Readers that turn files, directories and standard input into :class:`~claimgraph.model.Article` records.

    >>> from claimgraph.ingest import read_articles
    >>> for article in read_articles(["articles/", "feed.xml", "-"], on_error=print):
    ...     print(article.id, article.origin, article.title)

One module per format — :mod:`.text`, :mod:`.html`, :mod:`.jsonl`, :mod:`.csv`,
:mod:`.feed` — each with ``read(text, *, origin, report)``; :mod:`.formats` picks
the reader, :mod:`.common` decodes bytes and parses dates. Every article's text is
stored as read (decoded, line endings turned into ``\\n``, surrounding blank space
trimmed; for HTML and feeds, the text taken from the markup), and character
offsets computed later index into that stored text.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import Errors, IngestError
from ..model import Article, Document
from . import common, csv, feed, html, jsonl, text
from .common import (
    Reporter,
    check_size,
    decode_bytes,
    ingest_error,
    parse_published,
    raise_error,
)
from .formats import extension_format, markup_format, sniff_format

__all__ = ["decode_bytes", "iter_input_files", "parse_published", "read_articles"]

#: Reader for each format name used by :mod:`.formats`.
READERS = {"text": text.read, "html": html.read, "jsonl": jsonl.read, "csv": csv.read, "feed": feed.read}

STDIN = "-"

#: File names (without extension, any case) a directory walk skips: they describe a
#: corpus, they are not articles in it. A file named explicitly is still read.
CORPUS_NOTE_STEMS = frozenset({"readme", "license", "licence", "changelog", "notice"})


def read_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    on_error: Callable[[IngestError], None] | None = None,
    progress: Callable[[int], None] | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Document]:
    """Read every article in the given inputs, lazily, in order.

    An input is a file, a directory (read recursively, see :func:`iter_input_files`)
    or ``"-"`` for standard input. A file's format comes from its extension; standard
    input and files with an unknown extension are sniffed by content. Records of
    JSON Lines and CSV files get ``file:LINE`` origins, feed entries ``file#N``,
    everything else the path (or ``-``).

    inputs (Iterable[str | PathLike]): the inputs; a single string is a TypeError.
    on_error (Callable[[IngestError], None] | None): receives each error (the input
        is named in it) and reading goes on with the next record or input; when None,
        the first error is raised.
    progress (Callable[[int], None] | None): called with a file's size in bytes when
        the file is finished, read or not, for progress bars; not called for standard
        input or for a file that does not exist.
    stdin (BinaryIO | None): stream read for ``"-"``; default ``sys.stdin.buffer``.
    YIELDS (Article | Document): the articles, each with ``origin`` set; a line of
        claimgraph's own JSON Lines export is the stored Document it holds
        (:mod:`.jsonl`).
    RAISES (IngestError): the first error, when ``on_error`` is None.
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise TypeError("read_articles() takes a list of inputs; wrap a single path in a list")
    report = on_error or raise_error
    for item in inputs:
        name = os.fspath(item)
        if name == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, report)
        elif os.path.isdir(name):
            for path in iter_input_files(Path(name), report):
                yield from _read_file(path, report, progress)
        else:
            yield from _read_file(Path(name), report, progress)


def iter_input_files(directory: Path, report: Reporter = raise_error) -> Iterator[Path]:
    """The article files under a directory, recursively.

    Hidden files and directories (name starting with ``.``) are skipped, and so are
    files whose extension names no article format (see :mod:`.formats`) and notes
    about the corpus (``README.md``, ``LICENSE.txt``: :data:`CORPUS_NOTE_STEMS`). Symbolic
    links to directories are not followed. Order: sorted by name, each directory's
    files before its subdirectories.

    directory (Path): the directory to walk.
    report (Callable[[IngestError], None]): receives E001 for an unreadable subdirectory.
    YIELDS (Path): the files to read.
    """

    def unreadable(exc: OSError) -> None:
        report(ingest_error(str(exc.filename), Errors.E001, reason=exc.strerror or str(exc)))

    for folder, subfolders, files in os.walk(directory, onerror=unreadable):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.split(".")[0].lower() in CORPUS_NOTE_STEMS:
                continue
            if extension_format(name) is not None:
                yield Path(folder, name)


def _read_file(path: Path, report: Reporter, progress: Callable[[int], None] | None) -> Iterator[Article | Document]:
    origin = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        report(ingest_error(origin, Errors.E001, reason=exc.strerror or str(exc)))
        return
    try:
        check_size(size, origin=origin)  # before reading: a huge file is never loaded
        data = path.read_bytes()
    except OSError as exc:
        report(ingest_error(origin, Errors.E001, reason=exc.strerror or str(exc)))
    except IngestError as error:
        report(error)
    else:
        yield from _read_data(data, origin, extension_format(path), report)
    if progress is not None:
        progress(size)


def _read_stdin(stream: BinaryIO, report: Reporter) -> Iterator[Article | Document]:
    limit = common.MAX_INPUT_BYTES
    data = stream.read(limit + 1)  # one byte over the limit is enough to know
    if len(data) > limit:
        report(ingest_error(STDIN, Errors.E006, size=f"more than {limit}", limit=limit))
        return
    yield from _read_data(data, STDIN, None, report)


def _read_data(data: bytes, origin: str, fmt: str | None, report: Reporter) -> Iterator[Article | Document]:
    try:
        decoded = decode_bytes(data, origin=origin)
    except IngestError as error:
        report(error)
        return
    if not decoded.strip():
        report(ingest_error(origin, Errors.E002))
        return
    if fmt is None:
        fmt = sniff_format(decoded)
    elif fmt == "xml":
        fmt = markup_format(decoded)
        if fmt is None:
            report(ingest_error(origin, Errors.E004, fmt="XML that is neither RSS/Atom nor HTML"))
            return
    yield from READERS[fmt](decoded, origin=origin, report=report)
