"""Benchmark: no work for what did not change (issue 19).

An article of 3,100 distinct sentences (the sentences of examples/*.txt, each numbered by the
round it appears in) is translated to Spanish, each step a whole `localize` process:

- **rerun**: `localize translate` again on the unchanged article (nothing to translate),
  against the goal of 0.3 s; paired with two start-ups so that a figure taken under load can be
  read: `python -c "import typer"` (Python and the argument parser: the floor no rerun can go
  under) and `localize --version` (which builds the whole app, every command's module);
  wall time and CPU time (user + system of the process) for each;
- **update after a one-sentence edit**: `localize update` after changing one sentence, as a
  ratio to the first `translate` of the same round (goal <= 0.05).

Each round uses a fresh directory per engine, alternates which engine goes first and whether
the rerun or the floor runs first, and checks what the steps sent to the engine (nothing on a
rerun, one sentence on the update). Printed: median and spread over the rounds, and the load
average before and after.

Usage: python bench/bench_noop.py [--sentences 3100] [--rounds 3] [--engines pseudo,apertium]
                                 [--only rerun]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_update import localize  # noqa: E402  (one whole process, its JSON summary)

T = TypeVar("T")
RERUN_GOAL_S = 0.3
UPDATE_GOAL = 0.05


def example_sentences() -> list[str]:
    sys.path.insert(0, str(REPO))
    from localize.formats.text import TextFormat

    sentences: list[str] = []
    for path in sorted((REPO / "examples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = [text[u.start : u.end] for u in TextFormat().parse(text, "en")]
        sentences += [s for s in spans if s.endswith(".") and len(s) > 40]
    return list(dict.fromkeys(sentences))


def article(count: int) -> str:
    """``count`` distinct sentences, five to a paragraph."""
    base = example_sentences()
    sentences = [
        f"{base[i % len(base)][:-1]}, in round {i // len(base) + 1}." for i in range(count)
    ]
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, count, 5)) + "\n"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(step: Callable[[], T]) -> tuple[float, float, T]:
    """Wall time and CPU time (of the processes the step ran) of one step, and its result."""
    cpu, began = children_cpu(), time.perf_counter()
    result = step()
    return time.perf_counter() - began, children_cpu() - cpu, result


def start_ups() -> dict[str, tuple[float, float]]:
    """Wall and CPU time of the two start-ups a rerun is read against."""
    commands = {
        "typer": [sys.executable, "-c", "import typer"],
        "version": [sys.executable, "-m", "localize", "--version"],
    }
    times = {}
    for name, command in commands.items():
        wall, cpu, _ = timed(partial(subprocess.run, command, check=True, capture_output=True))
        times[name] = (wall, cpu)
    return times


def one_round(
    engine: str, text: str, round_index: int, floor_first: bool, rerun_only: bool
) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-noop-") as folder:
        root = Path(folder)
        story = root / "story.txt"
        story.write_text(text, encoding="utf-8")
        translate = ("translate", "story.txt", "--to", "es", "--engine", engine)
        first, summary = localize(root, None, *translate)
        assert summary["machine_translated"] > 0, summary
        floors = start_ups() if floor_first else {}
        _, rerun_cpu, (rerun, summary) = timed(partial(localize, root, None, *translate))
        if summary["machine_translated"] or summary["written"]:
            sys.exit(f"{engine}: the rerun of an unchanged article did work: {summary}")
        if not floor_first:
            floors = start_ups()
        times = {"first": first, "rerun": rerun, "rerun_cpu": rerun_cpu}
        for name, (wall, cpu) in floors.items():
            times[name], times[f"{name}_cpu"] = wall, cpu
        if rerun_only:
            return times
        # A different sentence each round, so that no round's edit is in the memory's cache.
        marker = f"in round {round_index + 1}."
        edited = text.replace(marker, f"in round {round_index + 1}, officials said.", 1)
        assert edited != text
        story.write_text(edited, encoding="utf-8")
        update, summary = localize(root, None, "update", "story.txt", "--engine", engine)
        if summary["machine_translated"] != 1:
            sys.exit(f"{engine}: the update sent {summary['machine_translated']} sentences")
    return {**times, "update": update}


def _column(rounds: list[dict[str, float]], key: str) -> list[float]:
    return [r[key] for r in rounds]


def spread(values: list[float], unit: str = " s", digits: int = 3) -> str:
    return (
        f"median {statistics.median(values):.{digits}f}{unit} "
        f"({min(values):.{digits}f}-{max(values):.{digits}f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engines", default="pseudo,apertium")
    parser.add_argument(
        "--only", choices=["rerun"], help="measure the rerun and start-ups, not the update"
    )
    options = parser.parse_args()
    engines = [e for e in options.engines.split(",") if e]
    text = article(options.sentences)
    load_before = os.getloadavg()
    results: dict[str, list[dict[str, float]]] = {engine: [] for engine in engines}
    for index in range(options.rounds):
        order = engines if index % 2 == 0 else engines[::-1]
        for engine in order:
            results[engine].append(
                one_round(
                    engine,
                    text,
                    index,
                    floor_first=index % 2 == 1,
                    rerun_only=options.only == "rerun",
                )
            )
    load_after = os.getloadavg()
    print(
        f"article: {options.sentences} distinct sentences, en->es; {options.rounds} rounds; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        f"({os.cpu_count()} cores)"
    )
    for engine in engines:
        rounds = results[engine]
        column = partial(_column, rounds)
        rerun = column("rerun")
        print(f"== {engine}")
        print(f"first translate                  {spread(column('first'), digits=2)}")
        print(
            f"rerun, article unchanged         {spread(rerun)}; goal {RERUN_GOAL_S} s: "
            f"{statistics.median(rerun) / RERUN_GOAL_S:.2f}x the goal"
        )
        print(f"  its CPU time                   {spread(column('rerun_cpu'))}")
        for name, label in (("typer", "import typer"), ("version", "--version")):
            above = [r["rerun"] - r[name] for r in rounds]
            above_cpu = [r["rerun_cpu"] - r[f"{name}_cpu"] for r in rounds]
            print(
                f"start-up {label:<25}{spread(column(name))}, CPU {spread(column(name + '_cpu'))}"
            )
            print(f"  rerun above it                 {spread(above)}, CPU {spread(above_cpu)}")
        if options.only == "rerun":
            continue
        ratios = [r["update"] / r["first"] for r in rounds]
        print(f"update after a 1-sentence edit   {spread(column('update'))}")
        print(
            f"ratio update / first translate   {spread(ratios, unit='')} "
            f"(goal <= {UPDATE_GOAL}: {statistics.median(ratios) / UPDATE_GOAL:.2f}x the goal)"
        )


if __name__ == "__main__":
    main()
