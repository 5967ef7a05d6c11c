"""The Argos-sized benchmark model, built once into bench/out/ (not committed) and shared by
the benchmarks: tests/fixtures/make_model.py --size argos."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

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
