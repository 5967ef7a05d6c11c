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

from localize.errors import LocalizeError
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

    def lines(self) -> list[str]:
        out = [f"mapped {self.concepts} concept(s), {self.terms} term(s)"]
        out += [f"  mapped {what}: {n}" for what, n in sorted(self.mapped.items())]
        out += [f"  not mapped {what}: {n}" for what, n in sorted(self.unmapped.items())]
        out += [
            f"  not mapped {lang} renderings of {n} concept(s): not every concept has {lang}"
            for lang, n in sorted(self.dropped_languages.items())
        ]
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
    return _from_tbx(path, raw)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _from_tbx(path: Path, raw: bytes) -> tuple[dict[str, Any], ImportReport]:
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        line = error.position[0]
        raise LocalizeError(f"{path}:{line}: not well-formed XML ({error}); fix the file") from None
    version = _local(root.tag)
    names: tuple[str, str, tuple[str, ...]]
    if version == "martif":
        names = ("termEntry", "langSet", ("tig", "ntig"))
    elif version == "tbx":
        names = ("conceptEntry", "langSec", ("termSec",))
    else:
        raise LocalizeError(f"{path}: root <{version}> is neither TBX v2 <martif> nor v3 <tbx>")
    source_lang = root.get(XML_LANG) or "en"
    report = ImportReport()
    concepts = []
    for number, concept in enumerate(root.iter(), start=1):
        if _local(concept.tag) != names[0]:
            continue
        concepts.append(_concept(concept, names, source_lang, report, f"{path.stem}-{number}"))
    if not concepts:
        raise LocalizeError(f"{path}: no <{names[0]}> in it; is it a glossary?")
    return _document(concepts, source_lang, report, path), report


def _concept(
    concept: ET.Element, names: Any, source_lang: str, report: ImportReport, fallback: str
) -> dict[str, Any]:
    report.concepts += 1
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
            extras = json.loads((child.text or "")[len(LOCALIZE_NOTE) :])
            report.mapped["localize fields note"] += 1
        elif tag == names[1]:
            lang = child.get(XML_LANG) or ""
            terms[lang] = _terms(child, names[2], report)
        else:
            report.unmapped[f"<{tag} type={child.get('type')}> in a concept"] += 1
    source_terms = terms.pop(source_lang, [])
    if not source_terms:
        raise LocalizeError(f"concept {entry['id']}: no {source_lang} term; it cannot be imported")
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
            report.terms += 1
            found.append((text, status, role))
    return found


def _from_csv(path: Path, raw: bytes, lang: str) -> tuple[dict[str, Any], ImportReport]:
    report = ImportReport()
    try:
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    except UnicodeDecodeError as error:
        raise LocalizeError(f"{path}: not UTF-8 (byte {error.start}); save it as UTF-8") from None
    if not rows or "source" not in rows[0] or "target" not in rows[0]:
        raise LocalizeError(f"{path}:1: a glossary CSV needs 'source' and 'target' columns")
    grouped: dict[str, list[dict[str, str]]] = {}
    for number, row in enumerate(rows, start=2):
        key = row.get("context") or row.get("id") or row["source"]
        grouped.setdefault(_slug(key or f"{path.stem}-{number}"), []).append(row)
    for column in rows[0]:
        if column not in ("source", "target", "context", "developer_comments", "forbidden"):
            report.unmapped[f"column '{column}'"] += len(rows)
    concepts = []
    for entry_id, group in grouped.items():
        report.concepts += 1
        sources = list(dict.fromkeys(r["source"].strip() for r in group if r["source"].strip()))
        comment = (group[0].get("developer_comments") or "").strip()
        note, _, also = (
            comment.rpartition(" Also accepted: ")
            if " Also accepted: " in comment
            else (comment, "", "")
        )
        accepted = [a.strip() for a in also.rstrip(".").split("; ") if a.strip()]
        targets = list(dict.fromkeys([r["target"].strip() for r in group if r["target"].strip()]))
        # The export writes an abbreviation's row with the target abbreviation: the full
        # name's rendering (first row) stays preferred, the others follow in their order.
        targets = list(dict.fromkeys([*targets[:1], *accepted, *targets[1:]]))
        forbidden = [
            f.strip() for r in group for f in (r.get("forbidden") or "").split("; ") if f.strip()
        ]
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
    for concept in concepts:
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
    return {
        "schema": 1,
        "version": f"imported from {path.name}",
        "source_language": source_lang,
        "languages": languages,
        "entries": concepts,
    }


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "entry"
