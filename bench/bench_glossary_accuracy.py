"""How far a reviewer can trust `localize check`'s terminology findings, on held-out cases.

Reads tests/glossary_cases/<lang>.yaml (reviewer verdicts on source/translation pairs; see the
README there) and prints, per language, the false alarms on correct forms (a `correct` or
`variant` case with any glossary finding) and the misses of wrong forms (a `wrong` or `english`
case with no glossary finding, a `forbidden` case with no `glossary-forbidden` finding).
Bars (issue 12): false alarms <= 5%, misses <= 10%, in every language.

Usage: python bench/bench_glossary_accuracy.py [SET ...] [--verbose]
SET is a folder of tests/glossary_cases (fresh, fresh2, ... fresh10) or "first" for the cases at its
top; without one, every set is scored.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from localize.checks import check_entry  # noqa: E402
from localize.glossary import Glossary, load_glossary, shipped_path  # noqa: E402

CASES = REPO / "tests" / "glossary_cases"
LANGUAGES = ("zh", "ru", "fr", "es", "ar")
ACCEPTED = ("correct", "variant")
REJECTED = ("wrong", "forbidden", "english")
GLOSSARY_CHECKS = ("glossary-missing", "glossary-forbidden", "name-changed")


@dataclass(frozen=True)
class Case:
    lang: str
    source: str
    target: str
    expect: str
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    case: Case
    findings: tuple[str, ...]

    @property
    def false_alarm(self) -> bool:
        return self.case.expect in ACCEPTED and bool(self.findings)

    @property
    def miss(self) -> bool:
        if self.case.expect == "forbidden":
            return not any(f.startswith("glossary-forbidden") for f in self.findings)
        return self.case.expect in REJECTED and not self.findings


def load_cases(lang: str, folder: Path = CASES) -> list[Case]:
    data = yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8"))
    if data.get("language") != lang:
        raise SystemExit(f"{lang}.yaml: 'language' must be {lang}")
    cases = []
    for raw in data["cases"]:
        if raw["expect"] not in ACCEPTED + REJECTED:
            raise SystemExit(f"{lang}.yaml: unknown verdict {raw['expect']!r}")
        cases.append(Case(lang, raw["source"], raw["target"], raw["expect"], raw.get("note", "")))
    return cases


def judge(case: Case, glossary: Glossary) -> Outcome:
    problems = check_entry(case.source, case.target, glossary, case.lang)
    findings = tuple(f"{p.check}: {p.message}" for p in problems if p.check in GLOSSARY_CHECKS)
    return Outcome(case, findings)


def score(glossary: Glossary, folder: Path = CASES) -> dict[str, list[Outcome]]:
    return {lang: [judge(c, glossary) for c in load_cases(lang, folder)] for lang in LANGUAGES}


def case_sets(names: list[str]) -> list[Path]:
    """The folders named on the command line; every set when none is."""
    every = [CASES, *sorted(p.parent for p in CASES.glob("*/zh.yaml"))]
    if not names:
        return every
    folders = [CASES if name == "first" else CASES / name for name in names]
    for folder in folders:
        if not (folder / "zh.yaml").is_file():
            raise SystemExit(
                f"no case set {folder.relative_to(REPO)}; sets: first, "
                + ", ".join(p.name for p in every[1:])
            )
    return folders


def main() -> None:
    verbose = "--verbose" in sys.argv
    names = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    folders = case_sets(names)
    glossary = load_glossary(shipped_path())
    print(f"glossary {glossary.describe()}")
    for folder in folders:
        print(f"cases from {folder.relative_to(REPO)}")
        report(score(glossary, folder), verbose)


def report(scores: dict[str, list[Outcome]], verbose: bool) -> None:
    for lang, outcomes in scores.items():
        accepted = [o for o in outcomes if o.case.expect in ACCEPTED]
        rejected = [o for o in outcomes if o.case.expect in REJECTED]
        alarms = [o for o in accepted if o.false_alarm]
        misses = [o for o in rejected if o.miss]
        print(
            f"{lang}  cases {len(outcomes):3d}  false alarms {len(alarms):2d}/{len(accepted):2d} "
            f"({100 * len(alarms) / max(len(accepted), 1):5.1f}%)  "
            f"misses {len(misses):2d}/{len(rejected):2d} "
            f"({100 * len(misses) / max(len(rejected), 1):5.1f}%)"
        )
        if verbose:
            for o in alarms:
                print(f"    false alarm: {o.case.target}\n        {'; '.join(o.findings)}")
            for o in misses:
                print(f"    miss ({o.case.expect}): {o.case.target}")


if __name__ == "__main__":
    main()
