"""Apertium: offline rule-based MT through the Debian ``apertium`` command.

One ``apertium`` process translates a whole batch: starting its pipeline of about ten programs
costs ~0.1 s, so a process per sentence would be two orders of magnitude slower. Sentences are
separated by a blank line, which Apertium's text deformatter turns into a sentence break that
no transfer rule crosses (a single newline is only white space to it). When the output does not
split back into as many sentences as went in, the batch is halved until it does. Where the
mode's programs can run in null-flush mode, a translator keeps them running and each batch is
one request to them instead of a new process (``apertium_pipeline``), with the same output.

Unknown words are found by running the pair's own morphological analyser (the first program of
its mode) on the same batch: that costs a few milliseconds, whereas a second full translation
without ``-u`` would double the cost. Pairs whose mode does not start with ``lt-proc`` fall back
to that second, marked, translation.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import shutil
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.engines.apertium_install import ApertiumInstall
from localize.engines.apertium_pipeline import NullFlushPipeline
from localize.engines.base import Engine, EngineOptions, LanguagePair, Translator
from localize.errors import EngineUnavailable, LocalizeError
from localize.languages import base_language

INSTALL_HINT = "apt-get install apertium apertium-eng-spa (or apertium-eng-cat, apertium-en-gl)"

# Apertium names languages with ISO 639-3 codes (older pairs use 639-1); localize uses 639-1.
_ISO3_TO_ISO1 = {
    "eng": "en",
    "spa": "es",
    "cat": "ca",
    "glg": "gl",
    "por": "pt",
    "fra": "fr",
    "ita": "it",
    "eus": "eu",
    "oci": "oc",
    "ron": "ro",
    "epo": "eo",
    "arg": "an",
    "isl": "is",
    "mkd": "mk",
    "srd": "sc",
    "hin": "hi",
    "urd": "ur",
    "deu": "de",
    "nld": "nl",
    "dan": "da",
    "swe": "sv",
    "nob": "nb",
    "nno": "nn",
    "afr": "af",
    "bel": "be",
    "rus": "ru",
    "ukr": "uk",
    "bul": "bg",
    "ces": "cs",
    "pol": "pl",
    "slk": "sk",
    "slv": "sl",
    "kaz": "kk",
    "tat": "tt",
    "tur": "tr",
    "fin": "fi",
    "sme": "se",
    "cym": "cy",
    "bre": "br",
    "gle": "ga",
    "gla": "gd",
    "mlt": "mt",
    "ara": "ar",
    "heb": "he",
    "ind": "id",
    "msa": "ms",
    "zho": "zh",
    "jpn": "ja",
    "kor": "ko",
}
_MODE_NAME = re.compile(
    r"^(?P<src>[a-z]{2,3})-(?P<tgt>[a-z]{2,3})(?:_(?P<variant>[A-Za-z0-9_]+))?$"
)
# A blank line: the only separator Apertium never merges sentences across.
_SEPARATOR = "\n\n"
_OUTPUT_SEPARATOR = re.compile(r"\n[ \t]*\n\s*")
# Apertium turns any of these into a line break, and two of them into a sentence separator.
_NEWLINES = re.compile(r"[ \t]*[\r\n\v\f\x85\u2028\u2029]+[ \t]*")
_SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
# (deformatter argv, analyser argv) for finding unknown words.
Analyser = tuple[list[str], list[str]]
# Texts whose analysis a translator keeps (``ApertiumTranslator._analyses``): a batch's first
# pass, then the masked pass and the next batch's first pass before its unknown words are read.
_ANALYSES_KEPT = 3
# Apertium stream tokens: escaped character, lexical unit ^...$, superblank [...], anything else.
_STREAM_TOKEN = re.compile(r"\\.|\^((?:\\.|[^\\$])*)\$|\[((?:\\.|[^\\\]])*)\]|.", re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# Apertium's unknown-word tokens are runs of letters ("COVID-19" -> "COVID").
_MARKED_WORD = re.compile(r"[*@#]([^\W\d_]+)")


def iso1(code: str) -> str:
    """``eng`` -> ``en``; codes without a known 2-letter form are kept."""
    code = code.lower()
    return _ISO3_TO_ISO1.get(code, code)


@dataclass(frozen=True)
class ApertiumMode:
    """One installed translation direction, e.g. ``eng-cat_valencia``."""

    name: str
    source: str  # ISO 639-1 where one exists
    target: str  # ISO 639-1, with ``_variant`` for variant modes: ``ca_valencia``
    source_code: str  # as Apertium spells it: ``eng``
    target_code: str
    variant: str | None


def parse_mode_name(name: str) -> ApertiumMode | None:
    """Read a mode name; ``None`` for names that are not ``src-tgt[_variant]``."""
    match = _MODE_NAME.match(name.strip())
    if not match:
        return None
    src, tgt, variant = match["src"], match["tgt"], match["variant"]
    target = iso1(tgt) + (f"_{variant}" if variant else "")
    return ApertiumMode(name.strip(), iso1(src), target, src, tgt, variant)


class ApertiumEngine(Engine, ApertiumInstall):
    name = "apertium"
    # Start-up costs 0.1-0.2 s per process, and glossary enforcement starts one or two more per
    # call (the masked second pass, term renderings): with 500 a 3,100-sentence article cost
    # 1.63x its time without terms (issue 19). A call takes a long document whole (about 2 s at
    # ~900 sentences/s), while a longer run still stores finished calls in the memory as it goes
    # (to resume from).
    sentences_per_call = 2000

    def __init__(self, options: EngineOptions | None = None, *, search_path: str | None = None):
        """``search_path`` replaces ``$PATH`` when looking for the ``apertium`` command."""
        super().__init__(options)
        self.search_path = search_path
        self._modes: list[ApertiumMode] | None = None
        self._package_versions: dict[str, str] | None = None

    # -- discovery: ``executable``, ``program``, ``data_dir`` (ApertiumInstall) --------------

    def _require(self) -> str:
        exe = self.executable()
        if exe is None:
            raise EngineUnavailable(f"the apertium command is not installed; run: {INSTALL_HINT}")
        return exe

    def modes(self) -> list[ApertiumMode]:
        """Installed translation directions, as ``apertium -l`` lists them."""
        if self._modes is None:
            exe = self.executable()
            if exe is None:
                self._modes = []
            else:
                parsed = (parse_mode_name(name) for name in self._mode_names(exe))
                self._modes = [mode for mode in parsed if mode is not None]
        return self._modes

    def _mode_names(self, exe: str) -> list[str]:
        """The names ``apertium -l`` prints: the ``*.mode`` files of the data folder's
        ``modes``, read here rather than by the command (a shell script that starts eight
        programs to list a folder, on every run that chooses this engine)."""
        folder = self._data_dir(exe) / "modes"
        try:
            readable = folder.is_dir()
        except OSError:  # unreadable: the command says what it can, as before
            readable = False
        if not readable:
            listing = _run([exe, "-l"], "").stdout
            return [line.strip() for line in listing.splitlines() if line.strip()]
        # glob.glob, as the shell's pattern, leaves out names that start with a dot.
        found = glob.glob(os.path.join(glob.escape(str(folder)), "*.mode"))
        return [Path(path).name.removesuffix(".mode") for path in sorted(found)]

    def available_pairs(self) -> list[LanguagePair]:
        return [
            LanguagePair(m.source, m.target, self.name, m.name, self._pair_version(m))
            for m in self.modes()
        ]

    def serves(self, source: str, target: str) -> bool:
        # The installed modes tell it: the pairs' versions, which ask dpkg (a process of its
        # own, before an update's programs could start), are not needed to.
        from localize.engines.auto import serves

        unversioned = [
            LanguagePair(m.source, m.target, self.name, m.name, "") for m in self.modes()
        ]
        return serves(unversioned, source, target)

    def find_mode(self, source: str, target: str) -> ApertiumMode | None:
        """The mode for a pair of localize codes (``en``, ``es``, ``pt_BR``, ``ca_valencia``).

        An exact variant wins; otherwise the base language's plain mode is used.
        """
        src = iso1(base_language(source))
        base, *rest = target.replace("-", "_").split("_")
        exact = "_".join([iso1(base), *rest]).lower()
        candidates = [m for m in self.modes() if m.source == src]
        for mode in candidates:
            if mode.target.lower() == exact:
                return mode
        for mode in candidates:
            if mode.target == iso1(base):
                return mode
        return None

    def open(self, source: str, target: str) -> ApertiumTranslator:
        return self._opened(source, target, start=False)

    def translates_outside_python(self) -> bool:
        return True  # its translators' programs run in processes of their own

    def open_ahead(self, source: str, target: str) -> ApertiumTranslator:
        """The translator, its pipeline starting in a thread of its own: the programs load
        their dictionaries (most of the wait for a one-sentence update's first answer) while
        the caller reads catalogs and writes the template. The target language's analyser,
        which glossary enforcement runs on the drafts' words not read before, starts too."""
        translator = self._opened(source, target, start=True)
        from localize import morphology

        morphology.start_reading(base_language(target))
        return translator

    def _opened(self, source: str, target: str, *, start: bool) -> ApertiumTranslator:
        """The translator; with ``start``, its pipeline's programs started before the pair's
        version is asked of dpkg (a process of its own), so that they load meanwhile."""
        exe = self._require()
        mode = self.find_mode(source, target)
        if mode is None:
            installed = ", ".join(f"{m.source}->{m.target}" for m in self.modes()) or "none"
            raise EngineUnavailable(
                f"no Apertium pair for {source}->{target} (installed: {installed}); look for "
                f"one with 'apt-cache search apertium' and install it with apt-get, or use "
                f"another engine (localize engines lists them)"
            )
        pipeline = NullFlushPipeline(
            self._data_dir(exe) / "modes" / f"{mode.name}.mode", "-n", self.search_path
        )
        if start:
            pipeline.start_soon()
        try:
            pair = LanguagePair(
                mode.source, mode.target, self.name, mode.name, self._pair_version(mode)
            )
            from localize import morphology  # the dictionaries placement reads are this engine's

            morphology.use_apertium(self)
            translator = ApertiumTranslator(
                exe, mode, pair, analyser=self._analyser(exe, mode), pipeline=pipeline
            )
        except BaseException:
            pipeline.close()
            raise
        translator.placeholder = placeholder_regex(self)
        return translator

    def placeholder(self, index: int) -> str:
        """Lowercase letters+digits: Apertium treats ``zq3`` as an unknown word and copies it,
        also next to punctuation and at sentence starts (tests/test_engine_apertium.py checks
        this through the real pipeline); bracketed or all-caps tokens were seen to change."""
        return f"zq{index}"

    def version(self) -> str:
        exe = self.executable()
        if exe is None:
            return ""
        out = _run([exe, "-V"], "", check=False).stdout.strip()
        match = re.search(r"\d+(?:\.\d+)+\S*", out)
        return match.group(0) if match else self._dpkg_versions().get("apertium", "")

    # -- versions of Debian packages -----------------------------------------------------------
    def _dpkg_versions(self) -> dict[str, str]:
        if self._package_versions is None:
            self._package_versions = {}
            dpkg = shutil.which("dpkg-query")
            if dpkg:
                try:
                    out = _run(
                        [dpkg, "-W", "-f", "${Package}\t${Version}\n", "apertium*"],
                        "",
                        check=False,
                    ).stdout
                except EngineUnavailable:  # a dpkg-query that cannot run: versions unknown
                    out = ""
                for line in out.splitlines():
                    name, _, version = line.partition("\t")
                    if version:
                        self._package_versions[name] = version
        return self._package_versions

    def _pair_version(self, mode: ApertiumMode) -> str:
        """Version of the package holding the mode: ``apertium-eng-spa`` also holds ``spa-eng``."""
        versions = self._dpkg_versions()
        a, b = mode.source_code, mode.target_code
        for name in (f"apertium-{a}-{b}", f"apertium-{b}-{a}"):
            if name in versions:
                return versions[name]
        return "unknown"

    # -- analyser for unknown words -------------------------------------------------------------
    def _analyser(self, exe: str, mode: ApertiumMode) -> Analyser | None:
        """The mode's first program when it is ``lt-proc [flags] automorf.bin``, else ``None``;
        it is run after ``apertium-destxt``, as in the real pipeline."""
        try:
            text = (self._data_dir(exe) / "modes" / f"{mode.name}.mode").read_text("utf-8")
        except OSError:
            return None
        first = text.split("|", 1)[0]
        try:
            argv = shlex.split(first)
        except ValueError:
            return None
        lt_proc = self.program("lt-proc")
        destxt = self.program("apertium-destxt")
        if not argv or Path(argv[0]).name != "lt-proc" or lt_proc is None or destxt is None:
            return None
        flags = [a for a in argv[1:] if not a.startswith("$")]
        if not flags or not flags[-1].endswith(".bin"):
            return None
        if any(not a.startswith("-") for a in flags[:-1]):
            return None
        return [destxt], [lt_proc, *flags]


class ApertiumTranslator(Translator):
    """Translates each batch with one request to a running null-flush pipeline, or where
    there is none, one ``apertium -u`` process. Requests made at the same time (glossary
    enforcement's masked pass while the next batch's first pass runs) go to pipelines of
    their own: a second one is started when the first is busy."""

    def __init__(
        self,
        executable: str,
        mode: ApertiumMode,
        pair: LanguagePair,
        analyser: Analyser | None = None,
        pipeline: NullFlushPipeline | None = None,
    ) -> None:
        self.executable = executable
        self.mode = mode
        self.pair = pair
        self.analyser = analyser
        self.pipeline = pipeline
        # Pipelines beyond ``pipeline``, started for requests made while it was busy; the
        # idle ones wait for the next request.
        self._more_pipelines: list[NullFlushPipeline] = []
        self._idle: list[NullFlushPipeline] = [] if pipeline is None else [pipeline]
        self._pool_lock = threading.Lock()
        # The analyser's output for the last texts a pipeline translated (``_unknown_words``
        # reads it instead of starting the analyser again), by text; the last few only.
        self._analyses: dict[str, str] = {}
        # Masking tokens look unknown to Apertium but are not words a reviewer must check.
        self.placeholder: re.Pattern[str] = re.compile(r"zq\d+", re.IGNORECASE)

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Each sentence's translation; the words Apertium did not know are reported by
        ``source_notes``, once per sentence, not on every call glossary enforcement makes."""
        results = list(sentences)
        todo = [(i, s) for i, s in enumerate(sentences) if s.strip()]
        if not todo:
            return results
        # Line breaks inside a sentence are only wrapping; a blank line would split it.
        cleaned = [_NEWLINES.sub(" ", s.strip()) for _, s in todo]
        translated = self._translate(cleaned, marked=False)
        for (index, original), text in zip(todo, translated, strict=True):
            lead = original[: len(original) - len(original.lstrip())]
            tail = original[len(original.rstrip()) :]
            # eng-cat reads "zq1's" as "zq1 has" and glues the verb on ("zq1ha"); masking
            # always leaves a token apart from letters, so set it apart again for restoring.
            text = self._unglue(text)
            if "  " not in original:
                # Dropped pronouns leave two spaces ("Entonces  dejó").
                text = _SPACES.sub(" ", text)
            results[index] = lead + text + tail
        return results

    def translates_outside_python(self) -> bool:
        return True  # Apertium's programs run in processes of their own

    def source_notes(self, sentences: Sequence[str]) -> list[list[str]]:
        notes: list[list[str]] = [[] for _ in sentences]
        todo = [(i, _NEWLINES.sub(" ", s.strip())) for i, s in enumerate(sentences) if s.strip()]
        if not todo:
            return notes
        found = self._unknown_words([text for _, text in todo])
        for (index, _), words in zip(todo, found, strict=True):
            words = [w for w in words if not self.placeholder.fullmatch(w)]
            if words:
                notes[index] = [f"unknown words: {', '.join(dict.fromkeys(words))}"]
        return notes

    def close(self) -> None:
        if self.pipeline is not None:
            self.pipeline.close()
        for pipeline in self._more_pipelines:
            pipeline.close()

    def _unglue(self, text: str) -> str:
        def spaced(match: re.Match[str]) -> str:
            start, end = match.span()
            before = " " if start and text[start - 1].isalpha() else ""
            after = " " if end < len(text) and text[end].isalpha() else ""
            return before + match.group(0) + after

        return self.placeholder.sub(spaced, text)

    # -- batched runs with recursive halving ----------------------------------------------------
    def _translate(self, sentences: list[str], *, marked: bool) -> list[str]:
        output = self._request(_SEPARATOR.join(sentences) + "\n", marked=marked)
        if len(sentences) == 1:
            return [_OUTPUT_SEPARATOR.sub(" ", output.strip())]
        parts = _OUTPUT_SEPARATOR.split(output.strip())
        if len(parts) == len(sentences):
            return [p.strip() for p in parts]
        half = len(sentences) // 2
        return self._translate(sentences[:half], marked=marked) + self._translate(
            sentences[half:], marked=marked
        )

    def _request(self, text: str, *, marked: bool) -> str:
        """Apertium's output for ``text``: from the running pipeline when it can give it (the
        unmarked output), else from an ``apertium`` process."""
        if not marked and self.pipeline is not None:
            pipeline = self._take_pipeline()
            try:
                output = pipeline.translate(text)
                analysed = (
                    None if self.analyser is None else pipeline.analysis(text, *self.analyser)
                )
            finally:
                with self._pool_lock:
                    self._idle.append(pipeline)
            if analysed is not None:
                with self._pool_lock:
                    self._analyses[text] = analysed
                    while len(self._analyses) > _ANALYSES_KEPT:
                        del self._analyses[next(iter(self._analyses))]
            if output is not None:
                return output
        argv = [self.executable, *([] if marked else ["-u"]), "-f", "txt", self.mode.name]
        return _run(argv, text).stdout

    def _take_pipeline(self) -> NullFlushPipeline:
        """An idle pipeline, ``pipeline`` first; a new one of the same mode when all are busy
        (each request is independent of the others: the result is the same on any)."""
        assert self.pipeline is not None
        with self._pool_lock:
            if self.pipeline in self._idle:
                self._idle.remove(self.pipeline)
                return self.pipeline
            if self._idle:
                return self._idle.pop()
            first = self.pipeline
            more = NullFlushPipeline(first.mode_file, first.generation_option, first.search_path)
            self._more_pipelines.append(more)
            return more

    def _unknown_words(self, sentences: list[str]) -> list[list[str]]:
        if self.analyser is None:
            return self._unknown_from_marks(sentences)
        return self._analyse(sentences)

    def _analyse(self, sentences: list[str]) -> list[list[str]]:
        assert self.analyser is not None
        deformatter, analyser = self.analyser
        text = _SEPARATOR.join(sentences) + "\n"
        with self._pool_lock:
            analysed = self._analyses.pop(text, None)
        if analysed is None:
            stream = _run(deformatter, text).stdout
            analysed = _run(analyser, stream).stdout
        per_sentence: list[list[str]] = [[]]
        for match in _STREAM_TOKEN.finditer(analysed):
            unit, blank = match.group(1), match.group(2)
            if blank is not None and "\n\n" in blank:
                per_sentence.append([])
            elif unit is not None:
                surface, _, analyses = _split_unit(unit)
                if analyses.startswith("*") and surface not in per_sentence[-1]:
                    per_sentence[-1].append(surface)
        if len(per_sentence) == len(sentences):
            return per_sentence
        if len(sentences) == 1:
            return [[w for words in per_sentence for w in words]]
        half = len(sentences) // 2
        return self._analyse(sentences[:half]) + self._analyse(sentences[half:])

    def _unknown_from_marks(self, sentences: list[str]) -> list[list[str]]:
        """Second run without ``-u``: Apertium prefixes unknown words with ``*`` (``@``, ``#``
        for dictionary gaps). A marked word counts only if it occurs in the source, because a
        literal ``*`` in the text is copied too."""
        marked = self._translate(sentences, marked=True)
        result = []
        for source, text in zip(sentences, marked, strict=True):
            words: list[str] = []
            for word in _MARKED_WORD.findall(text):
                if word not in words and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", source):
                    words.append(word)
            result.append(words)
        return result


def placeholder_regex(engine: Engine) -> re.Pattern[str]:
    """Matches any ``engine.placeholder(i)``, case-insensitively, as restoring does."""
    sample = engine.placeholder(918273645)
    return re.compile(re.escape(sample).replace("918273645", r"\d+"), re.IGNORECASE)


def _split_unit(unit: str) -> tuple[str, str, str]:
    """``surface/analysis...`` with backslash escapes; returns (surface, "/", analyses)."""
    depth_escape = False
    for position, char in enumerate(unit):
        if depth_escape:
            depth_escape = False
        elif char == "\\":
            depth_escape = True
        elif char == "/":
            return _ESCAPE.sub(r"\1", unit[:position]), "/", unit[position + 1 :]
    return _ESCAPE.sub(r"\1", unit), "", ""


def _run(argv: list[str], text: str, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a program without a shell; a failure becomes a one-line ``LocalizeError``."""
    try:
        done = subprocess.run(
            argv,
            input=text,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as exc:
        message = f"cannot run {argv[0]}: {exc.strerror}; run: {INSTALL_HINT}"
        raise EngineUnavailable(message) from None
    if check and done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise LocalizeError(f"{Path(argv[0]).name} failed (exit {done.returncode}): {detail}")
    return done
