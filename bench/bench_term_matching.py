"""Benchmark: source-side term matching (`Glossary.match`) with one Aho-Corasick pass over the
glossary's needles, against the per-pattern scan it replaced (a substring test of each
pattern's needle, then that pattern's regex), on the sentences of the 3,100-sentence article
of bench/bench_noop.py, with the shipped glossary.

Both sides run in this process on the same compiled patterns, alternating which goes first,
over several rounds (process CPU time, garbage collector off while timing); the script checks
that both find the same matches in every sentence. Printed: median and spread per side, the
ratio, and the load average.

Usage: python bench/bench_term_matching.py [--sentences 3100] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_noop import article  # noqa: E402
from bench_timing import load_change, own_cpu, timed  # noqa: E402

from localize.formats.text import TextFormat  # noqa: E402
from localize.glossary import (  # noqa: E402
    Glossary,
    Match,
    _english_stems,
    longest_first,
    resolve_glossary,
)


def per_pattern_scan(glossary: Glossary, text: str) -> list[Match]:
    """The matching before the automaton: every pattern's needle tested with ``in``."""
    folded = text.casefold()
    candidates = [
        Match(entry, m.start(), m.end(), m.group(0))
        for pattern, entry, needle, stems in glossary._patterns
        if needle in folded
        for m in pattern.finditer(text)
        if stems is None or _english_stems(m.group(0)) == stems
    ]
    return longest_first(candidates)


def cpu_of(run: Callable[[], object]) -> float:
    """CPU seconds of this process for one run, the garbage collector off."""
    return timed(run, own_cpu, gc_off=True)[1]


def _match_afresh(glossary, sentences: list[str]) -> list:
    # Glossary.match keeps its answer per sentence; timing it warm would time a lookup.
    glossary._matched.clear()
    return [glossary.match(s) for s in sentences]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3100)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    text = article(options.sentences)
    sentences = [text[u.start : u.end] for u in TextFormat().parse(text, "en")]
    glossary = resolve_glossary(None)
    # Compile every pattern first, so that neither side pays for it.
    for sentence in sentences:
        glossary.match(sentence)
        per_pattern_scan(glossary, sentence)
    for sentence in sentences:
        ours = [(m.entry.id, m.start, m.end) for m in glossary.match(sentence)]
        theirs = [(m.entry.id, m.start, m.end) for m in per_pattern_scan(glossary, sentence)]
        if ours != theirs:
            sys.exit(f"different matches in {sentence!r}: {ours} vs {theirs}")
    load_before = os.getloadavg()
    automaton: list[float] = []
    scan: list[float] = []
    for index in range(options.rounds):
        sides = [
            (automaton, lambda: _match_afresh(glossary, sentences)),
            (scan, lambda: [per_pattern_scan(glossary, s) for s in sentences]),
        ]
        for times, run in sides if index % 2 == 0 else sides[::-1]:
            times.append(cpu_of(run))
    load_after = os.getloadavg()
    ratios = [a / s for a, s in zip(automaton, scan, strict=True)]
    print(
        f"{len(sentences)} sentences, {len(glossary._patterns)} source patterns of "
        f"{len(glossary.entries)} entries; {options.rounds} rounds; "
        f"{load_change(load_before, load_after)}; "
        "same matches in every sentence"
    )
    for label, times in (("one automaton pass", automaton), ("per-pattern scan", scan)):
        print(
            f"{label:<20} median {statistics.median(times):.3f} s CPU "
            f"({min(times):.3f}-{max(times):.3f})"
        )
    print(
        f"ratio automaton / scan: median {statistics.median(ratios):.2f} "
        f"({min(ratios):.2f}-{max(ratios):.2f})"
    )


if __name__ == "__main__":
    main()
