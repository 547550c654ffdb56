"""Attribution: who said what, found with rules over spaCy's dependency parse.

An attribution ties a *source* ("a spokesman for the GUR, Andriy Yusov"), a *cue*
("told", "according to", ":") and a *content* (the words or paraphrase attributed).
The rules, in the order they are tried on each sentence:

1. **reporting verbs** (``data/reporting_verbs.jsonl``) with a subject or a passive
   agent; the content is, by preference, the quotation next to the cue (which may run
   over several sentences), the verb's clausal complement ("said that …"), the rest of
   the sentence after a colon ("replied: …"), the clause the cue interrupts ("The
   economy, he said, is growing" — two fragments), and for verbs whose entry allows it an
   infinitive ("vowed to …") or a plain object ("denied the reports"). A verb with none of
   these is not reporting anything ("the so-called ceasefire", "he told troops to
   withdraw" is an order only when no clause follows).
2. **reporting phrases** (``reporting_phrases.jsonl``: "according to X") — the content
   is the clause the phrase modifies.
3. **passive with a pronoun subject** ("This was stated by X") — the content is the
   previous sentence.
4. **headline forms**, on a headline only: "Claim – GUR" and "GUR: claim".
5. **colon lead-ins** in the body: a short proper-noun phrase, a colon, a statement.

6. **learned cues** (``extract/cue_model.py``, trained on PolNeAR train) where the rules
   found nothing, with the source and content the model's tree spans give (an unnamed
   source where it has none). A narrow block keeps war news out: verbs of physical action
   (``non_reporting_verbs.jsonl``: the model learned PolNeAR's wide notion in which
   "attacked" is criticism), orders, intentions with a plain object, and a bare time as
   content. Inside a quotation no other attribution holds, a rules' cue stays only where
   the model marks it too: the quoted speaker's own "I want …" is not a new attribution.
   (Measured on PolNeAR dev against gating every model cue by the lexicon: +0.04 overlap F1
   for source and cue, +0.05 for content; see ``docs/evaluation.md``.)

Nested attributions are folded into a chain: in "X said Y reported Z" the claim Z is
X's, citing Y — so each word belongs to at most one attribution, as in PolNeAR. "citing
Y" / "referring to Y" (``citing_cues.jsonl``) add Y to the chain the same way.

Written as rules rather than taken from a library: textacy's ``direct_quotations``
finds only quoted speech with a verb cue, and no maintained package handles
"according to", passive and headline attribution, chains or role splitting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import AttributionKind, SourceType
from .cue_model import CueModel, CueSpans, attribution_spans
from .lexicon import AttributionLexicon, VerbEntry
from .sources import SourceInfo, SourceResolver, describe_source, entity_people
from .tags import is_noun, is_proper, is_punct, is_verb

Range = tuple[int, int]
OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»"
DEMONSTRATIVES = {"this", "it", "that", "which"}
HEADLINE_DASH = re.compile(r"\s+[–—-]{1,2}\s+(?=[^–—-]+$)")
HEADLINE_COLON_TAIL = re.compile(r":\s+(?=[^:]+$)")
HEADLINE_SOURCE_MAX_TOKENS = 6
LEAD_IN_MAX_TOKENS = 5
UNNAMED_SOURCE = "unnamed source"  # the source of an agentless passive: "it is believed that …"
# a closing quotation mark, a dash, a name: "“…” ― Sonya Herridge"
SIGNED_QUOTE = re.compile(r"([”\"»])[ \t]*([―—–]|-(?=\s))[ \t]*((?:[A-Z][\w.’'-]*[ \t]?){1,5})")
QUOTE_MARKS = "“”\"«»„"
NOUN_PHRASE_TAGS = {"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "CD", "PRP$"}


@dataclass
class FoundAttribution:
    """One attribution found in a ``Doc``: character ranges into ``doc.text``."""

    kind: AttributionKind
    source: SourceInfo
    cue: Range | None
    content: list[Range]  # sorted fragments
    sentence: Range
    chain: list[SourceInfo] = field(default_factory=list)
    refers_back: bool = False  # "This was stated by X": the content is the previous sentence

    @property
    def content_range(self) -> Range:
        return self.content[0][0], self.content[-1][1]

    def covers(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one of the content's fragments."""
        return any(lo <= start and end <= hi for lo, hi in self.content)


def find_quotes(text: str) -> list[Range]:
    """Quotations in ``text`` as (start, end) ranges including their marks.

    Curly quotes pair by direction, straight quotes alternate; a quotation still open at a
    paragraph break ends there (the wire convention for quotes running on over paragraphs
    reopens the quote in the next paragraph).
    """
    quotes: list[Range] = []
    open_at: int | None = None
    for i, char in enumerate(text):
        if char == "\n" and open_at is not None and text[i + 1 : i + 2] == "\n":
            quotes.append((open_at, i))
            open_at = None
        elif char == '"':
            if open_at is None:
                open_at = i
            else:
                quotes.append((open_at, i + 1))
                open_at = None
        elif char in OPENING_QUOTES and open_at is None:
            open_at = i
        elif char in CLOSING_QUOTES and open_at is not None and text[open_at] != '"':
            quotes.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        quotes.append((open_at, len(text.rstrip())))
    return [q for q in quotes if q[1] - q[0] > 2]


class AttributionFinder:
    """Runs the attribution rules over one parsed ``Doc``."""

    def __init__(self, lexicon: AttributionLexicon, cue_model: CueModel | None = None) -> None:
        self.lexicon = lexicon
        self.cue_model = cue_model
        self._intention_verbs = {
            form.lower()
            for row in lexicon.raw.get("reporting_verbs", [])
            if row.get("intention")
            for form in row.get("forms", [row["lemma"]])
        }
        self._text = ""
        self._citations_of: dict[int, list[tuple[list[Token], list[Token]]]] = {}

    def __call__(self, doc: Doc, *, headline: bool = False) -> list[FoundAttribution]:
        """All attributions in ``doc``, sources resolved, nested ones folded into chains.

        doc (Doc): a parsed headline or article body.
        headline (bool): whether ``doc`` is a headline ("… – GUR" applies only there).
        RETURNS (list[FoundAttribution]): in reading order.
        """
        # per-document caches: Doc.text is rebuilt from the tokens on every access, and the
        # citing phrases of a sentence are asked for once per cue in it
        self._text = doc.text
        self._citations_of: dict[int, list[tuple[list[Token], list[Token]]]] = {}
        quotes = find_quotes(self._text)
        found: list[FoundAttribution] = []
        # a headline is one unit however the parser splits it ("3,000 N. Korean troops …: NIS")
        sentences = [doc[:]] if headline and len(doc) else list(doc.sents)
        for index, sent in enumerate(sentences):
            previous = sentences[index - 1] if index else None
            # a headline's "… – GUR" or "GUR: …" frames the whole line, so it is tried first
            lead_in = self._headline(sent) if headline else None
            in_sentence: list[FoundAttribution] = [lead_in] if lead_in else []
            for token in sent if not lead_in else ():
                attribution = (
                    self._verb_cue(token, sent, previous, quotes)
                    or self._phrase_cue(token, sent)
                    or self._noun_cue(token, sent)
                )
                if attribution:
                    in_sentence.append(attribution)
            if not in_sentence and not headline:
                # the first line of a body is often the headline, verbless: "GUR: More troops in Kursk"
                lead_in = self._lead_in(sent, require_verb=index > 0)
                if lead_in:
                    in_sentence.append(lead_in)
            found.extend(in_sentence)
        found.extend(self._signed_quotes(doc))
        self._continue_quotes(doc, sentences, found, quotes)
        found = self._fold_nested(found)
        if self.cue_model is not None and not headline:
            learned = attribution_spans(doc, self.cue_model.predict(doc))
            found = self._confirmed_in_quotes(doc, found, learned, quotes)
            found.extend(self._learned(doc, found, learned, quotes))
            found.sort(key=lambda a: (a.cue or a.content_range)[0])
        return self._resolve(doc, found)

    # -- rules -----------------------------------------------------------------

    def _verb_cue(self, cue: Token, sent: Span, previous: Span | None, quotes: list[Range]) -> FoundAttribution | None:
        entry = self.lexicon.verbs.get(cue.lower_) or self._clause_taking(cue)
        if entry is None or not is_verb(cue) or cue.dep_ in ("amod", "compound", "pobj"):
            return None
        if cue.dep_ == "acl" and cue.tag_ != "VBG":
            return None  # "the troops deployed to Kursk", "a plan called …": a participle, not a report
        if cue.dep_ == "relcl" and not any(c.tag_ in ("WP", "WDT") and c.dep_ == "nsubj" for c in cue.children):
            return None
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children)
        if entry.passive_only and not passive:
            return None
        source_head = self._source_head(cue, passive)
        if source_head is None:
            return self._agentless_passive(cue, sent) if passive else None
        source_tokens = {t.i for t in source_head.subtree}
        excluded = source_tokens | {cue.i} | self._citing_tokens(sent)
        kind = AttributionKind.PASSIVE if passive else AttributionKind.INDIRECT
        content: list[Range] = []
        refers_back = False

        quote = self._adjacent_quote(cue, source_head, sent, quotes)
        # "Cooperation continues, a spokesman … told the outlet": the clause before the cue
        complements = [c for c in cue.children if c.dep_ == "ccomp"] or [
            c for c in cue.children if c.dep_ == "parataxis" and c.i < cue.i
        ]
        colon = self._after_colon(cue, sent)
        if quote:
            content = [quote]
            kind = AttributionKind.DIRECT
        elif complements:
            content = self._fragments(complements[0].subtree, excluded)
        elif colon:
            content = colon
        elif passive and source_head.dep_ == "pobj":
            subject = [c for c in cue.children if c.dep_ == "nsubjpass"]
            if subject and subject[0].lower_ in DEMONSTRATIVES and previous is not None:
                content = self._fragments(iter(previous), set())
                refers_back = True
            elif subject:
                content = self._fragments(subject[0].subtree, excluded)
        elif cue.dep_ == "parataxis":
            content = self._fragments(cue.head.subtree, excluded | {t.i for t in cue.subtree})
        if not content and entry.xcomp:
            infinitives = [c for c in cue.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts)]
            if infinitives:
                content = self._fragments(infinitives[0].subtree, excluded)
        preposition = None
        # "the plan calls for …": a plain object or a preposition carries content only when the
        # subject can speak; a poll or the data can ("the data show that …" is attributed to the data)
        speaker = self._is_speaker(source_head)
        if not content and entry.preposition and speaker:
            preposition = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == entry.preposition), None)
            objects = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")] if preposition else []
            if objects:
                content = self._fragments(objects[0].subtree, excluded)
        if not content and entry.object and speaker:
            objects = [c for c in cue.children if c.dep_ == "dobj"]
            if objects and objects[0].lower_ not in DEMONSTRATIVES:
                content = self._fragments(objects[0].subtree, excluded)
        if not content:
            return None
        if kind is AttributionKind.INDIRECT and self._inside_quotes(content, quotes):
            kind = AttributionKind.DIRECT
        source = describe_source(source_head, self.lexicon)
        cue_range = self._cue_range(cue)
        if preposition is not None and content:
            cue_range = (cue_range[0], preposition.idx + len(preposition))
        sentence = (sent.start_char, sent.end_char) if refers_back else self._sentence_range(sent, content, cue_range)
        return FoundAttribution(kind, source, cue_range, content, sentence, refers_back=refers_back)

    def _agentless_passive(self, cue: Token, sent: Span) -> FoundAttribution | None:
        """"It is believed that …", "Troops are expected to arrive": reported, by no one named."""
        excluded = {cue.i} | self._citing_tokens(sent)
        clauses = [c for c in cue.children if c.dep_ == "ccomp"]
        infinitives = [c for c in cue.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts)]
        subjects = [c for c in cue.children if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "this", "that")]
        if clauses:
            content = self._fragments(clauses[0].subtree, excluded)
        elif infinitives and subjects:
            content = self._fragments([*subjects[0].subtree, *infinitives[0].subtree], excluded)
        else:
            return None
        if not content:
            return None
        cue_range = self._cue_range(cue)
        source = SourceInfo(UNNAMED_SOURCE, SourceType.UNNAMED, start=None, end=None)
        return FoundAttribution(
            AttributionKind.PASSIVE, source, cue_range, content, self._sentence_range(sent, content, cue_range)
        )

    def _is_speaker(self, head: Token) -> bool:
        """Whether a subject can be a speaker: anything but a plan, law or other document ("the plan calls for")."""
        return head.lower_ not in self.lexicon.non_speakers

    def _clause_taking(self, cue: Token) -> VerbEntry | None:
        """A verb outside the lexicon reports when it takes a "that" clause: "Democrats fear that …"."""
        if not is_verb(cue) or cue.lower_ in self.lexicon.non_reporting:
            return None
        for child in cue.children:
            if child.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
                return VerbEntry(cue.lower_)
        return None

    def _source_head(self, cue: Token, passive: bool) -> Token | None:
        """The subject (or passive agent) of a reporting verb, inherited through coordination and participles."""
        verb: Token | None = cue
        while verb is not None:
            if passive and verb is cue:
                for child in verb.children:
                    if child.dep_ == "agent":
                        objects = [c for c in child.children if c.dep_ == "pobj"]
                        return objects[0] if objects else None
                return None
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                subject = subjects[0]
                if subject.tag_ in ("WP", "WDT"):
                    # "Yusov, who said that …" / "images that it said showed …": the noun the clause describes
                    clause = next((a for a in [verb, *verb.ancestors] if a.dep_ == "relcl"), None)
                    return clause.head if clause is not None else None
                if subject.lower_ in ("it", "there") and subject.dep_ == "nsubj" and verb is not cue:
                    return None
                if subject.tag_ == "EX":
                    return None
                return subject
            # "a statement saying that …": the statement, or whoever issued it
            if verb.dep_ == "acl" and verb.tag_ == "VBG":
                noun = verb.head
                issuer = noun.head
                if noun.lower_ in self.lexicon.nouns and noun.dep_ == "dobj" and is_verb(issuer):
                    subjects = [c for c in issuer.children if c.dep_ == "nsubj"]
                    if subjects:
                        return subjects[0]
                return noun
            # "…, adding that …" / "He said … and added …" / "went on to accuse …" / "by telling them
            # that …": the subject of the governing verb
            if verb.dep_ in ("conj", "advcl", "xcomp"):
                verb = verb.head
            elif verb.dep_ == "pcomp" and verb.tag_ == "VBG":
                verb = verb.head.head
            else:
                return None
        return None

    def _adjacent_quote(self, cue: Token, source: Token, sent: Span, quotes: list[Range]) -> Range | None:
        """A quotation right before or after the cue clause, or overlapping its complement."""
        clause = [cue] + [t for t in source.subtree] + [c for c in cue.children if c.dep_ in ("aux", "neg", "advmod", "dative", "dobj", "npadvmod", "prt")]
        clause_tokens = {t.i for c in clause for t in (c.subtree if c is not cue else [c])}
        lo = min(clause_tokens)
        hi = max(clause_tokens)
        doc = sent.doc
        text = self._text
        lo_char, hi_char = doc[lo].idx, doc[hi].idx + len(doc[hi])
        for start, end in quotes:
            if start <= cue.idx < end:
                continue  # a cue inside a quotation reports something within it, not the quotation
            # '"…," said Yusov': the quotation closes in the cue's sentence, not with a full stop;
            # '"…?" he asked.' may have been split off as a sentence of its own
            closing = text[end - 2 : end - 1]
            if (
                end <= lo_char
                and (end > sent.start_char or closing in "?!,")
                and not text[end:lo_char].strip(" ,:;—–-\n")
                and closing != "."
            ):
                return start, end
            if start >= hi_char and not text[hi_char:start].strip(" ,:;—–-\n"):
                # "said: “…”" or "said Yusov, “…”" — the quote starts in this sentence, or right
                # after the colon that ends it
                if start < sent.end_char or text[hi_char:start].strip().startswith(":"):
                    return start, end
        complements = [c for c in cue.children if c.dep_ == "ccomp"]
        if complements:
            sub = list(complements[0].subtree)
            c_lo, c_hi = sub[0].idx, sub[-1].idx + len(sub[-1])
            for start, end in quotes:
                if start <= c_lo + 1 and end >= c_hi - 1 and start < c_hi and end > c_lo and not start <= cue.idx < end:
                    return start, end
        return None

    def _after_colon(self, cue: Token, sent: Span) -> list[Range]:
        """Content after a colon that follows the cue's clause: "X replied: the front is stable".

        A colon that ends the sentence ("The ministry said:") introduces the next sentence.
        """
        for token in sent[cue.i - sent.start + 1 :]:
            if token.text == ":":
                rest = [t for t in sent[token.i - sent.start + 1 :] if not t.is_space]
                if len(rest) >= 2:
                    return self._fragments(iter(rest), set())
                following = sent.doc[sent.end :].sents if sent.end < len(sent.doc) else iter(())
                nxt = next(following, None)
                return self._fragments(iter(nxt), set()) if nxt is not None else []
            if is_verb(token) and token.dep_ in ("ccomp", "conj", "advcl"):
                return []
        return []

    def _phrase_cue(self, token: Token, sent: Span) -> FoundAttribution | None:
        """'according to X' and the other reporting phrases."""
        doc = token.doc
        for phrase in self.lexicon.phrases:
            end = token.i + len(phrase)
            if end > sent.end or tuple(t.lower_ for t in doc[token.i : end]) != phrase:
                continue
            last = doc[end - 1]
            objects = [c for c in last.children if c.dep_ == "pobj"]
            if not objects:
                return None
            anchor = doc[token.i]
            clause = anchor.head
            while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and clause.head is not clause and not is_verb(clause):
                clause = clause.head
            if clause.i == anchor.i:
                return None
            excluded = {t.i for t in anchor.subtree} | {t.i for t in doc[token.i : end]} | self._citing_tokens(sent)
            tokens = [t for t in clause.subtree if sent.start <= t.i < sent.end]
            content = self._fragments(iter(tokens), excluded)
            if not content:
                return None
            source = describe_source(objects[0], self.lexicon)
            cue_range = (doc[token.i].idx, last.idx + len(last))
            return FoundAttribution(
                AttributionKind.ACCORDING_TO, source, cue_range, content, self._sentence_range(sent, content, cue_range)
            )
        return None

    def _noun_cue(self, cue: Token, sent: Span) -> FoundAttribution | None:
        """"Moscow's claim that the village fell": a reporting noun with an owner and a "that" clause."""
        if cue.lower_ not in self.lexicon.clause_nouns or not is_noun(cue):
            return None
        owners = [c for c in cue.children if c.dep_ == "poss"]
        clauses = [
            c for c in cue.children
            if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ]
        if not owners or not clauses or owners[0].tag_ == "PRP$" and owners[0].lower_ in ("its",):
            return None
        owner_tokens = [t for t in owners[0].subtree if t.dep_ != "case"]
        content = self._fragments(clauses[0].subtree, set())
        if not content:
            return None
        source = describe_source(owners[0], self.lexicon, tokens=owner_tokens)
        cue_range = (cue.idx, cue.idx + len(cue))
        return FoundAttribution(
            AttributionKind.INDIRECT, source, cue_range, content, self._sentence_range(sent, content, cue_range)
        )

    def _headline(self, sent: Span) -> FoundAttribution | None:
        """'Claim – GUR' and 'GUR: claim' in a headline."""
        doc = sent.doc
        text = sent.text
        match = HEADLINE_DASH.search(text) or HEADLINE_COLON_TAIL.search(text)
        if match:
            source_span = doc.char_span(sent.start_char + match.end(), sent.end_char, alignment_mode="contract")
            signature = source_span is not None and 0 < len(source_span) <= HEADLINE_SOURCE_MAX_TOKENS
            if signature and match.group().strip() == ":":
                # "…: NIS" — after a colon only a name signs; "Peskov: reports are fake" is a lead-in
                signature = all(t.text[:1].isupper() or t.tag_ in ("DT", "POS") for t in source_span)
            if signature:
                content = self._fragments(iter(doc[sent.start : source_span.start]), set())
                dash = match.group()
                cue_start = sent.start_char + match.start() + len(dash) - len(dash.lstrip())
                if content:
                    source = describe_source(source_span.root, self.lexicon)
                    cue_range = (cue_start, cue_start + len(dash.strip()))
                    return FoundAttribution(
                        AttributionKind.HEADLINE, source, cue_range, content, (sent.start_char, sent.end_char)
                    )
        return self._lead_in(sent, kind=AttributionKind.HEADLINE, proper_only=False, require_verb=False)

    def _lead_in(
        self,
        sent: Span,
        *,
        kind: AttributionKind = AttributionKind.INDIRECT,
        proper_only: bool = True,
        require_verb: bool = True,
    ) -> FoundAttribution | None:
        """'GUR: claim' — a short noun phrase, a colon, a statement (verbless in a headline)."""
        colons = [t for t in sent[: LEAD_IN_MAX_TOKENS + 1] if t.text == ":"]
        if not colons:
            return None
        colon = colons[0]
        lead = [t for t in sent[: colon.i - sent.start] if not is_punct(t)]
        rest = list(sent[colon.i - sent.start + 1 :])
        if not lead or len(rest) < (2 if kind is AttributionKind.HEADLINE else 3) or any(is_verb(t) for t in lead):
            return None
        if not all(is_noun(t) or t.tag_ in ("DT", "JJ", "POS", "CD") for t in lead):
            return None
        if proper_only and not any(is_proper(t) or t.lower_ in self.lexicon.role_heads for t in lead):
            return None
        if require_verb and not any(is_verb(t) for t in rest):
            return None
        content = self._fragments(iter(rest), set())
        source = describe_source(lead[-1], self.lexicon, tokens=lead)
        cue_range = (colon.idx, colon.idx + 1)
        return FoundAttribution(kind, source, cue_range, content, (sent.start_char, sent.end_char))

    def _signed_quotes(self, doc: Doc) -> list[FoundAttribution]:
        """'“…” ― Sonya Herridge “…” ― Pamela Padilla': quotations each signed after a dash
        by a short proper-noun phrase, as in vox pops; several may share one parsed sentence.

        The quotation runs back from its closing mark to the nearest quotation mark of any
        direction (such lists often open a quotation with a closing mark); reporting verbs
        inside it fold into its chain.
        """
        text = self._text
        signed = []
        for match in SIGNED_QUOTE.finditer(text):
            close = match.end(1)
            paragraph = text.rfind("\n\n", 0, match.start(1)) + 1
            opening = max(text.rfind(mark, paragraph, match.start(1)) for mark in QUOTE_MARKS)
            name = doc.char_span(match.start(3), match.end(3), alignment_mode="contract")
            if name is not None and len(name) > 1 and name[-1].text == ".":
                name = name[:-1]  # "― Carla Sanchez." — the full stop ends the entry
            if opening < 0 or close - opening < 3 or name is None:
                continue
            if not 0 < len(name) <= HEADLINE_SOURCE_MAX_TOKENS or not all(is_proper(t) for t in name):
                continue
            source = describe_source(name[-1], self.lexicon, tokens=list(name))
            cue = (match.start(2), match.end(2))
            signed.append(FoundAttribution(AttributionKind.DIRECT, source, cue, [(opening, close)], (opening, name.end_char)))
        return signed

    def _continue_quotes(
        self, doc: Doc, sentences: list[Span], found: list[FoundAttribution], quotes: list[Range]
    ) -> None:
        """'“…,” he said. “…”': a quotation that makes up the next sentence of the paragraph
        continues the speaker's quote, and joins that attribution's content as a fragment."""
        text = self._text
        by_end = sorted(found, key=lambda a: a.sentence[1])
        claimed = [r for a in found for r in a.content]
        quote_at = {start: end for start, end in quotes}
        for attribution in by_end:
            if attribution.kind is not AttributionKind.DIRECT:
                continue
            position = attribution.sentence[1]
            while True:
                gap_end = position + len(text[position:]) - len(text[position:].lstrip())
                if "\n\n" in text[position:gap_end] or gap_end not in quote_at:
                    break
                end = quote_at[gap_end]
                if any(lo < end and gap_end < hi for lo, hi in claimed):
                    break
                sentence_end = max((s.end_char for s in sentences if s.start_char < end), default=end)
                if text[end:sentence_end].strip(" .,;\n"):
                    break  # the sentence goes on after the quotation: not a bare continuation
                attribution.content.append((gap_end, end))
                claimed.append((gap_end, end))
                attribution.sentence = (attribution.sentence[0], max(end, sentence_end))
                position = max(end, sentence_end)

    def _confirmed_in_quotes(
        self, doc: Doc, found: list[FoundAttribution], learned: list[CueSpans], quotes: list[Range]
    ) -> list[FoundAttribution]:
        """Drop a rules' attribution whose cue lies inside a quotation that no other attribution
        holds, unless the learned model marks that cue too.

        Inside a quotation the rules see the quoted speaker's own verbs ("“I want to assure
        our community …”", "“People say, ‘…’”") whenever the quotation's speaker was not
        found; the model, trained on where annotators mark nested reporting, decides there.
        A colon lead-in stays: inside a quotation it labels a transcript's speaker.
        """
        model_cues = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in (spans.cue for spans in learned)]
        kept = []
        for attribution in found:
            cue = attribution.cue
            # a colon lead-in inside a quotation is a transcript's speaker label: '"WALLACE: …'
            quoted = (
                cue is not None
                and self._text[cue[0] : cue[1]] != ":"
                and any(start < cue[0] and cue[1] < end for start, end in quotes)
            )
            if quoted and not any(lo < cue[1] and cue[0] < hi for lo, hi in model_cues):
                continue
            kept.append(attribution)
        return kept

    def _learned(
        self, doc: Doc, found: list[FoundAttribution], learned: list[CueSpans], quotes: list[Range]
    ) -> list[FoundAttribution]:
        """Attributions at the cues the learned model sees and the rules missed.

        The rules keep every word they claimed: a model cue that touches a rule's cue is
        dropped, as are the model's content fragments that touch a rule's span (with no
        fragment left, the cue goes too). Where the model has no source, the noun phrase
        just before the cue is taken (:meth:`_phrase_before`); a source still missing, or
        already the rules', leaves the claim to an unnamed source. Verbs of physical action
        (``non_reporting_verbs.jsonl``: "attacked", "pounded", "shelled") are never cues:
        the model learned PolNeAR's wide notion in which "attacked" is criticism, and in
        war news it is a strike; nor are the constructions :meth:`_vetoed` names.
        """
        claimed: list[Range] = []
        for attribution in found:
            claimed.extend(attribution.content)
            if attribution.cue:
                claimed.append(attribution.cue)
            if attribution.source.start is not None:
                claimed.append((attribution.source.start, attribution.source.end))
        # "…, citing news reports": the cited phrase joins a chain, it is no claim of its own
        for sent in doc.sents:
            for cue_tokens, cited in self._citations(sent):
                claimed.append((cue_tokens[0].idx, cited[-1].idx + len(cited[-1])))

        def free(lo: int, hi: int) -> bool:
            return not any(a < hi and lo < b for a, b in claimed)

        added = []
        for spans in learned:
            cue = doc[spans.cue[0] : spans.cue[1]]
            cue_range = (cue.start_char, cue.end_char)
            if not free(*cue_range) or cue.root.lower_ in self.lexicon.non_reporting:
                continue
            content = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in spans.content]
            speaker = self._phrase_before(cue) if spans.source is None else None
            if speaker is not None and content:
                # the content ends at the comma before the speaker
                comma = speaker[0].nbor(-1)
                content = [(lo, min(hi, comma.idx)) for lo, hi in content if lo < comma.idx]
            if not content or not all(free(lo, hi) for lo, hi in content):
                continue
            if not self._inside_quotes(content, quotes) and self._vetoed(cue.root, content):
                continue
            source_tokens = list(doc[spans.source[0] : spans.source[1]]) if spans.source else speaker or []
            if sum(t.text == "(" for t in source_tokens) != sum(t.text == ")" for t in source_tokens):
                source_tokens = []  # a dateline, not a speaker: "SEOUL, Feb. 27 (Yonhap"
            source_range = (source_tokens[0].idx, source_tokens[-1].idx + len(source_tokens[-1])) if source_tokens else None
            if source_range is not None and free(*source_range):
                inside = {t.i for t in source_tokens}
                bracketed = {t.i for t in source_tokens if any(b.text == "(" for b in doc[source_tokens[0].i : t.i])}
                # the phrase's head, not an abbreviation in brackets: "the National Intelligence Service (NIS)"
                head = next((t for t in source_tokens if t.head.i not in inside and t.i not in bracketed), source_tokens[-1])
                if head.lower_ in self.lexicon.non_speakers:
                    continue
                source = describe_source(head, self.lexicon, tokens=source_tokens)
                claimed.append(source_range)
            else:
                source = SourceInfo(UNNAMED_SOURCE, SourceType.UNNAMED, start=None, end=None)
            kind = AttributionKind.DIRECT if self._inside_quotes(content, quotes) else AttributionKind.INDIRECT
            sentence = self._sentence_range(cue.sent, content, cue_range)
            added.append(FoundAttribution(kind, source, cue_range, content, sentence))
            claimed.extend([cue_range, *content])
        return added

    def _phrase_before(self, cue: Span) -> list[Token] | None:
        """'…, South Korea's spy agency said Friday': the noun phrase between a comma and the
        cue, where the parse left the speaker out of the verb's subject (the model's content
        then runs on over it)."""
        doc = cue.doc
        tokens: list[Token] = []
        for token in reversed(doc[cue.sent.start : cue.start]):
            if token.text == ",":
                break
            tokens.insert(0, token)
        else:
            return None
        if not tokens or len(tokens) > LEAD_IN_MAX_TOKENS + 3:
            return None
        if not all(t.tag_ in NOUN_PHRASE_TAGS or t.tag_ in ("-LRB-", "-RRB-") for t in tokens):
            return None
        return tokens if any(is_noun(t) for t in tokens) else None

    def _vetoed(self, anchor: Token, content: list[Range]) -> bool:
        """Whether a learned verb cue does something other than report, read off its complements.

        Three narrow constructions, so that the model's long tail of reporting verbs
        stays: an order ("told his troops to withdraw": an object and an infinitive, for a
        verb whose entry takes no infinitive); a verb of intention (``"intention": true``
        in ``reporting_verbs.jsonl``) with a plain object ("Kyiv plans a new drive"); and
        content that is nothing but a time ("The government announced on Monday").
        """
        if not is_verb(anchor) or any(c.dep_ == "ccomp" for c in anchor.children):
            return False
        labels = {c.dep_ for c in anchor.children}
        entry = self.lexicon.verbs.get(anchor.lower_)
        if entry is not None and {"dobj", "xcomp"} <= labels and not entry.xcomp:
            return True
        if anchor.lower_ in self._intention_verbs and "dobj" in labels and "xcomp" not in labels:
            return True
        doc = anchor.doc
        words = [t for lo, hi in content for t in doc.char_span(lo, hi, alignment_mode="expand") or ()]
        return bool(words) and all(t.ent_type_ in ("DATE", "TIME") or t.dep_ in ("prep", "det") for t in words)

    # -- helpers ---------------------------------------------------------------

    def _citing_tokens(self, sent: Span) -> set[int]:
        """Tokens of "citing Y" / "referring to Y" phrases in the sentence (they become the chain)."""
        out: set[int] = set()
        for cue, cited in self._citations(sent):
            out |= {t.i for t in cue} | {t.i for t in cited}
            comma = cue[0].nbor(-1) if cue[0].i > sent.start else None
            if comma is not None and comma.text == ",":
                out.add(comma.i)
        return out

    def _citations(self, sent: Span) -> list[tuple[list[Token], list[Token]]]:
        """(cue tokens, tokens of the cited phrase) for each citing phrase in ``sent``."""
        if sent.start not in self._citations_of:
            self._citations_of[sent.start] = self._find_citations(sent)
        return self._citations_of[sent.start]

    def _find_citations(self, sent: Span) -> list[tuple[list[Token], list[Token]]]:
        doc = sent.doc
        found = []
        for token in sent:
            for phrase in self.lexicon.citing:
                end = token.i + len(phrase)
                if end > sent.end or tuple(t.lower_ for t in doc[token.i : end]) != phrase:
                    continue
                last = doc[end - 1]
                objects = [c for c in last.children if c.dep_ in ("dobj", "pobj")]
                if objects:
                    found.append((list(doc[token.i : end]), list(objects[0].subtree)))
                    continue
                # the parse often garbles "referring to drone footage": take the noun phrase that follows
                phrase_tokens = []
                for follower in doc[end : sent.end]:
                    if follower.tag_ not in NOUN_PHRASE_TAGS:
                        break
                    phrase_tokens.append(follower)
                if phrase_tokens and is_noun(phrase_tokens[-1]):
                    found.append((list(doc[token.i : end]), phrase_tokens))
        return found

    @staticmethod
    def _fragments(tokens, excluded: set[int]) -> list[Range]:
        """Contiguous character ranges of ``tokens`` minus ``excluded``, without edge punctuation."""
        kept = sorted((t for t in tokens if t.i not in excluded), key=lambda t: t.i)
        runs: list[list[Token]] = []
        for token in kept:
            if runs and token.i == runs[-1][-1].i + 1:
                runs[-1].append(token)
            else:
                runs.append([token])
        ranges = []
        for run in runs:
            while run and is_punct(run[-1]) and run[-1].text not in "”\"’)":
                run.pop()
            while run and is_punct(run[0]) and run[0].text not in "“\"(":
                run.pop(0)
            if run and any(not is_punct(t) for t in run):
                ranges.append((run[0].idx, run[-1].idx + len(run[-1])))
        return ranges

    @staticmethod
    def _inside_quotes(content: list[Range], quotes: list[Range]) -> bool:
        lo, hi = content[0][0], content[-1][1]
        return any(start <= lo and hi <= end for start, end in quotes)

    @staticmethod
    def _cue_range(cue: Token) -> Range:
        """The cue verb with its auxiliaries, negation and particle: "has also said", "pointed out"."""
        left = cue
        for token in reversed(list(cue.lefts)):
            if token.i == left.i - 1 and token.dep_ in ("aux", "auxpass", "neg", "advmod") and token.lower_ not in ("when", "as", "how"):
                left = token
            else:
                break
        right = cue
        for token in cue.rights:
            if token.dep_ == "prt" and token.i == right.i + 1:
                right = token
        following = right.nbor(1) if right.i + 1 < len(right.doc) else None
        if following is not None and following.text == ":" and not right.whitespace_:
            right = following  # "said:" — the colon introduces the quotation, as PolNeAR marks it
        return left.idx, right.idx + len(right)

    @staticmethod
    def _sentence_range(sent: Span, content: list[Range], cue: Range | None) -> Range:
        starts = [sent.start_char, content[0][0]] + ([cue[0]] if cue else [])
        ends = [sent.end_char, content[-1][1]] + ([cue[1]] if cue else [])
        return min(starts), max(ends)

    # -- folding and resolution -----------------------------------------------

    def _fold_nested(self, found: list[FoundAttribution]) -> list[FoundAttribution]:
        """Fold an attribution whose cue lies in another's content into that one's chain.

        Where two attributions claim the same content, the first keeps it.
        """
        found.sort(key=lambda a: -(a.content_range[1] - a.content_range[0]))
        kept: list[FoundAttribution] = []
        for attribution in found:
            anchor = attribution.cue or (attribution.source.start, attribution.source.end)
            outer = next((k for k in kept if k.covers(*anchor) and not k.refers_back), None)
            if outer is not None:
                outer.chain.append(attribution.source)
                continue
            same = next((k for k in kept if k.content_range == attribution.content_range), None)
            if same is None:
                kept.append(attribution)
        kept.sort(key=lambda a: (a.cue or a.content_range)[0])
        return kept

    def _resolve(self, doc: Doc, found: list[FoundAttribution]) -> list[FoundAttribution]:
        """Resolve pronouns and surnames in reading order; add "citing" sources to chains."""
        resolver = SourceResolver()
        people = entity_people(doc)
        citations = {sent.start: self._citations(sent) for sent in doc.sents}
        order = sorted(found, key=lambda a: a.source.start if a.source.start is not None else a.content_range[0])
        for attribution in order:
            position = attribution.source.start if attribution.source.start is not None else attribution.content_range[0]
            while people and people[0][0] <= position:
                resolver.note_person(people.pop(0)[1])
            attribution.source = resolver.resolve(attribution.source)
            attribution.chain = [resolver.resolve(s) if s.pronoun or s.surname_only else s for s in attribution.chain]
            lo, hi = attribution.sentence
            sent = doc.char_span(lo, hi, alignment_mode="expand")
            if sent is None:
                continue
            for sentence_start, pairs in citations.items():
                if not sent.start <= sentence_start < sent.end:
                    continue
                for _, cited in pairs:
                    head = next((t for t in cited if t.head.i not in {c.i for c in cited}), cited[-1])
                    attribution.chain.append(describe_source(head, self.lexicon, tokens=cited))
        return found
