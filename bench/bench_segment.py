"""Speed of localize's sentence segmenter against pySBD, measured in the same process.

Builds a ~1 MB article from the repository's examples/*.txt (their paragraphs repeated), then
segments it paragraph by paragraph with both segmenters, alternating them for --rounds rounds,
and prints each round's timings (CPU and wall), the median ratio and its spread, and the machine
load. The bar (issue 15) is localize >= 40x faster than pySBD in CPU time. Nothing is written to
disk.

    .venv/bin/python bench/bench_segment.py [--rounds 3] [--megabytes 1] [--min-ratio 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CHUNKS = 20
sys.path.insert(0, str(REPO))

from bench_timing import own_cpu, timed  # noqa: E402

from localize.segment import paragraphs, split_sentences  # noqa: E402


def article_paragraphs(megabytes: float) -> list[str]:
    """The paragraphs of examples/*.txt, repeated until they hold ``megabytes`` of text."""
    sources = sorted(EXAMPLES.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no examples/*.txt in {EXAMPLES}")
    base = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        base.extend(text[a:b] for a, b in paragraphs(text))
    size = sum(len(p) for p in base)
    repeat = max(1, round(megabytes * 1e6 / size))
    return base * repeat


def _timed(run, chunk: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time of this process, and the sentence count of one run. The ratio is
    taken on CPU time: on a shared machine other processes stretch the wall time of the short
    localize run far more, in proportion, than that of the long pySBD run."""
    # The garbage collector off: the objects one segmenter leaves would be charged to the other.
    return timed(partial(run, chunk), own_cpu, gc_off=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument(
        "--min-ratio",
        type=float,
        default=40.0,
        help="exit 1 if localize's median is less than this many times faster",
    )
    args = parser.parse_args()

    import pysbd

    blocks = article_paragraphs(args.megabytes)
    size = sum(len(b.encode("utf-8")) for b in blocks)
    print(f"{len(blocks)} paragraphs, {size / 1e6:.2f} MB, from examples/*.txt")
    pysbd_segmenter = pysbd.Segmenter(language="en", clean=False)
    # Both start with their data loaded (localize reads its word lists on first use).
    split_sentences("Warm up at 5 a.m. Load the data.", "en")
    pysbd_segmenter.segment("Warm up at 5 a.m. Load the data.")

    def run_localize(chunk: list[str]) -> int:
        return sum(len(split_sentences(block, "en")) for block in chunk)

    def run_pysbd(chunk: list[str]) -> int:
        return sum(len(pysbd_segmenter.segment(block)) for block in chunk)

    # The article is timed in CHUNKS slices, localize and pySBD back to back on each (in
    # alternating order), so that a burst of load from other processes falls on both alike.
    step = -(-len(blocks) // CHUNKS)
    chunks = [blocks[i : i + step] for i in range(0, len(blocks), step)]
    ratios: list[float] = []
    wall_ratios: list[float] = []
    for number in range(1, args.rounds + 1):
        totals = {run_localize: [0.0, 0.0, 0], run_pysbd: [0.0, 0.0, 0]}
        for index, chunk in enumerate(chunks):
            order = (run_localize, run_pysbd) if (number + index) % 2 else (run_pysbd, run_localize)
            for run in order:
                wall, cpu, count = _timed(run, chunk)
                total = totals[run]
                total[0], total[1], total[2] = total[0] + wall, total[1] + cpu, total[2] + count
        ours_wall, ours, our_count = totals[run_localize]
        theirs_wall, theirs, their_count = totals[run_pysbd]
        ratios.append(theirs / ours)
        wall_ratios.append(theirs_wall / ours_wall)
        print(
            f"round {number}: localize {ours:6.3f} s CPU ({ours_wall:6.3f} s wall, {our_count} "
            f"sentences), pySBD {theirs:6.3f} s CPU ({theirs_wall:6.3f} s wall, {their_count} "
            f"sentences), ratio {theirs / ours:5.1f}x CPU, {theirs_wall / ours_wall:5.1f}x wall"
        )
    # Inputs that once made the scan quadratic: blocks that never (or always) end a sentence.
    for label, block, lang in (
        ("initials", "A. " * 100_000, "en"),
        ("zh quotes", "“你好。”" * 50_000, "zh"),
    ):
        start = time.perf_counter()
        split_sentences(block, lang)
        print(
            f"worst case {label}: {len(block) / 1e3:.0f} kB in {time.perf_counter() - start:.3f} s"
        )
    median = statistics.median(ratios)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    verdict = "meets" if median >= args.min_ratio else "MISSES"
    print(
        f"wall-time ratio median {statistics.median(wall_ratios):.1f}x "
        f"(min {min(wall_ratios):.1f}x, max {max(wall_ratios):.1f}x)"
    )
    print(
        f"CPU-time ratio median {median:.1f}x faster than pySBD (min {min(ratios):.1f}x, "
        f"max {max(ratios):.1f}x over {len(ratios)} rounds; load average {load}) - "
        f"{verdict} the {args.min_ratio:g}x bar"
    )
    return 0 if median >= args.min_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
