"""The Argos-sized benchmark model, built once into bench/out/ (not committed) and shared by
the benchmarks: tests/fixtures/make_model.py --size argos."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
PACKAGE = OUT / "translate-en_es-argos.argosmodel"
sys.path.insert(0, str(REPO / "tests" / "fixtures"))


def _is_current(path: Path, vocab: int) -> bool:
    """A package built by an older make_model (small vocabulary, no MiniSBD model) is rebuilt."""
    import sentencepiece as spm

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            top = names[0].split("/")[0]
            tokenizer = archive.read(f"{top}/sentencepiece.model")
    except (OSError, KeyError, IndexError, zipfile.BadZipFile):
        return False
    pieces = spm.SentencePieceProcessor(model_proto=tokenizer).get_piece_size()
    return pieces == vocab and f"{top}/minisbd/rules.onnx" in names


def bench_package() -> Path:
    import make_model

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / ".gitignore").write_text("*\n")
    if not _is_current(PACKAGE, make_model.SIZES["argos"].vocab):
        print("building the Argos-sized bench model (once, about 2 minutes)...", flush=True)
        try:
            make_model.build("argos", PACKAGE)
        except make_model.MissingDependency as exc:
            raise SystemExit(f"bench_translate: {exc}") from None
    return PACKAGE


@contextmanager
def installed_bench_model(prefix: str) -> Iterator[Path]:
    """A models folder with the bench model installed as ``localize models install`` installs
    it, in a temporary folder removed afterwards (the package unpacked weighs about 90 MB), for
    the benches that run the engine in child processes."""
    from localize.engines.argos_packages import install_file

    home = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        models = home / "packages"
        install_file(bench_package(), models)
        yield models
    finally:
        shutil.rmtree(home, ignore_errors=True)


def isolated_argos_home(prefix: str, threads: int, beam: int) -> Path:
    """Point argostranslate's directories and settings at a fresh temporary folder, removed
    however the run ends (the installed packages weigh about 90 MB), and return its packages
    folder. argostranslate reads these from the environment when first imported: call this
    before anything imports it."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    models = home / "packages"
    os.environ.update(
        {
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "ARGOS_PACKAGES_DIR": str(models),
            "ARGOS_DEVICE_TYPE": "cpu",
            "ARGOS_INTRA_THREADS": str(threads),
            "ARGOS_INTER_THREADS": "1",
            "ARGOS_BEAM_SIZE": str(beam),
        }
    )
    return models


def raw_translate_batch(model: Any, tokenized: list[list[str]], decoding: Any, beam: int) -> list:
    """CTranslate2's ``translate_batch`` alone on pre-tokenized sentences, with the engine's
    token batches and decoding options: the baseline the benches compare localize against."""
    return model.translate_batch(
        tokenized,
        max_batch_size=decoding.batch_tokens,
        batch_type="tokens",
        beam_size=beam,
        length_penalty=decoding.length_penalty,
        max_decoding_length=decoding.max_decoding_length,
        replace_unknowns=True,
    )
