"""``localize status``: how far each catalog is translated."""

from __future__ import annotations

from typing import Annotated

import typer

from localize.app.inputs import read_input
from localize.commands.options import (
    DEFAULT_LOCALES,
    EncodingOpt,
    InputFormatOpt,
    LangOpt,
    LocalesOpt,
)
from localize.errors import LocalizeError
from localize.project import Project


def status(
    article: Annotated[
        str | None,
        typer.Argument(help="Only this article's catalogs, and whether they are up to date."),
    ] = None,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Show translated / fuzzy / untranslated counts per catalog."""
    from rich.console import Console
    from rich.table import Table

    from localize.app.catalogs import status as run

    doc = read_input(article, lang, encoding, input_format) if article else None
    rows = run(Project(locales_dir), doc).rows
    if not rows:
        raise LocalizeError(
            f"{locales_dir}: no catalogs found; run 'localize init' or 'localize translate' first"
        )
    table = Table("catalog", "lang", "translated", "fuzzy", "untranslated", "%", "state")
    for row in rows:
        s = row.stats
        state = "out of date: run localize update" if row.stale else ("ok" if doc else "")
        table.add_row(
            row.name,
            row.lang,
            str(s.translated),
            str(s.fuzzy),
            str(s.untranslated),
            f"{s.percent:.0f}",
            state,
        )
    Console(width=max(100, Console().width)).print(table)
