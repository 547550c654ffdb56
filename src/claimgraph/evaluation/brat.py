"""Read PolNeAR-format gold data: article texts and their brat standoff attribution annotations.

Layout (PolNeAR v1.0.0, one folder per split)::

    DIR/text/<name>.txt                        the article, UTF-8
    DIR/attributions/<name>_<annotator>.ann    brat standoff, offsets into <name>.txt

Annotation lines used here::

    T3<TAB>Content 115 290<TAB>that Hillary Clinton's team avoided …
    T7<TAB>Content 4902 4959;4984 5422<TAB>… (a discontinuous span: fragments joined by ";")
    E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1

Each ``E`` line is one attribution; its ``Source``, ``Cue`` and ``Content``
arguments name ``T`` lines. Events typed ``Attribution-no-source`` have no
source. A second content span of one attribution comes as ``Content2`` (brat
numbers repeated roles); it becomes a separate gold content span with the same
source and cue. ``T`` lines that no event uses (the annotators' ``Discuss`` and
``Discard`` flags, stray spans), notes (``#``) and other brat line types are
not gold attributions and are skipped. When several annotators annotated one
article, the first ``.ann`` file by sorted name is used.

Written by hand: brat's own reader lives inside the brat server, and PolNeAR's
span texts keep the article's newlines, so a ``T`` line may continue over
several physical lines. Splitting the file into lines breaks there; this
reader takes the offsets from the fields, consumes exactly the span text they
predict (fragments joined by one space, as brat writes them) and checks it
against the article, so a file that does not match its text is reported, not
silently mis-scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from ..errors import Errors, EvaluationDataError
from .scoring import AttributionSpans, Span

TEXT_FOLDER = "text"
ANNOTATION_FOLDER = "attributions"

# brat numbers the second and later arguments of one role: Content, Content2, Content3 …
_ARGUMENT = re.compile(r"(?P<role>[A-Za-z-]+?)\d*:(?P<ref>T\d+)")
_ROLE_ARGUMENTS = {"Source": "source", "Cue": "cue", "Content": "content"}
# brat line types that carry nothing for attribution: notes, attributes, relations, normalisations, equivalences
_SKIPPED_LINE_TYPES = frozenset("#ARNM*")


@dataclass(frozen=True)
class GoldDocument:
    """One annotated article: its text and the attributions one annotator marked in it."""

    name: str
    text: str
    attributions: tuple[AttributionSpans, ...]
    annotation_path: Path


def read_polnear(path: str | Path, *, limit: int | None = None) -> list[GoldDocument]:
    """Read a PolNeAR split folder: every ``text/*.txt`` with its first ``attributions/*.ann``.

    path (str | Path): the split folder, e.g. ``../shared/eval/polnear/data/dev``.
    limit (int | None): read only the first ``limit`` articles by name.
    RETURNS (list[GoldDocument]): the articles in name order.
    RAISES (EvaluationDataError): E020 when the layout is missing, E021 when a file is malformed.
    """
    folder = Path(path)
    text_folder, annotation_folder = folder / TEXT_FOLDER, folder / ANNOTATION_FOLDER
    text_paths = sorted(text_folder.glob("*.txt")) if text_folder.is_dir() else []
    if not text_paths or not annotation_folder.is_dir():
        raise EvaluationDataError(Errors.E020.format(path=folder))
    if limit is not None:
        text_paths = text_paths[:limit]
    annotation_paths = annotation_files(annotation_folder)
    documents = []
    for text_path in text_paths:
        if text_path.stem not in annotation_paths:
            reason = f"no annotation file {text_path.stem}_<annotator>.ann in {annotation_folder}"
            raise EvaluationDataError(Errors.E021.format(origin=text_path, reason=reason))
        annotation_path = annotation_paths[text_path.stem][0]
        text = read_utf8(text_path)
        documents.append(GoldDocument(text_path.stem, text, read_annotation(annotation_path, text), annotation_path))
    return documents


def annotation_files(folder: Path) -> dict[str, list[Path]]:
    """Map each article name to its ``<name>_<annotator>.ann`` files, sorted by name."""
    files: dict[str, list[Path]] = {}
    for annotation_path in sorted(folder.glob("*.ann")):
        name, separator, _annotator = annotation_path.stem.rpartition("_")
        if separator:
            files.setdefault(name, []).append(annotation_path)
    return files


def read_annotation(annotation_path: Path, text: str) -> tuple[AttributionSpans, ...]:
    """The attributions in one ``.ann`` file, checked against the article ``text``."""
    return tuple(parse_brat(read_utf8(annotation_path), text, origin=str(annotation_path)))


def parse_brat(content: str, text: str, *, origin: str) -> list[AttributionSpans]:
    """The attributions in one brat standoff file, as spans of ``text``.

    content (str): the ``.ann`` file's contents.
    text (str): the article the offsets index into.
    origin (str): where ``content`` came from, for error messages.
    RETURNS (list[AttributionSpans]): one entry per event and content span, in file order.
    RAISES (EvaluationDataError): E021 naming the file and line of the first malformed annotation.
    """
    spans: dict[str, Span] = {}
    events: list[tuple[str, str]] = []
    position, line_number = 0, 1
    while position < len(content):
        line_end = content.find("\n", position)
        line = content[position : len(content) if line_end == -1 else line_end]
        next_position = position + len(line) + 1
        where = f"{origin}, line {line_number}"
        annotation_id, tab, fields = line.partition("\t")
        if line.strip():
            if not tab or not annotation_id:
                _malformed(where, "expected an annotation id, a tab and the annotation fields")
            if annotation_id.startswith("T"):
                spans[annotation_id], next_position = _text_bound(content, position, line, text, where)
            elif annotation_id.startswith("E"):
                events.append((where, fields))
            elif annotation_id[0] not in _SKIPPED_LINE_TYPES:
                _malformed(where, f"unknown annotation type {annotation_id!r}")
        line_number += content.count("\n", position, next_position)
        position = next_position
    return [attribution for where, fields in events for attribution in _event_attributions(fields, spans, where)]


def _text_bound(content: str, position: int, line: str, text: str, where: str) -> tuple[Span, int]:
    """The fragments of the T line starting at ``position``, and where the next line starts.

    The span text may hold the article's newlines, so it is not read up to the
    end of the line: exactly the text the offsets predict is consumed and
    compared with the article.
    """
    annotation_id, _, fields = line.partition("\t")
    label_and_offsets, tab, _ = fields.partition("\t")
    if not tab:
        _malformed(where, "a T line needs a tab before its span text")
    fragments = _parse_offsets(label_and_offsets, len(text), where)
    span_start = position + len(annotation_id) + 1 + len(label_and_offsets) + 1
    expected = " ".join(text[start:end] for start, end in fragments)  # brat joins fragments with one space
    span_end = span_start + len(expected)
    if content[span_start:span_end] != expected:
        _malformed(where, f"span text does not match the article at {label_and_offsets!r}")
    if span_end < len(content) and content[span_end] not in "\r\n":
        _malformed(where, "unexpected text after the span text")
    line_end = content.find("\n", span_end)
    return fragments, len(content) if line_end == -1 else line_end + 1


def _parse_offsets(label_and_offsets: str, text_length: int, where: str) -> Span:
    """``"Content 4902 4959;4984 5422"`` → ``((4902, 4959), (4984, 5422))``, checked against the text."""
    _label, _, offsets = label_and_offsets.partition(" ")
    fragments = []
    for fragment in offsets.split(";"):
        bounds = fragment.split()
        if len(bounds) != 2 or not all(bound.isdigit() for bound in bounds):
            _malformed(where, f"expected '<label> <start> <end>[;<start> <end>…]', got {label_and_offsets!r}")
        start, end = int(bounds[0]), int(bounds[1])
        if not start <= end <= text_length:
            _malformed(where, f"offsets {start} {end} do not fit the article's {text_length} characters")
        fragments.append((start, end))
    return tuple(fragments)


def _event_attributions(fields: str, spans: dict[str, Span], where: str) -> list[AttributionSpans]:
    """The attributions of one E line: one per content span (at least one)."""
    arguments = fields.split()
    if not arguments:
        _malformed(where, "an E line needs at least its trigger, e.g. 'Attribution:T4'")
    roles: dict[str, list[Span]] = {"source": [], "cue": [], "content": []}
    for position, argument in enumerate(arguments):
        match = _ARGUMENT.fullmatch(argument)
        if match is None:
            _malformed(where, f"expected '<Role>:T<n>', got {argument!r}")
        if match["ref"] not in spans:
            _malformed(where, f"{argument!r} refers to no T line")
        role = _ROLE_ARGUMENTS.get(match["role"])
        # The first argument is the trigger (Attribution:T4), the event's anchor, not a role.
        if position > 0 and role is not None:
            roles[role].append(spans[match["ref"]])
    if len(roles["source"]) > 1 or len(roles["cue"]) > 1:
        _malformed(where, "an attribution has at most one Source and one Cue")
    source = roles["source"][0] if roles["source"] else None
    cue = roles["cue"][0] if roles["cue"] else None
    contents: list[Span | None] = list(roles["content"]) or [None]
    return [AttributionSpans(source=source, cue=cue, content=content) for content in contents]


def read_utf8(path: Path) -> str:
    """A gold file's text, exactly as stored (no newline translation); E021 when it is not UTF-8."""
    # Bytes, not read_text(): newline translation would shift every offset after a \r\n.
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"not UTF-8 ({error.reason} at byte {error.start})")) from None
    except OSError as error:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=error.strerror or str(error))) from None


def _malformed(where: str, reason: str) -> NoReturn:
    raise EvaluationDataError(Errors.E021.format(origin=where, reason=reason))
