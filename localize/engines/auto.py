"""``--engine auto``: the best engine installed for a pair.

Argos (neural) translates better than Apertium (rule-based) wherever it has a model, so it is
preferred; Apertium covers the pairs Debian packages without any model download. Pseudo is
never chosen: it is a testing tool, not a translation.
"""

from __future__ import annotations

from localize.engines.base import Engine, EngineOptions, LanguagePair
from localize.engines.registry import get_engine
from localize.errors import EngineUnavailable
from localize.languages import base_language

PREFERENCE = ("argos", "apertium")
HOW_TO_INSTALL = {
    "argos": "localize models install FILE.argosmodel",
    "apertium": "apt-get install apertium apertium-eng-spa (or apertium-eng-cat, apertium-en-gl)",
}


# The Apertium language pairs with English that Debian packages (apt-cache search apertium-).
_APERTIUM_PACKAGES = {
    frozenset({"en", "es"}): "apertium-eng-spa",
    frozenset({"en", "ca"}): "apertium-eng-cat",
    frozenset({"en", "gl"}): "apertium-en-gl",
}


def install_hint(source: str, target: str) -> str:
    """How to get an engine for source->target: an Argos package always, Apertium where Debian
    packages the pair (never a Spanish package for a Chinese catalog)."""
    src, tgt = base_language(source), base_language(target)
    hint = (
        f"install an Argos {src}->{tgt} package: `localize models install {src} {tgt}` where "
        f"the Argos package index is reachable, else `localize models install "
        f"translate-{src}_{tgt}-VERSION.argosmodel` with the file fetched on a connected machine"
    )
    package = _APERTIUM_PACKAGES.get(frozenset({src, tgt}))
    if package:
        hint += f", or `apt-get install apertium {package}`"
    return hint


def serves(pairs: list[LanguagePair], source: str, target: str) -> bool:
    """Whether one of ``pairs`` translates source->target (regional variants use the base)."""
    exact = {(p.source.lower(), p.target.lower()) for p in pairs}
    base = {(base_language(p.source), base_language(p.target)) for p in pairs}
    return (source.lower(), target.lower()) in exact or (
        base_language(source),
        base_language(target),
    ) in base


def choose_engine(source: str, target: str, options: EngineOptions | None = None) -> Engine:
    """The preferred engine that has the pair installed, or an error listing what there is."""
    found: dict[str, list[LanguagePair]] = {}
    skipped: list[str] = []
    for name in PREFERENCE:
        # ``serves`` first: an engine may tell it without all that ``available_pairs`` gives
        # (Apertium's pair versions ask dpkg), which only the error below lists.
        try:
            engine = get_engine(name, options)
            if engine.serves(source, target):
                return engine
            found[name] = engine.available_pairs()
        except (ImportError, EngineUnavailable):  # not even loadable here: nothing installed
            found[name] = []
            continue
        skipped += engine.problems()
    installed = "; ".join(
        f"{name}: {', '.join(f'{p.source}->{p.target}' for p in pairs) or 'none'}"
        for name, pairs in found.items()
    )
    damaged = f"; skipped: {'; '.join(skipped)}" if skipped else ""
    raise EngineUnavailable(
        f"no engine installed for {source}->{target} (installed: {installed}); "
        f"{install_hint(source, target)}{damaged}"
    )
