"""Benchmark: loading the shipped glossary by parsing it against reading it from the store
(issue 19, `glossary_store.py`).

In one process, each round loads the shipped glossary both ways, in alternating order, as a
`translate` or `update` does (`glossary.load_glossary`, the process's own cache cleared first):

- **parsed**: the YAML composed and every entry validated (`LOCALIZE_NO_RUN_CACHE` set, as a run
  without the store);
- **stored**: inside `glossary_store.kept_in` on a folder whose store holds the glossary
  (opened, looked up, decoded, its `used` time written, closed).

Both must give equal glossaries. Printed: CPU time of each (this process; the load of a shared
machine inflates it far less than the wall time), median and spread, the ratio stored / parsed
per round, and the load.

Usage: python bench/bench_glossary_load.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

from bench_timing import load_change, own_cpu, spread, timed  # noqa: E402

from localize import glossary  # noqa: E402
from localize.glossary_store import kept_in  # noqa: E402
from localize.project import NO_RUN_CACHE_ENV  # noqa: E402


def parsed() -> glossary.Glossary:
    glossary._cached_parse.cache_clear()
    os.environ[NO_RUN_CACHE_ENV] = "1"
    try:
        with kept_in(Path(".")):
            return glossary.load_glossary(glossary.shipped_path())
    finally:
        del os.environ[NO_RUN_CACHE_ENV]


def stored(folder: Path) -> glossary.Glossary:
    glossary._cached_parse.cache_clear()
    with kept_in(folder):
        return glossary.load_glossary(glossary.shipped_path())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    options = parser.parse_args()
    os.environ.pop(NO_RUN_CACHE_ENV, None)
    with tempfile.TemporaryDirectory(prefix="bench-glossary-load-") as name:
        folder = Path(name)
        expected = stored(folder)  # parses and fills the store
        assert stored(folder) == expected == parsed()
        load_before = os.getloadavg()
        times: dict[str, list[float]] = {"parsed": [], "stored": []}
        for index in range(options.rounds):
            steps = [("parsed", parsed), ("stored", lambda: stored(folder))]
            for label, step in steps if index % 2 == 0 else steps[::-1]:
                _, cpu, result = timed(step, own_cpu)
                assert result == expected
                times[label].append(cpu)
        load_after = os.getloadavg()
    count = len(expected.entries)
    print(
        f"shipped glossary ({count} entries), {options.rounds} rounds, order alternating; "
        f"{load_change(load_before, load_after)}"
    )
    for label, values in times.items():
        print(f"{label:<7} CPU {spread([v * 1000 for v in values], unit=' ms', digits=1)}")
    ratios = [s / p for s, p in zip(times["stored"], times["parsed"], strict=True)]
    print(f"ratio stored / parsed, CPU {spread(ratios, unit='x')}")


if __name__ == "__main__":
    main()
