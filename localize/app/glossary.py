"""glossary init, export and the language selection the glossary commands share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from localize.errors import LocalizeError
from localize.languages import base_language

if TYPE_CHECKING:
    from localize.glossary import Glossary


def write_editable_copy(path: Path, force: bool) -> Path:
    """Copy the shipped glossary to ``path`` (atomically: a copy is whole or absent)."""
    from localize.fileio import atomic_write
    from localize.glossary import shipped_path

    if path.exists() and not force:
        raise LocalizeError(f"{path}: already exists; edit it, or pass --force to replace it")
    atomic_write(path, shipped_path().read_bytes())
    return path


def select_languages(value: str | None, glossary: Glossary) -> list[str]:
    """The languages of ``--to`` (default: all the glossary's), each one it has renderings for."""
    if not value:
        return list(glossary.languages)
    langs = [base_language(part) for part in value.split(",") if part.strip()]
    unknown = [lang for lang in langs if lang not in glossary.languages]
    if unknown:
        raise LocalizeError(
            f"{glossary.path.name} has no renderings for {', '.join(unknown)}; "
            f"choose from {', '.join(glossary.languages)}"
        )
    return langs


def export_text(glossary: Glossary, langs: list[str], as_csv: bool) -> str:
    """The glossary as TBX-Basic (any number of languages) or CSV (one)."""
    from localize.tbx import to_csv, to_tbx

    if not as_csv:
        return to_tbx(glossary, langs)
    if len(langs) != 1:
        raise LocalizeError("CSV holds one target language; pass a single --to, e.g. --to zh")
    return to_csv(glossary, langs[0])
