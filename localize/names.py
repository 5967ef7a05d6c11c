"""Names in a source sentence that the glossary does not cover.

A name here is a run of two or more capitalised words or initials ("Wang Fang", "A. K.
Rahimov", "Kassym-Jomart Tokayev"). Runs that a glossary term covers are left out, and so is a
capitalised word that only opens the sentence. Such names are listed to the reviewer as
unverified. In a Latin-script translation a name normally stays as written, so `check` compares:
a name marked as a person's (initials, an honorific before it, a photo credit "Xinhua/Wang
Fang") that is partly kept but changed is an error ("Wang Colmillo", "Un. K. Rahimov"); any
other changed run is only a warning, since place and body names do get translated ("New York"
is «Nueva York»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = r"(?:[A-Z]\.|[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)*)"
_RUN = re.compile(rf"(?<![\w.]){_TOKEN}(?: {_TOKEN})+(?!\w)")
_HONORIFIC = re.compile(r"(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Amb)\.?\s+$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_CREDIT = re.compile(r"/\s*$")


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int
    person: bool

    @property
    def words(self) -> list[str]:
        return self.text.split()


def unlisted_names(sentence: str, covered: list[tuple[int, int]]) -> list[Name]:
    """Names of ``sentence`` outside the ``covered`` spans (glossary terms)."""
    names = []
    for match in _RUN.finditer(sentence):
        start, text = match.start(), match.group(0)
        if any(start < b and a < match.end() for a, b in covered):
            continue
        if not sentence[:start].strip(" \"'“‘«([") and not _INITIAL.match(text.split()[0]):
            # A sentence opens with a capital whatever the word: leave that word out.
            first, _, text = text.partition(" ")
            start += len(first) + 1
            if " " not in text:
                continue
        before = sentence[:start]
        person = bool(
            any(_INITIAL.match(word) for word in text.split())
            or _HONORIFIC.search(before)
            or _CREDIT.search(before)
        )
        names.append(Name(text, start, match.end(), person))
    return names


def changed(name: Name, translation: str) -> bool:
    """Whether a Latin-script ``translation`` changed the kept ``name``: some of its words are
    there, the whole name is not."""
    if name.text in translation:
        return False
    present = re.findall(r"[\w.'’-]+", translation)
    return any(word in present for word in name.words)
