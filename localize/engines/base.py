"""The interface every machine-translation engine implements.

An ``Engine`` knows which language pairs it can serve on this machine and opens a
``Translator`` for one pair. A ``Translator`` translates batches of sentences; the pipeline
(catalog merge, memory, glossary, progress) lives outside the engines, so that adding an engine
means writing only these two classes and registering it in ``localize.engines.registry``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True)
class EngineOptions:
    """Options a user can set on the command line; each engine uses the ones that apply."""

    models_dir: Path | None = None
    device: str = "cpu"  # cpu | cuda | auto
    batch_size: int | None = None  # engine-specific unit (tokens for argos)
    url: str | None = None  # a translation server (libretranslate)
    api_key: str | None = None
    concurrency: int | None = None  # requests in flight to the server


@dataclass(frozen=True)
class LanguagePair:
    """A translation direction an engine offers, with the model or mode that serves it and
    its version (what the memory's key names)."""

    source: str
    target: str
    engine: str
    model: str  # package or mode name, e.g. "translate-en_es" or "eng-spa"
    version: str
    pivot: str | None = None  # e.g. "en" when source->en->target

    def __str__(self) -> str:
        via = f" via {self.pivot}" if self.pivot else ""
        return f"{self.source}->{self.target} ({self.engine} {self.model} {self.version}{via})"


class Translator(ABC):
    """An opened model or system for one language pair."""

    pair: LanguagePair

    def describe(self) -> str:
        """One line for the PO entry comment: engine, model package and version, pivot."""
        pair = self.pair
        via = f", pivot {pair.pivot}" if pair.pivot else ""
        return f"{pair.engine} {pair.model} {pair.version}{via}"

    @abstractmethod
    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate each sentence; the result has the same length and order."""

    def translate_nbest(self, sentences: Sequence[str], n: int) -> list[list[str]]:
        """Up to ``n`` alternative translations per sentence, best first.

        Engines that cannot produce alternatives return their single best one.
        """
        return [[t] for t in self.translate(sentences)]

    def translates_outside_python(self) -> bool:
        """Whether translating leaves this process's Python free to run meanwhile (an engine's
        own processes, or a library that releases the interpreter's lock while it computes),
        so that glossary enforcement may ask for the next batch's first pass while it finishes
        the batch before (``enforce.enforce_batches``)."""
        return False

    def nbest_includes_best(self, n: int) -> bool:
        """Whether ``translate_nbest(sentences, n)[i][0]`` is always ``translate(sentences)[i]``:
        then glossary enforcement may ask for plain translations inside an n-best call and
        take the first hypothesis, so that they share its batches. False unless the engine
        knows it."""
        return False

    def offers_alternatives(self) -> bool:
        """Whether ``translate_nbest`` may give more than ``translate``'s one translation per
        sentence; when not (it is this class's), an n-best call is the plain call."""
        return type(self).translate_nbest is not Translator.translate_nbest

    def source_notes(self, sentences: Sequence[str]) -> list[list[str]]:
        """Notes for reviewers about each source sentence, e.g. words the engine did not know
        ("unknown words: Rahmon"). Engines with nothing to say return empty lists."""
        return [[] for _ in sentences]

    def cache_location(self) -> tuple[Path, str] | None:
        """Where results derived from this translator's outputs (the glossary terms' own
        renderings) may be kept between runs, and a key naming everything those outputs depend
        on (model files, decoding options, code); None keeps nothing between runs."""
        return None

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the model; the default has nothing to release."""


class Engine(ABC):
    """A kind of engine (argos, apertium, pseudo) on this machine."""

    name: ClassVar[str]
    # Sentences the pipeline hands over per call. Model engines batch by tokens internally, so
    # a modest number keeps progress and resumable work fine-grained; a subprocess engine pays
    # its start-up per call and wants whole documents.
    sentences_per_call: ClassVar[int] = 64
    # Whether --device cuda can put it on a GPU (Argos's CTranslate2); a run that asked for a GPU
    # is refused an engine that would ignore the request.
    runs_on_gpu: ClassVar[bool] = False

    def __init__(self, options: EngineOptions | None = None) -> None:
        self.options = options or EngineOptions()

    @classmethod
    def calls(cls, count: int) -> list[slice]:
        """``count`` sentences cut into the fewest calls of at most ``sentences_per_call``, of
        sizes that differ by one at most: a short last call (277 as 256 + 21) leaves a model
        engine's workers idle on its one small batch."""
        if count <= 0:
            return []
        number = -(-count // cls.sentences_per_call)
        size, extra = divmod(count, number)
        cuts, start = [], 0
        for index in range(number):
            end = start + size + (index < extra)
            cuts.append(slice(start, end))
            start = end
        return cuts

    @abstractmethod
    def available_pairs(self) -> list[LanguagePair]:
        """Pairs this engine can translate here, without loading any model."""

    def serves(self, source: str, target: str) -> bool:
        """Whether one of ``available_pairs`` translates source->target (a ``*`` target serves
        every language)."""
        from localize.engines.auto import serves

        pairs = self.available_pairs()
        return any(p.target == "*" for p in pairs) or serves(pairs, source, target)

    @abstractmethod
    def open(self, source: str, target: str) -> Translator:
        """Load a translator for the pair; raise ``EngineUnavailable`` with a fix when it cannot."""

    def translates_outside_python(self) -> bool:
        """Whether this engine's translators will leave this process's Python free while they
        translate (``Translator.translates_outside_python``), as far as its options tell
        before one is opened: a run then leaves work for that time (the glossary notes of the
        entries it sends). The default: no."""
        return False

    def open_ahead(self, source: str, target: str) -> Translator | None:
        """A translator opened before the run knows it will translate, for engines whose
        start-up can go on while the caller works (Apertium's programs loading their
        dictionaries); None (the default): ``open`` it when it is needed."""
        return None

    def missing_pair(self, source: str, target: str) -> str:
        """Why this engine cannot translate source->target here and how to add the pair: the
        reason a language is left for translators."""
        from localize.engines.auto import install_hint

        return (
            f"--engine {self.name} has no {source}->{target} pair; {install_hint(source, target)}"
        )

    def problems(self) -> list[str]:
        """Installed parts this engine had to skip (a damaged model package), for warnings."""
        return []

    def placeholder(self, index: int) -> str:
        """A token this engine passes through unchanged, used to protect glossary terms and
        inline markup. Restoring is case-insensitive and checks each token comes back once."""
        return f"zq{index}"

    def version(self) -> str:
        """The engine's own version, for ``localize engines``."""
        return ""
