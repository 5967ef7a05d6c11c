"""Engine names to classes, imported only when used so that commands which do not translate
never pay for ctranslate2 or a subprocess probe."""

from __future__ import annotations

from importlib import import_module

from localize.engines.base import Engine, EngineOptions
from localize.errors import LocalizeError

_ENGINES: dict[str, str] = {
    "argos": "localize.engines.argos:ArgosEngine",
    "apertium": "localize.engines.apertium:ApertiumEngine",
    "pseudo": "localize.engines.pseudo:PseudoEngine",
    "libretranslate": "localize.engines.libretranslate:LibreTranslateEngine",
}


def engine_names() -> list[str]:
    return list(_ENGINES)


def get_engine(name: str, options: EngineOptions | None = None) -> Engine:
    """Instantiate the engine called ``name``."""
    try:
        target = _ENGINES[name]
    except KeyError:
        known = ", ".join(["auto", *_ENGINES])
        raise LocalizeError(f"unknown engine '{name}'; choose one of: {known}") from None
    module_name, class_name = target.split(":")
    engine_class = getattr(import_module(module_name), class_name)
    return engine_class(options)
