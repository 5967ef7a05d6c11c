"""Benchmark: how much faster batching makes CTranslate2 on this machine, per matrix backend.

Issue 19 asks localize to be >= 10x faster than ``argostranslate.translate()`` once per
sentence. argostranslate's per-sentence call is CTranslate2 with one sentence per call, so the
ratio any enforcement can reach is bounded by what batching alone gains over that on the
same model and CPU. This bench measures that bound directly, for each layout and matrix
backend CTranslate2 can pick here:

- ``single``: one sentence per ``translate_batch`` call, 1 worker x 2 threads (how
  argostranslate runs a sentence);
- ``batched``: all sentences in one call with localize's token batches, for each layout
  (workers x threads), compute type and int8 matrix backend (``CT2_USE_MKL``: CTranslate2 uses
  Intel MKL only on Intel CPUs unless told, oneDNN otherwise; the choice is fixed when the
  library first needs it, so each configuration runs in its own child process).

Each round runs every configuration once, in an order rotated between rounds; printed per
configuration: source tokens per second, median and spread, and the ratio of its median to
``single``'s (the ceiling for the issue's speed-up row on this machine).

Usage: python bench/bench_ct2_backends.py [--rounds 3] [--sentences 37] [--with-mkl]
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
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "examples" / "china-kazakhstan-wire.txt"
BEAM = 4
BATCH_TOKENS = 1024
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

# (name, workers, threads per worker, compute type, CT2_USE_MKL, one sentence per call)
CONFIGS = [
    ("single 1x2 int8 oneDNN", 1, 2, "int8", "0", True),
    ("batched 2x1 int8 oneDNN", 2, 1, "int8", "0", False),
    ("batched 1x2 int8 oneDNN", 1, 2, "int8", "0", False),
    ("batched 2x1 float32 oneDNN", 2, 1, "float32", "0", False),
]
MKL_CONFIG = ("batched 2x1 int8 MKL", 2, 1, "int8", "1", False)


def child(model_dir: str, workers: int, threads: int, compute: str, single: bool, n: int) -> None:
    """Time one configuration in this process and print its source tokens per second."""
    import ctranslate2
    import sentencepiece as spm

    from localize.formats.text import TextFormat

    text = ARTICLE.read_text(encoding="utf-8")
    sentences = [text[u.start : u.end] for u in TextFormat().parse(text, "en")][:n]
    pieces = spm.SentencePieceProcessor(model_file=str(Path(model_dir) / "sentencepiece.model"))
    tokens = [pieces.encode(s, out_type=str) for s in sentences]
    model = ctranslate2.Translator(
        str(Path(model_dir) / "model"),
        device="cpu",
        inter_threads=workers,
        intra_threads=threads,
        compute_type=compute,
    )
    model.translate_batch(tokens[:2], beam_size=BEAM)  # first call pays set-up; not timed
    start = time.perf_counter()
    if single:
        for sentence in tokens:
            model.translate_batch([sentence], beam_size=BEAM)
    else:
        model.translate_batch(
            tokens, max_batch_size=BATCH_TOKENS, batch_type="tokens", beam_size=BEAM
        )
    seconds = time.perf_counter() - start
    print(json.dumps({"tokens": sum(map(len, tokens)), "seconds": seconds}))


def run_config(model_dir: Path, config: tuple, n: int) -> float:
    _name, workers, threads, compute, use_mkl, single = config
    env = dict(os.environ, CT2_USE_MKL=use_mkl)
    args = [str(model_dir), str(workers), str(threads), compute, str(int(single)), str(n)]
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures["tokens"] / figures["seconds"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=37)
    parser.add_argument(
        "--with-mkl", action="store_true", help="also Intel MKL's int8 (very slow on AMD CPUs)"
    )
    parser.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        model_dir, workers, threads, compute, single, n = options.child
        child(model_dir, int(workers), int(threads), compute, single == "1", int(n))
        return 0

    import ctranslate2
    from bench_model import bench_package
    from bench_timing import load, rotated

    configs = CONFIGS + ([MKL_CONFIG] if options.with_mkl else [])
    rates: dict[str, list[float]] = {c[0]: [] for c in configs}
    with tempfile.TemporaryDirectory(prefix="bench-ct2-") as unpacked:
        with zipfile.ZipFile(bench_package()) as archive:
            archive.extractall(unpacked)
        model_dir = next(p for p in Path(unpacked).iterdir() if p.is_dir())
        print(f"CTranslate2 {ctranslate2.__version__}; {options.sentences} sentences; beam {BEAM}")
        print(f"before: {load()}", flush=True)
        for r in range(options.rounds):
            for config in rotated(configs, r):
                rate = run_config(model_dir, config, options.sentences)
                rates[config[0]].append(rate)
                print(f"  round {r + 1}: {config[0]}: {rate:.0f} tokens/s", flush=True)
    print(f"after: {load()}")
    single = statistics.median(rates[CONFIGS[0][0]])
    for name, values in rates.items():
        median = statistics.median(values)
        print(
            f"{name:28}: median {median:6.0f} tokens/s (spread {min(values):.0f}-"
            f"{max(values):.0f}) = {median / single:.2f}x one sentence per call"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
