"""Sentence segmentation with exact offsets.

One regex pass finds candidate terminators (``.``, ``!``, ``?``, ellipses, 。！？, ؟, ۔) with any
closing quotes or brackets after them; each candidate is then accepted or rejected by a few
decision rules that read per-language word lists from ``localize/data/abbreviations/<lang>.yaml``
(abbreviations by kind, typical sentence starters). The rules are code, the vocabulary is data:
adding a language means adding a data file and a code to ``SUPPORTED_LANGUAGES``.

Photo credits: a caption such as ``... May 24, 2020. (Xinhua/Li Ziheng)`` is segmented as two
units, the caption sentence and the credit. The credit is not part of the sentence's grammar;
as its own unit a translator (or the glossary) handles it once and it repeats verbatim across
articles, and MT does not fold it into the sentence. To keep this consistent, a terminator
followed by nothing but one bracketed group up to the end of the block always ends the
sentence, whatever the case of the credit's first letter ("(photo: Xinhua)" too); a bracketed
group in the middle of a block follows the ordinary rules.

After a period that follows an abbreviation, the decision rests on the abbreviation's class and
on evidence about the next word:

- titles ("Mr.", "Gen.", "им.") never end a sentence before a word; "No.", "p." not before a
  number;
- abbreviations that close a phrase ("etc.", "Corp.", "a.m.", "т.д."; "г.", "руб.", "م." right
  after a number) end it before a capitalised word (any word, in Arabic) unless that word goes on
  with a name: an acronym ("долл. США"), another abbreviation ("Co. Ltd."), a title ("Inc. Chief
  Executive"); "At 5 a.m. Mr. Smith..." and "В 2015 г. Россия..." are bare time phrases;
- ambiguous ones ("U.S.", one letter) end it only when the next word is a typical opener or a
  word that is written in lower case inside a sentence, so that its capital marks a new sentence:
  ``data/common_words/<lang>.txt``, learned from word-frequency data by
  ``scripts/build_common_words.py`` ("the U.S. Shipments rose" splits, "U.S. Steel" does not).

A token in another script than the block's language follows that script's rules ("Mr. Smith"
inside Chinese, Arabic or Russian text).
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_left
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from localize.errors import LocalizeError
from localize.languages import base_language

if TYPE_CHECKING:
    from localize.sentence_cache import SpanMemo

SUPPORTED_LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ja", "ru", "zh")

_DATA_DIR = Path(__file__).resolve().parent / "data" / "abbreviations"
_COMMON_DIR = Path(__file__).resolve().parent / "data" / "common_words"
_SCRIPTS = {"ar": "arabic", "ru": "cyrillic", "zh": "cjk", "ja": "cjk"}
# Whose rules a span written in another script than the block's language follows.
_SCRIPT_LANGUAGE = {"latin": "en", "cyrillic": "ru", "arabic": "ar"}


@dataclass(frozen=True)
class _Rules:
    """One language's vocabulary, as sets for O(1) look-ups."""

    prepositive: frozenset[str]
    numeric: frozenset[str]
    general: frozenset[str]
    never_end: frozenset[str]
    time: frozenset[str]
    fragment_openers: frozenset[str]
    starters: frozenset[str]
    cased: bool
    ellipsis_ends_sentence: bool
    quote_continuations: tuple[str, ...]
    cjk: bool
    # Abbreviations that close a phrase ("etc.", "Corp.", "т.д."): before a capitalised word
    # (any word, without letter case) they end the sentence unless that word continues a name.
    terminal: frozenset[str]
    # Terminal only right after a number: "2015 г." (year) but "г. Москва" (city).
    after_number: frozenset[str]
    # Terminal only right after a capitalised word or a number: "Main St." but "St. Paul".
    after_name: frozenset[str]
    # Title nouns: they continue a sentence after an abbreviation ("Apple Inc. Chief
    # Executive") and make the capital letter after them an initial ("président J. Chirac").
    titles: frozenset[str]
    # Words that mark a new statement, not who said the quotation: 他还表示 ("he also said").
    not_attribution: tuple[str, ...]
    # Verbs of saying: after a quoted question, "Johnson said" continues the sentence.
    speech_verbs: frozenset[str]
    # After a.m./p.m.: "Beijing time".
    time_continuations: frozenset[str]
    # The language whose learned words ``common`` gives.
    base: str
    script: str
    # Last words of two-word terminal abbreviations ("c" of "a. C."): only after them is the
    # previous token read.
    pair_tails: frozenset[str]
    # Every listed abbreviation, so that a plain word is recognised with one look-up.
    listed: frozenset[str]
    # English titles, in the other Latin-script languages: "Mr. Johnson" in Spanish text.
    foreign_titles: frozenset[str]

    @property
    def common(self) -> frozenset[str]:
        """Learned evidence (scripts/build_common_words.py): words written in lower case inside
        a sentence, so a capitalised one after an abbreviation starts a new sentence. Read on
        first use: the list is 12,000-19,000 words, and a paragraph without an ambiguous
        abbreviation before a capital (most of them, e.g. an update's one edited paragraph)
        never asks."""
        return _common_words(self.base)


# A spaced ellipsis (". . .") first, so that its dots are read as one mark; then runs of
# terminators. After them: closing quotes/brackets (French » may follow a no-break space) and
# further terminators ('"Why?".').
_CANDIDATE = re.compile(
    r"(?P<term>\.(?:[ \u00a0]\.){2,}|[.!?‽…。！？｡؟۔]+)"
    r"(?P<close>(?:[ \u00a0\u202f]?»|[\"'”’)\]」』】〕）〉》›]|[.!?‽。！？｡؟۔])*)"
)
_CJK_TERMINATORS = frozenset("。！？｡")
_OPENERS = frozenset("\"'“‘«‹([{（「『【〔〈《¿¡—–-")
_OPENER_CHARS = "".join(sorted(_OPENERS))
_STRONG_OPENERS = frozenset("¿¡")
_CONTINUING_PUNCTUATION = frozenset(",;:，、；：")
# CJK quotation marks are directional, so whether a terminator is inside a quotation is known.
_CJK_QUOTE_OPEN = "“「『"
_CJK_QUOTE_CLOSE = "”」』"
_CJK_QUOTE = re.compile("[" + _CJK_QUOTE_OPEN + _CJK_QUOTE_CLOSE + "]")
_BULLETS = "•⁃▪◦‣●"
_WORD = re.compile(r"[^\W_]+")
# Letters-and-dots abbreviations: U.S, U.S.A, Ph.D, i.e, a.m, т.е, n.º, J.-C.
_MULTI_PERIOD = re.compile(r"(?:[^\W\d_]{1,3}\.-?)+[^\W\d_]{1,3}")
# What a "sentence" that is only a list marker looks like: "1.", "2.)", "b.", "• 9.".
_MARKER_ONLY = re.compile(r"[" + _BULLETS + r"*-]?\s*(?:\d{1,3}|[^\W\d_])")


# A list item at the start of a line: "1.", "2)", "b.", or a bullet, then a space.
# Compiled when first needed (a block with a line break), as are the patterns below that
# only some texts need: an update segments one paragraph (issue 19).
@cache
def _line_item() -> re.Pattern[str]:
    return re.compile(
        r"(?:\r\n|\r|\n)[^\S\r\n]*(?=(?:\d{1,3}[.)]|[a-z][.)]|[" + _BULLETS + r"*–-])[^\S\r\n])"
    )


# List markers that can start an unpunctuated item: "2.)", "2)", "2.", "b.".
_LIST_MARKER = re.compile(r"(?<!\S)(?P<label>\d{1,3}|[a-z])(?P<suffix>\.\)|\)|\.)(?=\s)")
# Longest stretch worth testing for a list marker or a bare time phrase ("At 5 a.m."): keeps
# the per-candidate work bounded when a block never ends a sentence.
_SHORT_PHRASE = 40
_CREDIT = re.compile(r"\s*\([^()]*\)\s*\Z")
# A CR is a line end only when no LF follows: otherwise "\r" then "\n" would read as a line
# end followed by an empty line, and every CRLF line break would split a paragraph.
_LINE_END = r"(?:\r\n|\r(?!\n)|\n)"


@cache
def _paragraph_break() -> re.Pattern[str]:
    return re.compile(rf"{_LINE_END}(?:[^\S\r\n]*{_LINE_END})+")


# The same for a text without a CR (most): a pattern that starts with one literal character
# is searched for in C, where the alternation above is tried at every character (3.5 ms
# against 0.3 ms for a 3,100-sentence article).
_LF_PARAGRAPH_BREAK = re.compile(r"\n(?:[^\S\r\n]*\n)+")


@cache
def _load_rules(base: str) -> _Rules:
    data = rules_data(base)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower().rstrip(".") for w in data.get(key) or ())

    prepositive = words("prepositive")
    numeric, general, time = words("numeric"), words("general"), words("time")
    terminal, after_number, after_name = (
        words("terminal"),
        words("after_number"),
        words("after_name"),
    )
    pair_tails = frozenset(k.split()[-1] for k in terminal if " " in k)
    listed = prepositive | numeric | general | time | terminal | after_number | after_name
    script = _SCRIPTS.get(base, "latin")
    foreign_titles: frozenset[str] = frozenset()
    if script == "latin" and base != "en":
        foreign_titles = _load_rules("en").prepositive - listed
    return _Rules(
        prepositive=prepositive,
        numeric=numeric,
        general=general,
        never_end=words("never_end"),
        time=time,
        fragment_openers=words("fragment_openers"),
        # Starters keep their case: "The" starts a sentence, "the" would not be capitalized.
        starters=frozenset(data.get("starters") or ()),
        cased=data.get("cased", "true") == "true",
        ellipsis_ends_sentence=data.get("ellipsis_ends_sentence", "true") == "true",
        quote_continuations=tuple(data.get("quote_continuations") or ()),
        cjk=base in ("zh", "ja"),
        terminal=terminal,
        after_number=after_number,
        after_name=after_name,
        titles=words("titles"),
        not_attribution=tuple(data.get("not_attribution") or ()),
        speech_verbs=frozenset(data.get("speech_verbs") or ()),
        time_continuations=words("time_continuations"),
        base=base,
        script=script,
        pair_tails=pair_tails,
        listed=listed | pair_tails,
        foreign_titles=foreign_titles,
    )


def rules_data(base: str) -> dict:
    """The language's ``<base>.yaml`` as PyYAML's BaseLoader reads it, taken from the
    ``<base>.json`` made from it (``scripts/build_segment_rules.py``) when that names the
    YAML's present SHA-256: importing PyYAML costs about 20 ms, most of an update's
    segmenting of one edited paragraph. An edited YAML whose JSON was not made again is read
    itself."""
    path = rules_path(base)
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise LocalizeError(
            f"{path}: cannot read segmentation data ({exc}); reinstall localize"
        ) from None
    try:
        made = json.loads(path.with_suffix(".json").read_bytes())
        if made["yaml_sha256"] == hashlib.sha256(source).hexdigest():
            return dict(made["rules"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no JSON, or one this code cannot read: the YAML says the same
    return parsed_rules(path, source)


def rules_path(base: str) -> Path:
    """The YAML file of the segmentation rules of language ``base``."""
    return _DATA_DIR / f"{base}.yaml"


def parsed_rules(path: Path, source: bytes) -> dict:
    """The YAML rules file ``path`` (its bytes ``source``) parsed."""
    import yaml  # lazy: importing localize.segment must stay cheap

    try:
        # BaseLoader keeps every scalar a string: "no" (No. 2721) must not become False. Its
        # libyaml form, where PyYAML has it, parses the file several times faster.
        loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
        return yaml.load(source.decode("utf-8"), Loader=loader) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LocalizeError(
            f"{path}: cannot read segmentation data ({exc}); reinstall localize"
        ) from None


@cache
def _common_words(base: str) -> frozenset[str]:
    path = _COMMON_DIR / f"{base}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()  # not every language has (or needs) the evidence
    except OSError as exc:
        raise LocalizeError(
            f"{path}: cannot read segmentation data ({exc}); reinstall localize"
        ) from None
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def _rules(lang: str) -> _Rules:
    return _load_rules(_supported_base(lang))


# What may close a sentence after its final period: quotes and brackets.
_CLOSERS = " \u00a0\"'”’»)]"


def is_abbreviation(word: str, after: str, lang: str) -> bool:
    """Whether ``word``, followed by a period and then ``after``, is one of the language's
    listed abbreviations used as one ("Sept. 12", "No. 2", "etc. and", "Gen. Li"): what is
    capitalised because it is one, not because it is a name. A name spelled like one ends a
    sentence ("talks with Sun.", "thanked Ed."): nothing follows it but quotes or brackets, or
    a capitalised word that only a title (Gen., Dr.) is written before."""
    rules = _rules(lang)
    key = word.lower()
    if key not in rules.listed:
        return False
    following = after.lstrip(_CLOSERS)
    if not following:
        return False
    if following[0].isupper():
        return key in rules.prepositive
    # A number, a lower-case word or a comma ("Co., Ltd.") goes on after an abbreviation.
    return True


def is_listed_abbreviation(word: str, lang: str) -> bool:
    """Whether ``word`` (without its period) is one of the language's listed abbreviations,
    used as one or not: "Wed", "Dept", but also "Sun" and "Ed"."""
    return word.lower() in _rules(lang).listed


def _supported_base(lang: str) -> str:
    # Callers pass gettext/BCP 47 forms (en_US, zh-Hans); the rules depend on the language only.
    base = base_language(lang)
    if base not in SUPPORTED_LANGUAGES:
        raise LocalizeError(
            f"sentence segmentation does not support language '{lang}'; "
            f"pass --lang with one of: {', '.join(SUPPORTED_LANGUAGES)}"
        )
    return base


class _Block:
    """Facts about the whole block, computed at most once rather than per candidate."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends_bracketed = text.rstrip().endswith(")")
        self._depth = 0
        self._event = 0

    @cached_property
    def _quote_events(self) -> list[tuple[int, int]]:
        """(offset, +1 or -1) for the CJK quotation marks that pair up within the block."""
        events: list[tuple[int, int]] = []
        stack: list[tuple[str, int]] = []
        for m in _CJK_QUOTE.finditer(self.text):
            mark = m.group()
            if mark in _CJK_QUOTE_OPEN:
                stack.append((mark, m.start()))
            elif stack and _CJK_QUOTE_OPEN.index(stack[-1][0]) == _CJK_QUOTE_CLOSE.index(mark):
                events.append((stack.pop()[1], 1))
                events.append((m.start(), -1))
        events.sort()
        return events

    @cached_property
    def _titles(self) -> tuple[list[int], list[int]]:
        """Offsets of the opening and closing marks of CJK titles (《》 and 〈〉)."""
        opens = [i for i, ch in enumerate(self.text) if ch in "《〈"]
        closes = [i for i, ch in enumerate(self.text) if ch in "》〉"]
        return opens, closes

    @cached_property
    def _has_titles(self) -> bool:
        return "《" in self.text or "〈" in self.text

    def inside_title(self, pos: int) -> bool:
        if not self._has_titles:
            return False
        opens, closes = self._titles
        return bisect_left(opens, pos) > bisect_left(closes, pos)

    def inside_quote(self, start: int, end: int) -> bool:
        """Is text[start:end] (a terminator and its closers) inside a quotation that stays open
        after it? Only quotations closed later count: news quotes that run over several
        paragraphs open each one and close only the last, and must not swallow a paragraph.
        Calls come with non-decreasing ``start``, so the whole block costs one pass."""
        events = self._quote_events
        while self._event < len(events) and events[self._event][0] < start:
            self._depth += events[self._event][1]
            self._event += 1
        closing = 0
        i = self._event
        while i < len(events) and events[i][0] < end:
            closing += events[i][1] < 0
            i += 1
        return self._depth - closing > 0


class _Next:
    """What follows a candidate: the first meaningful character and word."""

    __slots__ = ("char", "word", "strong", "initial", "pos", "period_after")

    def __init__(self, text: str, pos: int) -> None:
        n = len(text)
        while pos < n and text[pos].isspace():
            pos += 1
        self.strong = pos < n and text[pos] in _STRONG_OPENERS
        # "«Всё кончено!» — сказал он": skip dashes and quotes, and the spaces between them.
        while pos < n and (text[pos] in _OPENERS or text[pos].isspace()):
            pos += 1
        self.pos = pos
        self.char = text[pos] if pos < n else ""
        match = _WORD.match(text, pos)
        self.word = match.group() if match else ""
        self.period_after = text.startswith(".", pos + len(self.word))
        # "A. K. Rahimov": the next token is itself an initial.
        self.initial = len(self.word) == 1 and self.period_after


def _is_starter(rules: _Rules, nxt: _Next) -> bool:
    word = nxt.word
    return (
        nxt.strong
        or word in rules.starters
        or word.capitalize() in rules.starters
        or word.lower() in rules.prepositive
    )


def _starts_sentence(rules: _Rules, nxt: _Next) -> bool:
    """Evidence that the capitalised word after an ambiguous abbreviation opens a sentence:
    a typical opener, or a word that is written in lower case inside a sentence (so it is
    capitalised here because a sentence starts), not a name or a title."""
    if _is_starter(rules, nxt):
        return True
    lower = nxt.word.lower()
    return lower in rules.common and not nxt.word.isupper() and lower not in rules.titles


def _script(char: str) -> str:
    code = ord(char)
    if code < 0x250:
        return "latin"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x600 <= code < 0x700 or 0x750 <= code < 0x780:
        return "arabic"
    return "other"


def _previous_token(text: str, sent_start: int, tok_start: int) -> str:
    return _previous_token_at(text, sent_start, tok_start)[0]


def _previous_token_at(text: str, sent_start: int, tok_start: int) -> tuple[str, int]:
    """The token before ``tok_start`` (opening quotes and brackets stripped) and its offset."""
    end = tok_start
    while end > sent_start and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > sent_start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end].lstrip(_OPENER_CHARS), begin


# A number, with an Arabic conjunction before it ("و1111") or a case ending ("1990-х"), or a
# Roman numeral (a century: "XX в.").
_NUMBER = re.compile(r"[وفب]?\d[\d.,]*(?:-[^\W\d_]{1,3})?|[IVXLC]+")


def _follows_number(text: str, sent_start: int, tok_start: int, rules: _Rules) -> bool:
    """Is the token at tok_start a unit after a number: "2015 г.", "XX в.", "12 млрд руб."?"""
    previous, begin = _previous_token_at(text, sent_start, tok_start)
    if _NUMBER.fullmatch(previous):
        return True
    if previous.rstrip(".").lower() not in rules.after_number:
        return False
    return _NUMBER.fullmatch(_previous_token(text, sent_start, begin)) is not None


def _period_ends(text: str, sent_start: int, term_start: int, nxt: _Next, rules: _Rules) -> bool:
    """Does a single period (plus closers) end the sentence? ``nxt.char`` is not lowercase."""
    tok_start = term_start
    # The token runs back to a space, or to a CJK character: Chinese and Japanese need no space
    # before a Latin word ("他引用了Mr. Smith的话").
    while tok_start > sent_start and not (
        text[tok_start - 1].isspace() or text[tok_start - 1] >= "\u3000"
    ):
        tok_start -= 1
    token = text[tok_start:term_start]
    stripped = token.lstrip(_OPENER_CHARS)
    if not stripped:
        return True
    # A span in another script follows that script's rules ("Mr. Smith" inside Chinese text).
    borrowed = False
    last = stripped[-1]
    if not (rules.script == "latin" and last < "\u0250"):
        script = _script(last)
        if script != rules.script and script in _SCRIPT_LANGUAGE:
            rules = _rules(_SCRIPT_LANGUAGE[script])
            borrowed = True
    key = stripped.lower()
    if "'" in key or "’" in key:
        key = key.replace("’", "'").rsplit("'", 1)[1]  # "l'art." is "art." after an article
    if key in rules.never_end:
        return False
    multi = _MULTI_PERIOD.fullmatch(stripped) is not None
    single = len(stripped) == 1 and stripped.isalpha()
    if not (multi or single or key in rules.listed):
        # A plain word, the common case. English titles turn up in all Latin-script wire copy
        # ("Mr. Johnson" in Spanish text).
        return key not in rules.foreign_titles
    if borrowed:
        # Only a plain word ends a borrowed span's sentence: "U.S. Steel" and "5 p.m. Both"
        # inside Chinese or Arabic text stay in the sentence of the surrounding language.
        return False
    digit_next = nxt.char.isdigit()
    if key in rules.pair_tails:
        previous = _previous_token(text, sent_start, tok_start)
        if f"{previous.lower()} {key}" in rules.terminal:
            return _terminal_ends(nxt, rules)  # "a. C.", "EE. UU.", "до н.э."
    if single and rules.cased and stripped.isupper() and key not in rules.prepositive:
        # A capital letter is an initial ("В. В. Путин"), not the lowercase abbreviation "в.".
        return not digit_next and _initial_ends(text, sent_start, tok_start, nxt, rules)
    if key in rules.after_number and _follows_number(text, sent_start, tok_start, rules):
        if digit_next or _time_fragment(text, sent_start, tok_start, rules):
            return False  # "В 2015 г. Россия вступила...": a bare time phrase
        return _terminal_ends(nxt, rules)
    if key in rules.after_name:
        previous = _previous_token(text, sent_start, tok_start)
        if previous[:1].isupper() or previous[:1].isdigit():
            return _terminal_ends(nxt, rules)  # "12 Main St. Visitors..."
    if key in rules.prepositive or digit_next:
        return False
    if key in rules.time:
        if _time_fragment(text, sent_start, tok_start, rules):
            return False
        if _word_after(text, nxt).lower() in rules.time_continuations:
            return False  # "9:22 a.m. Beijing time"
        return _terminal_ends(nxt, rules)
    if key in rules.terminal:
        return _terminal_ends(nxt, rules)
    if multi or key in rules.general or key in rules.numeric or key in rules.after_number:
        return _starts_sentence(rules, nxt)
    if single:
        return _initial_ends(text, sent_start, tok_start, nxt, rules)
    return True


def _word_after(text: str, nxt: _Next) -> str:
    match = _WORD.match(text, _skip_space(text, nxt.pos + len(nxt.word)))
    return match.group() if match else ""


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _terminal_ends(nxt: _Next, rules: _Rules) -> bool:
    """After an abbreviation that closes a phrase, a new sentence starts unless the next word
    continues a name: an acronym ("долл. США", "Inc. CEO"), another abbreviation ("Co. Ltd."),
    or a title ("Apple Inc. Chief Executive...")."""
    if not rules.cased:
        return True
    word = nxt.word
    if len(word) > 1 and word.isupper():
        return False
    lower = word.lower()
    if lower in rules.titles:
        return False
    # A title ("Mr.") opens a new phrase and so may open a new sentence: not a continuation.
    abbreviation = lower in rules.terminal or lower in rules.general
    return not (abbreviation and nxt.period_after)


def _time_fragment(text: str, sent_start: int, tok_start: int, rules: _Rules) -> bool:
    # "At 5 a.m." cannot be a sentence on its own; "He left at 6 P.M." can.
    if tok_start - sent_start > _SHORT_PHRASE:
        return False
    words = text[sent_start:tok_start].split()
    return 0 < len(words) <= 3 and words[0].strip("\"'“‘(").lower() in rules.fragment_openers


def _initial_ends(text: str, sent_start: int, tok_start: int, nxt: _Next, rules: _Rules) -> bool:
    """A lone letter and a period: an initial ("Jonas E. Smith") unless it is a word at the end
    of a sentence ("you and I. Did you...") - told apart by the words around it."""
    if nxt.initial or not _starts_sentence(rules, nxt):
        return False
    letter = text[tok_start:].lstrip(_OPENER_CHARS)[:1]
    if rules.cased and letter.islower():
        return True  # "a. C. En Roma...": a lowercase letter is no initial
    previous = _previous_token(text, sent_start, tok_start)
    if not previous or previous.lower() in rules.titles:
        return False
    return not rules.cased or not previous[:1].isupper()


def _only_a_credit_follows(text: str, pos: int) -> bool:
    """Is the rest of the block one bracketed credit, such as "(Xinhua/Li Ziheng)"?"""
    return _CREDIT.match(text, pos) is not None


def _attribution_follows(text: str, pos: int, rules: _Rules) -> bool:
    """After a quoted question or exclamation: does who said it follow, continuing the
    sentence? ("Is this the end?" Johnson said. / «هل هذه النهاية؟» قال جونسون)"""
    if not rules.speech_verbs:
        return False
    words = _WORD.findall(text, pos, min(len(text), pos + _SHORT_PHRASE * 2))[:5]
    if not rules.cased:
        return bool(words) and words[0] in rules.speech_verbs
    for i, word in enumerate(words):
        if word in rules.speech_verbs:
            return i > 0
        if not word[:1].isupper() or word in rules.starters:
            return False
    return False


def _cjk_attribution_follows(text: str, pos: int, rules: _Rules) -> bool:
    """“太好了！”一位球迷说。: the clause after the quote ends with a verb of saying."""
    if not rules.speech_verbs:
        return False
    clause = _cjk_clause().match(text, pos)
    if clause is None or not clause.group().endswith(tuple(rules.speech_verbs)):
        return False
    return not any(marker in clause.group() for marker in rules.not_attribution)


@cache
def _cjk_clause() -> re.Pattern[str]:
    return re.compile(r"[^，。！？；：,.!?;:“”「」\s]{1,25}")


def _candidate_cut(
    text: str, match: re.Match[str], sent_start: int, rules: _Rules, block: _Block
) -> int | None:
    """The offset where the sentence ends at this candidate, or None if it does not end."""
    term = match.group("term")
    end = match.end()
    n = len(text)
    has_cjk = not term.isascii() and any(ch in _CJK_TERMINATORS for ch in term)
    if has_cjk or (rules.cjk and ("?" in term or "!" in term)):
        # Full-width terminators need no space after them.
        if end < n and text[end] in _CONTINUING_PUNCTUATION:
            return None  # “对不起！”，然后…
        if block.inside_title(match.start()):
            return None  # 《你好，李焕英！》票房…: a title, not a sentence end
        quoted = any(q in match.group("close") for q in _CJK_QUOTE_CLOSE)
        if quoted and (
            text.startswith(rules.quote_continuations, end)
            or _cjk_attribution_follows(text, end, rules)
        ):
            return None  # 「行く？」と聞いた, “太好了！”一位球迷说, but not 。他说…
        if block.inside_quote(match.start(), end):
            return None  # 「もう帰る。明日また来る。」と言った: wait for the closing quote
        return end
    if end < n and not text[end].isspace():
        if rules.cjk and term == "." and _closes_quote(match.group("close")) and _is_cjk(text[end]):
            # “Mr. Wang and I had a candid conversation.”双方…: a Latin sentence quoted in
            # Chinese ends at its closing quote, as a Chinese one would.
            if _cjk_attribution_follows(text, end, rules):
                return None
            return (
                end
                if _period_ends(text, sent_start, match.start(), _Next(text, end), rules)
                else None
            )
        return None  # 3.14, U.S.-led, example.com, Jr.'s
    if end == n:
        return end
    if block.ends_bracketed and _only_a_credit_follows(text, end):
        return end
    nxt = _Next(text, end)
    lower_next = rules.cased and nxt.char.islower()
    if "?" in term or "!" in term or "‽" in term or "؟" in term:
        if lower_next:
            return None
        if _closes_quote(match.group("close")) and _attribution_follows(text, end, rules):
            return None
        return end
    if term in (".", "۔"):
        if lower_next or nxt.char in ",;:":
            return None
        if match.start() - sent_start <= _SHORT_PHRASE and _MARKER_ONLY.fullmatch(
            text[sent_start : match.start()].strip()
        ):
            return None  # "1." or "b." opening a list item
        return end if _period_ends(text, sent_start, match.start(), nxt, rules) else None
    return _ellipsis_cut(text, match, nxt, lower_next, rules)


def _closes_quote(close: str) -> bool:
    return any(q in close for q in "\"'”’»›」』")


def _is_cjk(char: str) -> bool:
    return "\u3040" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _ellipsis_cut(
    text: str, match: re.Match[str], nxt: _Next, lower_next: bool, rules: _Rules
) -> int | None:
    term = match.group("term")
    start = match.start()
    if lower_next or (start > 0 and text[start - 1] == "["):
        return None  # "really ... well", quoted omissions "[...]"
    if not nxt.char.isupper() and not (nxt.char.isalpha() and rules.ellipsis_ends_sentence):
        return None
    if " " in term or "\u00a0" in term:
        dots = term.count(".")
        if dots < 4:
            return None  # ". . ." marks an omission inside the sentence (MLA)
        if start > 0 and not text[start - 1].isspace():
            # "compounds. . . . The": the period ends the sentence, ". . ." opens the next one.
            return start + 1
        return match.end()
    return match.end()


def _list_cuts(text: str) -> list[int]:
    """Cuts before list items: on one line ("1) a 2) b", "• x • y"), or one per line after a
    lead-in that ends with a colon ("The plan has three parts:\n1. Roads\n2. Schools")."""
    cuts = _inline_list_cuts(text)
    if "\n" in text or "\r" in text:
        cuts = sorted(set(cuts).union(_line_list_cuts(text)))
    return cuts


def _line_list_cuts(text: str) -> list[int]:
    items = list(_line_item().finditer(text))
    if not items or not text[: items[0].start()].rstrip().endswith((":", "：")):
        return []
    return [item.end() for item in items]


def _inline_list_cuts(text: str) -> list[int]:
    body = text.lstrip()
    if not body:
        return []
    offset = len(text) - len(body)
    cuts: list[int] = []
    if body[0] in _BULLETS:
        bullet = body[0]
        at = text.find(bullet, offset + 1)
        while at != -1:
            if text[at - 1].isspace():
                cuts.append(at)
            at = text.find(bullet, at + 1)
        return cuts
    first = _LIST_MARKER.match(text, offset)
    if first is None:
        return cuts  # the common case: prose, not a list; no need to scan the block
    markers = list(_LIST_MARKER.finditer(text, offset))
    label, suffix = first.group("label"), first.group("suffix")
    expected = _next_label(label)
    for marker in markers[1:]:
        if marker.group("label") == expected and marker.group("suffix") == suffix:
            cuts.append(marker.start())
            expected = _next_label(expected)
    return cuts


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _cuts(text: str, rules: _Rules) -> list[int]:
    list_cuts = _list_cuts(text)
    block = _Block(text)
    cuts: list[int] = []
    sent_start = 0
    pending = iter(list_cuts)
    next_list_cut = next(pending, None)
    for match in _CANDIDATE.finditer(text):
        while next_list_cut is not None and next_list_cut <= match.start():
            cuts.append(next_list_cut)
            sent_start = max(sent_start, next_list_cut)
            next_list_cut = next(pending, None)
        cut = _candidate_cut(text, match, sent_start, rules, block)
        if cut is not None:
            cuts.append(cut)
            sent_start = cut
    if next_list_cut is not None:
        cuts.append(next_list_cut)
        cuts.extend(pending)
    return sorted(set(cuts))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# Spans of blocks segmented in earlier runs (``sentence_cache.remembered_sentences``).
REMEMBERED_SPANS: ContextVar[SpanMemo | None] = ContextVar("REMEMBERED_SPANS", default=None)


def split_sentences(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Spans of the sentences in one block of running text (a paragraph, a list item...).

    Spans exclude surrounding white space; line breaks inside the block do not end a sentence.
    Raises LocalizeError for a language outside ``SUPPORTED_LANGUAGES``.
    """
    memo = REMEMBERED_SPANS.get()
    if memo is not None:
        _supported_base(lang)  # an unsupported language is refused as without the memo
        return memo.spans(text, lang, _split_sentences)
    return _split_sentences(text, lang)


def split_blocks(texts: list[str], lang: str = "en") -> list[list[tuple[int, int]]]:
    """``split_sentences`` of each block, the spans remembered from earlier runs read in a few
    queries, not one a block."""
    memo = REMEMBERED_SPANS.get()
    if memo is not None:
        _supported_base(lang)
        memo.prefetch(texts, lang)
    return [split_sentences(text, lang) for text in texts]


def _split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    rules = _rules(lang)
    spans: list[tuple[int, int]] = []
    previous = 0
    for cut in [*_cuts(text, rules), len(text)]:
        span = _trimmed(text, previous, cut)
        if span:
            spans.append(span)
        previous = cut
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of blank-line separated paragraphs, without surrounding white space.

    A line holding only white space (spaces, tabs, CR of CRLF) counts as blank.
    """
    spans: list[tuple[int, int]] = []
    previous = 0
    breaks = _paragraph_break() if "\r" in text else _LF_PARAGRAPH_BREAK
    for match in breaks.finditer(text):
        span = _trimmed(text, previous, match.start())
        if span:
            spans.append(span)
        previous = match.end()
    span = _trimmed(text, previous, len(text))
    if span:
        spans.append(span)
    return spans
