"""``localize segment``: the article's sentences, as localize cuts them."""

from __future__ import annotations

import typer

from localize.app.inputs import read_input
from localize.commands.options import (
    ArticleArg,
    EncodingOpt,
    InputFormatOpt,
    LangOpt,
    OutputFormat,
    OutputFormatOpt,
    SourceGlossaryOpt,
)
from localize.commands.output import echo_json


def segment(
    article: ArticleArg,
    lang: LangOpt = None,
    glossary: SourceGlossaryOpt = None,
    output_format: OutputFormatOpt = "text",
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Print the article's sentences, one per line (json: text, start, end, paragraph)."""
    from localize.commands.projectopts import resolve

    fmt = OutputFormat.parse(output_format, "--format")
    # The project file's source language and glossary, as every command reading articles.
    settings = resolve([article], lang=lang, glossary=glossary, reads_catalogs=False)
    doc = read_input(article, settings.lang, encoding, input_format, settings.glossary)
    if fmt is OutputFormat.JSON:
        echo_json(
            [
                {
                    "text": doc.text[u.start : u.end],
                    "start": u.start,
                    "end": u.end,
                    "paragraph": u.block,
                }
                for u in doc.units
            ]
        )
    else:
        for unit in doc.units:
            typer.echo(unit.msgid)
