"""``localize check [ARTICLE] [--to LANG] [--format text|json]``: the gate before publishing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from localize.errors import LocalizeError


def check(
    article: Annotated[
        str | None, typer.Argument(help="Check this article's catalogs (default: every catalog).")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Only these languages, comma separated.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    glossary: Annotated[
        Path | None,
        typer.Option(
            "--glossary", help="Glossary file (default: ./glossary.yaml, else the shipped one)."
        ),
    ] = None,
    locales_dir: Annotated[
        Path,
        typer.Option("--locales-dir", envvar="LOCALIZE_LOCALES_DIR", help="Where catalogs live."),
    ] = Path("locales"),
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
    from localize.checks import ERROR, check_catalog
    from localize.glossary import resolve_glossary
    from localize.languages import parse_language_list
    from localize.project import Project

    if output_format not in ("text", "json"):
        raise LocalizeError(f"unknown --format '{output_format}'; use text or json")
    loaded = resolve_glossary(glossary)
    project = Project(locales_dir)
    name = Path(article).stem if article else None
    langs = parse_language_list(to) if to else None
    catalogs = project.catalogs(name, langs)
    if not catalogs:
        what = f"'{name}'" if name else "any article"
        raise LocalizeError(
            f"{locales_dir}: no catalogs for {what}; create them with "
            "'localize translate ARTICLE --to LANG' or 'localize init'"
        )
    findings = []
    for lang, path in catalogs:
        fmt = _format_of(path, article, input_format)
        findings.extend(check_catalog(path, loaded, lang, fmt.protected))
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    if output_format == "json":
        typer.echo(
            json.dumps(
                {
                    "glossary": {"path": str(loaded.path), "version": loaded.version},
                    "catalogs": [str(path) for _, path in catalogs],
                    "errors": errors,
                    "warnings": warnings,
                    "findings": [f.to_dict() for f in findings],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        _print_table(findings, loaded.describe(), len(catalogs), errors, warnings)
    if errors:
        raise typer.Exit(1)


def _format_of(path: Path, article: str | None, input_format: str | None):
    """The article's format decides what markup must survive: named, else from the article's
    extension, else from the file the catalog's references point to."""
    from localize.catalog import load_catalog
    from localize.formats import format_for

    if input_format or article:
        return format_for(article or "", input_format)
    references = [file for entry in load_catalog(path) for file, _ in entry.occurrences]
    return format_for(references[0] if references else "")


def _print_table(
    findings,
    glossary: str,
    catalogs: int,
    errors: int,
    warnings: int,
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

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
    typer.echo(f"{errors} error(s), {warnings} warning(s) in {catalogs} catalog(s)")
