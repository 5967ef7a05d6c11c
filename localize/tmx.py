"""TMX 1.4b exchange of reviewed translations, through translate-toolkit's TMX storage (the
library Weblate and Pootle use), so that the memory can be shared with any CAT tool.

One translation unit per (source language, target language, sentence): the TMX ``changedate``
is when the translation was last reviewed, and ``prop`` elements say where it came from.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from localize.errors import LocalizeError
from localize.languages import names_no_language, written_language

if TYPE_CHECKING:  # the CLI imports the memory command at start-up; lxml loads only when used
    from translate.storage.tmx import tmxunit

TMX_DATE = "%Y%m%dT%H%M%SZ"
ORIGIN_PROP = "x-localize-origin"
MACHINE_PROP = "x-localize-machine-draft"
REVIEWED = "reviewed"


@dataclass(frozen=True)
class ExchangedTranslation:
    """A reviewed translation as it travels in a TMX file."""

    source_lang: str
    target_lang: str
    source: str
    translation: str
    updated: float  # seconds since the epoch, when it was last reviewed
    machine_draft: str | None = None  # engine and model, when the reviewer kept the MT as is
    origin: str = REVIEWED


def bcp47(code: str) -> str:
    """TMX names languages as RFC 4646 does (``pt-BR``), gettext as ``pt_BR``."""
    return code.replace("_", "-")


def tmx_date(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), UTC).strftime(TMX_DATE)


def _seconds(date: str | None) -> float:
    if not date:
        return time.time()
    try:
        return datetime.strptime(date, TMX_DATE).replace(tzinfo=UTC).timestamp()
    except ValueError:
        return time.time()  # a date in another form: imported now


def tmx_bytes(translations: Iterable[ExchangedTranslation], source_lang: str) -> bytes:
    from translate.storage.tmx import tmxfile

    from localize import __version__

    store = tmxfile(sourcelanguage=bcp47(source_lang))
    header = store.document.getroot().find(store.namespaced("header"))
    if header is not None:
        header.set("creationtool", "localize")
        header.set("creationtoolversion", __version__)
    for item in translations:
        unit = store.addsourceunit(item.source, bcp47(item.source_lang))
        unit.settarget(item.translation, bcp47(item.target_lang), append=True)
        unit.xmlelement.set("changedate", tmx_date(item.updated))
        props = [(ORIGIN_PROP, item.origin)]
        if item.machine_draft:
            props.append((MACHINE_PROP, item.machine_draft))
        first_tuv = unit.xmlelement.find(unit.namespaced("tuv"))
        for kind, value in props:
            prop = unit.xmlelement.makeelement(unit.namespaced("prop"), {"type": kind})
            prop.text = value
            # TMX 1.4b orders a unit's children: note*, prop*, tuv+.
            if first_tuv is not None:
                first_tuv.addprevious(prop)
            else:
                unit.xmlelement.append(prop)
    return bytes(store)


@dataclass
class TmxContents:
    """What ``read_tmx`` found: the translations of the units in the project's language, and
    the units it could not use, counted by their source language for the report."""

    translations: list[ExchangedTranslation]
    # Source language -> units: imported with a source other than the project's language
    # (a memory of articles in several languages), and skipped for want of a source text.
    other_sources: dict[str, int]
    without_source: dict[str, int]
    # Tag as written -> translations skipped because it names no one language (und, mul, zxx,
    # x-house): a translation into it, or out of a unit whose source is so tagged. Stored, it
    # would be filed under a made-up language (und read as en_US, x-house as x).
    no_language: dict[str, int] = field(default_factory=dict)


def language_key(tag: str, regional: bool) -> str:
    """How a TMX language is compared and stored: CAT tools write regional tags in any case
    (``EN-US``, ``en-GB``) for text a project keeps under its language (``en``), so the
    written language is the language: the primary subtag, with a script that is not the
    language's usual one (``zh-Hant`` is not ``zh``); a project whose own language is regional
    (``pt_BR``) keeps regions apart, as its catalogs do, and compares whole tags."""
    if not regional:
        return written_language(tag)
    return tag.strip().replace("_", "-").lower()


def is_regional(lang: str) -> bool:
    return "-" in lang.replace("_", "-")


def read_tmx(path: Path, project_lang: str) -> TmxContents:
    """Every (source, translation) pair in the file, one per target language of each unit;
    ``project_lang`` is the source where neither the unit nor the header names one, and the
    source language recorded for units in its language. Languages are compared with
    ``language_key``."""
    from translate.storage.tmx import tmxfile

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LocalizeError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        store = tmxfile.parsestring(raw)
    except Exception as error:  # lxml's XMLSyntaxError and the toolkit's own errors
        raise LocalizeError(
            f"{path}: not a TMX file ({_why_not_tmx(raw, error)}); export it again "
            "as TMX 1.4 from the tool that made it"
        ) from None
    regional = is_regional(project_lang)
    wanted = language_key(project_lang, regional)
    header = store.document.getroot().find(store.namespaced("header"))
    header_source = header.get("srclang") if header is not None else None
    found: list[ExchangedTranslation] = []
    other_sources: dict[str, int] = {}
    without_source: dict[str, int] = {}
    no_language: dict[str, int] = {}
    for unit in store.units:
        element = unit.xmlelement
        declared = element.get("srclang") or header_source or project_lang
        if declared.lower() == "*all*":
            declared = project_lang
        variants = _variants(unit)
        declared_key = language_key(declared, regional)
        # The source is found by the project's rule (en-US is en); the targets keep their
        # whole tags, so that pt-BR and pt-PT of one unit stay two translations.
        tag, source = next(
            ((t, text) for t, text in variants if language_key(t, regional) == declared_key),
            ("", ""),
        )
        if not source:
            without_source[declared] = without_source.get(declared, 0) + 1
            continue
        if names_no_language(declared):
            translations = sum(1 for t, text in variants if text and t != tag)
            no_language[declared] = no_language.get(declared, 0) + translations
            continue
        # A unit from another source language is kept for articles in that language, under the
        # key such an article looks it up by: its written language (fr-FR is fr, zh-TW zh_Hant).
        source_lang = (
            project_lang if declared_key == wanted else tag if regional else written_language(tag)
        )
        if source_lang != project_lang:
            other_sources[source_lang] = other_sources.get(source_lang, 0) + 1
        props = {
            prop.get("type"): prop.text or "" for prop in element.iter(unit.namespaced("prop"))
        }
        targets: set[str] = set()
        for lang, text in variants:
            whole = language_key(lang, regional=True)
            if language_key(lang, regional) == declared_key or not text or whole in targets:
                continue
            if names_no_language(lang):
                no_language[lang] = no_language.get(lang, 0) + 1
                continue
            targets.add(whole)
            found.append(
                ExchangedTranslation(
                    source_lang=source_lang,
                    target_lang=lang,
                    source=source,
                    translation=text,
                    updated=_seconds(element.get("changedate") or element.get("creationdate")),
                    machine_draft=props.get(MACHINE_PROP) or None,
                    origin=props.get(ORIGIN_PROP) or f"imported from {path.name}",
                )
            )
    return TmxContents(found, other_sources, without_source, no_language)


def _why_not_tmx(raw: bytes, error: Exception) -> str:
    """The parser's first line; translate-toolkit refuses well-formed XML of another kind
    (an HTML page saved as .tmx) with a bare assertion, so that case names the root element."""
    lines = str(error).splitlines()
    if lines:
        return lines[0][:160]
    from lxml import etree

    try:
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return type(error).__name__
    name = root.tag.rsplit("}", 1)[-1] if isinstance(root.tag, str) else "?"
    return f"its root element is <{name}>, not <tmx>"


def _variants(unit: tmxunit) -> list[tuple[str, str]]:
    """Each language's tag as written and its text, in the unit's order; TMX 1.1-1.3 name
    the language with ``lang`` where 1.4 uses ``xml:lang``."""
    from translate.misc.xml_helpers import getText, getXMLlang

    texts: list[tuple[str, str]] = []
    for node in unit.getlanguageNodes():
        lang = getXMLlang(node) or node.get("lang")
        seg = node.find(unit.namespaced("seg"))
        if lang and seg is not None:
            texts.append((lang.strip(), getText(seg, "preserve")))
    return texts
