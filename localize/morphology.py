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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from localize.analysis_cache import AnswerMemo
    from localize.engines.apertium import ApertiumEngine
    from localize.engines.apertium_install import ApertiumInstall
    from localize.engines.apertium_pipeline import RunningFilter

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
_ES_APOCOPES = ("primer", "tercer")


@cache
def _ar_diacritics() -> re.Pattern[str]:
    # Compiled for the first Arabic word: most runs read none.
    return re.compile("[\u064b-\u0652\u0670\u0640]")


_STEMMERS = {"es": "spanish", "fr": "french", "ar": "arabic", "en": "english", "pt": "portuguese"}


def base(lang: str) -> str:
    return lang.split("_", 1)[0].split("-", 1)[0].lower()


# Bounded as termmatch._token_keys is, for the same reason (a long article's rare words).
@lru_cache(maxsize=8192)
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


@lru_cache(maxsize=16384)
def rendering_keys(word: str, lang: str) -> frozenset[str]:
    """The keys a word of a glossary rendering accepts: its ``word_keys``, except that an
    Arabic feminine dual keeps its number («الدورتين», the two sessions, is not «الدورة»: the
    dual is what the term says)."""
    keys = word_keys(word, lang)
    if base(lang) == "ar":
        dual = _arabic_dual(_ar_diacritics().sub("", word.casefold()))
        if dual is not None:
            keys = frozenset({dual + "تين", dual + "تان"})
    return keys


def _arabic_dual(word: str) -> str | None:
    """The stem of a feminine dual (الدورتين -> دور), without its article; None for another
    word."""
    for prefix in ("ال", ""):
        if word.startswith(prefix) and word.endswith(("تين", "تان")):
            stem = word[len(prefix) : -3]
            if len(stem) >= 3:
                return stem
    return None


# A relational adjective's stem may add a linking syllable to its noun's: Астана/астанинский,
# Душанбе/душанбинский.
_LINKING_LETTERS = 2


@lru_cache(maxsize=16384)
def relational_adjective_of(word: str, stem: str) -> bool:
    """Whether the Russian ``word`` is a form of the relational adjective (-ский) of the noun
    whose stem (without a final vowel or ь) is ``stem``: «Тяньцзиньской» of тяньцзин(ь),
    «Астанинской» of астан(а), «Пекинскую» of пекин."""
    for parse in _morph().parse(word.casefold().replace("ё", "е")):
        if parse.score < _MIN_RU_SCORE or "ADJF" not in parse.tag:
            continue
        lemma = parse.normal_form.replace("ё", "е")
        if not lemma.endswith("ский"):
            continue
        own = lemma[:-4].removesuffix("ь")
        if own.startswith(stem) and len(own) - len(stem) <= _LINKING_LETTERS:
            return True
    return False


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
    # Spanish shortens «primero» and «tercero» before a noun and not in the plural: «primer
    # ministro», «primeros ministros» (also in «viceprimer»).
    if lang == "es" and folded.endswith(_ES_APOCOPES):
        words.add(folded + "o")
    return frozenset(stemmer.stemWord(w) for w in words)


@lru_cache(maxsize=16384)
def could_be_genitive(word: str, lang: str) -> bool:
    """Whether ``word`` may be in the genitive case (Russian; False in other languages)."""
    if base(lang) != "ru":
        return False
    return any(
        parse.score >= _MIN_RU_SCORE and ({"gent", "gen2"} & parse.tag.grammemes)
        for parse in _morph().parse(word.casefold().replace("ё", "е"))
    )


def _russian(folded: str) -> frozenset[str]:
    folded = folded.replace("ё", "е")
    keys = {folded}
    if any("а" <= ch <= "я" for ch in folded):
        morph = _morph()
        for parse in morph.parse(folded):
            if parse.score >= _MIN_RU_SCORE:
                keys.add(parse.normal_form.replace("ё", "е"))
        # A foreign name in -ь drops it when it declines (Тяньцзинь, в Тяньцзине), which the
        # analyser cannot guess for a word it does not know.
        if folded.endswith("ь") and len(folded) > 4 and not morph.word_is_known(folded):
            keys.add(folded[:-1])
    return frozenset(keys)


def _arabic(folded: str) -> frozenset[str]:
    word = _ar_diacritics().sub("", folded)
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


# -- Apertium's dictionaries, where the engine is installed -----------------------------------
#
# The English-Spanish pair brings a real analyser of each language (every reading of a word,
# with its part of speech, gender and number: «propuesto» is proponer<vblex><pp><m><sg>) and the
# bilingual dictionary (summit<n> is cumbre<n><f>). Placement uses them to doubt what it cannot
# see otherwise: an adjective that disagrees with a placed noun, a noun left in English order.

_PAIR_DIRS = {("en", "es"): "apertium-eng-spa"}
_ANALYSERS = {"en": "eng-spa.automorf.bin", "es": "spa-eng.automorf.bin"}
_BILINGUAL = "eng-spa.autobil.bin"
_READINGS: dict[tuple[str, str], tuple[str, ...]] = {}
_TRANSLATIONS: dict[str, frozenset[str]] = {}


# The Apertium install whose dictionaries are read: the engine that translates, once opened
# (``ApertiumEngine.open``), so that both read the same folder with the same programs; until
# then the install found on $PATH (the engine's own module is not needed for that).
_ENGINE: list[ApertiumInstall] = []


def use_apertium(engine: ApertiumEngine) -> None:
    """Read words with ``engine``'s dictionaries and its ``lt-proc`` from now on."""
    _ENGINE[:] = [engine]


def _engine() -> ApertiumInstall:
    if not _ENGINE:
        from localize.engines.apertium_install import ApertiumInstall

        _ENGINE.append(ApertiumInstall())
    return _ENGINE[0]


def _apertium_file(name: str) -> str | None:
    """The path of one of the en-es pair's compiled dictionaries, if Apertium and it are here."""
    return _pair_file(_engine(), name)


@cache
def _pair_file(engine: ApertiumInstall, name: str) -> str | None:
    data = engine.data_dir()
    if engine.program("lt-proc") is None or data is None:
        return None
    path = data / _PAIR_DIRS[("en", "es")] / name
    return str(path) if path.is_file() else None


def has_dictionaries(lang: str) -> bool:
    """Whether Apertium's analyser of ``lang`` (en or es) is installed here."""
    return lang in _ANALYSERS and _apertium_file(_ANALYSERS[lang]) is not None


# One lt-proc per dictionary kept running in null-flush mode: enforcement asks the three
# dictionaries once per batch, and each start loaded a dictionary again (issue 19).
_RUNNING: dict[tuple[str, ...], RunningFilter] = {}


# lt-proc's answers remembered between runs (``analysis_cache.remembered_analyses``): a module
# variable, not a context variable, because the masked pass reads words in a thread of its own.
_REMEMBERED: list[AnswerMemo] = []


def remember_analyses(memo: AnswerMemo | None) -> AnswerMemo | None:
    """Answer lt-proc's lines from ``memo`` from now on (None: run lt-proc for every line);
    the memo used until now is returned."""
    previous = _REMEMBERED[0] if _REMEMBERED else None
    _REMEMBERED[:] = [] if memo is None else [memo]
    return previous


def _lt_proc(flags: list[str], path: str, lines: list[str]) -> list[str]:
    """lt-proc's output lines for ``lines`` (one a line: each line is analysed alone), those
    read in earlier runs from the memo; none if it cannot run (the readings are then empty: a
    doubt is not raised, nothing fails)."""
    lt_proc = _engine().program("lt-proc")
    if lt_proc is None:
        return []
    memo = _REMEMBERED[0] if _REMEMBERED else None
    if memo is None:
        return _run_lt_proc(lt_proc, flags, path, lines)
    from localize.analysis_cache import tool_identity

    tool = tool_identity(lt_proc, flags, path)
    if tool is None:
        return _run_lt_proc(lt_proc, flags, path, lines)
    known = memo.answers(tool, lines)
    missing = [line for line in dict.fromkeys(lines) if line not in known]
    if missing:
        output = _run_lt_proc(lt_proc, flags, path, missing)
        if len(output) != len(missing):
            return []  # failed or out of step: nothing is remembered
        answered = dict(zip(missing, output, strict=True))
        memo.remember(tool, answered)
        known.update(answered)
    return [known[line] for line in lines]


def start_reading(lang: str) -> None:
    """Start the analyser ``readings`` asks for ``lang``'s new words (an lt-proc loading its
    dictionary, 0.1-0.15 s) now, before a word is asked, so that the load goes on while the
    caller works; nothing where it is not installed. Unused (every word read in earlier runs),
    it is ended with the run."""
    path = _apertium_file(_ANALYSERS[lang]) if lang in _ANALYSERS else None
    lt_proc = _engine().program("lt-proc")
    if path is not None and lt_proc is not None:
        _running((lt_proc, "-z", path)).start()


def _running(argv: tuple[str, ...]) -> RunningFilter:
    from localize.engines.apertium_pipeline import RunningFilter

    running = _RUNNING.get(argv)
    if running is None:
        running = _RUNNING[argv] = RunningFilter(list(argv))
    return running


def _run_lt_proc(lt_proc: str, flags: list[str], path: str, lines: list[str]) -> list[str]:
    import subprocess

    output = _running((lt_proc, "-z", *flags, path)).run(
        "".join(f"{line}\n" for line in lines).encode("utf-8")
    )
    if output is not None:
        return output.decode("utf-8", errors="replace").splitlines()
    try:
        done = subprocess.run(
            [lt_proc, *flags, path],
            input="".join(f"{line}\n" for line in lines),
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return done.stdout.splitlines() if done.returncode == 0 else []


def readings(words: list[str], lang: str) -> dict[str, tuple[str, ...]]:
    """Apertium's readings of each word in ``lang`` (en, es): ``proponer<vblex><pp><m><sg>``;
    none for an unknown word or where the dictionaries are not installed. One process for all
    the words not seen before."""
    path = _apertium_file(_ANALYSERS[lang]) if lang in _ANALYSERS else None
    if path is None:
        return {word: () for word in words}
    if len(words) == 1:  # placement asks word by word, nearly always for a word read before
        known = _READINGS.get((lang, words[0]))
        if known is not None:
            return {words[0]: known}
    new = [w for w in dict.fromkeys(words) if (lang, w) not in _READINGS and w.isalpha()]
    if new:
        output = _lt_proc([], path, new)
        if len(output) != len(new):  # lt-proc failed or split a word: no readings
            output = [""] * len(new)
        for word, line in zip(new, output, strict=True):
            found = re.fullmatch(r"\^[^/]*/(.*)\$", line.strip())
            parts = found.group(1).split("/") if found else []
            _READINGS[(lang, word)] = tuple(p for p in parts if not p.startswith("*"))
    return {word: _READINGS.get((lang, word), ()) for word in words}


def spanish_translations(readings_: list[str]) -> dict[str, frozenset[str]]:
    """The Spanish lemmas Apertium's bilingual dictionary gives each English noun reading
    (``summit<n><sg>`` -> cumbre)."""
    path = _apertium_file(_BILINGUAL)
    if path is None:
        return {r: frozenset() for r in readings_}
    new = [r for r in dict.fromkeys(readings_) if r not in _TRANSLATIONS]
    if new:
        output = _lt_proc(["-b"], path, [f"^{r}$" for r in new])
        if len(output) != len(new):
            output = [""] * len(new)
        for reading, line in zip(new, output, strict=True):
            lemmas = re.findall(r"/([^/<$@*#]+)<", line)
            _TRANSLATIONS[reading] = frozenset(lemma.casefold() for lemma in lemmas)
    return {r: _TRANSLATIONS.get(r, frozenset()) for r in readings_}
