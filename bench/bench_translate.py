"""Benchmark: localize's Argos translator against raw CTranslate2 and argostranslate.

All three run in this process on the same Argos-sized package (6+6 layers, d_model 512, built
by tests/fixtures/make_model.py --size argos into bench/out/) and on the sample article's
sentences repeated to about 500, with beam 4 and 2 threads. Printed as sentences/second and
ratios measured in this run; no absolute threshold is asserted anywhere.

(a) raw ``ctranslate2.Translator.translate_batch`` on the pre-tokenized sentences: the floor;
    localize's overhead (tokenizing, splitting, decoding) should stay within 10%.
(b) ``argostranslate.translate.translate()`` once per sentence, as a user of argostranslate
    would call it, on a subset (it is slow). Its sentence splitter (MiniSBD) would download a
    model, which is impossible offline, so it is replaced by one that returns the input as a
    single sentence: this only removes work from the baseline, so the ratio is conservative.

Usage: python bench/bench_translate.py [--sentences 500] [--baseline-sentences 40]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
ARTICLE = REPO / ".." / "shared" / "articles" / "xinhua-2021-07-15-china-tajikistan.txt"
THREADS = 2
BEAM = 4

# argostranslate reads its settings from the environment when first imported: point every
# directory at a temporary folder before anything imports it.
_ARGOS_HOME = Path(tempfile.mkdtemp(prefix="bench-argos-"))
_MODELS = _ARGOS_HOME / "packages"
os.environ.update(
    {
        "XDG_DATA_HOME": str(_ARGOS_HOME / "data"),
        "XDG_CACHE_HOME": str(_ARGOS_HOME / "cache"),
        "XDG_CONFIG_HOME": str(_ARGOS_HOME / "config"),
        "ARGOS_PACKAGES_DIR": str(_MODELS),
        "ARGOS_DEVICE_TYPE": "cpu",
        "ARGOS_INTRA_THREADS": str(THREADS),
        "ARGOS_INTER_THREADS": "1",
        "ARGOS_BEAM_SIZE": str(BEAM),
    }
)
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "fixtures"))


def bench_package() -> Path:
    import make_model

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / ".gitignore").write_text("*\n")
    path = OUT / "translate-en_es-argos.argosmodel"
    if not path.exists():
        print("building the Argos-sized bench model (once)...", flush=True)
        make_model.build("argos", path)
    return path


def sentences(count: int) -> list[str]:
    from localize.segment import segment

    text = ARTICLE.resolve().read_text(encoding="utf-8")
    base = [s.text for s in segment(text, "en")]
    repeated = (base * (count // len(base) + 1))[:count]
    return repeated


def timed(action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--baseline-sentences", type=int, default=40)
    args = parser.parse_args()

    from localize.engines.argos import ArgosEngine, DecodingOptions
    from localize.engines.base import EngineOptions
    from localize.models import install_file

    package_file = bench_package()
    package = install_file(package_file, _MODELS)
    texts = sentences(args.sentences)
    print(f"model: {package.path.name}; {len(texts)} sentences; beam {BEAM}; {THREADS} threads")

    decoding = DecodingOptions(beam_size=BEAM, intra_threads=THREADS)
    translator = ArgosEngine(EngineOptions(models_dir=_MODELS), decoding).open("en", "es")
    leg = translator.legs[0]
    raw_model = leg.model  # the same loaded model: only the code around it differs

    def raw(tokenized: list[list[str]]) -> list:
        return raw_model.translate_batch(
            tokenized,
            max_batch_size=decoding.batch_tokens,
            batch_type="tokens",
            beam_size=BEAM,
            length_penalty=decoding.length_penalty,
            max_decoding_length=decoding.max_decoding_length,
            replace_unknowns=True,
        )

    from argostranslate import sbd
    from argostranslate import translate as argos_translate

    class _WholeInput(sbd.ISentenceBoundaryDetectionModel):
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    translation = argos_translate.get_translation_from_codes("en", "es")
    translation.underlying.sentencizer = _WholeInput()  # see module docstring (b)
    translator.translate(texts[:8])  # warm-ups: first calls allocate and load
    argos_translate.translate(texts[0], "en", "es")

    # Interleaved rounds: on a shared machine the load drifts, and each round exposes all
    # three paths to the same conditions.
    rounds = 5
    size = -(-len(texts) // rounds)
    per_round = max(1, args.baseline_sentences // rounds)
    ours_s = raw_s = argos_s = 0.0
    same = agree = argos_count = 0
    for r in range(rounds):
        chunk = texts[r * size : (r + 1) * size]
        ours, seconds = timed(lambda chunk=chunk: translator.translate(chunk))
        ours_s += seconds
        tokenized = [leg.tokens(t) for t in chunk]
        raw_out, seconds = timed(lambda tokenized=tokenized: raw(tokenized))
        raw_s += seconds
        same += sum(
            leg.sp.decode_pieces(x.hypotheses[0]) == o for x, o in zip(raw_out, ours, strict=True)
        )
        subset = chunk[:per_round]
        argos_out, seconds = timed(
            lambda subset=subset: [argos_translate.translate(t, "en", "es") for t in subset]
        )
        argos_s += seconds
        argos_count += len(subset)
        agree += sum(a == o for a, o in zip(argos_out, ours, strict=False))
    translator.close()

    ours_rate = len(texts) / ours_s
    raw_rate = len(texts) / raw_s
    argos_rate = argos_count / argos_s
    print(f"localize ArgosTranslator : {ours_rate:8.1f} sentences/s ({ours_s:.2f} s)")
    print(f"raw CTranslate2 batch    : {raw_rate:8.1f} sentences/s ({raw_s:.2f} s)")
    print(f"argostranslate translate : {argos_rate:8.1f} sentences/s "
          f"({argos_s:.2f} s for {argos_count} sentences)")
    print(f"overhead vs raw CTranslate2 : {ours_s / raw_s - 1:+.1%} (target <= +10%)")
    print(f"speed-up vs argostranslate  : {ours_rate / argos_rate:.1f}x (target >= 8x)")
    print(f"identical outputs: {same}/{len(texts)} vs raw, {agree}/{argos_count} "
          "vs argostranslate")


if __name__ == "__main__":
    main()
