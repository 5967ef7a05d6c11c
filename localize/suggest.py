"""A terminologist's to-do list for one article: the names and recurring terms the glossary lacks.

Like translate-toolkit's poterminology, but for names too. Names are runs of capitalised words
or initials (``localize.names``) and single capitalised words inside a sentence (places,
people, bodies), month and weekday names aside (Babel's English calendar), and a listed
abbreviation ending a sentence only where the article writes it as a name elsewhere. Terms are
two- and three-word phrases that recur in the article, do not start or end with a function
word, and are not covered by a glossary entry.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Literal

from localize.glossary import Glossary
from localize.names import unlisted_names
from localize.segment import is_abbreviation, is_listed_abbreviation

# Words a term never starts or ends with (poterminology keeps a similar stop list).
_STOP_LIST = (
    "a an the and or but of in on at to for from by with without as is are was were be been "
    "being has have had do does did will would shall should can could may might must this that "
    "these those it its they them their he him his she her we our you your which who whom "
    "whose what when where while than then there here also not no more most such into over "
    "after before about between during under said says very all any each both other some "
    "so if"
)
_FUNCTION_WORDS = frozenset(_STOP_LIST.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:-[A-Z][a-z]+)*(?![\w])")


@dataclass(frozen=True)
class Candidate:
    kind: str  # "name" or "term"
    text: str
    count: int
    first: int  # number of the unit (sentence) where it first occurs, from 1


@cache
def _calendar_words(width: Literal["wide", "abbreviated"] = "wide") -> frozenset[str]:
    """English month and day names ("wide": January, Monday), or their abbreviations
    ("abbreviated": Jan, Sep, Mon, Wed, Sun...: a sentence ending in one, "on Wed.", ends in the
    date even in an article naming a Jan; a name spelled so is listed where the article writes
    it as one, "Sun said")."""
    from babel.dates import get_day_names, get_month_names

    return frozenset(
        (
            *get_month_names(width, locale="en").values(),
            *get_day_names(width, locale="en").values(),
        )
    )


def suggest(
    sentences: list[str],
    glossary: Glossary,
    protected: list[list[tuple[int, int]]] | None = None,
) -> list[Candidate]:
    """Candidates of ``sentences`` (an article's units) that ``glossary`` does not cover;
    ``protected`` spans (URLs, markup) are left out."""
    names: Counter[str] = Counter()
    terms: Counter[str] = Counter()
    language = glossary.source_language
    first: dict[tuple[str, str], int] = {}
    # A listed abbreviation ending its sentence ("on Wed.", "of the Dept.", but also "talks
    # with Sun.", "thanked Ed."), with the number of its sentence: a name only where the
    # article writes the same word as one elsewhere (``written_as_name``).
    sentence_final: list[tuple[str, int]] = []
    # Capitalised words the article writes inside a sentence with no period after them, or
    # inside a run of capitalised words ("Ed Barker"): how it writes names.
    written_as_name: set[str] = set()
    for number, sentence in enumerate(sentences, start=1):
        covered = [(m.start, m.end) for m in glossary.match(sentence, deputies=True)]
        covered += protected[number - 1] if protected else []
        found = unlisted_names(sentence, covered)
        taken = covered + [(n.start, n.end) for n in found]
        for name in found:
            names[name.text] += 1
            first.setdefault(("name", name.text), number)
            written_as_name.update(name.text.split())
        capitalised = list(_CAPITALISED.finditer(sentence))
        starts = {match.start() for match in capitalised}
        for match in capitalised:
            word = match.group(0)
            before_period = sentence[match.end() : match.end() + 1] == "."
            opens_sentence = not sentence[: match.start()].strip(" \"'“‘«([")
            in_run = sentence[match.end() : match.end() + 1] == " " and match.end() + 1 in starts
            if not before_period and (in_run or not opens_sentence):
                written_as_name.add(word)
            if opens_sentence:
                continue  # the sentence's first word is capitalised whatever it is
            if any(match.start() < b and a < match.end() for a, b in taken):
                continue
            if word in _calendar_words():
                continue
            if before_period and is_listed_abbreviation(word, language):
                if not is_abbreviation(word, sentence[match.end() + 1 :], language):
                    sentence_final.append((word, number))
                continue  # "Sept. 12", "Gen. Li", "No. 2": capitalised as abbreviations
            names[word] += 1
            first.setdefault(("name", word), number)
        words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(sentence)]
        for size in (2, 3):
            for i in range(len(words) - size + 1):
                chunk = words[i : i + size]
                start, end = chunk[0][1], chunk[-1][2]
                if any(start < b and a < end for a, b in taken):
                    continue
                edges = (chunk[0][0].casefold(), chunk[-1][0].casefold())
                if any(edge in _FUNCTION_WORDS for edge in edges):
                    continue
                if not all(w.islower() for w, _, _ in chunk):
                    continue
                phrase = " ".join(w for w, _, _ in chunk)
                terms[phrase] += 1
                first.setdefault(("term", phrase), number)
    for word, number in sentence_final:
        if word in written_as_name and word not in _calendar_words("abbreviated"):
            names[word] += 1
            first[("name", word)] = min(first.get(("name", word), number), number)
    found_names = [Candidate("name", t, c, first[("name", t)]) for t, c in names.items()]
    found_terms = [Candidate("term", t, c, first[("term", t)]) for t, c in terms.items() if c >= 2]
    # A recurring phrase inside a longer recurring one is the same candidate.
    found_terms = [
        t
        for t in found_terms
        if not any(
            t.text != o.text and t.text in o.text and o.count >= t.count for o in found_terms
        )
    ]
    return sorted(found_names, key=lambda c: (-c.count, c.first)) + sorted(
        found_terms, key=lambda c: (-c.count, c.first)
    )
