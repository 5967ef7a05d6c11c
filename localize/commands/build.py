"""``localize build``: the article regenerated in a target language."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from localize.app.inputs import read_input
from localize.commands.options import (
    EncodingOpt,
    GlossaryOpt,
    InputFormatOpt,
    LangOpt,
)
from localize.commands.output import info, info_on_stderr, report
from localize.commands.projectopts import (
    ArticlesArg,
    ProjectLocalesOpt,
    ProjectToOpt,
    require_articles,
    require_languages,
    resolve,
)
from localize.errors import LocalizeError
from localize.project import Project


def build(
    articles: ArticlesArg = None,
    to: ProjectToOpt = None,
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
    locales_dir: ProjectLocalesOpt = None,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Regenerate the article in a target language from its reviewed catalog.

    With several articles (or none, and a project file), each is built; one that cannot be
    is reported and the others are still built (exit status 2 at the end)."""
    from localize.app.build import STDOUT
    from localize.app.build import build as run
    from localize.app.template import refuse_shared_catalog_names
    from localize.glossary import resolve_glossary

    settings = resolve(articles, to=to, locales_dir=locales_dir, glossary=glossary, lang=lang)
    paths = require_articles(settings, "build")
    langs = require_languages(settings)
    if output and len(langs) * len(paths) > 1:
        raise LocalizeError("-o names one file: pass a single article and a single language")
    if output is not None and str(output) == STDOUT:
        info_on_stderr()
    docs = [
        read_input(path, settings.lang, encoding, input_format, settings.glossary) for path in paths
    ]
    # Before anything is written: both would be built from one catalog.
    refuse_shared_catalog_names(docs)
    terms = resolve_glossary(settings.glossary) if check else None
    if terms:
        info(f"glossary: {terms.describe()}")
    failed = 0
    for doc in docs:
        for target in langs:
            try:
                outcome = run(
                    doc,
                    Project(settings.locales_dir),
                    target,
                    threshold=threshold,
                    include_fuzzy=include_fuzzy,
                    output=output,
                    check_with=terms,
                )
            except LocalizeError as error:
                if len(docs) * len(langs) == 1:
                    raise
                typer.echo(f"error: {error}", err=True)
                failed += 1
                continue
            report(outcome)
    if failed:
        raise typer.Exit(2)
