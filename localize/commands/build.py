"""``localize build``: the article regenerated in a target language."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from localize.app.inputs import read_input
from localize.commands.options import (
    DEFAULT_LOCALES,
    ArticleArg,
    EncodingOpt,
    GlossaryOpt,
    InputFormatOpt,
    LangOpt,
    LocalesOpt,
    ToOpt,
)
from localize.commands.output import info, report
from localize.errors import LocalizeError
from localize.project import Project


def build(
    article: ArticleArg,
    to: ToOpt,
    threshold: Annotated[
        float,
        typer.Option(help="Refuse below this percentage of translated sentences.", min=0, max=100),
    ] = 80,
    include_fuzzy: Annotated[
        bool, typer.Option("--include-fuzzy", help="Use fuzzy entries (unreviewed MT drafts) too.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Output file, '-' for stdout (default: <stem>.<lang><ext> by the article).",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Refuse when 'localize check' finds an error in the catalog."),
    ] = False,
    glossary: GlossaryOpt = None,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Regenerate the article in a target language from its reviewed catalog."""
    from localize.app.build import build as run
    from localize.glossary import resolve_glossary
    from localize.languages import parse_language_list

    langs = parse_language_list(to)
    if output and len(langs) > 1:
        raise LocalizeError("-o names one file: pass a single language with --to")
    doc = read_input(article, lang, encoding, input_format)
    terms = resolve_glossary(glossary) if check else None
    if terms:
        info(f"glossary: {terms.describe()}")
    for target in langs:
        report(
            run(
                doc,
                Project(locales_dir),
                target,
                threshold=threshold,
                include_fuzzy=include_fuzzy,
                output=output,
                check_with=terms,
            )
        )
