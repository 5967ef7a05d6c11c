"""Restoring placeholder tokens: localize's one-pass restore against a token-by-token search
(the algorithm it replaced, kept here as the baseline), measured in the same run.

One sentence of N masked ``&nbsp;`` spans, for N doubling from 2,000; each size is timed in
rounds that alternate which implementation goes first. Prints the median, the spread and, per
doubling of N, how much longer each one took: about 2x is linear, about 4x quadratic.

    .venv/bin/python bench/bench_placeholders.py [--rounds 3] [--sizes 2000,4000,8000]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from localize.placeholders import (  # noqa: E402
    Masked,
    default_placeholder,
    mask,
    restore,
    token_pattern,
)


def restore_token_by_token(
    translated: str, tokens: Sequence[str], replacements: Sequence[str], pads: Sequence
) -> str:
    """The baseline: one regex search over the whole text per token (quadratic)."""
    found = []
    for index, token in enumerate(tokens):
        hits = list(token_pattern(token).finditer(translated))
        if len(hits) != 1:
            continue
        start, end = hits[0].span()
        left, right = pads[index]
        if left and translated[start - 1 : start] == " ":
            start -= 1
        if right and translated[end : end + 1] == " ":
            end += 1
        found.append((start, end, index))
    pieces, position = [], 0
    for start, end, index in sorted(found):
        translated[:start].strip(" ")  # the baseline's per-token look at the sentence start
        pieces += [translated[position:start], replacements[index]]
        position = end
    pieces.append(translated[position:])
    return "".join(pieces)


def sentence(count: int) -> tuple[str, Masked]:
    text = "Start" + "&nbsp;x" * count + " end."
    spans = [(m.start(), m.end()) for m in re.finditer("&nbsp;", text)]
    return text, mask(text, spans, default_placeholder)


def timed(run: Callable[[], str], expected: str) -> float:
    start = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - start
    assert result == expected, "restored text differs from the source"
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="2000,4000,8000")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"machine load (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{'tokens':>7} {'one pass':>14} {'token by token':>18} {'ratio':>8}")
    previous: tuple[float, float] | None = None
    for count in sizes:
        text, masked = sentence(count)
        runs = {
            "linear": lambda m=masked: restore(m.text, m.tokens, m.originals, pads=m.pads).text,
            "baseline": lambda m=masked: restore_token_by_token(
                m.text, m.tokens, m.originals, m.pads
            ),
        }
        times: dict[str, list[float]] = {"linear": [], "baseline": []}
        for round_number in range(args.rounds):
            order = ["linear", "baseline"] if round_number % 2 == 0 else ["baseline", "linear"]
            for name in order:
                times[name].append(timed(runs[name], text))
        linear, baseline = (statistics.median(times[n]) for n in ("linear", "baseline"))
        spread = {n: max(t) - min(t) for n, t in times.items()}
        print(
            f"{count:7,} {linear:8.4f} s ±{spread['linear']:.4f} {baseline:10.3f} s "
            f"±{spread['baseline']:.3f} {baseline / linear:7.0f}x"
        )
        if previous:
            print(
                f"{'':7} per doubling: one pass {linear / previous[0]:.1f}x, "
                f"token by token {baseline / previous[1]:.1f}x"
            )
        previous = (linear, baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
