"""What a PyPI install of localize brings: the environment the tests run in was installed from
pyproject.toml by scripts/setup.sh, so its distributions are what the dependency list resolves to."""

from __future__ import annotations

import re
from importlib import metadata

# argostranslate 1.11 pulls these through stanza (torch with CUDA: about 6 GB). localize depends on
# argos-translate-lt, whose argostranslate module needs none of them.
HEAVY = re.compile(r"^(torch|torchvision|triton|stanza|spacy|nvidia-.*|cuda-.*)$")


def _installed() -> set[str]:
    names = {dist.metadata["Name"] for dist in metadata.distributions()}
    return {re.sub(r"[-_.]+", "-", name).lower() for name in names if name}


def test_no_heavy_package_is_installed() -> None:
    installed = _installed()
    assert "localize-newsroom" in installed  # the resolution below is localize's own
    assert sorted(name for name in installed if HEAVY.match(name)) == []


def test_argostranslate_comes_from_the_light_distribution() -> None:
    installed = _installed()
    assert "argos-translate-lt" in installed
    assert "argostranslate" not in installed
    requires = metadata.requires("localize-newsroom") or []
    assert any(r.startswith("argos-translate-lt") for r in requires)
    assert not any(re.match(r"argostranslate\b", r) for r in requires)
