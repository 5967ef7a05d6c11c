"""Benchmark: throughput and peak memory of the Argos engine per CTranslate2 layout (issue 19).

Each layout (workers x threads per worker, token batch size, compute type) translates the same
sentences in a fresh child process, as ``localize translate`` would (``sentences_per_call``
sentences at a time, beam 4), on the Argos-sized int8 bench model (bench_model.py). The child
reports its wall time and its peak RSS (``ru_maxrss``: the model, the interpreter and
localize's imports included). Rounds alternate the order of the layouts; the table gives each
layout's median sentences/s, its median peak, throughput per 100 MB, and its speed relative to
the first layout (the default) measured in the same rounds.

Usage: python bench/bench_argos_layout.py [--rounds 3] [--sentences 120]
       [--layouts 2x1:1024:int8,2x1:2048:int8,1x2:2048:int8,1x1:2048:int8]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_timing import load, rotating_rounds  # noqa: E402

CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from localize.engines.argos import ArgosEngine, DecodingOptions
from localize.engines.base import EngineOptions
from pathlib import Path
inter, intra, tokens, compute = sys.argv[3].split(":")
sentences = json.loads(Path(sys.argv[4]).read_text())
decoding = DecodingOptions(beam_size=4, inter_threads=int(inter), intra_threads=int(intra),
                           batch_tokens=int(tokens), compute_type=compute)
engine = ArgosEngine(EngineOptions(models_dir=Path(sys.argv[2])), decoding)
translator = engine.open("en", "es")
start = time.perf_counter()
for i in range(0, len(sentences), engine.sentences_per_call):
    translator.translate(sentences[i : i + engine.sentences_per_call])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def run_layout(layout: str, models: Path, corpus: Path) -> tuple[float, int]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO), str(models), layout, str(corpus)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return float(result["seconds"]), int(result["peak"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=120)
    parser.add_argument(
        "--layouts",
        default="2x1:1024:int8,2x1:2048:int8,1x2:2048:int8,1x1:2048:int8",
        help="comma-separated WORKERSxTHREADS:BATCH_TOKENS:COMPUTE_TYPE, the default first",
    )
    args = parser.parse_args()
    from bench_enforce import example_sentences
    from bench_model import installed_bench_model

    layouts = [item.strip() for item in args.layouts.split(",") if item.strip()]
    sentences = list(dict.fromkeys(example_sentences()))
    sentences = (sentences * (args.sentences // len(sentences) + 1))[: args.sentences]
    with installed_bench_model("bench-layout-") as models:
        corpus = models.parent / "sentences.json"
        corpus.write_text(json.dumps(sentences))
        print(f"{len(sentences)} sentences; before: {load()}")

        def run(layout: str) -> tuple[float, int]:
            return run_layout(layout.replace("x", ":", 1), models, corpus)

        def line(layout: str, result: tuple[float, int]) -> str:
            spent, peak = result
            return f"{layout}: {len(sentences) / spent:.1f} sentences/s, peak {peak / 2**20:.0f} MB"

        results = rotating_rounds(args.rounds, layouts, run, line)
        print(f"after: {load()}")
    default = layouts[0]
    print("layout (workers x threads:tokens:type) | sentences/s | peak MB | per 100 MB | speed")
    for layout in layouts:
        seconds = [spent for spent, _ in results[layout]]
        rate = statistics.median(len(sentences) / s for s in seconds)
        peak = statistics.median(p for _, p in results[layout]) / 2**20
        relative = [d / s for (d, _), s in zip(results[default], seconds, strict=True)]
        print(
            f"{layout:>20} | {rate:6.1f} | {peak:5.0f} | {100 * rate / peak:5.2f} | "
            f"{statistics.median(relative):.2f}x (spread {min(relative):.2f}-"
            f"{max(relative):.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
