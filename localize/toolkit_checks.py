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
    language's marks (Spanish «…» for "…"), so only a different number of marks is an error:
    nested quotes ("«…»"), a quotation opened and never closed, or one dropped."""
    source = sum(msgid.count(mark) for mark in QUOTE_MARKS)
    target = sum(msgstr.count(mark) for mark in QUOTE_MARKS)
    if source == target:
        return None
    hint = "; nested or doubled quotes: keep one pair" if target > source else ""
    return f"{target} quotation marks in the translation, {source} in the source{hint}"
