"""Which engine translates each target language of a run: the one named, or for ``auto`` the
best installed (``engines.auto``), checked to serve the pair without loading any model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from localize.languages import base_language

if TYPE_CHECKING:
    from localize.app.results import MachineTranslation
    from localize.engines.base import Engine


def engines_for(
    mt: MachineTranslation, source: str, langs: list[str]
) -> tuple[dict[str, Engine], dict[str, str]]:
    """The engine for each target language, checked to serve the pair (no model is loaded), and
    for each language no engine serves, why and how to add one. A missing pair is no reason to
    refuse the run: that language's catalog is still written, for translators to fill."""
    from localize.engines.auto import choose_engine, install_hint
    from localize.engines.registry import get_engine
    from localize.errors import EngineUnavailable

    engines: dict[str, Engine] = {}
    missing: dict[str, str] = {}
    for lang in langs:
        src, tgt = base_language(source), base_language(lang)
        if mt.engine == "auto":
            try:
                engines[lang] = choose_engine(src, tgt, mt.options)
            except EngineUnavailable:
                missing[lang] = f"no engine for {src}->{tgt}; {install_hint(src, tgt)}"
                continue
            _refuse_cpu_only_for_cuda(engines[lang], mt.options.device, src, tgt)
            continue
        engine = get_engine(mt.engine, mt.options)
        if engine.serves(src, tgt):
            engines[lang] = engine
        else:
            missing[lang] = engine.missing_pair(src, tgt)
    return engines, missing


def _refuse_cpu_only_for_cuda(engine: Engine, device: str, src: str, tgt: str) -> None:
    """--device cuda with --engine auto is refused when auto picks an engine that has no GPU
    (Apertium), as --engine apertium --device cuda is: a run that asked for a GPU should not
    believe it got one. --device auto asks for the GPU only where there is one to use."""
    from localize.errors import LocalizeError

    if device == "cuda" and not engine.runs_on_gpu:
        raise LocalizeError(
            f"--device cuda: --engine auto chose the {engine.name} engine for {src}->{tgt}, which "
            f"does not run on a GPU; install an Argos {src}->{tgt} model (`localize models "
            f"install {src} {tgt}`), or use --device auto (the CPU where there is no GPU model)"
        )
