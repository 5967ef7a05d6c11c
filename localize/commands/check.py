"""``localize check [ARTICLE] [--to LANG] [--format text|json]``: the gate before publishing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from localize.commands.options import (
    DateOpt,
    GlossaryOpt,
    OutputFormat,
    OutputFormatOpt,
)
from localize.commands.output import echo_json
from localize.commands.projectopts import ProjectLocalesOpt, resolve

if TYPE_CHECKING:
    from localize.app.check import CheckResult


def check(
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Check these articles' catalogs (default: the project file's articles, else "
            "every catalog).",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Only these languages, comma separated.")
    ] = None,
    output_format: OutputFormatOpt = "text",
    glossary: GlossaryOpt = None,
    article_date: DateOpt = None,
    locales_dir: ProjectLocalesOpt = None,
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            help="text, markdown or html (default: from the article's "
            "extension, or from the catalog's references)",
        ),
    ] = None,
) -> None:
    """Check translated and fuzzy entries: glossary terms, forbidden renderings, numbers and
    dates, kept names, brackets, punctuation, untranslated text, leftover placeholders and
    markup. Exits 1 when any error-level finding exists."""
    from localize.app.check import CheckResult
    from localize.app.check import check as run
    from localize.app.glossary import as_of_article
    from localize.app.template import refuse_shared_names
    from localize.glossary import resolve_glossary
    from localize.project import Project, catalog_name

    fmt = OutputFormat.parse(output_format, "--format")
    settings = resolve(articles, to=to, locales_dir=locales_dir, glossary=glossary)
    langs = settings.languages or None
    project = Project(settings.locales_dir)
    result = CheckResult()
    chosen: list[str | None] = [*settings.articles] or [None]
    # One catalog would be checked, and its findings counted, as each article's.
    refuse_shared_names([(catalog_name(path), path) for path in settings.articles])
    # Read once; each article is checked as of its own date (its dateline, or --date).
    shared = resolve_glossary(settings.glossary)
    loaded = as_of_article(shared, article_date, None)
    for article in chosen:
        text = _article_text(article, input_format)
        loaded = as_of_article(shared, article_date, text)
        one = run(project, loaded, article, langs, input_format)
        result.catalogs += one.catalogs
        result.findings += one.findings
        result.warnings += one.warnings
        result.languages += [lang for lang in one.languages if lang not in result.languages]
    # A language the glossary has no renderings for is checked without terminology: said once,
    # or a clean result would read as terms checked.
    for lang in result.languages:
        warning = shared.missing_language_warning(lang)
        if warning:
            typer.echo(f"warning: {warning}", err=True)
    for warning in result.warnings:  # a catalog found broken, skipped at its line
        typer.echo(f"warning: {warning}", err=True)
    if fmt is OutputFormat.JSON:
        echo_json(
            {
                "glossary": {"path": str(loaded.path), "version": loaded.version},
                "catalogs": [str(path) for path in result.catalogs],
                "errors": result.errors,
                "warnings": result.warning_count,
                "findings": [f.to_dict() for f in result.findings],
                "skipped": result.warnings,
            },
            indent=2,
        )
    else:
        _print_table(result, loaded.describe())
    if result.errors:
        raise typer.Exit(1)


def _article_text(article: str | None, input_format: str | None) -> str | None:
    # check names an article to choose its catalogs; one that is not at hand has no date.
    if article is None or not Path(article).is_file():
        return None
    from localize.source import read_article

    return read_article(article, input_format=input_format).text


def _print_table(result: CheckResult, glossary: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    findings = result.findings
    console = Console()
    typer.echo(f"glossary: {glossary}", err=True)
    if findings and not console.is_terminal:
        # Piped or in CI: one compiler-style line per finding, whole paths, grep-able.
        for f in findings:
            typer.echo(
                f"{f.path}:{f.line}: {f.severity}: {f.check}: {f.message} "
                f"[{f.msgid if len(f.msgid) <= 60 else f.msgid[:59] + '…'}]"
            )
    elif findings:
        table = Table(show_lines=False)
        table.add_column("file:line", no_wrap=True)
        for column in ("entry", "check", "message"):
            table.add_column(column, overflow="fold")
        for f in findings:
            entry = f.msgid if len(f.msgid) <= 40 else f.msgid[:39] + "…"
            style = "red" if f.severity == "error" else "yellow"
            # Text(): an entry like "[b]" is shown as written, not read as rich markup.
            table.add_row(
                Text(f"{f.path}:{f.line}"), Text(entry), Text(f.check, style=style), Text(f.message)
            )
        console.print(table)
    typer.echo(
        f"{result.errors} error(s), {result.warning_count} warning(s) in "
        f"{len(result.catalogs)} catalog(s)"
    )
