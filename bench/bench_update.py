"""Benchmark: `localize update` after a one-sentence edit vs the first full `translate`.

Both run as real `localize` processes on an article of 500 distinct sentences (built from the
sample article's sentences), translated to Spanish with the Argos-sized bench model
(bench/bench_model.py: tests/fixtures/make_model.py --size argos, built once into
bench/out/), beam 4, on the CPU. Printed: wall times, sentences sent to the model (from
`--format json`), and the ratio update / first translate measured in this run. Also a second
`translate` of the unchanged article, which must send nothing to the model.

Usage: python bench/bench_update.py [--sentences 500]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "examples" / "china-kazakhstan-wire.txt"


def article(count: int) -> str:
    """``count`` distinct sentences, five to a paragraph."""
    sys.path.insert(0, str(REPO))
    from localize.formats.text import TextFormat

    text = ARTICLE.read_text(encoding="utf-8")
    spans = [text[u.start : u.end] for u in TextFormat().parse(text, "en")]
    base = [s for s in spans if s.endswith(".") and len(s) > 40]
    sentences = [
        f"{base[i % len(base)][:-1]}, in round {i // len(base) + 1}." for i in range(count)
    ]
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, count, 5)) + "\n"


def localize(cwd: Path, env: dict[str, str] | None, *args: str) -> tuple[float, dict]:
    """Wall time of one whole `localize` process (env None: this one's) and its JSON summary
    for Spanish."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "localize", *args, "--format", "json"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"localize {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed, json.loads(done.stdout)["locales"]["es"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=500)
    options = parser.parse_args()
    sys.path.insert(0, str(REPO / "bench"))
    from bench_model import bench_package

    model = bench_package()
    with tempfile.TemporaryDirectory(prefix="bench-update-") as folder:
        root = Path(folder)
        env = {**os.environ, "LOCALIZE_MODELS_DIR": str(root / "models")}
        subprocess.run(
            [sys.executable, "-m", "localize", "models", "install", str(model)],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )
        text = article(options.sentences)
        story = root / "story.txt"
        story.write_text(text, encoding="utf-8")

        first, first_summary = localize(
            root, env, "translate", "story.txt", "--to", "es", "--engine", "argos"
        )
        again, again_summary = localize(
            root, env, "translate", "story.txt", "--to", "es", "--engine", "argos"
        )
        edited = text.replace("in round 1.", "in the first round.", 1)
        assert edited != text
        story.write_text(edited, encoding="utf-8")
        update, update_summary = localize(root, env, "update", "story.txt", "--engine", "argos")

    print(
        f"article: {options.sentences} distinct sentences; model: {model.name} (6+6 layers, "
        "d_model 512), beam 4, CPU"
    )
    rows = [
        ("first translate", first, first_summary),
        ("translate again (unchanged)", again, again_summary),
        ("update after a 1-sentence edit", update, update_summary),
    ]
    for label, seconds, summary in rows:
        print(
            f"{label:<32} {seconds:7.2f} s   sent to the model: "
            f"{summary['machine_translated']:4d}   kept: {summary['kept']:4d}   "
            f"edited->fuzzy: {summary['fuzzy_matched']}"
        )
    print(f"ratio update / first translate: {update / first:.3f} (target < 0.10)")
    print(f"sentences/second, first translate: {options.sentences / first:.1f}")


if __name__ == "__main__":
    main()
