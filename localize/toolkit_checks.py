"""The checks of translate-toolkit (pofilter's) that are valid for news copy, run by ``check``.

pofilter (and Pootle) run translate-toolkit's ``StandardChecker``; localize runs the same
check methods, in the target language's configuration, for the ones that fit articles, so a
catalog ``check`` passes has nothing those tools would rightly report. Which pofilter checks
are used, which localize covers with its own check and which are deliberately left out is in
docs/checks.md. pofilter's ``acronyms`` check is one left out (the press writes "U.S." as
"américains"); so that pofilter itself does not report the acronyms the glossary renders
differently (SCO -> OCS, ШОС), ``localize glossary export --format pofilter`` writes them as
its ``--musttranslatefile``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # translate-toolkit loads only when a catalog is checked
    from translate.filters.checks import StandardChecker

    from localize.glossary import Glossary

ERROR = "error"
WARNING = "warning"

# pofilter check -> (localize check, severity).
ADOPTED = {
    "doublequoting": ("quotes", ERROR),
    "doublewords": ("repeated-word", WARNING),
    "doublespacing": ("spacing", WARNING),
    "startwhitespace": ("whitespace", WARNING),
    "endwhitespace": ("whitespace", WARNING),
    "newlines": ("whitespace", ERROR),
    "tabs": ("whitespace", ERROR),
    "escapes": ("escapes", WARNING),
}

QUOTE_MARKS = '"«»“”„‟「」『』‹›'
_QUOTE_SET = frozenset(QUOTE_MARKS)


def glossary_acronyms(glossary: Glossary | None, lang: str) -> frozenset[str]:
    """Acronyms in the glossary's source terms that it renders otherwise in ``lang`` (SCO, whose
    approved renderings are OCS / Organisation de coopération de Shanghai in French), and
    one-word names in capitals, as datelines write them (DUSHANBE -> DOUCHANBÉ): a translation
    is right to drop them."""
    if glossary is None:
        return frozenset()
    from translate.lang import factory

    words = factory.getlanguage("en").words  # the tokenizer pofilter's acronyms check uses
    found = set()
    for entry in glossary.entries:
        if not entry.covers(lang):
            continue
        approved = " ".join(entry.approved(lang))
        for form in entry.source_forms:
            for word in words(form):
                if _is_acronym(word) and word not in approved:
                    found.add(word)
                elif _dateline_word(form, word) and word.upper() not in approved.upper():
                    found.add(word.upper())
    return frozenset(found)


def musttranslate_words(acronyms: Iterable[str]) -> str:
    """pofilter's ``--musttranslatefile``: one word a line. pofilter's ``acronyms`` check skips
    these words as written and its ``musttranslatewords`` check looks for them in lowercase, so
    each acronym is listed both ways."""
    lines = sorted({form for word in acronyms for form in (word, word.lower())})
    return "".join(f"{line}\n" for line in lines)


def _dateline_word(form: str, word: str) -> bool:
    """A word of a one-word name (Dushanbe, Nur-Sultan), which datelines write in capitals."""
    return " " not in form and word[:1].isupper() and len(word) > 1


def _is_acronym(word: str) -> bool:
    # translate-toolkit's definition: an all-uppercase word of two characters or more.
    return word.isupper() and len(word) > 1


@lru_cache(maxsize=32)
def _checker(lang: str) -> StandardChecker:
    from translate.filters.checks import CheckerConfig, StandardChecker

    return StandardChecker(checkerconfig=CheckerConfig(targetlanguage=lang))


# Checks that look at the strings with glossary terms and copied markup blanked out.
_ON_MASKED = {"doublequoting"}


def toolkit_problems(
    msgid: str,
    msgstr: str,
    lang: str,
    masked: tuple[str, str] | None = None,
) -> list[tuple[str, str, str]]:
    """(check, severity, message) for each adopted translate-toolkit check the pair fails.
    ``masked``: the pair with what the glossary mandates and what is copied verbatim blanked
    out, for the quotation-mark and acronym checks."""
    from translate.filters.checks import FilterFailure

    checker = _checker(lang)
    problems = []
    for name in _can_fire(msgid, msgstr):
        check, severity = ADOPTED[name]
        source, target = masked if masked is not None and name in _ON_MASKED else (msgid, msgstr)
        try:
            passed = getattr(checker, name)(source, target)
        except FilterFailure as failure:
            passed, message = False, str(failure)
        else:
            message = str(name)
        if passed:
            continue
        if name == "doublequoting":
            # Right if the marks agree either as written or without the glossary's renderings:
            # an approved form may bring its own quotes (« la Ceinture et la Route ») or take
            # the place of quoted words ("three evil forces" -> «tres fuerzas del mal»).
            if _quote_problem(msgid, msgstr) is None:
                continue
            quoted = _quote_problem(source, target)
            if quoted is None:
                continue
            message = quoted
        problems.append((check, severity, f"{message} (pofilter {name})"))
    return problems


def _can_fire(msgid: str, msgstr: str) -> list[str]:
    """The adopted checks that may fail on this pair; most pairs hold none of the characters
    the others look for (a second space, a tab, a backslash, a line break, white space at an
    end), so translate-toolkit is asked only where it can find something."""
    both = msgid + msgstr
    names = []
    # doublequoting reports only what _quote_problem finds, and that needs a quotation mark.
    if not _QUOTE_SET.isdisjoint(both) and _quote_problem(msgid, msgstr) is not None:
        names.append("doublequoting")
    words = msgstr.replace(".", "").lower().split()
    # Markup and variables that translate-toolkit removes first may bring two equal words
    # together, so only a translation without repeated words (or those characters) is skipped.
    if len(set(words)) < len(words) or any(ch in msgstr for ch in "<>%$&{}@"):
        names.append("doublewords")
    if "  " in both:
        names.append("doublespacing")
    if msgid[:1].isspace() or msgstr[:1].isspace():
        names.append("startwhitespace")
    if msgid[-1:].isspace() or msgstr[-1:].isspace():
        names.append("endwhitespace")
    if "\n" in both or "\r" in both:
        names.append("newlines")
    if "\t" in both:
        names.append("tabs")
    if "\\" in both:
        names.append("escapes")
    return names


def _quote_problem(msgid: str, msgstr: str) -> str | None:
    """translate-toolkit counts each kind of quotation mark; a translation may use its own
    language's marks (Spanish «…» for "…", Russian «…„…“…» for "…'…'…"), so only a different
    number of marks is an error: nested quotes ("«…»"), a quotation opened and never closed,
    or one dropped. A quotation inside a quotation is counted on both sides: the source's
    '…' pair as the translation's „…“, “…” or ‘…’ pair."""
    source = _quotation_marks(msgid)
    target = _quotation_marks(msgstr)
    if source == target:
        return None
    counts = f"{target} quotation marks in the translation, {source} in the source"
    if target % 2:
        return f"{counts}; a quotation is opened and not closed, or closed and not opened"
    if target > source:
        return f"{counts}; nested or doubled marks around one quotation: keep one pair"
    return f"{counts}; a quotation of the source is not marked in the translation"


def _quotation_marks(text: str) -> int:
    """The double quotation marks and guillemets of ``text``, and the marks of its pairs of
    single quotes ('…', ‘…’, ‚…‘), which nest inside double ones. A single mark that pairs with
    none is an apostrophe (don't, l’OCS, the ministers' meeting) and is not counted."""
    return sum(text.count(mark) for mark in QUOTE_MARKS) + 2 * _single_quote_pairs(text)


_SINGLE_OPENERS = "'‘‚"
_SINGLE_CLOSERS = "'’‘"


def _single_quote_pairs(text: str) -> int:
    pairs = 0
    open_quotes = 0
    for index, mark in enumerate(text):
        if mark not in _SINGLE_OPENERS and mark not in _SINGLE_CLOSERS:
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        # A closing mark ends a word and an opening one starts one; with a letter on both sides
        # it is an apostrophe (don't, l’OCS). Chinese and Japanese quote between characters
        # (支持‘五项原则’倡议), so only ' and ’ need a word boundary; ‘ closes only after ‚.
        closes = open_quotes and not before.isspace() and not _in_word(after)
        if mark in _SINGLE_CLOSERS and closes and (mark != "‘" or _opened_low(text, index)):
            open_quotes -= 1
            pairs += 1
        elif (
            mark in _SINGLE_OPENERS
            and not after.isspace()
            and (mark == "‘" or not _in_word(before))
        ):
            open_quotes += 1
    return pairs


def _in_word(character: str) -> bool:
    """A letter or digit of a word of a language that spaces its words (not 五, not の)."""
    return character.isalnum() and unicodedata.east_asian_width(character) not in "WF"


def _opened_low(text: str, index: int) -> bool:
    """Whether the last single quotation mark opened before ``index`` is German ‚."""
    last = max(text.rfind(mark, 0, index) for mark in "'‘‚")
    return last >= 0 and text[last] == "‚"
