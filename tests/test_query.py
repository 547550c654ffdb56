"""ClaimFilter validation and the result records' JSON shapes."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from claimgraph.model import SourceType
from claimgraph.query import ClaimFilter, KBStats, SourceSummary


def test_defaults_match_everything():
    defaults = {f.name: getattr(ClaimFilter(), f.name) for f in dataclasses.fields(ClaimFilter)}
    assert defaults == {name: 0 if name == "offset" else None for name in defaults}


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        ({"kind": "rumour"}, ValueError, "Unknown attribution kind 'rumour'; use one of: direct"),
        ({"limit": -1}, ValueError, "limit must not be negative"),
        ({"offset": -5}, ValueError, "offset must not be negative"),
        ({"offset": 2**63}, ValueError, "offset must be at most 9223372036854775807"),
        ({"limit": "10"}, TypeError, "limit must be an int, not str"),
        ({"limit": True}, TypeError, "limit must be an int, not bool"),
        ({"source": 3}, TypeError, "source must be a str, not int"),
        ({"outlet": "Reu\x00ters"}, ValueError, "outlet must not contain NUL"),
        ({"place": "Su\x00my"}, ValueError, "place must not contain NUL"),
        ({"actor": 7}, TypeError, "actor must be a str, not int"),
        ({"country": "Ukraine"}, ValueError, r"country must be a two-letter ISO 3166-1 code like UA \(got 'Ukraine'\)"),
        ({"country": "U1"}, ValueError, "two-letter ISO"),
        ({"type": "battle"}, ValueError, "Unknown event type 'battle'; use one of: AGREE, .*deploy_forces"),
        ({"modality": "rumoured"}, ValueError, "Unknown modality 'rumoured'; use one of: asserted, estimated"),
        ({"since": "2025-13-01"}, ValueError, r"since must be a date as YYYY-MM-DD \(got '2025-13-01'\)"),
        ({"until": "10/03/2025"}, ValueError, "until must be a date as YYYY-MM-DD"),
        ({"since": "20250310"}, ValueError, "since must be a date as YYYY-MM-DD"),
        ({"since": 2025}, TypeError, "since must be a date or a YYYY-MM-DD string, not int"),
        ({"since": "2025-03-10", "until": "2025-03-01"}, ValueError, r"since \(2025-03-10\) is after until \(2025-03-01\)"),
        ({"negated": "yes"}, TypeError, "negated must be a bool, not str"),
        ({"min_quantity": "1000"}, TypeError, "min_quantity must be a number, not str"),
        ({"max_quantity": True}, TypeError, "max_quantity must be a number, not bool"),
        ({"min_quantity": float("nan")}, ValueError, "min_quantity must be a finite number"),
        ({"min_quantity": 3000, "max_quantity": 1000}, ValueError, r"min_quantity \(3000\) is greater than max_quantity \(1000\)"),
    ],
)
def test_bad_values(kwargs, error, message):
    with pytest.raises(error, match=message):
        ClaimFilter(**kwargs)


@pytest.mark.parametrize(
    "kwargs,normalised",
    [
        ({"country": "ua"}, {"country": "UA"}),
        ({"type": "assault"}, {"type": "ASSAULT"}),
        ({"type": "Deploy_Forces"}, {"type": "deploy_forces"}),
        ({"modality": "HEDGED"}, {"modality": "hedged"}),
        ({"since": "2025-03-10"}, {"since": date(2025, 3, 10)}),
        ({"until": datetime(2025, 3, 10, 23, 59)}, {"until": date(2025, 3, 10)}),
        ({"since": "2025-03-10", "until": "2025-03-10"}, {"since": date(2025, 3, 10), "until": date(2025, 3, 10)}),
        ({"min_quantity": 1000, "max_quantity": 1000.0}, {"min_quantity": 1000, "max_quantity": 1000.0}),
    ],
)
def test_values_are_normalised(kwargs, normalised):
    flt = ClaimFilter(**kwargs)
    assert {name: getattr(flt, name) for name in normalised} == normalised


def test_from_kwargs_names_unknown_filters():
    assert ClaimFilter.from_kwargs(source="Yusov", limit=3) == ClaimFilter(source="Yusov", limit=3)
    with pytest.raises(TypeError, match="Unknown claim filter speaker, when; use source, source_name, search"):
        ClaimFilter.from_kwargs(speaker="Yusov", when="today")


def test_summaries_to_dict():
    summary = SourceSummary("GUR", SourceType.ORGANIZATION, None, None, claims=4, articles=2, outlets=["Ukrinform"], cited=1)
    assert summary.to_dict()["type"] == "organization"
    assert KBStats(1, 2, 3, 4).to_dict() == {"articles": 1, "claims": 2, "sources": 3, "outlets": 4}
