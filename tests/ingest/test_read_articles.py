"""read_articles(): inputs, format choice, directories, standard input, errors and progress."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest import common, read_articles

GUR = """\
Title: Cooperation between Pyongyang and Moscow continues – GUR
Outlet: Kyiv Wire
Published: 2025-03-10

Military cooperation between North Korea and Russia continues, a spokesman for Ukraine's \
military intelligence, Andriy Yusov, told the outlet.
"""

SUMY_CP1251 = """\
Title: Сумщина: російських військ немає
Outlet: Сумський вісник
Published: 12.03.2025
Language: uk

Голова Сумської обласної військової адміністрації заявив, що російських військ в області немає.
"""

NIS_PAGE = """<html><head><title>Seoul says more troops sent</title>
<meta property="og:site_name" content="Harbour Times"></head>
<body><article><p>South Korea's intelligence agency reported that Pyongyang sent more troops to Russia,
citing news reports, and said they were deployed to the Kursk region.</p></article></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Kyiv Wire</title>
<item><title>Air alert</title><pubDate>Tue, 11 Mar 2025 02:10:00 +0200</pubDate>
<description>Air defence was active over Kyiv overnight, officials said.</description></item>
</channel></rss>"""

RECORD = {"title": "Bridge hit", "text": "Officials said the bridge near Kherson was hit overnight.", "published": "2025-03-09"}


@pytest.fixture
def corpus(tmp_path):
    """A directory of articles in every format, with hidden and unknown files beside them."""
    (tmp_path / "b_sumy.txt").write_bytes(SUMY_CP1251.encode("cp1251"))
    (tmp_path / "a_gur.txt").write_text(GUR, encoding="utf-8")
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "nis.html").write_text(NIS_PAGE, encoding="utf-8")
    (tmp_path / "wire" / "feed.xml.gz").write_bytes(gzip.compress(RSS.encode("utf-8")))
    (tmp_path / "wire" / "records.ndjson").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    (tmp_path / "wire" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text(GUR, encoding="utf-8")
    (tmp_path / ".draft.txt").write_text(GUR, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Test corpus\n\nFive articles in five formats.\n", encoding="utf-8")
    return tmp_path


def test_directory_recursion(corpus):
    sizes = []
    articles = list(read_articles([corpus], progress=sizes.append))
    assert [article.origin for article in articles] == [
        str(corpus / "a_gur.txt"),
        str(corpus / "b_sumy.txt"),
        str(corpus / "wire" / "feed.xml.gz") + "#1",
        str(corpus / "wire" / "nis.html"),
        str(corpus / "wire" / "records.ndjson") + ":1",
    ]
    gur, sumy, alert, nis, bridge = articles
    assert gur.outlet == "Kyiv Wire" and gur.published == date(2025, 3, 10)
    assert sumy.title == "Сумщина: російських військ немає" and sumy.language == "uk"
    assert sumy.published == date(2025, 3, 12)
    assert alert.outlet == "Kyiv Wire" and alert.published == date(2025, 3, 11)
    assert nis.outlet == "Harbour Times" and "Kursk region" in nis.text
    assert bridge.published == date(2025, 3, 9)
    assert sorted(sizes) == sorted(path.stat().st_size for path in (corpus / "a_gur.txt", corpus / "b_sumy.txt",
                                   corpus / "wire" / "feed.xml.gz", corpus / "wire" / "nis.html",
                                   corpus / "wire" / "records.ndjson"))


def test_explicitly_named_readme_is_read(corpus):
    (article,) = read_articles([corpus / "README.md"])
    assert article.title == "Test corpus"


def test_same_content_same_id(corpus, tmp_path_factory):
    again = tmp_path_factory.mktemp("again") / "gur-copy.txt"
    again.write_bytes(b"\xef\xbb\xbf" + GUR.replace("\n", "\r\n").encode("utf-8"))
    first = [article.id for article in read_articles([corpus])]
    second = [article.id for article in read_articles([corpus])]
    assert first == second and len(set(first)) == len(first)
    (copy,) = read_articles([again])
    assert copy.id == first[0]  # BOM and CRLF line endings do not change the id


def test_stdin_sniffed(corpus):
    cases = {
        GUR.encode("utf-8"): "text",
        SUMY_CP1251.encode("cp1251"): "text",
        NIS_PAGE.encode("utf-8"): "html",
        RSS.encode("utf-8"): "feed",
        (json.dumps(RECORD) + "\n").encode("utf-8"): "jsonl",
        b"title;text\nBridge hit;Officials said the bridge was hit.\n": "csv",
        gzip.compress(GUR.encode("utf-16")): "text",
    }
    for data, fmt in cases.items():
        sizes = []
        (article,) = read_articles(["-"], stdin=io.BytesIO(data), progress=sizes.append)
        assert article.origin.startswith("-"), fmt
        assert sizes == []
        if fmt == "text":
            assert article.title and article.outlet, fmt
        if fmt == "csv":
            assert (article.title, article.origin) == ("Bridge hit", "-:2")


def test_explicit_file_with_unknown_extension_is_sniffed(tmp_path):
    path = tmp_path / "wire.dump"
    path.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    (article,) = read_articles([str(path)])
    assert article.title == "Bridge hit" and article.origin == f"{path}:1"


def test_errors_are_reported_and_reading_goes_on(corpus, tmp_path_factory):
    bad = tmp_path_factory.mktemp("bad")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_text("\n  \n", encoding="utf-8")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (bad / "sitemap.xml").write_text("<urlset><url><loc>https://example.org/</loc></url></urlset>", encoding="utf-8")
    errors, sizes = [], []
    inputs = [bad, bad / "missing.txt", corpus / "a_gur.txt"]
    articles = list(read_articles(inputs, on_error=errors.append, progress=sizes.append))
    assert len(sizes) == 5  # every file that exists counts towards progress, read or not
    assert [article.origin for article in articles] == [str(corpus / "a_gur.txt")]
    messages = {error.origin: str(error) for error in errors}
    assert set(messages) == {str(bad / name) for name in ("blank.txt", "empty.txt", "image.txt", "sitemap.xml", "missing.txt")}
    assert "is empty" in messages[str(bad / "empty.txt")]
    assert "is empty" in messages[str(bad / "blank.txt")]
    assert "could not be decoded" in messages[str(bad / "image.txt")]
    assert "unsupported input format" in messages[str(bad / "sitemap.xml")]
    assert "Cannot read" in messages[str(bad / "missing.txt")]


def test_first_error_raised_without_on_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(IngestError, match="empty.txt is empty") as caught:
        list(read_articles([tmp_path / "empty.txt"]))
    assert caught.value.origin == str(tmp_path / "empty.txt")


def test_huge_inputs_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_INPUT_BYTES", 50)
    path = tmp_path / "long.txt"
    path.write_text(GUR, encoding="utf-8")
    with pytest.raises(IngestError, match="long.txt is .* bytes, over the 50-byte limit"):
        list(read_articles([path]))
    with pytest.raises(IngestError, match="- is more than 50 bytes, over the 50-byte limit"):
        list(read_articles(["-"], stdin=io.BytesIO(GUR.encode("utf-8"))))


def test_single_path_string_is_a_type_error(tmp_path):
    with pytest.raises(TypeError, match="list of inputs"):
        list(read_articles(str(tmp_path)))
