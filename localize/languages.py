"""Language codes: validation, the gettext form used for directory names, plural forms."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache

from localize.errors import LocalizeError

# Letters, then optional script/region/variant subtags: paths ("../x") never reach Babel.
_CODE_HINT = "use an ISO 639 code such as es, zh, ru, fr, ar or pt_BR"
_CODE_SHAPE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")


# The language Argos translates through when it has no direct model: the engine pivots through
# it, and the glossary warns that a pivot does not bring an article's terms into it.
PIVOT_LANGUAGE = "en"


@lru_cache(maxsize=64)
def normalize_language(code: str) -> str:
    """Return the gettext form of a language code (``pt-BR`` -> ``pt_BR``) or raise.

    The result names a locale directory, so anything that is not a known CLDR locale is refused.
    """
    cleaned, at, modifier = code.strip().partition("@")
    if at:
        # gettext names a script or variety by a modifier (sr@latin, ca@valencia), as msginit
        # names the catalog and its folder: kept, for the folder is that language.
        if modifier.lower() not in _FOLDER_MODIFIERS:
            raise LocalizeError(
                f"invalid language code '{code}': @{modifier} names no script or variety "
                f"gettext knows (sr@latin, ca@valencia); {_CODE_HINT}"
            )
        normalized = normalize_language(cleaned)
        if modifier.lower() in _MODIFIER_SCRIPTS:
            # The modifier is the script: one Babel added for the region (sr_RS is sr_Cyrl_RS)
            # would contradict it (sr_Cyrl_RS@latin), so the folder keeps the code without it.
            normalized = "_".join(p for p in normalized.split("_") if not _SCRIPT.match(p))
        return f"{normalized}@{modifier.lower()}"
    if not _CODE_SHAPE.match(cleaned):
        raise LocalizeError(f"invalid language code '{code}': {_CODE_HINT}")
    if names_no_language(cleaned):
        # Babel reads "und" as en_US: a glossary column or catalog folder of a made-up language.
        raise LocalizeError(
            f"'{code}' names no one language (undetermined, several, none or private use): "
            f"name the language the text is written in; {_CODE_HINT}"
        )
    if _PLAIN_CODE.match(cleaned) and _has_cldr_file(cleaned):
        return cleaned
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(_cldr_order(cleaned))
    except (UnknownLocaleError, ValueError):
        raise LocalizeError(f"unknown language code '{code}': {_CODE_HINT}") from None
    if _PLAIN_CODE.match(cleaned) and locale.territory:
        # Babel reads a withdrawn code as its successor's likeliest locale (iw -> he_IL): a
        # bare language names no region, so its folder names none either (he).
        return str(Locale(locale.language, script=locale.script))
    return str(locale)


def _cldr_order(code: str) -> str:
    """``zh-TW-Hant`` -> ``zh_Hant_TW``: Babel reads subtags in CLDR's order only (language,
    script, region, variants), while some tools write the script after the region."""
    language, script, region, variants = _subtags(code)
    if len(code.replace("-", "_").split("_")) != 1 + bool(script) + bool(region) + len(variants):
        return code.replace("-", "_")  # an extension or extlang: left for Babel to judge
    return "_".join(part for part in (language, script, region, *variants) if part)


def same_language(first: str, second: str) -> bool:
    """Whether two gettext codes name one language, as two spellings of a catalog folder may
    (zh_CN, zh-CN, zh_Hans_CN; sr@latin, sr_Latn; sr, sr_Cyrl): the same language, script
    (the one a region or the language implies, when unwritten), region and variants."""
    return _identity(first) == _identity(second)


@lru_cache(maxsize=256)
def _identity(code: str) -> tuple[str, str, str, tuple[str, ...]]:
    language, script, region, variants = _subtags(code)
    return language, script or _likely_script(language, region), region, tuple(sorted(variants))


# A bare lowercase language code with a locale file of its own in Babel's CLDR data is its own
# gettext form, as Locale.parse gives it (a test holds this for every such file Babel ships):
# checking the file instead spares a rerun with nothing to do the import of Babel.
_PLAIN_CODE = re.compile(r"^[a-z]{2,3}$")
_SCRIPT = re.compile(r"^[A-Z][a-z]{3}$")


@lru_cache(maxsize=1)
def _babel_locale_data() -> str | None:
    """Babel's folder of CLDR locale files, found without importing Babel."""
    from importlib.util import find_spec

    spec = find_spec("babel")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(spec.submodule_search_locations[0], "locale-data")


def _has_cldr_file(code: str) -> bool:
    folder = _babel_locale_data()
    return folder is not None and os.path.isfile(os.path.join(folder, f"{code}.dat"))


def header_names_another_language(declared: str, lang: str, *, unreadable: bool = False) -> bool:
    """Whether a catalog's ``Language`` header names another language than ``lang``, its
    folder's, by what the codes mean (a he/ folder's iw and a fil/ folder's tl are the same
    language; es_MX and ca@valencia are varieties of es and ca). A header in glibc's spelling
    (es_ES.UTF-8, es@formal) still names its language; one no code can be read from
    ("Spanish") answers ``unreadable``: check reports it, update does not skip the catalog
    for it. An empty header names none."""
    if not declared:
        return False
    try:
        meant = base_language(normalize_language(lang))
    except LocalizeError:
        meant = base_language(lang)
    try:
        said = base_language(normalize_language(declared))
    except LocalizeError:
        said = base_language(declared.split(".")[0])
        if not (said.isalpha() and 2 <= len(said) <= 3):
            return unreadable
    return said != meant


@lru_cache(maxsize=256)
def names_language_folder(name: str) -> bool:
    """Whether a folder of the locales directory is named by a language code (``es``,
    ``pt_BR``, ``sr@latin``) rather than for something else (``templates``, ``old``), so that
    its catalogs may be taken as that language's without anyone naming it."""
    code, _, modifier = name.partition("@")
    if modifier and modifier.lower() not in _FOLDER_MODIFIERS:
        return False  # es@old is a backup of es, not a variety of Spanish
    try:
        normalized = normalize_language(code)
    except LocalizeError:
        return False
    # Babel reads three-letter ISO 639-2 codes as the language's own (bak is ba_RU, src sc_IT,
    # ina ia): a catalog folder is named by the two-letter code, so such a name is someone's
    # backup or sources. Withdrawn two-letter codes (iw, in, ji, mo, tl) still name their
    # languages in old catalogs.
    return base_language(normalized) == base_language(code) or len(base_language(code)) == 2


def parse_language_list(
    value: str, folder_of: Callable[[str, str], str] | None = None
) -> list[str]:
    """``"es,zh, fr"`` -> ``["es", "zh", "fr"]``, each validated, duplicates dropped.
    ``folder_of`` (the code as written, its gettext form) -> the catalog folder that language
    already has, so that ``zh-CN`` names the ``zh_CN`` folder another tool made."""
    codes: list[str] = []
    for part in value.split(","):
        if not part.strip():
            continue
        code = normalize_language(part)
        if folder_of is not None:
            code = folder_of(part.strip(), code)
        if code not in codes:
            codes.append(code)
    if not codes:
        raise LocalizeError("no target language given: pass --to with codes such as es or es,fr,zh")
    return codes


def refuse_source_as_target(source: str, targets: list[str]) -> None:
    """A catalog from a language into itself has nothing to translate and no engine: refused
    before anything is written (a regional variant, en -> en_GB, is a translation)."""
    if source in targets:
        raise LocalizeError(
            f"--to {source} is the article's own language: name other target languages, or "
            "the article's language with --lang"
        )


@lru_cache(maxsize=256)
def base_language(code: str) -> str:
    """``pt_BR``, ``pt-BR``, `` PT``, ``sr@latin`` -> ``pt``/``sr``: engines, glossaries and
    checks key on the base language. Codes reach here in gettext form (``_``, a ``@modifier``
    naming a variety) from the command line and catalog folders, and in BCP 47 form (``-``)
    from engines' package metadata."""
    return code.split("@", 1)[0].split("_", 1)[0].split("-", 1)[0].strip().lower()


@lru_cache(maxsize=256)
def written_language(code: str) -> str:
    """The language a text is written in, as glossaries and the memory key it: the base
    language (regions are folded: ``es-MX`` is ``es``), with its script where that is not the
    language's usual one, for a script makes another written language (a reader of Simplified
    Chinese is not served by Traditional, nor a Cyrillic Serbian reader by Latin).

    ``zh-Hant``, ``zh_TW``, ``zh-Hant-HK`` -> ``zh_Hant``; ``zh-Hans``, ``zh-CN`` -> ``zh`` (the
    usual script of Chinese, and the project's UN Chinese); ``sr-Latn``, ``sr@latin`` ->
    ``sr_Latn``; ``sr-Cyrl`` -> ``sr``. The names are those of CLDR and Weblate (``zh_Hant``,
    ``sr_Latn``), which are also the catalog folders ``--to zh-Hant`` and ``--to sr-Latn``
    make. The usual script, and the script a region implies (Taiwan: Traditional), are CLDR's
    likely subtags."""
    language, script, region, _ = _subtags(code)
    if not script and region:
        script = _likely_script(language, region)
    if not script or script == _likely_script(language):
        return language
    return f"{language}_{script}"


# Tags that name no single language (BCP 47): undetermined, multiple languages, no linguistic
# content, uncoded; and private use, whose meaning only its users agreed on ("x-...", qaa-qtz).
_NO_LANGUAGE = {"und", "mul", "zxx", "mis", "x"}
_PRIVATE_USE = re.compile(r"^q[a-t][a-z]$")


def names_no_language(tag: str) -> bool:
    """Whether a BCP 47 tag names no one language a text could be written in (``und``,
    ``mul``, ``x-house``): a term so tagged cannot be any language's rendering."""
    primary = base_language(tag)
    return primary in _NO_LANGUAGE or bool(_PRIVATE_USE.match(primary))


# CLDR 42 gave these languages a "many" form for round millions ("1 000 000 de personnes");
# gettext, Poedit and most existing catalogs still use the two-form rule, and a catalog whose
# Plural-Forms disagrees with the team's other catalogs makes every tool ask for a third form.
_GETTEXT_PLURALS = {
    "es": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "ca": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
}


@lru_cache(maxsize=64)
def plural_forms(code: str) -> str:
    """The gettext Plural-Forms header value for a language: gettext's conventional rule where
    CLDR departs from it, else CLDR's (through Babel)."""
    from babel.messages.plurals import get_plural

    for key in (code, base_language(code)):
        if key in _GETTEXT_PLURALS:
            return _GETTEXT_PLURALS[key]
    return str(get_plural(code))


# The counts a Plural-Forms rule is tried on: every form of every language gettext knows shows
# below 200 (Arabic's "many" from 11, Welsh's from 6), and msgfmt tries a range of this kind.
_COUNTS_TRIED = range(1000)


@lru_cache(maxsize=64)
def plural_forms_problem(value: str) -> str | None:
    """Why a Plural-Forms header value is unusable, or None: msgfmt refuses such a catalog and
    Python's gettext raises when it reads the .mo. Read as Python's gettext reads it: nplurals
    in the first field, the ``plural=`` expression (C syntax) in the second."""
    from gettext import c2py

    fields = value.split(";")
    counted = re.fullmatch(r"\s*nplurals\s*=\s*([0-9]+)\s*", fields[0])
    if counted is None or int(counted.group(1)) < 1:
        return "nplurals is not a whole number of forms, 1 or more"
    if len(fields) < 2 or "plural=" not in fields[1]:
        return "it has no plural= expression after nplurals"
    forms = int(counted.group(1))
    try:
        rule = c2py(fields[1].split("plural=", 1)[1])
    except ValueError as error:
        return f"its plural expression does not parse ({error})"
    for count in _COUNTS_TRIED:
        try:
            form = rule(count)
        except ZeroDivisionError:
            return f"its plural expression divides by zero for n = {count}"
        if not 0 <= form < forms:
            return (
                f"its plural expression gives form {form} for n = {count}, beyond nplurals={forms}"
            )
    return None


@lru_cache(maxsize=64)
def english_name(code: str) -> str:
    from babel import Locale

    return Locale.parse(code).get_display_name("en") or code


# gettext @modifiers that name a script or a registered variant, as BCP 47 writes them; any
# other modifier (@euro names a currency, not a language) says nothing a lang attribute can.
# gettext names a script by a modifier where CLDR and Weblate use a script subtag: sr@latin is
# Weblate's sr_Latn (and sr@cyrillic its sr_Cyrl, Serbian's usual script).
_MODIFIER_SCRIPTS = {
    "latin": "Latn",
    "cyrillic": "Cyrl",
    "devanagari": "Deva",
    "iqtelif": "Latn",
    "ijekavianlatin": "Latn",  # Serbian's ijekavian pronunciation in Latin script
}
# The registered BCP 47 variant a modifier names (sr@ijekavian is sr-ijekavsk).
_MODIFIER_VARIANTS = {
    "valencia": "valencia",
    "ijekavian": "ijekavsk",
    "ijekavianlatin": "ijekavsk",
}
# The modifiers a catalog folder may carry: those above, and glibc's @euro.
_FOLDER_MODIFIERS = frozenset({*_MODIFIER_SCRIPTS, *_MODIFIER_VARIANTS, "euro"})


def _subtags(code: str) -> tuple[str, str, str, list[str]]:
    """A gettext (or BCP 47) code's language, script, region and variants, each cased as RFC
    5646 recommends (script Title, region upper, the rest lower); a codeset (``.UTF-8``) is
    dropped and a ``@modifier`` read as the script or variant it names."""
    code, _, modifier = code.strip().partition("@")
    parts = [part for part in re.split(r"[_-]", code.split(".", 1)[0]) if part]
    language = parts[0].lower() if parts else ""
    if len(parts) > 1 and len(parts[1]) == 3 and parts[1].isalpha():
        # An extended language subtag (BCP 47's extlang: zh-yue is Cantonese, ar-apc Levantine
        # Arabic) is the language the text is in; the macrolanguage before it only groups it.
        language = parts[1].lower()
        parts = parts[1:]
    script = region = ""
    variants = []
    for part in parts[1:]:
        if len(part) == 1:
            break  # a singleton starts an extension (de-u-co-phonebk) or private use (en-x-house)
        if len(part) == 4 and part.isalpha() and not script:
            # A script, even after the region (zh-TW-Hant, as some tools write it): a variant
            # of four characters starts with a digit, so four letters are never one.
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            region = part.upper()
        else:
            variants.append(part.lower())
    script = script or _MODIFIER_SCRIPTS.get(modifier.lower(), "")
    if modifier.lower() in _MODIFIER_VARIANTS:
        variants.append(_MODIFIER_VARIANTS[modifier.lower()])
    return language, script, region, variants


def _likely_script(language: str, region: str = "") -> str:
    """The script CLDR's likely subtags give ``language`` written in ``region`` (zh in TW:
    Hant, pa in PK: Arab), or anywhere (zh: Hans), as Babel reads them; "" when they give
    none."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    found = likely.get(f"{language}_{region}") or likely.get(language) or ""
    parts = found.split("_")
    return parts[1] if len(parts) > 2 and len(parts[1]) == 4 else ""


@lru_cache(maxsize=64)
def bcp47_tag(code: str) -> str:
    """The BCP 47 tag of a gettext language code, as HTML's ``lang`` takes it: ``pt_BR`` ->
    ``pt-BR``, ``sr@latin`` -> ``sr-Latn``, ``ca@valencia`` -> ``ca-valencia``. A script that
    the region implies is left out, as RFC 5646 advises: ``zh_Hans_CN`` (the folder ``--to
    zh_CN`` names) -> ``zh-CN``, ``zh_Hant_TW`` -> ``zh-TW``, but ``zh_Hans_HK`` keeps its
    script (Hong Kong writes Hant)."""
    language, script, region, variants = _subtags(code)
    if script and region and _likely_script(language, region) == script:
        script = ""
    return "-".join(part for part in (language, script, region, *variants) if part)


# Languages written right to left in their usual script, and the scripts that are: a script
# subtag decides on its own ("pa-Arab" is right to left, "sd-Deva" is not), and so does the
# script a region implies ("pa_PK" is written in Arabic script). The languages are those whose
# CLDR locale (Babel's data) says "right-to-left", held here so that most codes are answered
# without Babel (a test compares the two); iw and ji are the withdrawn codes of Hebrew and
# Yiddish that old catalogs still use.
_RIGHT_TO_LEFT_LANGUAGES = frozenset(
    {
        *("apc", "ar", "ary", "bal", "bgn", "bqi", "brh", "ckb", "dv", "fa", "he", "ks", "lrc"),
        *("mzn", "nqo", "ps", "rhg", "sd", "sdh", "skr", "syr", "trw", "ug", "ur", "yi"),
        *("iw", "ji"),
    }
)
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"})


@lru_cache(maxsize=64)
def right_to_left(code: str) -> bool:
    """Whether text in ``code`` (gettext or BCP 47) is written right to left."""
    language, script, region, _ = _subtags(code)
    if not script and region:
        script = _likely_script(language, region)
    if script:
        return script in _RIGHT_TO_LEFT_SCRIPTS
    return language in _RIGHT_TO_LEFT_LANGUAGES


# Chinese (and its written varieties) and Japanese put no space between sentences: a sentence
# ends in a full-width mark (。！？) and the next follows it at once. Korean, also written in a
# wide script, spaces its sentences and words, and is not here.
_UNSPACED_SENTENCE_LANGUAGES = frozenset({"zh", "ja", "yue", "wuu", "lzh", "cmn"})


def unspaced_sentences(code: str) -> bool:
    """Whether text in ``code`` (gettext or BCP 47) is written without spaces between its
    sentences, so that a copy leaves out the source's space between two of its sentences."""
    return base_language(code) in _UNSPACED_SENTENCE_LANGUAGES
