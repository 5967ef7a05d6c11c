"""``localize status``: how far each catalog is translated."""

from __future__ import annotations

from typing import Annotated

import typer

from localize.app.inputs import read_input
from localize.commands.options import (
    EncodingOpt,
    InputFormatOpt,
    LangOpt,
    OutputFormat,
    SourceGlossaryOpt,
    SummaryFormatOpt,
)
from localize.commands.output import echo_json, print_table
from localize.commands.projectopts import ProjectLocalesOpt, resolve
from localize.errors import LocalizeError
from localize.project import Project


def status(
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Only these articles' catalogs, and whether they are up to date (default: the "
            "project file's articles, else every catalog).",
            show_default=False,
        ),
    ] = None,
    locales_dir: ProjectLocalesOpt = None,
    lang: LangOpt = None,
    glossary: SourceGlossaryOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    output_format: SummaryFormatOpt = "text",
) -> None:
    """Show translated / fuzzy / untranslated counts per catalog."""
    from localize.app.catalogs import status as run
    from localize.app.template import refuse_shared_catalog_names

    fmt = OutputFormat.parse(output_format, "--format")

    settings = resolve(articles, locales_dir=locales_dir, lang=lang, glossary=glossary)
    docs = [
        read_input(path, settings.lang, encoding, input_format, settings.glossary)
        for path in settings.articles
    ]
    # One catalog would be counted as each article's: the refusal update gives them.
    refuse_shared_catalog_names(docs)
    project = Project(settings.locales_dir)
    results = [run(project, doc) for doc in docs] if docs else [run(project)]
    rows = [row for result in results for row in result.rows]
    for result in results:  # a catalog found broken: skipped, named at its line
        for warning in result.warnings:
            typer.echo(f"warning: {warning}", err=True)
    doc = docs[0] if docs else None  # whether staleness was judged
    if not rows:
        raise LocalizeError(
            f"{settings.locales_dir}: no catalogs found; run 'localize init' or "
            "'localize translate' first"
        )
    if fmt is OutputFormat.JSON:
        echo_json(
            [
                {
                    "catalog": row.name,
                    "lang": row.lang,
                    "path": str(row.path),
                    "translated": row.stats.translated,
                    "fuzzy": row.stats.fuzzy,
                    "untranslated": row.stats.untranslated,
                    "percent": round(row.stats.percent, 1),
                    "stale_drafts": row.stats.stale_drafts,
                    "out_of_date": (row.stale is not None) if doc else None,
                    "belongs_to": row.belongs_to,
                }
                for row in rows
            ]
        )
        return
    table = []
    for row in rows:
        s = row.stats
        if row.belongs_to:
            state = f"the catalog of {row.belongs_to}: not this article's"
        elif row.stale:
            state = "out of date: run localize update"
        elif s.stale_drafts:
            # Merged, but drafted for sentences since edited: only an engine brings it up to date.
            state = (
                f"{s.stale_drafts} draft(s) of edited sentences: run localize update with an engine"
            )
        else:
            state = "ok" if doc else ""
        table.append(
            [
                row.name,
                row.lang,
                str(s.translated),
                str(s.fuzzy),
                str(s.untranslated),
                f"{s.percent:.0f}",
                state,
            ]
        )
    print_table(["catalog", "lang", "translated", "fuzzy", "untranslated", "%", "state"], table)
