# ruff: noqa: F811  (pytest fixtures imported from argos_fixtures are redefined as arguments)
"""The Argos engine on a real (tiny, copying) Argos package through the production path."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from localize.engines.argos import (
    ArgosEngine,
    DecodingOptions,
    _batch_count,
    balanced_batch_tokens,
    cuda_device_count,
    split_text,
)
from localize.engines.argos_packages import install_file
from localize.engines.base import EngineOptions
from localize.errors import EngineUnavailable, LocalizeError

from argos_fixtures import (  # noqa: F401
    REPO,
    TINY_SOURCES,
    TINY_TRANSLATIONS,
    engine,
    models_dir,
    tiny_model,
    unshare_available,
)


def test_translates_batch_with_swapped_words_and_exact_copy(engine: ArgosEngine) -> None:
    translator = engine.open("en", "es")
    assert translator.translate(TINY_SOURCES) == TINY_TRANSLATIONS
    assert translator.describe() == "argos translate-en_es-tiny 0.1"
    assert translator.device == "cpu"
    translator.close()


def test_nbest_offers_alternatives_best_first(engine: ArgosEngine) -> None:
    translator = engine.open("en", "es")
    [alternatives] = translator.translate_nbest(["for the sake of peace"], 3)
    assert alternatives[0] == "for the sake of paz"
    assert alternatives[1] == "for the sake of peace"
    assert len(alternatives) == 3


def test_long_sentence_is_split_and_rejoined_never_truncated(engine: ArgosEngine) -> None:
    # 300 tokens: beyond the model's 258 positions, so an unsplit sentence would fail outright.
    words = " ".join(f"word{i % 10}, and house" for i in range(60))
    long_sentence = f"{words} end."
    translator = engine.open("en", "es")
    assert len(translator.legs[0].tokens(long_sentence)) > 200
    [result] = translator.translate([long_sentence])
    assert result == long_sentence.replace("house", "casa")


def test_output_reaching_the_decoding_limit_is_retranslated_in_parts(models_dir: Path) -> None:
    decoding = DecodingOptions(max_decoding_length=12, max_input_tokens=100)
    translator = ArgosEngine(EngineOptions(models_dir=models_dir), decoding).open("en", "es")
    sentence = "The minister and the envoy signed the agreement on the cat and the house."
    assert len(translator.legs[0].tokens(sentence)) > 12
    assert translator.translate([sentence]) == [
        "The ministro and the envoy signed the acuerdo on the gato and the casa."
    ]


@pytest.mark.parametrize(
    "lengths",
    [[4] * 79, [3, 5, 12, 8], [60, 55, 50, 48, 47, 47], [36] * 227, [40] * 256, [7, 150, 9, 30]],
)
def test_batches_are_cut_for_every_worker(lengths: list[int]) -> None:
    # A small call (term renderings, the masked second pass) must not be one batch that keeps
    # one worker busy while the other waits; a large one must not end with a short last batch.
    size = balanced_batch_tokens(lengths, 2048, 2)
    assert size <= 2048
    assert _batch_count(lengths, size) % 2 == 0
    assert _batch_count(lengths, size) <= -(-_batch_count(lengths, 2048) // 2) * 2
    assert balanced_batch_tokens(lengths, 2048, 1) == 2048  # one worker (and CUDA): as asked


def test_a_single_sentence_keeps_the_configured_batch_size() -> None:
    assert balanced_batch_tokens([200], 2048, 2) == 2048


def test_split_text_prefers_clause_breaks_and_keeps_every_character() -> None:
    text = "First clause with words, second clause with more words and an ending"
    parts = split_text(text, lambda t: len(t) > 40)
    assert parts[0] == "First clause with words,"
    assert " ".join(parts) == text
    unspaced = "\u4e2d" * 30
    assert "".join(split_text(unspaced, lambda t: len(t) > 8)) == unspaced


def test_unknown_pair_lists_installed_pairs_and_install_command(engine: ArgosEngine) -> None:
    with pytest.raises(EngineUnavailable) as caught:
        engine.open("en", "fr")
    message = str(caught.value)
    assert "en->es" in message and "localize models install en fr" in message


def test_english_pivot_is_used_and_described(tmp_path: Path, tiny_model: Path) -> None:
    # A second package es->en built from the same weights: es->en->es is not offered, but a
    # fr->en package plus en->es gives fr->es through English.
    directory = tmp_path / "models"
    install_file(tiny_model, directory)
    fr_en = _relabelled_copy(tiny_model, tmp_path / "fr_en.argosmodel", "fr", "en")
    install_file(fr_en, directory)
    engine = ArgosEngine(EngineOptions(models_dir=directory))
    pairs = {(p.source, p.target): p for p in engine.available_pairs()}
    assert pairs[("fr", "es")].pivot == "en"
    assert pairs[("en", "es")].pivot is None
    translator = engine.open("fr", "es")
    # Both legs copy and swap; the second leg swaps nothing new, so the result is one swap.
    assert translator.translate(["the cat"]) == ["the gato"]
    assert "pivot en" in translator.describe()
    assert translator.pair.pivot == "en"


def test_a_pivot_run_says_once_that_the_english_glossary_gives_no_terms(
    tmp_path: Path, tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fr->en->es with the shipped glossary (source_language: en): the terms are English, the
    article French; the run says so once, naming the glossary, instead of looking like one
    that applied terminology."""
    from localize.glossary import shipped_path

    from conftest import run_cli

    directory = tmp_path / "models"
    install_file(tiny_model, directory)
    install_file(_relabelled_copy(tiny_model, tmp_path / "fr_en.argosmodel", "fr", "en"), directory)
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(directory))
    monkeypatch.chdir(tmp_path)
    Path("article.txt").write_text(
        "Le ministre des Affaires étrangères a rencontré ses homologues à Douchanbé.\n\n"
        "La coopération entre les États membres de l'OCS est importante.\n",
        encoding="utf-8",
    )
    done = run_cli("translate", "article.txt", "--lang", "fr", "--to", "es", "--engine", "argos")
    assert done.exit_code == 0, done.stderr
    assert "pivot en" in done.stdout + done.stderr
    warned = [line for line in done.stderr.splitlines() if "source_language" in line]
    assert warned == [
        f"warning: {shipped_path()} is written for en sources (source_language: en), the "
        "article is fr: its en terms are looked for in fr text, so fr->es gets little or no "
        "terminology (an engine translating through en on the way does not change that); give "
        "a glossary whose source_language is fr with --glossary"
    ]
    # An English article with the same glossary is what it is written for: no warning.
    Path("english.txt").write_text("The cat sat in the house.\n", encoding="utf-8")
    done = run_cli("translate", "english.txt", "--to", "es", "--engine", "argos")
    assert done.exit_code == 0, done.stderr
    assert "source_language" not in done.stderr


def _relabelled_copy(source: Path, output: Path, src: str, tgt: str) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(output, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            name = info.filename.replace("translate-en_es-tiny", f"translate-{src}_{tgt}-tiny")
            if name.endswith("metadata.json"):
                meta = json.loads(data)
                meta.update(from_code=src, to_code=tgt)
                data = json.dumps(meta).encode()
            zout.writestr(name, data)
    return output


def test_cuda_requested_without_gpu_is_a_clear_error(models_dir: Path) -> None:
    if cuda_device_count() > 0:
        pytest.skip("a CUDA device is present: the error path cannot be exercised here")
    engine = ArgosEngine(EngineOptions(models_dir=models_dir, device="cuda"))
    with pytest.raises(EngineUnavailable) as caught:
        engine.open("en", "es")
    assert "--device cpu" in str(caught.value) and "CUDA" in str(caught.value)


def test_auto_device_falls_back_to_cpu_without_gpu(models_dir: Path) -> None:
    translator = ArgosEngine(EngineOptions(models_dir=models_dir, device="auto")).open("en", "es")
    expected = "cuda" if cuda_device_count() > 0 else "cpu"
    assert translator.device == expected
    assert translator.translate(["the world"]) == ["the mundo"]


def test_unknown_device_is_rejected(models_dir: Path) -> None:
    with pytest.raises(LocalizeError, match="unknown device 'tpu'"):
        ArgosEngine(EngineOptions(models_dir=models_dir, device="tpu")).open("en", "es")


def test_models_dir_from_environment(models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(models_dir))
    assert [str(p) for p in ArgosEngine().available_pairs()] == [
        "en->es (argos translate-en_es-tiny 0.1)"
    ]


def test_damaged_installed_model_gives_reinstall_hint(models_dir: Path) -> None:
    (models_dir / "translate-en_es-tiny" / "model" / "model.bin").write_bytes(b"\0" * 10)
    # The hint works offline: the index is not the only place a package comes from.
    with pytest.raises(EngineUnavailable, match=r"models install FILE\.argosmodel --force"):
        ArgosEngine(EngineOptions(models_dir=models_dir)).open("en", "es")


def test_bpe_package_is_refused_clearly(models_dir: Path) -> None:
    package = models_dir / "translate-en_es-tiny"
    (package / "sentencepiece.model").rename(package / "bpe.model")
    with pytest.raises(EngineUnavailable, match="BPE"):
        ArgosEngine(EngineOptions(models_dir=models_dir)).open("en", "es")


_OFFLINE_SCRIPT = textwrap.dedent(
    """
    import socket, sys
    from pathlib import Path
    # Prove the namespace really has no network before trusting the result.
    try:
        socket.create_connection(("1.1.1.1", 53), timeout=2)
        sys.exit("network reachable: test is meaningless")
    except OSError:
        pass
    from localize.engines.argos import ArgosEngine
    from localize.engines.base import EngineOptions
    engine = ArgosEngine(EngineOptions(models_dir=Path(sys.argv[1])))
    print(engine.open("en", "es").translate(["The cat and the house."])[0])
    """
)


def test_translation_runs_with_the_network_disabled(models_dir: Path, tmp_path: Path) -> None:
    reason = unshare_available()
    if reason:
        pytest.skip(f"cannot disable the network for a subprocess: {reason}")
    env_home = tmp_path / "home"
    env_home.mkdir()
    result = subprocess.run(
        ["unshare", "-n", sys.executable, "-c", _OFFLINE_SCRIPT, str(models_dir)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "HOME": str(env_home)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "The gato and the casa."
