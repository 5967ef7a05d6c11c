"""The Apertium engine through the real ``apertium`` command (Debian packages apertium and
apertium-eng-spa); skipped with a reason only where they are not installed."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from localize.engines import apertium as apertium_module
from localize.engines.apertium import ApertiumEngine, parse_mode_name
from localize.engines.registry import get_engine
from localize.errors import EngineUnavailable
from localize.formats.text import TextFormat

from conftest import WIRE_ARTICLE

HAVE_APERTIUM = shutil.which("apertium") is not None
needs_apertium = pytest.mark.skipif(
    not HAVE_APERTIUM, reason="apertium not found: apt-get install apertium apertium-eng-spa"
)


@pytest.fixture(scope="module")
def engine() -> ApertiumEngine:
    if not HAVE_APERTIUM:
        pytest.skip("apertium not found: apt-get install apertium apertium-eng-spa")
    engine = ApertiumEngine()
    if engine.find_mode("en", "es") is None:
        pytest.skip("apertium-eng-spa not installed: apt-get install apertium-eng-spa")
    return engine


@pytest.fixture(scope="module")
def translator(engine: ApertiumEngine):
    return engine.open("en", "es")


def article_sentences() -> list[str]:
    text = WIRE_ARTICLE.read_text(encoding="utf-8")
    return [text[u.start : u.end] for u in TextFormat().parse(text, "en")]


class RunCounter:
    """Wraps the translator's request to Apertium (the running pipeline or an ``apertium``
    process) to count them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.translations = 0
        real = apertium_module.ApertiumTranslator._request

        def counting(translator, text, **kwargs):
            self.translations += 1
            return real(translator, text, **kwargs)

        monkeypatch.setattr(apertium_module.ApertiumTranslator, "_request", counting)


# -- without apertium ---------------------------------------------------------------------------


def _programs_run(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The argv of every program the engine runs one-off (``apertium._run``) from now on."""
    started: list[list[str]] = []
    real_run = apertium_module._run

    def recording(argv: list[str], text: str, **kwargs):  # type: ignore[no-untyped-def]
        started.append(argv)
        return real_run(argv, text, **kwargs)

    monkeypatch.setattr(apertium_module, "_run", recording)
    return started


def test_missing_apertium_names_the_debian_packages(tmp_path: Path) -> None:
    engine = ApertiumEngine(search_path=str(tmp_path))
    assert engine.available_pairs() == []
    assert engine.version() == ""
    with pytest.raises(EngineUnavailable, match=r"apt-get install apertium apertium-eng-spa"):
        engine.open("en", "es")


def test_missing_apertium_on_process_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    engine = get_engine("apertium")
    assert engine.available_pairs() == []
    with pytest.raises(EngineUnavailable, match="apertium-eng-spa"):
        engine.open("en", "es")


@pytest.mark.parametrize(
    ("name", "source", "target", "variant"),
    [
        ("eng-spa", "en", "es", None),
        ("en-gl", "en", "gl", None),
        ("eng-cat_valencia", "en", "ca_valencia", "valencia"),
        ("spa-eng_US", "es", "en_US", "US"),
    ],
)
def test_mode_names_map_to_iso_639_1(name: str, source: str, target: str, variant: str) -> None:
    mode = parse_mode_name(name)
    assert mode is not None
    assert (mode.source, mode.target, mode.variant, mode.name) == (source, target, variant, name)


def test_non_translation_names_are_ignored() -> None:
    assert parse_mode_name("README") is None
    assert parse_mode_name("eng-spa-morph") is None


# -- discovery ---------------------------------------------------------------------------------


def test_installed_modes_become_pairs(engine: ApertiumEngine) -> None:
    pairs = {(p.source, p.target): p for p in engine.available_pairs()}
    assert pairs[("en", "es")].model == "eng-spa"
    assert pairs[("en", "es")].engine == "apertium"
    assert re.match(r"\d", engine.version())
    if shutil.which("dpkg-query"):
        assert re.match(r"\d", pairs[("en", "es")].version)


def test_the_modes_are_those_apertium_lists(
    engine: ApertiumEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The modes are read from the data folder, as ``apertium -l`` reads them, in its order
    (a mode file whose name starts with a dot is left out, as the shell's pattern leaves it);
    without that folder the command is asked."""
    import subprocess

    def listed() -> list[str]:
        command = [engine.executable() or "apertium", "-l"]
        names = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return [name for name in names.split() if name != "*"]  # "*": the pattern, unmatched

    assert len(listed()) >= 2
    assert [mode.name for mode in ApertiumEngine().modes()] == listed()
    data = tmp_path / "data"
    (data / "modes").mkdir(parents=True)
    for name in ("eng-spa.mode", "spa-eng_US.mode", ".eng-cat.mode", "README"):
        (data / "modes" / name).write_text("lt-proc x.bin\n", encoding="utf-8")
    monkeypatch.setenv("APERTIUM_DATADIR", str(data))
    assert [mode.name for mode in ApertiumEngine().modes()] == listed() == ["eng-spa", "spa-eng_US"]
    monkeypatch.setenv("APERTIUM_DATADIR", str(tmp_path / "none"))
    asked = _programs_run(monkeypatch)
    assert [mode.name for mode in ApertiumEngine().modes()] == listed() == []
    assert [argv[1:] for argv in asked] == [["-l"]]

    # A data folder that cannot be read is asked of the command too, never an error.
    monkeypatch.setenv("APERTIUM_DATADIR", str(data))
    real_is_dir = Path.is_dir

    def denied(path: Path) -> bool:
        if path == data / "modes":
            raise PermissionError(13, "Permission denied", str(path))
        return real_is_dir(path)

    monkeypatch.setattr(Path, "is_dir", denied)
    asked.clear()
    assert [mode.name for mode in ApertiumEngine().modes()] == listed()
    assert [argv[1:] for argv in asked] == [["-l"]]


def test_regional_target_uses_the_base_language_mode(engine: ApertiumEngine) -> None:
    mode = engine.find_mode("en", "es_MX")
    assert mode is not None and mode.name == "eng-spa"
    assert engine.find_mode("eng", "es-AR").name == "eng-spa"
    variants = [m for m in engine.modes() if m.variant and m.source == "en"]
    for variant in variants:
        assert engine.find_mode("en", variant.target) == variant


def test_unknown_pair_lists_what_is_installed(engine: ApertiumEngine) -> None:
    message = r"no Apertium pair for en->zh \(installed: .*en->es"
    with pytest.raises(EngineUnavailable, match=message):
        engine.open("en", "zh")


# -- translation -------------------------------------------------------------------------------


def test_batch_equals_one_process_per_sentence(translator) -> None:
    """Blank-line separation keeps every sentence's translation independent of its neighbours."""
    sentences = article_sentences()[:12]
    batch = translator.translate(sentences)
    singles = [translator.translate([s])[0] for s in sentences]
    assert batch == singles
    # Every sentence with a lowercase word gets translated; a dateline such as
    # "(Xinhua) 16:20, Sept. 12, 2023" holds only names and numbers and may come back unchanged.
    worded = [
        (out, src)
        for out, src in zip(batch, sentences, strict=True)
        if re.search(r"\b[a-z]{3,}\b", src)
    ]
    assert len(worded) >= 8
    assert all(out != src for out, src in worded)


def test_a_batch_is_one_apertium_request(translator, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = RunCounter(monkeypatch)
    out = translator.translate(article_sentences()[:30])
    assert len(out) == 30
    assert counter.translations == 1


def _without_pipeline(engine: ApertiumEngine):
    translator = engine.open("en", "es")
    translator.pipeline = None
    return translator


def test_running_pipeline_gives_what_the_apertium_command_gives(engine: ApertiumEngine) -> None:
    """Byte for byte, for every text whatever was translated before it: apertium-tagger keeps
    state over a null flush, so it must not stay running (the masked sentences below were
    tagged differently after the plain ones when it did)."""
    from localize.placeholders import mask

    sentences = article_sentences()
    terms = re.compile(r"Wang Yi|Tajikistan|Belt and Road|China|Chinese|SCO|Xi Jinping")
    masked = [
        mask(s, [m.span() for m in terms.finditer(s)], engine.placeholder).text for s in sentences
    ]
    names = sorted({m.group(0) for s in sentences for m in terms.finditer(s)})
    command = _without_pipeline(engine)
    running = engine.open("en", "es")
    assert running.pipeline is not None
    try:
        for batch in (sentences, masked, names, masked, sentences):
            assert running.translate(batch) == command.translate(batch)
        segments = running.pipeline._segments
        assert segments is not None and any(s.running for s in segments)
        tagger = [s for s in segments if "apertium-tagger" in s.command]
        assert tagger and not any(s.running for s in tagger)
    finally:
        running.close()


def test_a_dead_pipeline_falls_back_to_the_apertium_command(engine: ApertiumEngine) -> None:
    import os
    import signal

    sentences = article_sentences()[:10]
    expected = _without_pipeline(engine).translate(sentences)
    translator = engine.open("en", "es")
    assert translator.translate(sentences[:1])
    segments = translator.pipeline._segments
    for segment in segments:
        if segment.process is not None:
            os.killpg(segment.process.pid, signal.SIGKILL)
            segment.process.wait()
    assert translator.translate(sentences) == expected
    assert translator.pipeline._broken
    translator.close()


def test_closing_ends_every_running_program(engine: ApertiumEngine) -> None:
    translator = engine.open("en", "es")
    translator.translate(["The state is strong."])
    processes = [s.process for s in translator.pipeline._segments if s.process is not None]
    assert processes and all(p.poll() is None for p in processes)
    translator.close()
    assert all(p.returncode is not None for p in processes)


def test_single_newline_would_merge_sentences_but_batches_do_not(translator) -> None:
    first, second = "He said", "yes."
    joined = apertium_module._run(
        [translator.executable, "-u", translator.mode.name], f"{first}\n{second}\n"
    ).stdout
    assert len([line for line in joined.splitlines() if line.strip()]) == 2
    out = translator.translate([first, second])
    assert out == [translator.translate([first])[0], translator.translate([second])[0]]


def test_count_mismatch_halves_the_batch(translator, monkeypatch: pytest.MonkeyPatch) -> None:
    # Apertium prints nothing for a NUL, so the output has one part too few.
    batch = ["Good morning.", "\x00", "The state is strong.", "Good night."]
    expected = [translator.translate([s])[0] for s in batch]
    counter = RunCounter(monkeypatch)
    assert translator.translate(batch) == expected
    assert counter.translations > 1
    assert expected[1] == ""


def test_unknown_words_are_recorded_not_marked(translator) -> None:
    batch = ["Wang Yi met Emomali Rahmon in Dushanbe.", "The minister is here.", ""]
    out = translator.translate(batch)
    assert translator.source_notes(batch) == [
        ["unknown words: Wang, Yi, Emomali, Rahmon, Dushanbe"],
        [],
        [],
    ]
    # Placeholders of masked terms are not words a reviewer must check.
    assert translator.source_notes(["zq1 met Xinhua reporters in zq2."]) == [
        ["unknown words: Xinhua"]
    ]
    assert "*" not in out[0]
    assert "Rahmon" in out[0]


def test_unknown_words_of_a_translated_batch_are_read_without_starting_the_analyser(
    engine: ApertiumEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The running pipeline's first programs are the mode's analyser: the unknown words of a
    batch it translated come from its analysis, the same as the analyser run on its own gives,
    with no program started; a batch it did not translate still runs the analyser."""
    sentences = [*article_sentences()[:40], "Wang Yi met Emomali Rahmon in Dushanbe.", ""]
    fresh = engine.open("en", "es")
    try:
        expected = fresh.source_notes(sentences)
    finally:
        fresh.close()
    assert sum(bool(notes) for notes in expected) >= 3
    translator = engine.open("en", "es")
    started = _programs_run(monkeypatch)
    try:
        translator.translate(sentences)
        assert translator.source_notes(sentences) == expected
        assert started == []
        other = ["The minister met Xinhua reporters in Dushanbe."]
        assert translator.source_notes(other) == [["unknown words: Xinhua, Dushanbe"]]
        assert len(started) == 2  # the deformatter and the analyser, for the text not translated
    finally:
        translator.close()


def test_marked_run_fallback_finds_the_same_unknown_words(engine: ApertiumEngine) -> None:
    analysing = engine.open("en", "es")
    marking = engine.open("en", "es")
    marking.analyser = None
    sentences = article_sentences()[:25]
    assert analysing.source_notes(sentences) == marking.source_notes(sentences)
    assert any(analysing.source_notes(sentences))


def test_empty_numbers_and_quotes(translator) -> None:
    batch = [
        "",
        "   ",
        "42",
        "2021",
        '"Yes," he said.',
        "'No.'",
        "\u201cWe agree,\u201d Wang said.",
    ]
    out = translator.translate(batch)
    assert out[:4] == ["", "   ", "42", "2021"]
    assert out[4].count('"') == 2
    assert out[5].count("'") == 2
    assert "\u201c" in out[6] and "\u201d" in out[6]


@pytest.mark.parametrize("char", list("^$[]\\@*#/<>{}"))
def test_format_characters_pass_through(translator, char: str) -> None:
    """The txt deformatter escapes these; each must come back once and keep the batch aligned."""
    batch = [f"The price {char} rises.", char, f"Good night {char}", "The state is strong."]
    out = translator.translate(batch)
    assert len(out) == 4
    assert out[0].count(char) == 1
    assert out[1] == char
    assert out[2].count(char) == 1
    assert out[3] == translator.translate(["The state is strong."])[0]


def test_line_breaks_inside_a_sentence_are_spaces(translator) -> None:
    out = translator.translate(["The minister\nmet reporters.", "The state\n\nis strong."])
    assert out == translator.translate(["The minister met reporters.", "The state is strong."])


# -- placeholders -------------------------------------------------------------------------------

PLACEHOLDER_SENTENCES = [
    "{0} met {1} in {2}.",
    'The {3}, {4}; and ({5}) said "{6}" {7}! {8}?',
    "The minister of {9} visited {10} and {11} with the {12} team: {13}",
    "{14}",
    "{15}'s team met the {16}-based team of {17}/{18}.",
]


def test_placeholders_survive_every_installed_english_pair(engine: ApertiumEngine) -> None:
    sentences = [
        s.format(*(engine.placeholder(i) for i in range(19))) for s in PLACEHOLDER_SENTENCES
    ]
    pairs = [p for p in engine.available_pairs() if p.source == "en"]
    assert pairs
    for pair in pairs:
        out = engine.open("en", pair.target).translate(sentences)
        text = "\n".join(out)
        for i in range(19):
            token = engine.placeholder(i)
            found = re.findall(rf"(?<![0-9A-Za-z]){re.escape(token)}(?![0-9])", text, re.I)
            assert len(found) == 1, (pair.model, token, out)


def test_masked_article_terms_restore_exactly_once(engine: ApertiumEngine) -> None:
    """The glossary masking helpers round-trip through every installed English pair."""
    from localize.placeholders import mask, restore

    terms = re.compile(r"Wang Yi|Tajikistan|Belt and Road|COVID-19|China|<b>|</b>")
    sentences = [s for s in article_sentences() if terms.search(s)][:20]
    sentences.append("The <b>state</b> is strong, China said.")
    masked = [mask(s, [m.span() for m in terms.finditer(s)], engine.placeholder) for s in sentences]
    for pair in (p for p in engine.available_pairs() if p.source == "en"):
        out = engine.open("en", pair.target).translate([m.text for m in masked])
        for source, item, text in zip(sentences, masked, out, strict=True):
            replacements = [f"[{o.upper()}]" for o in item.originals]
            restored = restore(text, item.tokens, replacements, pads=item.pads)
            assert restored.failed == [], (pair.model, source, text)
            for replacement in replacements:
                assert replacement in restored.text


def test_placeholder_glued_to_a_word_is_set_apart(translator) -> None:
    # What eng-cat makes of "zq1's team": the genitive read as "has" and glued on.
    assert translator._unglue("zq1ha l'equip, zq12.") == "zq1 ha l'equip, zq12."
    assert translator._unglue("dezq2 ZQ3") == "de zq2 ZQ3"


def test_running_lt_proc_reads_words_as_a_fresh_one(engine: ApertiumEngine) -> None:
    """The dictionaries placement asks (morphology.readings) answer from one running lt-proc
    each; what it reads for a word must not depend on the words asked before."""
    import subprocess

    from localize import morphology

    path = morphology._apertium_file("eng-spa.automorf.bin")
    assert path is not None
    words = ["summit", "meeting", "rotating", "presidency", "said", "Chinese", "the", "Rahmon"]
    morphology._lt_proc([], path, list(reversed(words)))
    running = morphology._lt_proc([], path, words)
    fresh = subprocess.run(
        ["lt-proc", path], input="".join(f"{w}\n" for w in words), capture_output=True, text=True
    ).stdout.splitlines()
    assert running == fresh
    assert len(running) == len(words) and "<n>" in running[0]


def test_an_engine_on_its_own_search_path_uses_its_own_programs_and_dictionaries(
    engine: ApertiumEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An engine given a ``search_path`` runs the helper programs found there (the running
    pipeline's deformatter, the dictionaries' lt-proc) and placement reads words with the
    dictionaries of its data folder (``ApertiumEngine.data_dir``), not those of $PATH."""
    from localize import morphology

    real_data = engine.data_dir()
    assert real_data is not None
    prefix = tmp_path / "prefix"
    programs = prefix / "bin"
    programs.mkdir(parents=True)
    shutil.copy(engine.executable() or "", programs / "apertium")  # a copy: resolves here
    used = tmp_path / "used"
    for name in ("lt-proc", "apertium-destxt", "apertium-retxt", "apertium-wblank-mode"):
        wrapper = programs / name
        wrapper.write_text(f'#!/bin/sh\necho {name} >> "{used}"\nexec {shutil.which(name)} "$@"\n')
        wrapper.chmod(0o755)
    data = prefix / "share" / "apertium"
    (data / "modes").mkdir(parents=True)
    (data / "modes" / "eng-spa.mode").symlink_to(real_data / "modes" / "eng-spa.mode")
    (data / "apertium-eng-spa").symlink_to(real_data / "apertium-eng-spa")

    own = ApertiumEngine(search_path=str(programs))
    assert own.data_dir() == data
    monkeypatch.setattr(morphology, "_ENGINE", [])
    monkeypatch.setattr(morphology, "_READINGS", {})
    monkeypatch.setattr(morphology, "_RUNNING", {})
    reference = engine.open("en", "es")
    expected = reference.translate(["The summit opened."])
    reference.close()
    translator = own.open("en", "es")  # the engine opened last is the one placement reads with
    try:
        assert translator.translate(["The summit opened."]) == expected
        path = morphology._apertium_file("eng-spa.automorf.bin")
        assert path == str(data / "apertium-eng-spa" / "eng-spa.automorf.bin")
        assert any("<n>" in r for r in morphology.readings(["summit"], "en")["summit"])
    finally:
        translator.close()
        for running in morphology._RUNNING.values():
            running.close()
    assert set(used.read_text().split()) == {
        "lt-proc",  # the mode's first program (search_path first on its PATH) and placement's
        "apertium-destxt",
        "apertium-retxt",
        "apertium-wblank-mode",
    }


def test_requests_at_the_same_time_get_pipelines_of_their_own(engine: ApertiumEngine) -> None:
    """Glossary enforcement asks for a batch's masked pass while the next batch's first pass
    runs: the second request goes to a second pipeline, and both give what they give alone."""
    import threading

    sentences = article_sentences()
    halves = [sentences[: len(sentences) // 2], sentences[len(sentences) // 2 :]]
    command = _without_pipeline(engine)
    expected = [command.translate(half) for half in halves]
    translator = engine.open("en", "es")
    both = threading.Barrier(2)
    got: list[list[str] | None] = [None, None]

    def request(index: int) -> None:
        both.wait()
        for _ in range(3):
            got[index] = translator.translate(halves[index])

    threads = [threading.Thread(target=request, args=(i,)) for i in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert got == expected
        assert len(translator._more_pipelines) == 1  # started once, then taken when idle
        processes = [
            s.process
            for pipeline in (translator.pipeline, *translator._more_pipelines)
            for s in pipeline._segments or []
            if s.process is not None
        ]
    finally:
        translator.close()
    assert processes and all(p.returncode is not None for p in processes)


def test_a_pipeline_opened_ahead_runs_before_the_first_request(engine: ApertiumEngine) -> None:
    """``open_ahead`` starts the programs in a thread: they run before any request, the first
    request uses them (no second start) and answers what the apertium command answers."""
    sentences = article_sentences()[:10]
    expected = _without_pipeline(engine).translate(sentences)
    translator = engine.open_ahead("en", "es")
    pipeline = translator.pipeline
    assert pipeline is not None and pipeline._starter is not None
    try:
        pipeline._starter.join(timeout=60)
        segments = pipeline._segments
        assert segments is not None
        started = [s.process for s in segments if s.process is not None]
        assert started and all(p.poll() is None for p in started)
        assert translator.translate(sentences) == expected
        assert pipeline._segments is segments
        assert [s.process for s in segments if s.process is not None] == started
    finally:
        translator.close()
    assert all(p.returncode is not None for p in started)


def test_opened_ahead_the_programs_start_before_dpkg_is_asked_the_pairs_version(
    monkeypatch: pytest.MonkeyPatch, engine: ApertiumEngine
) -> None:
    """``open_ahead`` starts the pipeline's programs first and asks dpkg for the pair's version
    (a process of its own) after; ``open`` starts nothing, and the version is the same."""
    from localize.engines import apertium_pipeline

    steps: list[str] = []
    real_start_soon = apertium_pipeline.NullFlushPipeline.start_soon

    def recorded_start_soon(self):  # type: ignore[no-untyped-def]
        steps.append("programs")
        real_start_soon(self)

    def recorded_versions(self):  # type: ignore[no-untyped-def]
        steps.append("dpkg")
        return {"apertium-eng-spa": "9.9-test"}

    monkeypatch.setattr(apertium_pipeline.NullFlushPipeline, "start_soon", recorded_start_soon)
    monkeypatch.setattr(ApertiumEngine, "_dpkg_versions", recorded_versions)
    fresh = ApertiumEngine()
    translator = fresh.open_ahead("en", "es")
    try:
        assert steps == ["programs", "dpkg"]
        assert translator.pair.version == "9.9-test"
    finally:
        translator.close()
    steps.clear()
    plain = fresh.open("en", "es")
    assert steps == ["dpkg"] and plain.pair == translator.pair
    plain.close()


def test_serves_answers_as_the_pairs_do_without_asking_dpkg(
    monkeypatch: pytest.MonkeyPatch, engine: ApertiumEngine
) -> None:
    """``serves`` (how an engine is chosen) tells from the installed modes alone what
    ``available_pairs`` tells with their versions, for installed pairs, variants, other
    spellings and pairs not installed, and never runs dpkg-query."""
    from localize.engines.auto import serves

    pairs = engine.available_pairs()
    asked = [
        ("en", "es"),
        ("EN", "ES"),
        ("en-GB", "es"),
        ("en", "es_MX"),
        ("es", "en"),
        ("en", "fr"),
        ("zh", "es"),
        *[(p.source, p.target) for p in pairs],
    ]
    expected = {pair: serves(pairs, *pair) for pair in asked}
    assert [expected[p] for p in asked[:7]] == [True, True, True, True, True, False, False]

    def no_dpkg(self):  # type: ignore[no-untyped-def]
        raise AssertionError("dpkg-query was run to choose the engine")

    monkeypatch.setattr(ApertiumEngine, "_dpkg_versions", no_dpkg)
    fresh = ApertiumEngine()
    assert {pair: fresh.serves(*pair) for pair in asked} == expected


def test_a_translator_opened_ahead_and_closed_unused_ends_its_programs(
    engine: ApertiumEngine,
) -> None:
    """Closed while its programs may still be starting: the close waits for the start, so no
    program is left running."""
    translator = engine.open_ahead("en", "es")
    pipeline = translator.pipeline
    assert pipeline is not None
    translator.close()
    assert pipeline._starter is not None and not pipeline._starter.is_alive()
    processes = [s.process for s in pipeline._segments or [] if s.process is not None]
    assert all(p.returncode is not None for p in processes)


def test_an_update_opens_the_translator_ahead_and_writes_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: ApertiumEngine
) -> None:
    """An update opens the Apertium translator before the article is read (``StartedEarly``),
    the edited sentence's request goes to the pipeline started then, and the template and
    catalog are byte for byte those of an update that opens it when needed; an update that
    only deletes a sentence opens it too (it cannot know before reading), sends it nothing
    and closes it once, its programs ended, as does an update whose article is refused."""
    from localize import morphology
    from localize.engines import apertium_pipeline

    from conftest import run_cli

    monkeypatch.setattr("localize.catalog._now", lambda: "2026-11-28 12:00+0000")
    # The words read here are forgotten after the test, as by a new process.
    monkeypatch.setattr(morphology, "_READINGS", {})
    monkeypatch.setattr(morphology, "_TRANSLATIONS", {})
    monkeypatch.setattr(morphology, "_RUNNING", {})
    ahead: list[str] = []
    requests_after_start: list[bool] = []
    real_open_ahead = ApertiumEngine.open_ahead
    real_translate = apertium_pipeline.NullFlushPipeline.translate

    # Each translator opened ahead, as its number, when closed, and whether its programs
    # had all ended then.
    closed: list[tuple[int, bool]] = []
    translators: list[apertium_module.ApertiumTranslator] = []

    def recorded_open_ahead(self, source, target):  # type: ignore[no-untyped-def]
        ahead.append(target)
        translator = real_open_ahead(self, source, target)
        translators.append(translator)
        number, real_close = len(translators), translator.close

        def recorded_close() -> None:
            pipeline = translator.pipeline
            assert pipeline is not None and pipeline._starter is not None
            pipeline._starter.join()
            running = [s.process for s in pipeline._segments or () if s.process is not None]
            real_close()
            ended = bool(running) and all(p.returncode is not None for p in running)
            closed.append((number, ended))

        translator.close = recorded_close
        return translator

    def recorded_translate(self, text):  # type: ignore[no-untyped-def]
        requests_after_start.append(self._starter is not None)
        return real_translate(self, text)

    monkeypatch.setattr(apertium_pipeline.NullFlushPipeline, "translate", recorded_translate)
    text = WIRE_ARTICLE.read_text(encoding="utf-8")
    sentence = article_sentences()[3]
    assert sentence in text and sentence.endswith(".")
    ahead_root, later_root = tmp_path / "ahead", tmp_path / "later"
    ahead_root.mkdir()
    (ahead_root / "story.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(ahead_root)
    first = run_cli("translate", "story.txt", "--to", "es", "--engine", "apertium")
    assert first.exit_code == 0, first.stderr
    shutil.copytree(ahead_root, later_root)
    edited = text.replace(sentence, sentence[:-1] + ", officials said.", 1)
    files = ("locales/story.pot", "locales/es/LC_MESSAGES/story.po")
    for root, opened_ahead in ((ahead_root, True), (later_root, False)):
        monkeypatch.setattr(
            ApertiumEngine,
            "open_ahead",
            recorded_open_ahead if opened_ahead else lambda self, source, target: None,
        )
        requests_after_start.clear()
        (root / "story.txt").write_text(edited, encoding="utf-8")
        monkeypatch.chdir(root)
        result = run_cli("update", "story.txt", "--engine", "apertium")
        assert result.exit_code == 0, result.stderr
        assert requests_after_start and all(
            started is opened_ahead for started in requests_after_start
        )
    assert ahead == ["es"]
    for relative in files:
        assert (ahead_root / relative).read_bytes() == (later_root / relative).read_bytes()
    assert closed == [(1, True)]  # the translator used, closed once
    # Deleting a sentence redoes none: the translator opened early is closed unused.
    monkeypatch.setattr(ApertiumEngine, "open_ahead", recorded_open_ahead)
    monkeypatch.chdir(ahead_root)
    (ahead_root / "story.txt").write_text(
        edited.replace(sentence[:-1] + ", officials said.", "", 1), encoding="utf-8"
    )
    ahead.clear()
    requests_after_start.clear()
    result = run_cli("update", "story.txt", "--engine", "apertium", "--format", "json")
    for running in morphology._RUNNING.values():
        running.close()
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    assert summary["machine_translated"] == 0 and summary["obsolete"] == 1, summary
    assert ahead == ["es"] and requests_after_start == []
    assert closed == [(1, True), (2, True)]
    # An article that cannot be read: the translator opened early is closed all the same.
    (ahead_root / "story.txt").write_text("\n", encoding="utf-8")
    result = run_cli("update", "story.txt", "--engine", "apertium")
    assert result.exit_code == 2 and "nothing to translate" in result.stderr, result.stderr
    assert closed == [(1, True), (2, True), (3, True)]


def test_opening_ahead_starts_the_target_languages_analyser(
    engine: ApertiumEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``open_ahead`` starts the lt-proc placement reads the drafts' new words with; the first
    words asked go to it (no second start) and read as they read from one started on demand."""
    from localize import morphology

    words = ["dijeron", "funcionarios", "casa", "Kazajistán"]
    monkeypatch.setattr(morphology, "_REMEMBERED", [])
    monkeypatch.setattr(morphology, "_READINGS", {})
    monkeypatch.setattr(morphology, "_RUNNING", {})
    expected = morphology.readings(words, "es")
    assert any(expected.values())
    for running in morphology._RUNNING.values():
        running.close()
    monkeypatch.setattr(morphology, "_READINGS", {})
    monkeypatch.setattr(morphology, "_RUNNING", {})
    translator = engine.open_ahead("en", "es")
    try:
        [running] = morphology._RUNNING.values()
        process = running._process
        assert process is not None and process.poll() is None
        assert morphology.readings(words, "es") == expected
        assert running._process is process
    finally:
        translator.close()
        running.close()
    assert process.returncode is not None


def test_one_shot_programs_run_together_give_each_its_own_output(tmp_path: Path) -> None:
    """``apertium_pipeline._outputs`` (``locale -a`` and ``apertium-wblank-mode`` twice, run at
    once before a pipeline starts): each output in the order asked; None for a program that
    fails, one that cannot start, and where there is no command."""
    from localize.engines.apertium_pipeline import _outputs

    signal = tmp_path / "second-ran"
    # The first waits (5 s at most) for the second: run one after the other, it prints "late".
    waits = f"for i in $(seq 500); do [ -e '{signal}' ] && break; sleep 0.01; done; "
    outputs = _outputs(
        [
            ["sh", "-c", waits + f"[ -e '{signal}' ] && echo first || echo late"],
            None,
            ["sh", "-c", f"touch '{signal}'; echo second"],
            ["sh", "-c", "echo partial; exit 3"],
            ["/nonexistent/program"],
        ]
    )
    assert outputs == [b"first\n", None, b"second\n", None, None]


_REAPER = """
import ctypes, os, subprocess, sys, time
# A child subreaper: the programs an update leaves to be reaped by another come back here.
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
update = subprocess.run(sys.argv[1:])
time.sleep(0.5)
left = 0
while True:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        time.sleep(0.1)
    else:
        left += 1
print(update.returncode, left)
"""


def test_an_update_as_a_whole_process_reaps_every_program_it_started(
    tmp_path: Path, engine: ApertiumEngine
) -> None:
    """``localize update`` as a user runs it, a process of its own that ends without the
    interpreter's teardown (``quick_exit``): its status is the command's, the catalog is whole,
    and it has ended and waited for every program it started (the pipeline's, the analysers
    started ahead), so none is left to be reaped by another process: the update runs under a
    child subreaper, which counts those it is handed."""
    import subprocess
    import sys

    text = WIRE_ARTICLE.read_text(encoding="utf-8")
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    localize = [sys.executable, "-m", "localize", "-q"]
    first = subprocess.run(
        [*localize, "translate", "story.txt", "--to", "es", "--engine", "apertium"],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    sentence = article_sentences()[3]
    assert sentence in text
    (tmp_path / "story.txt").write_text(
        text.replace(sentence, sentence[:-1] + ", officials said."), encoding="utf-8"
    )
    reaped = subprocess.run(
        [sys.executable, "-c", _REAPER, *localize, "update", "story.txt", "--engine", "apertium"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert reaped.stdout.split() == ["0", "0"], reaped.stderr
    catalog = tmp_path / "locales" / "es" / "LC_MESSAGES" / "story.po"
    assert "officials said" in catalog.read_text(encoding="utf-8")
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog)]).returncode == 0


def test_a_dpkg_query_that_cannot_run_leaves_the_pairs_version_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: ApertiumEngine
) -> None:
    """The pair's version is only a key of the memory: a dpkg-query that cannot run (its
    interpreter missing) neither refuses the engine nor fails its opening."""
    fake = tmp_path / "bin"
    fake.mkdir()
    broken = fake / "dpkg-query"
    broken.write_text("#!/nonexistent/interpreter\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    fresh = ApertiumEngine()
    assert fresh.serves("en", "es")
    assert {p.version for p in fresh.available_pairs()} == {"unknown"}
    translator = fresh.open("en", "es")
    try:
        assert translator.pair.version == "unknown"
        assert translator.translate(["The ministers met."])[0].strip()
    finally:
        translator.close()
