"""Helpers that write small PolNeAR-format folders for the evaluation tests."""

from __future__ import annotations

from pathlib import Path


def span_line(annotation_id: str, label: str, text: str, *fragments: tuple[int, int]) -> str:
    """A brat T line for ``fragments`` of ``text``, its span text written the way brat writes it."""
    offsets = ";".join(f"{start} {end}" for start, end in fragments)
    span_text = " ".join(text[start:end] for start, end in fragments)
    return f"{annotation_id}\t{label} {offsets}\t{span_text}\n"


def locate(text: str, piece: str) -> tuple[int, int]:
    """Offsets of the first ``piece`` in ``text``."""
    start = text.index(piece)
    return start, start + len(piece)


def write_polnear(folder: Path, articles: dict[str, tuple[str, dict[str, str]]]) -> Path:
    """Write ``{name: (text, {annotator: ann_content})}`` as DIR/text/*.txt and DIR/attributions/*.ann."""
    (folder / "text").mkdir(exist_ok=True)
    (folder / "attributions").mkdir(exist_ok=True)
    for name, (text, by_annotator) in articles.items():
        (folder / "text" / f"{name}.txt").write_bytes(text.encode("utf-8"))
        for annotator, content in by_annotator.items():
            (folder / "attributions" / f"{name}_{annotator}.ann").write_bytes(content.encode("utf-8"))
    return folder
