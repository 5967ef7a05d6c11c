"""Benchmark: localize's Argos translator against raw CTranslate2 and argostranslate.

All three run in this process on the same Argos-sized package (6+6 layers, d_model 512, int8,
a 32,000-piece SentencePiece vocabulary; built by tests/fixtures/make_model.py --size argos into
bench/out/, once) and on the sample article's sentences repeated to about 500, with beam 4 and
2 threads. Printed as sentences/second and ratios measured in this run; no absolute threshold is
asserted anywhere. The mean number of tokens per sentence is printed too: decoding time grows
with it, and it must be close to what a real Argos en->xx package gives (about 1.4 pieces per
word of news prose), or the ratios say little about real use.

(a) raw ``ctranslate2.Translator.translate_batch`` on the pre-tokenized sentences, all of a round
    in one call: the floor. localize is called as the pipeline calls it, with
    ``sentences_per_call`` sentences at a time; its overhead (tokenizing, splitting, decoding,
    smaller calls) should stay within 10%.
(b) ``argostranslate.translate.translate()`` once per sentence, as a user of argostranslate
    would call it, on a subset (it is slow), unpatched. The package carries
    ``minisbd/rules.onnx``, a rule-based sentence splitter in MiniSBD's format, which
    argostranslate 1.11 loads from the package instead of downloading MiniSBD's neural model;
    it costs almost nothing, so the ratio is, if anything, conservative.

Building the package needs ``pip install wordfreq onnx`` and ``apt-get install wamerican``;
the script says so and exits if one is missing.

Usage: python bench/bench_translate.py [--sentences 500] [--baseline-sentences 60]
       [--batch-tokens N] [--inter-threads 1|2] [--per-call N] [--sweep 1024,2048,4096]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "examples" / "china-kazakhstan-wire.txt"
THREADS = 2
BEAM = 4
ROUNDS = 5

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "fixtures"))
sys.path.insert(0, str(REPO / "bench"))

from bench_model import isolated_argos_home, raw_translate_batch  # noqa: E402

_MODELS = isolated_argos_home("bench-argos-", THREADS, BEAM)


def article_sentences() -> list[str]:
    from localize.formats.text import TextFormat

    text = ARTICLE.resolve().read_text(encoding="utf-8")
    return [text[u.start : u.end] for u in TextFormat().parse(text, "en")]


def copies(base: list[str], count: int) -> list[str]:
    """Whole copies of ``base`` (at least one), about ``count`` sentences: every path then sees
    the same mix of short and long sentences."""
    return base * max(1, round(count / len(base)))


def timed(action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def rate_summary(counts: list[int], seconds: list[float]) -> str:
    """Sentences/second over all rounds, with the best and median round."""
    rates = [c / s for c, s in zip(counts, seconds, strict=True)]
    return (
        f"{sum(counts) / sum(seconds):7.1f} sentences/s "
        f"(best round {max(rates):.1f}, median {statistics.median(rates):.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument(
        "--baseline-sentences",
        type=int,
        default=60,
        help="sentences for argostranslate, rounded to whole copies of the article",
    )
    parser.add_argument(
        "--per-call",
        type=int,
        default=None,
        help="sentences per localize call (default: the engine's "
        "sentences_per_call, as the pipeline; 0: a whole round in one call)",
    )
    parser.add_argument(
        "--inter-threads",
        type=int,
        default=2,
        choices=(1, 2),
        help="2: localize and raw CTranslate2 run two batches at once on one "
        "thread each (still 2 threads); argostranslate's one-sentence calls "
        "cannot use that and keep 2 threads per call",
    )
    parser.add_argument(
        "--batch-tokens",
        type=int,
        default=None,
        help="max_batch_size in tokens (default: DecodingOptions' default)",
    )
    parser.add_argument(
        "--sweep", default="", help="comma-separated batch_tokens values to time localize with"
    )
    args = parser.parse_args()

    from bench_model import bench_package

    from localize.engines.argos import ArgosEngine, DecodingOptions
    from localize.engines.argos_packages import install_file
    from localize.engines.base import EngineOptions

    package = install_file(bench_package(), _MODELS)
    article = article_sentences()
    texts = copies(article, args.sentences)
    baseline = copies(article, args.baseline_sentences)
    decoding = DecodingOptions(
        beam_size=BEAM,
        intra_threads=THREADS // args.inter_threads,
        inter_threads=args.inter_threads,
        batch_tokens=args.batch_tokens or DecodingOptions.batch_tokens,
    )
    translator = ArgosEngine(EngineOptions(models_dir=_MODELS), decoding).open("en", "es")
    size = -(-len(texts) // ROUNDS)
    per_call = ArgosEngine.sentences_per_call if args.per_call is None else args.per_call
    per_call = min(per_call or size, size)
    leg = translator.legs[0]
    raw_model = leg.model  # the same loaded model: only the code around it differs

    tokens = [len(leg.tokens(t)) for t in article]
    words = [len(t.split()) for t in article]
    print(
        f"model: {package.path.name}, {leg.sp.get_piece_size()} pieces; {len(texts)} "
        f"sentences ({len(texts) // len(article)} copies of the article); beam {BEAM}; "
        f"{THREADS} threads ({decoding.inter_threads} x {decoding.intra_threads}); "
        f"batch_tokens {decoding.batch_tokens}; localize called with {per_call} sentences "
        "at a time"
    )
    print(
        f"sample article: {len(article)} sentences, {statistics.mean(tokens):.1f} tokens and "
        f"{statistics.mean(words):.1f} words per sentence ({sum(tokens) / sum(words):.2f} "
        f"pieces per word; longest {max(tokens)} tokens)"
    )

    def raw(tokenized: list[list[str]]) -> list:
        return raw_translate_batch(raw_model, tokenized, decoding, BEAM)

    from argostranslate import sbd
    from argostranslate import translate as argos_translate

    # Unpatched: argostranslate picks its sentence splitter from the package by itself. Check
    # that it found the package's MiniSBD model, so that a missing file shows as an error here
    # rather than as an attempted download.
    translation = argos_translate.get_translation_from_codes("en", "es")
    sentencizer = translation.underlying.sentencizer
    if not (
        isinstance(sentencizer, sbd.MiniSBDSentencizer)
        and str(sentencizer.lang).endswith("rules.onnx")
    ):
        raise SystemExit(
            f"bench_translate: argostranslate did not load the package's MiniSBD "
            f"model but {sentencizer} ({getattr(sentencizer, 'lang', '?')})"
        )
    print(
        f"argostranslate sentence splitter: {sentencizer} from "
        f"{Path(sentencizer.lang).relative_to(_MODELS)}"
    )

    def ours_path(chunk: list[str]) -> list[str]:
        # As the pipeline calls the translator: engine-sized lists of sentences.
        out: list[str] = []
        for start in range(0, len(chunk), per_call):
            out += translator.translate(chunk[start : start + per_call])
        return out

    from localize.enforce import enforce_batch
    from localize.glossary import load_glossary, shipped_path
    from localize.placeholders import default_placeholder

    glossary = load_glossary(shipped_path())

    def enforced_path(chunk: list[str]) -> list[str]:
        # The whole translation step of `localize translate`: glossary enforcement included.
        out: list[str] = []
        for start in range(0, len(chunk), per_call):
            part = chunk[start : start + per_call]
            out += [
                d.text for d in enforce_batch(translator, default_placeholder, part, glossary, "es")
            ]
        return out

    # Warm-ups: first calls allocate and load; CTranslate2 keeps buffers sized by the largest
    # batch seen, so both batch paths warm up on a full-sized call.
    ours_path(texts[:per_call])
    enforced_path(texts[:per_call])
    raw([leg.tokens(t) for t in texts[:size]])
    argos_translate.translate(texts[0], "en", "es")

    # Interleaved rounds: on a shared machine the load drifts, and each round exposes all
    # three paths to the same conditions; which batch path goes first alternates.
    per_round = -(-len(baseline) // ROUNDS)
    ours_by_text: dict[str, str] = {}
    ours_s: list[float] = []
    enforced_s: list[float] = []
    raw_s: list[float] = []
    argos_s: list[float] = []
    counts: list[int] = []
    argos_counts: list[int] = []
    same = agree = 0
    for r in range(ROUNDS):
        chunk = texts[r * size : (r + 1) * size]
        counts.append(len(chunk))
        tokenized = [leg.tokens(t) for t in chunk]
        if r % 2:
            raw_out, raw_seconds = timed(lambda tokenized=tokenized: raw(tokenized))
        ours, seconds = timed(lambda chunk=chunk: ours_path(chunk))
        enforced_s.append(timed(lambda chunk=chunk: enforced_path(chunk))[1])
        if not r % 2:
            raw_out, raw_seconds = timed(lambda tokenized=tokenized: raw(tokenized))
        ours_s.append(seconds)
        raw_s.append(raw_seconds)
        ours_by_text.update(zip(chunk, ours, strict=True))
        same += sum(
            leg.sp.decode_pieces(x.hypotheses[0]) == o for x, o in zip(raw_out, ours, strict=True)
        )
        subset = baseline[r * per_round : (r + 1) * per_round]
        argos_out, seconds = timed(
            lambda subset=subset: [argos_translate.translate(t, "en", "es") for t in subset]
        )
        argos_s.append(seconds)
        argos_counts.append(len(subset))
        agree += sum(a == ours_by_text.get(t) for a, t in zip(argos_out, subset, strict=True))

    ours_rate = sum(counts) / sum(ours_s)
    argos_rate = sum(argos_counts) / sum(argos_s)
    print(f"localize ArgosTranslator : {rate_summary(counts, ours_s)}")
    print(f"  + glossary enforcement : {rate_summary(counts, enforced_s)}")
    print(f"raw CTranslate2 batch    : {rate_summary(counts, raw_s)}")
    print(
        f"argostranslate translate : {rate_summary(argos_counts, argos_s)} "
        f"[{sum(argos_counts)} sentences]"
    )
    round_overheads = sorted(o / r - 1 for o, r in zip(ours_s, raw_s, strict=True))
    print(
        f"(a) overhead vs raw CTranslate2 : {sum(ours_s) / sum(raw_s) - 1:+.1%} "
        f"(median round {statistics.median(round_overheads):+.1%}; target <= +10%)"
    )
    print(
        f"(a') with glossary enforcement  : {sum(enforced_s) / sum(raw_s) - 1:+.1%} "
        f"({sum(1 for t in texts if glossary.match(t))}/{len(texts)} sentences hold terms)"
    )
    print(f"(b) speed-up vs argostranslate  : {ours_rate / argos_rate:.1f}x (target >= 8x)")
    print(
        f"identical outputs: {same}/{len(texts)} vs raw, {agree}/{sum(argos_counts)} "
        "vs argostranslate"
    )
    if args.sweep:
        sweep(ours_path, leg, texts, [int(v) for v in args.sweep.split(",")])
    translator.close()


def sweep(ours_path, leg, texts: list[str], values: list[int]) -> None:  # type: ignore[no-untyped-def]
    """localize's throughput for each batch size, in interleaved rounds on the same model."""
    import dataclasses

    default = leg.decoding
    seconds: dict[int, list[float]] = {v: [] for v in values}
    size = -(-len(texts) // ROUNDS)
    for r in range(ROUNDS):
        chunk = texts[r * size : (r + 1) * size]
        for value in values[r % len(values) :] + values[: r % len(values)]:  # rotate the order
            leg.decoding = dataclasses.replace(default, batch_tokens=value)
            _, spent = timed(lambda chunk=chunk: ours_path(chunk))
            seconds[value].append(spent)
    leg.decoding = default
    counts = [len(texts[r * size : (r + 1) * size]) for r in range(ROUNDS)]
    for value in values:
        print(f"batch_tokens {value:5d}: {rate_summary(counts, seconds[value])}")


if __name__ == "__main__":
    main()
