"""Peak memory of ``localize translate --engine pseudo`` on a large generated article.

Writes an article of N MB (distinct sentences in blank-line paragraphs), translates it into one
language in a fresh project, in a child process, and prints the child's peak RSS
(``ru_maxrss``), the ratio to the input size and, as the baseline measured in the same run, the
peak RSS of the same command on a one-paragraph article (imports and fixed costs). The bar from
issue 14 is a peak under 15x the input size. With ``--all-commands``, ``update`` (a rerun on
the catalog translate wrote, nothing left to translate) and ``segment`` are measured too.

    .venv/bin/python bench/bench_memory.py [--mb 10] [--rounds 1] [--all-commands]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORDS = [
    "minister",
    "talks",
    "cooperation",
    "summit",
    "agreement",
    "delegation",
    "economic",
    "security",
    "regional",
    "partners",
    "trade",
    "investment",
    "energy",
]


def write_article(path: Path, size: int) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as out:
        written, number = 0, 0
        while written < size:
            sentence = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize()
            paragraph = f"{sentence} number {number}. {sentence} item {number}.\n\n"
            out.write(paragraph)
            written += len(paragraph)
            number += 1


TRANSLATE = ["translate", "--to", "es", "--engine", "pseudo", "--format", "json"]
UPDATE = ["update", "--format", "json"]
SEGMENT = ["segment"]


def peak_rss_of(article: Path, command: list[str] = TRANSLATE) -> tuple[int, float]:
    """Peak RSS in bytes of one localize run in a fresh child (RUSAGE_CHILDREN keeps the
    largest child's peak, so each run gets its own measuring process)."""
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(done.returncode, peak)\n"
    )
    command = [sys.executable, "-m", "localize", command[0], article.name, *command[1:]]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", probe, *command],
        cwd=article.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    code, peak_kb = (int(v) for v in done.stdout.split())
    if code != 0:
        raise SystemExit(f"{command[3]} failed with exit {code}")
    return peak_kb * 1024, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--all-commands", action="store_true", help="update and segment too")
    args = parser.parse_args()
    print(f"machine load (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    peaks, baselines = [], []
    others: dict[str, list[tuple[int, int]]] = {"update": [], "segment": []}
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as large:
            tiny = Path(small) / "tiny.txt"
            tiny.write_text("The minister arrived on Monday. Talks began.\n", encoding="utf-8")
            baselines.append(peak_rss_of(tiny)[0])
            article = Path(large) / "big.txt"
            write_article(article, int(args.mb * (1 << 20)))
            size = article.stat().st_size
            peak, elapsed = peak_rss_of(article)
            peaks.append(peak)
            if args.all_commands:
                for name, command in (("update", UPDATE), ("segment", SEGMENT)):
                    others[name].append(
                        (
                            peak_rss_of(tiny, command)[0],
                            peak_rss_of(article, command)[0],
                        )
                    )
    peak, baseline = statistics.median(peaks), statistics.median(baselines)
    print(f"article: {size / (1 << 20):.1f} MB; translate took {elapsed:.0f} s")
    print(f"peak RSS: {peak / (1 << 20):.0f} MB = {peak / size:.1f}x the input (bar: 15x)")
    print(f"baseline (one-line article): {baseline / (1 << 20):.0f} MB")
    print(f"above the baseline: {(peak - baseline) / size:.1f} bytes per input byte")
    for name, runs in others.items():
        if runs:
            small = statistics.median(r[0] for r in runs)
            large = statistics.median(r[1] for r in runs)
            print(
                f"{name}: peak RSS {large / (1 << 20):.0f} MB = {large / size:.1f}x the input "
                f"(baseline {small / (1 << 20):.0f} MB)"
            )
    return 0 if peak < 15 * size else 1


if __name__ == "__main__":
    sys.exit(main())
