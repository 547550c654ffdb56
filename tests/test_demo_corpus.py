"""The demo corpus (``claimgraph/data/demo``): complete headers, sane lengths, and the
material the attribution, facet and linking work relies on.

Plain text checks; the spaCy model is not loaded here.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from claimgraph.datafiles import bundled
from claimgraph.ingest import read_articles

DEMO_DIR = Path(str(bundled("demo")))
ARTICLE_PATHS = sorted(DEMO_DIR.glob("*.txt"))
HEADER_KEYS = ("Title", "Outlet", "Published", "URL")
URL_PREFIX = "https://example.org/demo/"
MIN_FILES, MAX_FILES = 24, 28
MIN_WORDS, MAX_WORDS = 120, 350

# Each phenomenon the demo README promises, as a pattern that at least one body must match.
BODY_PHENOMENA = {
    "second-hand source (citing)": r"\bciting\b",
    "according to": r"\b[Aa]ccording to\b",
    "passive attribution": r"\bwas stated by\b",
    "reply to a question": r"[Ii]n (response|answer) to a question[^.]*\breplied:",
    "quote before the cue": r',"\s+(he|she|\w+) (said|wrote|added)\b',
    "quote after the cue": r'\bsaid: "',
    "continuation": r"\b(he|she|it) added\b",
    "denial cue": r"\b(fake|dismissed|groundless|unsubstantiated|denied|rejected)\b",
    "unnamed ministry sources": r"\b[Ss]ources in the ministry\b",
    "media reports as a source": r"\bnews reports\b",
    "collective officials": r"\b[Oo]fficials (in \w+ )?said\b",
    "intelligence as a source": r"\b[Aa]ccording to intelligence\b",
    "role-only speaker": r"\ba spokesman for Ukraine's Special Operations Forces\b",
    "apposition without commas": r"\bthe head of the Sumy regional military administration Volodymyr Artyukh\b",
    "'said' that is no attribution": r"\bThat said,",
    "negation with hedge": r"\bhave not been noted so far\b",
    "hedged estimate": r"\ban estimated\b",
    "hedged report": r"\breportedly\b",
    "month range": r"\bfrom January to February\b",
    "relative time": r"\blast week\b",
    "village in Sumy region": r"\bNovenke\b",
    "Russian transliteration (Kharkov)": r"\bKharkov\b",
    "Ukrainian transliteration (Kharkiv)": r"\bKharkiv\b",
    "Sudzha": r"\bSudzha\b",
}

# Headline attribution in both shapes wire copy uses.
TITLE_PHENOMENA = {
    "dash headline attribution": r" – (GUR|Zelensky|SSO|border guards)$",
    "colon headline attribution": r"^(Peskov|Artyukh|Gerasimov): ",
}

# Speakers from every side that the corpus promises to quote.
SPEAKERS = [
    "Andriy Yusov", "Kyrylo Budanov", "Volodymyr Zelensky", "Volodymyr Artyukh",
    "Andriy Demchenko", "General Staff of the Armed Forces of Ukraine",
    "National Intelligence Service", "Joint Chiefs of Staff", "Lee Seong-kweun", "Park Sun-won",
    "Sabrina Singh", "Lloyd Austin", "John Kirby", "Vedant Patel",
    "Ministry of Defence",
    "Dmitry Peskov", "Maria Zakharova", "Russian Defence Ministry", "Valery Gerasimov",
    "Kim Jong Gyu", "Central Military Commission",
]

# The cross-article relations listed in the demo README: each file must carry its phrase.
LINKING_MATERIAL = {
    "same figure, two agencies (3,000)": [
        ("2024-10-23-korea-herald-nis-3000-troops.txt", "About 3,000 North Korean soldiers"),
        ("2024-10-23-reuters-austin-kirby-evidence.txt", "at least 3,000 North Korean soldiers"),
    ],
    "same figure, two agencies (10,000)": [
        ("2024-10-23-korea-herald-nis-3000-troops.txt", "around 10,000 by December"),
        ("2024-10-28-ap-pentagon-10000.txt", "about 10,000 soldiers"),
    ],
    "casualty estimate revised": [
        ("2024-12-23-yonhap-jcs-1100-casualties.txt", "Around 1,100 North Korean soldiers"),
        ("2025-01-13-yonhap-nis-3000-casualties.txt", "risen to about 3,000"),
        ("2025-04-30-yonhap-nis-4700-casualties.txt", "about 4,700 casualties"),
    ],
    "troop estimate revised": [
        ("2024-10-18-yonhap-nis-12000-troops.txt", "Some 1,500 of them"),
        ("2024-10-23-korea-herald-nis-3000-troops.txt", "twice the 1,500"),
        ("2024-11-05-ukrainska-pravda-zelensky-11000.txt", "higher than the 10,000"),
    ],
    "contradicted presence in Sumy region": [
        ("2025-03-12-ukrainska-pravda-artyukh-no-troops.txt", "there are no Russian soldiers"),
        ("2025-03-10-ukrinform-demchenko-novenke.txt", "open a combat zone in Sumy region near the village of Novenke"),
        ("2025-03-13-tass-sudzha-liberated.txt", "near the settlements of Novenkoye and Basovka"),
    ],
    "contradicted casualty figure": [
        ("2024-12-23-yonhap-jcs-1100-casualties.txt", "more than 3,000 North Korean soldiers had been killed or wounded"),
    ],
    "denials": [
        ("2024-10-18-tass-peskov-fake.txt", "This is one more fake"),
        ("2024-10-25-kcna-vice-foreign-minister.txt", "dismissed the reports as groundless rumours"),
        ("2024-10-30-ria-novosti-zakharova-briefing.txt", "dismissed Western statements"),
    ],
    "one source citing another": [
        ("2024-11-13-cnn-state-department-combat.txt", "Yonhap reported, citing the National Intelligence Service"),
        ("2025-01-21-guardian-uk-mod-heavy-losses.txt", "According to Ukrainian intelligence, cited by CNN"),
        ("2025-02-27-yonhap-nis-additional-troops.txt", "citing news reports"),
    ],
    "DESIGN.md section 1": [
        ("2025-03-11-kyiv-independent-gur-cooperation.txt",
         "a spokesman for Ukraine's military intelligence (GUR), Andriy Yusov, told the Kyiv Independent"),
        ("2025-03-11-kyiv-independent-gur-cooperation.txt",
         "between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region from January to February"),
        ("2025-03-11-kyiv-independent-gur-cooperation.txt", "Pyongyang sent more troops, citing news reports"),
        ("2025-03-11-kyiv-independent-gur-cooperation.txt", "said no Russian troops remain in the region"),
        ("2025-03-11-kyiv-independent-gur-cooperation.txt",
         "On March 10, a spokesman for the State Border Guard Service"),
    ],
}


def split_article(path: Path) -> tuple[list[tuple[str, str]], str]:
    """The header lines (as key/value pairs, in file order) and the body of a demo file."""
    text = path.read_text(encoding="utf-8")
    head, blank, body = text.partition("\n\n")
    assert blank, f"{path.name}: no blank line after the header block"
    pairs = []
    for line in head.splitlines():
        key, colon, value = line.partition(": ")
        assert colon, f"{path.name}: header line {line!r} is not 'Key: value'"
        pairs.append((key, value.strip()))
    return pairs, body


def header(path: Path) -> dict[str, str]:
    return dict(split_article(path)[0])


def body(path: Path) -> str:
    return split_article(path)[1]


def test_file_count():
    assert MIN_FILES <= len(ARTICLE_PATHS) <= MAX_FILES, [path.name for path in ARTICLE_PATHS]


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda path: path.stem)
def test_header_is_complete(path):
    pairs, _ = split_article(path)
    assert tuple(key for key, _ in pairs) == HEADER_KEYS
    fields = dict(pairs)
    assert fields["Title"] and fields["Outlet"]
    published = date.fromisoformat(fields["Published"])
    assert published <= date.today()
    assert path.name.startswith(f"{published.isoformat()}-"), "file name must start with its date"
    assert fields["URL"].startswith(URL_PREFIX)
    assert re.fullmatch(r"[a-z0-9-]+", fields["URL"].removeprefix(URL_PREFIX))


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda path: path.stem)
def test_body_shape(path):
    text = body(path)
    assert MIN_WORDS <= len(text.split()) <= MAX_WORDS
    assert text == text.strip() + "\n", "body must end with exactly one newline"
    assert "\n\n\n" not in text
    assert all(line == line.rstrip() for line in text.splitlines()), "trailing spaces"
    # Only placeholder links: the corpus must never point at a real article.
    assert "http" not in text


def test_titles_and_urls_are_unique():
    headers = [header(path) for path in ARTICLE_PATHS]
    for key in ("Title", "URL"):
        values = [fields[key] for fields in headers]
        assert len(set(values)) == len(values), key


def test_several_outlets_and_dates():
    headers = [header(path) for path in ARTICLE_PATHS]
    assert len({fields["Outlet"] for fields in headers}) >= 10
    assert len({fields["Published"][:7] for fields in headers}) >= 6  # months


@pytest.mark.parametrize("name,pattern", BODY_PHENOMENA.items(), ids=list(BODY_PHENOMENA))
def test_body_phenomenon_present(name, pattern):
    assert any(re.search(pattern, body(path)) for path in ARTICLE_PATHS), name


@pytest.mark.parametrize("name,pattern", TITLE_PHENOMENA.items(), ids=list(TITLE_PHENOMENA))
def test_title_phenomenon_present(name, pattern):
    assert any(re.search(pattern, header(path)["Title"]) for path in ARTICLE_PATHS), name


@pytest.mark.parametrize("speaker", SPEAKERS)
def test_speaker_quoted(speaker):
    assert any(speaker in body(path) for path in ARTICLE_PATHS), speaker


@pytest.mark.parametrize("relation", LINKING_MATERIAL, ids=list(LINKING_MATERIAL))
def test_linking_material(relation):
    for name, phrase in LINKING_MATERIAL[relation]:
        assert phrase in body(DEMO_DIR / name), f"{name} lacks {phrase!r}"


def test_readme_lists_every_file():
    readme = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+\.txt)` \|", readme, flags=re.MULTILINE))
    assert listed == {path.name for path in ARTICLE_PATHS}


def test_readme_rows_match_headers():
    readme = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+\.txt)` \| ([^|]+) \| (\d{4}-\d{2}-\d{2}) \|", readme, flags=re.MULTILINE)
    for name, outlet, published in rows:
        fields = header(DEMO_DIR / name)
        assert (outlet.strip(), published) == (fields["Outlet"], fields["Published"]), name


def test_project_reader_reads_headers():
    articles = list(read_articles(ARTICLE_PATHS))
    assert len(articles) == len(ARTICLE_PATHS)
    for path, article in zip(ARTICLE_PATHS, articles):
        fields = header(path)
        assert article.title == fields["Title"]
        assert article.outlet == fields["Outlet"]
        assert article.published == date.fromisoformat(fields["Published"])
        assert article.url == fields["URL"]
        assert article.text == body(path).strip()
