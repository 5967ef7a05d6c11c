"""Glossary export for translation tools: TBX-Basic (TBX v2 "martif", read by Lokalize, OmegaT,
Weblate and the Translate Toolkit) and CSV (Weblate's glossary CSV columns)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

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
    return f"{entry.note}{also}"
