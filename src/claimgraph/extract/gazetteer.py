"""The packaged GeoNames gazetteer: look places up by name, by id, by admin code.

The gazetteer is a gzipped text file built by ``scripts/build_gazetteer.py`` from
the GeoNames dumps in ``../shared/gazetteer`` and shipped as
``claimgraph/data/gazetteer/gazetteer.tsv.gz`` (format in the build script's
docstring and the README beside it; the data is CC BY 4.0). It is read once per
process, on first use, into two sorted lists of lines (places by id, names by
key) that look-ups bisect; a line is parsed only when a look-up returns it. So
opening it costs one gunzip and one split, and no index is built in Python.

Names are looked up by :func:`name_key`, a folded form that both the build
script and the look-ups use: accents, apostrophes and dots dropped, hyphens
and spaces merged, case folded ("Noven'ke", "Noven’ke" and "Novenke" share the
key ``novenke``).

    >>> from claimgraph.extract.gazetteer import load_gazetteer
    >>> load_gazetteer().lookup("Kharkov")[0].name
    'Kharkiv'
"""

from __future__ import annotations

import bisect
import difflib
import gzip
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..datafiles import bundled
from ..errors import Errors, GazetteerError

GAZETTEER_FILE = "gazetteer.tsv.gz"
CREDIT = "Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0."

# Apostrophe-like marks of transliterations (Noven'ke, Noven’ke, Novenʹke) vanish in a key.
_APOSTROPHES = re.compile(r"['’‘`´ʹʼʻ]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,]+")


def name_key(name: str) -> str:
    """Fold a place name for look-up: no accents, no apostrophes or dots, single spaces, lower case.

    name (str): a name as written, e.g. ``"Noven’ke"`` or ``"Velyka-Pysarivka"``.
    RETURNS (str): the key, e.g. ``"novenke"`` or ``"velyka pysarivka"``.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _APOSTROPHES.sub("", stripped)
    return _SEPARATORS.sub(" ", stripped).strip().casefold()


# Letters that romanisations of one name swap (q/k, ou/u, z/s …) fold together in a skeleton.
_SPELLING_FOLDS = (("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("z", "s"), ("x", "ks"), ("w", "v"), ("j", "y"))
_SKELETON_DROPS = re.compile(r"[aeiouyh ]")
_DOUBLED = re.compile(r"(.)\1+")
SPELLING_MIN_RATIO = 0.75


def spelling_skeleton(key: str) -> str:
    """A name key's consonants after folding letters romanisations swap: the first letter, then
    the consonants without h or y, doubles merged. "menoufia" and "monufia" → ``mnf``."""
    for written, folded in _SPELLING_FOLDS:
        key = key.replace(written, folded)
    return key[:1] + _DOUBLED.sub(r"\1", _SKELETON_DROPS.sub("", key[1:]))


@dataclass(frozen=True)
class GazetteerEntry:
    """One GeoNames feature as the gazetteer keeps it.

    feature_class (str): GeoNames class letter, ``P`` populated place, ``A`` country/admin
    division, ``L`` area or continent, ``H`` water, ``T`` relief.
    feature (str): GeoNames code, e.g. ``PPL``, ``PPLC``, ``ADM1``, ``PCL``, ``CONT``.
    country (str | None): ISO 3166 alpha-2 code.
    admin1_code (str | None): GeoNames admin1 code within the country (``"21"`` for Sumy Oblast).
    admin2_code (str | None): GeoNames admin2 code, where the dump gives one.
    geonameid (int | None): None only for a region composed from admin1 points by
        ``claimgraph.extract.places`` ("Darfur"), which GeoNames has no point for.
    """

    geonameid: int | None
    name: str
    feature_class: str
    feature: str
    country: str | None
    admin1_code: str | None
    admin2_code: str | None
    lat: float
    lon: float
    population: int

    @property
    def admin1_key(self) -> str | None:
        """``"UA.21"``: the country and admin1 code together, the key of the admin1 table."""
        if self.country and self.admin1_code and self.admin1_code != "00":
            return f"{self.country}.{self.admin1_code}"
        return None


NAME, ALTERNATE, DERIVED = 0, 1, 2
"""How a name belongs to a feature: its own name, an alternate or transliteration, or derived ("Kursk" of "Kursk Oblast")."""
_KIND_MARKS = {"~": ALTERNATE, "+": DERIVED}


def _line_id(line: str) -> int:
    return int(line[: line.index("\t")])


class Gazetteer:
    """Look-ups over one gazetteer file, held in memory as sorted lists of lines.

    Build it with :meth:`from_path` (or :func:`load_gazetteer` for the packaged one).
    """

    def __init__(
        self, places: list[str], names: list[str], admin1: dict[str, tuple[str, int | None]], countries: dict[str, int], meta: dict[str, str]
    ) -> None:
        self._places = places  # "id\tname\t…", in id order
        self._names = names  # "key\tid,~id,+id", in key order
        self._admin1 = admin1  # "UA.21" -> (English name, geonameid)
        self._countries = countries
        self._meta = meta
        self._skeleton_index: dict[str, list[str]] | None = None  # built by lookup_spelling on first use

    @classmethod
    def from_path(cls, path: str | Path) -> Gazetteer:
        """Read a gazetteer file written by ``scripts/build_gazetteer.py`` (``.tsv.gz`` or plain ``.tsv``)."""
        path = Path(path)
        try:
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            text = raw.decode("utf-8")
        except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as error:
            raise GazetteerError(Errors.E030.format(path=path, reason=error)) from error
        try:
            return cls._parse(text)
        except (ValueError, IndexError) as error:
            raise GazetteerError(Errors.E030.format(path=path, reason=f"malformed file ({error})")) from error

    @classmethod
    def _parse(cls, text: str) -> Gazetteer:
        header, _, body = text.partition("\n[places]\n")
        places, _, body = body.partition("\n[names]\n")
        names, _, body = body.partition("\n[admin1]\n")
        admin1, found, countries = body.partition("\n[countries]\n")
        if not found:
            raise ValueError("expected the sections [places], [names], [admin1] and [countries], in that order")
        meta = dict(line[1:].split("\t", 1) for line in header.splitlines() if line.startswith("#"))
        admin1_rows = {code: (name, int(geonameid) if geonameid else None) for code, name, geonameid in (line.split("\t") for line in admin1.splitlines())}
        country_ids = {code: int(geonameid) for code, _, geonameid, _ in (line.split("\t") for line in countries.splitlines())}
        return cls(places.split("\n"), names.split("\n"), admin1_rows, country_ids, meta)

    def __len__(self) -> int:
        return len(self._places)

    def get(self, geonameid: int) -> GazetteerEntry | None:
        """The feature with this GeoNames id, if the gazetteer holds it."""
        position = bisect.bisect_left(self._places, geonameid, key=_line_id)
        if position == len(self._places) or _line_id(self._places[position]) != geonameid:
            return None
        _, name, feature, country, admin1, admin2, lat, lon, population = self._places[position].split("\t")
        feature_class, _, code = feature.partition(".")
        return GazetteerEntry(
            geonameid, name, feature_class, code, country or None, admin1 or None, admin2 or None, float(lat), float(lon), int(population)
        )

    def _ids(self, key: str) -> str | None:
        prefix = key + "\t"
        position = bisect.bisect_left(self._names, prefix)
        if position < len(self._names) and self._names[position].startswith(prefix):
            return self._names[position][len(prefix) :]
        return None

    def lookup_kinds(self, name: str) -> list[tuple[GazetteerEntry, int]]:
        """Every feature called ``name`` (after :func:`name_key`), with how it has that name (:data:`NAME`, …).

        RETURNS (list[tuple[GazetteerEntry, int]]): most populous first.
        """
        key = name_key(name)
        ids = self._ids(key) if key else None
        if not ids:
            return []
        found = []
        for mark in ids.split(","):
            kind = _KIND_MARKS.get(mark[0], NAME)
            entry = self.get(int(mark if kind == NAME else mark[1:]))
            if entry:
                found.append((entry, kind))
        return sorted(found, key=lambda pair: -pair[0].population)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every feature called ``name`` (after :func:`name_key`), most populous first."""
        return [entry for entry, _ in self.lookup_kinds(name)]

    def lookup_prefix(self, prefix: str) -> list[tuple[GazetteerEntry, int]]:
        """Every feature with a name whose key starts with ``prefix`` (after :func:`name_key`), with how it has that name.

        For adjectival district names: the raion around Sumy is "Sumskyi Raion", found from "sum".
        RETURNS (list[tuple[GazetteerEntry, int]]): in key order.
        """
        key = name_key(prefix)
        if not key:
            return []
        found = []
        position = bisect.bisect_left(self._names, key)
        while position < len(self._names) and self._names[position].startswith(key):
            for mark in self._names[position].split("\t", 1)[1].split(","):
                kind = _KIND_MARKS.get(mark[0], NAME)
                entry = self.get(int(mark if kind == NAME else mark[1:]))
                if entry:
                    found.append((entry, kind))
            position += 1
        return found

    def lookup_spelling(self, name: str, countries: Iterable[str]) -> list[tuple[GazetteerEntry, float]]:
        """Features in ``countries`` whose name is another romanisation of ``name``, closest first.

        For names the gazetteer lacks as written: "Menoufia" is GeoNames' Monufia, "Daqahliya"
        its Dakahlia, "Mbanza Congo" its Mbanza Kongo. Two names are variants when they share a
        consonant skeleton (:func:`spelling_skeleton`) and their keys are at least
        ``SPELLING_MIN_RATIO`` alike (difflib's ratio); the skeleton index is built on first use.
        RETURNS (list[tuple[GazetteerEntry, float]]): (entry, similarity), most similar first, then most populous.
        """
        key = name_key(name)
        wanted = {code.upper() for code in countries}
        if not key or not wanted:
            return []
        found = []
        for other in self._skeletons().get(spelling_skeleton(key), ()):
            ratio = difflib.SequenceMatcher(None, key, other).ratio()
            if other == key or ratio < SPELLING_MIN_RATIO:
                continue
            found.extend((entry, ratio) for entry, _ in self.lookup_kinds(other) if entry.country in wanted)
        return sorted(found, key=lambda pair: (-pair[1], -pair[0].population))

    def _skeletons(self) -> dict[str, list[str]]:
        with _load_lock:
            if self._skeleton_index is None:
                index: dict[str, list[str]] = {}
                for line in self._names:
                    key = line[: line.index("\t")]
                    index.setdefault(spelling_skeleton(key), []).append(key)
                self._skeleton_index = index
            return self._skeleton_index

    def admin1_entry(self, admin1_key: str) -> GazetteerEntry | None:
        """The ADM1 feature (GeoNames' own point for it) from its key, ``"UA.21"`` → Sumy Oblast."""
        row = self._admin1.get(admin1_key)
        entry = self.get(row[1]) if row and row[1] else None
        return entry if entry is not None and entry.feature == "ADM1" else None

    def has_name(self, name: str) -> bool:
        """Whether any feature is called ``name`` (after :func:`name_key`)."""
        key = name_key(name)
        return bool(key) and self._ids(key) is not None

    def admin1_name(self, admin1_key: str | None) -> str | None:
        """The English name of an admin1 division from its key, ``"UA.21"`` → ``"Sumy Oblast"``."""
        row = self._admin1.get(admin1_key) if admin1_key else None
        return row[0] if row else None

    def country_entry(self, code: str) -> GazetteerEntry | None:
        """The country feature (GeoNames' own point for it) from its ISO code."""
        geonameid = self._countries.get(code.upper())
        return self.get(geonameid) if geonameid else None

    def meta(self) -> dict[str, str]:
        """Build facts recorded by the build script: sources, row counts, credit line."""
        return dict(self._meta)


_load_lock = threading.Lock()


@lru_cache(maxsize=1)
def _packaged() -> Gazetteer:
    with _load_lock:
        resource = bundled("gazetteer", GAZETTEER_FILE)
        with resources.as_file(resource) as path:
            return Gazetteer.from_path(path)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The packaged gazetteer (opened once per process), or the one at ``path``.

    path (str | Path | None): a gazetteer built by ``scripts/build_gazetteer.py --output``;
        ``None`` for the one shipped in the package.
    RETURNS (Gazetteer): the look-up object.
    """
    if path is None:
        return _packaged()
    return Gazetteer.from_path(path)
