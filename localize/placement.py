"""The grammar around a placed glossary term in a Spanish or French draft.

An engine that translated "the Belt and Road Initiative" as «el Cinturón y Ruta Iniciativa» chose
its article for its own noun; once the approved «Iniciativa de la Franja y la Ruta» is put in, the
article must agree with the new one: «la Iniciativa», «de la Iniciativa» (not «del»), «a la»
(not «al»); in French «l'Initiative», «de l'», «à la» (not «du», «au»). The glossary gives each
rendering's gender and number (``grammar: {es: f, fr: f}``). A rendering that brings its own
article («la Franja y la Ruta») takes none from the engine («la la», «del la» become «la», «de
la»), and quotation marks the rendering already has are not wrapped in the engine's («"«tres
fuerzas del mal»"» becomes «tres fuerzas del mal» in its own quotes). An article before a term
whose gender the glossary does not give is left alone and reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from localize.glossary import Entry

_ES_DEFINITE = {"m": "el", "f": "la", "m-pl": "los", "f-pl": "las"}
_ES_INDEFINITE = {"m": "un", "f": "una", "m-pl": "unos", "f-pl": "unas"}
_ES_DE = {"m": "del", "f": "de la", "m-pl": "de los", "f-pl": "de las"}
_ES_A = {"m": "al", "f": "a la", "m-pl": "a los", "f-pl": "a las"}
_FR_DEFINITE = {"m": "le", "f": "la", "m-pl": "les", "f-pl": "les"}
_FR_INDEFINITE = {"m": "un", "f": "une", "m-pl": "des", "f-pl": "des"}
_FR_DE = {"m": "du", "f": "de la", "m-pl": "des", "f-pl": "des"}
_FR_A = {"m": "au", "f": "à la", "m-pl": "aux", "f-pl": "aux"}

# Each article form the engine may have written, with the family it belongs to.
_ES_FORMS = {
    **{w: "definite" for w in ("el", "la", "los", "las")},
    **{w: "indefinite" for w in ("un", "una", "unos", "unas")},
    **{w: "de" for w in ("del", "de la", "de los", "de las")},
    **{w: "a" for w in ("al", "a la", "a los", "a las")},
}
_FR_FORMS = {
    **{w: "definite" for w in ("le", "la", "les", "l'", "l’")},
    **{w: "indefinite" for w in ("un", "une")},
    **{w: "de" for w in ("du", "de la", "des", "de l'", "de l’")},
    **{w: "a" for w in ("au", "à la", "aux", "à l'", "à l’")},
}
_TABLES = {
    "es": {
        "definite": _ES_DEFINITE,
        "indefinite": _ES_INDEFINITE,
        "de": _ES_DE,
        "a": _ES_A,
    },
    "fr": {
        "definite": _FR_DEFINITE,
        "indefinite": _FR_INDEFINITE,
        "de": _FR_DE,
        "a": _FR_A,
    },
}
# What may stand between an article and its noun: spaces, emphasis marks, an opening quote.
_BETWEEN = " \t*_\"'«“„"
_QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“", "«": "»", "'": "'"}
_QUOTES = "\"'«»“”„ \u00a0"


@dataclass(frozen=True)
class Placed:
    """A rendering of ``entry`` at ``start:end`` of the draft."""

    entry: Entry
    start: int
    end: int


def agree(text: str, placed: list[Placed], lang: str) -> tuple[str, list[str]]:
    """``text`` with the articles before each placed rendering made to agree, doubled articles
    and doubled quotes removed; and the renderings whose article could not be checked."""
    lang = lang.split("_", 1)[0].lower()
    if lang not in _TABLES:
        return text, []
    unsure: list[str] = []
    # A rendering inside another placed one (la Franja y la Ruta in Iniciativa de la Franja y
    # la Ruta) has no article of its own to fix.
    placed = [
        p
        for p in placed
        if not any(o.start <= p.start and p.end <= o.end and o != p for o in placed)
    ]
    # Right to left, so that earlier offsets stay valid while the text changes.
    for item in sorted(placed, key=lambda p: p.start, reverse=True):
        rendering = text[item.start : item.end]
        text, start, end = _unwrap_quotes(text, item.start, item.end, rendering)
        found = _article_before(text, start, lang)
        if found is None:
            continue
        a, b, written, family = found
        wanted = _wanted(item.entry, rendering, lang, family)
        if wanted is _UNKNOWN:
            unsure.append(rendering)
            continue
        if wanted is None:
            continue
        if written.casefold() != wanted.casefold() or (wanted.endswith("'") and b != start):
            replacement = _case_like(wanted, written)
            if not wanted:
                text = text[:a] + text[start:]
            elif wanted.endswith("'"):
                text = text[:a] + replacement + text[b:start].lstrip(" ") + text[start:]
            else:
                gap = text[b:start] or " "
                text = text[:a] + replacement + gap + text[start:]
    return text, unsure


def _unwrap_quotes(text: str, start: int, end: int, rendering: str) -> tuple[str, int, int]:
    """«"«tres fuerzas del mal»"» -> «tres fuerzas del mal»: the rendering has its own quotes,
    the engine's around them go."""
    inner_start, inner_end = start, end
    while inner_start > 0 and text[inner_start - 1] in "«“ \u00a0":
        inner_start -= 1
    while inner_end < len(text) and text[inner_end] in "»” \u00a0":
        inner_end += 1
    if inner_start == start or inner_end == end or inner_start == 0 or inner_end >= len(text):
        return text, start, end
    opening = text[inner_start - 1]
    if opening not in _QUOTE_PAIRS:
        return text, start, end
    # The engine's closing quote, right after the rendering or after the punctuation that
    # follows it (American style: «»,").
    close_at = inner_end + (1 if text[inner_end] in ",.;:" else 0)
    if close_at >= len(text) or text[close_at] != _QUOTE_PAIRS[opening]:
        return text, start, end
    text = text[: inner_start - 1] + text[inner_start:close_at] + text[close_at + 1 :]
    return text, start - 1, end - 1


def _article_before(text: str, start: int, lang: str) -> tuple[int, int, str, str] | None:
    """The article right before ``start``: its span, its text and its family."""
    forms = _ES_FORMS if lang == "es" else _FR_FORMS
    b = start
    while b > 0 and text[b - 1] in _BETWEEN:
        b -= 1
    before = text[:b]
    for form in sorted(forms, key=len, reverse=True):
        elided = form.endswith(("'", "’"))
        pattern = rf"(?<!\w){re.escape(form)}" + ("" if elided else r"\s*") + "$"
        found = re.search(pattern, before, re.IGNORECASE)
        if found is None:
            continue
        if not elided and not found.group(0).endswith(" ") and b == start:
            continue  # no space between article and word: part of another word
        return found.start(), found.start() + len(form), found.group(0).rstrip(), forms[form]
    return None


_UNKNOWN = "?"


def _wanted(entry: Entry, rendering: str, lang: str, family: str) -> str | None:
    """The article form the rendering needs; None where the glossary's gender and number are
    not this form's (an alternative, an inflected form), ``_UNKNOWN`` where it gives none."""
    own = re.match(r"[«“\"\s]*(el|la|los|las|le|les|l['’])(?!\w)", rendering, re.IGNORECASE)
    if own:  # the rendering brings its article: the engine's becomes its preposition alone
        return {"definite": "", "indefinite": None, "de": "de", "a": "a" if lang == "es" else "à"}[
            family
        ]
    grammar = entry.grammar.get(lang)
    if grammar is None:
        return _UNKNOWN
    abbreviation = " " not in rendering and sum(ch.isupper() for ch in rendering) >= 2
    preferred = entry.targets.get(lang, ("",))[0]
    if abbreviation:
        grammar = grammar.removesuffix("-pl")  # an abbreviation is singular (la OCS, la ONU)
    elif _bare(rendering) != _bare(preferred):
        # The glossary's gender and number are the preferred rendering's; an alternative or an
        # inflected form («jefes de Estado») keeps the engine's article.
        return None
    article = _TABLES[lang][family][grammar]
    if lang == "fr" and _elides(rendering) and not grammar.endswith("-pl"):
        article = {"definite": "l'", "de": "de l'", "a": "à l'", "indefinite": article}[family]
    return article


def _bare(form: str) -> str:
    return " ".join(form.strip(_QUOTES).split()).casefold()


def _elides(word: str) -> bool:
    return bool(re.match(r"[«“\"\s]*[aeiouyàâäéèêëîïôöùûüœh]", word, re.IGNORECASE))


def _case_like(wanted: str, written: str) -> str:
    return wanted[:1].upper() + wanted[1:] if written[:1].isupper() and wanted else wanted


def disagreements(text: str, placed: list[Placed], lang: str) -> list[str]:
    """The placed renderings whose article or quotation marks ``agree`` would change: the
    measure of placement grammar (bench/bench_glossary.py)."""
    found = []
    for item in placed:
        fixed, _ = agree(text, [item], lang)
        if fixed != text:
            found.append(text[item.start : item.end])
    return found
