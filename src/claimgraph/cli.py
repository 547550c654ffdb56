"""The ``claimgraph`` command line: ingest, extract, query and evaluate from a shell.

Each command is a thin shell over the Python API. It opens the knowledge base and
calls the method of the same name (``ingest`` → :meth:`KnowledgeBase.ingest`,
``claims`` → :meth:`KnowledgeBase.claims`, ``article`` → :meth:`KnowledgeBase.article`,
``sources`` → :meth:`KnowledgeBase.sources`), so the command line can do nothing the
library cannot. Commands that print rows share one set of output options
(:func:`output_options`) and one writer (:func:`output_records`); ``demo`` reuses
``ingest`` and ``claims`` through ``ctx.invoke``. Library errors
(:class:`claimgraph.errors.ClaimgraphError`) become :class:`click.ClickException`
carrying the library's message, which says what to do next; nothing ends in a traceback.

Heavy imports (spaCy, SQLAlchemy) happen inside the commands so that ``--help`` is quick.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .datafiles import demo_articles
from .errors import ClaimgraphError, Errors, IngestError
from .model import (
    AttributionKind,
    Claim,
    Document,
    EventSubtype,
    EventType,
    Field,
    Modality,
    Place,
    Polarity,
    SourceType,
    TimeSpan,
    describe_range,
)

if TYPE_CHECKING:
    from .kb import KnowledgeBase

DEFAULT_DB = "./claimgraph.db"
TABLE_PAGE_SIZE = 50  # rows the table view shows when --limit is not given
DEMO_SAMPLE_SIZE = 5  # top sources and sample claims `demo` prints
DEMO_CHART = "claimgraph-timeline.png"  # the largest story's timeline, drawn beside the demo database

# How `article` marks spans: bracket markers when the output is not a terminal (or
# under --plain), so the view stays readable in a pipe; rich styles on a terminal.
SPAN_MARKERS = {"source": ("[S:", "]"), "cue": ("[C:", "]"), "content": ("{", "}")}
SPAN_STYLES = {"source": "bold cyan", "cue": "bold magenta", "content": "yellow"}


@dataclass(frozen=True)
class Column:
    """One column of the table and CSV views: its heading and how to get its value."""

    name: str
    value: Callable[[Any], Any]
    in_table: bool = True  # the table shows only the readable columns
    csv: bool = True  # CSV leaves out the table's summaries of what it has as separate fields
    ratio: int | None = None  # share of the table's spare width (long free text)
    no_wrap: bool = False  # ids, dates and codes stay on one line


def describe_source(claim: Claim) -> str:
    """'Name (role, organisation)' for a claim's source, as one table cell."""
    source = claim.attribution.source
    details = ", ".join(part for part in (source.role, source.organization) if part)
    return f"{source.name} ({details})" if details else source.name


def chain_names(claim: Claim) -> str:
    return "; ".join(cited.name for cited in claim.attribution.chain)


def cue_text(claim: Claim) -> str:
    return claim.attribution.cue.text if claim.attribution.cue else ""


# Facets in table cells and CSV fields: one entry per record, "; " between records,
# so that the CSV columns of one facet (quantity_low, quantity_high, unit) line up.
FACET_SEPARATOR = "; "


def number(value: float | None) -> str:
    """A figure for CSV: no trailing ".0", no grouping."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def describe_time(span: TimeSpan) -> str:
    """'2025-03-10', or '2025-01-01–2025-02-28' for a span of days ('–' lets a narrow cell wrap)."""
    if span.start_date == span.end_date:
        return span.start_date.isoformat()
    return f"{span.start_date.isoformat()}–{span.end_date.isoformat()}"


def describe_place(place: Place) -> str:
    """'Novenke (Sumska Oblast, UA)'; a region or country without repeating itself."""
    details = [part for part in (place.admin1, place.country) if part and part != place.name]
    return f"{place.name} ({', '.join(details)})" if details else place.name


def describe_event(claim: Claim) -> str:
    """The sub-type (or type), then polarity and modality where they are not the default."""
    event = claim.event_subtype or claim.event_type
    parts = [event.value if event else ""]
    if claim.polarity is Polarity.NEGATED:
        parts.append(Polarity.NEGATED.value)
    if claim.modality is not Modality.ASSERTED:
        parts.append(claim.modality.value)
    return ", ".join(part for part in parts if part)


def joined(values: Iterable[str]) -> str:
    return FACET_SEPARATOR.join(values)


CLAIM_COLUMNS = (
    Column("claim", lambda row: row.claim.text, ratio=2),
    Column("source", lambda row: describe_source(row.claim), ratio=1),
    Column("kind", lambda row: row.claim.attribution.kind.value),
    Column("outlet", lambda row: row.outlet, ratio=1),
    Column("published", lambda row: row.published.isoformat() if row.published else None, no_wrap=True),
    Column("article", lambda row: row.claim.article_id, no_wrap=True),
    Column("id", lambda row: row.claim.id, in_table=False),
    Column("source_name", lambda row: row.claim.attribution.source.name, in_table=False),
    Column("source_type", lambda row: row.claim.attribution.source.type.value, in_table=False),
    Column("role", lambda row: row.claim.attribution.source.role, in_table=False),
    Column("organization", lambda row: row.claim.attribution.source.organization, in_table=False),
    Column("cue", lambda row: cue_text(row.claim), in_table=False),
    Column("chain", lambda row: chain_names(row.claim), in_table=False),
    Column("field", lambda row: row.claim.field.value, in_table=False),
    Column("start", lambda row: row.claim.start, in_table=False),
    Column("end", lambda row: row.claim.end, in_table=False),
    Column("title", lambda row: row.article_title, in_table=False),
    Column("url", lambda row: row.url, in_table=False),
    Column("type", lambda row: describe_event(row.claim), ratio=1, csv=False),
    Column("places", lambda row: joined(describe_place(p) for p in row.claim.places), ratio=1),
    Column("times", lambda row: joined(describe_time(t) for t in row.claim.times), ratio=1, csv=False),
    Column("quantities", lambda row: joined(q.describe() for q in row.claim.quantities), ratio=1, csv=False),
    Column("actors", lambda row: joined(f"{a.name} ({a.role.value})" for a in row.claim.actors), in_table=False),
    Column("event_type", lambda row: row.claim.event_type.value if row.claim.event_type else None, in_table=False),
    Column("event_subtype", lambda row: row.claim.event_subtype.value if row.claim.event_subtype else None, in_table=False),
    Column("polarity", lambda row: row.claim.polarity.value, in_table=False),
    Column("modality", lambda row: row.claim.modality.value, in_table=False),
    Column("time_start", lambda row: joined(t.start_date.isoformat() for t in row.claim.times), in_table=False),
    Column("time_end", lambda row: joined(t.end_date.isoformat() for t in row.claim.times), in_table=False),
    Column("quantity_low", lambda row: joined(number(q.low) for q in row.claim.quantities), in_table=False),
    Column("quantity_high", lambda row: joined(number(q.high) for q in row.claim.quantities), in_table=False),
    Column("unit", lambda row: joined(q.unit or "" for q in row.claim.quantities), in_table=False),
    Column("grade", lambda row: row.grade.code if row.grade else None, no_wrap=True),
    Column("story", lambda row: row.story.label if row.story else None, in_table=False),
    Column("story_id", lambda row: row.story.id if row.story else None, in_table=False),
    Column("links", lambda row: joined(f"{link['relation']} {link['claim']}" for link in row.links), in_table=False),
)

# `extract` has no database, so its rows are bare claims of one document.
EXTRACTED_CLAIM_COLUMNS = (
    Column("claim", lambda claim: claim.text, ratio=3),
    Column("source", lambda claim: claim.attribution.source.name, ratio=1),
    Column("role", lambda claim: claim.attribution.source.role, ratio=1),
    Column("org", lambda claim: claim.attribution.source.organization, ratio=1),
    Column("kind", lambda claim: claim.attribution.kind.value),
    Column("cue", cue_text),
)


SOURCE_COLUMNS = (
    Column("name", lambda summary: summary.name, ratio=2),
    Column("type", lambda summary: summary.type.value),
    Column("role", lambda summary: summary.role, ratio=1),
    Column("organization", lambda summary: summary.organization, ratio=2),
    Column("claims", lambda summary: summary.claims, no_wrap=True),
    Column("articles", lambda summary: summary.articles, no_wrap=True),
    Column("cited", lambda summary: summary.cited, no_wrap=True),
    Column("outlets", lambda summary: "; ".join(summary.outlets), ratio=2),
    Column("corroborated", lambda summary: summary.corroborated, no_wrap=True),
    Column("contradicted", lambda summary: summary.contradicted, no_wrap=True),
    Column("reliability", lambda summary: summary.reliability, no_wrap=True),
    Column("reasons", lambda summary: "; ".join(summary.reasons), ratio=3),
)


# `related` rows: how each claim relates to the one asked about, then the claim.
RELATED_COLUMNS = (
    Column("relation", lambda pair: pair[0]["relation"], no_wrap=True),
    Column("published", lambda pair: pair[1].published.isoformat() if pair[1].published else None, no_wrap=True),
    Column("claim", lambda pair: pair[1].claim.text, ratio=3),
    Column("source", lambda pair: describe_source(pair[1].claim), ratio=1),
    Column("outlet", lambda pair: pair[1].outlet, ratio=1),
    Column("grade", lambda pair: pair[1].grade.code if pair[1].grade else None, no_wrap=True),
    Column("evidence", lambda pair: pair[0]["evidence"], in_table=False),
    Column("id", lambda pair: pair[1].claim.id, no_wrap=True),
)

STORY_COLUMNS = (
    Column("id", lambda story: story.id, no_wrap=True),
    Column("claims", lambda story: story.size, no_wrap=True),
    Column("first", lambda story: story.first_published.isoformat() if story.first_published else None, no_wrap=True),
    Column("last", lambda story: story.last_published.isoformat() if story.last_published else None, no_wrap=True),
    Column("label", lambda story: story.label, ratio=1),
)

TIMELINE_COLUMNS = (
    Column("date", lambda row: row.day.isoformat() if row.day else None, no_wrap=True),
    Column("estimate", lambda row: describe_range(row.low, row.high, row.unit), no_wrap=True, csv=False),
    Column("low", lambda row: number(row.low), in_table=False),
    Column("high", lambda row: number(row.high), in_table=False),
    Column("unit", lambda row: row.unit, in_table=False),
    Column("source", lambda row: row.source, ratio=1),
    Column("outlet", lambda row: row.outlet, ratio=1),
    Column("relation", lambda row: row.relation, no_wrap=True),
    Column("forecast", lambda row: "forecast" if row.forecast else None, no_wrap=True),
    Column("published", lambda row: row.published.isoformat() if row.published else None, in_table=False),
    Column("claim", lambda row: row.claim, ratio=3),
    Column("id", lambda row: row.claim_id, in_table=False),
)

# The table's facet and link columns, left out of a page where every cell of theirs
# is empty (claims stored before facets were extracted have none).
FACET_TABLE_COLUMNS = ("type", "places", "times", "quantities", "grade")


def claim_table_columns(rows: Sequence[Any]) -> list[Column]:
    """CLAIM_COLUMNS less the facet columns that would be empty on this page."""
    return [
        column
        for column in CLAIM_COLUMNS
        if column.name not in FACET_TABLE_COLUMNS or any(column.value(row) for row in rows)
    ]


def columns_named(columns: Sequence[Column], *names: str) -> list[Column]:
    """The columns with these names, in the order given."""
    by_name = {column.name: column for column in columns}
    return [by_name[name] for name in names]


# ---------------------------------------------------------------- shared options


def db_option(command: Callable) -> Callable:
    """--db PATH, from CLAIMGRAPH_DB when not given."""
    return click.option(
        "--db",
        metavar="PATH",
        envvar="CLAIMGRAPH_DB",
        show_envvar=True,
        default=DEFAULT_DB,
        show_default=True,
        help="Knowledge base: a SQLite file (created by ingest and demo).",
    )(command)


def output_options(*formats: str, default: str) -> Callable[[Callable], Callable]:
    """--format (one of ``formats``) and --no-headers, for every command that prints rows.

    json is one JSON list, streamed one element per line; jsonl is one JSON object
    per line with no enclosing list; csv and table print the columns listed for
    the command. Decorated functions receive ``fmt`` and ``no_headers``.
    """

    def decorator(command: Callable) -> Callable:
        command = click.option(
            "--no-headers", is_flag=True, help="Leave out the header row."
        )(command)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=default,
            show_default=True,
            help="Output format.",
        )(command)

    return decorator


# ---------------------------------------------------------------- output


def stdout_console() -> Console:
    # Built per call: click's test runner swaps sys.stdout between invocations.
    return Console(soft_wrap=False, highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def write_json_list(objects: Iterable[dict[str, Any]], *, indent: int | None = None) -> None:
    """Print a JSON list one element at a time, so nothing is built up in memory."""
    opened = False
    for obj in objects:
        click.echo(",\n " if opened else "[", nl=False)
        click.echo(json.dumps(obj, ensure_ascii=False, indent=indent), nl=False)
        opened = True
    click.echo("]" if opened else "[]")


def output_records(
    records: Iterable[Any],
    fmt: str,
    columns: Sequence[Column],
    *,
    no_headers: bool = False,
    title: str | None = None,
) -> None:
    """Print ``records`` (objects with ``to_dict()``) as json, jsonl, csv or a rich table."""
    if fmt == "json":
        write_json_list(record.to_dict() for record in records)
    elif fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
    elif fmt == "csv":
        columns = [column for column in columns if column.csv]
        writer = csv.writer(sys.stdout, lineterminator="\n")
        if not no_headers:
            writer.writerow(column.name for column in columns)
        for record in records:
            writer.writerow(csv_cell(column.value(record)) for column in columns)
    else:
        table_columns = [column for column in columns if column.in_table]
        table = Table(show_header=not no_headers, title=title, title_justify="left", expand=True)
        for column in table_columns:
            table.add_column(column.name, overflow="fold", ratio=column.ratio, no_wrap=column.no_wrap)
        for record in records:
            # Text cells are never read as rich markup: claim text may contain "[...]".
            table.add_row(*(Text(csv_cell(column.value(record))) for column in table_columns))
        stdout_console().print(table)


def csv_cell(value: Any) -> str:
    return "" if value is None else str(value)


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn claimgraph's own exceptions into a clean message and exit code 1."""
    try:
        yield
    except ClaimgraphError as error:
        raise click.ClickException(str(error)) from error


def open_knowledge_base(db: str, *, must_exist: bool) -> KnowledgeBase:
    """Open the knowledge base at ``db``; read-only commands refuse to create an empty one."""
    from .kb import KnowledgeBase

    is_url = "://" in db  # a SQLAlchemy URL names a server database, not a file
    if must_exist and not is_url and not Path(db).exists():
        raise click.ClickException(
            Errors.E011.format(
                db=db,
                reason="no such file; build one with `claimgraph ingest PATH…` or `claimgraph demo`, "
                "or point --db / CLAIMGRAPH_DB at an existing one",
            )
        )
    with library_errors():
        return KnowledgeBase(db)


# ---------------------------------------------------------------- commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def cli() -> None:
    """Who claimed what: source-attributed claims from news articles.

    Read articles into a local knowledge base with `ingest`, then query it with
    `claims`, `article` and `sources`. `extract` works on a file without a
    database; `demo` builds a knowledge base from the bundled demo articles.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Articles parsed and written per transaction.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes that parse articles; each worker loads the language model (about 300 MiB).",
)
@click.option(
    "--dask",
    "scheduler",
    metavar="ADDRESS",
    help="Parse on the workers of the Dask scheduler at ADDRESS (tcp://host:8786); needs claimgraph[dask].",
)
@click.option("--silent", is_flag=True, help="Do not show the progress bar.")
@db_option
def ingest(paths: tuple[str, ...], batch_size: int, jobs: int, scheduler: str | None, silent: bool, db: str) -> None:
    """Read articles from PATHS into the knowledge base.

    PATHS are files, directories (read recursively) or - for standard input.
    Formats: plain text (.txt, with an optional header block of Title:, Outlet:,
    Published: and URL: lines, then a blank line), HTML, JSON Lines and CSV (columns
    title, text, published, outlet, url) and RSS/Atom feeds. An article already in
    the knowledge base is skipped. The new claims are then linked to the stored
    ones, and stories and grades updated (as `claimgraph link` does). If an input
    cannot be read, the error names it, the other inputs are still stored, and the
    exit code is 1.
    """
    if jobs > 1 and scheduler:
        raise click.UsageError("--jobs and --dask both say where to parse; give one")
    errors_console = stderr_console()

    def report_error(error: IngestError) -> None:
        message = str(error)
        if error.origin and error.origin not in message:
            message = f"{error.origin}: {message}"
        errors_console.print(Text(f"Error: {message}", style="red"))

    with open_knowledge_base(db, must_exist=False) as kb, ingest_progress(
        paths, console=errors_console, silent=silent
    ) as advance, library_errors():
        report = kb.ingest(list(paths), on_error=report_error, progress=advance, batch_size=batch_size, jobs=jobs, scheduler=scheduler)

    click.echo(
        f"{report.read} article{'s' if report.read != 1 else ''} read: "
        f"{report.added} added, {report.skipped} already in {db}"
    )
    if report.linked is not None:
        links = ", ".join(f"{count} {relation}" for relation, count in sorted(report.linked.links.items())) or "no links"
        click.echo(f"Linked {report.linked.claims} new claims: {links}; {report.linked.stories} stories updated")
    if report.errors:
        failed = len(report.errors)
        click.echo(f"{failed} input{'s' if failed != 1 else ''} could not be read (see above)", err=True)
        raise click.exceptions.Exit(1)


@contextmanager
def ingest_progress(
    paths: Sequence[str], *, console: Console, silent: bool
) -> Iterator[Callable[[int], None] | None]:
    """A byte-counting progress bar over ``paths``; None for stdin or under --silent."""
    if silent or "-" in paths:
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    total = sum(input_size(Path(path)) for path in paths)
    with Progress(
        TextColumn("Ingesting"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=total)
        yield lambda consumed: progress.advance(task, consumed)


def input_size(path: Path) -> int:
    """Bytes the ingest readers will consume from ``path``: the file, or a directory's article files."""
    from .ingest import iter_input_files

    if path.is_dir():
        # An unreadable subdirectory is reported once, by the ingest itself.
        return sum(file.stat().st_size for file in iter_input_files(path, lambda error: None))
    return path.stat().st_size


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="Publication date (YYYY-MM-DD), overriding the input's own; anchors relative times.",
)
@click.option("--outlet", help="Outlet that carried the article(s), overriding the input's own.")
@click.option("--title", help="Headline, overriding the input's own (searched for headline attribution).")
@output_options("json", "jsonl", "table", default="json")
def extract(
    file: str,
    published: datetime | None,
    outlet: str | None,
    title: str | None,
    fmt: str,
    no_headers: bool,
) -> None:
    """Print the claims in FILE (- for stdin); no database.

    FILE may be in any format `ingest` reads. json prints the document
    (docs/json.md): one object, or a JSON list of documents when FILE holds
    several articles. jsonl prints one document per line. table prints each
    article's claims with source, role, organisation, kind and cue.
    """
    from .extract import extract_articles
    from .ingest import read_articles

    overrides = {
        name: value
        for name, value in (
            ("published", published.date() if published else None),
            ("outlet", outlet),
            ("title", title),
        )
        if value is not None
    }
    with library_errors():
        # A line of claimgraph's own export reads as a stored Document; extract runs on its article.
        articles = (item.article if isinstance(item, Document) else item for item in read_articles([file]))
        documents = extract_articles(dataclasses.replace(article, **overrides) for article in articles)
        if fmt == "json":
            write_documents_json(documents)
        elif fmt == "jsonl":
            for document in documents:
                click.echo(json.dumps(document.to_dict(), ensure_ascii=False))
        else:
            for document in documents:
                output_records(
                    document.claims,
                    "table",
                    EXTRACTED_CLAIM_COLUMNS,
                    no_headers=no_headers,
                    title=document.article.title or document.article.id,
                )


def write_documents_json(documents: Iterable[Document]) -> None:
    """One document as an object; several as a list, streamed one document at a time."""
    documents = iter(documents)
    first = next(documents, None)
    if first is None:
        click.echo("[]")
        return
    second = next(documents, None)
    if second is None:
        click.echo(json.dumps(first.to_dict(), ensure_ascii=False, indent=2))
        return
    write_json_list((document.to_dict() for document in chain((first, second), documents)), indent=2)


class CountryCode(click.ParamType):
    """A two-letter ISO 3166-1 code, any case, given back in upper case."""

    name = "country code"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if not (isinstance(value, str) and len(value) == 2 and value.isascii() and value.isalpha()):
            self.fail(f"{value!r} is not a two-letter ISO 3166-1 country code such as UA or RU.", param, ctx)
        return value.upper()


class AdmiraltyGrade(click.ParamType):
    """An Admiralty grade filter: a reliability letter, a credibility digit, or both ("B2")."""

    name = "grade"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from .link import parse_grade

        try:
            parse_grade(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)
        return value


def check_order(low: Any, high: Any, low_option: str, high_option: str, *, relation: str) -> None:
    """A usage error when a range's lower option is above its upper one ("--min (3000.0) is greater than …")."""
    if low is not None and high is not None and low > high:
        raise click.UsageError(f"{low_option} ({low}) {relation} {high_option} ({high}); nothing could match.")


def facet_options(command: Callable) -> Callable:
    """The facet filters of `claims`, each one keyword of KnowledgeBase.claims."""
    iso_date = click.DateTime(formats=["%Y-%m-%d"])
    options = [
        click.option(
            "--place",
            help="Only claims with a place whose name, region or spelling is TEXT or begins with it "
            '("Sumy" finds Sumy Oblast and the villages in it).',
        ),
        click.option("--country", type=CountryCode(), metavar="CODE", help="Only claims with a place in this country (UA, RU, …)."),
        click.option("--actor", help="Only claims naming this actor, by id, name or any spelling seen (DPRK, north_korea)."),
        click.option(
            "--type",
            "event_type",
            type=click.Choice([t.value for t in (*EventType, *EventSubtype)], case_sensitive=False),
            metavar="TYPE",
            help="Only claims of this PLOVER event type (ASSAULT, MOBILIZE, …) or sub-type "
            "(deploy_forces, presence_of_forces, casualties, shelling_strike, …).",
        ),
        click.option(
            "--since",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="Only claims about this day or later: by their time spans, or by publication date if they have none.",
        ),
        click.option("--until", type=iso_date, metavar="YYYY-MM-DD", help="Only claims about this day or earlier."),
        click.option("--negated/--affirmed", default=None, help="Only negated claims, or only affirmed ones."),
        click.option(
            "--modality",
            type=click.Choice([m.value for m in Modality], case_sensitive=False),
            help="Only claims with this modality.",
        ),
        click.option(
            "--min",
            "min_quantity",
            type=float,
            metavar="NUMBER",
            help='Only claims with a figure that may be NUMBER or more ("up to 12,000" may be anything up to 12,000).',
        ),
        click.option(
            "--max",
            "max_quantity",
            type=float,
            metavar="NUMBER",
            help='Only claims with a figure that may be NUMBER or less ("more than 11,000" may be anything above).',
        ),
        click.option("--unit", help="Only claims with a figure counting this (soldiers, drones); with --min/--max, the same figure."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def claim_filter_options(command: Callable) -> Callable:
    """The claim filters of `claims` and `export`, passed to the command as one ``filters`` dict.

    Each option is one keyword of KnowledgeBase.claims; dates arrive as dates, and
    a range that cannot match (--since after --until, --min above --max) is a usage error.
    """
    options = [
        click.option("--source", help="Only claims by sources whose name, role or organisation contains TEXT."),
        click.option(
            "--search",
            help='Words that must all occur in the claim or its sentence; "quoted words" as a phrase, troop* as a prefix.',
        ),
        click.option("--article", metavar="ID", help="Only claims in this article."),
        click.option("--outlet", help="Only claims carried by this outlet (case-insensitive)."),
        click.option(
            "--kind",
            type=click.Choice([kind.value for kind in AttributionKind]),
            help="Only claims attributed this way.",
        ),
        facet_options,
        click.option(
            "--grade",
            type=AdmiraltyGrade(),
            metavar="GRADE",
            help="Only claims graded this well or better: a reliability letter (B: A or B), "
            "a credibility digit (2: 1 or 2), or both (B2).",
        ),
        click.option("--corroborated", is_flag=True, default=None, help="Only claims corroborated by an independent source."),
        click.option("--contradicted", is_flag=True, default=None, help="Only claims another claim contradicts."),
        click.option("--story", metavar="ID", help="Only claims of this story (ids from `claimgraph stories`)."),
    ]
    names = ("source", "search", "article", "outlet", "kind", "place", "country", "actor", "event_type", "since",
             "until", "negated", "modality", "min_quantity", "max_quantity", "unit", "grade", "corroborated",
             "contradicted", "story")  # fmt: skip

    @functools.wraps(command)
    def with_filters(**params: Any) -> Any:
        filters = {name: params.pop(name) for name in names}
        filters["type"] = filters.pop("event_type")
        for name in ("since", "until"):
            filters[name] = filters[name].date() if filters[name] else None
        check_order(filters["since"], filters["until"], "--since", "--until", relation="is after")
        check_order(filters["min_quantity"], filters["max_quantity"], "--min", "--max", relation="is greater than")
        return command(filters=filters, **params)

    for option in reversed(options):
        with_filters = option(with_filters)
    return with_filters


@cli.command()
@claim_filter_options
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help=f"At most this many claims [default: all for json, jsonl and csv; {TABLE_PAGE_SIZE} for table].",
)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Skip this many claims first.")
@output_options("table", "json", "jsonl", "csv", default="table")
@db_option
def claims(filters: dict[str, Any], limit: int | None, offset: int, fmt: str, no_headers: bool, db: str) -> None:
    """List stored claims with their sources, filtered by the options.

    Filters combine: a claim must pass every one given. json prints one JSON list
    with one claim per line; jsonl one claim object per line. Both, and csv, print
    every matching claim unless --limit is given; the table shows a page of 50 and
    says how many match. csv flattens the facets: one value per record, separated
    by "; " (places as "Novenke (Sumska Oblast, UA)", quantity_low / quantity_high
    / unit and time_start / time_end side by side). JSON adds each claim's story,
    Admiralty grade with its reasons, and links to other claims (see docs/json.md).
    """
    page_limit = limit if limit is not None or fmt != "table" else TABLE_PAGE_SIZE
    with open_knowledge_base(db, must_exist=True) as kb, library_errors():
        rows = kb.claims(**filters, limit=page_limit, offset=offset)
        columns = claim_table_columns(rows) if fmt == "table" else CLAIM_COLUMNS
        output_records(rows, fmt, columns, no_headers=no_headers)
        if fmt == "table":
            total = kb.count_claims(**filters)
            shown = f"{offset + 1}–{offset + len(rows)}" if rows else "0"
            hint = " (use --limit and --offset for more)" if offset + len(rows) < total else ""
            click.echo(f"showing {shown} of {total} claims{hint}")


@cli.command()
@claim_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "geojson", "stix"]),
    required=True,
    help="jsonl: one article per line, lossless, read back by `ingest`; csv: one row per claim; "
    "geojson: one point per claim and place; stix: a STIX 2.1 bundle.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="Write to this file instead of standard output.",
)
@db_option
def export(filters: dict[str, Any], fmt: str, out: str, db: str) -> None:
    """Write the claims matching the filters in a format other tools read.

    The filters are those of `claims`. jsonl holds each article with its
    matching claims, facets, story, grade and links; `claimgraph ingest` of that
    file into an empty database gives the same claims. See docs/exports.md.
    """
    from . import export as exports

    with open_knowledge_base(db, must_exist=True) as kb, library_errors(), click.open_file(out, "w", encoding="utf-8") as stream:
        count = exports.export(kb, fmt, stream, **filters)
    if out != "-":
        click.echo(f"exported {count} claims to {out}", err=True)


@cli.command()
@click.argument("article_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: the article with claims marked; json: the stored document (docs/json.md).",
)
@click.option("--plain", is_flag=True, help="Bracket markers instead of colours, even on a terminal.")
@db_option
def article(article_id: str, fmt: str, plain: bool, db: str) -> None:
    """Show article ID with its sources, cues and claim contents marked.

    On a terminal the marks are colours; in a pipe, or with --plain, they are
    [S:source], [C:cue] and {content}. A numbered list of the claims and who made
    them follows the text.
    """
    with open_knowledge_base(db, must_exist=True) as kb, library_errors():
        document = kb.article(article_id)
    if fmt == "json":
        click.echo(json.dumps(document.to_dict(), ensure_ascii=False, indent=2))
        return
    console = stdout_console()
    styled = console.is_terminal and not plain
    if styled:
        console.print(styled_article(document))
    else:
        click.echo(plain_article(document))


def claim_spans(document: Document, field: Field) -> list[tuple[int, int, str]]:
    """Every (start, end, kind) span to mark in one article string; kind is source, cue or content."""
    spans: set[tuple[int, int, str]] = set()
    for claim in document.claims:
        if claim.field is field:
            for start, end in claim.fragments or ((claim.start, claim.end),):
                spans.add((start, end, "content"))
        source = claim.attribution.source
        if source.start is not None and source.end is not None and source.field is field:
            spans.add((source.start, source.end, "source"))
        cue = claim.attribution.cue
        if cue is not None and cue.field is field:
            spans.add((cue.start, cue.end, "cue"))
    return sorted((span for span in spans if span[0] < span[1]), key=lambda s: (s[0], -s[1], s[2]))


def nest_spans(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Split spans that cross one another, so that bracket markers nest.

    A span that starts inside an earlier one and ends beyond it is cut at the
    earlier span's end; both pieces stay marked, so no character loses its mark.
    """
    pending = sorted(spans, key=lambda s: (s[0], -s[1], s[2]))
    nested: list[tuple[int, int, str]] = []
    while pending:
        start, end, kind = pending.pop(0)
        crossed = next((other for other in nested if other[0] < start < other[1] < end), None)
        if crossed is None:
            nested.append((start, end, kind))
            continue
        pieces = [(start, crossed[1], kind), (crossed[1], end, kind)]
        pending = sorted(pending + pieces, key=lambda s: (s[0], -s[1], s[2]))
    return nested


def mark_plain(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """``text`` with bracket markers around each span (spans must nest)."""
    events: list[tuple[int, int, int, str]] = []
    for start, end, kind in spans:
        opening, closing = SPAN_MARKERS[kind]
        # At one position: closings before openings; the inner span closes first
        # and the outer span opens first.
        events.append((start, 1, -end, opening))
        events.append((end, 0, -start, closing))
    pieces: list[str] = []
    position = 0
    for offset, _, _, marker in sorted(events):
        pieces.append(text[position:offset])
        pieces.append(marker)
        position = offset
    pieces.append(text[position:])
    return "".join(pieces)


def article_header(document: Document) -> str:
    article_ = document.article
    published = article_.published.isoformat() if article_.published else None
    details = " · ".join(part for part in (article_.outlet, published, article_.url) if part)
    return f"{details}\nid: {article_.id}" if details else f"id: {article_.id}"


def claim_list(document: Document) -> list[str]:
    lines = [f"{len(document.claims)} claim{'s' if len(document.claims) != 1 else ''}:"]
    for number, claim in enumerate(document.claims, start=1):
        attribution = claim.attribution
        cue = f", cue {attribution.cue.text!r}" if attribution.cue else ""
        citing = f", citing {chain_names(claim)}" if attribution.chain else ""
        lines.append(f"{number:>3}. {describe_source(claim)} [{attribution.kind.value}{cue}{citing}]: {claim.text}")
    return lines


def plain_article(document: Document) -> str:
    article_ = document.article
    title = mark_plain(article_.title, nest_spans(claim_spans(document, Field.TITLE)))
    body = mark_plain(article_.text, nest_spans(claim_spans(document, Field.TEXT)))
    legend = "Marks: [S:source] [C:cue] {content}"
    return "\n".join([title, article_header(document), "", body, "", legend, *claim_list(document)])


def styled_article(document: Document) -> Text:
    article_ = document.article
    title = Text(article_.title, style="bold")
    body = Text(article_.text)
    for text, field in ((title, Field.TITLE), (body, Field.TEXT)):
        for start, end, kind in claim_spans(document, field):
            text.stylize(SPAN_STYLES[kind], start, end)
    legend = Text("Marks: ")
    for kind in ("source", "cue", "content"):
        legend.append(kind, style=SPAN_STYLES[kind]).append(" ")
    return Text("\n").join(
        [title, Text(article_header(document), style="dim"), Text(), body, Text(), legend, Text("\n".join(claim_list(document)))]
    )


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), help="At most this many sources (those with most claims first).")
@output_options("table", "json", "jsonl", "csv", default="table")
@db_option
def sources(limit: int | None, fmt: str, no_headers: bool, db: str) -> None:
    """List the sources in the knowledge base, most claims first."""
    with open_knowledge_base(db, must_exist=True) as kb, library_errors():
        summaries = kb.sources(limit=limit)
    output_records(summaries, fmt, SOURCE_COLUMNS, no_headers=no_headers)


@cli.command()
@click.option("--rebuild", is_flag=True, help="Forget all links, stories and grades and compute them afresh.")
@click.option(
    "--priors",
    type=click.Path(exists=True, dir_okay=False),
    help='A TOML file of reliability priors per source ([sources."NAME"] reliability = "B"); '
    "replaces the stored priors and regrades every claim.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@db_option
def link(rebuild: bool, priors: str | None, as_json: bool, db: str) -> None:
    """Bring links, stories and grades up to date with everything ingested.

    ingest does this for each new batch; run link after changing the priors, or
    with --rebuild to recompute everything (the result is the same as linking the
    articles as they came, in any order).
    """
    with open_knowledge_base(db, must_exist=True) as kb, library_errors():
        report = kb.link(rebuild=rebuild, priors=priors)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
        return
    links = ", ".join(f"{count} {relation}" for relation, count in sorted(report.links.items())) or "no new links"
    click.echo(
        f"Linked {report.claims} claims ({report.compared} pairs compared): {links}; "
        f"{report.stories} stories updated, {report.graded} claims graded"
    )


@cli.command()
@click.argument("claim_id", metavar="CLAIM_ID")
@output_options("table", "json", "jsonl", "csv", default="table")
@db_option
def related(claim_id: str, fmt: str, no_headers: bool, db: str) -> None:
    """Claims related to CLAIM_ID: the same, corroborating, contradicting, updated or cited.

    Earlier and later claims of its story from other sources, by date, each with
    how it relates to CLAIM_ID (corroborates, contradicts, updates: it is the later
    estimate; updated_by: the earlier one; cites, cited_by, same), its grade and the
    evidence. json prints each related claim with its story, grade and links.
    """
    with open_knowledge_base(db, must_exist=True) as kb, library_errors():
        rows = kb.related(claim_id)
    if fmt in ("json", "jsonl"):
        output_records(rows, fmt, (), no_headers=no_headers)
        return
    pairs = [(link, row) for row in rows for link in row.links if link["claim"] == claim_id]
    output_records(pairs, fmt, RELATED_COLUMNS, no_headers=no_headers)


@cli.command(name="stories")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many stories (the largest first).")
@output_options("table", "json", "jsonl", "csv", default="table")
@db_option
def stories_(limit: int | None, fmt: str, no_headers: bool, db: str) -> None:
    """List stories: claims about one proposition, grouped, largest first.

    List a story's claims with `claimgraph claims --story ID`.
    """
    with open_knowledge_base(db, must_exist=True) as kb, library_errors():
        found = kb.stories(limit=limit)
    output_records(found, fmt, STORY_COLUMNS, no_headers=no_headers)


def chart_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A chart file name ending in .png or .svg; a usage error otherwise."""
    from .timeline import chart_format

    if value is not None:
        try:
            chart_format(value)
        except ValueError as error:
            raise click.BadParameter(str(error), ctx=ctx, param=param) from error
    return value


@cli.command()
@click.argument("query", required=False)
@click.option("--story", "story_id", metavar="ID", help="The story by id (from `claimgraph stories`) instead of QUERY.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    callback=chart_path,
    help="Also draw the estimates as a chart into this .png or .svg file.",
)
@output_options("table", "json", "jsonl", "csv", default="table")
@db_option
def timeline(query: str | None, story_id: str | None, out: str | None, fmt: str, no_headers: bool, db: str) -> None:
    """Every estimate of one proposition over time: one row per claim that gives a figure.

    QUERY names the proposition: a topic and who acts, and where ("North Korean
    troops in Russia"); every claim giving a figure for it counts, across stories.
    A query naming no topic or actor picks the story whose label and claims share
    most of its words; --story names a story directly. Rows are dated
    by the day the claim speaks of (else its article's date) and say how each
    estimate relates to the one before (updates, corroborates, contradicts, same,
    or higher / lower / overlaps by the figures). A forecast ("would reach
    10,000 by December") is marked as such and dated when it is expected. --out
    draws them as vertical range bars over the dates, one colour per source,
    forecasts hollow.
    """
    if (query is None) == (story_id is None):
        raise click.UsageError("Give either QUERY or --story ID (not both).")
    from .timeline import draw_timeline

    with open_knowledge_base(db, must_exist=True) as kb, library_errors():
        found = kb.timeline_of(query, story_id)
    rows = found.rows
    output_records(rows, fmt, TIMELINE_COLUMNS, no_headers=no_headers, title=f"Timeline: {found.label}")
    if out is not None:
        try:
            draw_timeline(rows, out, found.label)
        except (ValueError, OSError) as error:
            raise click.ClickException(f"Cannot write the chart {out}: {error}") from error
        stderr_console().print(f"Chart of {len(rows)} estimates written to {out}")


@cli.command()
@db_option
@click.pass_context
def demo(ctx: click.Context, db: str) -> None:
    """Build the demo knowledge base and summarise it.

    The demo corpus is a few dozen short wire-style articles on the Russia–Ukraine
    war and the North Korean deployment to Kursk, written for claimgraph and
    bundled with it. Prints the counts, the top sources, sample claims, the
    largest stories and, from the largest, a corroboration, a contradiction and an
    update with their evidence and grades, and draws the largest story's timeline
    into claimgraph-timeline.png beside the database. Running demo twice changes
    nothing the second time.
    """
    with demo_articles() as articles:
        ctx.invoke(ingest, paths=tuple(str(path) for path in articles), db=db)

    with open_knowledge_base(db, must_exist=True) as kb, library_errors():
        stats = kb.stats()
        top_sources = kb.sources(limit=DEMO_SAMPLE_SIZE)
        # One claim from each of the most quoted speakers (outlets' own statements aside)
        # shows the range of attributions better than the first few rows would.
        speakers = [summary for summary in kb.sources() if summary.type is not SourceType.OUTLET]
        samples = [row for summary in speakers[:DEMO_SAMPLE_SIZE] for row in kb.claims(source=summary.name, limit=1)]
        top_stories = kb.stories(limit=DEMO_SAMPLE_SIZE)
        examples = demo_link_examples(kb.claims(story=top_stories[0].id) if top_stories else [])
        estimates = kb.timeline(story=top_stories[0].id) if top_stories else []

    click.echo(f"\nKnowledge base {db}: {stats.articles} articles, {stats.claims} claims, {stats.sources} sources")
    # A summary should fit an 80-column terminal: the narrowest informative columns only.
    output_records(top_sources, "table", columns_named(SOURCE_COLUMNS, "name", "type", "claims", "articles", "outlets"), title="Top sources")
    output_records(samples, "table", columns_named(CLAIM_COLUMNS, "claim", "source", "kind", "article"), title="Sample claims")
    output_records(top_stories, "table", columns_named(STORY_COLUMNS, "claims", "first", "last", "label"), title="Top stories")
    if top_stories:
        click.echo(f"\nAcross articles, in the story {top_stories[0].label!r}:")
    for relation, claim, other, link in examples:
        click.echo(f"\n{relation.upper()}: {describe_source(claim.claim)} ({claim.published}): {claim.claim.text!r}")
        click.echo(f"  and {describe_source(other.claim)} ({other.published}): {other.claim.text!r}")
        click.echo(f"  evidence: {link['evidence']}")
        if claim.grade:
            click.echo(f"  grade {claim.grade.code}: " + "; ".join(claim.grade.reasons))
    if estimates:
        from .timeline import draw_timeline

        chart = demo_chart_path(db)
        try:
            draw_timeline(estimates, chart, top_stories[0].label)
        except (ValueError, OSError) as error:
            raise click.ClickException(f"Cannot write the chart {chart}: {error}") from error
        click.echo(f"\nTimeline of its {len(estimates)} estimates drawn to {chart} (claimgraph timeline --story {top_stories[0].id})")
    click.echo(
        "\nNext: claimgraph claims --source NAME · claimgraph article ID · claimgraph sources · "
        "claimgraph stories · claimgraph related CLAIM_ID · claimgraph timeline QUERY --out chart.png"
    )


def demo_chart_path(db: str) -> Path:
    """Where demo draws its timeline: beside a SQLite file, else (a server database) in the working directory."""
    folder = Path(".") if "://" in db else Path(db).parent
    return folder / DEMO_CHART


def demo_link_examples(rows: Sequence[Any]) -> list[tuple[str, Any, Any, dict[str, Any]]]:
    """One earliest example each of corroboration, contradiction and update among a story's claims."""
    by_id = {row.claim.id: row for row in rows}
    examples = []
    for relation in ("corroborates", "contradicts", "updates"):
        for row in rows:
            link = next((link for link in row.links if link["relation"] == relation and link["claim"] in by_id), None)
            if link is not None:
                examples.append((relation, row, by_id[link["claim"]], link))
                break
    return examples


LOOPBACK_NAMES = ("localhost",)  # besides the loopback addresses (127.0.0.0/8, ::1)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    import ipaddress

    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost may resolve anywhere
        return False


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; one other than loopback needs --token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--token",
    envvar="CLAIMGRAPH_TOKEN",
    show_envvar=True,
    help="A secret every request must carry (Authorization: Bearer TOKEN, or ?token=TOKEN in a browser).",
)
@db_option
def serve(host: str, port: int, token: str | None, db: str) -> None:
    """Serve the knowledge base as a read-only web app with a JSON API.

    Pages for claims (with the filters of `claimgraph claims` in the URL),
    claims, articles with their attributions marked, sources and stories; each
    has a JSON twin under /api/, described at /openapi.json (docs/web.md). Binds
    127.0.0.1 by default; any other address is refused unless a token is set.
    """
    if token is not None and not token.strip():
        raise click.UsageError("--token / CLAIMGRAPH_TOKEN is empty; give a secret or leave it unset.")
    if token is None and not is_loopback(host):
        raise click.UsageError(
            f"--host {host} would serve the knowledge base to other machines; set a token with --token "
            "or CLAIMGRAPH_TOKEN (every request must then carry it), or keep the default 127.0.0.1."
        )
    # Imported here: the web stack is not needed by the other commands.
    import uvicorn

    from .web import create_app

    try:
        app = create_app(db, token=token)
    except (FileNotFoundError, ClaimgraphError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Serving {db} at http://{host}:{port}/ (read-only; Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


@cli.group(name="eval")
def eval_() -> None:
    """Score claimgraph against public gold data."""


def print_evaluation(evaluate: Callable[..., Any], path: str, as_json: bool, **options: Any) -> None:
    """Run one ``claimgraph.evaluation`` scorer on ``path`` and print its table or its JSON object."""
    with library_errors():
        result = evaluate(path, **options)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        stdout_console().print(result.to_table())


json_result_option = click.option("--json", "as_json", is_flag=True, help='One object: {"task", "documents", "metrics"}.')


@eval_.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@json_result_option
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N documents.")
def attribution(directory: str, as_json: bool, limit: int | None) -> None:
    """Score attribution on PolNeAR-format gold data in DIRECTORY.

    DIRECTORY holds text/*.txt and attributions/*.ann (brat standoff). Prints
    precision, recall and F1 for source, cue and content spans, each exact and by
    overlap; see docs/evaluation.md.
    """
    from .evaluation.attribution import evaluate

    print_evaluation(evaluate, directory, as_json, limit=limit)


@eval_.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@json_result_option
def timex(directory: str, as_json: bool) -> None:
    """Score time expressions on TimeML (TempEval-3) files in DIRECTORY.

    Each document's creation time anchors its relative expressions. Prints extent
    F1 (strict and relaxed), value F1 and value accuracy; see docs/evaluation.md.
    """
    from .evaluation.tempeval import evaluate

    print_evaluation(evaluate, directory, as_json)


@eval_.command()
@click.argument("path", type=click.Path(exists=True))
@json_result_option
def quantities(path: str, as_json: bool) -> None:
    """Score quantity extraction on PATH: a JSON list of {text, quantities} or a MeasEval folder.

    Prints value F1, value+unit F1 and value+change F1; see docs/evaluation.md.
    """
    from .evaluation.quantities import evaluate

    print_evaluation(evaluate, path, as_json)


@eval_.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@json_result_option
def geocoding(path: str, as_json: bool) -> None:
    """Score toponym resolution on GeoWebNews / GeoVirus XML in PATH.

    Resolves each gold toponym in its article's context; prints accuracy within
    161 km, exact-id accuracy, median error (km) and the share left unresolved.
    """
    from .evaluation.geocoding import evaluate

    print_evaluation(evaluate, path, as_json)


@eval_.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "data_format", type=click.Choice(["ecbplus"]), default="ecbplus", show_default=True, help="Layout of DIRECTORY.")
@json_result_option
def clustering(directory: str, data_format: str, as_json: bool) -> None:
    """Score document clustering into topics and sub-topics on the ECB+ corpus in DIRECTORY.

    DIRECTORY holds <topic>/<topic>_<n>ecb.xml and …ecbplus.xml (or an ECB+/
    folder of them); the two suffixes are a topic's two events. Prints B³ and
    pairwise precision, recall and F1 per level; see docs/evaluation.md.
    """
    from .evaluation.clustering import evaluate

    print_evaluation(evaluate, directory, as_json, data_format=data_format)


@eval_.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["acled", "ucdp"]),
    required=True,
    help="ACLED-style rows (text in notes) or UCDP GED rows (text in source_headline).",
)
@json_result_option
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N rows.")
def events(path: str, format_: str, as_json: bool, limit: int | None) -> None:
    """Score event extraction on the CSV file PATH: one event per row.

    Derives one event (type, place, date, fatalities) from each row's claims and
    prints event-type accuracy (ACLED's six types; UCDP type_of_violence), location
    within 25 km, date and fatalities accuracy, beside a naive baseline; see
    docs/evaluation.md.
    """
    from .evaluation.events import evaluate

    print_evaluation(evaluate, path, as_json, format=format_, limit=limit)


@eval_.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["fnc1", "emergent"]),
    required=True,
    help="FNC-1 stances CSV (its bodies CSV beside it) or Emergent CSV (claimHeadline, articleHeadline, articleHeadlineStance).",
)
@json_result_option
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N pairs.")
def stance(path: str, format_: str, as_json: bool, limit: int | None) -> None:
    """Score stance detection (agree, disagree, discuss, unrelated) on the CSV file PATH.

    Prints accuracy, macro-F1 and per-class F1 (for FNC-1 also the official
    weighted score as a share of its maximum) beside a majority-class and a
    lexical-overlap baseline; see docs/evaluation.md.
    """
    from .evaluation.stance import evaluate

    print_evaluation(evaluate, path, as_json, format=format_, limit=limit)


def main() -> None:
    """Entry point of the ``claimgraph`` script."""
    cli(prog_name="claimgraph")

