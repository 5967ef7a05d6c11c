"""Benchmark: what glossary enforcement costs on top of the engine (issue 19).

Three ratios, each from paired rounds in this one process, the paths alternating which goes
first, printed per round with the median and the spread, and the machine's load before and
after (``os.getloadavg``; the figures drift with it on a shared machine):

argos     ``enforce_batches`` with the shipped glossary, as ``localize translate`` calls it
          (equal calls of at most ``sentences_per_call`` sentences; the translator's renderings of
          the terms forgotten every round, as in a new process; the renderings kept beside the
          model by an earlier run, ``localize.term_renderings``, are found as every run after a
          model's first finds them; timed again as "cold", with those removed too, as in the
          model's first run), against raw ``ctranslate2.Translator.translate_batch`` on the
          same tokens of the same loaded model (beam 4, the engine's token batches, the same
          worker layout). Goal: <= 1.10x.
speed-up  argostranslate's ``translate()`` once per sentence (unpatched, offline) against the
          enforced path above, per sentence, timed in the same rounds (the four paths in
          rotating order). Goal: >= 10x.
apertium  the same enforcement on Apertium, 3,100 sentences in the engine's
          ``sentences_per_call`` calls with the unknown-word notes the pipeline asks for,
          the shipped glossary against a glossary with no matching term, each round on a
          translator opened for it (as a new process does). Goal: <= 1.15x.

Corpus for Argos: every distinct sentence of ``examples/`` and of ``tests/glossary_cases/`` (the
English sources), about 230 of which 4 in 5 hold glossary terms; distinct, so no path gains
from repeats. Apertium: the examples' sentences repeated to 3,100. The Argos-sized model is
built once into bench/out/ (bench_model.py; needs ``pip install wordfreq onnx`` and
``apt-get install wamerican``).

whole     (``--whole``) what a user times: ``localize translate story.txt --to es --engine
          apertium`` as a whole process in a fresh directory, on an article of 3,100 distinct
          sentences (bench_noop's: the examples' sentences numbered by round), with the shipped
          glossary against the glossary with no matching term, paired and alternating.

``--baseline-code DIR`` (with ``--only apertium``, ``argos``, ``whole`` or ``replay``): every
round runs the path once with this code and once with the localize package of DIR (``git archive
BASE | tar -x -C DIR``), each in a child process of its own, alternating which goes first, and
prints both codes' ratios and this code's time against the baseline's, round by round: under
load a round's CPU moves by more than a change gains, so only the same round's figures compare.
For Argos the children time raw and enforced (warm) only, and the two codes' enforced drafts are
compared whole. With ``--only whole``: every round runs the four whole processes (each code with
each glossary) in rotating order, and prints each code's ratio and this code's wall and CPU over
the baseline's per glossary.

replay    (``--only replay``) enforcement's Python alone on the whole mode's sentences: Apertium's
          answers recorded once, then replayed to each code's ``enforce_batches`` in a child
          process per code and glossary (rotating order), CPU seconds of the enforcement; and
          whether every child's drafts (text, flags, comments) were the same, per glossary.

account   (``--only account``) where the shipped glossary's extra CPU goes in the whole mode's
          process (this code): localize's own CPU, each translation pipeline's programs, those
          run per request (by pass), the dictionaries' analysers, each counted with ``os.wait4``
          by ``bench/cpu_account.py``; and the texts and characters each pass sent to Apertium.

Usage: python bench/bench_enforce.py [--rounds 3] [--only argos|apertium|whole|replay|account]
       [--sentences N] [--baseline 20] [--baseline-code DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BEAM = 4
THREADS = 2
APERTIUM_SENTENCES = 3100

# --baseline-code's children run the Apertium path with another copy's localize package.
CODE = Path(os.environ.get(_CODE_VARIABLE := "BENCH_ENFORCE_CODE", REPO))
sys.path.insert(0, str(CODE))
sys.path.insert(0, str(REPO / "bench"))

from bench_model import isolated_argos_home, raw_translate_batch  # noqa: E402
from bench_timing import load, paired, rotated, summary, timed  # noqa: E402

_MODELS = isolated_argos_home("bench-enforce-", THREADS, BEAM)

NO_MATCH_GLOSSARY = """\
schema: 1
version: "1"
source_language: en
languages: [es]
entries:
  - id: nothing
    source: Zzyzx Qwvb
    kind: term
    targets: {es: Zzyzx}
    note: Matches no sentence of the corpus.
"""


def example_sentences() -> list[str]:
    from localize.source import read_article

    sentences: list[str] = []
    for path in sorted((REPO / "examples").iterdir()):
        article = read_article(path)
        sentences += [article.text[u.start : u.end] for u in article.units]
    return sentences


def case_sentences() -> list[str]:
    import yaml

    sentences: list[str] = []
    for path in sorted((REPO / "tests" / "glossary_cases").rglob("*.yaml")):
        sentences += [case["source"] for case in yaml.safe_load(path.read_text("utf-8"))["cases"]]
    return sentences


def bench_argos(
    rounds: int,
    count: int,
    baseline_count: int,
    warm_only: bool = False,
    drafts: Path | None = None,
) -> None:
    """``warm_only``: raw and enforced (warm) alone, as ``--baseline-code``'s children time
    them; ``drafts``: a JSON file for the enforced drafts of the last round, in order."""
    from bench_model import bench_package

    from localize import enforce
    from localize.engines.argos import ArgosEngine, DecodingOptions
    from localize.engines.argos_packages import install_file
    from localize.engines.base import EngineOptions
    from localize.glossary import load_glossary, shipped_path
    from localize.term_renderings import FILE_NAME

    install_file(bench_package(), _MODELS)
    glossary = load_glossary(shipped_path())
    sentences = list(dict.fromkeys(example_sentences() + case_sentences()))[:count]
    termed = sum(1 for s in sentences if glossary.match(s))
    decoding = DecodingOptions(beam_size=BEAM)
    translator = ArgosEngine(EngineOptions(models_dir=_MODELS), decoding).open("en", "es")
    leg = translator.legs[0]
    per_call = ArgosEngine.sentences_per_call
    print(
        f"argos: {len(sentences)} distinct sentences, {termed} hold glossary terms; beam {BEAM}; "
        f"{decoding.inter_threads} workers x {decoding.intra_threads} thread(s); token batches "
        f"of {decoding.batch_tokens}; {per_call} sentences at most per call, in calls of equal "
        f"size, as localize translate makes them; localize from {Path(enforce.__file__).parent}"
    )
    tokenized = [leg.tokens(s) for s in sentences]

    def raw() -> list[str]:
        outputs = raw_translate_batch(leg.model, tokenized, decoding, BEAM)
        return [leg.sp.decode_pieces(o.hypotheses[0]) for o in outputs]

    def enforce_all(cold: bool = False) -> list[str]:
        # A new process starts without term renderings in memory: forget this translator's.
        enforce._RENDERINGS.pop(translator, None)
        if cold:  # and the model's first run without any kept beside it
            enforce._STORES.pop(translator, None)
            (_MODELS / FILE_NAME).unlink(missing_ok=True)
        parts = [sentences[call] for call in ArgosEngine.calls(len(sentences))]
        return [d.text for drafts in enforced(translator, parts, glossary) for d in drafts]

    from argostranslate import translate as argos_translate

    # Spread over the corpus, so that it has the same mix of short and long sentences.
    baseline = sentences[:: max(1, len(sentences) // baseline_count)][:baseline_count]
    baseline_tokens = sum(len(leg.tokens(s)) for s in baseline)
    print(
        f"  {sum(map(len, tokenized)) / len(tokenized):.1f} tokens per sentence; argostranslate's "
        f"{len(baseline)}: {baseline_tokens / len(baseline):.1f}"
    )

    def argos_per_sentence() -> list[str]:
        return [argos_translate.translate(s, "en", "es") for s in baseline]

    raw()  # warm-ups: first calls allocate
    enforce_all()
    if warm_only:
        bench_argos_warm(rounds, raw, enforce_all, drafts)
        translator.close()
        return
    argos_translate.translate(sentences[0], "en", "es")
    print(f"  before: {load()}")
    overheads, cold_overheads, speed, raw_speed, cpu_overheads = [], [], [], [], []
    outputs: dict[str, list[str]] = {}
    for r in range(rounds):
        # Each round times every path (raw, enforced, cold) under the same load; the order rotates.
        paths = [
            ("raw", raw),
            ("enforced", enforce_all),
            ("argostranslate", argos_per_sentence),
            ("cold", partial(enforce_all, cold=True)),
        ]
        paths = rotated(paths, r)
        spent: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for name, action in paths:
            spent[name], cpu[name], result = timed(action)
            outputs[name] = result  # type: ignore[assignment]
        overheads.append(spent["enforced"] / spent["raw"])
        cpu_overheads.append(cpu["enforced"] / cpu["raw"])
        cold_overheads.append(spent["cold"] / spent["raw"])
        mine = spent["enforced"] / len(sentences)
        theirs = spent["argostranslate"] / len(baseline)
        speed.append(theirs / mine)
        raw_speed.append(theirs / (spent["raw"] / len(sentences)))
        print(
            f"  round {r + 1}: raw {spent['raw']:.1f} s, enforced {spent['enforced']:.1f} s "
            f"= {overheads[-1]:.3f}x, cold {spent['cold']:.1f} s = {cold_overheads[-1]:.3f}x; "
            f"argostranslate {theirs * 1000:.0f} ms/sentence, "
            f"enforced {mine * 1000:.0f} ms/sentence = {speed[-1]:.1f}x; per token: "
            f"argostranslate {spent['argostranslate'] / baseline_tokens * 1000:.1f} ms, raw "
            f"{spent['raw'] / sum(map(len, tokenized)) * 1000:.1f} ms; CPU: raw "
            f"{cpu['raw']:.1f} s, enforced {cpu['enforced']:.1f} s = {cpu_overheads[-1]:.3f}x, "
            f"cold {cpu['cold']:.1f} s",
            flush=True,
        )
    print(f"  after: {load()}")
    plain = dict(zip(sentences, outputs["raw"], strict=True))
    drafts = dict(zip(sentences, outputs["enforced"], strict=True))
    same = sum(drafts[s] == plain[s] for s in sentences if not glossary.match(s))
    print(
        f"ARGOS enforcement / raw translate_batch: {summary(overheads)}; goal <= 1.10x; "
        f"sentences without terms identical to raw: {same}/{len(sentences) - termed}; in CPU "
        f"time (this process's threads and its dictionary processes): {summary(cpu_overheads)}"
    )
    print(
        f"ARGOS cold (a model's first run: every term rendering translated): "
        f"{summary(cold_overheads)}; enforced drafts identical warm and cold: "
        f"{outputs['cold'] == outputs['enforced']}"
    )
    print(
        f"SPEED-UP over argostranslate.translate() with enforcement ({len(baseline)} sentences "
        f"per round for argostranslate): median {statistics.median(speed):.1f}x (spread "
        f"{min(speed):.1f}-{max(speed):.1f}); goal >= 10x; raw translate_batch without "
        f"enforcement: {statistics.median(raw_speed):.1f}x "
        f"({min(raw_speed):.1f}-{max(raw_speed):.1f})"
    )
    translator.close()


def bench_argos_warm(
    rounds: int,
    raw: Callable[[], list[str]],
    enforce_all: Callable[[], list[str]],
    drafts: Path | None,
) -> None:
    """Raw and enforced (warm) in turn, alternating which goes first; one line of seconds per
    round for ``bench_argos_codes`` to read."""
    import json

    texts: list[str] = []
    for r in range(rounds):
        paths = rotated([("raw", raw), ("enforced", enforce_all)], r)
        spent: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for name, action in paths:
            spent[name], cpu[name], result = timed(action)
            if name == "enforced":
                texts = result
        print(
            f"  seconds (raw, enforced, CPU raw, CPU enforced): {spent['raw']} "
            f"{spent['enforced']} {cpu['raw']} {cpu['enforced']}",
            flush=True,
        )
    if drafts is not None:
        drafts.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")


def bench_argos_codes(rounds: int, count: int | None, baseline: Path) -> None:
    """The Argos path (raw and enforced, warm) with this code and with ``baseline``'s, a
    child process each per round, alternating which goes first; the enforced drafts of the
    two codes compared whole."""
    import json
    import tempfile

    texts: dict[str, list[str]] = {}
    print(f"argos, this code against {baseline}; before: {load()}")
    with tempfile.TemporaryDirectory(prefix="bench-enforce-drafts-") as folder:
        out = Path(folder) / "drafts.json"
        args = ["--only", "argos", "--rounds", "1", "--warm-only", "--drafts", str(out)]
        args += ["--sentences", str(count)] if count else []

        def after_child(name: str) -> None:
            texts[name] = json.loads(out.read_text("utf-8"))

        _codes_in_children("ARGOS", ("raw", "enforced"), rounds, baseline, args, after_child)
    same = sum(a == b for a, b in zip(texts["this code"], texts["baseline"], strict=True))
    print(f"ARGOS enforced drafts identical to the baseline's: {same}/{len(texts['baseline'])}")


def _codes_in_children(
    tag: str,
    sides: tuple[str, str],
    rounds: int,
    baseline: Path,
    args: list[str],
    after_child: Callable[[str], None] = lambda name: None,
) -> None:
    """One path of this bench (``args``: its options for one round) run with this code and
    with ``baseline``'s, a child process each per round, alternating which goes first; each
    child prints its ``seconds (...)`` line: the two sides' wall, then their CPU. Prints each
    round, each code's second side over its first, and this code over the baseline's."""
    import subprocess

    codes = [("this code", REPO), ("baseline", baseline)]
    seconds: dict[str, list[list[float]]] = {name: [] for name, _ in codes}
    first, second = sides
    for r in range(rounds):
        for name, root in codes if r % 2 == 0 else codes[::-1]:
            done = subprocess.run(
                [sys.executable, __file__, *args],
                env={**os.environ, _CODE_VARIABLE: str(root)},
                capture_output=True,
                text=True,
            )
            lines = [x for x in done.stdout.splitlines() if x.strip().startswith("seconds (")]
            if done.returncode != 0 or not lines:
                sys.exit(f"{name}: the {tag.lower()} path failed: {done.stderr.strip()[-500:]}")
            seconds[name].append([float(x) for x in lines[0].split(":")[1].split()])
            after_child(name)
            a, b, a_cpu, b_cpu = seconds[name][-1]
            print(
                f"  round {r + 1}, {name}: {first} {a:.2f} s, {second} {b:.2f} s = {b / a:.3f}x; "
                f"CPU {a_cpu:.2f} s / {b_cpu:.2f} s = {b_cpu / a_cpu:.3f}x",
                flush=True,
            )
    print(f"  after: {load()}")
    for name, _ in codes:
        rows = seconds[name]
        print(
            f"{tag} {name}: {second} / {first} {summary([b / a for a, b, _, _ in rows])}; "
            f"CPU {summary([d / c for _, _, c, d in rows])}"
        )
    mine, theirs = seconds["this code"], seconds["baseline"]
    for label, column in ((f"{second} wall", 1), (f"{second} CPU", 3), (f"{first} CPU", 2)):
        ratios = [m[column] / t[column] for m, t in zip(mine, theirs, strict=True)]
        print(f"{tag} this code / baseline, {label}, same round: {summary(ratios)}")


def bench_apertium(rounds: int) -> None:
    from localize.engines.apertium import ApertiumEngine
    from localize.glossary import load_glossary, parse_glossary, shipped_path

    engine = ApertiumEngine()
    translator = engine.open("en", "es")
    translator.close()
    shipped = load_glossary(shipped_path())
    nothing = parse_glossary(NO_MATCH_GLOSSARY, _MODELS.parent / "no-match.yaml")
    base = example_sentences()
    sentences = (base * (APERTIUM_SENTENCES // len(base) + 1))[:APERTIUM_SENTENCES]
    assert not any(nothing.match(s) for s in sentences)
    per_call = engine.sentences_per_call
    print(
        f"apertium {translator.describe()}: {len(sentences)} sentences, "
        f"{sum(1 for s in sentences if shipped.match(s))} hold terms of the shipped glossary; "
        f"at most {per_call} per call, in calls of equal size; localize from "
        f"{Path(sys.modules['localize'].__file__ or '').parent}"
    )

    def run(glossary):  # type: ignore[no-untyped-def]
        def path() -> None:
            # A translator of its own, as in a new process: its running pipeline starts and
            # its term renderings are looked up again.
            fresh = engine.open("en", "es")
            try:
                parts = [sentences[call] for call in engine.calls(len(sentences))]
                for part, _drafts in zip(parts, enforced(fresh, parts, glossary), strict=True):
                    fresh.source_notes(part)
            finally:
                fresh.close()

        return path

    run(shipped)()  # warm the page cache for the pair's programs
    print(f"  before: {load()}")
    pairs, cpus = paired("shipped/no-match", rounds, run(nothing), run(shipped))
    print(f"  after: {load()}")
    for (a, b), (a_cpu, b_cpu) in zip(pairs, cpus, strict=True):
        print(f"  seconds (no-match, shipped, CPU no-match, CPU shipped): {a} {b} {a_cpu} {b_cpu}")
    print(
        f"APERTIUM shipped glossary / glossary with no matching term: "
        f"{summary([b / a for a, b in pairs])}; goal <= 1.15x; CPU time "
        f"{summary([b / a for a, b in cpus])}"
    )


def enforced(translator, parts, glossary):  # type: ignore[no-untyped-def]
    """Each part's drafts as ``localize translate`` asks for them: ``enforce_batches``, or
    one ``enforce_batch`` per part with a baseline's code that predates it."""
    from localize import enforce
    from localize.placeholders import default_placeholder

    if hasattr(enforce, "enforce_batches"):
        batches = ((part, None) for part in parts)
        return enforce.enforce_batches(translator, default_placeholder, batches, glossary, "es")
    return (
        enforce.enforce_batch(translator, default_placeholder, part, glossary, "es")
        for part in parts
    )


def bench_apertium_codes(rounds: int, baseline: Path) -> None:
    """The Apertium path with this code and with ``baseline``'s, a child process each per
    round, alternating which goes first."""
    print(f"apertium, this code against {baseline}; before: {load()}")
    args = ["--only", "apertium", "--rounds", "1"]
    _codes_in_children("APERTIUM", ("no-match", "shipped"), rounds, baseline, args)


def bench_whole(rounds: int, baseline: Path | None = None) -> None:
    """``localize translate`` as whole processes, the shipped glossary against the one with no
    matching term; with ``baseline``, that folder's localize package's processes too, the four
    paths in rotating order each round."""
    import subprocess
    import tempfile

    from bench_noop import article

    from localize.glossary import shipped_path

    text = article(APERTIUM_SENTENCES)
    print(f"whole process: localize translate, {APERTIUM_SENTENCES} distinct sentences, apertium")
    codes = {"this code": REPO, **({"baseline": baseline} if baseline is not None else {})}
    for name, root in codes.items():
        print(f"  {name}: localize from {root}")

    def translate(project: Path, code: Path) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "localize", "-q", "translate", "story.txt", "--to"]
            + ["es", "--engine", "apertium", "--glossary", "glossary.yaml"],
            cwd=project,
            capture_output=True,
            text=True,
            # Each code's own package first (the venv's editable install may be another tree).
            env={**os.environ, "PYTHONPATH": str(code)},
        )
        if done.returncode != 0:
            sys.exit(f"localize translate failed ({code}): {done.stderr.strip()}")

    glossaries = {"no-match": NO_MATCH_GLOSSARY, "shipped": shipped_path().read_text("utf-8")}
    with tempfile.TemporaryDirectory(prefix="bench-enforce-whole-") as folder:
        # A fresh project per path and round, made before the rounds: only ``localize`` is timed.
        def project(label: str, glossary: str, words: str) -> Path:
            root = Path(folder) / label
            root.mkdir()
            (root / "story.txt").write_text(words, encoding="utf-8")
            (root / "glossary.yaml").write_text(glossary, encoding="utf-8")
            return root

        # Each code once on a short article first: its bytecode written, the engine's programs
        # in the page cache.
        for c, code in enumerate(codes.values()):
            translate(project(f"warm-{c}", glossaries["shipped"], article(20)), code)
        paths = [(code, glossary) for code in codes for glossary in glossaries]
        projects = {
            (code, glossary, r): project(f"{c}-{glossary}-{r}", glossaries[glossary], text)
            for c, code in enumerate(codes)
            for glossary in glossaries
            for r in range(rounds)
        }
        print(f"  before: {load()}")
        # (wall, CPU) per path and round; CPU: the localize process and its children.
        times: dict[tuple[str, str], list[tuple[float, float]]] = {path: [] for path in paths}
        for r in range(rounds):
            for code, glossary in rotated(paths, r):
                wall, cpu, _ = timed(partial(translate, projects[(code, glossary, r)], codes[code]))
                times[(code, glossary)].append((wall, cpu))
                print(
                    f"  round {r + 1}, {code}, {glossary}: {wall:.2f} s, CPU {cpu:.2f} s",
                    flush=True,
                )
        print(f"  after: {load()}")
    for code in codes:
        nothing, shipped = times[(code, "no-match")], times[(code, "shipped")]
        print(
            f"WHOLE PROCESS {code}: shipped glossary / glossary with no matching term: "
            f"{summary([b[0] / a[0] for a, b in zip(nothing, shipped, strict=True)])}; goal "
            f"<= 1.15x; CPU time "
            f"{summary([b[1] / a[1] for a, b in zip(nothing, shipped, strict=True)])}"
        )
    if baseline is None:
        return
    for label, glossary, column in (
        ("shipped wall", "shipped", 0),
        ("shipped CPU", "shipped", 1),
        ("no-match wall", "no-match", 0),
        ("no-match CPU", "no-match", 1),
    ):
        mine, theirs = times[("this code", glossary)], times[("baseline", glossary)]
        ratios = [m[column] / t[column] for m, t in zip(mine, theirs, strict=True)]
        print(f"WHOLE PROCESS this code / baseline, {label}, same round: {summary(ratios)}")


def bench_account(rounds: int) -> None:
    """Where the shipped glossary's extra CPU goes in a whole ``localize translate`` process
    (``--only whole``'s article and glossaries, this code): each run goes through
    ``bench/cpu_account.py``, which counts this process's own CPU, every program it starts and
    what each Apertium request carried; the two glossaries alternate, a fresh project each."""
    import json
    import subprocess
    import tempfile

    from bench_noop import article

    from localize.glossary import shipped_path

    glossaries = {"no-match": NO_MATCH_GLOSSARY, "shipped": shipped_path().read_text("utf-8")}
    text = article(APERTIUM_SENTENCES)
    print(f"CPU account: localize translate, {APERTIUM_SENTENCES} distinct sentences, apertium")
    accounts: dict[str, list[dict]] = {glossary: [] for glossary in glossaries}
    walls: dict[str, list[float]] = {glossary: [] for glossary in glossaries}
    with tempfile.TemporaryDirectory(prefix="bench-enforce-account-") as folder:

        def run(label: str, glossary: str, words: str) -> tuple[float, dict]:
            root = Path(folder) / label
            root.mkdir()
            (root / "story.txt").write_text(words, encoding="utf-8")
            (root / "glossary.yaml").write_text(glossaries[glossary], encoding="utf-8")
            out = root / "account.json"
            argv = [sys.executable, str(REPO / "bench" / "cpu_account.py"), str(out), "-q"]
            argv += ["translate", "story.txt", "--to", "es", "--engine", "apertium"]
            argv += ["--glossary", "glossary.yaml"]
            env = {**os.environ, "PYTHONPATH": str(REPO)}

            def child() -> None:
                done = subprocess.run(argv, cwd=root, capture_output=True, text=True, env=env)
                if done.returncode != 0:
                    sys.exit(f"localize translate failed: {done.stderr.strip()[-500:]}")

            wall, _, _ = timed(child)
            return wall, json.loads(out.read_text("utf-8"))

        run("warm", "shipped", article(20))
        print(f"  before: {load()}")
        for r in range(rounds):
            for glossary in rotated(list(glossaries), r):
                wall, account = run(f"{glossary}-{r}", glossary, text)
                walls[glossary].append(wall)
                accounts[glossary].append(account)
                print(f"  round {r + 1}, {glossary}: {wall:.2f} s, {_account_line(account)}")
        print(f"  after: {load()}")
    spent = {g: [_cpu_by_part(a) for a in accounts[g]] for g in glossaries}
    parts = sorted({part for g in glossaries for found in spent[g] for part in found})
    print("CPU seconds, median (min-max) over the rounds; extra: shipped - no-match, same round")
    for part in parts:
        nothing = [found.get(part, 0.0) for found in spent["no-match"]]
        shipped = [found.get(part, 0.0) for found in spent["shipped"]]
        extra = [b - a for a, b in zip(nothing, shipped, strict=True)]
        print(
            f"ACCOUNT {part}: no-match {_spread(nothing)}, shipped {_spread(shipped)}, "
            f"extra {_spread(extra)}"
        )
    for glossary in glossaries:
        for line in _requests_lines(accounts[glossary][-1]):
            print(f"REQUESTS {glossary}: {line}")
    for glossary in glossaries:
        print(f"timeline of the last {glossary} run (seconds since localize started counting):")
        for line in _timeline(accounts[glossary][-1]):
            print(f"  {line}")


def _timeline(account: dict) -> list[str]:
    """The engine's requests and enforcement's calls in time order, and the run's end."""
    spans = [
        (
            r["began"],
            r["ended"],
            f"{_pass_of(r['thread'])}: {r['sentences']} texts, pipeline {r['pipeline']}",
        )
        for r in account["requests"]
    ]
    spans += [(began, ended, what) for what, _, began, ended in account["spans"]]
    lines = [f"{a:6.2f}-{b:6.2f} ({b - a:5.2f} s) {what}" for a, b, what in sorted(spans)]
    return [*lines, f"{account['ended']:6.2f} the process ends"]


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def _account_line(account: dict) -> str:
    total = account["own"] + sum(p["cpu"] or 0.0 for p in account["processes"])
    unreaped = sum(p["cpu"] is None for p in account["processes"])
    return f"CPU {total:.2f} s (own {account['own']:.2f} s), {unreaped} programs not counted"


def _pass_of(thread: str) -> str:
    if thread.startswith("localize-first-pass"):
        return "first passes"
    if thread.startswith("localize-masked-pass"):
        return "masked passes"
    return "main thread (term renderings, unknown words)"


def _cpu_by_part(account: dict) -> dict[str, float]:
    """CPU seconds of one run by part: localize's own Python, each translation pipeline's
    running programs, the programs started per request (by the pass that asked), the
    dictionaries' analysers (placement's readings), the rest."""
    spent: dict[str, float] = {"localize's own process (Python)": account["own"]}
    for process in account["processes"]:
        argv, cpu = process["argv"], process["cpu"] or 0.0
        name = Path(argv[0]).name
        if process.get("pipeline"):
            part = f"translation pipeline {process['pipeline']}: running programs"
        elif name == "bash" or name in ("apertium-destxt", "apertium-retxt"):
            part = f"{_pass_of(process['thread'])}: programs run per request"
        elif name == "lt-proc" and "-z" in argv:
            part = "dictionaries' lt-proc (placement's readings)"
        elif name == "lt-proc":
            part = "unknown-word analyser"
        elif name == "apertium":
            part = "apertium command (where a pipeline could not answer)"
        else:
            part = "other programs (locale, dpkg-query, apertium-wblank-mode)"
        spent[part] = spent.get(part, 0.0) + cpu
    return spent


def _requests_lines(account: dict) -> list[str]:
    """What went to Apertium's pipelines, by pass and pipeline, and to the dictionaries."""
    totals: dict[tuple[str, int], list[int]] = {}
    for request in account["requests"]:
        key = (_pass_of(request["thread"]), request["pipeline"])
        found = totals.setdefault(key, [0, 0, 0])
        found[0] += 1
        found[1] += request["sentences"]
        found[2] += request["characters"]
    lines = [
        f"{part}, pipeline {pipeline}: {n} requests, {sentences} texts, {characters} characters"
        for (part, pipeline), (n, sentences, characters) in sorted(totals.items())
    ]
    readings: dict[str, list[int]] = {}
    for asked in account["readings"]:
        found = readings.setdefault(asked["dictionary"], [0, 0])
        found[0] += 1
        found[1] += asked["lines"]
    lines += [
        f"lt-proc {name}: {n} calls, {lines_} lines" for name, (n, lines_) in readings.items()
    ]
    return lines


def whole_sentences() -> list[str]:
    """The whole mode's 3,100 distinct sentences (bench_noop's article), one by one."""
    from bench_noop import example_sentences as noop_sentences

    base = noop_sentences()
    return [
        f"{base[i % len(base)][:-1]}, in round {i // len(base) + 1}."
        for i in range(APERTIUM_SENTENCES)
    ]


def bench_replay(rounds: int, baseline: Path | None) -> None:
    """Enforcement's Python alone: Apertium's answers to the whole mode's sentences recorded
    once (this code, both glossaries), then each code enforces them again in a child process
    of its own with a translator that only replays them, and prints the CPU seconds of the
    ``enforce_batches`` calls. No engine runs while it is timed, so the figure moves far less
    with the machine's load than a whole process does."""
    import pickle
    import subprocess
    import tempfile

    from localize.engines.apertium import ApertiumEngine
    from localize.glossary import load_glossary, parse_glossary, shipped_path

    engine = ApertiumEngine()
    sentences = whole_sentences()
    parts = [sentences[call] for call in engine.calls(len(sentences))]
    translator = engine.open("en", "es")
    answers: dict[str, str] = {}
    real = translator.translate

    def recording(texts):  # type: ignore[no-untyped-def]
        found = real(texts)
        answers.update(zip(texts, found, strict=True))
        return found

    translator.translate = recording  # type: ignore[method-assign]
    glossaries = {
        "no-match": parse_glossary(NO_MATCH_GLOSSARY, _MODELS.parent / "no-match.yaml"),
        "shipped": load_glossary(shipped_path()),
    }
    for glossary in glossaries.values():
        for _drafts in enforced(translator, parts, glossary):
            pass
    pair = translator.pair
    translator.close()
    codes = {"this code": REPO, **({"baseline": baseline} if baseline is not None else {})}
    print(
        f"replay: enforcement of {len(sentences)} distinct sentences in {len(parts)} calls, "
        f"{len(answers)} Apertium answers recorded; CPU seconds of this process"
    )
    with tempfile.TemporaryDirectory(prefix="bench-enforce-replay-") as folder:
        recorded = Path(folder) / "answers.pickle"
        recorded.write_bytes(pickle.dumps((pair, parts, answers)))
        paths = [(code, glossary) for code in codes for glossary in glossaries]
        seconds: dict[tuple[str, str], list[float]] = {path: [] for path in paths}
        digests: dict[str, set[str]] = {glossary: set() for glossary in glossaries}
        print(f"  before: {load()}")
        for r in range(rounds):
            for code, glossary in rotated(paths, r):
                done = subprocess.run(
                    [sys.executable, __file__, "--replay-child", str(recorded), glossary],
                    env={**os.environ, _CODE_VARIABLE: str(codes[code])},
                    capture_output=True,
                    text=True,
                )
                if done.returncode != 0:
                    sys.exit(f"{code}: the replay failed: {done.stderr.strip()[-500:]}")
                digest, spent = done.stdout.split()[-2:]
                seconds[(code, glossary)].append(float(spent))
                digests[glossary].add(digest)
                print(
                    f"  round {r + 1}, {code}, {glossary}: {seconds[(code, glossary)][-1]:.3f} s",
                    flush=True,
                )
        print(f"  after: {load()}")
    for code in codes:
        nothing, shipped = seconds[(code, "no-match")], seconds[(code, "shipped")]
        print(
            f"REPLAY {code}: enforcement CPU, shipped {statistics.median(shipped):.3f} s "
            f"({min(shipped):.3f}-{max(shipped):.3f}), no-match {statistics.median(nothing):.3f} "
            f"s ({min(nothing):.3f}-{max(nothing):.3f})"
        )
    for glossary, made in digests.items():
        verdict = (
            "the same in every round of every code"
            if len(made) == 1
            else "NOT THE SAME across codes and rounds"
        )
        print(f"REPLAY drafts (text, flags, comments), {glossary}: {verdict}")
    if baseline is not None:
        for glossary in glossaries:
            mine, theirs = seconds[("this code", glossary)], seconds[("baseline", glossary)]
            ratios = [m / t for m, t in zip(mine, theirs, strict=True)]
            print(f"REPLAY this code / baseline, {glossary} CPU, same round: {summary(ratios)}")


def replay_child(recorded: Path, glossary_name: str) -> None:
    """One replayed enforcement (``bench_replay``) with the code of this process."""
    import pickle
    import time

    from localize.engines.base import Translator
    from localize.glossary import load_glossary, parse_glossary, shipped_path

    pair, parts, answers = pickle.loads(recorded.read_bytes())

    class Replaying(Translator):
        def __init__(self) -> None:
            self.pair = pair

        def translate(self, sentences):  # type: ignore[no-untyped-def]
            return [answers[s] for s in sentences]

    if glossary_name == "shipped":
        glossary = load_glossary(shipped_path())
    else:
        glossary = parse_glossary(NO_MATCH_GLOSSARY, recorded.parent / "no-match.yaml")
    began = time.process_time()
    drafts = list(enforced(Replaying(), parts, glossary))
    spent = time.process_time() - began
    # What each code made of the same answers: compared across codes by the parent.
    made = [[(d.text, d.flags, d.comments) for d in part] for part in drafts]
    print(hashlib.sha256(repr(made).encode("utf-8")).hexdigest())
    print(f"{spent:.4f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--only", choices=("argos", "apertium", "whole", "replay", "account"), default=None
    )
    parser.add_argument("--replay-child", nargs=2, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--sentences", type=int, default=None, help="the first N distinct sentences (Argos)"
    )
    parser.add_argument(
        "--baseline", type=int, default=20, help="sentences argostranslate translates per round"
    )
    parser.add_argument(
        "--baseline-code",
        type=Path,
        default=None,
        help="with --only apertium, argos, whole or replay: also time the localize package of DIR",
    )
    parser.add_argument(
        "--warm-only", action="store_true", help=argparse.SUPPRESS
    )  # --baseline-code's Argos children: raw and enforced (warm) only
    parser.add_argument("--drafts", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.replay_child is not None:
        replay_child(Path(args.replay_child[0]), args.replay_child[1])
        return 0
    print(f"start: {load()}")
    if args.baseline_code is not None:
        baseline = args.baseline_code.resolve()
        if args.only not in ("apertium", "argos", "whole", "replay"):
            parser.error("--baseline-code goes with --only apertium, argos, whole or replay")
        if not (baseline / "localize" / "__init__.py").is_file():
            parser.error(
                f"{baseline}: no localize package there (git archive BASE | tar -x -C DIR)"
            )
        if args.only == "whole":
            bench_whole(args.rounds, baseline)
        elif args.only == "replay":
            bench_replay(args.rounds, baseline)
        elif args.only == "argos":
            bench_argos_codes(args.rounds, args.sentences, baseline)
        else:
            bench_apertium_codes(args.rounds, baseline)
        return 0
    if args.only in (None, "argos"):
        bench_argos(args.rounds, args.sentences, args.baseline, args.warm_only, args.drafts)
    if args.only in (None, "apertium"):
        bench_apertium(args.rounds)
    if args.only in (None, "whole"):
        bench_whole(args.rounds)
    if args.only == "account":
        bench_account(args.rounds)
    if args.only == "replay":
        bench_replay(args.rounds, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
