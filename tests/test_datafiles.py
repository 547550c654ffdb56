"""Finding and reading the data files: bundled lexicons, a user's own files, the demo corpus."""

from __future__ import annotations

import pytest

from claimgraph.datafiles import bundled, bundled_rows, demo_articles, read_bundled, read_jsonl, read_jsonl_file


def test_bad_line_names_the_file_and_line():
    with pytest.raises(ValueError, match=r"roles\.jsonl:2: not a JSON object"):
        read_jsonl('{"role": "spokesman"}\n{"role": \n', "roles.jsonl")


def test_blank_lines_are_skipped():
    assert read_jsonl('\n{"lemma": "say"}\n   \n{"lemma": "tell"}\n', "verbs.jsonl") == [{"lemma": "say"}, {"lemma": "tell"}]


def test_a_users_file_is_named_by_its_path_in_errors(tmp_path):
    path = tmp_path / "my_aliases.jsonl"
    path.write_text('{"id": "dprk", "aliases": ["DPRK"]}\n{broken\n', encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{path.name}:2"):
        read_jsonl_file(path)


def test_bundled_files_are_found_and_read():
    rows = bundled_rows("reporting_verbs.jsonl")
    assert rows and all(isinstance(row, dict) for row in rows)
    assert "[" in read_bundled("linking.toml")
    assert bundled("gazetteer").is_dir()


def test_demo_articles_are_the_text_files_in_date_order_without_the_readme():
    with demo_articles() as articles:
        names = [path.name for path in articles]
        assert all(path.is_file() for path in articles)
    if not names:
        pytest.skip("the demo corpus is not in this checkout")
    assert "README.md" not in names and all(name.endswith(".txt") for name in names)
    assert names == sorted(names)  # named YYYY-MM-DD-…, so by date
