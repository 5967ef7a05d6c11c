"""models list / install / remove: the Argos packages installed here and those the index offers."""

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


def remove_model(
    source: str, target: str | None, models_dir: Path | None
) -> packages.InstalledPackage:
    """Uninstall the package for the pair source->target, or the package named ``source`` (the
    name ``models list`` shows), and drop the term renderings kept for it beside the models."""
    directory = packages.resolve_models_dir(models_dir)
    installed = packages.installed_packages(directory)
    if target is None:
        found = next((p for p in installed if p.name == source), None)
        problem, fix = (
            f"no package named '{source}'",
            "name one as localize models list shows it, or give two language codes such as: "
            "localize models remove en es",
        )
    else:
        found = next((p for p in installed if (p.source, p.target) == (source, target)), None)
        problem, fix = f"{source}->{target} is not installed", "see: localize models list"
    if found is None:
        have = ", ".join(f"{p.pair} ({p.name})" for p in installed) or "none"
        raise LocalizeError(f"{directory}: {problem} (installed: {have}); {fix}")
    from argostranslate.package import Package, uninstall

    try:
        uninstall(Package(found.path))
    except OSError as exc:
        raise LocalizeError(
            f"{found.path}: cannot remove the package ({exc.strerror or exc}); check the "
            "folder's permissions"
        ) from None
    from localize.term_renderings import forget_package

    forget_package(directory, found.name)
    return found
