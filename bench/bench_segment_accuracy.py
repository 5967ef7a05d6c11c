"""Accuracy of localize's sentence segmenter and of pySBD on the held-out wire-copy cases.

Reads tests/segment_cases/heldout/<lang>.yaml (each case: a block of text and the sentences a
news translator expects) and prints, per language, how many cases each segmenter gets exactly
right. The cases were written before the segmenter was tuned for them (issue 15); the bar is
>= 95% overall in each language and no language below 85%.

    .venv/bin/python bench/bench_segment_accuracy.py [--failures] [--lang en]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CASES_DIR = REPO / "tests" / "segment_cases" / "heldout"
LANGUAGES = ("en", "zh", "ru", "fr", "es", "ar")
sys.path.insert(0, str(REPO))

from localize.segment import split_sentences  # noqa: E402


def load_cases(folder: Path, lang: str) -> list[dict]:
    return yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8"))


def localize_sentences(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


def _score(right: int, total: int) -> str:
    return f"{right:4d} ({100 * right / total:5.1f}%)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="repeatable")
    parser.add_argument("--failures", action="store_true", help="print localize's misses")
    parser.add_argument(
        "--cases",
        type=Path,
        default=CASES_DIR,
        help="folder of <lang>.yaml cases (default: the held-out set; tests/segment_cases/fresh "
        "is a second set written after the change)",
    )
    args = parser.parse_args()

    import pysbd

    print(f"{'lang':4s} {'cases':>5s} {'localize':>14s} {'pySBD':>14s}")
    ours_total = theirs_total = count_total = 0
    worst = 100.0
    for lang in args.lang or LANGUAGES:
        cases = load_cases(args.cases, lang)
        segmenter = pysbd.Segmenter(language=lang, clean=False)
        ours = theirs = 0
        misses = []
        for case in cases:
            expected = case["sentences"]
            got = localize_sentences(case["text"], lang)
            ours += got == expected
            if got != expected:
                misses.append((case["name"], got, expected))
            theirs += [s.strip() for s in segmenter.segment(case["text"]) if s.strip()] == expected
        n = len(cases)
        worst = min(worst, 100 * ours / n)
        ours_total, theirs_total, count_total = (
            ours_total + ours,
            theirs_total + theirs,
            count_total + n,
        )
        print(f"{lang:4s} {n:5d} {_score(ours, n)} {_score(theirs, n)}")
        if args.failures:
            for name, got, expected in misses:
                print(f"   MISS {name}\n     got      {got}\n     expected {expected}")
    overall = f"{_score(ours_total, count_total)} {_score(theirs_total, count_total)}"
    print(f"all  {count_total:5d} {overall}")
    print(f"lowest language for localize: {worst:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
