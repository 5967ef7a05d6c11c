"""Diagnostic: which localize modules a pseudo ``localize update`` imports without running any of
their functions (issue 19, "the update imports nothing it does not run").

Makes bench_noop's 3,100-sentence article in a temporary project, translates it with the pseudo
engine, edits one sentence, then runs ``localize update`` in a child process that counts the
calls of each module's functions (``sys.setprofile`` and ``threading.setprofile``; module bodies
are not counted). Prints how many localize modules the update imported, how many ran a function,
and the others. Counts calls, not time: the machine's load does not change its answer.

Usage: python bench/trace_module_use.py [--sentences 3100]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Run in the child: the profile hook, then localize's own entry point.
_CHILD = """
import atexit, collections, json, runpy, sys, threading
counts_path = sys.argv[1]
calls = collections.Counter()
def hook(frame, event, arg):
    if event == "call" and frame.f_code.co_name != "<module>":
        calls[frame.f_globals.get("__name__", "?")] += 1
sys.setprofile(hook)
threading.setprofile(hook)
def report():
    sys.setprofile(None)
    mods = sorted(m for m in sys.modules if m == "localize" or m.startswith("localize."))
    with open(counts_path, "w", encoding="utf-8") as out:
        json.dump({m: calls.get(m, 0) for m in mods}, out)
atexit.register(report)
sys.argv = ["localize", *sys.argv[2:]]
runpy.run_module("localize", run_name="__main__")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3100)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "bench"))
    from bench_noop import article

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory(prefix="trace-module-use-") as folder:
        root = Path(folder)
        text = article(args.sentences)
        (root / "story.txt").write_text(text, encoding="utf-8")
        first = [sys.executable, "-m", "localize", "-q", "translate", "story.txt"]
        subprocess.run(first + ["--to", "es", "--engine", "pseudo"], cwd=root, env=env, check=True)
        edited = text.replace("in round 1.", "in round 1, officials said.", 1)
        (root / "story.txt").write_text(edited, encoding="utf-8")
        counts_file = root / "calls.json"
        subprocess.run(
            [sys.executable, "-c", _CHILD, str(counts_file), "-q", "update", "story.txt"]
            + ["--engine", "pseudo"],
            cwd=root,
            env=env,
            check=True,
        )
        counts: dict[str, int] = json.loads(counts_file.read_text(encoding="utf-8"))
    unused = sorted(m for m, n in counts.items() if n == 0)
    print(f"pseudo update after a one-sentence edit, {args.sentences} sentences:")
    print(f"  localize modules imported: {len(counts)}")
    print(f"  of them running at least one function: {len(counts) - len(unused)}")
    print(f"  imported, no function run: {', '.join(unused) or 'none'}")


if __name__ == "__main__":
    main()
