"""TMX 1.4b exchange of reviewed translations, through translate-toolkit's TMX storage (the
library Weblate and Pootle use), so that the memory can be shared with any CAT tool.

One translation unit per (source language, target language, sentence): the TMX ``changedate``
is when the translation was last reviewed, and ``prop`` elements say where it came from.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from localize.errors import LocalizeError

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


def read_tmx(path: Path, default_source_lang: str) -> list[ExchangedTranslation]:
    """Every (source, translation) pair in the file, one per target language of each unit.
    ``default_source_lang`` is used where neither the unit nor the header names its source."""
    from translate.storage.tmx import tmxfile

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LocalizeError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        store = tmxfile.parsestring(raw)
    except Exception as error:  # lxml's XMLSyntaxError and the toolkit's own errors
        raise LocalizeError(
            f"{path}: not a TMX file ({str(error).splitlines()[0][:160]}); export it again "
            "as TMX 1.4 from the tool that made it"
        ) from None
    header = store.document.getroot().find(store.namespaced("header"))
    header_source = header.get("srclang") if header is not None else None
    found: list[ExchangedTranslation] = []
    for unit in store.units:
        element = unit.xmlelement
        source_lang = element.get("srclang") or header_source or default_source_lang
        if source_lang.lower() == "*all*":
            source_lang = default_source_lang
        texts = _variants(unit)
        source = _text_in(texts, source_lang)
        if not source:
            continue
        props = {
            prop.get("type"): prop.text or "" for prop in element.iter(unit.namespaced("prop"))
        }
        for lang, text in texts.items():
            if _same_language(lang, source_lang) or not text:
                continue
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
    return found


def _variants(unit: tmxunit) -> dict[str, str]:
    from translate.misc.xml_helpers import getText, getXMLlang

    texts: dict[str, str] = {}
    for node in unit.getlanguageNodes():
        lang = getXMLlang(node)
        seg = node.find(unit.namespaced("seg"))
        if lang and seg is not None:
            texts[lang] = getText(seg, "preserve")
    return texts


def _same_language(a: str, b: str) -> bool:
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


def _text_in(texts: dict[str, str], lang: str) -> str:
    for code, text in texts.items():
        if _same_language(code, lang):
            return text
    return ""
