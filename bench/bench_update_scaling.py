"""Benchmark: what part of `update` after a one-sentence edit is fixed and what part grows with
the catalog (issue 19's ratio update / first translate, goal <= 0.05).

The rounds of ``bench_noop.py --only update`` (a fresh directory, a first `translate`, one
sentence edited, `update`; each a whole `localize` process) at several article sizes, sizes
in alternating order round by round. For the first translate and for the update, a straight
line is fitted by least squares to the median CPU time (user + system of the process and its
children) against the number of sentences: its intercept is the part that does not grow with
the catalog (Python's start-up, imports, the glossary, the one sentence sent to the engine),
its slope the cost per sentence. The ratio's limit for a long article is the ratio of the
slopes; the fixed part of the update over the first translate's cost per sentence tells how
long an article must be before the fixed part alone is under the goal.

Usage: python bench/bench_update_scaling.py [--sizes 775,1550,3100,6200] [--rounds 3]
       [--engine pseudo]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_noop import UPDATE_GOAL, article, one_round, start_ups
from bench_timing import load_change, spread


def fit(sizes: list[int], values: list[float]) -> tuple[float, float]:
    """Intercept and slope of the least-squares line through (size, value)."""
    slope, intercept = statistics.linear_regression(sizes, values)
    return intercept, slope


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="775,1550,3100,6200")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engine", default="pseudo")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",") if s]
    if len(sizes) < 2 or min(sizes) < 40 * options.rounds:
        sys.exit("give at least two sizes, each of at least 40 sentences per round")
    texts = {size: article(size) for size in sizes}
    load_before = os.getloadavg()
    results: dict[int, list[dict[str, float]]] = {size: [] for size in sizes}
    floors: list[dict[str, float]] = []
    for index in range(options.rounds):
        for size in sizes if index % 2 == 0 else sizes[::-1]:
            results[size].append(
                one_round(options.engine, texts[size], index, False, only="update")
            )
        floors.append(start_ups(None))
    load_after = os.getloadavg()
    print(
        f"engine {options.engine}, en->es; {options.rounds} rounds; "
        f"{load_change(load_before, load_after)}"
    )
    medians: dict[str, list[float]] = {"first_cpu": [], "update_cpu": []}
    for size in sizes:
        rounds = results[size]
        for key in medians:
            medians[key].append(statistics.median(r[key] for r in rounds))
        ratios = [r["update_cpu"] / r["first_cpu"] for r in rounds]
        walls = [r["update"] / r["first"] for r in rounds]
        print(
            f"{size:>6} sentences: first CPU {spread([r['first_cpu'] for r in rounds])}, "
            f"update CPU {spread([r['update_cpu'] for r in rounds])}; ratio CPU "
            f"{spread(ratios, '')}, wall {spread(walls, '')}"
        )
    for name in ("typer", "version"):
        label = "import typer" if name == "typer" else "localize --version"
        print(f"start-up, {label:<20} CPU {spread([f[name + '_cpu'] for f in floors])}")
    first_fixed, first_each = fit(sizes, medians["first_cpu"])
    update_fixed, update_each = fit(sizes, medians["update_cpu"])
    print(f"first translate = {first_fixed:.3f} s + {first_each * 1000:.3f} ms x sentences (CPU)")
    print(f"update          = {update_fixed:.3f} s + {update_each * 1000:.3f} ms x sentences (CPU)")
    print(
        f"ratio for a long article (slopes): {update_each / first_each:.3f}; "
        f"goal {UPDATE_GOAL}: the update's cost per sentence would have to be "
        f"{UPDATE_GOAL * first_each * 1000:.3f} ms"
    )
    needed = update_fixed / (UPDATE_GOAL * first_each) if first_each > 0 else float("inf")
    print(
        f"the update's fixed part alone is {UPDATE_GOAL} of a first translate of "
        f"{needed:,.0f} sentences"
    )


if __name__ == "__main__":
    main()
