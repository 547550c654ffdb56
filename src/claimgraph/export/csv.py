"""CSV export: one row per claim, the columns of ``claimgraph claims --format csv``.

The columns are the CLI's own (:data:`claimgraph.cli.CLAIM_COLUMNS`, those marked
for CSV), so a spreadsheet made from either has the same header. Facets are
flattened one value per record, records separated by ``"; "``, so that
``quantity_low``, ``quantity_high`` and ``unit`` line up.
"""

from __future__ import annotations

import csv
from typing import TextIO

from ..kb import KnowledgeBase
from ..link import LinkedClaim


def write(kb: KnowledgeBase, claims: list[LinkedClaim], out: TextIO) -> None:
    """Write a header row and one row per claim."""
    # Imported here: the CLI module imports this package for the export command.
    from ..cli import CLAIM_COLUMNS, csv_cell

    columns = [column for column in CLAIM_COLUMNS if column.csv]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(column.name for column in columns)
    for stored in claims:
        writer.writerow(csv_cell(column.value(stored)) for column in columns)
