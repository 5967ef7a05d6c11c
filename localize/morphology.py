"""Word forms per language, behind one small interface: which dictionary words a word can be.

``word_keys(word, lang)`` returns the keys a word may stand for; two words are forms of the same
word when their keys meet. Russian uses pymorphy3's dictionary (every lemma the word may have,
so «Рахмоном», «шанхайскому», «тремя» give «рахмон», «шанхайский», «три»); Spanish and French
use the Snowball stemmers (PyStemmer); Arabic strips the proclitics و ف ب ل ك ال لل and the
pronoun and inflection suffixes before comparing cores (a Snowball stem is added as one more
key). English, on the source side, uses the Snowball English stemmer ("joint statements",
"comprehensive strategic partnerships"). Other languages compare words case-folded.

The libraries are imported on first use: commands that neither check nor translate never load
them.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

# A parse this unlikely is noise: «После» is «после» (after), not a form of «посол».
_MIN_RU_SCORE = 0.01
_AR_PROCLITICS = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_AR_SUFFIXES = (
    "كما",
    "هما",
    "كم",
    "كن",
    "هم",
    "هن",
    "نا",
    "ها",
    "ه",
    "ك",
    "ي",
    "ات",
    "ان",
    "ين",
    "ون",
    "ية",
    "ة",
    "ا",
)
_AR_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_STEMMERS = {"es": "spanish", "fr": "french", "ar": "arabic", "en": "english", "pt": "portuguese"}


def base(lang: str) -> str:
    return lang.split("_", 1)[0].split("-", 1)[0].lower()


@lru_cache(maxsize=65536)
def word_keys(word: str, lang: str) -> frozenset[str]:
    """The keys ``word`` may stand for in ``lang``; forms of one word share a key."""
    folded = word.casefold()
    lang = base(lang)
    if lang in ("ru", "uk"):
        return _russian(folded) if lang == "ru" else frozenset({folded.replace("ё", "е")})
    if lang == "ar":
        return _arabic(folded)
    if lang in _STEMMERS:
        return _romance(folded, lang)
    return frozenset({folded})


def english_stem(word: str) -> str:
    return _stemmer("en").stemWord(word.casefold())


@cache
def _stemmer(lang: str):
    import Stemmer  # type: ignore[import-not-found,import-untyped,unused-ignore]

    return Stemmer.Stemmer(_STEMMERS[lang])


@cache
def _morph():
    import pymorphy3  # type: ignore[import-untyped,unused-ignore]

    return pymorphy3.MorphAnalyzer(lang="ru")


def _romance(folded: str, lang: str) -> frozenset[str]:
    # The stem of the singular too: Snowball cuts «cancilleres» to «cancill» but keeps
    # «canciller».
    stemmer = _stemmer(lang)
    words = {folded}
    for plural in ("es", "s"):
        if folded.endswith(plural) and len(folded) - len(plural) >= 4:
            words.add(folded[: -len(plural)])
    return frozenset(stemmer.stemWord(w) for w in words)


def _russian(folded: str) -> frozenset[str]:
    folded = folded.replace("ё", "е")
    keys = {folded}
    if any("а" <= ch <= "я" for ch in folded):
        for parse in _morph().parse(folded):
            if parse.score >= _MIN_RU_SCORE:
                keys.add(parse.normal_form.replace("ё", "е"))
    return frozenset(keys)


def _arabic(folded: str) -> frozenset[str]:
    word = _AR_DIACRITICS.sub("", folded)
    cores = {word}
    for prefix in ("", *_AR_PROCLITICS):
        if prefix and not word.startswith(prefix):
            continue
        stripped = word[len(prefix) :]
        if len(stripped) < 2:
            continue
        cores.add(stripped)
        for suffix in _AR_SUFFIXES:
            if stripped.endswith(suffix) and len(stripped) - len(suffix) >= 3:
                core = stripped[: -len(suffix)]
                cores.add(core)
                # ة is written ت before a suffix: شراكتهما is شراكة + هما.
                if core.endswith("ت"):
                    cores.add(core[:-1])
    # Every core also without a final ة/ت, so شراكة, شراكت and شراك meet.
    cores |= {c[:-1] for c in cores if c.endswith(("ة", "ت")) and len(c) > 3}
    cores.add(_stemmer("ar").stemWord(word))
    return frozenset(cores)
