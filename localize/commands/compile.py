"""``localize compile``: binary .mo files beside the catalogs."""

from __future__ import annotations

from typing import Annotated

import typer

from localize.commands.options import DEFAULT_LOCALES
from localize.commands.output import report
from localize.commands.projectopts import ProjectLocalesOpt
from localize.project import Project


def compile_(
    to: Annotated[
        str | None, typer.Option("--to", help="Only these languages (default: all).")
    ] = None,
    locales_dir: ProjectLocalesOpt = None,
) -> None:
    """Compile every catalog to a binary .mo next to it (fuzzy entries left out)."""
    from localize.app.catalogs import compile_catalogs
    from localize.languages import parse_language_list
    from localize.projectfile import find_project_file

    # The project file's locales directory, unless --locales-dir (or its variable) names one.
    project = find_project_file()
    directory = locales_dir or (project.locales_dir if project else None) or DEFAULT_LOCALES
    project_dir = Project(directory)
    project_dir.refuse_twin_folders()
    langs = parse_language_list(to, project_dir.language_folder) if to else None
    report(compile_catalogs(project_dir, langs))
