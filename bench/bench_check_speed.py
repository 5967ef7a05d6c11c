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

Usage: python bench/bench_check_speed.py [BASELINE_COMMIT]   (default b6ab2d1, issue 12's base)
"""

from __future__ import annotations

import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

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


def run(check_entry, glossary, work) -> float:
    # Caches keyed by a translation's text would make every round after the first a replay;
    # a real run sees each text once. Caches keyed by glossary forms or words stay warm.
    if hasattr(glossary, "_spans"):
        glossary._spans.clear()
    termmatch = sys.modules.get("localize.termmatch")
    if termmatch is not None:
        for cached in ("_tokens", "_index", "_text_keys"):  # by text, whichever this tree has
            if hasattr(termmatch, cached):
                getattr(termmatch, cached).cache_clear()
    start = time.perf_counter()
    for source, target, lang in work:
        check_entry(source, target, glossary, lang)
    return time.perf_counter() - start


def main() -> None:
    baseline_commit = sys.argv[1] if len(sys.argv) > 1 else "b6ab2d1"
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
        for _ in range(ROUNDS):
            old_times.append(run(old_check, old_glossary, work))
            new_times.append(run(new_check, new_glossary, work))
    ratios = [n / o for n, o in zip(new_times, old_times, strict=True)]
    print(f"{SIZE} pairs, {ROUNDS} alternating rounds; load average {os.getloadavg()[0]:.1f}")
    print(f"baseline {baseline_commit}: median {statistics.median(old_times) * 1000:.0f} ms")
    print(f"this tree: median {statistics.median(new_times) * 1000:.0f} ms")
    print(
        f"ratio this/baseline: median {statistics.median(ratios):.2f}x "
        f"(spread {min(ratios):.2f}-{max(ratios):.2f}x; bar 2x)"
    )
    print(
        f"first pass (one check run, libraries loaded): baseline {old_cold * 1000:.0f} ms, "
        f"this tree {new_cold * 1000:.0f} ms, ratio {new_cold / old_cold:.2f}x"
    )


if __name__ == "__main__":
    main()
