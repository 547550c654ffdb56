"""Admiralty grades: source reliability from track records and priors, credibility from links."""

from __future__ import annotations

import pytest

from claimgraph.errors import GradingConfigError
from claimgraph.grade import (
    LISTED_SOURCES,
    Evidence,
    SourcePrior,
    TrackRecord,
    claim_credibility,
    distinct_evidence,
    read_priors,
    source_reliability,
)


def test_reliability_cannot_be_judged_below_the_minimum():
    letter, reasons = source_reliability(TrackRecord(claims=10, corroborated=2, contradicted=0))
    assert letter == "F"
    assert reasons[0] == "track record: 2 of 10 claims corroborated by independent sources, 0 contradicted"
    assert "fewer than 3 judged claims" in reasons[-1]


@pytest.mark.parametrize(
    "corroborated,contradicted,letter",
    [(10, 0, "A"), (4, 1, "B"), (3, 2, "C"), (1, 2, "D"), (0, 4, "E")],
)
def test_reliability_from_the_share_corroborated(corroborated, contradicted, letter):
    assert source_reliability(TrackRecord(20, corroborated, contradicted))[0] == letter


def test_prior_counts_as_judged_claims_and_is_named():
    prior = SourcePrior("national intelligence service", "B", 5, "priors.toml")
    letter, reasons = source_reliability(TrackRecord(1, 0, 0), prior)
    assert letter == "B"
    assert "analyst's prior B counted as 5 claims (priors.toml)" in reasons
    # The record outweighs the prior as it grows.
    assert source_reliability(TrackRecord(20, 0, 20), prior)[0] == "E"


@pytest.mark.parametrize(
    "relations,credibility",
    [
        (["corroborates", "corroborates"], 1),
        (["corroborates"], 2),
        (["corroborates", "corroborates", "contradicts"], 3),
        (["corroborates", "contradicts"], 4),
        (["contradicts"], 5),
        (["same"], 3),
        ([], 6),
    ],
)
def test_credibility_from_links(relations, credibility):
    evidence = [Evidence(relation, f"Source {i}", "2024-10-23") for i, relation in enumerate(relations)]
    found, reasons = claim_credibility(evidence)
    assert found == credibility
    assert reasons[-1].startswith(f"credibility {credibility}: ")


def test_two_claims_of_one_source_corroborate_once():
    evidence = [Evidence("corroborates", "NIS", "2024-10-23"), Evidence("corroborates", "nis", "2024-10-25")]
    credibility, reasons = claim_credibility(evidence)
    assert credibility == 2
    assert reasons[0] == "corroborated by NIS (2024-10-23)"


def test_distinct_evidence_keeps_each_speaker_once_per_relation_at_its_earliest_date():
    evidence = [
        Evidence("corroborates", "nis", "2024-10-25"),
        Evidence("corroborates", "NIS", "2024-10-23"),
        Evidence("contradicts", "NIS", "2024-10-30"),
        Evidence("corroborates", "Kirby", "2024-10-24", "united_states"),
        Evidence("corroborates", "Kirby", None, "united_states"),
        Evidence("corroborates", "Kirby", "2024-10-26", "pentagon"),  # another group: kept
    ]
    kept = distinct_evidence(evidence)
    assert kept == [
        Evidence("contradicts", "NIS", "2024-10-30"),
        Evidence("corroborates", "NIS", "2024-10-23"),
        Evidence("corroborates", "Kirby", "2024-10-24", "united_states"),
        Evidence("corroborates", "Kirby", "2024-10-26", "pentagon"),
    ]
    # The order it is given in does not matter, and what it keeps grades as the whole did.
    assert distinct_evidence(reversed(evidence)) == kept
    assert claim_credibility(kept) == claim_credibility(evidence)


def test_a_reason_names_the_first_sources_and_counts_the_rest():
    evidence = [Evidence("corroborates", f"Official {i:02}", f"2024-10-{i + 1:02}") for i in range(LISTED_SOURCES + 3)]
    credibility, reasons = claim_credibility(evidence)
    assert credibility == 1
    assert reasons[0].startswith("corroborated by Official 00 (2024-10-01), Official 01 (2024-10-02), ")
    assert reasons[0].endswith(f"Official {LISTED_SOURCES - 1:02} (2024-10-{LISTED_SOURCES:02}) and 3 more")


def test_read_priors(tmp_path):
    path = tmp_path / "priors.toml"
    path.write_text('[sources."National  Intelligence Service"]\nreliability = "B"\n[sources.Kremlin]\nreliability = "C"\nweight = 2\n')
    assert read_priors(path) == [
        SourcePrior("national intelligence service", "B", 3.0, str(path)),
        SourcePrior("kremlin", "C", 2.0, str(path)),
    ]


@pytest.mark.parametrize(
    "text,message",
    [
        ("not toml [", "Cannot read the grading priors"),
        ("[other]\nx = 1\n", r"no \[sources"),
        ('[sources.NIS]\nreliability = "G"\n', "reliability must be one of A, B, C, D, E"),
        ('[sources.NIS]\nreliability = "B"\nweight = 0\n', "weight must be a positive number"),
    ],
)
def test_bad_priors_name_the_file_and_the_problem(tmp_path, text, message):
    path = tmp_path / "priors.toml"
    path.write_text(text)
    with pytest.raises(GradingConfigError, match=message) as info:
        read_priors(path)
    assert str(path) in str(info.value)


def test_missing_priors_file(tmp_path):
    with pytest.raises(GradingConfigError, match="Cannot read the grading priors"):
        read_priors(tmp_path / "absent.toml")
