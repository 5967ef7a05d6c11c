"""Importing terminology into glossary YAML: TBX v2 (martif), TBX v3 (ISO 30042:2019) and CSV
(localize's and Weblate's columns), with a report of what mapped and what did not.

Administrative statuses map to the glossary's roles: preferred and admitted terms are approved
renderings (preferred first), deprecated, superseded, obsolete and forbidden ones forbidden
renderings. localize's own TBX export adds a concept note (``localize: {...}``) and term notes
(``localize-role: form``) that carry the fields TBX has no category for, so that import, export
and import again give the same glossary.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from localize.errors import LocalizeError
from localize.languages import (
    base_language,
    names_no_language,
    normalize_language,
    written_language,
)
from localize.tbx import LOCALIZE_NOTE, ROLE_NOTE, XML_LANG

_APPROVED = {"preferredterm-admn-sts", "admittedterm-admn-sts", "preferred", "admitted"}
_FORBIDDEN = {
    "deprecatedterm-admn-sts",
    "supersededterm-admn-sts",
    "deprecated",
    "superseded",
    "forbidden",
    "obsolete",
}
_EXTRA_KEYS = (
    "case",
    "whole_word",
    "kind",
    "inflect",
    "grammar",
    "profiles",
    "valid_from",
    "valid_until",
    "titles",
    "sources",
    "evidence",
)


@dataclass
class ImportReport:
    concepts: int = 0
    terms: int = 0
    mapped: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    dropped_languages: dict[str, int] = field(default_factory=dict)
    # A tag of the file and the glossary language it was read as, where the two differ: a
    # region folded (es-ES -> es), a script kept (zh-Hant-TW, zh-TW -> zh_Hant; sr-Latn ->
    # sr_Latn), or a usual script dropped (zh-Hans -> zh): glossaries key renderings on the
    # written language (languages.written_language).
    languages_read_as: dict[str, str] = field(default_factory=dict)
    # The glossary's languages written in another script than their language's usual one
    # (zh_Hant): kept apart, and read only by the catalogs written in that script.
    script_columns: list[str] = field(default_factory=list)
    # "terms.tbx:42: concept x: why" for each concept or row left out of the glossary.
    skipped: list[str] = field(default_factory=list)
    # Where each imported concept starts in the input ("terms.csv:7"), in the output's order,
    # so that an error the glossary's validation finds names the input, not the unwritten YAML.
    origins: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"mapped {self.concepts} concept(s), {self.terms} term(s)"]
        out += [f"  mapped {what}: {n}" for what, n in sorted(self.mapped.items())]
        out += [f"  read language {tag} as {code}" for tag, code in self.languages_read_as.items()]
        out += [
            f"  {code} is a column of its own: translate and check read it for the catalogs "
            f"written in it ({code}, and regions that imply its script), never for "
            f"{base_language(code)} ones"
            for code in self.script_columns
        ]
        out += [f"  not mapped {what}: {n}" for what, n in sorted(self.unmapped.items())]
        out += [
            f"  not mapped {lang} renderings of {n} concept(s): not every concept has {lang}"
            for lang, n in sorted(self.dropped_languages.items())
        ]
        if self.skipped:
            out.append(f"  skipped {len(self.skipped)}:")
            out += [f"    {why}" for why in self.skipped]
        return out


def import_file(path: Path, lang: str | None = None) -> tuple[dict[str, Any], ImportReport]:
    """The glossary document (a mapping ready for YAML) and the report."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LocalizeError(f"{path}: cannot read it ({error.strerror})") from None
    if path.suffix.lower() == ".csv":
        if not lang:
            raise LocalizeError(f"{path}: a CSV holds one target language; pass --lang, e.g. es")
        return _from_csv(path, raw, lang)
    return _from_tbx(path, raw, lang)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_with_lines(path: Path, raw: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The element tree and each element's line: ElementTree keeps no positions, and a report
    or an error about a concept should name its line in the file."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    lines: dict[ET.Element, int] = {}

    def qualified(name: str) -> str:
        # expat writes "uri}local"; ElementTree's names (and XML_LANG) are "{uri}local".
        return "{" + name if "}" in name else name

    def start(name: str, attributes: dict[str, str]) -> None:
        element = builder.start(
            qualified(name), {qualified(key): value for key, value in attributes.items()}
        )
        lines[element] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(qualified(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as error:
        raise LocalizeError(
            f"{path}:{error.lineno}: not well-formed XML ({error}); fix the file"
        ) from None
    return builder.close(), lines


def _glossary_language(code: str | None, where: str, report: ImportReport) -> str | None:
    """The glossary's code of an xml:lang: the written language of a valid tag, its region
    folded and an unusual script kept (en-US -> en, zh-Hant-TW -> zh_Hant); None for a tag that
    names no one language (und, mul, x-...), whose terms are no language's renderings."""
    if not code:
        raise LocalizeError(f'{where}: no xml:lang; add the language, e.g. xml:lang="es"')
    if names_no_language(code):
        return None
    try:
        normalized = normalize_language(code)
    except LocalizeError as error:
        raise LocalizeError(f"{where}: xml:lang: {error}") from None
    written = written_language(normalized)
    if written != code:
        report.languages_read_as[code] = written
    return written


def _from_tbx(path: Path, raw: bytes, lang: str | None) -> tuple[dict[str, Any], ImportReport]:
    root, lines = _parse_with_lines(path, raw)
    version = _local(root.tag)
    names: tuple[str, str, tuple[str, ...]]
    if version == "martif":
        names = ("termEntry", "langSet", ("tig", "ntig"))
    elif version == "tbx":
        names = ("conceptEntry", "langSec", ("termSec",))
    else:
        raise LocalizeError(f"{path}: root <{version}> is neither TBX v2 <martif> nor v3 <tbx>")
    report = ImportReport()
    declared = root.get(XML_LANG) or "en"
    source_lang = _glossary_language(declared, f"{path}:{lines[root]}", report)
    if source_lang is None:
        # The root of a multilingual termbase may say mul: it names no source language, so
        # the source is en, as for a root without xml:lang.
        report.unmapped[f"root xml:lang '{declared}' (no one language; source read as en)"] += 1
        source_lang = "en"
    concepts = []
    for number, concept in enumerate(root.iter(), start=1):
        if _local(concept.tag) != names[0]:
            continue
        where = f"{path}:{lines[concept]}"
        languages = {
            child: (
                _glossary_language(child.get(XML_LANG), f"{path}:{lines[child]}", report),
                f"{path}:{lines[child]}",
            )
            for child in concept
            if _local(child.tag) == names[1]
        }
        entry = _concept(
            concept, names, source_lang, languages, report, f"{path.stem}-{number}", where
        )
        if entry is not None:
            concepts.append(entry)
            report.origins.append(where)
    if not concepts:
        if report.skipped:
            raise LocalizeError(
                f"{path}: no concept can be imported (source language {source_lang}, the "
                f"root's xml:lang or en); first: {report.skipped[0]}"
            )
        raise LocalizeError(f"{path}: no <{names[0]}> in it; is it a glossary?")
    return _document(concepts, source_lang, report, path, [lang] if lang else None), report


def _concept(
    concept: ET.Element,
    names: Any,
    source_lang: str,
    languages: dict[ET.Element, tuple[str | None, str]],
    report: ImportReport,
    fallback: str,
    where: str,
) -> dict[str, Any] | None:
    """The concept's glossary entry, or None (and a line in the report's skipped list) when it
    cannot be one: without a source term, or without an approved rendering in any language."""
    entry: dict[str, Any] = {"id": _slug(concept.get("id") or fallback)}
    extras: dict[str, Any] = {}
    note = ""
    terms: dict[str, list[tuple[str, str, str]]] = {}
    for child in concept:
        tag = _local(child.tag)
        if tag == "descrip" and child.get("type") == "definition":
            note = (child.text or "").strip()
            report.mapped["definition -> note"] += 1
        elif tag == "note" and (child.text or "").startswith(LOCALIZE_NOTE):
            try:
                extras = json.loads((child.text or "")[len(LOCALIZE_NOTE) :])
            except json.JSONDecodeError as error:
                raise LocalizeError(
                    f"{where}: the '{LOCALIZE_NOTE.strip()}' note is not valid JSON ({error.msg}); "
                    "fix it or remove the note"
                ) from None
            report.mapped["localize fields note"] += 1
        elif tag == names[1]:
            # Regional variants of a language (es-ES, es-MX) add to its list in file order.
            lang, lang_where = languages[child]
            lang_terms = _terms(child, names[2], report)
            if lang is None:
                # und, mul or private use: the terms are no language's renderings, and reading
                # them as one would put them in a column where they do not belong.
                report.skipped.append(
                    f"{lang_where}: concept {entry['id']}: {len(lang_terms)} term(s) in xml:lang "
                    f"'{child.get(XML_LANG)}' skipped: it names no one language"
                )
                continue
            terms.setdefault(lang, []).extend(lang_terms)
        else:
            report.unmapped[f"<{tag} type={child.get('type')}> in a concept"] += 1
    source_terms = terms.pop(source_lang, [])
    if not source_terms:
        report.skipped.append(f"{where}: concept {entry['id']}: no {source_lang} term")
        return None
    entry["source"] = source_terms[0][0]
    variants = [text for text, _, _ in source_terms[1:]]
    if variants:
        entry["variants"] = variants
    entry["kind"] = extras.get("kind", "term")
    for key in _EXTRA_KEYS:
        if key in extras and key != "kind":
            entry[key] = extras[key]
    targets: dict[str, list[str]] = {}
    roles: dict[str, dict[str, list[str]]] = {"forms": {}, "appositions": {}, "forbidden": {}}
    for lang, found in terms.items():
        for text, status, role in found:
            if role in ("form", "apposition"):
                roles[role + "s"].setdefault(lang, []).append(text)
            elif status in _FORBIDDEN:
                roles["forbidden"].setdefault(lang, []).append(text)
            else:
                if status not in _APPROVED:
                    report.unmapped[f"administrativeStatus '{status}' (read as approved)"] += 1
                targets.setdefault(lang, []).append(text)
    if not targets and not extras.get("keep"):
        why = "no approved rendering in any language" if terms else "untranslated"
        report.skipped.append(f"{where}: concept {entry['id']}: {why}")
        return None
    report.concepts += 1
    report.terms += len(source_terms) + sum(len(found) for found in terms.values())
    entry["targets"] = targets
    entry["keep"] = list(extras.get("keep", []))
    entry.update({key: value for key, value in roles.items() if value})
    entry["note"] = note or "Imported without a definition: add where the renderings come from."
    return entry


def _terms(lang_set: ET.Element, containers: tuple[str, ...], report: ImportReport) -> list:
    found = []
    for child in lang_set:
        tag = _local(child.tag)
        if tag not in containers:
            report.unmapped[f"<{tag}> in a language section"] += 1
            continue
        text, status, role = "", "preferredterm-admn-sts", ""
        for part in child.iter():
            ptag, ptype = _local(part.tag), part.get("type")
            if part is child or ptag == "termGrp":
                continue
            if ptag == "term":
                text = (part.text or "").strip()
            elif ptag == "termNote" and ptype == "administrativeStatus":
                status = (part.text or "").strip().lower()
            elif ptag == "note" and (part.text or "").startswith(ROLE_NOTE):
                role = (part.text or "")[len(ROLE_NOTE) :].strip()
            elif ptag == "termNote" and ptype in ("partOfSpeech", "termType"):
                report.mapped[f"termNote {ptype} (implied by kind)"] += 1
            else:
                report.unmapped[f"<{ptag} type={ptype}> on a term"] += 1
        if text:
            found.append((text, status, role))
    return found


# Weblate's CSV marks a rendering that nobody approved yet with fuzzy=True.
_FUZZY = {"true", "1", "yes"}
_CSV_COLUMNS = ("source", "target", "context", "developer_comments", "forbidden", "fuzzy")


def _from_csv(path: Path, raw: bytes, lang: str) -> tuple[dict[str, Any], ImportReport]:
    report = ImportReport()
    try:
        reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
        rows: list[tuple[int, dict[str, str]]] = []
        first_line = 2
        for row in reader:
            # The row's first line, a quoted field may span several (reader.line_num is its last).
            rows.append((first_line, row))
            first_line = reader.line_num + 1
    except UnicodeDecodeError as error:
        raise LocalizeError(f"{path}: not UTF-8 (byte {error.start}); save it as UTF-8") from None
    columns = reader.fieldnames or []
    if "source" not in columns or "target" not in columns:
        raise LocalizeError(f"{path}:1: a glossary CSV needs 'source' and 'target' columns")
    grouped: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in rows:
        where = f"{path}:{line}"
        source, target = (row.get("source") or "").strip(), (row.get("target") or "").strip()
        if not source:
            report.skipped.append(f"{where}: row with an empty source")
            continue
        # The glossary's every rendering is approved (inserted, accepted by checks): an
        # unapproved suggestion must not become one, so the row waits for its review.
        if (row.get("fuzzy") or "").strip().lower() in _FUZZY:
            report.skipped.append(f"{where}: row '{source}' is fuzzy (not approved)")
            continue
        if not target and not (row.get("forbidden") or "").strip():
            report.skipped.append(f"{where}: row '{source}' is untranslated")
            continue
        # Grouped by the key itself, not its slug (two keys in other scripts slug alike), and
        # in its own case: "US" and "us" are two terms.
        key = (row.get("context") or row.get("id") or source).strip()
        grouped.setdefault(key, []).append((line, row))
    for column in columns:
        if column not in _CSV_COLUMNS:
            report.unmapped[f"column '{column}'"] += len(rows)
    concepts = []
    for key, numbered in grouped.items():
        entry_id = _slug(key)
        group = [row for _, row in numbered]
        where = f"{path}:{numbered[0][0]}"
        sources = list(dict.fromkeys(r["source"].strip() for r in group))
        comment = (group[0].get("developer_comments") or "").strip()
        note, _, also = (
            comment.rpartition(" Also accepted: ")
            if " Also accepted: " in comment
            else (comment, "", "")
        )
        accepted = [a.strip() for a in also.rstrip(".").split("; ") if a.strip()]
        targets = list(dict.fromkeys([(r["target"] or "").strip() for r in group]))
        targets = [target for target in targets if target]
        if not targets:
            report.skipped.append(f"{where}: concept {entry_id}: no approved rendering")
            continue
        # The export writes an abbreviation's row with the target abbreviation: the full
        # name's rendering (first row) stays preferred, the others follow in their order.
        targets = list(dict.fromkeys([*targets[:1], *accepted, *targets[1:]]))
        forbidden = [
            f.strip() for r in group for f in (r.get("forbidden") or "").split("; ") if f.strip()
        ]
        report.concepts += 1
        report.terms += len(targets) + len(forbidden)
        report.mapped["rows"] += len(group)
        entry: dict[str, Any] = {"id": entry_id, "source": sources[0], "kind": "term"}
        if sources[1:]:
            entry["variants"] = sources[1:]
        entry["targets"] = {lang: targets}
        if forbidden:
            entry["forbidden"] = {lang: list(dict.fromkeys(forbidden))}
        entry["note"] = note or "Imported without a comment: add where the rendering comes from."
        concepts.append(entry)
        report.origins.append(where)
    if not concepts:
        first = f"; first: {report.skipped[0]}" if report.skipped else ""
        raise LocalizeError(f"{path}: no row can be imported{first}")
    return _document(concepts, "en", report, path, [lang]), report


def _document(
    concepts: list[dict[str, Any]],
    source_lang: str,
    report: ImportReport,
    path: Path,
    languages: list[str] | None = None,
) -> dict[str, Any]:
    if languages is None:
        per_concept = [set(c["targets"]) | set(c["keep"]) for c in concepts]
        every = set.intersection(*per_concept)
        seen = sorted(set.union(*per_concept), key=lambda lang: (lang not in every, lang))
        languages = [lang for lang in seen if lang in every]
        for lang in seen:
            if lang not in every:
                report.dropped_languages[lang] = sum(lang in langs for langs in per_concept)
    if not languages:
        counts = ", ".join(f"{lang} in {n}" for lang, n in sorted(report.dropped_languages.items()))
        raise LocalizeError(
            f"{path}: no target language is in every concept ({counts} of {len(concepts)}); "
            "name the one to import with --lang"
        )
    report.script_columns = [lang for lang in languages if lang != base_language(lang)]
    _make_ids_unique(concepts, report)
    kept_concepts = []
    for concept, origin in zip(concepts, report.origins or [""] * len(concepts), strict=True):
        for key in ("targets", "forms", "appositions", "forbidden", "profiles"):
            if key in concept:
                kept = {k: v for k, v in concept[key].items() if k in languages}
                if kept:
                    concept[key] = kept
                else:
                    del concept[key]
        concept["keep"] = [lang for lang in concept.get("keep", []) if lang in languages]
        if not concept["keep"]:
            del concept["keep"]
        if "targets" in concept or "keep" in concept:
            kept_concepts.append((concept, origin))
        else:
            # A termbase covers its languages unevenly: a concept with none of the glossary's
            # is left out and said, not a reason to refuse the rest.
            where = f"{origin}: " if origin else ""
            report.skipped.append(f"{where}concept {concept['id']}: not in {', '.join(languages)}")
            report.concepts -= 1
    if not kept_concepts:
        raise LocalizeError(f"{path}: no concept has a rendering in {', '.join(languages)}")
    concepts[:] = [concept for concept, _ in kept_concepts]
    report.origins[:] = [origin for _, origin in kept_concepts] if report.origins else []
    return {
        "schema": 1,
        "version": f"imported from {path.name}",
        "source_language": source_lang,
        "languages": languages,
        "entries": concepts,
    }


def _make_ids_unique(concepts: list[dict[str, Any]], report: ImportReport) -> None:
    """A number after an id another concept has: ids in other scripts all slug to "entry", and
    TBX ids may differ only in case or punctuation (c_1, C-1)."""
    taken: set[str] = set()
    for concept in concepts:
        entry_id, number = concept["id"], 2
        while concept["id"] in taken:
            concept["id"] = f"{entry_id}-{number}"
            number += 1
        if concept["id"] != entry_id:
            report.mapped["duplicate id, a number added"] += 1
        taken.add(concept["id"])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "entry"
