"""CSV export: the rows and columns of `claimgraph claims --format csv`."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from claimgraph.cli import CLAIM_COLUMNS, cli
from claimgraph.export import export


def test_header_is_the_cli_csv_columns(kb):
    out = io.StringIO()
    export(kb, "csv", out)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header == [column.name for column in CLAIM_COLUMNS if column.csv]


def test_one_row_per_claim_with_flattened_facets(kb):
    out = io.StringIO()
    count = export(kb, "csv", out, place="Kursk")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == count == len(kb.claims(place="Kursk"))
    seoul = next(row for row in rows if row["source_name"] == "South Korea's National Intelligence Service")
    assert seoul["places"].split("; ")[1].startswith("Kursk Oblast")
    assert seoul["quantity_low"] and seoul["unit"]


def test_export_equals_claims_csv(kb_path):
    runner = CliRunner()
    exported = runner.invoke(cli, ["export", "--format", "csv", "--source", "Peskov", "--db", str(kb_path)])
    listed = runner.invoke(cli, ["claims", "--format", "csv", "--source", "Peskov", "--db", str(kb_path)])
    assert exported.exit_code == 0, exported.output
    assert exported.output == listed.output
    assert len(exported.output.splitlines()) == 2
