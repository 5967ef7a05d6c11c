"""Benchmark: peak memory and speed of a whole ``localize translate --engine argos`` process
(issue 19: <= 700 MB at >= 95% of the speed of the former default layout).

An article of N distinct sentences (the examples' sentences, numbered by round as in
bench_noop.py; 389 by default, the issue's size) is translated en->es with the shipped
glossary by a fresh ``localize`` process in a fresh directory, on the Argos-sized int8 bench
model (bench_model.py), once per layout and round, the layouts alternating which goes first.
The child's peak RSS (``ru_maxrss`` from ``os.wait4``: interpreter, imports, model, glossary,
catalogs, everything) and its CPU time are read from the kernel; wall time from the clock.
Layouts are token batch sizes passed as ``--batch-size`` (the engine's default, 1,024, against
the former default, 2,048); both run two single-threaded CTranslate2 workers.

One warm-up run first fills the term-renderings file beside the model
(``localize.term_renderings``), as every run after a model's first finds it.

With ``--no-warm-up`` the first round's run finds no renderings kept (a model's first run:
they are translated in one small extra batch) and the page cache may be cold.

Usage: python bench/bench_argos_memory.py [--rounds 3] [--sentences 389]
       [--batches default,2048] [--no-warm-up]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_timing import load, rotating_rounds  # noqa: E402

GOAL_MB = 700


def run_translate(
    text: str, models: Path, batch_tokens: str, env: dict[str, str]
) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MB) of one whole ``localize translate`` in a fresh directory."""
    with tempfile.TemporaryDirectory(prefix="bench-argos-memory-") as folder:
        root = Path(folder)
        (root / "story.txt").write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "localize", "translate", "story.txt", "--to", "es"]
        command += ["--engine", "argos", "--models-dir", str(models), "--format", "json"]
        if batch_tokens != "default":
            command += ["--batch-size", batch_tokens]
        out_path, err_path = root / "out.json", root / "err.txt"
        began = time.perf_counter()
        with out_path.open("wb") as out_file, err_path.open("wb") as err_file:
            child = subprocess.Popen(command, cwd=root, env=env, stdout=out_file, stderr=err_file)
            # wait4 gives this child's own peak and CPU (RUSAGE_CHILDREN would add up all).
            _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if child.returncode != 0:
            raise SystemExit(f"localize translate failed: {err_path.read_text().strip()}")
        output = out_path.read_bytes()
        summary = json.loads(output)["locales"]["es"]
        if not summary.get("machine_translated"):
            raise SystemExit(f"localize translate translated nothing: {summary}")
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=389)
    parser.add_argument(
        "--batches", default="default,2048", help="--batch-size per layout; 'default': none"
    )
    parser.add_argument("--no-warm-up", action="store_true", help="no run before the rounds")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    from bench_model import installed_bench_model
    from bench_noop import article

    layouts = [item.strip() for item in args.batches.split(",") if item.strip()]
    text = article(args.sentences)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with installed_bench_model("bench-argos-memory-models-") as models:
        if not args.no_warm_up:  # the page cache, the term renderings
            run_translate(text, models, layouts[0], env)
        print(
            f"{args.sentences} distinct sentences, en->es, shipped glossary, --engine argos; "
            f"before: {load()}"
        )

        def run(layout: str) -> tuple[float, float, float]:
            return run_translate(text, models, layout, env)

        def line(layout: str, result: tuple[float, float, float]) -> str:
            wall, cpu, peak = result
            return f"--batch-size {layout}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak {peak:.0f} MB"

        results = rotating_rounds(args.rounds, layouts, run, line)
        print(f"after: {load()}")
    base = layouts[-1]
    for layout in layouts:
        walls = [w for w, _, _ in results[layout]]
        cpus = [c for _, c, _ in results[layout]]
        peaks = [p for _, _, p in results[layout]]
        speed = [b[0] / w for b, w in zip(results[base], walls, strict=True)]
        peak = statistics.median(peaks)
        print(
            f"--batch-size {layout}: peak {peak:.0f} MB ({min(peaks):.0f}-{max(peaks):.0f}; "
            f"goal <= {GOAL_MB}: {'met' if max(peaks) <= GOAL_MB else 'NOT met'}), "
            f"wall {statistics.median(walls):.1f} s ({min(walls):.1f}-{max(walls):.1f}), "
            f"CPU {statistics.median(cpus):.1f} s ({min(cpus):.1f}-{max(cpus):.1f}), "
            f"speed vs --batch-size {base} in the same rounds {statistics.median(speed):.2f}x "
            f"({min(speed):.2f}-{max(speed):.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
