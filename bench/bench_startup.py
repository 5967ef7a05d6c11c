"""Benchmark: the replayed rerun (issue 19) with this tree's code against a baseline revision's.

The rerun of `localize translate` on an unchanged 3,100-sentence article (bench_noop's article,
en->es) is nearly all start-up, so its changes are small against a loaded machine's noise. This
bench pairs the two codes in one process: the baseline revision's `localize/` is exported with
`git archive` into a temporary folder and put first on PYTHONPATH (same interpreter, same
installed packages), each code gets its own project folder (the stamp depends on the code), and
each round runs both reruns in alternating order. Printed: wall and CPU time (user + system of
the process) of each, median and spread, the ratio this tree / baseline per round, and the load.

Usage: python bench/bench_startup.py [--baseline REV] [--rounds 5] [--engine pseudo]
                                     [--sentences 3100]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_noop import RERUN_GOAL_S, article  # noqa: E402
from bench_timing import children_cpu, load_change, spread, timed  # noqa: E402
from bench_update import localize  # noqa: E402


def export(revision: str, folder: Path) -> None:
    """``localize/`` as it is at ``revision``, into ``folder``."""
    archive = subprocess.run(
        ["git", "archive", revision, "localize"], cwd=REPO, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--engine", default="pseudo")
    parser.add_argument("--sentences", type=int, default=3100)
    options = parser.parse_args()
    text = article(options.sentences)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        root = Path(folder)
        code = root / "baseline-code"
        code.mkdir()
        export(options.baseline, code)
        environments = {
            "this tree": None,
            "baseline": {**os.environ, "PYTHONPATH": str(code)},
        }
        translate = ("translate", "story.txt", "--to", "es", "--engine", options.engine)
        projects = {}
        for name, env in environments.items():
            project = root / name.replace(" ", "-")
            project.mkdir()
            (project / "story.txt").write_text(text, encoding="utf-8")
            _, summary = localize(project, env, *translate)
            assert summary["machine_translated"] > 0, summary
            projects[name] = project
        shown = subprocess.run(
            [sys.executable, "-c", "import localize; print(localize.__file__)"],
            env=environments["baseline"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert shown.startswith(str(code)), shown
        load_before = os.getloadavg()
        times: dict[str, dict[str, list[float]]] = {
            name: {"wall": [], "cpu": []} for name in environments
        }
        for index in range(options.rounds):
            order = list(environments) if index % 2 == 0 else list(environments)[::-1]
            for name in order:
                step = partial(localize, projects[name], environments[name], *translate)
                _, cpu, (wall, summary) = timed(step, children_cpu)
                if summary["machine_translated"] or summary["written"]:
                    sys.exit(f"{name}: the rerun did work: {summary}")
                times[name]["wall"].append(wall)
                times[name]["cpu"].append(cpu)
        load_after = os.getloadavg()
    print(
        f"rerun of `localize translate` on an unchanged {options.sentences}-sentence article, "
        f"{options.engine}, en->es; {options.rounds} rounds, order alternating; "
        f"{load_change(load_before, load_after)}"
    )
    for name in environments:
        label = f"{name} ({options.baseline})" if name == "baseline" else name
        print(f"{label:<24} wall {spread(times[name]['wall'])}, CPU {spread(times[name]['cpu'])}")
    for kind in ("wall", "cpu"):
        ratios = [
            a / b for a, b in zip(times["this tree"][kind], times["baseline"][kind], strict=True)
        ]
        print(f"ratio this tree / baseline, {kind:<4} {spread(ratios, unit='x')}")
    print(f"(goal: the rerun <= {RERUN_GOAL_S} s on a quiet machine)")


if __name__ == "__main__":
    main()
