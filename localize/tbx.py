"""Glossary export for translation tools: TBX-Basic (TBX v2 "martif", read by Lokalize, OmegaT,
Weblate and the Translate Toolkit) and CSV (Weblate's glossary CSV columns)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

from localize.glossary import Entry, Glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_tbx(glossary: Glossary, langs: list[str]) -> str:
    """A TBX-Basic document: one termEntry per glossary entry, the English source forms and the
    approved (preferredTerm) and forbidden (deprecatedTerm) renderings of each language."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: glossary.source_language})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    title = ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title")
    title.text = f"localize glossary {glossary.version}"
    ET.SubElement(
        ET.SubElement(file_desc, "sourceDesc"), "p"
    ).text = (
        f"Exported from {glossary.path.name} (version {glossary.version}) for {', '.join(langs)}"
    )
    ET.SubElement(
        ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}
    ).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for entry in glossary.entries:
        term_entry = ET.SubElement(body, "termEntry", {"id": entry.id})
        ET.SubElement(term_entry, "descrip", {"type": "definition"}).text = entry.note
        source = ET.SubElement(term_entry, "langSet", {XML_LANG: glossary.source_language})
        _tig(source, entry.source, "preferredTerm-admn-sts", entry.kind)
        for variant in entry.variants:
            _tig(
                source,
                variant,
                "admittedTerm-admn-sts",
                entry.kind,
                "abbreviation" if _abbreviation(variant) else None,
            )
        for lang in langs:
            if not entry.covers(lang):
                continue
            lang_set = ET.SubElement(term_entry, "langSet", {XML_LANG: lang})
            for number, form in enumerate(entry.approved(lang)):
                status = "preferredTerm-admn-sts" if number == 0 else "admittedTerm-admn-sts"
                _tig(lang_set, form, status, entry.kind)
            for form in entry.forms.get(lang, ()):
                _tig(lang_set, form, "admittedTerm-admn-sts", entry.kind)
            for form in entry.forbidden.get(lang, ()):
                _tig(lang_set, form, "deprecatedTerm-admn-sts", entry.kind)
    ET.indent(martif)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"
    )


def _tig(
    lang_set: ET.Element, text: str, status: str, kind: str, term_type: str | None = None
) -> None:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = text
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
    ET.SubElement(tig, "termNote", {"type": "partOfSpeech"}).text = (
        "properNoun" if kind in ("person", "place", "organization", "media") else "noun"
    )
    if term_type:
        ET.SubElement(tig, "termNote", {"type": "termType"}).text = term_type


def _abbreviation(form: str) -> bool:
    return " " not in form and sum(ch.isupper() for ch in form) >= 2


def to_csv(glossary: Glossary, lang: str) -> str:
    """One row per source form: source, target, context (the entry id), developer comments
    (the note and forbidden renderings), the column names Weblate's CSV glossary import uses."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", "target", "context", "developer_comments", "forbidden"])
    for entry in glossary.entries:
        if not entry.covers(lang):
            continue
        for form in entry.source_forms:
            writer.writerow(
                [
                    form,
                    entry.preferred(lang, form),
                    entry.id,
                    _comment(entry, lang),
                    "; ".join(entry.forbidden.get(lang, ())),
                ]
            )
    return out.getvalue()


def _comment(entry: Entry, lang: str) -> str:
    others = [a for a in entry.approved(lang)[1:]]
    also = f" Also accepted: {'; '.join(others)}." if others else ""
    cited = f" Sources: {'; '.join(entry.sources)}." if entry.sources else ""
    evidence = f" Evidence: {entry.evidence}." if entry.evidence else ""
    return f"{entry.note}{cited}{evidence}{also}"


# -- TBX v3 (ISO 30042:2019, TBX-Basic dialect) -----------------------------------------------

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
# What the TBX categories cannot say (kind, case, inflection, grammar, dates, titles, registers)
# travels in one concept-level note with this prefix, as JSON, so a round trip loses nothing.
LOCALIZE_NOTE = "localize: "
# Term-level note naming a term's role where administrativeStatus alone cannot.
ROLE_NOTE = "localize-role: "


def to_tbx_v3(glossary: Glossary, langs: list[str]) -> str:
    """A TBX v3 document in the TBX-Basic dialect (DCA style): one conceptEntry per entry."""
    from localize.glossary_yaml import entry_fields

    ET.register_namespace("", TBX3_NS)

    def q(tag: str) -> str:
        return f"{{{TBX3_NS}}}{tag}"

    root = ET.Element(
        q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: glossary.source_language}
    )
    file_desc = ET.SubElement(ET.SubElement(root, q("tbxHeader")), q("fileDesc"))
    ET.SubElement(
        ET.SubElement(file_desc, q("sourceDesc")), q("p")
    ).text = f"localize glossary version {glossary.version}, languages {', '.join(langs)}"
    body = ET.SubElement(ET.SubElement(root, q("text")), q("body"))
    for entry in glossary.entries:
        concept = ET.SubElement(body, q("conceptEntry"), {"id": entry.id})
        ET.SubElement(concept, q("descrip"), {"type": "definition"}).text = entry.note
        extras = {
            key: value
            for key, value in entry_fields(entry).items()
            if key not in ("id", "source", "variants", "targets", "keep", "forms", "forbidden")
            and key not in ("appositions", "note")
        }
        extras["keep"] = [lang for lang in entry.keep if lang in langs]
        extras["profiles"] = {k: v for k, v in extras.get("profiles", {}).items() if k in langs}
        ET.SubElement(concept, q("note")).text = LOCALIZE_NOTE + json.dumps(
            extras, ensure_ascii=False, sort_keys=True
        )
        source = ET.SubElement(concept, q("langSec"), {XML_LANG: glossary.source_language})
        _term_v3(q, source, entry.source, "preferredTerm-admn-sts", entry.kind)
        for variant in entry.variants:
            _term_v3(q, source, variant, "admittedTerm-admn-sts", entry.kind)
        for lang in langs:
            if not entry.covers(lang):
                continue
            # A kept language has no renderings of its own (the note's "keep" says so), but
            # may have forms, appositions and forbidden renderings.
            lang_sec = ET.SubElement(concept, q("langSec"), {XML_LANG: lang})
            for number, form in enumerate(entry.targets.get(lang, ())):
                status = "preferredTerm-admn-sts" if number == 0 else "admittedTerm-admn-sts"
                _term_v3(q, lang_sec, form, status, entry.kind)
            for role, key in (("form", "forms"), ("apposition", "appositions")):
                for form in getattr(entry, key).get(lang, ()):
                    _term_v3(q, lang_sec, form, "admittedTerm-admn-sts", entry.kind, role)
            for form in entry.forbidden.get(lang, ()):
                _term_v3(q, lang_sec, form, "deprecatedTerm-admn-sts", entry.kind)
            if not len(lang_sec):
                concept.remove(lang_sec)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _term_v3(
    q: Any, lang_sec: ET.Element, text: str, status: str, kind: str, role: str | None = None
) -> None:
    term_sec = ET.SubElement(lang_sec, q("termSec"))
    ET.SubElement(term_sec, q("term")).text = text
    ET.SubElement(term_sec, q("termNote"), {"type": "administrativeStatus"}).text = status
    ET.SubElement(term_sec, q("termNote"), {"type": "partOfSpeech"}).text = (
        "properNoun" if kind in ("person", "place", "organization", "media") else "noun"
    )
    if role:
        ET.SubElement(term_sec, q("note")).text = ROLE_NOTE + role


# -- TBX v2 for Weblate ----------------------------------------------------------------------


def to_tbx_weblate(glossary: Glossary, lang: str) -> str:
    """A bilingual TBX v2 file for one target language as Weblate's glossary reads it
    (translate-toolkit's ``storage.tbx``): one termEntry per entry with its preferred rendering,
    and one termEntry per forbidden rendering (id ``<entry>.forbidden.<n>``) whose target has
    the administrativeStatus ``forbidden``, the value Weblate turns into its forbidden flag. No
    concept carries a deprecated term, so no reader drops it as obsolete."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: glossary.source_language})
    file_desc = ET.SubElement(ET.SubElement(martif, "martifHeader"), "fileDesc")
    ET.SubElement(
        ET.SubElement(file_desc, "sourceDesc"), "p"
    ).text = f"localize glossary version {glossary.version} for {lang} (Weblate)"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for entry in glossary.entries:
        if not entry.covers(lang):
            continue
        rows = [(entry.id, entry.preferred(lang), "preferredTerm-admn-sts", _comment(entry, lang))]
        rows += [
            (
                f"{entry.id}.forbidden.{n}",
                form,
                "forbidden",
                f"Never use; use {entry.preferred(lang)}.",
            )
            for n, form in enumerate(entry.forbidden.get(lang, ()), start=1)
        ]
        for term_id, target, status, note in rows:
            term_entry = ET.SubElement(body, "termEntry", {"id": term_id})
            ET.SubElement(term_entry, "descrip", {"type": "definition"}).text = entry.note
            source = ET.SubElement(term_entry, "langSet", {XML_LANG: glossary.source_language})
            _tig(source, entry.source, "preferredTerm-admn-sts", entry.kind)
            target_set = ET.SubElement(term_entry, "langSet", {XML_LANG: lang})
            tig = ET.SubElement(target_set, "tig")
            ET.SubElement(tig, "term").text = target
            ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
            ET.SubElement(target_set, "note", {"from": "translator"}).text = note
    ET.indent(martif)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"
    )
