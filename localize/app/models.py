"""models list / install: the Argos packages installed here and those the index offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from localize.engines import argos_packages as packages
from localize.errors import LocalizeError

LIST_INDEX_TIMEOUT = 3.0  # listing is informative: do not make users wait for a dead network


@dataclass
class ModelListing:
    models_dir: Path
    installed: list[packages.InstalledPackage] = field(default_factory=list)
    # None when the index was not asked (--offline) or not reachable (then index_error says why).
    available: list[packages.IndexPackage] | None = None
    index_error: str = ""

    @property
    def offered(self) -> list[packages.IndexPackage]:
        """What the index has beyond the installed pairs."""
        have = {(p.source, p.target) for p in self.installed}
        return [p for p in self.available or [] if (p.source, p.target) not in have]


def model_listing(models_dir: Path | None, index_url: str | None, offline: bool) -> ModelListing:
    directory = packages.resolve_models_dir(models_dir)
    listing = ModelListing(directory, packages.installed_packages(directory))
    if not offline:
        try:
            listing.available = packages.fetch_index(index_url, timeout=LIST_INDEX_TIMEOUT)
        except LocalizeError as error:
            listing.index_error = str(error)
    return listing


def install_model(
    source: str,
    target: str | None,
    models_dir: Path | None,
    index_url: str | None,
    force: bool,
) -> packages.InstalledPackage:
    """Install the package file ``source``, or download the pair source->target."""
    directory = packages.resolve_models_dir(models_dir)
    as_file = Path(source)
    if target is None:
        if not source.endswith(".argosmodel") and not as_file.exists():
            raise LocalizeError(
                f"'{source}': give an .argosmodel file, or two language codes such as: "
                "localize models install en es"
            )
        return packages.install_file(as_file, directory, force=force)
    return packages.install_from_index(source, target, directory, url=index_url, force=force)
