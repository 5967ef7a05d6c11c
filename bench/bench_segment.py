"""Speed of localize's sentence segmenter against pySBD, measured in the same run.

Segments the sample article repeated N times (default 200), paragraph by paragraph, with both
segmenters and prints both timings and the ratio. The bar is localize >= 20x faster than pySBD.

    .venv/bin/python bench/bench_segment.py [--repeat 200] [--min-ratio 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / ".." / "shared" / "articles" / "xinhua-2021-07-15-china-tajikistan.txt"
sys.path.insert(0, str(REPO))

from localize.segment import paragraphs, split_sentences  # noqa: E402


def _time(label: str, run) -> float:  # noqa: ANN001
    start = time.perf_counter()
    count = run()
    elapsed = time.perf_counter() - start
    print(f"{label:9s} {elapsed:9.3f} s  {count} sentences")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument(
        "--min-ratio",
        type=float,
        default=20.0,
        help="exit 1 if localize is less than this many times faster",
    )
    args = parser.parse_args()

    import pysbd

    text = ARTICLE.read_text(encoding="utf-8")
    blocks = [text[a:b] for a, b in paragraphs(text)] * args.repeat
    print(f"{len(blocks)} paragraphs ({len(text) * args.repeat / 1e6:.2f} MB of article text)")
    pysbd_segmenter = pysbd.Segmenter(language="en", clean=False)
    split_sentences("Warm up. Load the data.", "en")  # both start with their data loaded

    def run_localize() -> int:
        return sum(len(split_sentences(block, "en")) for block in blocks)

    def run_pysbd() -> int:
        return sum(len(pysbd_segmenter.segment(block)) for block in blocks)

    ours = _time("localize", run_localize)
    theirs = _time("pySBD", run_pysbd)
    ratio = theirs / ours
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
    verdict = "meets" if ratio >= args.min_ratio else "MISSES"
    print(f"ratio     {ratio:9.1f}x faster than pySBD ({verdict} the {args.min_ratio:g}x bar)")
    return 0 if ratio >= args.min_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
