"""Writing glossary entries back as schema-1 YAML (for ``glossary import``): each field only
when it differs from its default, in the order docs/glossary.md lists them."""

from __future__ import annotations

from typing import Any

import yaml

from localize.glossary import Entry, Validity


def entry_fields(entry: Entry) -> dict[str, Any]:
    """The entry's keys as the file writes them (defaults left out)."""
    fields: dict[str, Any] = {"id": entry.id, "source": entry.source}
    if entry.variants:
        fields["variants"] = list(entry.variants)
    if entry.case != "auto":
        fields["case"] = entry.case
    if not entry.whole_word:
        fields["whole_word"] = False
    fields["kind"] = entry.kind
    if entry.targets:
        fields["targets"] = {lang: _one_or_list(v) for lang, v in entry.targets.items()}
    if entry.keep:
        fields["keep"] = list(entry.keep)
    for key in ("forms", "forbidden", "appositions"):
        values = getattr(entry, key)
        if values:
            fields[key] = {lang: list(v) for lang, v in values.items()}
    if entry.inflect:
        fields["inflect"] = dict(entry.inflect)
    if entry.grammar:
        fields["grammar"] = dict(entry.grammar)
    if entry.profiles:
        fields["profiles"] = {
            lang: {name: _one_or_list(r) for name, r in names.items()}
            for lang, names in entry.profiles.items()
        }
    if entry.validity is not None:
        if entry.validity.start:
            fields["valid_from"] = entry.validity.start.isoformat()
        if entry.validity.end:
            fields["valid_until"] = entry.validity.end.isoformat()
    if entry.titles:
        fields["titles"] = {
            title: [_span(s) for s in spans] for title, spans in entry.titles.items()
        }
    if entry.sources:
        fields["sources"] = list(entry.sources)
    if entry.evidence:
        fields["evidence"] = entry.evidence
    fields["note"] = entry.note
    return fields


def dump_glossary(
    entries: list[Entry], languages: list[str], source_language: str, version: str
) -> str:
    document = {
        "schema": 1,
        "version": version,
        "source_language": source_language,
        "languages": languages,
        "entries": [entry_fields(entry) for entry in entries],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def _one_or_list(values: tuple[str, ...]) -> str | list[str]:
    return values[0] if len(values) == 1 else list(values)


def _span(span: Validity) -> dict[str, str]:
    out = {}
    if span.start:
        out["from"] = span.start.isoformat()
    if span.end:
        out["until"] = span.end.isoformat()
    return out
