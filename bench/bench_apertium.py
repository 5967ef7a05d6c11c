"""Apertium engine throughput vs one ``apertium`` process per sentence, in one run.

Corpus: the sample article's sentences (as TextFormat segments them) repeated 50 times. The
baseline starts one ``apertium -u`` process per sentence; it is timed on a sample and
extrapolated per sentence, which the output says. The engine is timed translating the whole
corpus in one call, and in 30-sentence batches (the size a pipeline might send); it also
finds unknown words, which the baseline does not, so the ratios are conservative.

Run: .venv/bin/python bench/bench_apertium.py [--pair en-es] [--repeat 50] [--sample 40]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from localize.engines.apertium import ApertiumEngine  # noqa: E402
from localize.formats.text import TextFormat  # noqa: E402

ARTICLE = REPO / "examples" / "china-kazakhstan-wire.txt"


def corpus(repeat: int) -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8")
    sentences = [text[u.start : u.end] for u in TextFormat().parse(text, "en")]
    return sentences * repeat


def per_process_seconds(executable: str, mode: str, sentences: list[str]) -> float:
    """Mean wall time of one ``apertium`` process per sentence."""
    started = time.perf_counter()
    for sentence in sentences:
        subprocess.run(
            [executable, "-u", "-f", "txt", mode],
            input=sentence + "\n",
            capture_output=True,
            text=True,
            check=True,
        )
    return (time.perf_counter() - started) / len(sentences)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", default="en-es", help="source-target, e.g. en-es, en-ca")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument(
        "--sample", type=int, default=40, help="sentences timed one process each for the baseline"
    )
    args = parser.parse_args()
    source, target = args.pair.split("-")
    engine = ApertiumEngine()
    translator = engine.open(source, target)
    sentences = corpus(args.repeat)
    distinct = len(sentences) // args.repeat
    print(
        f"pair {translator.describe()}; corpus {len(sentences)} sentences "
        f"({distinct} distinct x {args.repeat})"
    )

    translator.translate(sentences[:5])  # warm the page cache for the pair's binaries

    started = time.perf_counter()
    whole = translator.translate(sentences)
    whole_seconds = time.perf_counter() - started
    assert len(whole) == len(sentences)

    started = time.perf_counter()
    for i in range(0, len(sentences), 30):
        translator.translate(sentences[i : i + 30])
    batched_seconds = time.perf_counter() - started

    per_call = ApertiumEngine.sentences_per_call
    started = time.perf_counter()
    for i in range(0, len(sentences), per_call):
        translator.translate(sentences[i : i + per_call])
    pipeline_seconds = time.perf_counter() - started

    batch_times = []
    for _ in range(5):
        started = time.perf_counter()
        translator.translate(sentences[:30])
        batch_times.append(time.perf_counter() - started)

    sample = sentences[: min(args.sample, len(sentences))]
    per_sentence = per_process_seconds(translator.executable, translator.mode.name, sample)
    baseline = per_sentence * len(sentences)

    print(
        f"baseline, one process per sentence: {per_sentence * 1000:.1f} ms/sentence, timed on "
        f"{len(sample)} sentences and extrapolated to {len(sentences)}: {baseline:.1f} s"
    )
    print(
        f"engine, whole corpus in one call:   {whole_seconds:.2f} s "
        f"({len(sentences) / whole_seconds:.0f} sentences/s)  "
        f"ratio {baseline / whole_seconds:.0f}x"
    )
    print(
        f"engine, {per_call}-sentence calls (translate): {pipeline_seconds:.2f} s "
        f"({len(sentences) / pipeline_seconds:.0f} sentences/s)  "
        f"ratio {baseline / pipeline_seconds:.0f}x"
    )
    print(
        f"engine, 30-sentence batches:        {batched_seconds:.2f} s "
        f"({len(sentences) / batched_seconds:.0f} sentences/s)  "
        f"ratio {baseline / batched_seconds:.0f}x"
    )
    print(
        f"one 30-sentence batch: median {statistics.median(batch_times) * 1000:.0f} ms "
        f"(min {min(batch_times) * 1000:.0f} ms) over {len(batch_times)} runs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
