"""The catalogs a command takes from the locales directory, by one rule for every command
(update, status, check, compile, report): the languages someone named (--to, the project
file's languages) as they are, else the folders named by a language code; a catalog nobody
named that cannot be read is skipped with a warning at its line instead of stopping the run."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from localize.errors import LocalizeError
from localize.languages import names_language_folder
from localize.project import Project

Read = TypeVar("Read")


def found_languages(project: Project, name: str | None = None) -> list[str]:
    """Languages with a catalog (of article ``name``, or any) in a folder named by a language
    code: ``old``, ``tmp``, ``C`` or ``de_DE.UTF-8`` hold backups or a system's locale, not a
    translation anyone asked for."""
    return [code for code in project.languages(name) if names_language_folder(code)]


def language_catalogs(
    project: Project, name: str | None = None, langs: Sequence[str] | None = None
) -> list[tuple[str, Path]]:
    """(language, path) of the catalogs of ``langs`` when named, else of every language
    folder (``found_languages``)."""
    chosen = list(langs) if langs else found_languages(project, name)
    # None found is no catalog: Project.catalogs would take an empty list for "every folder".
    return project.catalogs(name, chosen) if chosen else []


def read_best_effort(
    catalogs: Sequence[tuple[str, Path]],
    read: Callable[[str, Path], Read],
    warnings: list[str],
    *,
    named: bool,
) -> list[tuple[str, Path, Read]]:
    """``read`` of each catalog. A named catalog that cannot be read stops the run with its
    error; one found in the locales directory is skipped with a warning naming its file and
    line, so that the others are still shown, checked or compiled. When every catalog is
    unreadable the first error is the answer."""
    done: list[tuple[str, Path, Read]] = []
    unreadable: list[LocalizeError] = []
    for lang, path in catalogs:
        try:
            done.append((lang, path, read(lang, path)))
        except LocalizeError as error:
            if named:
                raise
            unreadable.append(error)
    if unreadable and not done:
        raise unreadable[0]
    warnings += [
        f"{error}; skipped it: its language was not named (--to or the project file's "
        "languages), so the other catalogs were taken"
        for error in unreadable
    ]
    return done
