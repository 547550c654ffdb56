"""The user docs match the code: every command documented with its current --help text."""

from __future__ import annotations

import runpy
from pathlib import Path

import click

from claimgraph.cli import cli

DOCS = Path(__file__).resolve().parents[1] / "docs"
gen_cli = runpy.run_path(str(DOCS / "gen_cli.py"))


def test_cli_reference_is_up_to_date():
    current = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert gen_cli["render"](current) == current, "docs/cli.md is out of date: run python docs/gen_cli.py"


def test_every_command_has_help_and_a_section():
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    for path in gen_cli["command_paths"](cli):
        command = cli
        for name in path:
            command = command.commands[name]
        assert command.help and command.help.strip(), f"claimgraph {' '.join(path)} has no help text"
        assert f"\n## claimgraph {' '.join(path)}\n" in reference
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"claimgraph {' '.join(path)} {param.opts[0]} has no help text"


def test_json_contract_doc_names_every_field():
    from claimgraph.model import Article, Attribution, AttributionKind, Claim, Document, Source, SourceType, TextSpan

    source = Source("Andriy Yusov", SourceType.PERSON, role="spokesman", organization="GUR", start=0, end=12)
    attribution = Attribution(AttributionKind.INDIRECT, source, cue=TextSpan("said", 13, 17))
    claim = Claim("a1", "text", 18, 22, "sentence", attribution)
    document = Document(Article(text="Andriy Yusov said text"), [claim]).to_dict()
    reference = (DOCS / "json.md").read_text(encoding="utf-8")
    names = {*document["article"], *document["claims"][0], *document["claims"][0]["attribution"]}
    names |= {*document["claims"][0]["attribution"]["source"], *document["claims"][0]["attribution"]["cue"]}
    for name in names:
        assert f"`{name}`" in reference or f'"{name}"' in reference, f"docs/json.md does not describe {name!r}"
