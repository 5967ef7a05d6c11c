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
    return engine_class(name)(options)


def engine_class(name: str) -> type[Engine]:
    """The class of the engine called ``name``, for what it says of itself (``runs_on_gpu``)
    before any is made."""
    try:
        target = _ENGINES[name]
    except KeyError:
        known = ", ".join(["auto", *_ENGINES])
        raise LocalizeError(f"unknown engine '{name}'; choose one of: {known}") from None
    module_name, class_name = target.split(":")
    found: type[Engine] = getattr(import_module(module_name), class_name)
    return found


def gpu_engines() -> list[str]:
    """The engines --device cuda can put on a GPU."""
    return [name for name in _ENGINES if engine_class(name).runs_on_gpu]
