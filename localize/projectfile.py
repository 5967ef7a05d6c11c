"""The project file: which articles make up the project and how to translate them, so that
``localize translate`` (and update, build, status, check) with no article act on all of them.

po4a's ``po4a.cfg`` and Babel's ``setup.cfg`` are the models: ``localize.toml`` in the current
directory, else a ``[tool.localize]`` table in ``./pyproject.toml``. Options on the command line
override the file. Paths and globs are relative to the file's directory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from localize.errors import LocalizeError

LOCALIZE_TOML = "localize.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("articles", "languages", "engine", "locales-dir", "glossary", "source-language")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)$")


@dataclass(frozen=True)
class ProjectFile:
    """A project file (localize.toml) as read: its articles, languages, engine and folders, each
    key's line kept for the error messages that name it."""

    path: Path
    articles: list[Path]
    languages: list[str] = field(default_factory=list)
    # (code as written, its gettext form) of each language: a folder is found by the code as
    # written first, as --to's is, so "zh_CN" finds the zh_CN folder beside a zh_Hans_CN one.
    language_spellings: list[tuple[str, str]] = field(default_factory=list)
    engine: str | None = None
    locales_dir: Path | None = None
    glossary: Path | None = None
    source_language: str | None = None
    lines: dict[str, int] = field(default_factory=dict)  # key -> line, for error messages

    def where(self, key: str) -> str:
        """``localize.toml:3``: where ``key`` is set, for a message about its value."""
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else str(self.path)


def find_project_file(directory: Path | None = None) -> ProjectFile | None:
    """The project file of ``directory`` (default: the current one), or None when there is
    none. A ``pyproject.toml`` without a ``[tool.localize]`` table is no project file."""
    base = directory or Path()
    own = base / LOCALIZE_TOML
    if own.is_file():
        return _parse(own, _read(own), table=None)
    pyproject = base / PYPROJECT
    if pyproject.is_file():
        tool = _read(pyproject).get("tool", {})
        table = tool.get("localize") if isinstance(tool, dict) else None
        if table is not None:
            return _parse(pyproject, table, table="tool.localize")
    return None


def _read(path: Path) -> dict[str, object]:
    import tomllib  # only where a project file exists: most runs have none

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise LocalizeError(f"{path}: is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _TOML_LINE.search(message)
        if found:
            line = f":{found.group(1)}"
        elif message.endswith("(at end of document)"):
            line = f":{len(path.read_text(encoding='utf-8').splitlines()) or 1}"
        else:
            line = ""
        reason = _TOML_LINE.sub("", message).replace("(at end of document)", "").strip()
        raise LocalizeError(f"{path}{line}: not valid TOML ({reason}); fix the syntax") from None


def _parse(path: Path, document: object, table: str | None) -> ProjectFile:
    where = f"[{table}]" if table else "the file"
    if not isinstance(document, dict):
        raise LocalizeError(f"{path}: [{table}] must be a table of settings")
    text = path.read_text(encoding="utf-8")
    # name (dashes) -> (key as written, value, "file:line" to name in a message)
    settings: dict[str, tuple[str, object, str]] = {}
    lines: dict[str, int] = {}
    for key, value in document.items():
        line = _line_of(text, key, table)
        at = f"{path}:{line}" if line else str(path)
        name = key.replace("_", "-")
        if name not in KEYS:
            raise LocalizeError(
                f"{at}: unknown key '{key}' in {where}; the keys are {', '.join(KEYS)}"
            )
        settings[name] = (key, value, at)
        if line:
            lines[name] = line

    def string(name: str) -> str | None:
        if name not in settings:
            return None
        key, value, at = settings[name]
        if not isinstance(value, str) or not value.strip():
            raise LocalizeError(f"{at}: '{key}' must be a non-empty string")
        return value.strip()

    def strings(name: str) -> tuple[list[str], str]:
        if name not in settings:
            return [], str(path)
        key, value, at = settings[name]
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LocalizeError(f"{at}: '{key}' must be a list of strings")
        return [v.strip() for v in value if v.strip()], at

    base = path.parent
    patterns, articles_at = strings("articles")
    codes, languages_at = strings("languages")
    spellings: list[tuple[str, str]] = []
    if codes:
        from localize.languages import normalize_language

        try:
            spellings = list(dict.fromkeys((code, normalize_language(code)) for code in codes))
        except LocalizeError as error:
            raise LocalizeError(f"{languages_at}: {error}") from None
    languages = list(dict.fromkeys(code for _, code in spellings))
    locales = string("locales-dir")
    glossary = string("glossary")
    return ProjectFile(
        path=path,
        articles=_expand(patterns, base, articles_at),
        languages=languages,
        language_spellings=spellings,
        engine=string("engine"),
        locales_dir=base / locales if locales else None,
        glossary=base / glossary if glossary else None,
        source_language=string("source-language"),
        lines=lines,
    )


def _expand(patterns: list[str], base: Path, where: str) -> list[Path]:
    """The articles the paths and globs name, in the order given, each once. A pattern that
    matches nothing is an error: a typo would otherwise leave articles out without a word."""
    import glob

    found: dict[Path, None] = {}
    for pattern in patterns:
        if glob.has_magic(pattern):
            matches = sorted(glob.glob(pattern, root_dir=base, recursive=True))
            files = [
                base / m
                for m in matches
                if (base / m).is_file() and not _built_copy(base / m) and not _report(base / m)
            ]
        else:
            files = [base / pattern] if (base / pattern).is_file() else []
        if not files:
            raise LocalizeError(
                f"{where}: '{pattern}' matches no article file; fix the path or remove it"
            )
        found.update((_tidy(file), None) for file in files)
    return list(found)


_LANGUAGE_SUFFIX = re.compile(r"\.[a-z]{2,3}(?:[_-][A-Za-z0-9]+)?$")


def _built_copy(path: Path) -> bool:
    """``story.es.txt`` beside ``story.txt`` is what ``localize build`` wrote, not an article:
    a glob such as ``articles/*.txt`` must not pick it up after the first build."""
    stem = path.stem
    found = _LANGUAGE_SUFFIX.search(stem)
    return found is not None and path.with_name(stem[: found.start()] + path.suffix).is_file()


# What ``localize report``'s page writes in its head (report/html.py): a glob such as ``*.html``
# must not take the report beside the articles for one of them.
REPORT_META = '<meta name="generator" content="localize report">'


def _report(path: Path) -> bool:
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with path.open("rb") as stream:
            return REPORT_META.encode() in stream.read(2048)
    except OSError:
        return False


def _tidy(path: Path) -> Path:
    """``./articles/a.md`` -> ``articles/a.md``: the form PO references are written in."""
    return Path(*path.parts) if path.parts else path


def _line_of(text: str, key: str, table: str | None) -> int | None:
    """The line that sets ``key`` (in ``[table]`` when given); tomllib keeps no positions."""
    assignment = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
    header = f"{table}.{key}" if table else key  # a sub-table: [key] or [tool.localize.key]
    inside = table is None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.strip("[] ") == header and stripped.startswith("["):
            return number
        if stripped.startswith("["):
            inside = table is not None and stripped.strip("[] ") == table
            continue
        if inside and assignment.match(line):
            return number
    return None
