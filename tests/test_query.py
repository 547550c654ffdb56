"""ClaimFilter validation and the result records' JSON shapes."""

from __future__ import annotations

import pytest

from claimgraph.model import SourceType
from claimgraph.query import ClaimFilter, KBStats, SourceSummary


def test_defaults_match_everything():
    assert ClaimFilter() == ClaimFilter(None, None, None, None, None, None, 0)


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        ({"kind": "rumour"}, ValueError, "Unknown attribution kind 'rumour'; use one of: direct"),
        ({"limit": -1}, ValueError, "limit must not be negative"),
        ({"offset": -5}, ValueError, "offset must not be negative"),
        ({"limit": "10"}, TypeError, "limit must be an int, not str"),
        ({"limit": True}, TypeError, "limit must be an int, not bool"),
        ({"source": 3}, TypeError, "source must be a str, not int"),
        ({"outlet": "Reu\x00ters"}, ValueError, "outlet must not contain NUL"),
    ],
)
def test_bad_values(kwargs, error, message):
    with pytest.raises(error, match=message):
        ClaimFilter(**kwargs)


def test_from_kwargs_names_unknown_filters():
    assert ClaimFilter.from_kwargs(source="Yusov", limit=3) == ClaimFilter(source="Yusov", limit=3)
    with pytest.raises(TypeError, match="Unknown claim filter speaker, when; use source, search"):
        ClaimFilter.from_kwargs(speaker="Yusov", when="today")


def test_summaries_to_dict():
    summary = SourceSummary("GUR", SourceType.ORGANIZATION, None, None, claims=4, articles=2, outlets=["Ukrinform"], cited=1)
    assert summary.to_dict()["type"] == "organization"
    assert KBStats(1, 2, 3, 4).to_dict() == {"articles": 1, "claims": 2, "sources": 3, "outlets": 4}
