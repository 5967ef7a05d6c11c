"""glossary init, export and the language selection the glossary commands share."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from localize.errors import LocalizeError
from localize.languages import normalize_language, written_language

if TYPE_CHECKING:
    from localize.glossary import Entry, Glossary


LAYERED_TEMPLATE = """\
# A project glossary layered on the shipped one (docs/glossary.md, "Layering"): the shipped
# entries apply and keep receiving upstream fixes; an entry here with a shipped id replaces
# that entry, a new id adds one, and 'remove' drops shipped entries.
schema: 1
version: "{version}"
extends: shipped
# remove: [some-shipped-id]
entries: []
"""


def write_editable_copy(path: Path, force: bool, layered: bool = False) -> Path:
    """Copy the shipped glossary to ``path``, or with ``layered`` write a project glossary that
    extends it (atomically: the file is whole or absent)."""
    from localize.fileio import atomic_write
    from localize.glossary import load_glossary, shipped_path

    if path.exists() and not force:
        raise LocalizeError(f"{path}: already exists; edit it, or pass --force to replace it")
    if layered:
        version = load_glossary(shipped_path()).version + "+project"
        atomic_write(path, LAYERED_TEMPLATE.format(version=version).encode("utf-8"))
    else:
        atomic_write(path, shipped_path().read_bytes())
    return path


def select_languages(value: str | None, glossary: Glossary) -> list[str]:
    """The languages of ``--to`` (default: all the glossary's), each one it has renderings for."""
    if not value:
        return list(glossary.languages)
    langs = [written_language(part) for part in value.split(",") if part.strip()]
    unknown = [lang for lang in langs if lang not in glossary.languages]
    if unknown:
        raise LocalizeError(
            f"{glossary.path.name} has no renderings for {', '.join(unknown)}; "
            f"choose from {', '.join(glossary.languages)}"
        )
    return langs


def export_text(glossary: Glossary, langs: list[str], output_format: str) -> str:
    """The glossary as TBX-Basic v2 or v3 (any number of languages), or as Weblate's TBX, CSV
    or pofilter's list of words that must be translated (one language each)."""
    from localize.tbx import to_csv, to_tbx, to_tbx_v3, to_tbx_weblate

    if output_format == "tbx":
        return to_tbx(glossary, langs)
    if output_format == "tbx3":
        return to_tbx_v3(glossary, langs)
    if len(langs) != 1:
        raise LocalizeError(
            f"--format {output_format} holds one target language; pass a single --to, e.g. --to zh"
        )
    if output_format == "tbx-weblate":
        return to_tbx_weblate(glossary, langs[0])
    if output_format == "pofilter":
        from localize.toolkit_checks import glossary_acronyms, musttranslate_words

        return musttranslate_words(glossary_acronyms(glossary, langs[0]))
    return to_csv(glossary, langs[0])


def import_glossary(source: Path, output: Path, lang: str | None, force: bool) -> list[str]:
    """Write the glossary YAML imported from a TBX or CSV file; the report's lines. The result
    is validated before anything is written."""
    import yaml

    from localize.fileio import atomic_write
    from localize.glossary import parse_glossary
    from localize.tbx_import import import_file

    if output.exists() and not force:
        raise LocalizeError(f"{output}: already exists; choose another -o, or pass --force")
    # The glossary keys renderings on the written language: the region folded (es-ES -> es),
    # an unusual script kept (zh-Hant -> zh_Hant; gettext's sr@latin -> sr_Latn).
    target = None
    if lang:
        name, at, modifier = lang.partition("@")
        try:
            target = written_language(normalize_language(name) + at + modifier)
        except LocalizeError as error:
            raise LocalizeError(f"--lang: {error}") from None
    document, report = import_file(source, target)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    try:
        glossary = parse_glossary(text, output)
    except LocalizeError as error:
        raise LocalizeError(
            _in_the_input(str(error), text, output, source, report.origins)
        ) from None
    atomic_write(output, text.encode("utf-8"))
    return [f"wrote {output} ({len(glossary.entries)} entries)", *report.lines()]


def _in_the_input(message: str, text: str, output: Path, source: Path, origins: list[str]) -> str:
    """A validation error of the YAML an import would write (``out.yaml:40: ...``, a line of
    a file not written) told at the input's concept or row (``terms.csv:7: ...``)."""
    from bisect import bisect_right

    from localize.glossary import shown_path

    line_text, _, reason = message.removeprefix(f"{shown_path(output)}:").partition(": ")
    if not line_text.isdigit() or not reason:
        return f"{source}: {message}; nothing written"
    # safe_dump writes each entry from a line "- id: ..." at the margin, in the input's order.
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("- id: ")]
    index = bisect_right(starts, int(line_text)) - 1
    if index < 0 or index >= len(origins):
        return f"{source}: {reason}; nothing written"
    return f"{origins[index]}: {reason}; nothing written"


def origin_label(entry: Entry) -> str:
    """Where an entry comes from, as ``glossary list`` shows it: ``shipped``, or the project
    file's path, with ``(overrides shipped)`` when it replaces a shipped entry of that id."""
    from localize.glossary import shipped_path, shown_path

    if Path(entry.origin) == shipped_path().absolute():
        return "shipped"
    return shown_path(Path(entry.origin)) + (" (overrides shipped)" if entry.overrides else "")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def entry_record(glossary: Glossary, entry: Entry, langs: list[str]) -> dict[str, object]:
    """Every field of ``entry`` for ``glossary list --format json``, restricted to ``langs``."""

    def per_language(values: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
        return {lang: list(values[lang]) for lang in langs if values.get(lang)}

    covered = [lang for lang in langs if entry.covers(lang)]
    return {
        "id": entry.id,
        "source": entry.source,
        "variants": list(entry.variants),
        "kind": entry.kind,
        "case": entry.case,
        "whole_word": entry.whole_word,
        "targets": {lang: entry.preferred(lang) for lang in covered},
        "accepted": {lang: list(entry.approved(lang)) for lang in covered},
        "keep": [lang for lang in entry.keep if lang in langs],
        "forms": per_language(entry.forms),
        "inflect": {lang: glossary.inflects(entry, lang) for lang in covered},
        "inflect_override": {lang: value for lang, value in entry.inflect.items() if lang in langs},
        "forbidden": per_language(entry.forbidden),
        "appositions": per_language(entry.appositions),
        "grammar": {lang: entry.grammar[lang] for lang in langs if lang in entry.grammar},
        "valid_from": _iso(entry.validity.start) if entry.validity else None,
        "valid_until": _iso(entry.validity.end) if entry.validity else None,
        "titles": {
            title: [{"from": _iso(s.start), "until": _iso(s.end)} for s in spans]
            for title, spans in entry.titles.items()
        },
        "profiles": {
            lang: {name: list(renderings) for name, renderings in entry.profiles[lang].items()}
            for lang in langs
            if lang in entry.profiles
        },
        "sources": list(entry.sources),
        "evidence": entry.evidence or None,
        "note": entry.note,
        "origin": origin_label(entry),
        "file": entry.origin,
        "overrides": entry.overrides or None,
        "line": entry.line,
    }


def dated_glossary(
    path: Path | None, date_option: str | None, article_text: str | None
) -> Glossary:
    """The glossary (``--glossary``, ./glossary.yaml or the shipped one) as of the article's
    date: ``--date`` when given, else the article's dateline, else undated."""
    from localize.glossary import resolve_glossary

    return as_of_article(resolve_glossary(path), date_option, article_text)


def as_of_article(
    glossary: Glossary, date_option: str | None, article_text: str | None
) -> Glossary:
    """``glossary`` as of ``--date`` when given, else the article's dateline, else undated."""
    from localize.dateline import article_date, parse_date_option

    if date_option is not None:
        return glossary.as_of(parse_date_option(date_option), "the date --date gives")
    if article_text is not None:
        return glossary.as_of(article_date(article_text), "the article's date")
    return glossary
