"""``localize memory export|import FILE.tmx``: share reviewed translations with CAT tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from localize.commands.group import ErrorReportingGroup
from localize.commands.options import LangOpt, LocalesOpt
from localize.commands.output import report

app = typer.Typer(
    cls=ErrorReportingGroup,
    help="The translation memory: exchange its reviewed translations as TMX.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

TmxFile = Annotated[Path, typer.Argument(metavar="FILE.tmx", help="The TMX file.")]


@app.command("export", epilog="Example: localize memory export newsroom.tmx")
def export(path: TmxFile, locales_dir: LocalesOpt = Path("locales")) -> None:
    """Write every reviewed translation of the memory as TMX 1.4b (language, review date,
    origin, and the engine when the reviewer kept its draft as it was); '-' writes it to
    stdout."""
    from localize.app.memory import export_memory
    from localize.project import Project

    report(export_memory(Project(locales_dir), path))


@app.command("import", epilog="Example: localize memory import newsroom.tmx")
def import_(path: TmxFile, locales_dir: LocalesOpt = Path("locales"), lang: LangOpt = None) -> None:
    """Add a TMX file's translations to the memory: a sentence they cover is proposed "from
    memory" (fuzzy, for review) before it goes to an engine. --lang is the source language
    of units that do not name theirs."""
    from localize.app.inputs import source_language
    from localize.app.memory import import_memory
    from localize.project import Project

    report(import_memory(Project(locales_dir), path, source_language(lang)))
