"""`localize check` speed on 500 sentence pairs: this tree against a baseline commit, in one
process. The baseline's ``localize`` package is exported with ``git archive`` into a temporary
directory and imported first; its functions keep their own module globals after the current
package replaces it in ``sys.modules``. Rounds alternate baseline/current; the ratio is
current/baseline (median of 9 rounds, with the spread). Bar (issue 12): within 2x.

Each side uses its own shipped glossary. The pairs are the held-out cases of
tests/glossary_cases (five languages) repeated to 500.
The first pass of each side (what one `localize check` run pays, pymorphy3's dictionary load
included) is printed separately from the warm rounds.

A baseline whose functions import localize modules when called (``from localize.termmatch import
...`` inside a function, as this tree's glossary does) gets this tree's modules at that point, not
its own: compare only against commits whose check path imports at module level (b6ab2d1 does).

Both wall-clock and CPU time (``time.process_time``) are measured; on a shared machine the CPU
time of this single-threaded work is the steadier figure, since waiting for a core is not counted.

Usage: python bench/bench_check_speed.py [BASELINE_COMMIT] [--rounds N]
(baseline default b6ab2d1, issue 12's base; 9 rounds)
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from bench_timing import own_cpu, timed

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ("zh", "ru", "fr", "es", "ar")
ROUNDS = 9
SIZE = 500


def pairs() -> list[tuple[str, str, str]]:
    found = []
    for lang in LANGUAGES:
        data = yaml.safe_load((REPO / "tests" / "glossary_cases" / f"{lang}.yaml").read_text())
        found += [(c["source"], c["target"], lang) for c in data["cases"]]
    # Numbered, so that every pair is a text of its own, as in a real catalog.
    return [
        (f"{source} ({i})", f"{target} ({i})", lang)
        for i, (source, target, lang) in enumerate(found[i % len(found)] for i in range(SIZE))
    ]


def load(root: Path):
    for name in [m for m in sys.modules if m == "localize" or m.startswith("localize.")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        checks = importlib.import_module("localize.checks")
        glossary_module = importlib.import_module("localize.glossary")
    finally:
        sys.path.remove(str(root))
    glossary = glossary_module.load_glossary(root / "localize" / "data" / "glossary.yaml")
    return checks.check_entry, glossary


def run(check_entry, glossary, work) -> tuple[float, float]:
    # Caches keyed by a translation's text would make every round after the first a replay;
    # a real run sees each text once. Caches keyed by glossary forms or words stay warm.
    for by_text in ("_spans", "_matched"):  # whichever the code measured has
        if hasattr(glossary, by_text):
            getattr(glossary, by_text).clear()
    termmatch = sys.modules.get("localize.termmatch")
    if termmatch is not None:
        for cached in ("_tokens", "_index", "_text_keys", "_text_index"):  # by text, whichever
            if hasattr(termmatch, cached):
                getattr(termmatch, cached).cache_clear()

    def check_all() -> None:
        for source, target, lang in work:
            check_entry(source, target, glossary, lang)

    wall, cpu, _ = timed(check_all, own_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", nargs="?", default="b6ab2d1")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    options = parser.parse_args()
    baseline_commit = options.baseline
    work = pairs()
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", baseline_commit, "localize"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        old_check, old_glossary = load(Path(tmp))
        new_check, new_glossary = load(REPO)
        # The first pass of each side is what one `localize check` run pays: patterns compiled,
        # and on this tree pymorphy3's dictionary loaded. Later rounds run warm.
        old_cold = run(old_check, old_glossary, work)
        new_cold = run(new_check, new_glossary, work)
        old_times, new_times = [], []
        for _ in range(options.rounds):
            old_times.append(run(old_check, old_glossary, work))
            new_times.append(run(new_check, new_glossary, work))
    print(
        f"{SIZE} pairs, {options.rounds} alternating rounds; load average {os.getloadavg()[0]:.1f}"
    )
    for label, index in (("wall-clock", 0), ("CPU", 1)):
        old = [t[index] for t in old_times]
        new = [t[index] for t in new_times]
        ratios = [n / o for n, o in zip(new, old, strict=True)]
        print(
            f"{label}: baseline {baseline_commit} median {statistics.median(old) * 1000:.0f} ms, "
            f"this tree {statistics.median(new) * 1000:.0f} ms; ratio this/baseline median "
            f"{statistics.median(ratios):.2f}x (spread {min(ratios):.2f}-{max(ratios):.2f}x; "
            "bar 2x)"
        )
        print(
            f"  first pass (one check run, libraries loaded): baseline "
            f"{old_cold[index] * 1000:.0f} ms, this tree {new_cold[index] * 1000:.0f} ms, "
            f"ratio {new_cold[index] / old_cold[index]:.2f}x"
        )


if __name__ == "__main__":
    main()
