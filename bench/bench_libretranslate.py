"""LibreTranslate engine: 4 concurrent requests vs 1, against a real local server, in one run.

The server is the tests' one (tests/libretranslate_server.py: LibreTranslate 1.9.6 in its own
venv, the tiny en->es package, 4 waitress threads), started here on 127.0.0.1. Corpus: the
sentences of examples/china-kazakhstan-wire.txt, sent in requests of --per-request sentences.
Rounds alternate the order (1 then 4, 4 then 1, ...) so that drifting machine load falls on
both; every round sends texts the server has not seen (a round tag is appended to each
sentence), because argostranslate caches translations. Prints each round, the median and
spread of the ratio, and the load average before and after.

Run: .venv/bin/python bench/bench_libretranslate.py [--rounds 3] [--sentences 24]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from localize.engines.base import EngineOptions  # noqa: E402
from localize.engines.libretranslate import LibreTranslateEngine  # noqa: E402
from localize.segment import segment  # noqa: E402

from libretranslate_server import start_server, stop  # noqa: E402

ARTICLE = REPO / "examples" / "china-kazakhstan-wire.txt"


def timed(translator, sentences: list[str]) -> float:
    started = time.perf_counter()
    out = translator.translate(sentences)
    elapsed = time.perf_counter() - started
    assert len(out) == len(sentences) and all(out), "the server dropped sentences"
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=24)
    parser.add_argument("--per-request", type=int, default=2)
    args = parser.parse_args()
    sentences = [s.text for s in segment(ARTICLE.read_text(encoding="utf-8"), "en")]
    sentences = sentences[: args.sentences]
    home = Path(tempfile.mkdtemp(prefix="bench-libretranslate-"))
    load_before = os.getloadavg()
    server = start_server(home)
    try:
        translators = {}
        for concurrency in (1, 4):
            engine = LibreTranslateEngine(
                EngineOptions(url=server.url, api_key=server.api_key, batch_size=args.per_request),
                concurrency=concurrency,
            )
            translators[concurrency] = engine.open("en", "es")
        # Warm-up: the server loads the model and the sentence splitter at the first request.
        translators[1].translate(["The house of peace."])
        ratios = []
        requests = -(-len(sentences) // args.per_request)
        print(
            f"{len(sentences)} sentences in {requests} requests of {args.per_request}; "
            f"server threads 4; machine: {os.cpu_count()} cores"
        )
        for round_number in range(args.rounds):
            order = (1, 4) if round_number % 2 == 0 else (4, 1)
            seconds = {}
            for concurrency in order:
                tag = f" (r{round_number}c{concurrency})"
                seconds[concurrency] = timed(translators[concurrency], [s + tag for s in sentences])
            ratio = seconds[1] / seconds[4]
            ratios.append(ratio)
            print(
                f"round {round_number + 1} (first {order[0]}): 1 request at a time "
                f"{seconds[1]:.2f} s, 4 at a time {seconds[4]:.2f} s, ratio {ratio:.2f}x"
            )
        for translator in translators.values():
            translator.close()
    finally:
        stop(server)
    load_after = os.getloadavg()
    spread = max(ratios) - min(ratios)
    print(
        f"4 concurrent requests vs 1: median {statistics.median(ratios):.2f}x faster "
        f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x, spread {spread:.2f}) over "
        f"{args.rounds} rounds"
    )
    print(
        f"load average (1, 5, 15 min): before {load_before[0]:.1f} {load_before[1]:.1f} "
        f"{load_before[2]:.1f}, after {load_after[0]:.1f} {load_after[1]:.1f} {load_after[2]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
