"""Benchmark: start-up-sized steps (issue 19) with this tree's code against a baseline revision's.

Steps (``--step``):

- ``rerun`` (default): `localize translate` again on an unchanged 3,100-sentence article
  (bench_noop's article, en->es), nearly all start-up;
- ``update``: `localize update` after a one-sentence edit of that article (bench_noop's edit),
  each round from the project as its first translate left it (copied back in place): the
  update's fixed costs (start-up, glossary load) without a 10-40 s first translate per round;
- ``version``: `localize --version`.

Their changes are small against a loaded machine's noise, so this bench pairs the two codes in
one process: the baseline revision's `localize/` is exported with `git archive` into a
temporary folder and put first on PYTHONPATH (same interpreter, same installed packages), each
code gets its own project folder (the stores and the stamp depend on the code), and each round
runs both codes' step in alternating order. Printed: wall and CPU time (user + system of the
process and its children) of each, median and spread, the ratio this tree / baseline per
round, and the load.

Usage: python bench/bench_startup.py [--baseline REV] [--rounds 5] [--engine pseudo]
                                     [--sentences 3100] [--step rerun|update|version]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
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
    parser.add_argument("--step", choices=("rerun", "update", "version"), default="rerun")
    options = parser.parse_args()
    text = article(options.sentences)
    # bench_noop's edit of the update: one sentence of the first round changed.
    edited = text.replace("in round 1.", "in round 1, officials said.", 1)
    assert edited != text
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
        update = ("update", "story.txt", "--engine", options.engine)
        projects, kept = {}, {}
        for name, env in environments.items():
            project = root / name.replace(" ", "-")
            project.mkdir()
            (project / "story.txt").write_text(text, encoding="utf-8")
            projects[name] = project
            if options.step == "version":
                continue
            _, summary = localize(project, env, *translate)
            assert summary["machine_translated"] > 0, summary
            if options.step == "update":
                kept[name] = root / f"{project.name}-kept"
                shutil.copytree(project, kept[name], symlinks=True)
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
                if options.step == "version":
                    step = partial(_version, projects[name], environments[name])
                elif options.step == "update":
                    # The same place each time: the stores and stamps name absolute paths.
                    shutil.rmtree(projects[name])
                    shutil.copytree(kept[name], projects[name], symlinks=True)
                    (projects[name] / "story.txt").write_text(edited, encoding="utf-8")
                    step = partial(localize, projects[name], environments[name], *update)
                else:
                    step = partial(localize, projects[name], environments[name], *translate)
                _, cpu, (wall, summary) = timed(step, children_cpu)
                if options.step == "update" and summary["machine_translated"] != 1:
                    sys.exit(f"{name}: the update translated {summary['machine_translated']}")
                if options.step == "rerun" and (
                    summary["machine_translated"] or summary["written"]
                ):
                    sys.exit(f"{name}: the rerun did work: {summary}")
                times[name]["wall"].append(wall)
                times[name]["cpu"].append(cpu)
        load_after = os.getloadavg()
    what = {
        "rerun": f"rerun of `localize translate` on an unchanged {options.sentences}-sentence "
        f"article, {options.engine}, en->es",
        "update": f"`localize update` after a one-sentence edit of a {options.sentences}-sentence "
        f"article, {options.engine}, en->es",
        "version": "`localize --version`",
    }[options.step]
    print(
        f"{what}; {options.rounds} rounds, order alternating; "
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
    if options.step == "rerun":
        print(f"(goal: the rerun <= {RERUN_GOAL_S} s on a quiet machine)")


def _version(folder: Path, env: dict[str, str] | None) -> tuple[float, dict]:
    """Wall time of one whole `localize --version` (the summary slot empty)."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "localize", "--version"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - began
    if done.returncode != 0 or not done.stdout.startswith("localize "):
        sys.exit(f"localize --version failed: {done.stderr.strip()}")
    return elapsed, {}


if __name__ == "__main__":
    main()
