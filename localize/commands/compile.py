"""``localize compile``: binary .mo files beside the catalogs."""

from __future__ import annotations

from typing import Annotated

import typer

from localize.commands.options import (
    DEFAULT_LOCALES,
    LocalesOpt,
)
from localize.commands.output import report
from localize.project import Project


def compile_(
    to: Annotated[
        str | None, typer.Option("--to", help="Only these languages (default: all).")
    ] = None,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
) -> None:
    """Compile every catalog to a binary .mo next to it (fuzzy entries left out)."""
    from localize.app.catalogs import compile_catalogs
    from localize.languages import parse_language_list

    langs = parse_language_list(to) if to else None
    report(compile_catalogs(Project(locales_dir), langs))
