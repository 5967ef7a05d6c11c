"""The project file's settings under the command line's: an option given on the command line
(or through its environment variable) wins, the project file fills in what was not given."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from localize.commands.options import DEFAULT_LOCALES, EngineChoice
from localize.errors import LocalizeError
from localize.project import Project
from localize.projectfile import LOCALIZE_TOML, ProjectFile, find_project_file

ArticlesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Article files (.txt, .md, .html); '-' reads stdin. Default: the articles of "
        "./localize.toml or [tool.localize] in ./pyproject.toml.",
        show_default=False,
    ),
]
ProjectToOpt = Annotated[
    str | None,
    typer.Option(
        "--to",
        help="Target language(s), comma separated: es,fr,zh (default: the project file's).",
        show_default=False,
    ),
]
ProjectLocalesOpt = Annotated[
    Path | None,
    typer.Option(
        "--locales-dir",
        envvar="LOCALIZE_LOCALES_DIR",
        help="Where catalogs live (default: the project file's, else locales).",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class Settings:
    """The settings of one command, after the command line and the project file."""

    articles: list[str]  # empty: none named and no project file (the command decides)
    languages: list[str]
    locales_dir: Path
    glossary: Path | None
    lang: str | None
    engine: str
    from_project_file: bool


def resolve(
    articles: list[str] | None,
    *,
    to: str | None = None,
    locales_dir: Path | None = None,
    glossary: Path | None = None,
    lang: str | None = None,
    engine: str | None = None,
    reads_catalogs: bool = True,
) -> Settings:
    """``reads_catalogs``: False for a command that reads no catalog (segment, extract), which
    two folders of one language do not concern."""
    from localize.languages import parse_language_list

    project = find_project_file()
    # A wrong setting is reported even when an option overrides it: the file is wrong.
    project_engine = _project_engine(project)
    _check_project_paths_and_codes(project)
    named = list(articles or [])
    if "-" in named and len(named) > 1:
        raise LocalizeError("'-' (standard input) must be the only article of a run")
    if not named and project is not None:
        if not project.articles:
            raise LocalizeError(
                f"{project.path}: no 'articles' to act on; list them there or name an ARTICLE"
            )
        named = [str(path) for path in project.articles]
    named = _each_once(named)
    folders = Project(locales_dir or (project and project.locales_dir) or DEFAULT_LOCALES)
    # Before anything is read or written: with zh_CN/ and zh_Hans_CN/ both there, one command
    # would update one folder and another build from the other.
    if reads_catalogs:
        folders.refuse_twin_folders()
    if to:
        languages = parse_language_list(to, folders.language_folder)
    else:
        # The project file's codes as written, then their gettext form, name the folder of
        # their language as --to's do.
        spellings = project.language_spellings if project else []
        languages = list(
            dict.fromkeys(folders.language_folder(written, code) for written, code in spellings)
        )
    return Settings(
        articles=named,
        languages=languages,
        locales_dir=folders.locales_dir,
        glossary=glossary or (project.glossary if project else None),
        lang=lang
        or os.environ.get("LOCALIZE_SOURCE_LANG")
        or (project.source_language if project else None),
        engine=engine or project_engine or "auto",
        from_project_file=not articles and project is not None,
    )


def _each_once(articles: list[str]) -> list[str]:
    """The articles named, each file once, as first named: ``story.txt ./story.txt`` is one
    article, acted on once, not two refused for sharing their catalogs."""
    seen: set[Path] = set()
    once = []
    for article in articles:
        file = Path(article).resolve()
        if file not in seen:
            seen.add(file)
            once.append(article)
    return once


def require_articles(settings: Settings, command: str) -> list[str]:
    if not settings.articles:
        raise LocalizeError(
            f"no ARTICLE given and no project file here: name the article ('localize {command} "
            f"story.txt') or list the articles in ./{LOCALIZE_TOML}"
        )
    return settings.articles


def require_languages(settings: Settings) -> list[str]:
    if not settings.languages:
        raise LocalizeError(
            "no target language given: pass --to with codes such as es or es,fr,zh, or set "
            f"'languages' in ./{LOCALIZE_TOML}"
        )
    return settings.languages


def _project_engine(project: ProjectFile | None) -> str | None:
    if project is None or project.engine is None:
        return None
    try:
        return EngineChoice.parse(project.engine, "engine").value
    except LocalizeError as error:
        raise LocalizeError(f"{project.where('engine')}: {error}") from None


def _check_project_paths_and_codes(project: ProjectFile | None) -> None:
    """The project file's source language and glossary, checked where the file names them:
    an error later would name the value and not the line to fix."""
    if project is None:
        return
    if project.source_language is not None:
        from localize.languages import normalize_language

        try:
            normalize_language(project.source_language)
        except LocalizeError as error:
            raise LocalizeError(f"{project.where('source-language')}: {error}") from None
    if project.glossary is not None and not project.glossary.is_file():
        what = "is a directory" if project.glossary.is_dir() else "no such file"
        raise LocalizeError(
            f"{project.where('glossary')}: glossary {project.glossary}: {what}; name a "
            f"glossary file there, or create it with 'localize glossary init {project.glossary}'"
        )
