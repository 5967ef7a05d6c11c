"""``localize report [ARTICLE…] [-o report.html] [--format json]``: the editor's overview."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from localize.commands.output import info
from localize.commands.projectopts import ProjectLocalesOpt, resolve

EXAMPLE = "Example: localize report examples/sco-ministers-meeting.txt -o report.html"


def report(
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ARTICLE",
            help="Articles to report on (default: the project file's articles, else every "
            "article with a template in locales/).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to write it (default report.html or report.json; - for stdout).",
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="html or json.")] = "html",
    to: Annotated[
        str | None, typer.Option("--to", help="Only these languages, comma separated.")
    ] = None,
    glossary: Annotated[
        Path | None,
        typer.Option(
            "--glossary", help="Glossary file (default: ./glossary.yaml, else the shipped one)."
        ),
    ] = None,
    locales_dir: ProjectLocalesOpt = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of the articles, for the memory's drafts (default: "
            "$LOCALIZE_SOURCE_LANG, else the project file's source-language, else the source "
            "language of the run's glossary; else en).",
        ),
    ] = None,
) -> None:
    """One static HTML page for the editor who decides what can be published: progress per
    article and language, check findings linked to their entries, glossary terms, each source
    sentence beside its machine draft and reviewed translation with the reviewer's edits
    marked, and how much reviewers changed the drafts (chrF, TER) per engine and language."""
    from localize.app.inputs import source_language
    from localize.glossary import resolve_glossary
    from localize.project import Project
    from localize.report import write_report

    settings = resolve(articles, to=to, locales_dir=locales_dir, glossary=glossary, lang=lang)
    target = output or Path("report.json" if output_format == "json" else "report.html")
    skipped: list[str] = []
    text = write_report(
        Project(settings.locales_dir),
        settings.articles,
        resolve_glossary(settings.glossary),
        target,
        output_format=output_format,
        langs=settings.languages or None,
        source_lang=source_language(settings.lang, settings.glossary),
        warnings=skipped,
    )
    for warning in skipped:  # a catalog found broken, left out of the report
        typer.echo(f"warning: {warning}", err=True)
    if str(target) == "-":
        typer.echo(text, nl=False)
    else:
        info(f"wrote {target}")
