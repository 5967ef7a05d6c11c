"""memory export / import: the reviewed translations of the memory as TMX, for CAT tools."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from localize.app.outcome import Outcome
from localize.errors import LocalizeError
from localize.fileio import atomic_write
from localize.languages import written_language
from localize.project import Project

STDOUT = "-"  # as build's and report's -o -


@dataclass
class ExchangeOutcome(Outcome):
    translations: int = 0  # units written, or read from the file
    stored: int = 0  # added to the memory or replacing an older review


def export_memory(project: Project, path: Path) -> ExchangeOutcome:
    """Write every reviewed translation of the memory to ``path`` as TMX 1.4b."""
    from localize.memory import Memory
    from localize.tmx import ExchangedTranslation, tmx_bytes

    memory_path = project.memory_path()
    if not memory_path.exists():
        raise LocalizeError(
            f"{memory_path}: no translation memory yet; it is made by 'localize translate' "
            "(or 'localize memory import FILE.tmx')"
        )
    with Memory.open(memory_path) as memory:
        reviewed = memory.reviewed_translations()
        drafts: dict[tuple[str, str, str, str], str] = {}
        for pair in {(r.source_lang, r.target_lang) for r in reviewed}:
            sources = [r.source for r in reviewed if (r.source_lang, r.target_lang) == pair]
            for (source, text), draft in memory.machine_output(*pair, sources).items():
                drafts[(*pair, source, text)] = f"{draft.engine} {draft.model} {draft.version}"
    exchanged = [
        ExchangedTranslation(
            source_lang=r.source_lang,
            target_lang=r.target_lang,
            source=r.source,
            translation=r.translation,
            updated=r.updated,
            machine_draft=drafts.get((r.source_lang, r.target_lang, r.source, r.translation)),
        )
        for r in reviewed
    ]
    source_lang = exchanged[0].source_lang if exchanged else "en"
    data = tmx_bytes(exchanged, source_lang)
    if str(path) == STDOUT:
        # As build -o - and report -o -: the TMX alone on stdout, for a pipe; no note after it.
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return ExchangeOutcome(translations=len(exchanged))
    atomic_write(path, data)
    outcome = ExchangeOutcome(written=[path], translations=len(exchanged))
    outcome.notes.append(f"{len(exchanged)} reviewed translations exported")
    return outcome


def import_memory(project: Project, path: Path, source_lang: str) -> ExchangeOutcome:
    """Add the translations of a TMX file to the memory's reviewed translations: a sentence
    they cover is then proposed "from memory" (fuzzy, for review) before it goes to an engine."""
    from localize.memory import Memory, ReviewedTranslation
    from localize.tmx import is_regional, read_tmx

    contents = read_tmx(path, source_lang)
    catalog_langs = {lang for lang, _ in project.catalogs()}
    targets = [_gettext_code(t.target_lang) for t in contents.translations]
    # The regional variants of one written language that a unit holds (pt_BR and pt_PT,
    # zh_Hant_TW and zh_Hant_HK): kept apart.
    variants: dict[tuple[str, str], set[str]] = {}
    for t, code in zip(contents.translations, targets, strict=True):
        variants.setdefault((t.source, written_language(code)), set()).add(code)
    rows = [
        ReviewedTranslation(
            _gettext_code(t.source_lang),
            code
            if is_regional(source_lang)
            else _target_code(
                code, catalog_langs, len(variants[(t.source, written_language(code))])
            ),
            t.source,
            t.translation,
            t.updated,
        )
        for t, code in zip(contents.translations, targets, strict=True)
    ]
    with Memory.open(project.memory_path()) as memory:
        stored = memory.merge_reviewed(rows)
    outcome = ExchangeOutcome(translations=len(rows), stored=stored)
    how = (
        f"whole language tags matched, as {source_lang} is regional"
        if is_regional(source_lang)
        else "languages matched by their primary subtag and script: en-US is en, zh-Hant is not zh"
    )
    outcome.notes.append(
        f"{len(rows)} translations read from {path} ({how}); {stored} added to the memory "
        "(a more recent review already there is kept)"
    )
    if contents.other_sources:
        units = sum(contents.other_sources.values())
        outcome.notes.append(
            f"{units} of the units have their source in another language than {source_lang} "
            f"({_counts(contents.other_sources)}): kept for articles in that language"
        )
    if contents.without_source:
        units = sum(contents.without_source.values())
        outcome.warnings.append(
            f"{path}: {units} units skipped, without a text in their source language "
            f"({_counts(contents.without_source)}); name it with srclang on the unit or the "
            "header, or --lang"
        )
    if contents.no_language:
        skipped = sum(contents.no_language.values())
        outcome.warnings.append(
            f"{path}: {skipped} translations skipped, tagged with no one language "
            f"({_counts(contents.no_language)}); tag them with the language they are written in "
            "to import them"
        )
    return outcome


def _target_code(code: str, catalog_langs: set[str], variants: int) -> str:
    """A regional target (es_MX, as CAT tools tag Spanish) is stored as its written language
    (es; zh_Hant for zh_Hant_TW, as a script is another written language), which the project's
    catalogs are named by, unless the project has a catalog of that very region or the unit
    holds more than one variant of the written language (pt_BR and pt_PT stay apart)."""
    written = written_language(code)
    if code != written and code not in catalog_langs and variants == 1:
        return written
    return code


def _counts(by_language: dict[str, int]) -> str:
    return ", ".join(f"{lang}: {n}" for lang, n in sorted(by_language.items()))


def _gettext_code(code: str) -> str:
    """TMX writes BCP 47 (``pt-BR``); catalogs and the memory use gettext's ``pt_BR``."""
    from localize.languages import normalize_language

    try:
        return normalize_language(code)
    except LocalizeError:
        return code.replace("-", "_")
