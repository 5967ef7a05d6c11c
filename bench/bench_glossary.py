"""Glossary enforcement, measured: how many glossary occurrences in the sample article and the
repo's examples/ reach the MT draft with the approved term, how many are flagged, and whether
any forbidden rendering gets through (target: 100% carried or flagged, 0 forbidden), and how
many English word orders and disagreeing adjectives next to a placed term (after it, or with
their article before it) the drafts keep and placement flags for the reviewer
(``localize.placement``: flagged, not rewritten).

Engines: the committed tiny Argos en->es model (tests/fixtures) and the pseudo engine for every
glossary language. Also prints the cost of enforcement as a ratio against plain translation of
the same sentences, timed in this process.

Usage: python bench/bench_glossary.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from localize.enforce import GLOSSARY_GRAMMAR, GLOSSARY_MISSING, enforce_batch  # noqa: E402
from localize.engines.apertium import ApertiumEngine  # noqa: E402
from localize.engines.argos import ArgosEngine  # noqa: E402
from localize.engines.argos_packages import install_file  # noqa: E402
from localize.engines.base import EngineOptions  # noqa: E402
from localize.engines.pseudo import PseudoEngine  # noqa: E402
from localize.glossary import load_glossary, shipped_path  # noqa: E402
from localize.source import read_article  # noqa: E402


def articles() -> list[Path]:
    found = sorted((REPO / "examples").glob("*.txt"))
    found += sorted((REPO / "examples").glob("*.md")) + sorted((REPO / "examples").glob("*.html"))
    # Leave out translated copies that `localize build` wrote beside the examples (x.es.txt).
    return [path for path in found if "." not in path.stem]


def measure(
    label: str,
    translator,
    placeholder,
    sentences,
    protected,
    glossary,
    lang: str,
) -> None:
    start = time.perf_counter()
    drafts = enforce_batch(translator, placeholder, sentences, glossary, lang, protected)
    enforced = time.perf_counter() - start
    start = time.perf_counter()
    translator.translate(sentences)
    plain = time.perf_counter() - start
    from localize.placement import Placed, disagreements

    occurrences = carried = flagged = forbidden = untrue = grammar = order = agreement = 0
    before = untitled = 0
    methods: Counter[str] = Counter()
    for sentence, spans, draft in zip(sentences, protected, drafts, strict=True):
        terms = [
            m
            for m in glossary.match(sentence)
            if m.entry.covers(lang) and all(m.end <= a or m.start >= b for a, b in spans)
        ]
        needed = Counter(m.entry.id for m in glossary.required(terms, sentence))
        placed = [
            Placed(m.entry, a, b)
            for m in {m.entry.id: m for m in terms}.values()
            if lang not in m.entry.keep
            for a, b in set(glossary.approved_spans(m.entry, lang, draft.text))
        ]
        grammar += len(disagreements(draft.text, placed, lang))
        rendered = glossary.carried(terms, lang, draft.text)
        by_text = {m.text: m.entry.id for m in terms}
        for comment in draft.comments:
            if comment.startswith("glossary placed: "):
                entry_id = by_text[comment[len("glossary placed: ") :].split(" → ")[0]]
                untrue += rendered[entry_id] < needed[entry_id]
        for match in glossary.match(sentence):
            inside = any(match.start < b and a < match.end for a, b in spans)
            if not match.entry.covers(lang) or inside:  # URLs and markup are copied verbatim
                continue
            occurrences += 1
            if glossary.has_approved(match.entry, lang, draft.text):
                carried += 1
            elif GLOSSARY_MISSING in draft.flags:
                flagged += 1
            forbidden += bool(glossary.forbidden_found(match.entry, lang, draft.text))
        for comment in draft.comments:
            if comment.startswith(f"{GLOSSARY_GRAMMAR}: "):
                order += "keeps the English word order" in comment
                agreement += "' after '" in comment and "does not agree" in comment
                before += "' before '" in comment
                untitled += "is a title with a name and no article" in comment
            if comment.startswith("glossary placed: "):
                methods[comment.rsplit("(", 1)[-1].split(" '")[0].rstrip(")")] += 1
    silent = occurrences - carried - flagged
    markup = sum("markup-missing" in d.flags for d in drafts)
    print(
        f"{label:<22} occurrences {occurrences:4d}  carried {carried:4d} "
        f"({100 * carried / max(occurrences, 1):5.1f}%)  flagged {flagged:3d}  "
        f"silent misses {silent}  forbidden {forbidden}  untrue placed {untrue}  "
        f"article/quote errors {grammar}  "
        f"flagged: word order {order}, adjective agreement after {agreement}, "
        f"article/adjective before a term {before}, title without article {untitled}  "
        f"markup lost {markup}  "
        f"time ratio enforced/plain {enforced / max(plain, 1e-9):5.1f}"
    )
    print(f"{'':<22} placed by: {dict(methods)}")


def main() -> None:
    glossary = load_glossary(shipped_path())
    paths = articles()
    sentences, protected = [], []
    for path in paths:
        article = read_article(str(path))
        for unit in article.units:
            sentences.append(unit.msgid)
            protected.append(article.format.protected(unit.msgid))
    print(f"glossary {glossary.describe()}; {len(paths)} article(s), {len(sentences)} sentences")
    with tempfile.TemporaryDirectory() as models:
        install_file(REPO / "tests" / "fixtures" / "translate-en_es-tiny.argosmodel", Path(models))
        argos = ArgosEngine(EngineOptions(models_dir=Path(models)))
        measure(
            "argos tiny en->es",
            argos.open("en", "es"),
            argos.placeholder,
            sentences,
            protected,
            glossary,
            "es",
        )
    apertium = ApertiumEngine()
    if any(pair.target == "es" for pair in apertium.available_pairs()):
        measure(
            "apertium en->es",
            apertium.open("en", "es"),
            apertium.placeholder,
            sentences,
            protected,
            glossary,
            "es",
        )
    else:
        print("apertium en->es        skipped: apt-get install apertium apertium-eng-spa")
    pseudo = PseudoEngine()
    for lang in glossary.languages:
        measure(
            f"pseudo en->{lang}",
            pseudo.open("en", lang),
            pseudo.placeholder,
            sentences,
            protected,
            glossary,
            lang,
        )


if __name__ == "__main__":
    main()
