"""Benchmark: 100 short articles translated in one `localize translate` run (the project file)
vs 100 separate `localize translate ARTICLE` processes, to Spanish and French.

The articles are built from the sentences of the repository's examples/: each has a few
sentences its neighbours share (as wire copy repeats a boilerplate paragraph) and one of its
own. Both sides are whole processes in fresh directories, paired and alternating (which side
goes first changes every round), over several rounds; printed are the median and spread of
each side, the ratio one run / separate runs per round and its median, and the load average.
Both sides must give every article the same drafts, which the script checks.

Engines: ``pseudo`` (default: no model, so the difference is start-up, reading the memory and
the glossary once instead of 100 times) or ``argos`` (the committed tiny en->es model of
tests/fixtures, installed into the temporary directory: a model load per process; Spanish only,
since it is the only pair).

Usage: python bench/bench_many_articles.py [--articles 100] [--rounds 3] [--engine pseudo]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = [
    REPO / "examples" / "china-kazakhstan-wire.txt",
    REPO / "examples" / "sco-ministers-meeting.txt",
]
TINY_MODEL = REPO / "tests" / "fixtures" / "translate-en_es-tiny.argosmodel"
SHARED_PER_ARTICLE = 3


def example_sentences() -> list[str]:
    sys.path.insert(0, str(REPO))
    from localize.formats.text import TextFormat

    sentences: list[str] = []
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        spans = [text[u.start : u.end] for u in TextFormat().parse(text, "en")]
        sentences += [s for s in spans if s.endswith(".") and 30 < len(s) < 200]
    return list(dict.fromkeys(sentences))


def articles(count: int) -> dict[str, str]:
    """``count`` short articles: a window of sentences shared with the neighbours, and one
    sentence of the article's own."""
    pool = example_sentences()
    result = {}
    for i in range(count):
        shared = [pool[(i + k) % len(pool)] for k in range(SHARED_PER_ARTICLE)]
        own = f"{pool[(i * 7) % len(pool)][:-1]}, report {i + 1} said."
        result[f"story{i + 1:03d}.txt"] = " ".join(shared[:2]) + f"\n\n{shared[2]} {own}\n"
    return result


def localize(cwd: Path, env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "localize", "-q", *args], cwd=cwd, env=env, capture_output=True
    )
    if done.returncode != 0:
        sys.exit(f"localize {' '.join(args)} failed: {done.stderr.decode().strip()}")


def prepare(root: Path, texts: dict[str, str], engine: str, langs: str) -> dict[str, str]:
    (root / "articles").mkdir(parents=True)
    for name, text in texts.items():
        (root / "articles" / name).write_text(text, encoding="utf-8")
    (root / "localize.toml").write_text(
        f'articles = ["articles/*.txt"]\nlanguages = "{langs}"\nengine = "{engine}"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "LOCALIZE_MODELS_DIR": str(root / "models")}
    if engine == "argos":
        localize(root, env, "models", "install", str(TINY_MODEL))
    return env


def one_run(root: Path, texts: dict[str, str], engine: str, langs: str) -> float:
    env = prepare(root, texts, engine, langs)
    began = time.perf_counter()
    localize(root, env, "translate")
    return time.perf_counter() - began


def separate_runs(root: Path, texts: dict[str, str], engine: str, langs: str) -> float:
    env = prepare(root, texts, engine, langs)
    began = time.perf_counter()
    for name in texts:
        localize(root, env, "translate", f"articles/{name}")
    return time.perf_counter() - began


def drafts(root: Path) -> dict[str, dict[str, str]]:
    import polib

    return {
        str(path.relative_to(root)): {e.msgid: e.msgstr for e in polib.pofile(str(path))}
        for path in sorted((root / "locales").rglob("*.po"))
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engine", choices=["pseudo", "argos"], default="pseudo")
    options = parser.parse_args()
    if options.engine == "argos" and not TINY_MODEL.is_file():
        sys.exit(f"{TINY_MODEL}: missing; run python tests/fixtures/make_model.py")
    langs = "es" if options.engine == "argos" else "es,fr"
    texts = articles(options.articles)
    from localize.formats.text import TextFormat

    units = [u.msgid for text in texts.values() for u in TextFormat().parse(text, "en")]
    load_before = os.getloadavg()
    together: list[float] = []
    apart: list[float] = []
    for round_number in range(options.rounds):
        with tempfile.TemporaryDirectory(prefix="bench-many-") as folder:
            root = Path(folder)
            sides = [("one", one_run), ("separate", separate_runs)]
            if round_number % 2:
                sides.reverse()
            for label, side in sides:
                seconds = side(root / label, texts, options.engine, langs)
                (together if label == "one" else apart).append(seconds)
            if drafts(root / "one") != drafts(root / "separate"):
                sys.exit("the one run and the separate runs gave different drafts")
        print(
            f"round {round_number + 1}: one run {together[-1]:6.2f} s, "
            f"{options.articles} runs {apart[-1]:7.2f} s, ratio {together[-1] / apart[-1]:.3f}"
        )
    load_after = os.getloadavg()
    ratios = [t / a for t, a in zip(together, apart, strict=True)]
    print(
        f"{options.articles} articles ({len(units)} sentences, {len(set(units))} distinct), "
        f"--to {langs}, engine {options.engine}, "
        f"{options.rounds} rounds, paired and alternating"
    )
    for label, times in (("one run", together), (f"{options.articles} runs", apart)):
        print(
            f"{label:<10} median {statistics.median(times):7.2f} s  "
            f"(min {min(times):.2f}, max {max(times):.2f})"
        )
    print(
        f"ratio one run / separate runs: median {statistics.median(ratios):.3f} "
        f"(min {min(ratios):.3f}, max {max(ratios):.3f}); "
        f"speed-up {1 / statistics.median(ratios):.1f}x"
    )
    print(
        f"load average before {load_before[0]:.1f} / after {load_after[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
