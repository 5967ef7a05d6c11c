"""Where catalogs live: ``locales/<name>.pot`` and ``locales/<lang>/LC_MESSAGES/<name>.po``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from localize.errors import LocalizeError

MESSAGES_DIR = "LC_MESSAGES"
GLOSSARY_FILENAME = "glossary.yaml"  # a project's own glossary, in the current directory
WORK_DIR_NAME = ".localize"
# Everything in the working directory is local state (memory, lock): keep it out of version
# control without asking the user to edit their own .gitignore.
_WORK_DIR_GITIGNORE = (
    "# localize's working files (translation memory, lock): not for version control\n*\n"
)


# Set to anything to do every run in full, without the caches of .localize/ that save work
# for what did not change (the stamp of an unchanged rerun, the glossary notes, the parsed
# catalogs, the sentence spans): the tests
# compare the output both ways.
NO_RUN_CACHE_ENV = "LOCALIZE_NO_RUN_CACHE"


def catalog_name(article: str | Path | None) -> str:
    """The name of an article's catalogs (``<lang>/LC_MESSAGES/<name>.po``): its file's stem,
    ``stdin`` for standard input (``-``, or no path). One rule for every command: a catalog
    one command names otherwise is one another would not find."""
    if article is None or str(article) == "-":
        return "stdin"
    return Path(article).stem


def work_dir(locales_dir: Path) -> Path:
    """``.localize/`` beside ``locales/``: the memory and the lock, out of the catalogs' tree."""
    return locales_dir.resolve().parent / WORK_DIR_NAME


def ensure_work_dir(locales_dir: Path) -> Path:
    """Create the working directory (with its own ``.gitignore``) and return it."""
    directory = work_dir(locales_dir)
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text(_WORK_DIR_GITIGNORE, encoding="utf-8")
    return directory


@dataclass(frozen=True)
class Project:
    """Where a project's template and catalogs live (the locales folder), and their paths."""

    locales_dir: Path

    def template_path(self, name: str) -> Path:
        return self.locales_dir / f"{name}.pot"

    def catalog_path(self, lang: str, name: str) -> Path:
        return self.locales_dir / lang / MESSAGES_DIR / f"{name}.po"

    def memory_path(self) -> Path:
        """The translation memory sits beside ``locales/``, shared by all its articles."""
        return work_dir(self.locales_dir) / "memory.sqlite"

    def languages(self, name: str | None = None) -> list[str]:
        """Languages that have a catalog (for ``name``, or for any article)."""
        if not self.locales_dir.is_dir():
            return []
        found = []
        for directory in sorted(self.locales_dir.iterdir()):
            messages = directory / MESSAGES_DIR
            if not messages.is_dir():
                continue
            if (name is None and any(messages.glob("*.po"))) or (messages / f"{name}.po").is_file():
                found.append(directory.name)
        return found

    def language_folder(self, written: str, code: str) -> str:
        """The folder of the locales directory that holds the catalogs of the language
        ``written`` (as the user or project file wrote it; ``code`` its gettext form): a
        folder is its language, whatever tool named it, so ``--to zh-CN`` finds the ``zh_CN``
        folder msginit made rather than making a second, empty ``zh_Hans_CN``. The folder named
        as written comes first, then the gettext form, then any other spelling of the same
        language (``sr_Latn`` for ``sr@latin``); ``code`` when there is none yet."""
        if not self.locales_dir.is_dir():
            return code
        folders = [
            directory.name
            for directory in sorted(self.locales_dir.iterdir())
            if (directory / MESSAGES_DIR).is_dir()
        ]
        for name in (written, written.replace("-", "_"), code):
            if name in folders:
                return name
        return next((name for name in folders if _names_same_language(name, code)), code)

    def refuse_twin_folders(self) -> None:
        """Refuse two catalog folders that are one language (``zh_CN`` and ``zh_Hans_CN``,
        ``sr@latin`` and ``sr_Latn``): commands would find one or the other by how the
        language was written, so one updates a folder another never builds from."""
        if not self.locales_dir.is_dir():
            return
        from localize.languages import (
            base_language,
            names_language_folder,
            normalize_language,
            same_language,
        )

        try:
            directories = sorted(self.locales_dir.iterdir())
        except OSError:
            return  # an unreadable locales directory is reported where its catalogs are read
        # Only folders whose names share a language subtag can be twins: the others are not
        # read further, so a rerun replayed from its stamp never imports Babel for this.
        bases: dict[str, int] = {}
        for directory in directories:
            bases[base_language(directory.name)] = bases.get(base_language(directory.name), 0) + 1
        seen: list[tuple[str, str]] = []  # (folder, its gettext form)
        for directory in directories:
            name = directory.name
            if bases[base_language(name)] < 2:
                continue
            if not (directory / MESSAGES_DIR).is_dir() or not names_language_folder(name):
                continue
            code = normalize_language(name)
            for other, other_code in seen:
                if same_language(other_code, code):
                    raise LocalizeError(
                        f"{self.locales_dir / other} and {self.locales_dir / name} hold "
                        f"catalogs of one language ({code}): merge them into one; keep the "
                        "one your tools use"
                    )
            seen.append((name, code))

    def catalogs(
        self, name: str | None = None, langs: list[str] | None = None
    ) -> list[tuple[str, Path]]:
        """(language, path) of existing catalogs, optionally restricted to some languages."""
        result: list[tuple[str, Path]] = []
        for lang in langs or self.languages(name):
            messages = self.locales_dir / lang / MESSAGES_DIR
            paths = [messages / f"{name}.po"] if name else sorted(messages.glob("*.po"))
            result.extend((lang, path) for path in paths if path.is_file())
        return result

    def check_locales_dir(self) -> None:
        check_locales_dir(self.locales_dir)


def check_locales_dir(locales_dir: Path) -> None:
    """Refuse a locales directory that is a file (``--locales-dir story.txt``)."""
    if locales_dir.exists() and not locales_dir.is_dir():
        raise LocalizeError(f"{locales_dir}: exists but is not a directory; pass --locales-dir DIR")


def _names_same_language(folder: str, code: str) -> bool:
    """Whether a folder's name is a spelling of the language ``code``; a folder named for
    something else (``templates``, ``es@old``) is no language's."""
    from localize.languages import names_language_folder, normalize_language, same_language

    if not names_language_folder(folder):
        return False
    return same_language(normalize_language(folder), code)
