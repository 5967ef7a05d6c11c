"""Argos Translate packages run through CTranslate2 directly.

argostranslate.translate splits text with its own sentence detectors (MiniSBD/stanza/spaCy, which
may download models) and sends small batches; we segment ourselves and send whole token-sized
batches to ``ctranslate2.Translator.translate_batch``, which is several times faster. We use
the package exactly as argostranslate does otherwise: ``model/`` for CTranslate2,
``sentencepiece.model`` for tokens, ``target_prefix`` from metadata.json.

Sentences longer than ``DecodingOptions.max_input_tokens`` are split at a clause or word boundary
near the middle and the halves rejoined; an output that reaches ``max_decoding_length`` (where
argostranslate silently truncates) is split and retranslated the same way.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from localize.engines.argos_packages import (
    InstalledPackage,
    install_hint,
    installed_packages,
    reinstall_hint,
    resolve_models_dir,
)
from localize.engines.base import Engine, EngineOptions, LanguagePair, Translator
from localize.errors import EngineUnavailable, LocalizeError
from localize.languages import PIVOT_LANGUAGE

PIVOT = PIVOT_LANGUAGE
DEVICES = ("cpu", "cuda", "auto")
# Scripts written without spaces between words: split pieces are rejoined without one.
_NO_SPACE_LANGS = {"zh", "zt", "ja", "th", "lo", "km", "my", "bo"}
_CLAUSE_BREAK = re.compile(r"[,;:\u3001\u3002\uff0c\uff1b\uff1a](?=\s)|\s[\u2013\u2014-]\s")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class DecodingOptions:
    """Every decoding setting in one place, so runs are reproducible and comparable."""

    beam_size: int = 4
    length_penalty: float = 0.2  # argostranslate's value
    max_decoding_length: int = 256  # CTranslate2's default; argostranslate truncates there
    max_input_tokens: int = 150  # longer sentences are split before decoding
    # max_batch_size in tokens (batch_type="tokens"). 1,024 rather than 2,048: on the Argos-sized
    # model, 389 sentences, a quiet 2-core machine, the same speed (1.00x, 0.94-1.06) at 551 MB
    # peak instead of 657 (bench/bench_argos_layout.py): more sentences per second per MB.
    batch_tokens: int = 1024
    compute_type: str = "auto"
    # On the CPU, one worker per core, each single-threaded: batches run side by side. Measured
    # on 2 cores (bench/bench_translate.py): 1.5-1.8x the throughput of one 2-thread worker.
    inter_threads: int = field(default_factory=lambda: _cores())
    intra_threads: int = 1


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def split_text(text: str, too_long: Callable[[str], bool]) -> list[str]:
    """Cut ``text`` into pieces for which ``too_long`` is false, preferring clause breaks, then
    spaces, near the middle; never drops a character other than the white space at a cut."""
    if not too_long(text) or len(text) < 2:
        return [text]
    middle = len(text) / 2
    best: int | None = None
    clause_cuts = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    # A clause break counts if it falls in the middle half; otherwise any space will do.
    central = [c for c in clause_cuts if len(text) / 4 <= c <= 3 * len(text) / 4]
    if central:
        best = min(central, key=lambda c: abs(c - middle))
    else:
        spaces = [m.start() for m in _SPACE.finditer(text) if 0 < m.start() < len(text)]
        if spaces:
            best = min(spaces, key=lambda c: abs(c - middle))
    if best is None or best <= 0 or best >= len(text):
        best = int(middle)
    left, right = text[:best].rstrip(), text[best:].lstrip()
    if not left or not right:
        left, right = text[: int(middle)], text[int(middle) :]
    return split_text(left, too_long) + split_text(right, too_long)


def _batch_count(lengths: Sequence[int], limit: int) -> int:
    """How many batches CTranslate2 cuts ``lengths`` into with ``max_batch_size=limit`` tokens:
    longest first, each batch counted as its size times its longest input (padding)."""
    count, size, longest = 0, 0, 0
    for length in sorted(lengths, reverse=True):
        if size and (size + 1) * max(longest, length) > limit:
            count, size, longest = count + 1, 0, 0
        size, longest = size + 1, max(longest, length)
    return count + (1 if size else 0)


def balanced_batch_tokens(lengths: Sequence[int], limit: int, workers: int) -> int:
    """The ``max_batch_size`` (tokens, at most ``limit``) that cuts the inputs into a multiple
    of ``workers`` batches of similar size. With ``limit`` alone a small call (the glossary's
    second pass, term renderings) is one batch that keeps one worker busy while the others wait,
    and a large one ends with a short last batch; CTranslate2 runs one batch per worker."""
    if workers <= 1 or len(lengths) < 2:
        return limit
    wanted = -(-_batch_count(lengths, limit) // workers) * workers
    wanted = min(wanted, len(lengths))
    low, high = 1, limit  # the smallest size that still gives at most ``wanted`` batches
    while low < high:
        middle = (low + high) // 2
        if _batch_count(lengths, middle) <= wanted:
            high = middle
        else:
            low = middle + 1
    return high


class _Leg:
    """One package: tokenizer + CTranslate2 model for a direct pair."""

    def __init__(self, package: InstalledPackage, device: str, decoding: DecodingOptions) -> None:
        self.package = package
        self.decoding = decoding
        self.sp = _load_sentencepiece(package)
        self.model, self.device = _load_ctranslate2(package, device, decoding)
        self.joiner = "" if package.target in _NO_SPACE_LANGS else " "

    def tokens(self, text: str) -> list[str]:
        return self.sp.encode(text, out_type=str)

    def translate_nbest(self, sentences: Sequence[str], n: int) -> list[list[str]]:
        results: list[list[str]] = [[s] for s in sentences]
        todo = [i for i, s in enumerate(sentences) if s.strip()]
        if not todo:
            return results
        limit = self.decoding.max_input_tokens
        pieces_of: dict[int, list[str]] = {
            i: split_text(sentences[i], lambda t: len(self.tokens(t)) > limit) for i in todo
        }
        flat = [piece for i in todo for piece in pieces_of[i]]
        translated = self._translate_pieces(flat, n, depth=0)
        cursor = 0
        for i in todo:
            count = len(pieces_of[i])
            parts = translated[cursor : cursor + count]
            cursor += count
            results[i] = self._join_hypotheses(parts, n)
        return results

    def _join_hypotheses(self, parts: list[list[str]], n: int) -> list[str]:
        if len(parts) == 1:
            return parts[0]
        width = max(len(p) for p in parts)
        return [
            self.joiner.join(p[min(k, len(p) - 1)] for p in parts) for k in range(min(n, width))
        ]

    def _translate_pieces(self, texts: list[str], n: int, depth: int) -> list[list[str]]:
        d = self.decoding
        batch = [self.tokens(t) for t in texts]
        prefix = self.package.target_prefix
        workers = d.inter_threads if self.device == "cpu" else 1
        outputs = self.model.translate_batch(
            batch,
            target_prefix=[[prefix] for _ in batch] if prefix else None,
            max_batch_size=balanced_batch_tokens([len(t) for t in batch], d.batch_tokens, workers),
            batch_type="tokens",
            beam_size=max(d.beam_size, n),
            num_hypotheses=n,
            length_penalty=d.length_penalty,
            max_decoding_length=d.max_decoding_length,
            replace_unknowns=True,
        )
        results: list[list[str]] = []
        for text, output in zip(texts, outputs, strict=True):
            hypotheses = [list(h) for h in output.hypotheses]
            if prefix:
                hypotheses = [h[1:] if h[:1] == [prefix] else h for h in hypotheses]
            truncated = any(len(h) >= d.max_decoding_length - 1 for h in hypotheses[:1])
            if truncated and depth < 8:
                halves = split_text(text, partial(operator.eq, text))
                if len(halves) > 1:
                    sub = self._translate_pieces(halves, n, depth + 1)
                    results.append(self._join_hypotheses(sub, n))
                    continue
            results.append([self.sp.decode_pieces(h) for h in hypotheses])
        return results

    def close(self) -> None:
        model = getattr(self, "model", None)
        if model is not None:
            model.unload_model()


def load_problem(package: InstalledPackage) -> str | None:
    """Why the package's tokenizer or model does not load on the CPU as a run loads them (one
    worker), or None when they do: ``models install`` refuses such a package rather than
    leave every later run to fail on it."""
    try:
        _Leg(package, "cpu", DecodingOptions(inter_threads=1)).close()
    except EngineUnavailable as exc:
        return str(exc)
    return None


def _load_sentencepiece(package: InstalledPackage) -> Any:
    sp_path = package.path / "sentencepiece.model"
    if not sp_path.is_file():
        if (package.path / "bpe.model").is_file():
            raise EngineUnavailable(
                f"{package.path}: this package uses BPE tokenization (bpe.model), which localize "
                "does not support; install a package with sentencepiece.model"
            )
        raise EngineUnavailable(
            f"{package.path}: no sentencepiece.model; reinstall the package with "
            f"{reinstall_hint(package.source, package.target)}"
        )
    import sentencepiece as spm

    try:
        return spm.SentencePieceProcessor(model_file=str(sp_path))
    except (OSError, RuntimeError) as exc:
        raise EngineUnavailable(
            f"{sp_path}: unreadable tokenizer ({exc}); reinstall the package with "
            f"{reinstall_hint(package.source, package.target)}"
        ) from None


def cuda_device_count() -> int:
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except RuntimeError:
        return 0


_CUDA_HINT = (
    "CTranslate2 from PyPI needs an NVIDIA GPU with its driver and the CUDA 12 cuBLAS "
    "libraries; use --device cpu or --device auto"
)


def _load_ctranslate2(
    package: InstalledPackage, device: str, decoding: DecodingOptions
) -> tuple[Any, str]:
    import ctranslate2

    model_dir = package.path / "model"
    if device not in DEVICES:
        raise LocalizeError(f"unknown device '{device}'; choose one of: {', '.join(DEVICES)}")
    if device == "cuda" and cuda_device_count() == 0:
        raise EngineUnavailable(f"--device cuda: no CUDA device is visible. {_CUDA_HINT}")
    candidates = ["cuda", "cpu"] if device == "auto" and cuda_device_count() > 0 else [device]
    if device == "auto" and candidates == [device]:
        candidates = ["cpu"]
    last_error = ""
    for candidate in candidates:
        try:
            model = ctranslate2.Translator(
                str(model_dir),
                device=candidate,
                compute_type=decoding.compute_type,
                # A GPU runs one batch at a time; the CPU layout does not apply to it.
                inter_threads=decoding.inter_threads if candidate == "cpu" else 1,
                intra_threads=decoding.intra_threads if candidate == "cpu" else 0,
            )
            return model, candidate
        except Exception as exc:  # CTranslate2 raises many types on bad files
            last_error = str(exc)
            if candidate == "cuda" and device == "cuda":
                raise EngineUnavailable(
                    f"--device cuda: the model in {model_dir} failed to load on CUDA "
                    f"({last_error}). {_CUDA_HINT}"
                ) from None
    raise EngineUnavailable(
        f"{model_dir}: CTranslate2 cannot load this model ({last_error}); reinstall it with "
        f"{reinstall_hint(package.source, package.target)}"
    )


class ArgosTranslator(Translator):
    """A direct pair, or two legs through the English pivot."""

    def __init__(self, pair: LanguagePair, legs: list[_Leg]) -> None:
        self.pair = pair
        self.legs = legs

    @property
    def device(self) -> str:
        return self.legs[0].device

    def translate(self, sentences: Sequence[str]) -> list[str]:
        return [alternatives[0] for alternatives in self.translate_nbest(sentences, 1)]

    def translate_nbest(self, sentences: Sequence[str], n: int) -> list[list[str]]:
        if n < 1:
            raise ValueError("n must be at least 1")
        current = list(sentences)
        # Through a pivot only the last leg yields alternatives: n x n would mostly repeat.
        for leg in self.legs[:-1]:
            current = [alts[0] for alts in leg.translate_nbest(current, 1)]
        return self.legs[-1].translate_nbest(current, n)

    def nbest_includes_best(self, n: int) -> bool:
        # With a length penalty, CTranslate2's beam search (4.x, decoding.cc) stops after
        # beam_size x patience finished hypotheses whatever num_hypotheses is: the same search,
        # the same best first. An n above the beam widens it (translate_nbest), and without a
        # penalty the search stops sooner for n = 1. Only the last leg decodes n-best. On the
        # CPU only: batches shared on a GPU were not measured.
        last = self.legs[-1].decoding
        return self.device == "cpu" and n <= last.beam_size and last.length_penalty != 0

    def translates_outside_python(self) -> bool:
        # CTranslate2 releases the GIL in translate_batch: its workers translate the next
        # batch while enforcement's Python finishes the one before, and only one first pass
        # runs ahead, so the model holds one call's batches more at most (measured in
        # bench_enforce.py and bench_argos_memory.py, issue 19). On the CPU only: a GPU's
        # memory with two calls in flight was not measured.
        return self.device == "cpu"

    def cache_location(self) -> tuple[Path, str] | None:
        """The models folder, and a key of the packages' files (by size and modification time:
        a reinstall changes them), the decoding options, the device and the code."""
        import ctranslate2

        from localize.codestamp import code_stamp

        parts: list[object] = [code_stamp(), ctranslate2.__version__, self.device]
        for leg in self.legs:
            d = leg.decoding
            parts += [
                leg.package.name,
                leg.package.version,
                leg.package.target_prefix,
                [d.beam_size, d.length_penalty, d.max_decoding_length, d.max_input_tokens],
                d.compute_type,
            ]
            for name in ("model/model.bin", "model/config.json", "sentencepiece.model"):
                try:
                    stat = (leg.package.path / name).stat()
                except OSError:
                    return None
                parts.append([name, stat.st_size, stat.st_mtime_ns])
        from localize.term_renderings import store_key

        digest = hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()
        packages = [leg.package.name for leg in self.legs]
        return self.legs[0].package.path.parent, store_key(packages, digest)

    def close(self) -> None:
        for leg in self.legs:
            leg.close()


class ArgosEngine(Engine):
    name = "argos"
    runs_on_gpu = True
    # Enough sentences per call that each worker gets full batches (64 left the last batches
    # small: +20% time against one call, measured); still a few seconds of work to resume from.
    sentences_per_call = 256

    def __init__(
        self, options: EngineOptions | None = None, decoding: DecodingOptions | None = None
    ) -> None:
        super().__init__(options)
        base = decoding or DecodingOptions()
        if self.options.batch_size:
            base = DecodingOptions(**{**base.__dict__, "batch_tokens": self.options.batch_size})
        self.decoding = base

    @property
    def models_dir(self) -> Path:
        return resolve_models_dir(self.options.models_dir)

    def translates_outside_python(self) -> bool:
        # As its translators on the CPU (ArgosTranslator.translates_outside_python). "auto" may
        # end on a GPU, where the run then only pays for leaving the notes for later (~0.6%).
        return self.options.device != "cuda"

    def version(self) -> str:
        from importlib.metadata import PackageNotFoundError, version

        try:
            argos, ct2 = _argostranslate_version(), version("ctranslate2")
        except PackageNotFoundError:
            return ""
        return f"argostranslate {argos}, ctranslate2 {ct2}"

    def _routes(self) -> dict[tuple[str, str], list[InstalledPackage]]:
        packages = installed_packages(self.models_dir)
        routes: dict[tuple[str, str], list[InstalledPackage]] = {}
        for package in packages:
            routes.setdefault((package.source, package.target), [package])
        for first in packages:
            if first.target != PIVOT:
                continue
            for second in packages:
                if second.source != PIVOT or second.target == first.source:
                    continue
                routes.setdefault((first.source, second.target), [first, second])
        return routes

    @staticmethod
    def _pair(source: str, target: str, legs: list[InstalledPackage]) -> LanguagePair:
        if len(legs) == 1:
            return LanguagePair(source, target, "argos", legs[0].name, legs[0].version)
        return LanguagePair(
            source,
            target,
            "argos",
            "+".join(p.name for p in legs),
            "+".join(p.version for p in legs),
            pivot=PIVOT,
        )

    def problems(self) -> list[str]:
        from localize.engines.argos_packages import unreadable_packages

        return unreadable_packages(self.models_dir)

    def available_pairs(self) -> list[LanguagePair]:
        return [self._pair(s, t, legs) for (s, t), legs in sorted(self._routes().items())]

    def open(self, source: str, target: str) -> Translator:
        routes = self._routes()
        legs = routes.get((source, target))
        if legs is None:
            installed = ", ".join(f"{s}->{t}" for s, t in sorted(routes)) or "none"
            raise EngineUnavailable(
                f"no Argos model for {source}->{target} in {self.models_dir} (installed: "
                f"{installed}); install one with `{install_hint(source, target)}` or "
                "`localize models install FILE.argosmodel`"
            )
        loaded: list[_Leg] = []
        try:
            for package in legs:
                loaded.append(_Leg(package, self.options.device, self.decoding))
        except BaseException:
            for leg in loaded:
                leg.close()
            raise
        return ArgosTranslator(self._pair(source, target, legs), loaded)


# The distributions that provide the argostranslate module: LibreTranslate's, which this project
# installs (no stanza -> torch chain), and the original.
_ARGOS_DISTRIBUTIONS = ("argos-translate-lt", "argostranslate")


def _argostranslate_version() -> str:
    """The version of whichever distribution provides the argostranslate module; another fork is
    found by asking every installed distribution (~0.1 s, so only when the known names fail)."""
    from importlib.metadata import PackageNotFoundError, packages_distributions, version

    for name in _ARGOS_DISTRIBUTIONS:
        try:
            return version(name)
        except PackageNotFoundError:
            continue
    providers = packages_distributions().get("argostranslate")
    if not providers:
        raise PackageNotFoundError("argostranslate")
    return version(providers[0])
