"""The normalized InDel similarity of two sentences, which merge and the memory match an edited
sentence with (difflib's ratio; rapidfuzz's ``fuzz.ratio``), and the choice of the most
similar candidate.

rapidfuzz computes it in C++ and takes about 20-30 ms to import: more than an update after a
one-sentence edit spends comparing its one sentence with the one candidate it lost. For little
work the similarity is computed here in Python, exactly (the same float, so the same choice
and the same cutoff); for more, rapidfuzz is imported and used.
"""

from __future__ import annotations

from collections.abc import Sequence

# The work, in pairs of characters (the product of two strings' lengths, summed over the pairs
# compared), above which rapidfuzz's C++ pays for its import (15-30 ms). Here a pair of
# 90-character sentences (8,100) takes about 45 microseconds, a pair of 2,000-character
# paragraphs (4 million) 1.5 ms: at most about 5 ms under this bound, whatever the lengths.
LITTLE_WORK = 1_000_000


def _common_subsequence_length(first: str, second: str) -> int:
    """The length of the longest common subsequence, by the bit-parallel method: one bit per
    character of the longer string, one step of integer arithmetic per character of the
    shorter, so the loop stays short and Python's integers do the rest."""
    if len(first) < len(second):
        first, second = second, first
    if not second:
        return 0
    positions: dict[str, int] = {}
    bit = 1
    for character in first:
        positions[character] = positions.get(character, 0) | bit
        bit <<= 1
    everywhere = bit - 1
    # A set bit is a position of ``first`` not yet matched at that row of the table.
    unmatched = everywhere
    for character in second:
        matched = unmatched & positions.get(character, 0)
        unmatched = ((unmatched + matched) | (unmatched - matched)) & everywhere
    return len(first) - unmatched.bit_count()


def _fraction(first: str, second: str) -> float:
    total = len(first) + len(second)
    if not total:
        return 1.0
    distance = total - 2 * _common_subsequence_length(first, second)
    return 1.0 - distance / total


def ratio(first: str, second: str) -> float:
    """The similarity in percent, as rapidfuzz's ``fuzz.ratio`` computes it: 100 less the
    InDel distance (insertions and deletions that turn one string into the other) as a
    percentage of both lengths; two empty strings are identical."""
    return _fraction(first, second) * 100


def work_of(queries: Sequence[str], choices: Sequence[str]) -> int:
    """The work of comparing every query with every choice, in pairs of characters: what a
    caller that asks ``most_similar`` once per query passes as its ``work``."""
    return sum(map(len, queries)) * sum(map(len, choices))


def most_similar(
    query: str, choices: Sequence[str], score_cutoff: float, work: int | None = None
) -> tuple[str, float, int] | None:
    """The choice most similar to ``query`` with its score and index, the first of equals,
    when it scores at least ``score_cutoff``; None otherwise: what rapidfuzz's
    ``process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=score_cutoff)``
    returns. ``work``: the work of all the comparisons the caller will ask for (``work_of``;
    this call's when not given), which decides whether rapidfuzz is worth importing."""
    # The equality with rapidfuzz is checked for a cutoff that is a whole percentage (its own
    # comparison with a fractional cutoff allows for rounding in a way not reproduced here).
    whole_cutoff = float(score_cutoff).is_integer()
    if work is None:
        work = work_of([query], choices)
    if not whole_cutoff or work > LITTLE_WORK:
        from rapidfuzz import fuzz, process

        return process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=score_cutoff)
    # rapidfuzz compares the fraction, not the percentage, with the cutoff: the two roundings
    # differ at the edge (a score of exactly the cutoff can fail).
    least = score_cutoff / 100
    best: tuple[str, float, int] | None = None
    best_fraction = 0.0
    for index, choice in enumerate(choices):
        fraction = _fraction(query, choice)
        if fraction >= least and (best is None or fraction > best_fraction):
            best, best_fraction = (choice, fraction * 100, index), fraction
            if fraction == 1.0:
                break
    return best
