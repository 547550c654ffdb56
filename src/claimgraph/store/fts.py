"""Full-text search over claims: the one part of the store that differs by dialect.

SQLite searches an FTS5 table (``claims_fts``) that triggers keep in step with
``claims``; PostgreSQL matches a ``to_tsvector`` expression that a GIN index of the
same name covers. The migrations create both objects. Both index the claim's
content span and its sentence, with no stemming and no stop words, so one search
finds the same claims on either database.

User text never reaches either query language as syntax. :func:`parse_search`
reduces it to words (runs of letters and digits) grouped into terms, and each
dialect's query is rebuilt from those words alone:

* every term must occur in the claim text or its sentence, in any order, case-insensitively;
* words joined by punctuation (``north-korean``, ``1,000``) and double-quoted text
  (``"combat zone"``) form a phrase: the words must follow one another;
* a term ending in ``*`` matches its last word as a prefix (``troop*`` finds "troops");
* anything else (``AND``, ``OR``, brackets, a stray ``"``) is read as plain text;
  a search with no words at all matches nothing.

SQLite also folds diacritics (``remove_diacritics 2``); PostgreSQL's ``simple``
configuration does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, bindparam, false, func, literal_column, select
from sqlalchemy.sql import column, table

# Every full-text object (the FTS5 table and its shadow tables, the PostgreSQL
# index) starts with this name, so schema comparison can skip them by prefix.
FTS_OBJECT_PREFIX = "claims_fts"

_CHUNK = re.compile(r'"([^"]*)"?(\*?)|([^\s"]+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits, as FTS5 and PostgreSQL tokenise

_fts5_table = table(FTS_OBJECT_PREFIX, column("claim_id"))
_PG_CONFIG = literal_column("'simple'::regconfig")


@dataclass(frozen=True)
class SearchTerm:
    """Words that must occur one after another; the last one as a prefix if ``prefix``."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_search(text: str) -> list[SearchTerm]:
    """Split free text typed by a user into search terms (see the module docstring).

    text (str): what the user typed.
    RETURNS (list[SearchTerm]): the terms, all of which must match; empty if the
        text holds no words.
    """
    terms = []
    for match in _CHUNK.finditer(text):
        quoted, quoted_star, bare = match.groups()
        chunk = quoted if quoted is not None else bare
        words = tuple(_WORD.findall(chunk))
        if words:
            prefix = bool(quoted_star) if quoted is not None else bare.endswith("*")
            terms.append(SearchTerm(words, prefix))
    return terms


def fts5_query(terms: list[SearchTerm]) -> str:
    """The FTS5 MATCH expression for terms: each a quoted phrase, all required.

    Words hold no ``"`` (they are runs of word characters), so quoting them is safe.
    """
    return " AND ".join('"' + " ".join(t.words) + '"' + ("*" if t.prefix else "") for t in terms)


def tsquery(terms: list[SearchTerm]) -> str:
    """The PostgreSQL ``to_tsquery`` text for terms: phrases joined by ``<->``, all by ``&``.

    Words hold none of tsquery's operator characters, so they parse as plain lexemes.
    """
    return " & ".join(" <-> ".join(t.words) + (":*" if t.prefix else "") for t in terms)


def search_condition(dialect: str, claims: Table, text: str) -> ColumnElement[bool]:
    """A WHERE condition keeping the claims whose text or sentence match ``text``.

    dialect (str): ``"sqlite"`` or ``"postgresql"``.
    claims (Table): the claims table of :mod:`claimgraph.store.schema`.
    text (str): the user's search text, bound as a parameter.
    RETURNS (ColumnElement[bool]): the condition.
    """
    terms = parse_search(text)
    if not terms:
        return false()
    if dialect == "sqlite":
        matching = select(_fts5_table.c.claim_id).where(
            literal_column(FTS_OBJECT_PREFIX).op("MATCH")(bindparam("fts_query", fts5_query(terms)))
        )
        return claims.c.id.in_(matching)
    # The expression must be written exactly as the index claims_fts is (see the
    # initial migration) for PostgreSQL to use that index; the ' ' is a literal, not
    # a bound parameter, for the same reason.
    document = func.to_tsvector(_PG_CONFIG, claims.c.text + literal_column("' '") + claims.c.sentence)
    query = func.to_tsquery(_PG_CONFIG, bindparam("fts_query", tsquery(terms)))
    return document.bool_op("@@")(query)
