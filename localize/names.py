"""Names in a source sentence that the glossary does not cover.

A name here is a run of two or more capitalised words or initials ("Wang Fang", "A. K.
Rahimov", "Kassym-Jomart Tokayev"). Runs that a glossary term covers are left out, and so is a
capitalised word that only opens the sentence. Such names are listed to the reviewer as
unverified. In a Latin-script translation a name normally stays as written, so `check` compares:
a name marked as a person's (initials, an honorific or a glossary title before it: "Dr. A. K.
Rahimov", "Foreign Minister Mauro Vieira", a photo credit "Xinhua/Wang Fang") that is partly kept
but changed is an error ("Wang Colmillo", "Un. K. Rahimov"); any
other changed run is only a warning, since place and body names do get translated ("New York"
is «Nueva York»).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


def _latin_letters(upper: bool) -> str:
    """The Latin letters of one case, accented ones included (Martín, Zoé, Đorđe, Łukasz)."""
    letters = "".join(
        ch
        for ch in map(chr, (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)))
        if (ch.isupper() if upper else ch.islower()) and "LATIN" in unicodedata.name(ch, "")
    )
    ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # the string module's import compiles a regex
    return (ascii_uppercase if upper else ascii_uppercase.lower()) + letters


# Names are looked for in the sentence with each Latin letter written as its case, "A" or "a":
# the patterns then hold one-letter classes, where classes of the 300-odd letters of each case
# took 5-10 ms to compile, paid by every update that lists one sentence's names (issue 19). The
# text keeps its length and a letter stays a word character, so positions and look-arounds are
# those of the sentence.
_CASE_OF = str.maketrans(
    {
        **dict.fromkeys(_latin_letters(upper=True), "A"),
        **dict.fromkeys(_latin_letters(upper=False), "a"),
    }
)
# A name's word: an initial or a capitalised word, accented letters included, so that "Martín
# Zabala" is a name as "Martin Zabala" is.
_TOKEN = r"(?:A\.|Aa+(?:['\u2019-]A?a+)*)"
_RUN = re.compile(rf"(?<![\w.]){_TOKEN}(?: {_TOKEN})+(?!\w)")
_HONORIFIC = re.compile(r"(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Amb)\.?\s+$")
_INITIAL = re.compile(r"^A\.$")
_CREDIT = re.compile(r"/\s*$")


@dataclass(frozen=True)
class Name:
    """A run of capitalised words in a sentence that reads as a name, with its offsets, and
    whether it reads as a person's (an initial in it, an honorific or a title before it)."""

    text: str
    start: int
    end: int
    person: bool

    @property
    def words(self) -> list[str]:
        return self.text.split()


def unlisted_names(
    sentence: str,
    covered: list[tuple[int, int]],
    titles: Iterable[tuple[int, int]] = (),
) -> list[Name]:
    """Names of ``sentence`` outside the ``covered`` spans (glossary terms): a run that a term
    interrupts ("Foreign Minister Mukhtar Tileuberdi") keeps its uncovered part. A name right
    after one of the ``titles`` spans (a glossary title: "Foreign Minister Mauro Vieira") is a
    person's."""
    title_ends = {end for _, end in titles}
    names = []
    cases = sentence.translate(_CASE_OF)
    for start, end in _uncovered(sentence, covered):
        for match in _RUN.finditer(cases, start, end):
            name = _name(sentence, match.start(), sentence[match.start() : match.end()])
            if name is not None:
                if not name.person and _after_title(sentence, name.start, title_ends):
                    name = Name(name.text, name.start, name.end, True)
                names.append(name)
    return names


def _after_title(sentence: str, start: int, title_ends: set[int]) -> bool:
    """Whether only spaces (or a comma: "the Foreign Minister, Mauro Vieira") stand between a
    title's end and ``start``."""
    at = start
    while at > 0 and sentence[at - 1] in " ,\u00a0":
        at -= 1
    return at < start and at in title_ends


def _uncovered(sentence: str, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces, at = [], 0
    for a, b in sorted(covered):
        if a > at:
            pieces.append((at, a))
        at = max(at, b)
    pieces.append((at, len(sentence)))
    return pieces


def _name(sentence: str, start: int, text: str) -> Name | None:
    if not sentence[:start].strip(" \"'“‘«([") and not _initial(text.split()[0]):
        # A sentence opens with a capital whatever the word: leave that word out.
        first, _, text = text.partition(" ")
        start += len(first) + 1
        if " " not in text:
            return None
    before = sentence[:start]
    person = bool(
        any(_initial(word) for word in text.split())
        or _HONORIFIC.search(before)
        or _CREDIT.search(before)
    )
    return Name(text, start, start + len(text), person)


def _initial(word: str) -> bool:
    """Whether ``word`` is a capital Latin letter and a full stop ("K.")."""
    return _INITIAL.match(word.translate(_CASE_OF)) is not None


def changed(name: Name, translation: str) -> bool:
    """Whether a Latin-script ``translation`` changed the kept ``name``: some of its words are
    there, the whole name is not."""
    if name.text in translation:
        return False
    tokens = re.findall(r"\w+(?:['’-]\w+)*\.?", translation)
    present = set(tokens) | {token.rstrip(".") for token in tokens}
    return any(word in present for word in name.words)
