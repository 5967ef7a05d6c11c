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
rerun, one sentence on the update). Printed: median and spread over the rounds of the wall
time and of the CPU time (user + system of the process and its children, which the load of a
shared machine inflates far less than the wall time), and the load average before and after.

``--only update`` skips the rerun and the floor. ``--baseline-code DIR`` runs every round a
second time with the localize package of DIR (e.g. ``git archive main | tar -x -C DIR``) put
first on PYTHONPATH, alternating which code goes first, and prints the update's ratios of
this code to the baseline's, round by round. ``--update-repeats K`` runs each round's update K
times, each from the folder as the first translate left it (copied back in place), and takes
the median: an update is a second or two, a first translate 10-40 s, so under load more
updates per first translate are what narrows the spread.

Usage: python bench/bench_noop.py [--sentences 3100] [--rounds 3] [--engines pseudo,apertium]
       [--only rerun|update] [--baseline-code DIR] [--update-repeats 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_timing import children_cpu, load_change, spread, timed  # noqa: E402
from bench_update import localize as _localize  # noqa: E402  (one whole process, its summary)

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


def localize(root: Path, env: dict[str, str] | None, *args: str) -> tuple[float, float, dict]:
    """Wall seconds, CPU seconds (user + system of the process and its children) and the JSON
    summary of one whole ``localize`` process."""
    _, cpu, (elapsed, summary) = timed(partial(_localize, root, env, *args), children_cpu)
    return elapsed, cpu, summary


def start_ups(env: dict[str, str] | None) -> dict[str, float]:
    """Wall and CPU time of the two start-ups a rerun is read against: ``import typer`` (the
    floor of any Typer CLI) and ``localize --version`` (which builds the whole app)."""
    commands = {
        "typer": [sys.executable, "-c", "import typer"],
        "version": [sys.executable, "-m", "localize", "--version"],
    }
    times = {}
    for name, command in commands.items():
        run = partial(subprocess.run, command, check=True, capture_output=True, env=env)
        times[name], times[f"{name}_cpu"], _ = timed(run, children_cpu)
    return times


def one_round(
    engine: str,
    text: str,
    round_index: int,
    floor_first: bool,
    only: str | None = None,
    env: dict[str, str] | None = None,
    update_repeats: int = 1,
) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-noop-") as folder:
        root = Path(folder)
        story = root / "story.txt"
        story.write_text(text, encoding="utf-8")
        translate = ("translate", "story.txt", "--to", "es", "--engine", engine)
        first, first_cpu, summary = localize(root, env, *translate)
        times = {"first": first, "first_cpu": first_cpu}
        assert summary["machine_translated"] > 0, summary
        if only != "update":
            floors = start_ups(env) if floor_first else {}
            times["rerun"], times["rerun_cpu"], summary = localize(root, env, *translate)
            if summary["machine_translated"] or summary["written"]:
                sys.exit(f"{engine}: the rerun of an unchanged article did work: {summary}")
            if not floor_first:
                floors = start_ups(env)
            times.update(floors)
        if only == "rerun":
            return times
        # A different sentence each round, so that no round's edit is in the memory's cache.
        marker = f"in round {round_index + 1}."
        edited = text.replace(marker, f"in round {round_index + 1}, officials said.", 1)
        assert edited != text
        # The project as the first translate left it, put back before each repeat (in the same
        # place: the stores and stamps name absolute paths).
        kept = Path(folder + "-kept")
        shutil.copytree(root, kept, symlinks=True)
        walls, cpus = [], []
        try:
            for repeat in range(update_repeats):
                if repeat:
                    shutil.rmtree(root)
                    shutil.copytree(kept, root, symlinks=True)
                story.write_text(edited, encoding="utf-8")
                update = ("update", "story.txt", "--engine", engine)
                wall, cpu, summary = localize(root, env, *update)
                if summary["machine_translated"] != 1:
                    sys.exit(f"{engine}: the update sent {summary['machine_translated']} sentences")
                walls.append(wall)
                cpus.append(cpu)
        finally:
            shutil.rmtree(kept)
        times["update"], times["update_cpu"] = statistics.median(walls), statistics.median(cpus)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engines", default="pseudo,apertium")
    parser.add_argument(
        "--only",
        choices=["rerun", "update"],
        default=None,
        help="the rerun and start-ups only, or the update only",
    )
    parser.add_argument("--baseline-code", type=Path, default=None)
    parser.add_argument(
        "--update-repeats",
        type=int,
        default=1,
        help="updates per round, each from the first translate's folder; the median is taken",
    )
    options = parser.parse_args()
    engines = [e for e in options.engines.split(",") if e]
    codes: list[tuple[str, dict[str, str] | None]] = [("this code", None)]
    if options.baseline_code is not None:
        baseline = options.baseline_code.resolve()
        if not (baseline / "localize" / "__init__.py").is_file():
            sys.exit(f"{baseline}: no localize package there (git archive main | tar -x -C DIR)")
        codes.append(("baseline", {**os.environ, "PYTHONPATH": str(baseline)}))
    text = article(options.sentences)
    load_before = os.getloadavg()
    results: dict[tuple[str, str], list[dict[str, float]]] = {
        (name, engine): [] for name, _ in codes for engine in engines
    }
    for index in range(options.rounds):
        order = engines if index % 2 == 0 else engines[::-1]
        for name, env in codes if index % 2 == 0 else codes[::-1]:
            for engine in order:
                results[name, engine].append(
                    one_round(
                        engine,
                        text,
                        index,
                        index % 2 == 1,
                        options.only,
                        env,
                        max(1, options.update_repeats),
                    )
                )
    load_after = os.getloadavg()
    print(
        f"article: {options.sentences} distinct sentences, en->es; {options.rounds} rounds; "
        f"{max(1, options.update_repeats)} update(s) a round (median); "
        f"{load_change(load_before, load_after)}"
    )
    for name, _ in codes:
        for engine in engines:
            report(f"{engine} ({name})", results[name, engine], options.only)
    if len(codes) == 2 and options.only != "rerun":
        for engine in engines:
            mine, theirs = results["this code", engine], results["baseline", engine]
            for key, label in (("update", "wall"), ("update_cpu", "CPU")):
                ratios = [a[key] / b[key] for a, b in zip(mine, theirs, strict=True)]
                print(f"{engine}: update {label} time, this code / baseline  {spread(ratios, '')}")


def report(title: str, rounds: list[dict[str, float]], only: str | None) -> None:
    def column(key: str) -> list[float]:
        return [r[key] for r in rounds]

    print(f"== {title}")
    print(f"first translate                  {spread(column('first'), digits=2)}")
    print(f"first translate, CPU             {spread(column('first_cpu'), digits=2)}")
    if only != "update":
        rerun = column("rerun")
        print(
            f"rerun, article unchanged         {spread(rerun)}; goal {RERUN_GOAL_S} s: "
            f"{statistics.median(rerun) / RERUN_GOAL_S:.2f}x the goal"
        )
        print(f"  its CPU time                   {spread(column('rerun_cpu'))}")
        for name, label in (("typer", "import typer"), ("version", "--version")):
            above = [r["rerun"] - r[name] for r in rounds]
            above_cpu = [r["rerun_cpu"] - r[f"{name}_cpu"] for r in rounds]
            print(
                f"start-up {label:<24}{spread(column(name))}, CPU {spread(column(name + '_cpu'))}"
            )
            print(f"  rerun above it                 {spread(above)}, CPU {spread(above_cpu)}")
    if only == "rerun":
        return
    print(f"update after a 1-sentence edit   {spread(column('update'))}")
    print(f"update, CPU                      {spread(column('update_cpu'))}")
    for key, label in (("", "wall"), ("_cpu", "CPU ")):
        ratios = [r[f"update{key}"] / r[f"first{key}"] for r in rounds]
        print(
            f"ratio update / first, {label}      {spread(ratios, unit='')} "
            f"(goal <= {UPDATE_GOAL}: {statistics.median(ratios) / UPDATE_GOAL:.2f}x the goal)"
        )


if __name__ == "__main__":
    main()
