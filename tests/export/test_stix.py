"""STIX 2.1 export: the bundle parses back strictly, with one object per record."""

from __future__ import annotations

import io
from collections import Counter

import stix2
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.export import FORMATS, export


def bundle_text(kb, **filters) -> str:
    out = io.StringIO()
    export(kb, "stix", out, **filters)
    return out.getvalue()


def expected_counts(kb) -> Counter:
    claims = kb.claims()
    ids = {stored.claim.id for stored in claims}
    sources = {stored.claim.attribution.source.key for stored in claims}
    outlets = {stored.outlet.casefold() for stored in claims if stored.outlet}
    places = {
        (place.geonameid, place.lat, place.lon) for stored in claims for place in stored.claim.places
        if place.lat is not None or place.country is not None
    }  # fmt: skip
    pairs = {
        frozenset((stored.claim.id, link["claim"]))
        for stored in claims
        for link in stored.links
        if link["claim"] in ids
    }
    return Counter(
        {
            "identity": len(sources) + len(outlets),
            "report": len({stored.claim.article_id for stored in claims}),
            "location": len(places),
            "note": len(claims),
            "relationship": len(pairs),
        }
    )


def test_bundle_parses_back_strictly_with_matching_counts(kb):
    bundle = stix2.parse(bundle_text(kb), allow_custom=False)
    counts = Counter(obj.type for obj in bundle.objects)
    assert counts == expected_counts(kb)
    assert counts["relationship"] >= 2  # the wire articles corroborate and contradict


def test_references_point_inside_the_bundle(kb):
    bundle = stix2.parse(bundle_text(kb), allow_custom=False)
    ids = {obj.id for obj in bundle.objects}
    for obj in bundle.objects:
        refs = list(obj.get("object_refs", [])) + [obj.get(name) for name in ("created_by_ref", "source_ref", "target_ref")]
        assert {ref for ref in refs if ref} <= ids, obj.id


def test_notes_carry_grades_and_relationships_the_links(kb):
    bundle = stix2.parse(bundle_text(kb), allow_custom=False)
    notes = [obj for obj in bundle.objects if obj.type == "note"]
    graded = {stored.claim.text: stored.grade for stored in kb.claims()}
    for note in notes:
        grade = graded[note.content.split("\n")[0]]
        assert note.labels == [f"grade-{grade.code}"]
        assert f"Admiralty grade {grade.code}" in note.content
    relations = {obj.relationship_type for obj in bundle.objects if obj.type == "relationship"}
    assert relations == {"corroborates", "contradicts"}


def test_re_export_is_identical(kb):
    assert bundle_text(kb) == bundle_text(kb)


def test_filtered_bundle_has_no_dangling_relationships(kb):
    bundle = stix2.parse(bundle_text(kb, source="Peskov"), allow_custom=False)
    assert Counter(obj.type for obj in bundle.objects)["note"] == 1
    assert not [obj for obj in bundle.objects if obj.type == "relationship"]


def test_cli_writes_a_file_for_each_format(kb_path, tmp_path):
    runner = CliRunner()
    for fmt in FORMATS:
        out = tmp_path / f"claims.{fmt}"
        result = runner.invoke(cli, ["export", "--format", fmt, "--out", str(out), "--db", str(kb_path)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert stix2.parse((tmp_path / "claims.stix").read_text(encoding="utf-8"), allow_custom=False)


def test_cli_format_choices_are_the_export_formats():
    command = cli.get_command(None, "export")
    fmt = next(param for param in command.params if param.name == "fmt")
    assert list(fmt.type.choices) == list(FORMATS)


def test_cli_bad_filter_is_a_usage_error(kb_path):
    result = CliRunner().invoke(
        cli, ["export", "--format", "csv", "--since", "2024-10-26", "--until", "2024-10-01", "--db", str(kb_path)]
    )
    assert result.exit_code == 2
    assert "--since (2024-10-26) is after --until (2024-10-01)" in result.output
