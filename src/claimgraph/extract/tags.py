"""Word-class tests on Penn Treebank tags.

The pipeline runs without spaCy's ``attribute_ruler`` and ``lemmatizer`` (DESIGN.md §4:
about 45% faster), so ``token.pos_`` and ``token.lemma_`` are empty; these helpers read
the tagger's fine-grained ``token.tag_`` instead, and the lexicons list inflected forms.
"""

from __future__ import annotations

from spacy.tokens import Token

PUNCT_TAGS = {",", ".", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "$", "#"}


def is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB")


def is_proper(token: Token) -> bool:
    return token.tag_ in ("NNP", "NNPS")


def is_noun(token: Token) -> bool:
    return token.tag_.startswith("NN")


def is_pronoun(token: Token) -> bool:
    return token.tag_ in ("PRP", "WP")


def is_punct(token: Token) -> bool:
    return token.tag_ in PUNCT_TAGS or token.is_punct or token.is_space
